"""The glossary at scale: lookups read in rank order agree with ranking every match, and counts
stop past CAP. A glossary of a few thousand entries, where most short queries find hundreds:
every page of every query is compared with a brute-force ranking of every matching row."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from glossary import create_app, search, store
from glossary.exchange import importer
from glossary.store import early, finding
from glossary.store.connection import connect
from glossary.text import keys

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


@pytest.mark.parametrize("query", ["a", "中", "zh", "river"])
def test_every_way_of_reading_a_lookup_ranks_alike(grown_db, monkeypatch, query):
    pages = [found(grown_db, query, 20, offset).entries for offset in (0, 20, 480)]
    monkeypatch.setattr(early, "SORTED_MOST", 0)  # every lookup read from search_key_head
    assert [found(grown_db, query, 20, offset).entries for offset in (0, 20, 480)] == pages
    monkeypatch.setattr(early, "SORTED_MOST", 10**9)  # every lookup read whole and sorted
    assert [found(grown_db, query, 20, offset).entries for offset in (0, 20, 480)] == pages


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
