"""Reading files back: encodings, CSV, TSV and TBX into data/ documents, errors saying where."""

from __future__ import annotations

import codecs

import pytest

from glossary.exchange import decoding, wording
from glossary.exchange import formats as readers
from glossary.exchange.formats import csv, tbx, tsv
from glossary.exchange.formats.records import keyed
from glossary.exchange.importer import InvalidData
from glossary.exchange.wording import Refusal
from glossary.messages import Problem
from glossary.model import SOURCE_FIELDS
from tests.factories import PERSON, PERSON_TBX

TODAY = "2026-06-02"
SIMPLIFIED_CSV = (
    "english,simplified\r\n"
    "Xie Feng,谢锋\r\n"
    "Fu Ying,傅莹\r\n"
    "Chinese Academy of Social Sciences,中国社会科学院\r\n"
    "global South,全球南方\r\n"
)
TRADITIONAL_TSV = (
    "Tsai Ing-wen\t蔡英文\n"
    "Executive Yuan\t行政院\n"
    "Ministry of Foreign Affairs\t外交部\n"
    "artificial intelligence\t人工智慧\n"
)


def read_csv(text: str) -> readers.Parsed:
    """Read CSV text as a file without a name (its rows cite no file)."""
    return csv.read(text.encode(), readers.Reading("", ""))


def read_tsv(text: str, name: str, today: str, **languages: str) -> readers.Parsed:
    return tsv.read(text.encode(), readers.Reading(name, today, **languages))


def problems(call) -> list[str]:
    with pytest.raises(InvalidData) as raised:
        call()
    return raised.value.errors


# Encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (SIMPLIFIED_CSV.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + SIMPLIFIED_CSV.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF16_LE + SIMPLIFIED_CSV.encode("utf-16-le"), "UTF-16"),
        (codecs.BOM_UTF16_BE + SIMPLIFIED_CSV.encode("utf-16-be"), "UTF-16"),
        (SIMPLIFIED_CSV.encode("utf-16-le"), "UTF-16"),  # no byte-order mark
        (SIMPLIFIED_CSV.encode("utf-16"), "UTF-16"),
        (SIMPLIFIED_CSV.encode("gb18030"), "GB18030"),
        (SIMPLIFIED_CSV.encode("gbk"), "GB18030"),
    ],
)
def test_encodings_that_are_read(raw, name):
    assert decoding.decode(raw) == (SIMPLIFIED_CSV, name)


def test_big5_is_read():
    assert decoding.decode(TRADITIONAL_TSV.encode("big5")) == (TRADITIONAL_TSV, "Big5")


@pytest.mark.parametrize(
    "raw",
    [
        b"english,simplified\nX,\x80\x80\xff\n",  # no Chinese encoding has these bytes
        "english\ncafé résumé naïve\n".encode("latin-1"),  # Latin-1: reads as rare characters
        b"a\x00b\x00c",  # NUL bytes, odd length: not UTF-16
    ],
)
def test_undecodable_files_are_refused_with_a_clear_message(raw):
    with pytest.raises(decoding.Undecodable, match="not UTF-8 or UTF-16|NUL"):
        decoding.decode(raw)


@pytest.mark.parametrize("format", ["csv", "tsv", "tbx", "json"])
def test_a_refused_file_is_named(format):
    [error] = problems(lambda: readers.read(b"\x80\x80\xff", format, "names.x", TODAY))
    assert error.startswith("names.x: the file is not UTF-8 or UTF-16")
    assert "save it as UTF-8" in error


def test_a_bad_byte_order_mark_is_refused():
    with pytest.raises(decoding.Undecodable, match="UTF-16 byte-order mark"):
        decoding.decode(codecs.BOM_UTF16_LE + b"\x00\xd8")


# CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("'=1+1", "=1+1"),
        ("'+86", "+86"),
        ("''=x", "'=x"),
        ("'tis", "'tis"),
        ("'", "'"),
        ("=1+1", "=1+1"),  # not written by us, kept as it is
    ],
)
def test_the_apostrophe_is_taken_off_only_where_it_was_added(cell, value):
    assert csv.restored(cell) == value


@pytest.mark.parametrize(
    ("column", "field"),
    [
        # the glossary's own columns, a source's up to the 99th
        ("english", "english"),
        ("source_2_title", "source_2_title"),
        ("source_99_url", "source_99_url"),
        ("source_100_title", None),
        ("source_0_title", None),
        ("source_1_colour", None),
        # memoQ's: an entry's note and subject, a column per language and its definition
        ("entry_note", "notes"),
        ("entry_subject", "tags"),
        ("entry_id", None),
        ("term_info", None),
        ("english_def", "description"),
        ("chinese_prc_def", None),
        ("zh_def", None),
        # language columns: English, else Chinese in the script its region or script says
        ("en", "english"),
        ("eng", "english"),
        ("en-us", "english"),
        ("zh", "simplified"),
        ("zho", "simplified"),
        ("chi", "simplified"),
        ("chinese_prc", "simplified"),
        ("zh-hans", "simplified"),
        ("chinese_taiwan", "traditional"),
        ("zh-hk", "traditional"),
        ("zh-mo", "traditional"),
        ("zh-macau", "traditional"),
        ("zh-tw", "traditional"),
        ("chinese_hong_kong", "traditional"),
        ("chinese_macao", "traditional"),
        ("chinese_traditional", "traditional"),
        ("zh_hant", "traditional"),
        ("fr", None),
        ("123", None),
    ],
)
def test_the_field_each_csv_column_fills(column, field):
    assert csv._field(column) == field


def test_a_list_cell_is_split_at_bars_between_spaces():
    assert csv.split_list("a|b | c |  c | ") == ["a|b", "c"]


def test_a_minimal_csv_row():
    parsed = read_csv("english,simplified,aliases\nXie Feng,谢锋,XIE Feng | 谢大使\n")
    assert parsed.document["entries"] == [
        {
            "key": "csv-xie-feng",
            "kind": "term",
            "english": "Xie Feng",
            "simplified": "谢锋",
            "verified": False,
            "traditional": None,
            "pinyin": None,
            "romanization": None,
            "romanization_system": None,
            "description": None,
            "notes": None,
            "aliases": ["XIE Feng", "谢大使"],
            "tags": [],
            "related": [],
            "sources": [],
        }
    ]
    assert parsed.places == ["line 2"]


def test_a_csv_row_without_english_or_sources_cites_the_file_with_its_chinese():
    """The importer then refuses it for its English; the source is as for any row."""
    raw = "english,simplified\n,谢锋\n".encode()
    [record] = readers.read(raw, "csv", "x.csv", TODAY).document["entries"]
    assert (record["english"], record["sources"]) == (
        "",
        [{"quote": "谢锋", "title": "x.csv", "published": TODAY}],
    )


def test_a_term_column_that_comes_again_adds_aliases_and_another_column_keeps_its_first():
    """memoQ writes a term's synonyms in repeated term columns: in English, simplified or
    traditional Chinese; any other column repeated keeps its first non-empty cell."""
    text = (
        "english,simplified,simplified,traditional,traditional,notes,notes,aliases\n"
        "Xie Feng,谢锋,谢峰,謝鋒,謝峰,,first,XIE Feng\n"
        "Fu Ying,傅莹,,傅瑩,,second,third,\n"
    )
    xie, fu = read_csv(text).document["entries"]
    assert (xie["aliases"], xie["traditional"], xie["notes"]) == (
        ["XIE Feng", "谢峰", "謝峰"],
        "謝鋒",
        "first",
    )
    assert (fu["aliases"], fu["notes"]) == ([], "second")


def test_empty_rows_are_read_past_and_every_row_too_wide_is_named():
    rows = read_csv("english,simplified\nXie Feng,谢锋\n,\n\nFu Ying,傅莹\n").document["entries"]
    assert [r["english"] for r in rows] == ["Xie Feng", "Fu Ying"]
    assert problems(lambda: read_csv("english,simplified\nA,甲,x\nB,乙\nC,丙,y\n")) == [
        "line 2: 3 cells, but only 2 columns",
        "line 4: 3 cells, but only 2 columns",
    ]
    assert problems(
        lambda: read_csv("english,simplified,verified\nA,甲,x\nB,乙,yes\nC,丙,y\n")
    ) == [
        "line 2, field 'verified': must be yes or no",
        "line 4, field 'verified': must be yes or no",
    ]


@pytest.mark.parametrize(
    ("text", "english", "notes"),
    [
        # the cells' semicolons do not count: the header's commas say the separator
        ("english,simplified,notes\nXie Feng,谢锋,a;b;c;d;e;f\n", "Xie Feng", "a;b;c;d;e;f"),
        # nor does a semicolon in a column's name, among more commas
        ("english,simplified,Reviewer;note,notes\nXie Feng,谢锋,ok,n\n", "Xie Feng", "n"),
        # a line break inside a quoted cell is kept as written
        ('english,simplified,notes\r\nXie Feng,谢锋,"one\r\ntwo"\r\n', "Xie Feng", "one\r\ntwo"),
    ],
)
def test_the_separator_is_the_headers_and_quoted_cells_keep_their_line_breaks(text, english, notes):
    [record] = read_csv(text).document["entries"]
    assert (record["english"], record["notes"]) == (english, notes)


def test_an_empty_csv_file_is_refused_for_the_columns_it_lacks():
    assert problems(lambda: read_csv("")) == [
        "line 1, field 'english': the column is missing",
        "line 1, field 'simplified': the column is missing",
    ]


def test_a_semicolon_header_whose_first_column_has_a_space_is_read_with_semicolons():
    text = "Reviewer note;english;simplified\nchecked;Xie Feng;谢锋\n"
    [record] = read_csv(text).document["entries"]
    assert (record["english"], record["simplified"]) == ("Xie Feng", "谢锋")


def test_a_csv_row_is_read_with_every_field_and_its_sources():
    """PERSON as csv.write writes it."""
    sources = [f"source_{n}_{name}" for n in (1, 2) for name in SOURCE_FIELDS]
    text = "\ufeff" + "\r\n".join(
        [
            ",".join([*csv.ENTRY_COLUMNS, *sources]),
            "xie-feng,person,Xie Feng,谢锋,,Xiè Fēng,XIE Feng | NC3 | 谢大使 | 謝大使,Hsieh Feng,"
            "Wade–Giles,Chinese Ambassador to the United States.,Not 峰.,diplomacy | china-us,"
            "preferred,yes,mofa,"
            "Xie Feng spoke.,,Notes,Press,https://a.org/x,2026-05,2026-06-01,"
            "He spoke again.,他又说了。,Daily,,,2026,",
            "",
        ]
    )
    parsed = csv.read(text.encode(), readers.Reading("x.csv", TODAY))
    assert parsed.document == {
        "format": "glossary/1",
        "entries": [
            {
                "key": "xie-feng",
                "kind": "person",
                "english": "Xie Feng",
                "simplified": "谢锋",
                "verified": True,
                "traditional": None,
                "pinyin": "Xiè Fēng",
                "romanization": "Hsieh Feng",
                "romanization_system": "Wade–Giles",
                "description": "Chinese Ambassador to the United States.",
                "notes": "Not 峰.",
                "aliases": ["XIE Feng", "NC3", "谢大使", "謝大使"],
                "tags": ["diplomacy", "china-us"],
                "related": ["mofa"],
                "sources": PERSON["sources"],
                "status": "preferred",
            }
        ],
    }
    assert (parsed.places, parsed.warnings, parsed.columns, parsed.kinds) == (
        ["line 2"],
        [],
        True,
        True,
    )


def test_semicolons_separate_cells_where_excel_writes_them():
    parsed = read_csv("english;simplified;tags\nXie Feng;谢锋;a, b | c\n")
    [record] = parsed.document["entries"]
    assert (record["english"], record["simplified"], record["tags"]) == (
        "Xie Feng",
        "谢锋",
        ["a, b", "c"],
    )


def test_a_line_number_counts_line_breaks_inside_cells():
    text = 'english,simplified,notes\nA,甲,"one\ntwo\nthree"\n\nB,乙,x\n'
    assert read_csv(text).places == ["line 2", "line 6"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # an unknown column is read past (with a warning); a missing one is a problem
        ("english,colour\nX,red\n", "line 1, field 'simplified': the column is missing"),
        ("english\nX\n", "line 1, field 'simplified': the column is missing"),
        ("english,simplified,verified\nX,谢,yes\nY,锋,maybe\n", "line 3, field 'verified': must"),
        ("english,simplified\nX,谢,extra\n", "line 2: 3 cells, but only 2 columns"),
    ],
)
def test_csv_problems_name_the_line_and_field(text, message):
    assert any(e.startswith(message) for e in problems(lambda: read_csv(text)))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('english,simplified\nA,甲\nB,"' + "x" * 200_000 + '"\nC,丙\n', 3),
        ('"' + "x" * 200_000 + '",simplified\nA,甲\n', 1),
    ],
)
def test_a_cell_past_pythons_csv_limit_ends_the_reading_at_its_line(text, line):
    assert problems(lambda: read_csv(text)) == [
        f"line {line}: the CSV cannot be read from here on (field larger than field limit (131072))"
    ]


def test_importer_problems_are_placed_at_their_lines_and_columns():
    parsed = read_csv("english,simplified\nA,甲\nB,乙\n")
    date = Problem(("sources", 0, "published"), "must be a real date: YYYY, YYYY-MM or YYYY-MM-DD")
    alias = Problem(("aliases", 3), "must be at most %(max)s characters long", {"max": 500})
    refusals = [Refusal(1, "csv-b", date, "2026-13"), Refusal(0, "csv-a", alias, "x", 501)]
    located = [parsed.located().locate(refusal) for refusal in refusals]
    assert wording.say(located) == [
        "line 3, column source_1_published: '2026-13' is not a real date such as 2026, 2026-05"
        " or 2026-05-12",
        "line 2, column aliases: alias 4: 501 characters, more than the 500 allowed",
    ]


def test_generated_keys_are_unique():
    parsed = read_csv("english,simplified\nAI safety,人工智能安全\nAI safety,人工智能安全\n")
    assert [r["key"] for r in parsed.document["entries"]] == ["csv-ai-safety", "csv-ai-safety-2"]


def test_a_generated_key_gives_way_to_a_key_the_file_gives():
    text = "key,english,simplified\n,Xie Feng,谢锋\ncsv-xie-feng,Xie Feng,谢锋\n"
    assert [r["key"] for r in read_csv(text).document["entries"]] == [
        "csv-xie-feng-2",
        "csv-xie-feng",
    ]


def test_a_made_key_is_at_most_90_characters_whatever_the_formats_name():
    record = {"key": "", "english": "a" * 80, "simplified": "甲"}
    parsed = keyed([(record, "line 1")], "spreadsheets")  # a format registered elsewhere
    assert parsed.document["entries"][0]["key"] == "spreadsheets-" + "a" * 77


def test_a_record_whose_english_makes_no_key_is_keyed_by_its_place():
    parsed = read_csv("english,simplified\nXie Feng,谢锋\n特朗普,特朗普\n")
    assert [r["key"] for r in parsed.document["entries"]] == ["csv-xie-feng", "csv-2"]


# TSV ----------------------------------------------------------------------------------------


def test_tsv_lines_become_entries_with_aliases_and_a_source_naming_the_file():
    text = (
        "English\tChinese\tComment\n"  # a header: no entry is without Chinese
        "Xie Feng\t谢锋\tXiè Fēng; Ambassador\n"
        "XIE Feng\t谢锋\tXiè Fēng; Ambassador\n"
        "Xie Feng\t谢大使\tXiè Fēng; Ambassador\n"
        "AI safety\t人工智能安全\t\n"
        "AI security\t人工智能安全\tnot pinyin; so a description\n"
    )
    parsed = read_tsv(text, "terms.tsv", TODAY)
    records = parsed.document["entries"]
    assert [
        (r["key"], r["english"], r["aliases"], r["pinyin"], r["description"]) for r in records
    ] == [
        ("tsv-xie-feng", "Xie Feng", ["XIE Feng", "谢大使"], "Xiè Fēng", "Ambassador"),
        ("tsv-ai-safety", "AI safety", [], None, None),
        ("tsv-ai-security", "AI security", [], None, "not pinyin; so a description"),
    ]
    assert records[0]["sources"] == [
        {
            "quote": "Xie Feng\t谢锋\tXiè Fēng; Ambassador\nXIE Feng\t谢锋\tXiè Fēng; Ambassador\n"
            "Xie Feng\t谢大使\tXiè Fēng; Ambassador",
            "title": "terms.tsv",
            "published": TODAY,
        }
    ]
    assert parsed.places == ["line 2", "line 5", "line 6"]


def test_tsv_from_traditional_chinese_to_english():
    parsed = read_tsv("謝鋒\tXie Feng\n", "x.tsv", TODAY, source="zh-Hant", target="en")
    [record] = parsed.document["entries"]
    assert (record["english"], record["simplified"], record["traditional"]) == (
        "Xie Feng",
        "谢锋",
        "謝鋒",
    )


def test_simplified_chinese_in_tsv_is_kept_as_written():
    """The writer 於梨华 keeps the surname 於 in simplified Chinese, where 於 is otherwise 于."""
    parsed = read_tsv("Yu Lihua\t於梨华\n", "x.tsv", TODAY, source="en", target="zh-Hans")
    [record] = parsed.document["entries"]
    assert (record["simplified"], record["traditional"]) == ("於梨华", None)


@pytest.mark.parametrize(
    ("alias_length", "quote"),
    [
        (
            3985,
            "Xie Feng\t谢锋\n" + "x" * 3985 + "\t谢锋",
        ),  # 4,000 characters, the most a quote has
        (3986, "Xie Feng\t谢锋\n" + "x" * 3986 + "\t…"),
    ],
)
def test_the_quote_of_a_tsv_entry_is_cut_to_4000_characters(alias_length, quote):
    text = "Xie Feng\t谢锋\n" + "x" * alias_length + "\t谢锋\n"
    [record] = read_tsv(text, "x.tsv", TODAY).document["entries"]
    assert record["sources"][0]["quote"] == quote


def test_tsv_finds_the_english_column_by_itself():
    [record] = read_tsv("谢锋\tXie Feng\n", "x.tsv", TODAY).document["entries"]
    assert (record["english"], record["simplified"]) == ("Xie Feng", "谢锋")
    assert (record["pinyin"], record["description"]) == (None, None)  # no comment


def test_tsv_said_to_be_traditional_by_its_target_alone():
    [record] = read_tsv("Xie Feng\t謝鋒\n", "x.tsv", TODAY, target="zh-Hant").document["entries"]
    assert (record["english"], record["simplified"], record["traditional"]) == (
        "Xie Feng",
        "谢锋",
        "謝鋒",
    )


@pytest.mark.parametrize("languages", [{"source": "zh-Hans"}, {"target": "en"}])
def test_tsv_said_to_start_with_chinese_by_its_source_or_target_alone(languages):
    text = "谢锋\tXie Feng\nXie Feng\t谢锋\n"
    assert problems(lambda: read_tsv(text, "x.tsv", TODAY, **languages)) == [
        "line 2: needs English in one field and Chinese in the other"
    ]


def test_a_tsv_header_is_read_past_whatever_its_comment_column_is_called():
    parsed = read_tsv("English\tChinese\t备注\nXie Feng\t谢锋\t\n", "x.tsv", TODAY)
    assert [r["english"] for r in parsed.document["entries"]] == ["Xie Feng"]
    assert parsed.places == ["line 2"]


def test_a_tsv_line_is_a_term_and_says_nothing_of_kinds():
    parsed = read_tsv("谢锋\tXie Feng\tXiè Fēng\n", "x.tsv", TODAY)
    assert parsed.document == {
        "format": "glossary/1",
        "entries": [
            {
                "key": "tsv-xie-feng",
                "kind": "term",
                "english": "Xie Feng",
                "aliases": [],
                "simplified": "谢锋",
                "traditional": None,
                "pinyin": "Xiè Fēng",
                "description": None,
                "sources": [
                    {"quote": "谢锋\tXie Feng\tXiè Fēng", "title": "x.tsv", "published": TODAY}
                ],
            }
        ],
    }
    assert (parsed.places, parsed.kinds, parsed.columns) == (["line 1"], False, False)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Xie Feng\t谢锋\nlonely\n", "line 2: 1 fields; expected (source, target, comment)"),
        ("Xie Feng\t谢锋\na\tb\tc\td\n", "line 2: 4 fields"),
        ("Xie Feng\t谢锋\nXie\tFeng\n", "line 2: needs English in one field and Chinese"),
    ],
)
def test_tsv_problems_name_the_line(text, message):
    assert any(e.startswith(message) for e in problems(lambda: read_tsv(text, "x", TODAY)))


def test_every_tsv_line_with_a_problem_is_named():
    text = "Xie Feng\t谢锋\nlonely\na\tb\tc\td\n谢锋\tXie Feng\nXie\tFeng\nalone\n"
    assert problems(lambda: read_tsv(text, "x", TODAY, target="zh-Hans")) == [
        "line 2: 1 fields; expected (source, target, comment)",
        "line 3: 4 fields; expected (source, target, comment)",
        "line 4: needs English in one field and Chinese in the other",
        "line 5: needs English in one field and Chinese in the other",
        "line 6: 1 fields; expected (source, target, comment)",
    ]


# JSON ---------------------------------------------------------------------------------------

BROKEN_JSON = '{"format": "glossary/1", "entries": [}'


def test_json_in_utf16_is_read():
    raw = codecs.BOM_UTF16_LE + '{"format": "glossary/1", "entries": [{"key": "x"}]}'.encode(
        "utf-16-le"
    )
    parsed = readers.read(raw, "json", "x.json", TODAY)
    assert parsed.document["format"] == "glossary/1"
    assert list(parsed.document["entries"]) == [{"key": "x"}]
    assert parsed.places == []


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (BROKEN_JSON.encode(), "not valid JSON (Expecting value: line 1 column 38 (char 37))"),
        (
            codecs.BOM_UTF16_LE + BROKEN_JSON.encode("utf-16-le"),
            "not valid JSON (Expecting value: line 1 column 38 (char 37))",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON (nested too deeply)"),
        ("[".encode("utf-16-le") * 100_000, "not valid JSON (nested too deeply)"),
    ],
)
def test_what_is_not_json_is_refused_with_the_reason(raw, message):
    assert problems(lambda: readers.read(raw, "json", "x.json", TODAY)) == [f"x.json: {message}"]


# TBX ----------------------------------------------------------------------------------------

V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en-US"><termSec><term>deepfake</term></termSec></langSec>
      <langSec xml:lang="zh-CN"><termSec><term>深度伪造</term></termSec></langSec>
      <langSec xml:lang="zh-TW"><termSec><term>深度偽造</term></termSec></langSec>
      <langSec xml:lang="fr"><termSec><term>hypertrucage</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>"""


def test_tbx_v3_from_another_tool_is_read_with_a_generated_source():
    [(record, place)] = tbx.entries(V3, "other.tbx", TODAY)
    assert place == "termEntry 1"
    assert {k: record[k] for k in ("key", "kind", "english", "simplified", "traditional")} == {
        "key": "c1",
        "kind": "term",
        "english": "deepfake",
        "simplified": "深度伪造",
        "traditional": "深度偽造",
    }
    assert record["sources"] == [
        {"quote": "deepfake = 深度伪造", "title": "other.tbx", "published": TODAY}
    ]


def test_a_tbx_entry_is_read_back_with_every_field():
    """PERSON as tbx.write writes it, its related entry made the entry itself (a link is read
    only to an entry in the file)."""
    text = PERSON_TBX.replace('target="mofa"', 'target="xie-feng"')
    assert tbx.entries(text, "x.tbx", TODAY) == [
        (
            {
                "key": "xie-feng",
                "kind": "person",
                "english": "Xie Feng",
                "aliases": ["XIE Feng", "NC3", "谢大使", "謝大使"],
                "simplified": "谢锋",
                "traditional": "謝鋒",
                "pinyin": "Xiè Fēng",
                "romanization": "Hsieh Feng",
                "romanization_system": "Wade–Giles",
                "description": "Chinese Ambassador to the United States.",
                "notes": "Not 峰.",
                "tags": ["diplomacy", "china-us"],
                "verified": True,
                "related": ["xie-feng"],
                "sources": PERSON["sources"],
                "status": "preferred",
            },
            "termEntry 1",
        )
    ]


@pytest.mark.parametrize(
    ("id", "key"),
    [
        ("_5G-Network", "5g-network"),
        ("Foo Bar!", "foo-bar"),
        ("123", "123"),
        ("a--b", "a-b"),
        ("--", "tbx-deepfake"),  # an id that makes no key: one is made from the English
        ("k" * 100, "k" * 100),  # a key as long as keys may be is kept whole (a made one: 80)
    ],
)
def test_tbx_ids_become_keys(id, key):
    text = V3.replace('id="c1"', f'id="{id}"')
    [record] = readers.read(text.encode(), "tbx", "x.tbx", TODAY).document["entries"]
    assert record["key"] == key


def tbx_body(body: str) -> bytes:
    """A TBX document with these termEntries."""
    return (
        f'<martif type="TBX-Basic" xml:lang="en"><text><body>{body}</body></text></martif>'.encode()
    )


DEEPFAKE_EN = '<langSet xml:lang="en"><tig><term>deepfake</term></tig></langSet>'


def test_a_tbx_entry_with_only_traditional_chinese_and_no_id():
    text = tbx_body(
        f"<termEntry>{DEEPFAKE_EN}"
        '<langSet xml:lang="zh-TW"><tig><term>深度偽造</term></tig></langSet></termEntry>'
    )
    parsed = readers.read(text, "tbx", "x.tbx", TODAY)
    assert parsed.document == {
        "format": "glossary/1",
        "entries": [
            {
                "key": "tbx-deepfake",
                "kind": "term",
                "english": "deepfake",
                "aliases": [],
                "simplified": "深度伪造",
                "traditional": "深度偽造",
                "pinyin": None,
                "romanization": None,
                "romanization_system": None,
                "description": None,
                "notes": None,
                "tags": [],
                "verified": False,
                "related": [],
                "sources": [{"quote": "deepfake = 深度伪造", "title": "x.tbx", "published": TODAY}],
            }
        ],
    }
    assert (parsed.places, parsed.warnings) == (["termEntry 1"], [])


def test_a_tbx_entry_without_english_is_read_with_the_english_empty():
    """The importer then refuses it: the English is required."""
    text = tbx_body(
        '<termEntry id="x"><langSet xml:lang="zh-CN"><tig><term>深度伪造</term></tig></langSet>'
        "</termEntry>"
    )
    [record] = readers.read(text, "tbx", "x.tbx", TODAY).document["entries"]
    assert (record["key"], record["english"], record["simplified"]) == ("x", "", "深度伪造")


def test_a_tbx_context_is_read_with_the_text_inside_its_markup():
    english = DEEPFAKE_EN.replace(
        "</term>", '</term><descrip type="context">A <hi type="bold">deepfake</hi> video.</descrip>'
    )
    text = tbx_body(
        f"<termEntry>{english}"
        '<langSet xml:lang="zh-CN"><tig><term>深度伪造</term><descripGrp>'
        '<descrip type="context">一段<hi>深度伪造</hi>视频。</descrip></descripGrp></tig></langSet>'
        "</termEntry>"
    )
    [record] = readers.read(text, "tbx", "x.tbx", TODAY).document["entries"]
    [source] = record["sources"]
    assert (source["quote"], source["quote_zh"]) == ("A deepfake video.", "一段深度伪造视频。")


def test_what_a_tbx_entry_leaves_empty_is_read_past():
    """An empty note, subject field or term (a tig with none) adds nothing; a note's value may
    hold ": "; a label alone says nothing of its value (a kind left empty, which the importer
    refuses); a "source 2" note of the entry is one of its notes."""
    text = tbx_body(
        "<termEntry><note/><note> </note><note>First.</note><note>source 2</note>"
        '<note>kind</note><descrip type="subjectField"/>'
        '<descrip type="subjectField">media</descrip><langSet xml:lang="en">'
        '<tig><term>deep<hi>fake</hi></term><descrip type="context">Q</descrip>'
        "<note>publisher: Xinhua: English service</note></tig><tig/><tig><term> </term></tig>"
        '</langSet><langSet xml:lang="zh-CN"><tig><term>深度伪造</term></tig><tig/></langSet>'
        "</termEntry>"
    )
    [record] = readers.read(text, "tbx", "x.tbx", TODAY).document["entries"]
    assert {k: record[k] for k in ("english", "aliases", "kind", "notes", "tags")} == {
        "english": "deepfake",
        "aliases": [],
        "kind": "",
        "notes": "First.\nsource 2",
        "tags": ["media"],
    }
    [source] = record["sources"]
    assert (source["quote"], source["publisher"]) == ("Q", "Xinhua: English service")


def test_only_a_descrip_defines_and_only_a_termnote_gives_a_status():
    english = (
        '<langSet xml:lang="en"><tig><term>deepfake</term>'
        '<admin type="administrativeStatus">deprecatedTerm-admn-sts</admin></tig></langSet>'
    )
    text = tbx_body(
        '<termEntry><admin type="definition">Not one.</admin>'
        '<descrip type="definition">A <hi>synthetic</hi> video.</descrip>'
        f'{english}<langSet xml:lang="zh-CN"><tig><term>深度伪造</term></tig></langSet>'
        "</termEntry>"
    )
    [record] = readers.read(text, "tbx", "x.tbx", TODAY).document["entries"]
    assert (record["description"], record.get("status")) == ("A synthetic video.", None)


def test_a_context_nested_in_a_term_group_is_read_and_one_citing_no_source_is_not():
    """A descripGrp inside the term's group (older exports) holds a context too; a Chinese
    context citing the source just past the last one read is left out."""
    text = tbx_body(
        '<termEntry><langSet xml:lang="en"><ntig><termGrp><term>deepfake</term>'
        '<descripGrp><descrip type="context">Q</descrip></descripGrp></termGrp></ntig>'
        '</langSet><langSet xml:lang="zh-CN"><tig><term>深度伪造</term>'
        '<descrip type="context">问</descrip><note>source 2</note></tig></langSet></termEntry>'
    )
    [record] = readers.read(text, "tbx", "x.tbx", TODAY).document["entries"]
    assert [(s["quote"], s["quote_zh"]) for s in record["sources"]] == [("Q", None)]


def test_a_definition_beside_a_term_is_not_one_of_its_contexts():
    english = DEEPFAKE_EN.replace(
        "</term>", '</term><descrip type="definition">Synthetic media.</descrip>'
    )
    text = tbx_body(
        f"<termEntry>{english}"
        '<langSet xml:lang="zh-CN"><tig><term>深度伪造</term></tig></langSet></termEntry>'
    )
    [record] = readers.read(text, "tbx", "x.tbx", TODAY).document["entries"]
    assert record["sources"] == [
        {"quote": "deepfake = 深度伪造", "title": "x.tbx", "published": TODAY}
    ]


# What another tool may write: a definition in a descripGrp, a status TBX-Basic does not know,
# a note before any context, the same alias twice, a romanization without its system, Chinese
# contexts citing sources that are not there, a link to an entry that is not in the file.
OTHER_TOOL_TBX = """\
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="ai">
  <note>kind: organization</note>
  <note>verified: no</note>
  <note>First note.</note>
  <note>Second note.</note>
  <ref type="crossReference" target="elsewhere">not in the file</ref>
  <descripGrp><descrip type="definition">  A definition.  </descrip></descripGrp>
  <langSet xml:lang="en">
    <tig>
      <term>artificial intelligence</term>
      <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>
      <note>publisher: before any context</note>
      <descrip type="context">AI is everywhere.</descrip>
      <note>accessed: 2026-01-02</note>
    </tig>
    <tig><term>AI</term></tig>
    <tig><term>AI</term></tig>
    <tig><term>Jen-kung chih-neng</term><note>romanization</note></tig>
  </langSet>
  <langSet xml:lang="zh-CN">
    <tig>
      <term>人工智能</term>
      <descrip type="context">人工智能无处不在。</descrip>
      <note>source 5</note>
      <descrip type="context">第二。</descrip>
      <note>source 0</note>
    </tig>
    <tig><term>AI</term></tig>
  </langSet>
</termEntry>
</body></text></martif>"""


def test_a_tbx_entry_from_another_tool_is_read_for_what_it_says():
    assert tbx.entries(OTHER_TOOL_TBX, "x.tbx", TODAY) == [
        (
            {
                "key": "ai",
                "kind": "organization",
                "english": "artificial intelligence",
                "aliases": ["AI"],
                "simplified": "人工智能",
                "traditional": None,
                "pinyin": None,
                "romanization": "Jen-kung chih-neng",
                "romanization_system": None,
                "description": "A definition.",
                "notes": "First note.\nSecond note.",
                "tags": [],
                "verified": False,
                "related": [],
                "sources": [
                    {
                        "quote": "AI is everywhere.",
                        "quote_zh": None,
                        "title": "x.tbx",
                        "publisher": None,
                        "url": None,
                        "published": TODAY,
                        "accessed": "2026-01-02",
                    }
                ],
            },
            "termEntry 1",
        )
    ]


# Older layouts: a subject field in a descripGrp (MultiTerm), a context group holding its
# source's notes and link (the glossary's earlier exports), a term in an ntig's termGrp.
OLDER_TBX = """\
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="old">
  <descripGrp><descrip type="subjectField">Politics</descrip></descripGrp>
  <langSet xml:lang="en">
    <tig>
      <term>confidence-building measures</term>
      <descripGrp>
        <descrip type="context">CBMs were agreed.</descrip>
        <admin type="source">Notes</admin>
        <note>publisher: Press</note>
        <note>published: 2025</note>
        <xref type="externalCrossReference" target="https://a.org/cbm">CBMs</xref>
      </descripGrp>
    </tig>
  </langSet>
  <langSet xml:lang="zh-Hans">
    <ntig>
      <termGrp><term>建立信任措施</term></termGrp>
      <descripGrp><descrip type="context">双方同意了建立信任措施。</descrip></descripGrp>
    </ntig>
  </langSet>
</termEntry>
</body></text></martif>"""


def test_a_tbx_entry_in_older_layouts_is_read_whole():
    [(record, _)] = tbx.entries(OLDER_TBX, "x.tbx", TODAY)
    assert (record["english"], record["simplified"], record["tags"]) == (
        "confidence-building measures",
        "建立信任措施",
        ["Politics"],
    )
    assert record["sources"] == [
        {
            "quote": "CBMs were agreed.",
            "quote_zh": "双方同意了建立信任措施。",
            "title": "Notes",
            "publisher": "Press",
            "url": "https://a.org/cbm",
            "published": "2025",
            "accessed": None,
        }
    ]


def test_a_tbx_without_term_entries_has_no_entries():
    parsed = readers.read(tbx_body(""), "tbx", "x.tbx", TODAY)
    assert (parsed.document, parsed.warnings) == ({"format": "glossary/1", "entries": []}, [])


def test_a_tbx_whose_term_entries_have_no_chinese_is_refused():
    french = '<langSet xml:lang="fr"><tig><term>hypertrucage</term></tig></langSet>'
    text = tbx_body(f'<termEntry id="a">{DEEPFAKE_EN}{french}</termEntry>')
    assert problems(lambda: readers.read(text, "tbx", "x.tbx", TODAY)) == [
        "x.tbx: no termEntry has a Chinese term (zh, zh-Hans, zh-Hant…)"
    ]


def test_chinese_contexts_without_a_source_note_translate_the_english_ones_in_order():
    """Another tool's file numbers no context: its Chinese contexts are the translations of
    the English contexts in the same place, the first of the first."""
    text = V3.replace(
        "<term>deepfake</term>",
        '<term>deepfake</term><descrip type="context">A deepfake of the minister.</descrip>'
        '<descrip type="context">Deepfakes spread fast.</descrip>',
    ).replace(
        "<term>深度伪造</term>",
        '<term>深度伪造</term><descrip type="context">部长的深度伪造视频。</descrip>'
        '<descrip type="context">深度伪造传播得很快。</descrip>',
    )
    [(record, _)] = tbx.entries(text, "other.tbx", TODAY)
    assert [(s["quote"], s["quote_zh"]) for s in record["sources"]] == [
        ("A deepfake of the minister.", "部长的深度伪造视频。"),
        ("Deepfakes spread fast.", "深度伪造传播得很快。"),
    ]


@pytest.mark.parametrize("note", ["source: 2", "source"])
def test_a_chinese_context_noted_source_without_a_number_translates_in_order(note):
    """A note labelled "source" that gives no number ("source: 2", not "source 2") is read past:
    the context translates the English one in the same place (it was a TypeError)."""
    text = V3.replace(
        "<term>deepfake</term>",
        '<term>deepfake</term><descrip type="context">A deepfake of the minister.</descrip>',
    ).replace(
        "<term>深度伪造</term>",
        '<term>深度伪造</term><descrip type="context">部长的深度伪造视频。</descrip>'
        f"<note>{note}</note>",
    )
    [(record, _)] = tbx.entries(text, "other.tbx", TODAY)
    assert [(s["quote"], s["quote_zh"]) for s in record["sources"]] == [
        ("A deepfake of the minister.", "部长的深度伪造视频。")
    ]


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("en", "en"),
        ("en-GB", "en"),
        ("zh", "zh-Hans"),
        ("zh-Hans", "zh-Hans"),
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh-Hant", "zh-Hant"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("fr", None),
        (None, None),
        # ISO 639-2 and -3 codes, spaces around
        ("eng", "en"),
        ("zho", "zh-Hans"),
        ("chi", "zh-Hans"),
        ("cmn", "zh-Hans"),
        ("cmn-Hant-TW", "zh-Hant"),
        (" zh-TW ", "zh-Hant"),
    ],
)
def test_tbx_languages(code, language):
    assert tbx.language(code) == language


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<martif><text><body>", "not well-formed XML (no element found: line 1, column 20)"),
        ("<html/>", "the root element is <html>, not <martif> or <tbx>"),
        (
            '<!DOCTYPE m [<!ENTITY a "aaaa">]><martif/>',
            "entity declarations are not accepted in a TBX file",
        ),
    ],
)
def test_what_is_not_tbx_is_refused(text, message):
    [error] = problems(lambda: readers.read(text.encode(), "tbx", "x.tbx", TODAY))
    assert error == f"x.tbx: {message}"


def test_tbx_problems_name_the_term_entry_and_field():
    text = V3.replace("<term>深度伪造</term>", "<term>deep fake</term>").replace(
        '<langSec xml:lang="zh-TW"><termSec><term>深度偽造</term></termSec></langSec>', ""
    )
    parsed = readers.read(text.encode(), "tbx", "x.tbx", TODAY)
    problem = Problem(("simplified",), "must contain Chinese characters")
    refusal = parsed.located().locate(Refusal(0, "c1", problem, "deep fake"))
    assert refusal.words() == "termEntry 1 (c1): 'deep fake' has no Chinese characters"


@pytest.mark.parametrize(
    ("text", "languages"),
    [("Xie Feng\t謝鋒\n", {"target": "zh-Hant"}), ("謝鋒\tXie Feng\n", {"source": "zh-Hant"})],
)
def test_reading_passes_the_files_name_date_and_languages_to_its_reader(text, languages):
    parsed = readers.read(text.encode(), "tsv", "terms.tsv", TODAY, **languages)
    [record] = parsed.document["entries"]
    assert (record["simplified"], record["traditional"]) == ("谢锋", "謝鋒")
    assert [(s["title"], s["published"]) for s in record["sources"]] == [("terms.tsv", TODAY)]


def test_a_files_problem_is_kept_as_json_naming_no_record_or_field():
    """As a background import keeps it, to be said later in the reader's language."""
    with pytest.raises(InvalidData) as raised:
        readers.read(b"<html/>", "tbx", "x.tbx", TODAY)
    [refusal] = raised.value.refusals
    kept = wording.to_json(refusal)
    assert (kept["record"], kept["path"], kept["values"]) == (None, [], {"tag": "html"})
    assert str(raised.value) == "x.tbx: the root element is <html>, not <martif> or <tbx>"


def test_a_refusal_says_every_problem_a_line_each():
    assert str(InvalidData(["line 2: one", "line 3: two"])) == "line 2: one\nline 3: two"


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        readers.read(b"", "docx", "x.docx", TODAY)


def test_a_file_refused_before_its_records_are_read_says_why_in_the_words_it_was_given():
    """A file that cannot be read (not UTF-8) holds none of the rule book's problems: its
    refusal is said as it was written, in English whatever the reader's language."""
    unreadable = InvalidData(["notes.json: cannot read the file as UTF-8 (invalid start byte)"])
    said = ["notes.json: cannot read the file as UTF-8 (invalid start byte)"]
    assert unreadable.words() == said
    assert unreadable.words(lambda text, **values: text.upper()) == said
