"""The export writers: data/ JSON, CSV for spreadsheets, TBX-Basic, TSV for CAT tools."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from glossary import exchange
from glossary.exchange import formats as readers
from glossary.exchange import importer
from glossary.exchange.formats import csv as csv_format
from glossary.exchange.formats import json as json_format
from glossary.exchange.formats import tbx, tsv
from glossary.exchange.formats.records import record
from glossary.model import SOURCE_FIELDS
from tests.factories import EVERYTHING, PERSON, PERSON_TBX, TRICKY, add_tricky
from tests.helpers import entry_by_key, tbx_problems


def person_export(source: str = "en", target: str = "zh-Hans") -> readers.Export:
    """An export of PERSON alone under "xie-feng", with entry 2 exported as "mofa"."""
    found = readers.Found([(PERSON, "xie-feng")], {1: "xie-feng", 2: "mofa"}, lambda: 2)
    return readers.Export(lambda: found, "2026-06-02", source, target)


def written(format: str, export: readers.Export) -> str:
    return b"".join(readers.named(format).write(export)).decode()


# Keys ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Xiè Fēng (谢锋)", "xie-feng"),
        ("“AI race” narrative", "ai-race-narrative"),
        ("NC3", "nc3"),
        ("特朗普", ""),
        ("a" * 100, "a" * 80),  # at most 80 characters
        ("a" * 79 + " b", "a" * 79),  # never ending in a hyphen
    ],
)
def test_slug(text, slug):
    assert readers.slug(text) == slug


def test_a_record_compared_has_every_field_the_optional_ones_with_their_defaults():
    source = {"quote": "q", "title": "t", "published": "2026"}
    minimal = {"key": "k", "kind": "term", "english": "E", "simplified": "中", "sources": [source]}
    assert importer.normalise_record({**minimal, "traditional": "", "pinyin": ""}) == {
        **minimal,
        "aliases": [],
        "traditional": None,
        "pinyin": None,
        "romanization": None,
        "romanization_system": None,
        "description": None,
        "notes": None,
        "tags": [],
        "status": "preferred",
        "verified": False,
        "sources": [{**source, "quote_zh": None, "publisher": None, "url": None, "accessed": None}],
    }
    given = {
        "aliases": ["e"],
        "traditional": "中",
        "pinyin": "zhōng",
        "romanization": "Chung",
        "romanization_system": "Wade–Giles",
        "description": "d",
        "notes": "n",
        "tags": ["t"],
        "status": "deprecated",
        "verified": True,
    }
    full = importer.normalise_record({**minimal, **given, "related": ["x"]})
    assert full == {
        **minimal,
        **given,
        "sources": [{**source, **dict.fromkeys(("quote_zh", "publisher", "url", "accessed"))}],
    }


def test_an_entry_is_exported_under_its_import_key_else_its_english_and_id():
    entries = [
        {"id": 7, "english": "Wang Yi", "import_key": None},
        {"id": 8, "english": "特朗普", "import_key": None},
        {"id": 9, "english": "Xie Feng", "import_key": "xie-feng"},
        {"id": 10, "english": "x", "import_key": "wang-yi-7"},  # taken: the other one gives way
    ]
    assert readers.entry_keys(entries) == ["wang-yi-7-x", "8", "xie-feng", "wang-yi-7"]


def test_an_export_of_entries_read_keys_them_and_counts_their_sources():
    other = {**PERSON, "id": 2, "english": "Wang Yi", "import_key": None, "sources": []}
    export = readers.Export.of([PERSON, other], "2026-06-02", "zh-Hans", "en")
    assert (export.today, export.source, export.target) == ("2026-06-02", "zh-Hans", "en")
    found = export.found
    assert list(found.pairs) == [(PERSON, "xie-feng"), (other, "wang-yi-2")]
    assert found.key_of == {1: "xie-feng", 2: "wang-yi-2"}
    assert found.most_sources == 2
    empty = readers.Export.of([], "")
    assert (empty.found.most_sources, empty.source, empty.target) == (0, "en", "zh-Hans")


def test_an_export_finds_its_entries_once_when_first_asked():
    calls = []
    found = readers.Found([], {}, lambda: 0)
    export = readers.Export(lambda: calls.append(1) or found, "2026-06-02")
    assert calls == []
    assert export.found is found and export.found is found
    assert calls == [1]


# JSON ---------------------------------------------------------------------------------------


def test_json_is_the_data_format_and_valid(db):
    add_tricky(db)
    document = json.loads(exchange.export(exchange.found_entries(db, EVERYTHING), "json"))
    assert importer.validate(document) == []
    tricky = next(r for r in document["entries"] if r["key"] == "three-noes")
    assert tricky == importer.normalise_record(TRICKY)


def test_a_data_document_holds_each_entry_under_its_key(db):
    xie = entry_by_key(db, "xie-feng")
    document = json_format.document([xie], ["ambassador"])
    assert document["format"] == "glossary/1"
    assert [record["key"] for record in document["entries"]] == ["ambassador"]


def test_json_writes_an_entry_with_every_field_and_its_links():
    assert json.loads(written("json", person_export())) == {
        "format": "glossary/1",
        "entries": [
            {
                **{k: PERSON[k] for k in ("kind", "english", "aliases", "simplified", "pinyin")},
                "key": "xie-feng",
                "traditional": None,
                **{k: PERSON[k] for k in ("romanization", "romanization_system", "description")},
                **{k: PERSON[k] for k in ("notes", "tags", "status", "verified", "sources")},
                "related": ["mofa"],
            }
        ],
    }


@pytest.mark.parametrize("pairs", [[(PERSON, "xie-feng")], [(PERSON, "a"), (PERSON, "b")], []])
def test_json_is_written_as_json_dumps_writes_the_document_with_indent_2(pairs):
    """As data/glossary.json is written: the text of json.dumps(..., indent=2), Chinese as it is."""
    found = readers.Found(pairs, {1: "xie-feng", 2: "mofa"}, lambda: 2)
    entries = [record(entry, key, found.key_of) for entry, key in pairs]
    document = {"format": "glossary/1", "entries": entries}
    text = written("json", readers.Export(lambda: found, "2026-06-02"))
    assert text == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert "谢锋" in text or not pairs


def test_a_subset_keeps_only_links_inside_it(db):
    xie, mofa = entry_by_key(db, "xie-feng"), entry_by_key(db, "mofa")
    [alone] = json_format.document([xie], ["xie-feng"])["entries"]
    assert "affiliations" not in alone and "related" not in alone
    pair = json_format.document([xie, mofa], ["xie-feng", "mofa"])["entries"]
    assert pair[0]["affiliations"] == [
        {
            "organization": "mofa",
            "role": "Ambassador to the United States",
            "as_of": "2026-05",
            "source": 0,
        }
    ]
    assert pair[0]["related"] == ["mofa"]


# CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+86 10 1234", "'+86 10 1234"),
        ("-5", "'-5"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("'=already quoted", "''=already quoted"),  # so that the reader takes one off exactly
        ("'tis", "'tis"),
        ("a=b", "a=b"),
        ("谢锋", "谢锋"),
        ("", ""),
        # A formula after a separator a spreadsheet may split at (";" in de and fr locales)
        ("Foo;=1+2", "Foo;'=1+2"),
        ("Foo,+1", "Foo,'+1"),
        ("one\t@SUM(A1)", "one\t'@SUM(A1)"),
        ("notes\n- a list item", "notes\n'- a list item"),
        ("a\r\n=1", "a\r\n'=1"),
        ('Foo; "=HYPERLINK(1)', "Foo; \"'=HYPERLINK(1)"),
        ("a;;=1", "a;;'=1"),
        ("a;'=1", "a;''=1"),  # so that the reader takes one off exactly
        ("=1;=2", "'=1;'=2"),
        ("\t=1", "'\t'=1"),
        ("a; b", "a; b"),
        ("well-known; 5-6", "well-known; 5-6"),
    ],
)
def test_formula_cells_are_neutralised(cell, written):
    assert csv_format.neutralised(cell) == written
    assert csv_format.restored(written) == cell


def test_a_semicolon_formula_makes_the_round_trip(db):
    entry = entry_by_key(db, "xie-feng")
    entry = {**entry, "notes": "Foo;=1+2", "description": "a, -5 and; '=x"}
    text = exchange.export([entry], "csv")
    [row] = csv_rows(text)
    assert (row["notes"], row["description"]) == ("Foo;'=1+2", "a, '-5 and; ''=x")
    parsed = readers.read(text.encode(), "csv", "x.csv", "2026-05-13")
    [record] = parsed.document["entries"]
    assert (record["notes"], record["description"]) == ("Foo;=1+2", "a, -5 and; '=x")


def csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_csv_writes_a_row_with_every_field_and_a_group_of_columns_per_source():
    sources = [f"source_{n}_{name}" for n in (1, 2) for name in SOURCE_FIELDS]
    assert written("csv", person_export()) == "\ufeff" + "\r\n".join(
        [
            ",".join([*csv_format.ENTRY_COLUMNS, *sources]),
            "xie-feng,person,Xie Feng,谢锋,,Xiè Fēng,XIE Feng | NC3 | 谢大使 | 謝大使,Hsieh Feng,"
            "Wade–Giles,Chinese Ambassador to the United States.,Not 峰.,diplomacy | china-us,"
            "preferred,yes,mofa,"
            "Xie Feng spoke.,,Notes,Press,https://a.org/x,2026-05,2026-06-01,"
            "He spoke again.,他又说了。,Daily,,,2026,",
            "",
        ]
    )


@pytest.mark.parametrize("sources", [0, 1])
def test_csv_has_one_group_of_source_columns_where_no_entry_has_more_than_one(sources):
    person = {**PERSON, "verified": False, "sources": PERSON["sources"][:sources]}
    found = readers.Found([(person, "xie-feng")], {1: "xie-feng"}, lambda: sources)
    [header, row] = list(csv.reader(io.StringIO(written("csv", readers.Export(lambda: found, "")))))
    assert header[len(csv_format.ENTRY_COLUMNS) :] == [f"source_1_{n}" for n in SOURCE_FIELDS]
    assert row[header.index("verified")] == "no"


def test_csv_has_a_bom_and_one_readable_row_per_entry(db):
    entry = add_tricky(db)
    text = exchange.export([entry_by_key(db, "xie-feng"), entry], "csv")
    rows = csv_rows(text)
    assert len(rows) == 2
    assert list(rows[0])[:6] == ["key", "kind", "english", "simplified", "traditional", "pinyin"]
    assert {k: rows[0][k] for k in ("key", "english", "simplified", "aliases", "verified")} == {
        "key": "xie-feng",
        "english": "Xie Feng",
        "simplified": "谢锋",
        "aliases": "XIE Feng | Ambassador Xie Feng",
        "verified": "yes",
    }
    tricky = rows[1]
    assert tricky["english"] == 'the "three, no" principle'
    assert tricky["aliases"] == "'=cmd|' /C calc'!A0 | three-no's | 三不"
    assert tricky["notes"] == TRICKY["notes"]
    assert tricky["tags"] == "tabs-and-newlines | +plus"
    assert tricky["source_1_title"] == "'-Title, with comma"
    assert tricky["source_1_publisher"] == "'@Press"
    assert tricky["source_1_quote"] == TRICKY["sources"][0]["quote"]
    assert tricky["source_2_accessed"] == "2026-06-01"
    assert rows[0]["source_2_quote"] == ""  # Xie Feng has one source


def test_no_csv_cell_starts_like_a_formula(db):
    add_tricky(db)
    text = exchange.export(exchange.found_entries(db, EVERYTHING), "csv")
    for row in csv.reader(io.StringIO(text[1:], newline="")):
        assert not [cell for cell in row if re.match(r"[=+\-@\t\r]", cell)]


# TSV ----------------------------------------------------------------------------------------


def test_tsv_writes_a_line_per_form(db):
    text = exchange.export([entry_by_key(db, "xie-feng")], "tsv")
    assert text == (
        "Xie Feng\t谢锋\tXiè Fēng; Chinese Ambassador to the United States.\n"
        "XIE Feng\t谢锋\tXiè Fēng; Chinese Ambassador to the United States.\n"
        "Ambassador Xie Feng\t谢锋\tXiè Fēng; Chinese Ambassador to the United States.\n"
    )


def test_tsv_writes_the_entrys_own_forms_then_each_alias_and_romanization():
    comment = "Xiè Fēng; Chinese Ambassador to the United States."
    person = {**PERSON, "aliases": ["XIE Feng", "NC3", "谢大使"]}
    export = readers.Export(lambda: readers.Found([(person, "k")], {}, lambda: 2), "2026-06-02")
    assert written("tsv", export) == "".join(
        f"{english}\t{chinese}\t{comment}\n"
        for english, chinese in [
            ("Xie Feng", "谢锋"),
            ("XIE Feng", "谢锋"),
            ("NC3", "谢锋"),
            ("Hsieh Feng", "谢锋"),
            ("Xie Feng", "谢大使"),
        ]
    )


@pytest.mark.parametrize(
    ("target", "targets"),
    [
        ("zh-Hans", ["谢锋", "谢大使", "三不"]),
        ("zh-Hant", ["謝鋒", "謝大使", "三不"]),
    ],
)
def test_tsv_lists_a_chinese_alias_under_the_scripts_it_is_written_in(target, targets):
    person = {**PERSON, "aliases": ["谢大使", "謝大使", "三不"], "romanization": ""}
    person = {**person, "pinyin": "", "description": "", "traditional": "謝鋒"}
    assert to_tsv([person], target=target) == "".join(
        f"Xie Feng\t{chinese}\t\n" for chinese in targets
    )


@pytest.mark.parametrize(
    ("traditional", "column"),
    [
        ("台灣", "台灣"),  # as stored, not as OpenCC writes it (臺灣)
        ("", "臺灣"),  # none stored: OpenCC's
    ],
)
def test_tsv_in_traditional_chinese_writes_the_stored_form_else_a_converted_one(
    traditional, column
):
    entry = {**PERSON, "english": "Taiwan", "simplified": "台湾", "traditional": traditional}
    entry = {**entry, "aliases": [], "romanization": "", "pinyin": "", "description": ""}
    found = readers.Found([(entry, "k")], {}, lambda: 0)
    export = readers.Export(lambda: found, "", "zh-Hant", "en")
    assert written("tsv", export) == f"{column}\tTaiwan\t\n"


def test_tsv_from_traditional_to_english(db):
    text = exchange.export([entry_by_key(db, "xie-feng")], "tsv", source="zh-Hant", target="en")
    assert text.splitlines()[:2] == [
        "謝鋒\tXie Feng\tXiè Fēng; Chinese Ambassador to the United States.",
        "謝鋒\tXIE Feng\tXiè Fēng; Chinese Ambassador to the United States.",
    ]


def to_tsv(entries: list[dict], source: str = "en", target: str = "zh-Hans") -> str:
    """Entries as TSV, each under a made-up key."""
    found = readers.Found([(entry, "k") for entry in entries], {}, 0)
    export = readers.Export(lambda: found, "2026-06-02", source, target)
    return b"".join(tsv.write(export)).decode()


def test_tsv_turns_tabs_and_line_breaks_inside_fields_into_spaces():
    entry = {
        **TRICKY,
        "aliases": [],
        "description": "one\ttwo\nthree\r\nfour",
    }
    assert to_tsv([entry]) == (
        'the "three, no" principle\t三不原则\tsān bù yuánzé; one two three four\n'
    )


@pytest.mark.parametrize(
    ("source", "target"), [("en", "en"), ("fr", "en"), ("en", "fr"), ("zh-Hant", "zh-Hant")]
)
def test_tsv_needs_two_languages(source, target):
    with pytest.raises(ValueError, match="two of en, zh-Hans, zh-Hant"):
        to_tsv([], source, target)


# TBX ----------------------------------------------------------------------------------------


def test_tbx_writes_an_entry_as_tbx_basic():
    assert written("tbx", person_export()) == PERSON_TBX


def test_tbx_writes_each_entry_as_the_whole_document_indents_it():
    """An export is written a termEntry at a time, and reads as one document indented whole."""
    other = {**PERSON, "id": 5}
    found = readers.Found([(PERSON, "xie-feng"), (other, "xie-feng-2")], {2: "mofa"}, lambda: 2)
    text = written("tbx", readers.Export(lambda: found, "2026-06-02"))
    start = PERSON_TBX.index("      <termEntry")
    end = PERSON_TBX.index("</termEntry>") + len("</termEntry>\n")
    second = PERSON_TBX[start:end].replace('id="xie-feng"', 'id="xie-feng-2"')
    assert text == PERSON_TBX[:end] + second + PERSON_TBX[end:]


def test_tbx_of_no_entries_has_an_empty_body():
    export = readers.Export(lambda: readers.Found([], {}, lambda: 0), "2026-06-02")
    text = written("tbx", export)
    start, end = PERSON_TBX.index("    <body>"), PERSON_TBX.index("  </text>")
    assert text == PERSON_TBX[:start] + "    <body />\n" + PERSON_TBX[end:]


def test_tbx_is_well_formed_tbx_basic(db):
    add_tricky(db)
    entries = exchange.found_entries(db, EVERYTHING)
    text = exchange.export(entries, "tbx", today="2026-06-02")
    assert tbx_problems(text) == []
    root = ET.fromstring(text)
    assert len(root.findall("text/body/termEntry")) == len(entries) == 61


def test_tbx_entry_carries_terms_status_context_and_dates(db):
    entry = add_tricky(db)
    root = ET.fromstring(exchange.export([entry], "tbx", today="2026-06-02"))
    [term_entry] = root.iterfind("text/body/termEntry")
    assert term_entry.get("id") == "three-noes"
    langs = {ls.get(tbx.LANG): ls for ls in term_entry.findall("langSet")}
    assert list(langs) == ["en", "zh-Hans", "zh-Hant"]
    terms = {
        lang: [
            (
                t.findtext("term"),
                t.findtext("termNote[@type='termType']"),
                t.findtext("termNote[@type='administrativeStatus']"),
            )
            for t in ls.findall("tig")
        ]
        for lang, ls in langs.items()
    }
    assert terms == {
        "en": [
            ('the "three, no" principle', "fullForm", "admittedTerm-admn-sts"),
            ("=cmd|' /C calc'!A0", "variant", "admittedTerm-admn-sts"),
            ("three-no's", "variant", "admittedTerm-admn-sts"),
        ],
        "zh-Hans": [
            ("三不原则", "fullForm", "admittedTerm-admn-sts"),
            ("三不", "variant", "admittedTerm-admn-sts"),
        ],
        # 三不 is written alike in both scripts
        "zh-Hant": [
            ("三不原則", "fullForm", "admittedTerm-admn-sts"),
            ("三不", "variant", "admittedTerm-admn-sts"),
        ],
    }
    context = langs["en"].find("tig/descripGrp")
    assert context.findtext("descrip[@type='context']") == TRICKY["sources"][0]["quote"]
    assert context.findtext("admin[@type='source']") == "-Title, with comma"
    assert langs["zh-Hans"].findtext("tig/descripGrp/descrip") == "他说：“不，不，不。”"
    assert langs["en"].findtext("descrip[@type='definition']") == TRICKY["description"]
    assert [n.text for n in term_entry.findall("note")] == ["kind: term", TRICKY["notes"]]
    dates = [(g.findtext("transac"), g.findtext("date")) for g in term_entry.iter("transacGrp")]
    assert dates == [
        ("origination", entry["created"][:10]),
        ("modification", entry["updated"][:10]),
    ]


@pytest.mark.parametrize(
    ("status", "value"),
    [
        ("preferred", "preferredTerm-admn-sts"),
        ("admitted", "admittedTerm-admn-sts"),
        ("deprecated", "deprecatedTerm-admn-sts"),
    ],
)
def test_tbx_administrative_status(db, status, value):
    entry = {**entry_by_key(db, "xie-feng"), "status": status}
    root = ET.fromstring(exchange.export([entry], "tbx"))
    assert root.findtext(".//langSet/tig/termNote[@type='administrativeStatus']") == value


def test_tbx_acronyms_and_ids_that_cannot_start_with_a_digit(db):
    entry = {**entry_by_key(db, "xie-feng"), "aliases": ["NC3"], "import_key": "5g-network"}
    root = ET.fromstring(exchange.export([entry], "tbx"))
    assert root.find(".//termEntry").get("id") == "_5g-network"
    assert root.findtext(".//tig[term='NC3']/termNote[@type='termType']") == "acronym"


def test_tbx_ids_start_with_an_underscore_only_where_a_key_starts_with_a_digit():
    assert [tbx.xml_id(key) for key in ("g7-summit", "5g", "a", "x-1")] == [
        "g7-summit",
        "_5g",
        "a",
        "x-1",
    ]


def test_tbx_notes_a_romanization_without_its_system_as_a_romanization():
    person = {**PERSON, "romanization_system": None}
    found = readers.Found([(person, "xie-feng")], {1: "xie-feng"}, lambda: 2)
    root = ET.fromstring(written("tbx", readers.Export(lambda: found, "2026-06-02")))
    assert root.findtext(".//tig[term='Hsieh Feng']/note") == "romanization"


def test_tbx_cross_references_are_in_the_order_of_their_keys():
    found = readers.Found([(PERSON, "xie-feng")], {1: "xie-feng", 2: "zeta", 3: "alpha"}, lambda: 2)
    root = ET.fromstring(written("tbx", readers.Export(lambda: found, "2026-06-02")))
    refs = root.findall(".//termEntry/ref[@type='crossReference']")
    assert [(r.get("target"), r.text) for r in refs] == [
        ("alpha", "race"),
        ("zeta", "Ministry of Foreign Affairs"),
    ]


def test_tbx_keeps_carriage_returns_and_replaces_what_xml_cannot_hold(db):
    entry = {**entry_by_key(db, "xie-feng"), "notes": "a\r\nb\x0bc"}
    text = exchange.export([entry], "tbx")
    assert "a&#13;\nb\ufffdc" in text
    assert ET.fromstring(text).findall(".//termEntry/note")[-1].text == "a\r\nb\ufffdc"


def test_a_person_goes_without_affiliations_when_some_organizations_are_not_exported(db):
    xie, mofa = entry_by_key(db, "xie-feng"), entry_by_key(db, "mofa")
    treasury = entry_by_key(db, "us-treasury")
    second = {**xie["affiliations"][0], "entry": treasury, "role": "adviser"}
    person = {**xie, "affiliations": [*xie["affiliations"], second]}
    [exported, _] = json_format.document([person, mofa], ["xie-feng", "mofa"])["entries"]
    assert "affiliations" not in exported  # all of them or none: never a half list
    assert exported["related"] == ["mofa"]


@pytest.mark.parametrize(
    ("status", "alias_status"),
    [
        ("preferred", "admittedTerm-admn-sts"),
        ("admitted", "admittedTerm-admn-sts"),
        ("deprecated", "deprecatedTerm-admn-sts"),  # a CAT tool must not offer its variants
    ],
)
def test_tbx_aliases_take_the_status_of_a_deprecated_entry(db, status, alias_status):
    entry = {**entry_by_key(db, "xie-feng"), "status": status, "aliases": ["XIE Feng", "谢大使"]}
    root = ET.fromstring(exchange.export([entry], "tbx"))
    for alias in ("XIE Feng", "谢大使"):
        note = root.findtext(f".//tig[term='{alias}']/termNote[@type='administrativeStatus']")
        assert note == alias_status
