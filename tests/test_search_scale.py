"""The glossary at scale: lookups read in rank order agree with ranking every match, and counts
stop past CAP. A glossary of a few thousand entries, where most short queries find hundreds:
every page of every query is compared with a brute-force ranking of every matching row."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from glossary import create_app, search, store
from glossary.exchange import importer
from glossary.store import early, finding, schema
from glossary.store.connection import connect
from glossary.text import keys
from tests.helpers import traced

SIZE = 3000
WORDS = (  # noqa: SIM905 (a list of words, read as one)
    "an anchor apple ash bank base basin bay bear bell cape cedar coal coast delta dune east"
    " ferry field fort gate glen grove harbor hill isle lake lane marsh mill moor north oak"
    " park peak pine port ridge river rock sand shore south spring stone vale west wood"
).split()
CHARACTERS = "中国人大学安全电脑海水山河东西南北京上下天地日月"
QUERIES = [
    "a", "an", "b", "s", "the", "ri", "river", "north s", "zh", "zhong", "x", "an q", "中",
    "国", "中国", "大学", "zg", "dx", "hai", "shan he", "bank of", "port", "中国人",
    # Chinese found mostly within forms (search_char): one character, and several of which
    # one is rarer than the rest
    "京", "海水", "月天地", "東",
    # words of the names and descriptions (the words band, read in rowid order, in runs)
    "lake s", "oak p", "west wood", "stone b", '"a" AND *',
]  # fmt: skip


def document(size: int = SIZE) -> dict:
    """A glossary/1 document of size entries, drawn with a fixed seed: many share words,
    characters and lengths, so that ranking's every tie-break counts."""
    rng = random.Random(18)
    entries, seen = [], set()
    while len(entries) < size:
        simplified = "".join(rng.choice(CHARACTERS) for _ in range(rng.randint(2, 4)))
        if simplified in seen:
            continue
        seen.add(simplified)
        number = len(entries)
        english = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3))).title()
        entries.append(
            {
                "key": f"place-{number}",
                "kind": "place",
                "english": english,
                "aliases": [f"{rng.choice(WORDS)} {english}"] if number % 3 == 0 else [],
                "simplified": simplified,
                "description": " ".join(rng.choice(WORDS) for _ in range(4)),
                "status": "deprecated" if number % 11 == 0 else "preferred",
                "verified": number % 5 == 0,
                "sources": [{"quote": "q", "title": "t", "published": "2026"}],
            }
        )
    return {"format": "glossary/1", "entries": entries}


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of SIZE generated entries, a few of them deleted."""
    path = tmp_path_factory.mktemp("grown") / "grown.db"
    db = connect(str(path))
    importer.import_document(db, document())
    with store.transaction(db):
        for entry_id in (3, 40, 41, 500):  # deleted entries keep their keys, never found
            db.execute("UPDATE entry SET deleted = '2026-12-06' WHERE id = ?", [entry_id])
    db.conn.close()
    return path


@pytest.fixture(scope="module")
def grown_db(grown: Path):
    db = connect(str(grown))
    yield db
    db.conn.close()


def brute_force(db, query: str) -> list[tuple[int, int, str]]:
    """Every live entry matching query, ranked from every row that matches it: (id, band,
    form matched), best first. The rules: band; preferred before deprecated; verified first;
    the shortest form the entry matches by in that band; English without (ASCII) case; id."""
    best: dict[int, tuple] = {}
    for entry_id, band, form, status, verified, english in finding.matches(
        db, keys.parse_query(query)
    ):
        folded = "".join(c.lower() if "A" <= c <= "Z" else c for c in english)
        rank = (band, status == "deprecated", -verified, len(form), folded, entry_id)
        if entry_id not in best or rank < best[entry_id]:
            best[entry_id] = rank
    ranked = sorted(best.values())
    return [(r[5], r[0], r[3]) for r in ranked]


def found(db, query: str, limit: int, offset: int) -> search.Results:
    request = search.Request(q=query, kind=None, tag=None, limit=limit, offset=offset)
    return search.run(db, request)


def test_the_glossary_is_large_enough_for_an_early_stop(grown_db):
    assert store.count_entries(grown_db) == SIZE - 4
    sizes = [len(brute_force(grown_db, q)) for q in ("a", "s", "b")]
    assert all(size > early.CAP for size in sizes), sizes


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize(("limit", "offset"), [(20, 0), (7, 13), (100, 300)])
def test_pages_agree_with_ranking_every_match(grown_db, query, limit, offset):
    expected = brute_force(grown_db, query)
    results = found(grown_db, query, limit, offset)
    glossary = [r for r in results.entries if r["collection"] == search.GLOSSARY]
    page = expected[offset : offset + limit]
    assert [(r["id"], r["match"]["band"]) for r in glossary] == [(i, b) for i, b, _ in page]
    # the form shown as matched is one of the entry's shortest in its band, unless the entry was
    # found as another romanization system writes it: then the form is that system's
    shown = [(r["match"].get("system"), len(r["match"]["form"])) for r in glossary]
    assert [n for system, n in shown if not system] == [
        n for (system, _), (_, _, n) in zip(shown, page, strict=True) if not system
    ]


@pytest.mark.parametrize("query", QUERIES)
def test_totals_are_exact_up_to_the_cap_then_a_lower_bound(grown_db, query):
    expected = len(brute_force(grown_db, query))
    results = found(grown_db, query, 20, 0)
    assert results.totals[search.GLOSSARY] == min(expected, early.CAP)
    assert results.total_is_lower_bound == (expected > early.CAP)


@pytest.mark.parametrize("query", ["a", "中", "zh", "river", "lake s", "oak p"])
def test_every_way_of_reading_a_lookup_ranks_alike(grown_db, monkeypatch, query):
    pages = [found(grown_db, query, 20, offset).entries for offset in (0, 20, 480)]
    monkeypatch.setattr(early, "SORTED_MOST", 0)  # every lookup read from search_key_head
    assert [found(grown_db, query, 20, offset).entries for offset in (0, 20, 480)] == pages
    monkeypatch.setattr(early, "SORTED_MOST", 10**9)  # every lookup read whole and sorted
    assert [found(grown_db, query, 20, offset).entries for offset in (0, 20, 480)] == pages
    monkeypatch.setattr(early, "ENTRY_BITS", 62)  # the words' matches in one run, all sorted
    assert [found(grown_db, query, 20, offset).entries for offset in (0, 20, 480)] == pages


def test_the_words_band_is_read_in_runs_and_stops_at_the_page(grown_db):
    # "b" finds many entries by a word of their names: the rows read are the page's and the
    # rest of the last run, not every match; the page is the first of every match sorted.
    lookup = early._words(keys.parse_query("b").words)
    every = grown_db.conn.execute(lookup.sorted_rows, lookup.sorted_params).fetchall()
    matches = len(every)
    cursor = lookup.rows(grown_db.conn, 20, 0)
    read: list[tuple] = []

    def counted():
        for row in cursor:
            read.append(row)
            yield row

    page = list(itertools.islice(early._sorted_runs(counted()), 20))
    cursor.close()
    assert matches > 500
    assert page == sorted((row[1:] for row in every), key=early._rank)[:20]
    assert len(read) < 100


@pytest.mark.parametrize("query", ["lake s", "stone b", "north s"])
def test_a_words_lookup_is_matched_once_for_the_count_and_the_pages(grown_db, query):
    """FTS5 reads every doclist of a match whatever the LIMIT: the words of the names and of
    the descriptions are each matched once a search, and the count and the page read the
    entries kept from that (at most CAP of them here)."""
    with traced(grown_db) as ran:
        pages = [found(grown_db, query, 20, offset) for offset in (0, 20)]
    matched = [s for s in ran if "FROM entry_fts" in s and "MATCH" in s]
    assert len(matched) == 4  # names and descriptions, for each of the two pages
    assert all(s.startswith("SELECT rowid FROM entry_fts") for s in matched)
    expected = brute_force(grown_db, query)
    assert 20 < len(expected) <= early.CAP
    for page, offset in zip(pages, (0, 20), strict=True):
        assert page.totals[search.GLOSSARY] == len(expected)
        assert [r["id"] for r in page.entries] == [i for i, _, _ in expected][offset : offset + 20]


def test_a_page_past_the_cap_still_holds_the_entries_ranked_there(grown_db):
    """More than CAP entries match "a": the count stops at CAP (a lower bound), and a page past
    it still shows the entries ranked there, as the dictionary's does."""
    expected = [entry_id for entry_id, _, _ in brute_force(grown_db, "a")]
    assert len(expected) > early.CAP + 20
    results = found(grown_db, "a", 20, early.CAP)
    assert results.totals[search.GLOSSARY] == early.CAP and results.total_is_lower_bound
    assert [hit["id"] for hit in results.entries] == expected[early.CAP : early.CAP + 20]


def test_a_match_of_one_word_is_left_to_the_count_which_stops_past_the_cap(grown_db):
    """ "s" begins a word of the names of more than CAP entries. A match of one word is read in
    order and stops where its reader stops, so it is not kept: the count's one statement reads
    it until the count passes CAP, and the page (full of keys beginning with s) never
    reaches the words band."""
    with traced(grown_db) as ran:
        results = found(grown_db, "s", 20, 0)
    assert results.totals[search.GLOSSARY] == early.CAP
    assert results.total_is_lower_bound
    assert [r["id"] for r in results.entries] == [i for i, _, _ in brute_force(grown_db, "s")][:20]
    matched = [s for s in ran if "FROM entry_fts" in s and "MATCH" in s]
    assert len(matched) == 1
    assert matched[0].startswith("SELECT count(*)")


def test_every_full_text_row_is_numbered_as_its_entry_ranks(grown_db):
    from glossary.store import integrity

    assert integrity.index_problems(grown_db) == []  # deleted entries' rows moved by the trigger
    deleted = grown_db.execute(
        f"SELECT count(*) FROM entry_fts WHERE rowid >= {schema.LIVE_WORDS}"
    ).fetchone()
    assert deleted == (4,)


def test_a_substrings_rarest_character_is_chosen_once_a_search(grown_db):
    """Of 月天地, the character the fewest keys hold is counted for once, and the lookup's
    count and rows read that character's keys alone. A character no key holds leaves the
    substring out of the search (where no vocabulary is kept to say so first)."""
    with traced(grown_db) as ran:
        results = found(grown_db, "月天地", 20, 0)
    [counting] = [s for s in ran if f"LIMIT {early.RAREST_MOST}" in s]
    held = {
        ch: grown_db.execute("SELECT count(*) FROM search_char WHERE ch = ?", [ch]).fetchone()[0]
        for ch in "月天地"
    }
    rarest = min(held, key=held.__getitem__)
    assert sorted(held.values())[0] < sorted(held.values())[1]  # one is rarer than the rest
    later = ran[ran.index(counting) + 1 :]
    read = {ch for ch in "月天地" if any(f"c.ch = '{ch}'" in s for s in later)}
    assert read == {rarest}
    expected = [entry_id for entry_id, _, _ in brute_force(grown_db, "月天地")][:20]
    assert [hit["id"] for hit in results.entries] == expected
    substrings = [
        lookup.band
        for lookup in early.lookups(grown_db.conn, keys.parse_query("月鑫"), None)
        if lookup.band == keys.SUBSTRING
    ]
    assert substrings == []


@pytest.mark.parametrize("query", ["river", "an", "b", "north s"])
def test_a_searchs_key_lookups_are_sized_in_one_statement_and_empty_ones_not_read(
    grown_db, monkeypatch, query
):
    """Each key lookup (exact, prefix, later word, initials) is counted, up to a hundred and
    one rows, in one statement for the search; a lookup that finds nothing is not read. (In a
    glossary too large for its vocabulary to be kept, which would leave the empty ones out.)"""
    monkeypatch.setattr(finding, "vocabulary", lambda db: None)
    parsed = keys.parse_query(query)
    lookups = [lookup for lookup in early.lookups(grown_db.conn, parsed, None) if lookup.keyed]
    finding_rows = [
        lookup
        for lookup in lookups
        if grown_db.execute(f"SELECT count(*) FROM ({lookup.ids})", lookup.params).fetchone()[0]
    ]
    with traced(grown_db) as ran:
        results = found(grown_db, query, 20, 0)
    sizing = [s for s in ran if s.startswith("SELECT (SELECT count(*) FROM (SELECT entry_id")]
    assert len(sizing) == 1
    assert sizing[0].count("SELECT count(*)") == len(lookups)
    assert not [s for s in ran if s.startswith("SELECT count(*) FROM (SELECT entry_id AS id")]
    reading = [  # the key lookups' rows (not the words lookup's entries' first keys)
        s
        for s in ran
        if s.startswith("SELECT standing, formlen")
        and ("INDEXED BY search_key_key" in s or "INDEXED BY search_key_head" in s)
    ]
    assert 0 < len(reading) <= len(finding_rows) < len(lookups)
    expected = [entry_id for entry_id, _, _ in brute_force(grown_db, query)][:20]
    assert [hit["id"] for hit in results.entries] == expected


def test_verifying_an_entry_moves_it_up_at_once(grown_db):
    before = [entry_id for entry_id, _, _ in brute_force(grown_db, "an")]
    unverified = [i for i in before if not grown_db.execute(
        "SELECT verified FROM entry WHERE id = ?", [i]).fetchone()[0]]  # fmt: skip
    entry = unverified[-1]
    with store.transaction(grown_db):
        grown_db.execute("UPDATE entry SET verified = 1 WHERE id = ?", [entry])
    try:
        after = [entry_id for entry_id, _, _ in brute_force(grown_db, "an")]
        assert after.index(entry) < before.index(entry)
        assert [r["id"] for r in found(grown_db, "an", 100, 0).entries] == after[:100]
    finally:
        with store.transaction(grown_db):
            grown_db.execute("UPDATE entry SET verified = 0 WHERE id = ?", [entry])


def test_the_api_says_the_total_is_a_lower_bound(grown):
    app = create_app({"DATABASE": str(grown), "TESTING": True, "ANSWER_CACHE_MB": 0})
    answer = app.test_client().get("/api/search", query_string={"q": "a"}).get_json()
    assert answer["total_is_lower_bound"] is True
    assert answer["total"] == early.CAP
    assert len(answer["results"]) == 20


# The Chinese substring index (search_char) follows every write of an entry's keys ---------------


def substring_ids(db, text: str) -> list[int]:
    """The ids of the glossary entries a search of Chinese text finds in its substring band."""
    results = found(db, text, 100, 0)
    return [
        r["id"]
        for r in results.entries
        if r["collection"] == search.GLOSSARY and r["match"]["band"] == keys.SUBSTRING
    ]


def place(key: str, simplified: str, english: str, **fields) -> dict:
    """A glossary/1 place entry."""
    sources = [{"quote": "q", "title": "t", "published": "2026"}]
    return {"key": key, "kind": "place", "english": english, "simplified": simplified,
            "sources": sources, **fields}  # fmt: skip


def test_the_substring_index_follows_imports_edits_and_deletes(tmp_path):
    from glossary.store import integrity

    db = connect(str(tmp_path / "small.db"))

    def rows(entry_id: int) -> list[tuple]:
        return db.execute(
            "SELECT ch, standing, formlen, fold, key FROM search_char WHERE entry_id = ?"
            " ORDER BY ch, key",
            [entry_id],
        ).fetchall()

    importer.import_document(db, {"format": "glossary/1", "entries": [
        place("a", "北京西站", "Beijing West"),
        place("b", "西安", "Xi'an", aliases=["长安"]),
        place("c", "南京", "Nanjing"),
    ]})  # fmt: skip
    west, xian, nanjing = (db.execute("SELECT id FROM entry WHERE import_key = ?", [k])
                           .fetchone()[0] for k in ("a", "b", "c"))  # fmt: skip
    assert rows(xian) == [
        ("安", 1, 2, "xi'an", "西安"),
        ("安", 1, 2, "xi'an", "长安"),
        ("西", 1, 2, "xi'an", "西安"),
        ("长", 1, 2, "xi'an", "长安"),
    ]
    assert substring_ids(db, "京") == [nanjing, west]  # the shorter form first
    assert substring_ids(db, "安") == [xian]
    # verified: standing 0, and the entry ranks first
    with store.transaction(db):
        db.execute("UPDATE entry SET verified = 1 WHERE id = ?", [west])
    assert {r[1] for r in rows(west)} == {0}
    assert substring_ids(db, "京") == [west, nanjing]
    # an import that changes the Chinese: the old characters go, the new ones come
    importer.import_document(db, {"format": "glossary/1", "entries": [
        place("b", "西宁", "Xining"),
    ]}, on_duplicate="update")  # fmt: skip
    assert [(r[0], r[3], r[4]) for r in rows(xian)] == [  # its traditional form filled in
        ("宁", "xining", "西宁"),
        ("寧", "xining", "西寧"),
        ("西", "xining", "西宁"),
        ("西", "xining", "西寧"),
    ]
    assert substring_ids(db, "安") == []
    assert substring_ids(db, "宁") == [xian]
    # deleted softly: found no more, its rows kept with the standing of a deleted entry
    with store.transaction(db):
        db.execute("UPDATE entry SET deleted = '2026-12-07' WHERE id = ?", [west])
    assert {r[1] for r in rows(west)} == {4}
    assert substring_ids(db, "京") == [nanjing]
    assert integrity.index_problems(db) == []
    # deleted for good: its rows go with its keys
    with store.transaction(db):
        db.execute("DELETE FROM entry WHERE id = ?", [west])
    assert rows(west) == []
    # (a raw DELETE leaves the full-text row behind: that is the check's to find)
    assert [p for p in integrity.index_problems(db) if "substring" in p] == []
    db.conn.close()


def test_a_form_and_an_alias_of_one_key_give_its_characters_once(tmp_path):
    db = connect(str(tmp_path / "small.db"))
    importer.import_document(db, {"format": "glossary/1", "entries": [
        place("a", "西安", "Xi'an", aliases=["西安"]),
    ]})  # fmt: skip
    (entry,) = db.execute("SELECT id FROM entry").fetchone()
    hanzi = "SELECT field FROM search_key WHERE entry_id = ? AND type = 'hanzi' ORDER BY rowid"
    assert [row[0] for row in db.execute(hanzi, [entry])] == ["alias", "simplified"]
    assert db.execute(
        "SELECT ch, key FROM search_char WHERE entry_id = ? ORDER BY ch", [entry]
    ).fetchall() == [("安", "西安"), ("西", "西安")]
    assert substring_ids(db, "安") == [entry]
    db.conn.close()


# The full-text rows are numbered in the words band's rank order (store.schema.words_rowid) ------


def words_rows(db) -> dict[int, int]:
    """Each entry's full-text rowid, by the entry's id."""
    rows = db.execute("SELECT rowid FROM entry_fts").fetchall()
    return {rowid & schema.ENTRY_MASK: rowid for (rowid,) in rows}


def words_ids(db, text: str) -> list[int]:
    """The ids of the glossary entries a search finds by the words of their names."""
    results = found(db, text, 100, 0)
    return [r["id"] for r in results.entries if r["match"]["band"] == keys.WORDS]


def test_a_full_text_row_moves_when_its_entry_s_standing_or_english_changes(tmp_path):
    from glossary.store import integrity

    db = connect(str(tmp_path / "small.db"))
    importer.import_document(db, {"format": "glossary/1", "entries": [
        place("a", "北湖", "North Lake Park"),
        place("b", "南湖", "South Lake Park"),
        place("c", "苏黎世湖", "Zürich Lake Park", verified=True),
        place("d", "长湖", "Lake " + "x" * 300 + " Park"),
    ]}, verified_by="rev")  # fmt: skip
    north, south, zurich, long = (db.execute("SELECT id FROM entry WHERE import_key = ?", [k])
                                  .fetchone()[0] for k in "abcd")  # fmt: skip
    # verified first; then the shorter English; then the fold (north before south); the longest
    assert words_ids(db, "lake park") == [zurich, north, south, long]
    assert words_rows(db)[zurich] == schema.words_rowid(zurich, 0, 16, "zürich lake park")
    assert words_rows(db)[long] == schema.words_rowid(long, 1, 310, "lake " + "x" * 300 + " park")
    assert words_rows(db)[long] >> 52 & 255 == 255  # lengths past 255 share the top one
    with store.transaction(db):
        db.execute("UPDATE entry SET verified = 1 WHERE id = ?", [south])
        db.execute("UPDATE entry SET status = 'deprecated', verified = 0 WHERE id = ?", [zurich])
    assert words_ids(db, "lake park") == [south, north, long, zurich]
    assert words_rows(db)[south] == schema.words_rowid(south, 0, 15, "south lake park")
    with store.transaction(db):  # deleted: numbered past every live entry, found no more
        db.execute("UPDATE entry SET deleted = '2026-12-07' WHERE id = ?", [north])
    assert words_rows(db)[north] >= schema.LIVE_WORDS
    assert words_ids(db, "lake park") == [south, long, zurich]
    assert integrity.index_problems(db) == []
    # an edit of the English: the row moves with the entry's keys
    entry = {**store.get_entry(db, south), "english": "A South Lake Park"}
    with store.transaction(db):
        store.update_entry(db, south, entry, author="ed")
    assert words_rows(db)[south] == schema.words_rowid(south, 0, 17, "a south lake park")
    assert integrity.index_problems(db) == []
    db.conn.close()


def test_a_glossary_indexed_before_is_numbered_by_migration(tmp_path):
    from glossary.store import integrity

    path = str(tmp_path / "v13.db")
    db = connect(path)
    importer.import_document(db, document(50))
    expected = words_rows(db)
    with store.transaction(db):  # as schema 13 left it: each row numbered by its entry's id
        db.execute("DROP TRIGGER entry_fts_rank")
        db.execute("CREATE TEMP TABLE rows AS SELECT rowid, names, description FROM entry_fts")
        db.execute("DELETE FROM entry_fts")
        db.execute(
            f"""INSERT INTO entry_fts (rowid, names, description)
                SELECT rowid & {schema.ENTRY_MASK}, names, description FROM temp.rows"""
        )
        db.execute("PRAGMA user_version = 13")
    db.conn.close()
    db = connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert words_rows(db) == expected
    assert integrity.index_problems(db) == []
    db.conn.close()


PREFIXED = "prefix = '1 2 3 4 5 6'"


def test_full_text_indexes_made_before_get_prefix_indexes_of_up_to_six_letters(tmp_path):
    """Schema 15 builds the full-text indexes again with prefix indexes of four to six
    letters too: each row keeps its number, and a last word typed part way finds the same."""
    from glossary.store import integrity

    path = str(tmp_path / "v14.db")
    db = connect(path)
    importer.import_document(db, document(50))
    rows = words_rows(db)
    queries = ("harbo", "north harb", "anch", "gro", "sprin")
    expected = {q: [r["id"] for r in found(db, q, 100, 0).entries] for q in queries}
    assert all(expected.values())
    with store.transaction(db):  # as schema 14 left them: prefix indexes of 1 to 3 letters
        db.execute("CREATE TEMP TABLE rows AS SELECT rowid, names, description FROM entry_fts")
        db.execute("DROP TABLE entry_fts")
        db.execute(
            """CREATE VIRTUAL TABLE entry_fts USING fts5 (names, description,
                tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"""
        )
        db.execute("INSERT INTO entry_fts (rowid, names, description) SELECT * FROM temp.rows")
        db.execute("DROP TABLE dictionary_fts")
        db.execute(
            """CREATE VIRTUAL TABLE dictionary_fts USING fts5 (english, content = 'dictionary',
                content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2',
                prefix = '1 2 3')"""
        )
        db.execute("PRAGMA user_version = 14")
    db.conn.close()
    db = connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    tables = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE name LIKE '%_fts'"))
    assert sorted(tables) == ["dictionary_fts", "entry_fts"]
    assert all(PREFIXED in sql for sql in tables.values())
    assert words_rows(db) == rows
    assert {q: [r["id"] for r in found(db, q, 100, 0).entries] for q in queries} == expected
    assert integrity.index_problems(db) == []
    db.conn.close()


def words_lookup(db, query: str) -> early.Lookup:
    """The lookup of the words of the names of a query of several words, kept (early.keep)."""
    [lookup] = [
        found for found in early.lookups(db.conn, keys.parse_query(query), None) if found.match
    ][:1]
    return lookup


@pytest.mark.parametrize("query", ["lake s", "north s"])
def test_a_kept_words_lookup_counts_up_to_the_cap_then_stops(grown_db, monkeypatch, query):
    """A match of several words is kept whole when it finds no more than CAP entries (the
    count exact), and not kept when it finds more (the count a lower bound)."""
    lookup = words_lookup(grown_db, query)
    matched = len(grown_db.execute(lookup.ids, lookup.params).fetchall())
    assert matched > 20
    for cap in (matched - 1, matched, matched + 1):
        monkeypatch.setattr(early, "CAP", cap)
        assert early.count(grown_db.conn, [words_lookup(grown_db, query)]) == (
            min(matched, cap),
            matched > cap,
        )


def test_kept_rows_are_read_a_few_entries_at_a_time_each_once_in_order(grown_db, monkeypatch):
    lookup = words_lookup(grown_db, "lake s")
    assert early.keep(grown_db.conn, lookup)
    whole = list(early.kept_rows(grown_db.conn, lookup.rowids))
    assert [row[4] for row in whole] == [r & schema.ENTRY_MASK for r in lookup.rowids]
    monkeypatch.setattr(early, "KEPT_CHUNK", 2)
    assert list(early.kept_rows(grown_db.conn, lookup.rowids)) == whole
