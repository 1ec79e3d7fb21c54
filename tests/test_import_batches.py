"""Imports written in batches: the same rows, reports and history as one record at a time, and
a few statements for each batch, not for each record."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest

from glossary import store
from glossary.exchange import importer
from glossary.store import entries as stored
from glossary.store.connection import connect
from glossary.text import romanize

SOURCE = {"quote": "A quote.", "title": "A title", "published": "2026-05"}
# One hundred two-character words of distinct characters' readings, for a file of new terms.
DIGITS = [
    ("一", "yī"),
    ("二", "èr"),
    ("三", "sān"),
    ("四", "sì"),
    ("五", "wǔ"),
    ("六", "liù"),
    ("七", "qī"),
    ("八", "bā"),
    ("九", "jiǔ"),
    ("十", "shí"),
]


def document(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"format": "glossary/1", "entries": list(entries)}


def term(key: str, english: str, simplified: str, pinyin: str, **fields: Any) -> dict[str, Any]:
    return {
        "key": key,
        "kind": "term",
        "english": english,
        "simplified": simplified,
        "pinyin": pinyin,
        "sources": [SOURCE],
        **fields,
    }


def hundred_terms() -> list[dict[str, Any]]:
    return [
        term(f"word-{n}", f"word {n}", first + second, f"{one} {two}")
        for n, ((first, one), (second, two)) in enumerate((a, b) for a in DIGITS for b in DIGITS)
    ]


FIRST = document(
    term("a1", "Alpha", "阿尔法", "ā'ěrfǎ", aliases=["alpha one"], verified=True),
    term("a2", "Beta", "贝塔", "bèitǎ", related=["a1"]),
    {
        "key": "org",
        "kind": "organization",
        "english": "Example Office",
        "simplified": "示例办公室",
        "pinyin": "shìlì bàngōngshì",
        "sources": [SOURCE],
    },
    {
        "key": "person",
        "kind": "person",
        "english": "Xie Feng",
        "simplified": "谢锋",
        "pinyin": "Xiè Fēng",
        "sources": [SOURCE],
        "affiliations": [{"organization": "org", "role": "head", "source": 0}],
    },
    term("a3", "Gamma", "伽马", "gāmǎ", verified=True),
    term("a4", "Delta", "德尔塔", "dé'ěrtǎ"),
)


def second(site_key: str) -> dict[str, Any]:
    """A file that updates, keeps and duplicates the first file's entries, in an order where a
    record changes an entry that a later record of the same batch names."""
    return document(
        # a new key with a1's characters: merged into a1, which no longer counts as unchanged
        # since its import, so the record a1 that follows is kept, not written
        term("a1-again", "Alpha again", "阿尔法", "ā'ěrfǎ", aliases=["alpha two"]),
        term("a1", "Alpha changed", "阿尔法", "ā'ěrfǎ"),
        term("a2", "Beta changed", "贝塔", "bèitǎ", related=["a3"], verified=True),
        term("a3", "Gamma", "伽马", "gāmǎ", verified=True),  # unchanged
        term("a5", "Epsilon", "艾普西龙", "àipǔxīlóng"),
        {
            "key": site_key,  # the entry made on the site, under the key it was exported as
            "kind": "term",
            "english": "Site term changed",
            "simplified": "站点术语",
            "pinyin": "zhàndiǎn shùyǔ",
            "sources": [SOURCE],
        },
        term("a6", "Zeta", "泽塔", "zétǎ", related=["a5", "a1"]),
        term("a4-again", "Delta again", "德尔塔", "dé'ěrtǎ", aliases=["delta two"]),  # into a4
        term("a4", "Delta changed", "德尔塔", "dé'ěrtǎ"),  # kept: a4 changed above
    )


TIMES = {"created", "updated", "verified_at", "at"}  # the clock's, which may tick between runs


def rows(db: Any) -> dict[str, list[Any]]:
    """Every row an import writes, by table, the clock's columns left out."""
    tables = {
        "entry": "id",
        "source": "id",
        "affiliation": "id",
        "related": "entry_id, related_id",
        "search_key": "rowid",
        "entry_char": "ch, entry_id",
        "revision": "id",
        "verification": "id",
    }
    found: dict[str, list[Any]] = {}
    for table, order in tables.items():
        cursor = db.conn.execute(f"SELECT * FROM {table} ORDER BY {order}")
        names = [column[0] for column in cursor.description]
        found[table] = [
            {n: v for n, v in zip(names, row, strict=True) if n not in TIMES} for row in cursor
        ]
    found["entry_fts"] = db.conn.execute(
        "SELECT rowid, names, description FROM entry_fts ORDER BY rowid"
    ).fetchall()
    for revision in found["revision"]:
        revision["snapshot"] = json.loads(revision["snapshot"])
    return found


def run_imports(path: str, batch: int, monkeypatch: pytest.MonkeyPatch) -> tuple[list, dict]:
    """Both files imported into a fresh database, batch records at a time: the reports and
    the rows."""
    monkeypatch.setattr(importer, "WRITE_BATCH", batch)
    db = connect(path)
    try:
        made = store.create_entry(
            db,
            {
                "kind": "term",
                "english": "Site term",
                "aliases": [],
                "simplified": "站点术语",
                "traditional": "",
                "pinyin": "zhàndiǎn shùyǔ",
                "romanization": "",
                "romanization_system": "",
                "description": "",
                "notes": "",
                "tags": [],
                "status": "preferred",
                "verified": False,
                "sources": [SOURCE],
                "affiliations": [],
                "related": [],
            },
            author="ed",
        )
        reports = [
            importer.import_document(db, FIRST, verified_by="rev", author="ed"),
            importer.import_document(
                db, second(f"site-term-{made}"), on_duplicate="merge", verified_by="rev"
            ),
        ]
        return [vars(report) for report in reports], rows(db)
    finally:
        db.conn.close()


def test_batches_write_what_one_record_at_a_time_writes(tmp_path, monkeypatch):
    one_reports, one_rows = run_imports(str(tmp_path / "one.db"), 1, monkeypatch)
    reports, written = run_imports(str(tmp_path / "batched.db"), 1_000, monkeypatch)
    assert one_reports[1] == {
        "created": ["a5", "a6"],
        "updated": ["a2", "site-term-1"],
        "unchanged": ["a3"],
        "kept": ["a1", "a4"],
        "duplicates": ["a1-again", "a4-again"],
        "on_duplicate": "merge",
        "rejected": [],
        "refusals": [],
    }
    assert reports == one_reports
    assert written == one_rows
    _, three_rows = run_imports(str(tmp_path / "three.db"), 3, monkeypatch)
    assert three_rows == one_rows


def test_the_merged_entry_is_kept_and_its_history_says_so(tmp_path, monkeypatch):
    _, written = run_imports(str(tmp_path / "batched.db"), 1_000, monkeypatch)
    alpha = next(e for e in written["entry"] if e["import_key"] == "a1")
    assert alpha["english"] == "Alpha"  # the later record a1 was kept, not written
    assert json.loads(alpha["aliases"]) == ["alpha one", "alpha two"]
    history = [
        (r["revision"], r["action"], r["comment"])
        for r in written["revision"]
        if r["entry_id"] == alpha["id"]
    ]
    assert history == [(1, "import", ""), (2, "edit", "Merged from an import")]


def statements(db: Any, records: list[dict[str, Any]]) -> list[str]:
    """The statements an import of records runs, as SQLite traces them (not those run inside
    FTS5, which it traces with a leading "--")."""
    traced: list[str] = []
    db.conn.set_trace_callback(traced.append)
    try:
        importer.import_document(db, document(*records))
    finally:
        db.conn.set_trace_callback(None)
    return [sql for sql in traced if not sql.startswith("--")]


def test_an_import_reads_a_few_times_a_batch_not_for_each_record(db):
    records = hundred_terms()
    traced = statements(db, records)
    assert db.execute("SELECT count(*) FROM entry WHERE import_key LIKE 'word-%'").fetchone() == (
        100,
    )
    reads = [sql for sql in traced if not sql.lstrip().upper().startswith("INSERT")]
    # one batch: its states, site entries and duplicates; the entries read back to index
    # them and for their revisions; the transaction. One at a time, it was 11 a record.
    assert len(reads) <= 20, reads
    # what a new record costs: its entry, source, full-text row and revision, and a row for
    # each search key and character (about 21 statements a record before batches)
    rows = [sql for sql in traced if sql.lstrip().upper().startswith("INSERT")]
    indexing = ("search_key", "search_char", "entry_char")
    per_record = [sql for sql in rows if not any(table in sql for table in indexing)]
    assert len(per_record) <= 4 * 100 + 5
    assert sum("INSERT INTO entry (" in sql for sql in rows) == 100


def test_a_reimport_reads_the_entries_a_batch_at_a_time(db):
    records = hundred_terms()
    importer.import_document(db, document(*records))
    records[7]["english"] = "word seven, changed"
    traced = statements(db, records)
    reads = [sql for sql in traced if sql.lstrip().upper().startswith("SELECT")]
    # the batch's states and their entries (a few statements for all), the changed entry's
    # reindex and its revision's entry; one at a time, it was 5 a record
    assert len(reads) <= 20, reads
    assert db.execute(
        "SELECT english, revision FROM entry WHERE import_key = 'word-7'"
    ).fetchone() == ("word seven, changed", 2)


def test_each_batch_reads_once(db, monkeypatch):
    monkeypatch.setattr(importer, "WRITE_BATCH", 25)
    traced = statements(db, hundred_terms())
    states = [sql for sql in traced if "import_key IN" in sql]
    assert len(states) == 4  # 100 records, 25 at a time
    assert sum("k.key IN" in sql for sql in traced) == 4  # their duplicates


def counted(function: Any, calls: list[Any]) -> Any:
    def wrapper(*args: Any) -> Any:
        calls.append(args)
        return function(*args)

    return wrapper


def test_an_import_parses_each_reading_once(db, monkeypatch):
    # Checking a record and indexing it share its parsed pinyin, however far apart they are
    # in the file (parse keeps only the last 1,024 texts it read: none of them here).
    parsed: list[Any] = []
    monkeypatch.setattr(romanize, "_parse_text", counted(romanize._parse_text, parsed))
    monkeypatch.setattr(romanize, "_parsed", romanize._parse_text)
    importer.import_document(db, document(*hundred_terms()))
    texts = [text for (text,) in parsed]
    assert len(texts) == 100
    assert len(set(texts)) == 100
    assert db.execute(
        "SELECT count(*) FROM search_key WHERE type = 'pyn' AND key = 'yi1er4'"
    ).fetchone() == (1,)
    romanize.parse("yī èr")
    assert len(parsed) == 101  # nothing is kept once the import is done


def schema(db: Any) -> set[tuple[str, str]]:
    return set(db.conn.execute("SELECT name, sql FROM sqlite_master").fetchall())


def test_a_large_import_builds_the_search_only_index_at_its_end(tmp_path, monkeypatch):
    _, one_rows = run_imports(str(tmp_path / "one.db"), 1, monkeypatch)
    monkeypatch.setattr(importer, "LARGE_IMPORT", 1)
    traced: list[str] = []
    monkeypatch.setattr(stored, "indexes_deferred", counted(stored.indexes_deferred, traced))
    fresh = connect(str(tmp_path / "fresh.db"))
    defined = schema(fresh)
    fresh.conn.close()
    reports, written = run_imports(str(tmp_path / "large.db"), 1_000, monkeypatch)
    assert len(traced) == 2  # both imports were large beside the glossary
    assert written == one_rows
    db = connect(str(tmp_path / "large.db"))
    try:
        assert schema(db) == defined  # search_key_head as the migration defined it
        assert store.index_problems(db) == []
        assert store.integrity_problems(db) == []
    finally:
        db.conn.close()


def test_a_large_import_that_fails_keeps_the_index(db, monkeypatch):
    monkeypatch.setattr(importer, "LARGE_IMPORT", 1)
    defined = schema(db)
    traced: list[str] = []
    db.conn.set_trace_callback(traced.append)
    report = importer.import_document(db, document(*hundred_terms()), dry_run=True)
    db.conn.set_trace_callback(None)
    assert len(report.created) == 100
    assert "DROP INDEX search_key_head" in traced  # it was deferred, then rolled back
    # so were the review queue's and recent changes' (new rows went in at their beginning)
    assert {
        "DROP INDEX entry_review",
        "DROP INDEX revision_at",
        "DROP INDEX revision_changes",
    } <= set(traced)
    assert schema(db) == defined
    assert db.execute("SELECT count(*) FROM entry WHERE import_key LIKE 'word-%'").fetchone() == (
        0,
    )


def test_the_deferred_indexes_are_sorted_with_helper_threads_then_none(db, monkeypatch):
    monkeypatch.setattr(importer, "LARGE_IMPORT", 1)
    monkeypatch.setattr(stored, "_other_processors", lambda: 3)
    traced: list[str] = []
    db.conn.set_trace_callback(traced.append)
    importer.import_document(db, document(*hundred_terms()))
    db.conn.set_trace_callback(None)
    helped = traced.index("PRAGMA threads = 3")
    created = [i for i, sql in enumerate(traced) if sql.startswith("CREATE INDEX search_key_head")]
    assert created and created[0] > helped
    assert traced.index("PRAGMA threads = 0") > created[0]
    assert db.conn.execute("PRAGMA threads").fetchone() == (0,)  # searches sort alone


def test_helper_threads_are_one_less_than_the_processors_usable(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert stored._other_processors() == 3
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {5}, raising=False)
    assert stored._other_processors() == 0


def test_the_size_of_an_import_decides_whether_indexes_wait():
    assert importer._large(10_000, 60)
    assert importer._large(100_000, 200_000)
    assert not importer._large(9_999, 0)  # small: kept in order as it goes
    assert not importer._large(10_000, 30_000)  # small beside the glossary: rebuilding costs more


def test_new_entries_keep_as_their_revision_what_is_stored(db):
    # Revision 1 of an entry no link changes is made from its record as it is inserted, not
    # read back: it must be what reading it back gives, to the character.
    full_source = {
        "quote": "A quote.",
        "quote_zh": "引文。",
        "title": "A title",
        "publisher": "A publisher",
        "url": "https://example.org/a",
        "published": "2026-05-01",
        "accessed": "2026-06",
    }
    records = [
        term("plain", "Plain", "平常", "píngcháng"),
        term(
            "full",
            "Full",
            "完整",
            "wánzhěng",
            traditional="完整",
            aliases=["whole", "entire"],
            tags=["tag"],
            description="A description.",
            notes="Notes\nin lines.",
            status="deprecated",
            verified=True,
            sources=[full_source, SOURCE],
        ),
        {
            "key": "person",
            "kind": "person",
            "english": "Tsai Ing-wen",
            "simplified": "蔡英文",
            "pinyin": "Cài Yīngwén",
            "romanization": "Tsai Ing-wen",
            "romanization_system": "Wade–Giles",
            "sources": [SOURCE],
        },
    ]
    traced = statements(db, records)
    assert not [sql for sql in traced if sql.startswith("SELECT * FROM entry WHERE id IN")]
    for key in ("plain", "full", "person"):
        entry_id = db.execute("SELECT id FROM entry WHERE import_key = ?", [key]).fetchone()[0]
        kept = db.execute(
            "SELECT revision, action, snapshot FROM revision WHERE entry_id = ?", [entry_id]
        ).fetchall()
        read_back = json.dumps(store.snapshot(store.get_entry(db, entry_id)), ensure_ascii=False)
        assert kept == [(1, "import", read_back)]


def fts_segments(db: Any) -> int:
    return db.execute("SELECT count(DISTINCT segid) FROM entry_fts_idx").fetchone()[0]


def test_an_import_as_large_as_a_quarter_of_the_glossary_leaves_one_segment(db, monkeypatch):
    monkeypatch.setattr(importer, "WRITE_BATCH", 10)  # settled past one batch of records
    traced: list[str] = []
    db.conn.set_trace_callback(traced.append)
    importer.import_document(db, document(*hundred_terms()))
    db.conn.set_trace_callback(None)
    assert fts_segments(db) == 1  # 100 new entries beside the seed's 60: rewritten whole
    assert "INSERT INTO entry_fts (entry_fts) VALUES ('optimize')" in traced
    found = "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'word'"
    assert db.execute(found).fetchone() == (100,)


def test_a_small_import_beside_a_large_glossary_merges_its_segments(db, monkeypatch):
    monkeypatch.setattr(importer, "WRITE_BATCH", 10)
    importer.import_document(db, document(*hundred_terms()))
    more = [
        term(f"more-{n}", f"more {n}", "十一" + "二" * n, "shíyī" + " èr" * n) for n in range(1, 13)
    ]
    traced: list[str] = []
    db.conn.set_trace_callback(traced.append)
    importer.import_document(db, document(*more))  # 12 beside 160: a tenth
    db.conn.set_trace_callback(None)
    assert not any("'optimize'" in statement for statement in traced)
    assert any("'merge', 500" in statement for statement in traced)
    assert fts_segments(db) <= 3
    assert db.execute("SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'more'").fetchone() == (
        12,
    )
