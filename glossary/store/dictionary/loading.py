"""Loading the base dictionary: rows staged in files of their own, then copied in whole.

An import stages its rows in one or more staging databases (one for each chunk of records, so
that the processes deriving them never wait on each other's writes), each indexed in the order
of the dictionary's tables; replace_dictionary then copies them all into the dictionary in one
transaction, merging the stages in that order, so that every b-tree is built by appending and
the one process that copies sorts nothing (the processes that stage sort, side by side).

What the copy would otherwise do alone while the other processes wait is made aside, in one
more database: the full-text index (stage_full_text, while the rows are derived), and the
characters and pairs (merge_characters, while the copy merges the keys). The copy takes those
tables as they are.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

import sqlite_utils

from glossary.store.backups import replicated_by_litestream
from glossary.store.common import now, transaction
from glossary.store.dictionary.ranking import LONGEST

BATCH = 5000  # rows written per executemany, so that memory stays flat
FTS_HASH = 256 * 1024 * 1024  # the full-text index's pending terms held in memory, at most
FTS_PAGE = 500  # bytes a page of the full-text index holds (see migration 8 in glossary.db)
KEY_ORDER = "type, key, formlen, simplen, dictionary_id, field"
CHAR_ORDER = "ch, simplen, dictionary_id"
PAIR_ORDER = "pair, simplen, dictionary_id"
STAGE_SCHEMA = """
    CREATE TABLE entry_load (id INTEGER PRIMARY KEY, traditional, simplified, pinyin,
        pinyin_numbered, definitions, english);
    CREATE TABLE key_load (type, key, formlen, simplen, dictionary_id, field, form);
    CREATE TABLE char_load (ch, simplen, dictionary_id, simplified, traditional);
    CREATE TABLE pair_load (pair, simplen, dictionary_id, simplified, traditional);
"""
# Covering indexes in the order of dictionary_key, _char and _bigram, created once a stage is
# written: replace_dictionary reads each stage through them and merges the stages (SQLite's
# MERGE of a UNION ALL, see EXPLAIN QUERY PLAN) rather than sorting all their rows itself.
STAGE_INDEXES = f"""
    CREATE INDEX key_order ON key_load ({KEY_ORDER}, form);
    CREATE INDEX char_order ON char_load ({CHAR_ORDER}, simplified, traditional);
    CREATE INDEX pair_order ON pair_load ({PAIR_ORDER}, simplified, traditional);
"""


class DictionaryRow(NamedTuple):
    """One dictionary entry ready to store, with its search keys and characters."""

    traditional: str
    simplified: str
    pinyin: str
    pinyin_numbered: str
    definitions: str  # JSON list
    english: str
    keys: list[tuple[str, str, str, str]]  # type, key, field, form
    characters: set[str]


def dictionary_order(english: str, simplified: str) -> tuple[int, int]:
    """Return where an entry goes in the dictionary's id order: by the length of its definitions
    (at most 255), then of its simplified form (rows with equal lengths keep their order)."""
    return min(len(english), LONGEST), len(simplified)


def pairs(*forms: str) -> set[str]:
    """The pairs of characters written next to each other in forms: 中国人 → 中国, 国人."""
    return {form[i : i + 2] for form in forms for i in range(len(form) - 1)}


def stage_rows(path: str | Path, first_id: int, rows: Iterable[DictionaryRow]) -> int:
    """Write rows, with ids from first_id, to a new staging database at path; return how many.
    Rows come in dictionary_order, else ValueError."""
    conn = _scratch(path)
    try:
        conn.execute("BEGIN")
        for statement in STAGE_SCHEMA.split(";")[:-1]:
            conn.execute(statement)
        count, last = 0, (0, 0)
        iterator = iter(rows)
        while batch := list(islice(iterator, BATCH)):
            for row in batch:
                order = dictionary_order(row.english, row.simplified)
                if order < last:
                    raise ValueError(f"{row.simplified} comes out of dictionary_order")
                last = order
            numbered = list(enumerate(batch, first_id + count))
            conn.executemany(
                "INSERT INTO entry_load VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (n, r.traditional, r.simplified, r.pinyin, r.pinyin_numbered)
                    + (r.definitions, r.english)
                    for n, r in numbered
                ],
            )
            conn.executemany(
                "INSERT INTO key_load VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (key_type, key, min(len(form), LONGEST), len(r.simplified), n, field, form)
                    for n, r in numbered
                    for key_type, key, field, form in r.keys
                ],
            )
            conn.executemany(
                "INSERT INTO char_load VALUES (?, ?, ?, ?, ?)",
                [
                    (ch, len(r.simplified), n, r.simplified, r.traditional)
                    for n, r in numbered
                    for ch in r.characters
                ],
            )
            conn.executemany(
                "INSERT INTO pair_load VALUES (?, ?, ?, ?, ?)",
                [
                    (pair, len(r.simplified), n, r.simplified, r.traditional)
                    for n, r in numbered
                    for pair in pairs(r.simplified, r.traditional)
                ],
            )
            count += len(batch)
        for statement in STAGE_INDEXES.split(";")[:-1]:
            conn.execute(statement)
        conn.execute("COMMIT")
        return count
    finally:
        conn.close()


def create_statements(db: sqlite_utils.Database, *tables: str) -> dict[str, list[str]]:
    """The statements that create each of tables and its indexes, as the database has them."""
    return {
        table: [
            sql
            for (sql,) in db.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL"
                " ORDER BY type = 'index', rowid",
                [table],
            )
        ]
        for table in tables
    }


def stage_full_text(path: str | Path, schema: Sequence[str], texts: Iterable[str]) -> int:
    """Write the full-text index of texts (the english of ids 1, 2 and on) to a new staging
    database at path, as schema creates dictionary_fts, in one segment; return how many."""
    conn = _scratch(path)
    try:
        conn.execute("BEGIN")
        # The index's external content: the one column it reads, under the same ids.
        conn.execute("CREATE TABLE dictionary (id INTEGER PRIMARY KEY, english TEXT NOT NULL)")
        conn.executemany("INSERT INTO dictionary (english) VALUES (?)", ((t,) for t in texts))
        for statement in schema:
            conn.execute(statement)
        # One segment, so that each search term is looked up once: the rebuild keeps every
        # term in memory (about 30 MB) and writes them once, instead of in eight segments that
        # an 'optimize' would then merge (0.3 s more).
        for name, value in (("hashsize", FTS_HASH), ("pgsz", FTS_PAGE)):
            conn.execute(
                "INSERT INTO dictionary_fts (dictionary_fts, rank) VALUES (?, ?)", [name, value]
            )
        conn.execute("INSERT INTO dictionary_fts (dictionary_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
        return int(conn.execute("SELECT count(*) FROM dictionary").fetchone()[0])
    finally:
        conn.close()


def merge_characters(path: str | Path, stages: Sequence[str | Path], schema: Sequence[str]) -> None:
    """Fill dictionary_char and dictionary_bigram, as schema creates them, with the staged
    rows, in a database at path (stage_full_text's): replace_dictionary copies them whole."""
    conn = _scratch(path, stages)
    try:
        conn.execute("BEGIN")
        for statement in schema:
            conn.execute(statement)
        chars = _union(len(stages), "char_load")
        conn.execute(f"INSERT OR IGNORE INTO dictionary_char {chars} ORDER BY {CHAR_ORDER}")
        bigrams = _union(len(stages), "pair_load")
        conn.execute(f"INSERT OR IGNORE INTO dictionary_bigram {bigrams} ORDER BY {PAIR_ORDER}")
        conn.execute("COMMIT")
    finally:
        conn.close()


def replace_dictionary(
    db: sqlite_utils.Database,
    info: Mapping[str, Any],
    stages: Sequence[str | Path],
    aside: str | Path,
    merge: Callable[[], Callable[[], object]],
) -> int:
    """Replace the dictionary with the staged rows, in one transaction; return how many.

    aside is a database holding the full-text index (stage_full_text's), to which
    merge_characters adds the characters and pairs: merge starts it (in a worker process, say,
    while this copies the rest) and returns what waits for it to finish.
    """
    # Attached before merge writes to aside: SQLite attaches nothing within a transaction.
    attached = [(f"stage{number}", path) for number, path in enumerate(stages)]
    attached.append(("aside", aside))
    for name, path in attached:
        db.execute(f"ATTACH DATABASE ? AS {name}", [str(path)])
    try:
        merged = merge()
        # Not immediate: that would lock every database attached, and so keep
        # merge_characters from writing aside. _copy writes first.
        with transaction(db, immediate=False):
            count = _copy(db, len(stages), merged)
            info = {**info, "entries": count, "imported": now()}
            db.execute(
                "INSERT OR REPLACE INTO meta (name, value) VALUES ('dictionary', ?)",
                [json.dumps(info, ensure_ascii=False)],
            )
    finally:
        for name, _ in attached:
            db.execute(f"DETACH DATABASE {name}")
    # The write-ahead log now holds the whole dictionary: copy it into the database and
    # truncate it, rather than leave a file as large as the dictionary beside it. Not where
    # Litestream replicates: it checkpoints itself, after it has copied the log (this would
    # wait for its read lock, then force it to start its replica again from a snapshot).
    if not replicated_by_litestream(db):
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return count


def _copy(db: sqlite_utils.Database, stages: int, merged: Callable[[], object]) -> int:
    """Empty the dictionary's tables and fill them from the attached databases."""
    # Writes first: they lock the database (and wait for another writer to finish). The
    # characters and pairs are emptied below, as they are copied.
    for table in ("dictionary_key", "dictionary"):
        db.execute(f"DELETE FROM {table}")
    db.execute("INSERT INTO dictionary_fts (dictionary_fts) VALUES ('delete-all')")
    db.execute(f"INSERT INTO dictionary {_union(stages, 'entry_load')} ORDER BY 1")
    # Copied in key order, so that the b-trees are built by appending: compact, and faster
    # than inserting at random. The characters and pairs are merged aside meanwhile.
    keys = _union(stages, "key_load")
    db.execute(f"INSERT OR IGNORE INTO dictionary_key {keys} ORDER BY {KEY_ORDER}")
    merged()
    # Copied as they are (SQLite's transfer of a table into an empty one of the same schema,
    # which copies each b-tree in its order), and the full-text index's tables likewise. The
    # 'delete-all' above has this connection drop what it kept of the index's structure (FTS5
    # keeps it across transactions while no other connection writes), so that it reads the
    # copied one.
    shadows = db.execute(
        "SELECT name FROM aside.sqlite_master WHERE type = 'table'"
        " AND name LIKE 'dictionary!_fts!_%' ESCAPE '!'"
    ).fetchall()
    for table in ["dictionary_char", "dictionary_bigram", *(name for (name,) in shadows)]:
        db.execute(f"DELETE FROM main.{table}")
        db.execute(f"INSERT INTO main.{table} SELECT * FROM aside.{table}")
    return int(db.execute("SELECT count(*) FROM dictionary").fetchone()[0])


def _scratch(path: str | Path, stages: Sequence[str | Path] = ()) -> sqlite3.Connection:
    """Open a scratch database at path, with stages attached as stage0, stage1 and on."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")  # no need to survive a crash
    conn.execute("PRAGMA synchronous = OFF")
    for number, stage in enumerate(stages):
        conn.execute(f"ATTACH DATABASE ? AS stage{number}", [str(stage)])
    return conn


def _union(stages: int, table: str) -> str:
    """All rows of table in the attached stages (each read in the order of its index)."""
    return " UNION ALL ".join(f"SELECT * FROM stage{number}.{table}" for number in range(stages))
