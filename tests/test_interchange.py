"""Interchange that real files survive: keys that find entries again, mixed-text pinyin."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from glossary import exchange, search, store
from glossary.exchange import formats, importer
from glossary.exchange.formats import tbx
from glossary.store.connection import connect
from glossary.text import romanize
from tests.helpers import api_token, tbx_basic_dtd_errors

TODAY = "2026-06-02"
EVERYTHING = search.Request(q="", kind=None, tag=None, limit=20, offset=0)
NETWORK = {
    "kind": "term",
    "english": "5G network",
    "simplified": "5G网络",
    "pinyin": "5G wǎngluò",
    "sources": [
        {"quote": "China built the largest 5G network.", "title": "Notes", "published": "2026"}
    ],
}


@pytest.fixture
def editor(app):
    """An API client and the bearer header of an editor."""
    database = connect(app.config["DATABASE"])
    store.insert_account(database, "ed", "editor", "!", "session")
    database.conn.close()
    return app.test_client(), {"Authorization": f"Bearer {api_token(app, 'ed')}"}


def create(editor, document: dict) -> int:
    client, headers = editor
    response = client.post("/api/entries", json=document, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def export_all(db, format: str) -> str:
    return exchange.export(exchange.found_entries(db, EVERYTHING), format, today=TODAY)


def import_text(db, text: str, format: str, **options):
    report, _ = exchange.import_bytes(db, text.encode(), format, f"glossary.{format}", **options)
    return report


def count(db) -> int:
    return db.execute("SELECT count(*) FROM entry").fetchone()[0]


def edited_csv(text: str, key: str, column: str, value: str) -> str:
    """Change one cell of a CSV export, as a spreadsheet would."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    row = next(row for row in rows if row[0] == key)
    row[rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


# Keys of entries made on the site ------------------------------------------------------------


def test_a_spreadsheet_edit_of_a_site_entry_updates_it_and_the_round_trip_is_stable(db, editor):
    entry_id = create(editor, NETWORK)
    key = f"5g-network-{entry_id}"
    before = count(db)
    edited = edited_csv(export_all(db, "csv"), key, "english", "fifth-generation network")
    report = import_text(db, edited, "csv")
    assert report.updated == [key]
    assert report.duplicates == [] and report.created == []
    assert count(db) == before
    assert store.get_entry(db, entry_id)["english"] == "fifth-generation network"
    # exported again under the same key, though its English changed; the next trip is a no-op
    again = export_all(db, "csv")
    assert f"\n{key}," in again
    second = import_text(db, edited, "csv")
    assert second.updated == [] and second.duplicates == []
    assert key in second.unchanged
    assert export_all(db, "csv") == again


@pytest.mark.parametrize("format", ("json", "csv", "tbx"))
def test_reimporting_the_export_of_a_site_entry_finds_it_unchanged(db, editor, format):
    entry_id = create(editor, NETWORK)
    first = export_all(db, format)
    report = import_text(db, first, format)
    assert f"5g-network-{entry_id}" in report.unchanged
    assert (report.created, report.updated, report.duplicates) == ([], [], [])
    assert export_all(db, format) == first


def test_a_key_whose_english_no_longer_matches_is_not_taken_for_the_entry(db, editor):
    entry_id = create(editor, NETWORK)
    text = export_all(db, "json").replace(f'"5g-network-{entry_id}"', f'"other-thing-{entry_id}"')
    report = import_text(db, text, "json")
    assert f"other-thing-{entry_id}" in report.duplicates
    assert store.get_entry(db, entry_id)["import_key"] is None


def test_a_foreign_key_ending_in_a_number_that_names_no_entry_is_created(db):
    document = {
        **NETWORK,
        "key": "g20-99999",
        "english": "G20 summit",
        "simplified": "二十国集团峰会",
    }
    document["pinyin"] = None
    text = exchange.export([], "json").replace(
        '"entries": []', '"entries": [' + _json(document) + "]"
    )
    report = import_text(db, text, "json")
    assert report.created == ["g20-99999"]


def _json(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


# Whatever the API stores round-trips through every format ----------------------------------

LATIN = st.sampled_from(["", "5G", "AI", "G20", "COVID-19"])
HANZI = st.text(alphabet="网络安全峰会疫情人工智能外交部长", min_size=1, max_size=4)
ENGLISH = st.text(alphabet="abcdefghij ", min_size=1, max_size=12).map(str.strip).filter(bool)


@st.composite
def api_entries(draw) -> dict:
    """An entry as a client sends it: mixed characters, pinyin given as suggested or left out."""
    latin, characters = draw(LATIN), draw(HANZI)
    simplified = latin + characters
    entry = {**NETWORK, "english": f"{latin} {draw(ENGLISH)}".strip(), "simplified": simplified}
    if draw(st.booleans()):
        entry["pinyin"] = romanize.reading(simplified, "term")
    else:
        del entry["pinyin"]
    return entry


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(api_entries(), min_size=1, max_size=4, unique_by=lambda e: e["simplified"]))
def test_entries_made_through_the_api_round_trip_through_every_format(
    app, db, editor, tmp_path_factory, documents
):
    ids = [create(editor, document) for document in documents]
    entries = [store.get_entry(db, entry_id) for entry_id in ids]
    keys = formats.entry_keys(entries)
    expected = sorted(
        (importer.export_record(e, k) for e, k in zip(entries, keys, strict=True)),
        key=lambda r: r["key"],
    )
    for format in ("json", "csv", "tbx", "tsv", "xlsx"):
        raw = exchange.export_bytes(entries, format, today=TODAY)
        fresh = connect(str(tmp_path_factory.mktemp("trip") / "empty.db"))
        try:
            if format == "tbx":
                assert tbx_basic_dtd_errors(raw) == []
            report, _ = exchange.import_bytes(fresh, raw, format, f"glossary.{format}", today=TODAY)
            assert len(report.created) == len(entries), format
            found = exchange.found_entries(fresh, EVERYTHING)
            if format == "tsv":  # TSV carries the terms and the pinyin only
                assert sorted(
                    (e["english"], e["simplified"], e["pinyin"]) for e in found
                ) == sorted((e["english"], e["simplified"], e["pinyin"]) for e in entries)
                continue
            got = sorted(
                (importer.export_record(e, e["import_key"]) for e in found),
                key=lambda r: r["key"],
            )
            assert got == expected, format
        finally:
            fresh.conn.close()


# TBX-Basic --------------------------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"
TBX_SOURCE = {
    **NETWORK,
    "sources": [
        {
            "quote": "China built the largest 5G network.",
            "quote_zh": "中国建成了最大的5G网络。",
            "title": "Notes",
            "publisher": "Press",
            "url": "https://example.org/5g",
            "published": "2026-05",
            "accessed": "2026-06-01",
        },
        {"quote": "A second source.", "title": "Second", "published": "2026"},
        {"quote": "A third.", "quote_zh": "第三。", "title": "Third", "published": "2025"},
    ],
}


def test_the_tbx_export_is_valid_against_tbx_basics_dtd_and_the_core_structure_dtd(db, editor):
    create(editor, TBX_SOURCE)
    text = export_all(db, "tbx")  # the seed's 60 entries (people, affiliations, related) and one
    assert '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">' in text.splitlines()[1]
    assert tbx_basic_dtd_errors(text) == []
    document = etree.fromstring(text.encode())
    dtd = etree.DTD(str(FIXTURES / "TBXcoreStructV02.dtd"))
    assert dtd.validate(document), dtd.error_log.filter_from_errors()
    # TBX-Basic's own DTD allows only descrip and admin in a descripGrp
    assert {child.tag for group in document.iter("descripGrp") for child in group} == {
        "descrip",
        "admin",
    }


def test_tbx_basics_dtd_refuses_notes_and_xrefs_inside_a_context_group(db, editor):
    """The layout of earlier exports, which the core structure DTD accepts: the check bites."""
    create(editor, TBX_SOURCE)
    text = exchange.export(exchange.found_entries(db, EVERYTHING), "tbx", today=TODAY)
    old = text.replace(
        "</admin>\n            </descripGrp>",
        "</admin><note>publisher: Press</note></descripGrp>",
        1,
    )
    assert old != text
    (error,) = tbx_basic_dtd_errors(old)
    assert "Element descripGrp content does not follow the DTD" in error
    core = etree.DTD(str(FIXTURES / "TBXcoreStructV02.dtd"))
    assert core.validate(etree.fromstring(old.encode()))


def test_the_xcs_the_export_names_is_shipped_and_declares_its_languages(db, editor):
    create(editor, TBX_SOURCE)
    document = etree.fromstring(export_all(db, "tbx").encode())
    name = document.findtext("martifHeader/encodingDesc/p[@type='XCSURI']")
    xcs = Path(tbx.__file__).parent / name
    parsed = etree.parse(str(xcs))
    dtd = etree.DTD(str(FIXTURES / "tbxxcsdtd.dtd"))
    assert dtd.validate(parsed), dtd.error_log.filter_from_errors()
    declared = set(parsed.getroot().xpath("//langCode/text()"))
    used = set(document.xpath("//langSet/@xml:lang"))
    assert used == declared == {"en", "zh-Hans", "zh-Hant"}


def test_sources_survive_the_tbx_round_trip_in_the_new_and_the_old_layout(db, editor, tmp_path):
    entry = store.get_entry(db, create(editor, TBX_SOURCE))
    text = exchange.export([entry], "tbx", today=TODAY)
    # the old layout: notes and the xref inside the English context's descripGrp
    old = text.replace(
        "</admin>\n            </descripGrp>\n            <note>publisher: Press</note>\n"
        "            <note>published: 2026-05</note>\n            <note>accessed: 2026-06-01</note>"
        '\n            <xref type="externalCrossReference" target="https://example.org/5g">'
        "https://example.org/5g</xref>",
        "</admin>\n<note>publisher: Press</note><note>published: 2026-05</note>"
        "<note>accessed: 2026-06-01</note>"
        '<xref type="externalCrossReference" target="https://example.org/5g">x</xref>'
        "</descripGrp>",
    )
    assert old != text
    expected = importer.export_record(entry, "k")["sources"]
    for layout in (text, old):
        fresh = connect(str(tmp_path / f"{len(layout)}.db"))
        import_text(fresh, layout, "tbx")
        (again,) = exchange.found_entries(fresh, EVERYTHING)
        assert importer.export_record(again, "k")["sources"] == expected
        fresh.conn.close()


# Readers that take what real tools write --------------------------------------------------------

TOOLS = FIXTURES / "tools"


def import_fixture(database, name: str, format: str, raw: bytes | None = None):
    raw = raw if raw is not None else (TOOLS / name).read_bytes()
    return exchange.import_bytes(database, raw, format, name, today=TODAY)


def terms(database) -> list[tuple]:
    """Every entry's English, both scripts and description, by English."""
    return sorted(
        (e["english"], e["simplified"], e["traditional"], e["description"] or None)
        for e in exchange.found_entries(database, EVERYTHING)
    )


@pytest.fixture
def fresh(tmp_path):
    database = connect(str(tmp_path / "fresh.db"))
    yield database
    database.conn.close()


@pytest.mark.parametrize(
    ("code", "script"),
    [
        # translate-toolkit and Java locales: underscores, any case
        ("zh_CN", "zh-Hans"),
        ("zh_Hans", "zh-Hans"),
        ("zh_hk", "zh-Hant"),
        ("ZH-tw", "zh-Hant"),
        # a region alone says the script
        ("zh-SG", "zh-Hans"),
        ("zh-MO", "zh-Hant"),
        # a script said outright wins over the region
        ("zh-Hans-HK", "zh-Hans"),
        ("zh-Hant-TW", "zh-Hant"),
        ("zh", "zh-Hans"),
        ("EN_us", "en"),
        ("fr", None),
    ],
)
def test_language_tags_in_any_case_and_separator(code, script):
    assert tbx.language(code) == script


def test_translate_toolkit_tbx_with_underscores_and_indented_terms(fresh):
    report, _ = import_fixture(fresh, "translate-toolkit.tbx", "tbx")
    assert len(report.created) == 2
    assert terms(fresh) == [("open", "打开", "打開", None), ("save", "保存", "保存", None)]


def test_microsoft_terminology_tbx_with_a_region_tag_and_an_indented_definition(fresh):
    import_fixture(fresh, "microsoft-terminology.tbx", "tbx")
    definition = "A set of data that describes and gives information about other data."
    assert terms(fresh) == [("metadata", "中继资料", "中繼資料", definition)]


def test_a_multilingual_tbx_imports_the_entries_with_chinese_and_says_how_many_it_skipped(fresh):
    report, parsed = import_fixture(fresh, "iate.tbx", "tbx")
    assert report.created == ["iate-1"]
    assert terms(fresh) == [("foreign ministry", "外交部", "外交部", None)]
    assert parsed.warnings == ["2 of 3 termEntries skipped: they have no Chinese term"]


FOREIGN_MINISTRY = "The ministry in charge of a country's relations with other countries."


def entries_of(database) -> list[tuple]:
    """Every entry's key, English, scripts, aliases, description, notes and tags, by key."""
    return sorted(
        (
            e["import_key"],
            e["english"],
            e["simplified"],
            e["traditional"],
            e["aliases"],
            e["description"] or None,
            e["notes"] or None,
            e["tags"],
        )
        for e in exchange.found_entries(database, EVERYTHING)
    )


def test_a_memoq_csv_export_with_language_columns_and_synonyms(fresh):
    report, parsed = import_fixture(fresh, "memoq.csv", "csv")
    assert entries_of(fresh) == [
        (
            "csv-artificial-intelligence",
            "artificial intelligence",
            "人工智能",
            "人工智慧",
            [],
            None,
            "Check with the desk",
            ["Technology"],
        ),
        (
            "csv-foreign-ministry",
            "foreign ministry",
            "外交部",
            "外交部",
            ["Ministry of Foreign Affairs"],
            FOREIGN_MINISTRY,
            None,
            ["Diplomacy"],
        ),
    ]
    assert parsed.warnings == [
        "columns not in the glossary's CSV format ignored: entry_id, entry_domain, "
        "entry_clientid, entry_projectid, entry_created, entry_creator, entry_lastmodified, "
        "entry_modifier, term_info, term_example, chinese_prc_def, chinese_taiwan_def"
    ]


def test_a_memoq_tbx_export_with_numbered_entries_and_lower_case_regions(fresh):
    import_fixture(fresh, "memoq.tbx", "tbx")
    assert entries_of(fresh) == [
        (
            "1",
            "foreign ministry",
            "外交部",
            "外交部",
            ["Ministry of Foreign Affairs"],
            FOREIGN_MINISTRY,
            None,
            ["Diplomacy"],
        ),
        (
            "2",
            "artificial intelligence",
            "人工智能",
            "人工智慧",
            [],
            None,
            "Check with the desk",
            ["Technology"],
        ),
    ]
    (ai,) = [e for e in exchange.found_entries(fresh, EVERYTHING) if e["import_key"] == "2"]
    assert [(s["quote"], s["title"]) for s in ai["sources"]] == [
        ("AI is changing newsrooms.", "memoq.tbx")
    ]


def test_a_multiterm_tbx_in_utf16_with_upper_case_tags_and_another_language(fresh):
    report, parsed = import_fixture(fresh, "multiterm.tbx", "tbx")
    assert entries_of(fresh) == [
        (
            "c17",
            "confidence-building measures",
            "建立信任措施",
            "建立信任措施",
            ["CBMs"],
            "Steps that reduce the risk of conflict by building trust.",
            None,
            ["Politics"],
        )
    ]
    assert parsed.warnings == ["1 of 2 termEntries skipped: they have no Chinese term"]


def test_omegat_comment_lines_anywhere(fresh):
    import_fixture(fresh, "omegat.txt", "tsv")
    assert [t[:2] for t in terms(fresh)] == [("network", "网络"), ("security", "安全")]


def test_an_excel_csv_with_other_headers_columns_and_crlf(fresh):
    report, parsed = import_fixture(fresh, "excel.csv", "csv")
    assert len(report.created) == 2
    assert [t[:2] for t in terms(fresh)] == [("Xie Feng", "谢锋"), ("foreign ministry", "外交部")]
    assert parsed.warnings == ["columns not in the glossary's CSV format ignored: reviewer note"]


def test_a_minimal_csv_cites_the_file_as_tsv_and_tbx_do(fresh):
    import_fixture(fresh, "minimal.csv", "csv")
    (entry,) = exchange.found_entries(fresh, EVERYTHING)
    assert [(s["quote"], s["title"], s["published"]) for s in entry["sources"]] == [
        ("multi-party talks = 多方会谈", "minimal.csv", TODAY)
    ]


def test_a_gbk_csv_with_a_tone_marked_pinyin_column_is_read_as_gbk(fresh):
    text = "english,simplified,pinyin\r\n" + "".join(
        f"{english},{chinese},{pinyin}\r\n"
        for english, chinese, pinyin in [
            ("Xie Feng", "谢锋", "Xiè Fēng"),
            ("network", "网络", "wǎngluò"),
            ("security", "安全", "ānquán"),
            ("foreign ministry", "外交部", "wàijiāobù"),
        ]
    )
    import_fixture(fresh, "gbk.csv", "csv", raw=text.encode("gbk"))
    found = exchange.found_entries(fresh, EVERYTHING)
    assert sorted(e["pinyin"] for e in found) == ["Xiè Fēng", "wàijiāobù", "wǎngluò", "ānquán"]


# Errors in a translator's words -----------------------------------------------------------------

SCHEMA_PHRASES = re.compile(
    r"should be|is a required property|does not match|Additional properties|is not of type|"
    r"is too long|is too short|non-empty"
)


def problems(text: str, format: str = "csv") -> list[str]:
    with pytest.raises(importer.InvalidData) as raised:
        exchange.import_bytes(connect(":memory:"), text.encode(), format, f"f.{format}")
    return raised.value.errors


def test_a_csv_problem_names_the_line_and_the_column():
    text = "english,simplified,pinyin\nwriting,写,xiě\nXie Feng,谢锋,xie fneg\n"
    assert problems(text) == ["line 3, column pinyin: 'xie fneg' is not Hanyu Pinyin"]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"english": ""}, "entry 1 (ai-safety): the English is empty"),
        ({"kind": "animal"}, "entry 1 (ai-safety): 'animal' is not a kind of entry: person,"),
        ({"sources": []}, "entry 1 (ai-safety): the entry has no source"),
        ({"english": 5}, "entry 1 (ai-safety): the English must be text"),
        (
            {"english": "x" * 600},
            "entry 1 (ai-safety): the English: 600 characters, more than the 500 allowed",
        ),
        ({"verified": "yes"}, "entry 1 (ai-safety): the verified mark must be true or false"),
        (
            {"colour": "red"},
            "entry 1 (ai-safety): the field 'colour' is not in the glossary's format",
        ),
        (
            {"sources": [{"quote": "q", "title": "", "published": "2026"}]},
            "entry 1 (ai-safety): the title of source 1 is empty",
        ),
        ({"aliases": ["AI", "AI"]}, "entry 1 (ai-safety): alias 2 is listed twice"),
    ],
)
def test_json_problems_are_said_without_json_schema_words(record, message):
    entry = {
        "key": "ai-safety",
        "kind": "term",
        "english": "AI safety",
        "simplified": "AI安全",
        "pinyin": "AI ānquán",
        "sources": [{"quote": "AI safety", "title": "Notes", "published": "2026"}],
        **record,
    }
    errors = problems(json.dumps({"format": "glossary/1", "entries": [entry]}), "json")
    assert any(e.startswith(message) for e in errors), errors
    assert not any(SCHEMA_PHRASES.search(e) for e in errors), errors


def test_the_first_twenty_problems_then_how_many_more(runner, tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("english,simplified\n" + "".join(f"term {n},\n" for n in range(25)))
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "nothing was imported; 25 problem(s):" in lines[0]
    assert lines[1] == "line 2, column simplified: the simplified Chinese is empty"
    assert lines[21:] == ["and 5 more"]


# The API answers as strictly as it describes itself ---------------------------------------------


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_a_non_integer_id_is_404_whatever_the_method(client, method):
    response = getattr(client, method)("/api/entries/abc")
    assert response.status_code == 404
    assert response.get_json() == {"error": "no API route /api/entries/abc"}


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/api/extract", {"OPTIONS", "POST"}),
        ("/api/entries", {"OPTIONS", "POST"}),
        ("/api/search", {"GET", "HEAD", "OPTIONS"}),
        ("/api/entries/1/verify", {"OPTIONS", "POST"}),
    ],
)
def test_options_lists_only_the_methods_a_route_has(client, path, allowed):
    response = client.options(path)
    assert set(response.headers["Allow"].split(", ")) == allowed


def openapi(client) -> dict:
    return client.get("/api/openapi.json").get_json()


def test_delete_requires_its_reason_in_the_description_as_the_server_does(client):
    (reason,) = [
        p
        for p in openapi(client)["paths"]["/api/entries/{id}"]["delete"]["parameters"]
        if p["name"] == "reason"
    ]
    assert reason["required"] is True and reason["schema"]["minLength"] == 1


@pytest.mark.parametrize(
    "source",
    [
        {"quote": "", "title": "Notes", "published": "2026"},
        {"quote": "A quote.", "title": "", "published": "2026"},
        {"quote": "A quote.", "title": "Notes", "published": "0000"},
        {"quote": "A quote.", "title": "Notes", "published": "2026-13"},
    ],
)
def test_sources_the_server_refuses_the_schema_refuses(client, editor, source):
    import jsonschema

    document = openapi(client)
    schema = {
        **document["components"]["schemas"]["EntryInput"],
        "components": document["components"],
    }
    entry = {**NETWORK, "sources": [source]}
    api, headers = editor
    assert api.post("/api/entries", json=entry, headers=headers).status_code == 400
    assert not jsonschema.Draft202012Validator(schema).is_valid(entry)
    assert jsonschema.Draft202012Validator(schema).is_valid(NETWORK)


@pytest.mark.parametrize("name", ["kind", "region"])
def test_an_empty_kind_or_region_on_romanize_is_refused_as_the_enums_say(client, name):
    response = client.get("/api/romanize", query_string={"hanzi": "谢锋", name: ""})
    assert response.status_code == 400
    assert response.get_json()["error"].startswith(f"parameter {name!r}")
    document = openapi(client)
    (parameter,) = [
        p for p in document["paths"]["/api/romanize"]["get"]["parameters"] if p["name"] == name
    ]
    assert "" not in parameter["schema"]["enum"]
