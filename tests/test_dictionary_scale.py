"""The base dictionary at scale: lookups in rank order, counts that stop, the schema's migration."""

from __future__ import annotations

import sqlite3

import pytest

from glossary.dictionary import cedict
from glossary.store import schema
from glossary.store.connection import connect
from glossary.store.dictionary import ranking
from glossary.text import keys
from glossary.web import answers
from tests.factories import CEDICT
from tests.helpers import api_search, html


@pytest.fixture
def dictionary_client(app, tmp_path):
    """The seeded app with the factories' slice of CC-CEDICT loaded."""
    path = tmp_path / "cedict_ts.u8"
    path.write_text(CEDICT, encoding="utf-8")
    database = connect(app.config["DATABASE"])
    try:
        cedict.import_cedict(database, path)
    finally:
        database.conn.close()
    return app.test_client()


def dictionary_results(client, query: str, **params) -> list[str]:
    results = api_search(client, query, limit=100, **params)["results"]
    return [r["simplified"] for r in results if r["collection"] == "cc-cedict"]


# Ranking within a band: the form's length, the key, the simplified form's length, the id -----


def test_a_prefix_ranks_shorter_forms_then_shorter_entries_first(dictionary_client):
    assert dictionary_results(dictionary_client, "comp") == ["电脑", "计算机"]


@pytest.mark.parametrize(
    ("query", "found"),
    [("中山", "孙中山"), ("算机", "计算机"), ("算機", "计算机"), ("工智能", "人工智能")],
)
def test_characters_inside_a_form_find_it_in_either_script(dictionary_client, query, found):
    """Two characters or more inside a longer form, not at its start: the entries holding
    their rarest pair, then those holding the whole string."""
    assert dictionary_results(dictionary_client, query) == [found]


QUERIES = ["a", "ai", "an", "computer", "zhong", "dian", "xie", "中", "电脑", "安", "to", "x"]


def fresh(client, query: str, **params) -> dict:
    """A search computed now: the answer cache (on in the test app) would else answer a repeat
    from before the ranking's constants changed, and the path under test would not run."""
    client.application.extensions[answers.EXTENSION].clear()
    return api_search(client, query, **params)


@pytest.fixture
def paths(monkeypatch) -> dict[str, int]:
    """How often each way of reading the lookups ran: at once, merged, by length."""
    calls = {"at_once": 0, "merged": 0, "large": 0}

    def counting(name, function):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(ranking, "_ranked_at_once", counting("at_once", ranking._ranked_at_once))
    monkeypatch.setattr(ranking, "_merged", counting("merged", ranking._merged))
    rows = ranking.Branch.rows

    def large_rows(self, conn, large, stream):
        calls["large"] += bool(large and self.large_source)
        return rows(self, conn, large, stream)

    monkeypatch.setattr(ranking.Branch, "rows", large_rows)
    return calls


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("limit", [3, 100])
def test_every_way_of_reading_the_lookups_ranks_alike(
    dictionary_client, monkeypatch, paths, query, limit
):
    def pages() -> list[dict]:
        return [fresh(dictionary_client, query, limit=limit, offset=n) for n in (0, 3, 40)]

    first = pages()  # this slice is small: most lookups' first rows are all their rows
    monkeypatch.setattr(ranking, "FIRST", 0)  # sized first, then ranked in one statement
    before = dict(paths)
    at_once = pages()
    assert at_once == first
    found_any = any(page["results"] for page in first) and any(
        r["collection"] == "cc-cedict" for page in first for r in page["results"]
    )
    if found_any:
        assert paths["at_once"] > before["at_once"]
    monkeypatch.setattr(ranking, "FEW", 0)  # each lookup read in rank order, then merged
    before = dict(paths)
    assert pages() == at_once
    if found_any:
        assert paths["merged"] > before["merged"]
    monkeypatch.setattr(ranking, "SMALL", 0)  # prefixes read from dictionary_key_length
    assert pages() == at_once


def test_a_prefix_read_by_length_ranks_alike(dictionary_client, monkeypatch, paths):
    expected = fresh(dictionary_client, "a", limit=100)
    for name in ("FIRST", "FEW", "SMALL"):
        monkeypatch.setattr(ranking, name, 0)
    assert fresh(dictionary_client, "a", limit=100) == expected
    assert paths["large"] > 0


def test_substring_matches_come_shortest_first_when_merged(dictionary_client, monkeypatch, paths):
    """中 starts 中国, and is inside 当中 and 孙中山: the two characters of 当中 before the three
    of 孙中山, though 孙中山's shorter definitions number it first."""
    monkeypatch.setattr(ranking, "FIRST", 0)
    monkeypatch.setattr(ranking, "FEW", 0)
    found = [
        r["simplified"]
        for r in fresh(dictionary_client, "中", limit=100)["results"]
        if r["collection"] == "cc-cedict"
    ]
    assert paths["merged"] > 0
    assert found == ["中国", "当中", "孙中山"]


def test_counting_reads_lookups_in_chunks_until_the_cap(dictionary_client, monkeypatch):
    """With pages of one row, counting reads each lookup's entries a chunk at a time: totals
    past the first chunk are counted, not cut at it. The pinyin keys starting with "a" hold
    two entries the definitions found (爱情, 安排) before one they did not (安全)."""
    everything = fresh(dictionary_client, "a", limit=100)
    monkeypatch.setattr(ranking, "FIRST", 0)
    monkeypatch.setattr(ranking, "FEW", 0)
    monkeypatch.setattr(ranking, "SMALL", 0)
    monkeypatch.setattr(ranking, "PAGE", 1)
    dictionary = sum(1 for r in everything["results"] if r["collection"] == "cc-cedict")
    monkeypatch.setattr(ranking, "CAP", dictionary)  # counted to the last entry, no further
    chunks = []
    add_ids = ranking.Branch.add_ids

    def counting(self, conn, found, most):
        before = len(found)
        add_ids(self, conn, found, most)
        chunks.append(len(found) - before)

    monkeypatch.setattr(ranking.Branch, "add_ids", counting)
    counted = fresh(dictionary_client, "a", limit=100)
    assert chunks  # the chunked count ran
    assert (counted["total"], counted["total_is_lower_bound"]) == (
        everything["total"],
        everything["total_is_lower_bound"],
    )


@pytest.mark.parametrize("few", [0, 400])
def test_exactly_cap_results_are_not_more_than_cap(dictionary_client, monkeypatch, few):
    everything = fresh(dictionary_client, "ai", limit=100)
    dictionary = sum(1 for r in everything["results"] if r["collection"] == "cc-cedict")
    assert dictionary > 1
    monkeypatch.setattr(ranking, "FIRST", 0)
    monkeypatch.setattr(ranking, "FEW", few)
    monkeypatch.setattr(ranking, "CAP", dictionary)
    exact = fresh(dictionary_client, "ai", limit=100)
    assert (exact["total"], exact["total_is_lower_bound"]) == (everything["total"], False)
    monkeypatch.setattr(ranking, "CAP", dictionary - 1)
    assert fresh(dictionary_client, "ai", limit=100)["total_is_lower_bound"] is True


# Counting stops past a cap ----------------------------------------------------------------


@pytest.fixture
def dictionary_db(app, dictionary_client):
    """A connection to the database of dictionary_client."""
    database = connect(app.config["DATABASE"])
    yield database
    database.conn.close()


@pytest.mark.parametrize(("cap", "total", "more"), [(4, 3, False), (3, 3, False), (2, 2, True)])
def test_a_lookup_of_one_entry_a_row_is_counted_to_the_cap(
    dictionary_db, monkeypatch, cap, total, more
):
    """中 is inside three entries (中国, 当中, 孙中山), one row each in dictionary_char: a
    count that reaches the cap exactly is exact, one past it a lower bound."""
    monkeypatch.setattr(ranking, "FEW", 0)  # counted, then merged
    monkeypatch.setattr(ranking, "CAP", cap)
    found = ranking.find_ranked(dictionary_db.conn, keys.parse_query("中"), 20, 0)
    assert (found.total, found.more) == (total, more)
    assert [hit["simplified"] for hit in found.entries] == ["中国", "当中", "孙中山"]


def test_a_lookup_adds_no_entry_to_a_count_that_has_enough(dictionary_db):
    branch = ranking.substring_branch(dictionary_db.conn, "中")
    found = {"elsewhere"}
    branch.add_ids(dictionary_db.conn, found, 1)
    assert found == {"elsewhere"}


def test_a_lookup_adds_as_many_entries_as_a_count_lacks(dictionary_db, monkeypatch):
    monkeypatch.setattr(ranking, "PAGE", 1)  # chunks as small as what is lacking
    branch = ranking.substring_branch(dictionary_db.conn, "中")
    found = {"elsewhere"}
    branch.add_ids(dictionary_db.conn, found, 3)
    assert len(found) == 3


def test_a_lookup_whose_first_entries_were_counted_reads_on_to_its_others(
    dictionary_db, monkeypatch
):
    """Its rows in the order SQLite reads them: the first two already found, the third is."""
    monkeypatch.setattr(ranking, "PAGE", 1)
    branch = ranking.substring_branch(dictionary_db.conn, "中")
    ids = [str(i) for (i,) in dictionary_db.execute(branch.ids(), branch.params)]
    assert len(ids) == 3
    found = set(ids[:2])
    branch.add_ids(dictionary_db.conn, found, 3)
    assert found == set(ids)


def test_below_the_cap_the_total_is_exact(dictionary_client):
    response = api_search(dictionary_client, "ai", limit=100)
    assert response["total_is_lower_bound"] is False
    assert response["total"] == len(response["results"])


@pytest.mark.parametrize("few", [0, 400])
def test_past_the_cap_the_total_is_a_lower_bound(dictionary_client, monkeypatch, few):
    everything = api_search(dictionary_client, "ai", limit=100)
    glossary = sum(1 for r in everything["results"] if r["collection"] == "glossary")
    monkeypatch.setattr(ranking, "FEW", few)
    monkeypatch.setattr(ranking, "CAP", 2)
    # The same search again, under other constants: not the answer kept from the first.
    dictionary_client.application.extensions[answers.EXTENSION].clear()
    capped = api_search(dictionary_client, "ai", limit=100)
    assert (capped["total"], capped["total_is_lower_bound"]) == (glossary + 2, True)
    assert capped["results"] == everything["results"]


@pytest.mark.parametrize("few", [0, 400])
def test_pages_past_the_lower_bound_still_walk_every_result_once(
    dictionary_client, monkeypatch, few
):
    everything = api_search(dictionary_client, "ai", limit=100)["results"]
    monkeypatch.setattr(ranking, "FEW", few)
    monkeypatch.setattr(ranking, "CAP", 2)
    seen = []
    for offset in range(0, len(everything) + 3, 3):
        page = api_search(dictionary_client, "ai", limit=3, offset=offset)
        assert page["total_is_lower_bound"] is True
        seen += page["results"]
    assert seen == everything


def test_the_page_says_more_than_past_the_cap(dictionary_client, monkeypatch):
    monkeypatch.setattr(ranking, "CAP", 2)
    glossary = api_search(dictionary_client, "ai")["total"] - 2
    page = html(dictionary_client.get("/search", query_string={"q": "ai", "limit": 3}))
    assert page.select_one(".summary").get_text(" ", strip=True) == (
        f"More than {glossary + 2} results for “ai” "
        f"({glossary} in the glossary, more than 2 in the dictionary)"
    )
    pagination = page.select_one("nav.pagination")
    assert pagination.span.get_text() == "Page 1"
    assert pagination.select_one("a[rel=next]")["href"].endswith("page=2")


def test_more_than_is_translated(dictionary_client, monkeypatch):
    monkeypatch.setattr(ranking, "CAP", 2)
    page = html(dictionary_client.get("/search", query_string={"q": "ai", "lang": "zh_Hans"}))
    assert "超过" in page.select_one(".summary").get_text()


# A dictionary loaded before ranking is renumbered and keyed in place (migration 5) ---------

V4_ROWS = [
    "INSERT INTO dictionary VALUES (1, '電腦', '电脑', 'diànnǎo', 'dian4 nao3',"
    " '[\"computer\"]', 'computer')",
    "INSERT INTO dictionary VALUES (2, '綠', '绿', 'lǜ', 'lu:4', '[\"green\"]', 'green')",
    "INSERT INTO dictionary_key VALUES ('text', 'computer', 1, 'definition', 'computer'),"
    " ('hanzi', '电脑', 1, 'simplified', '电脑'), ('py', 'diannao', 1, 'pinyin', 'diànnǎo'),"
    " ('text', 'green', 2, 'definition', 'green'), ('hanzi', '绿', 2, 'simplified', '绿')",
    "INSERT INTO dictionary_char VALUES ('电', 1), ('脑', 1), ('電', 1), ('腦', 1),"
    " ('绿', 2), ('綠', 2)",
    "INSERT INTO dictionary_fts (dictionary_fts) VALUES ('rebuild')",
    "INSERT INTO entry_fts (rowid, names, description) VALUES (7, 'Xie Feng', 'Ambassador')",
]


def older_database(tmp_path, version: int, rows: list[str]) -> str:
    """The path of a database at an older schema version, holding rows (SQL statements)."""
    path = str(tmp_path / f"v{version}.db")
    conn = sqlite3.connect(path, isolation_level=None)
    for script in schema.MIGRATIONS[:version]:
        for statement in schema.split_statements(script):
            conn.execute(statement)
    for statement in rows:
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    return path


def test_a_dictionary_loaded_before_is_renumbered_and_keyed_for_ranking(tmp_path):
    database = connect(older_database(tmp_path, 4, V4_ROWS))
    rows = database.execute("SELECT id, simplified FROM dictionary ORDER BY id").fetchall()
    assert rows == [(1, "绿"), (2, "电脑")]  # by the length of the definitions
    assert database.execute("SELECT * FROM dictionary_key ORDER BY 1, 2").fetchall() == [
        ("hanzi", "电脑", 2, 2, 2, "simplified", "电脑"),
        ("hanzi", "绿", 1, 1, 1, "simplified", "绿"),
        ("py", "diannao", 7, 2, 2, "pinyin", "diànnǎo"),
        ("text", "computer", 8, 2, 2, "definition", "computer"),
        ("text", "green", 5, 1, 1, "definition", "green"),
    ]
    assert database.execute("SELECT * FROM dictionary_char ORDER BY 1").fetchall() == [
        ("电", 2, 2, "电脑", "電腦"),
        ("綠", 1, 1, "绿", "綠"),
        ("绿", 1, 1, "绿", "綠"),
        ("脑", 2, 2, "电脑", "電腦"),
        ("腦", 2, 2, "电脑", "電腦"),
        ("電", 2, 2, "电脑", "電腦"),
    ]
    assert database.execute("SELECT * FROM dictionary_bigram ORDER BY 1").fetchall() == [
        ("电脑", 2, 2, "电脑", "電腦"),
        ("電腦", 2, 2, "电脑", "電腦"),
    ]
    assert database.execute(
        "SELECT rowid FROM dictionary_fts WHERE dictionary_fts MATCH 'green'"
    ).fetchall() == [(1,)]
    # The glossary's full-text index was rebuilt with prefix indexes, its rows kept.
    assert database.execute(
        "SELECT rowid, names FROM entry_fts WHERE entry_fts MATCH 'am*'"
    ).fetchall() == [(7, "Xie Feng")]
    database.conn.close()


# The import stages its rows in chunks, derived by worker processes when there are many ------


def test_staging_in_chunks_by_worker_processes_stores_what_one_stage_stores(
    app, tmp_path, monkeypatch
):
    path = tmp_path / "cedict_ts.u8"
    path.write_text(CEDICT, encoding="utf-8")

    def imported() -> list[list[tuple]]:
        database = connect(app.config["DATABASE"])
        try:
            cedict.import_cedict(database, path)
            return [
                database.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3, 4").fetchall()
                for table in (
                    "dictionary",
                    "dictionary_key",
                    "dictionary_char",
                    "dictionary_bigram",
                )
            ]
        finally:
            database.conn.close()

    one_stage = imported()
    monkeypatch.setattr(cedict, "PARALLEL_FROM", 1)
    monkeypatch.setattr(cedict, "CHUNKS", 3)
    assert len(cedict.chunked(list(range(16)))) == 3
    assert imported() == one_stage


def test_the_import_indexes_each_pair_of_characters_next_to_each_other(dictionary_client, app):
    database = connect(app.config["DATABASE"])
    try:
        rows = database.execute(
            """SELECT pair FROM dictionary_bigram
               WHERE simplified IN ('人工智能', '电脑', '绿') ORDER BY 1"""
        ).fetchall()
    finally:
        database.conn.close()
    assert [pair for (pair,) in rows] == sorted(["人工", "工智", "智能", "电脑", "電腦"])


# The full-text index is built aside, while rows are derived, and copied in whole -------------


def fts_rows(database) -> list[tuple]:
    """What the full-text index holds: each term, with the rows, columns and places it is at."""
    database.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms"
        " USING fts5vocab(main, 'dictionary_fts', 'instance')"
    )
    return database.execute("SELECT * FROM temp.fts_terms ORDER BY 1, 2, 3, 4").fetchall()


def test_the_index_built_aside_is_the_one_a_rebuild_makes(dictionary_client, app):
    database = connect(app.config["DATABASE"])
    try:
        copied = fts_rows(database)
        database.execute("INSERT INTO dictionary_fts (dictionary_fts) VALUES ('integrity-check')")
        database.execute("INSERT INTO dictionary_fts (dictionary_fts) VALUES ('rebuild')")
        assert fts_rows(database) == copied
    finally:
        database.conn.close()
    assert [row for row in copied if row[0] == "computer"] == [
        ("computer", 12, "english", 0),  # 电脑
        ("computer", 20, "english", 0),  # 计算机
    ]


def test_the_importing_connection_searches_the_index_it_copied(app, tmp_path):
    path = tmp_path / "cedict_ts.u8"
    path.write_text(CEDICT, encoding="utf-8")
    database = connect(app.config["DATABASE"])
    try:
        for limit in (None, 3, None):  # each time, what it knew of the index before is stale
            cedict.import_cedict(database, path, limit=limit)
            matches = database.execute(
                "SELECT rowid FROM dictionary_fts WHERE dictionary_fts MATCH 'daughter'"
            ).fetchall()
            assert matches == ([] if limit else [(5,)])
            assert len(fts_rows(database)) == (13 if limit else 67)
    finally:
        database.conn.close()


def test_a_merge_that_fails_leaves_the_dictionary_as_it_was(app, tmp_path, monkeypatch):
    path = tmp_path / "cedict_ts.u8"
    path.write_text(CEDICT, encoding="utf-8")
    database = connect(app.config["DATABASE"])
    try:
        cedict.import_cedict(database, path, limit=3)
        before = database.execute("SELECT * FROM dictionary ORDER BY id").fetchall()

        def fail(*args):
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(cedict.loading, "merge_characters", fail)
        with pytest.raises(sqlite3.OperationalError):
            cedict.import_cedict(database, path)
        assert database.execute("SELECT * FROM dictionary ORDER BY id").fetchall() == before
        assert not database.conn.in_transaction
    finally:
        database.conn.close()


# Full-text indexes stay in few segments: a MATCH looks each term up in every segment ----------


def segments(database, table: str) -> int:
    return database.execute(f"SELECT count(DISTINCT segid) FROM {table}_idx").fetchone()[0]


def test_the_dictionary_import_leaves_its_full_text_index_in_one_segment(dictionary_client, app):
    database = connect(app.config["DATABASE"])
    assert segments(database, "dictionary_fts") == 1
    assert segments(database, "entry_fts") <= 3  # the seed's entries, merged as they came


def page_size(database) -> int:
    return database.execute("SELECT v FROM dictionary_fts_config WHERE k = 'pgsz'").fetchone()[0]


def test_the_dictionary_full_text_index_is_written_in_small_pages(dictionary_client, app):
    database = connect(app.config["DATABASE"])
    try:
        assert page_size(database) == 500  # FTS5's default is 4,050 bytes
    finally:
        database.conn.close()


def test_a_dictionary_loaded_before_gets_its_full_text_index_in_small_pages(tmp_path):
    rows = [
        "INSERT INTO dictionary (id, traditional, simplified, pinyin, pinyin_numbered,"
        " definitions, english) VALUES (1, '綠', '绿', 'lǜ', 'lu:4', '[\"green\"]', 'green')",
        "INSERT INTO dictionary_fts (rowid, english) VALUES (1, 'green')",
    ]
    database = connect(older_database(tmp_path, 7, rows))
    try:
        assert page_size(database) == 500
        assert database.execute(
            "SELECT rowid FROM dictionary_fts WHERE dictionary_fts MATCH 'gre*'"
        ).fetchall() == [(1,)]
    finally:
        database.conn.close()


def test_editing_entries_keeps_the_glossary_full_text_index_in_few_segments(db):
    from glossary import store

    record = {"kind": "term", "english": "segment test", "simplified": "分段", "sources": []}
    entry = store.create_entry(db, record, author="ed")
    for _ in range(40):  # as forty edits do
        store.reindex(db, entry)
    assert segments(db, "entry_fts") <= 3
    assert db.execute(
        f"SELECT rowid & {schema.ENTRY_MASK} FROM entry_fts WHERE entry_fts MATCH 'segment'"
    ).fetchall() == [(entry,)]


def test_dictionary_info_is_read_again_after_another_connection_changes_it(db, app):
    from glossary import store

    assert store.dictionary_info(db) is None
    other = connect(app.config["DATABASE"])
    other.execute(
        "INSERT OR REPLACE INTO meta (name, value) VALUES ('dictionary', ?)",
        ['{"name": "CC-CEDICT", "entries": 3}'],
    )
    assert store.dictionary_info(db) == {"name": "CC-CEDICT", "entries": 3}
    db.execute("DELETE FROM meta WHERE name = 'dictionary'")  # this connection's own write
    assert store.dictionary_info(db) is None


# How a search reads the lookups --------------------------------------------------------------


def statements(database, query: str) -> list[str]:
    """The statements ranking.find_ranked runs for a query (not those FTS5 runs for it)."""
    ran: list[str] = []
    database.conn.set_trace_callback(ran.append)
    try:
        ranking.find_ranked(database.conn, keys.parse_query(query), 20, 0)
    finally:
        database.conn.set_trace_callback(None)
    return [s for s in ran if not s.startswith("--") and "'main'." not in s]


def test_a_search_that_finds_few_rows_reads_them_without_sizing_its_lookups(app, dictionary_client):
    database = connect(app.config["DATABASE"])
    try:
        ran = statements(database, "电脑")
        assert len(ran) == 2  # its rows, ranked and counted; then the page's entries
        assert ran[0].startswith("SELECT 0, * FROM (") and "IN (" in ran[1]
        assert len(statements(database, "nomatchatall")) == 1
    finally:
        database.conn.close()


def test_a_search_that_finds_many_rows_sizes_its_lookups(app, dictionary_client, monkeypatch):
    database = connect(app.config["DATABASE"])
    try:
        # Likely many (a short prefix, one character): sized at once.
        assert statements(database, "ai")[0].startswith("SELECT (SELECT count(*)")
        assert statements(database, "中")[0].startswith("SELECT (SELECT count(*)")
        # Found to be many (two rows, past FIRST): sized after its first rows.
        monkeypatch.setattr(ranking, "FIRST", 1)
        ran = statements(database, "computer")
        assert ran[0].startswith("SELECT 0, * FROM (")
        assert ran[1].startswith("SELECT (SELECT count(*)")
    finally:
        database.conn.close()
    assert dictionary_results(dictionary_client, "computer") == ["电脑", "计算机"]


def test_three_characters_of_one_pair_hold_the_whole_string(app, tmp_path):
    path = tmp_path / "cedict_ts.u8"
    path.write_text(
        CEDICT + "哈哈 哈哈 [ha1 ha1] /(onom.) laughing/\n哈哈哈 哈哈哈 [ha1 ha1 ha1] /hahaha/\n",
        encoding="utf-8",
    )
    database = connect(app.config["DATABASE"])
    try:
        cedict.import_cedict(database, path)
    finally:
        database.conn.close()
    client = app.test_client()
    assert dictionary_results(client, "哈哈哈") == ["哈哈哈"]
    assert dictionary_results(client, "哈哈") == ["哈哈", "哈哈哈"]


@pytest.mark.parametrize("first", [20, 0])
@pytest.mark.parametrize("query", ["!", "xyzzyq"])
def test_a_query_with_nothing_to_look_up_or_whose_lookups_find_nothing_counts_none(
    dictionary_db, monkeypatch, first, query
):
    """ "!" has no key, word or character to look up; "xyzzyq" has lookups, and none finds a
    row: either way the dictionary finds no entry, and says so with a total of 0."""
    monkeypatch.setattr(ranking, "FIRST", first)  # its first rows read before it is counted, or not
    found = ranking.find_ranked(dictionary_db.conn, keys.parse_query(query), 20, 0)
    assert found == (0, [], False)


@pytest.mark.parametrize("few", [0, 400])
def test_a_page_of_one_entry_is_the_entry_a_longer_page_shows_there(
    dictionary_db, monkeypatch, few
):
    monkeypatch.setattr(ranking, "FEW", few)  # counted then merged, or ranked at once
    query = keys.parse_query("中")
    twenty = ranking.find_ranked(dictionary_db.conn, query, 20, 0)
    assert len(twenty.entries) == 3
    for offset in range(4):
        one = ranking.find_ranked(dictionary_db.conn, query, 1, offset)
        assert one == (3, twenty.entries[offset : offset + 1], False)


def test_the_exact_band_holds_the_key_itself_and_the_prefix_band_the_longer_keys(dictionary_db):
    """ "ai" is the pinyin of 爱 and 哎 exactly, and begins 爱情's (aiqing)."""
    found = ranking.find_ranked(dictionary_db.conn, keys.parse_query("ai"), 20, 0)
    bands = {hit["simplified"]: hit["band"] for hit in found.entries}
    assert (bands["爱"], bands["哎"], bands["爱情"]) == (keys.EXACT, keys.EXACT, keys.PREFIX)


def test_a_words_lookup_counted_in_full_is_matched_once(dictionary_db, monkeypatch):
    """Its ids are read as it is sized, and counted from there: FTS5 reads the whole list of
    entries holding each word, whatever the LIMIT."""
    monkeypatch.setattr(ranking, "FIRST", 0)  # sized at once
    monkeypatch.setattr(ranking, "FEW", 0)  # counted, then merged
    ran = statements(dictionary_db, "weapon edge")
    matched = [s for s in ran if "dictionary_fts MATCH" in s]
    assert len(matched) == 2  # sized (its ids read), then its page's rows read in rank order
    assert "group_concat(id) FROM (SELECT rowid AS id FROM dictionary_fts" in matched[0]
    assert "ORDER BY f.rowid" in matched[1]
    query = keys.parse_query("weapon edge")
    found = ranking.find_ranked(dictionary_db.conn, query, 20, 0)
    assert (found.total, [e["simplified"] for e in found.entries]) == (1, ["锋"])
    assert ranking.find_ranked(dictionary_db.conn, query, 0, 0) == (1, [], False)


def test_every_lookup_is_counted_after_one_whose_ids_were_read_whole(dictionary_db, monkeypatch):
    """weapon in the definitions (锋, its ids read as it is sized), then 爱 in the forms."""
    monkeypatch.setattr(ranking, "FIRST", 0)
    monkeypatch.setattr(ranking, "FEW", 0)
    found = ranking.find_ranked(dictionary_db.conn, keys.parse_query("weapon 爱"), 20, 0)
    assert found.total == 3
    assert sorted(e["simplified"] for e in found.entries) == ["爱", "爱情", "锋"]
    assert ranking.find_ranked(dictionary_db.conn, keys.parse_query("weapon 爱"), 0, 0) == (
        3,
        [],
        False,
    )
