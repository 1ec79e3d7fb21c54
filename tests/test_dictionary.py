"""The base dictionary (CC-CEDICT): import, pinyin, search beside the glossary, pages, API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.dictionary import cedict, notation
from glossary.dictionary import pinyin as cedict_pinyin
from glossary.store.connection import connect
from glossary.store.dictionary import ranking
from glossary.text import keys
from tests.factories import CEDICT
from tests.helpers import api_search, html

SIZE = 20


@pytest.fixture
def cedict_file(tmp_path: Path) -> Path:
    path = tmp_path / "cedict_ts.u8"
    path.write_text(CEDICT, encoding="utf-8")
    return path


@pytest.fixture
def dictionary_app(app, cedict_file):
    """The seeded app with the CC-CEDICT slice loaded, as `glossary import-cedict` loads it."""
    database = connect(app.config["DATABASE"])
    try:
        cedict.import_cedict(database, cedict_file)
    finally:
        database.conn.close()
    return app


@pytest.fixture
def dictionary_client(dictionary_app):
    return dictionary_app.test_client()


# Pinyin: CC-CEDICT's numbered syllables → tone marks, grouped into words ---------------------


@pytest.mark.parametrize(
    ("numbered", "characters", "pinyin"),
    [
        # u: is ü
        ("lu:4", "绿", "lǜ"),
        ("nu:3 er2", "女儿", "nǚ'ér"),
        ("Lu:3", "吕", "Lǚ"),
        # tone 5 is the neutral tone: no mark
        ("shen2 me5", "什么", "shénme"),
        # a capital starts a word of a proper noun; lower case joins the word before
        ("Zhong1 guo2", "中国", "Zhōngguó"),
        ("Sun1 Zhong1 shan1", "孙中山", "Sūn Zhōngshān"),
        ("Zhong1 guo2 She4 hui4 Ke1 xue2 yuan4", "中国社会科学院", "Zhōngguó Shèhuì Kēxuéyuàn"),
        ("Tang2 na4 de2 · Te4 lang3 pu3", "唐纳德·特朗普", "Tángnàdé Tèlǎngpǔ"),
        # up to three syllables are one word; longer runs split by the words they read
        ("dian4 nao3", "电脑", "diànnǎo"),
        ("ji4 suan4 ji1", "计算机", "jìsuànjī"),
        ("ren2 gong1 zhi4 neng2", "人工智能", "réngōng zhìnéng"),
        ("Ma3 ke4 si1 zhu3 yi4", "马克思主义", "Mǎkèsī zhǔyì"),
        # an apostrophe before a, o or e inside a word
        ("Tian1 an1 men2", "天安门", "Tiān'ānmén"),
        # erhua joins the syllable before; Latin letters stay as written
        ("yi1 dian3 r5", "一点儿", "yīdiǎnr"),
        ("ka3 la1 O K", "卡拉OK", "kǎlā OK"),
        ("san1 C", "3C", "sān C"),
        # syllabic m and n take the mark themselves
        ("m2", "呣", "ḿ"),
    ],
)
def test_numbered_pinyin_is_written_with_tone_marks(numbered, characters, pinyin):
    assert cedict_pinyin.convert_pinyin(numbered, characters)[0] == pinyin


def test_converted_syllables_feed_the_search_keys():
    assert cedict_pinyin.convert_pinyin("Sun1 Zhong1 shan1", "孙中山")[1] == [
        [("sun", 1)],
        [("zhong", 1), ("shan", 1)],
    ]
    assert cedict_pinyin.convert_pinyin("lu:4", "绿")[1] == [[("lv", 4)]]
    assert cedict_pinyin.convert_pinyin("ka3 la1 O K", "卡拉OK")[1] == []  # not all pinyin: no keys


@pytest.mark.parametrize(
    "definitions",
    [
        [],
        ["computer", "CL:臺|台[tai2]"],
        # quotes, backslashes and control characters are escaped; other characters kept
        ['"the" Internet', "a\\b", "tab\there", "new\nline", "nul\x00", "é\u2028ǜ"],
    ],
)
def test_definitions_are_stored_as_json_dumps_writes_them(definitions):
    assert cedict.dictionary_row(cedict.Record("x", "x", "x1", definitions)).definitions == (
        json.dumps(definitions, ensure_ascii=False)
    )


# The file and its edition -----------------------------------------------------------------


def test_the_header_gives_date_size_publisher_and_licence(cedict_file):
    assert cedict.edition_of(cedict_file) == cedict.Edition(
        date="2023-11-07",
        entries=SIZE,
        publisher="MDBG",
        license="CC BY-SA 4.0",
        license_url="https://creativecommons.org/licenses/by-sa/4.0/",
        home="https://cc-cedict.org/wiki/",
    )


def test_the_packaged_file_is_the_2023_11_07_edition():
    edition = cedict.edition_of(cedict.packaged_path())
    assert (edition.date, edition.entries) == ("2023-11-07", 122143)
    assert edition.license == "CC BY-SA 4.0"
    assert "MDBG" in edition.attribution() and "CC BY-SA 4.0" in edition.attribution()


def test_records_are_stored_with_tone_marks_and_definitions(dictionary_app, db):
    rows = [
        dict(row)
        for row in db.query(
            "SELECT traditional, simplified, pinyin, pinyin_numbered, definitions, english"
            " FROM dictionary WHERE simplified IN ('电脑', '女儿') ORDER BY pinyin_numbered"
        )
    ]
    assert rows == [
        {
            "traditional": "電腦",
            "simplified": "电脑",
            "pinyin": "diànnǎo",
            "pinyin_numbered": "dian4 nao3",
            "definitions": '["computer", "CL:臺|台[tai2]"]',
            "english": "computer; CL:臺|台[tai2]",
        },
        {
            "traditional": "女兒",
            "simplified": "女儿",
            "pinyin": "nǚ'ér",
            "pinyin_numbered": "nu:3 er2",
            "definitions": '["daughter"]',
            "english": "daughter",
        },
    ]


# Importing --------------------------------------------------------------------------------


def _glossary_state(db) -> list:
    return [
        db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in ("entry", "search_key", "entry_char", "revision", "source")
    ]


def test_import_cedict_command_loads_the_file_and_shows_the_attribution(runner, db, cedict_file):
    before = _glossary_state(db)
    result = runner.invoke(args=["import-cedict", "--file", str(cedict_file)])
    assert result.exit_code == 0, result.output
    assert f"Loaded {SIZE} dictionary entries in" in result.output
    assert "CC-CEDICT (2023-11-07), published by MDBG under the CC BY-SA 4.0 licence" in (
        result.output
    )
    assert db.execute("SELECT count(*) FROM dictionary").fetchone()[0] == SIZE
    assert _glossary_state(db) == before


def test_reimporting_replaces_the_dictionary_and_never_touches_entries(runner, db, cedict_file):
    before = _glossary_state(db)
    for args in ([], [], ["--limit", "3"]):
        result = runner.invoke(args=["import-cedict", "--file", str(cedict_file), *args])
        assert result.exit_code == 0, result.output
    # Ids are numbered by the length of the definitions (the order searches rank them in).
    rows = db.execute("SELECT simplified, id FROM dictionary ORDER BY id").fetchall()
    assert rows == [("绿", 1), ("电脑", 2), ("计算机", 3)]
    ids = {row[0] for row in db.execute("SELECT DISTINCT dictionary_id FROM dictionary_key")}
    assert ids == {1, 2, 3}
    assert {row[0] for row in db.execute("SELECT DISTINCT dictionary_id FROM dictionary_char")} == (
        ids
    )
    assert db.execute(
        "SELECT rowid FROM dictionary_fts WHERE dictionary_fts MATCH 'green'"
    ).fetchall() == [(1,)]
    assert (
        db.execute(
            "SELECT rowid FROM dictionary_fts WHERE dictionary_fts MATCH 'daughter'"
        ).fetchall()
        == []
    )
    assert _glossary_state(db) == before


def test_a_file_that_cannot_be_read_loads_nothing(runner, db, cedict_file, tmp_path):
    assert runner.invoke(args=["import-cedict", "--file", str(cedict_file)]).exit_code == 0
    broken = tmp_path / "broken.u8"
    broken.write_bytes(CEDICT.encode("utf-8") + "電 电 [dian4] /electric/\n".encode("gb18030"))
    result = runner.invoke(args=["import-cedict", "--file", str(broken)])
    assert result.exit_code == 1
    assert "nothing was loaded" in result.output
    assert db.execute("SELECT count(*) FROM dictionary").fetchone()[0] == SIZE


def test_a_line_that_is_not_an_entry_is_skipped_and_counted(app, tmp_path):
    path = tmp_path / "bad.u8"
    path.write_text(CEDICT + "not an entry\n", encoding="utf-8")
    database = connect(app.config["DATABASE"])
    try:
        report = cedict.import_cedict(database, path)
    finally:
        database.conn.close()
    assert (report.entries, report.skipped) == (SIZE, 1)


# Searching both collections -----------------------------------------------------------------


def test_computer_finds_the_dictionary_entry(dictionary_client):
    results = api_search(dictionary_client, "computer")["results"]
    dictionary = [r for r in results if r["collection"] == "cc-cedict"]
    assert [r["simplified"] for r in dictionary] == ["电脑", "计算机"]
    assert dictionary[0] == {
        "id": dictionary[0]["id"],
        "collection": "cc-cedict",
        "kind": None,
        "english": "computer; CL:臺|台[tai2]",
        "simplified": "电脑",
        "traditional": "電腦",
        "pinyin": "diànnǎo",
        "description": "",
        "url": f"/dictionary/{dictionary[0]['id']}",
        "match": {"field": "definition", "form": "computer", "system": None},
    }


def test_computer_finds_电脑_in_the_dictionary_section_of_the_page(dictionary_client):
    page = html(dictionary_client.get("/search", query_string={"q": "computer"}))
    section = page.select_one("section.dictionary-results")
    assert section.h2.get_text() == "Dictionary (CC-CEDICT)"
    first = section.select_one("ol.results li")
    assert [h.get_text() for h in first.select(".card-link .hanzi")] == ["电脑", "電腦"]
    assert first.select_one(".pinyin").get_text() == "diànnǎo"
    assert first.select_one(".definitions").get_text() == "computer; classifier: 台 (臺) tái"
    attribution = section.select_one(".attribution").get_text(" ", strip=True)
    assert "CC-CEDICT" in attribution and "CC BY-SA 4.0" in attribution
    assert "MDBG" in attribution
    # Glossary results, when there are any, come before the section.
    assert "in the dictionary" in page.select_one(".summary").get_text()


@pytest.mark.parametrize("query", ["xie feng", "谢锋", "Xie4 Feng1", "谢", "xie"])
def test_the_glossary_name_still_comes_first(dictionary_client, query):
    results = api_search(dictionary_client, query)["results"]
    assert (results[0]["collection"], results[0]["english"]) == ("glossary", "Xie Feng")
    page = html(dictionary_client.get("/search", query_string={"q": query}))
    assert page.select_one("ol.results li .english").get_text() == "Xie Feng"


def test_a_dictionary_reading_is_found_by_pinyin_and_characters(dictionary_client):
    for query in ("lü", "lv", "lu:4", "绿", "綠"):
        results = api_search(dictionary_client, query)["results"]
        assert any(r["simplified"] == "绿" for r in results), query
    results = api_search(dictionary_client, "zhongshan")["results"]  # a later word of a name
    assert [r["simplified"] for r in results] == ["孙中山"]


def test_to_thank_is_found_by_thank(dictionary_client):
    results = api_search(dictionary_client, "thank")["results"]
    assert results[0]["simplified"] == "谢"
    assert results[0]["match"] == {"field": "definition", "form": "to thank", "system": None}


@pytest.mark.parametrize("query", ["computer", "ai", "安全", "an", "谢", "xie", "China"])
def test_every_result_has_a_collection_and_the_glossary_comes_first(dictionary_client, query):
    response = api_search(dictionary_client, query, limit=100)
    collections = [r["collection"] for r in response["results"]]
    assert set(collections) <= {"glossary", "cc-cedict"}
    assert collections == sorted(collections, key=lambda c: c != "glossary")
    assert response["total"] == len(collections)


def test_pages_keep_the_glossary_first_and_walk_every_result_once(dictionary_client):
    total = api_search(dictionary_client, "ai")["total"]
    seen = []
    for offset in range(0, total + 3, 3):
        page = api_search(dictionary_client, "ai", limit=3, offset=offset)
        assert page["total"] == total
        seen += [(r["collection"], r["id"]) for r in page["results"]]
    assert len(seen) == total == len(set(seen))
    collections = [c for c, _ in seen]
    assert collections == sorted(collections, key=lambda c: c != "glossary")
    assert {"glossary", "cc-cedict"} == set(collections)


def test_the_dictionary_list_continues_the_numbering(dictionary_client):
    results = api_search(dictionary_client, "ai", limit=100)["results"]
    glossary = sum(1 for r in results if r["collection"] == "glossary")
    page = html(dictionary_client.get("/search", query_string={"q": "ai", "limit": 100}))
    assert page.select_one("ol.results.dictionary")["start"] == str(glossary + 1)


@pytest.mark.parametrize(
    "params",
    [{"kind": "term"}, {"tag": "ai-safety"}, {"verified": "1"}],
)
def test_filters_apply_to_the_glossary_only(dictionary_client, params):
    assert "cc-cedict" in {
        r["collection"] for r in api_search(dictionary_client, "安全")["results"]
    }
    response = api_search(dictionary_client, "安全", **params)
    assert {r["collection"] for r in response["results"]} <= {"glossary"}
    assert response["total"] == len(response["results"])


def test_browsing_lists_the_glossary_only(dictionary_client, db):
    response = dictionary_client.get("/api/search", query_string={"limit": 100}).get_json()
    count = db.execute("SELECT count(*) FROM entry WHERE deleted IS NULL").fetchone()[0]
    assert response["total"] == count
    assert {r["collection"] for r in response["results"]} == {"glossary"}


def test_without_a_dictionary_results_are_the_glossary_s(client):
    response = api_search(client, "computer")
    assert {r["collection"] for r in response["results"]} == {"glossary"}
    page = html(client.get("/search", query_string={"q": "computer"}))
    assert page.select_one("section.dictionary-results") is None


# Pages ------------------------------------------------------------------------------------


def test_the_dictionary_entry_page_shows_every_form_and_definition(dictionary_client):
    url = api_search(dictionary_client, "电脑")["results"][0]["url"]
    page = html(dictionary_client.get(url))
    assert [h.get_text() for h in page.h1.select(".hanzi")] == ["电脑", "電腦"]
    forms = {
        row.dt.get_text(): row.select_one(".form-value").get_text()
        for row in page.select(".forms .form-row")
    }
    assert forms == {
        "Simplified": "电脑",
        "Traditional": "電腦",
        "Pinyin": "diànnǎo",
        "Pinyin with tone numbers": "dian4 nao3",
    }
    assert [li.get_text() for li in page.select("ol.definitions li")] == [
        "computer",
        "classifier: 台 (臺) tái",
    ]
    assert "CC BY-SA 4.0" in page.select_one(".attribution").get_text()


def test_an_unknown_dictionary_entry_is_not_found(dictionary_client):
    assert dictionary_client.get("/dictionary/999999").status_code == 404


def test_the_home_page_says_nothing_of_a_dictionary_not_loaded(client):
    assert html(client.get("/")).select_one(".dictionary-total") is None


def test_the_home_page_mentions_the_dictionary_when_loaded(dictionary_client):
    text = html(dictionary_client.get("/")).select_one(".dictionary-total").get_text()
    assert f"{SIZE} entries of the CC-CEDICT dictionary" in text


def test_exporting_a_search_leaves_the_dictionary_out(dictionary_app, dictionary_client):
    from glossary import exchange
    from glossary import search as searching

    found = api_search(dictionary_client, "computer", limit=100)["results"]
    glossary = [r["english"] for r in found if r["collection"] == "glossary"]
    assert any(r["collection"] == "cc-cedict" for r in found)
    database = connect(dictionary_app.config["DATABASE"])
    request = searching.parse_request(
        {"q": "computer"}, default_limit=20, max_limit=100, max_query=200
    )
    exported = [e["english"] for e in exchange.found_entries(database, request)]
    database.conn.close()
    assert exported == glossary


# CC-CEDICT's notation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("definition", "plain", "label"),
    [
        ("computer", "computer", None),
        ("CL:臺|台[tai2]", "台 tái", "classifier"),
        ("CL:個|个[ge4],位[wei4]", "个 gè, 位 wèi", "classifier"),
        ("see 電腦|电脑[dian4 nao3]", "see 电脑 diànnǎo", None),
        ("variant of 台[tai2]", "variant of 台 tái", None),
        ("see also 孫中山|孙中山[Sun1 Zhong1 shan1]", "see also 孙中山 Sūn Zhōngshān", None),
        ("old variant of 台|臺", "old variant of 臺", None),
        ("surname Xie", "surname Xie", None),
        ("(used in 谢谢)", "(used in 谢谢)", None),  # characters alone are quoted, not cited
    ],
)
def test_notation_is_read_into_characters_and_toned_pinyin(definition, plain, label):
    read = notation.read(definition)
    assert read.label == label
    assert "".join(p if isinstance(p, str) else p.simplified for p in read.parts).strip()
    assert read.plain() == (f"{label}: {plain}" if label else plain)


def test_a_citation_keeps_both_scripts_and_the_numbered_pinyin():
    (see, citation) = notation.read("see 電腦|电脑[dian4 nao3]").parts
    assert see == "see "
    assert citation == notation.Citation("电脑", "電腦", "dian4 nao3", "diànnǎo")


def test_citations_link_to_the_entries_they_name(dictionary_client):
    url = api_search(dictionary_client, "电脑")["results"][0]["url"]
    page = html(dictionary_client.get(url))
    citation = page.select_one("ol.definitions li .citation")
    assert citation.a is not None
    target = html(dictionary_client.get(citation.a["href"]))
    assert [h.get_text() for h in target.h1.select(".hanzi")] == ["台", "臺"]
    assert "[" not in page.select_one("ol.definitions").get_text()
    assert "|" not in page.select_one("ol.definitions").get_text()


# Whether a query finds a dictionary entry ("did you mean" asks it of each correction).
@pytest.mark.parametrize(
    ("q", "finds"),
    [("diannao", True), ("电脑", True), ("computer", True), ("zzqxj", False), ("", False)],
)
def test_a_query_finds_a_dictionary_entry_or_none(dictionary_app, q, finds):
    database = connect(dictionary_app.config["DATABASE"])
    try:
        assert ranking.finds(database.conn, keys.parse_query(q)) is finds
    finally:
        database.conn.close()
