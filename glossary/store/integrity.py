"""Checking a database: SQLite's own integrity, foreign keys, and the search index against the
entries it is derived from. Each check returns what is wrong, one line each; [] when all is well.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import sqlite_utils

from glossary.model import FIELDS as RECORD_FIELDS
from glossary.model import SOURCE_FIELDS
from glossary.store.common import transaction
from glossary.store.entries import _keys_version, reindex
from glossary.store.schema import ENTRY_MASK, words_rowid_sql
from glossary.text import keys

MAX_LISTED = 20  # problems of one kind listed before the rest are counted


def integrity_problems(db: sqlite_utils.Database) -> list[str]:
    """SQLite's integrity_check and foreign_key_check, as lines of text."""
    rows = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    problems = [] if rows == ["ok"] else [f"integrity_check: {row}" for row in rows]
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"foreign key: {table} row {rowid} refers to a missing {parent} row")
    return problems


def keys_version(db: sqlite_utils.Database) -> int:
    """The version of the search keys' derivation the stored keys were made with (0: none)."""
    return _keys_version(db)


def fts_problems(db: sqlite_utils.Database) -> list[str]:
    """FTS5's own check of each full-text index (run in a transaction that is rolled back)."""
    problems = []
    commands = {
        "entry_fts": "INSERT INTO entry_fts (entry_fts) VALUES ('integrity-check')",
        # rank 1: also compare the index with its external content, the dictionary table
        "dictionary_fts": (
            "INSERT INTO dictionary_fts (dictionary_fts, rank) VALUES ('integrity-check', 1)"
        ),
    }
    for table, command in commands.items():
        db.execute("BEGIN")
        try:
            db.execute(command)
        except sqlite3.DatabaseError as error:
            problems.append(f"{table}: {error}")
        finally:
            db.execute("ROLLBACK")
    return problems


# Entries compared at a time: the check holds one batch's keys, not the glossary's (at
# 100,000 entries, all of them at once took a gigabyte).
INDEX_BATCH = 2_000


def index_problems(db: sqlite_utils.Database) -> list[str]:
    """Compare every entry's search keys, characters and full-text row with those its forms
    give now; and find index rows of entries that do not exist."""
    wrong: dict[str, list[int]] = {label: [] for label in INDEX_LABELS}
    orphans: dict[str, list[int]] = {label: [] for label in INDEX_LABELS}
    low = None  # each batch covers the ids above the last one's, up to its own last entry
    while True:
        rows = db.execute(
            "SELECT id, english, aliases, simplified, traditional, pinyin, description,"
            f" romanization, kind FROM entry WHERE {_within('id', low, None)}"
            " ORDER BY id LIMIT ?",
            [*_bounds(low, None), INDEX_BATCH],
        ).fetchall()
        high = rows[-1][0] if len(rows) == INDEX_BATCH else None  # None: to the end
        derived, characters = _substring_index(db, low, high)
        expected = (*_expected_index(rows), derived)
        stored = (*_stored_index(db, low, high), characters)
        nothing: tuple[Any, ...] = (set(), set(), None, set())  # what an entry without rows has
        for label, expected_rows, stored_rows, missing in zip(
            INDEX_LABELS, expected, stored, nothing, strict=True
        ):
            wrong[label] += [
                i for i in expected_rows if stored_rows.get(i, missing) != expected_rows[i]
            ]
            orphans[label] += sorted(set(stored_rows) - set(expected_rows))
        if high is None:
            break
        low = high
    misplaced, missing = _misplaced_words(db)
    words = INDEX_LABELS[2]
    wrong[words] = sorted(set(wrong[words]) | set(misplaced))
    orphans[words] = missing
    problems: list[str] = []
    for label in INDEX_LABELS:
        problems += _listed(f"{label} out of date for entry", wrong[label])
        problems += _listed(f"{label} of a missing entry", orphans[label])
    return problems


INDEX_LABELS = ("search keys", "character index", "full-text row", "substring index")


def _substring_index(
    db: sqlite_utils.Database, low: int | None, high: int | None
) -> tuple[dict[int, set], dict[int, set]]:
    """The rows of search_char that the Chinese search keys stored for ids above low up to
    high give (the keys themselves are compared with the entries apart), and the rows stored,
    by id: (character, key, form's length, standing, fold)."""
    bounds = _bounds(low, high)
    derived: dict[int, set] = defaultdict(set)
    for entry_id, key, formlen, standing, fold in db.execute(
        "SELECT entry_id, key, formlen, standing, fold FROM search_key"
        f" INDEXED BY search_key_entry WHERE {_within('entry_id', low, high)} AND type = 'hanzi'",
        bounds,
    ):
        derived[entry_id].update((ch, key, formlen, standing, fold) for ch in key)
    stored: dict[int, set] = defaultdict(set)
    for entry_id, *row in db.execute(
        "SELECT entry_id, ch, key, formlen, standing, fold FROM search_char"
        f" INDEXED BY search_char_entry WHERE {_within('entry_id', low, high)}",
        bounds,
    ):
        stored[entry_id].add(tuple(row))
    return dict(derived), dict(stored)


def _expected_index(rows: list[Any]) -> tuple[dict[int, Any], ...]:
    """The search keys, characters and full-text row each entry's forms give, by id."""
    expected_keys: dict[int, set] = {}
    expected_chars: dict[int, set[str]] = {}
    expected_words: dict[int, tuple[str, str]] = {}
    for row in rows:
        entry_id, english, aliases_json, simplified, traditional, pinyin, description = row[:7]
        roman, kind = row[7:]
        aliases = json.loads(aliases_json)
        expected_keys[entry_id] = set(
            keys.entry_keys(english, aliases, simplified, traditional, pinyin, roman, kind=kind)
        )
        expected_chars[entry_id] = keys.entry_chars([simplified, traditional, *aliases])
        expected_words[entry_id] = (
            keys.entry_words(english, [*aliases, roman], pinyin),
            description,
        )
    return expected_keys, expected_chars, expected_words


def _stored_index(
    db: sqlite_utils.Database, low: int | None, high: int | None
) -> tuple[dict[int, Any], ...]:
    """The search keys, characters and full-text rows stored for ids above low (None: any)
    up to high (None: to the end), by id."""
    bounds = _bounds(low, high)
    stored_keys: dict[int, set] = defaultdict(set)
    for entry_id, *key in db.execute(
        "SELECT entry_id, field, form, type, key FROM search_key INDEXED BY search_key_entry"
        f" WHERE {_within('entry_id', low, high)}",
        bounds,
    ):
        stored_keys[entry_id].add(tuple(key))
    stored_chars: dict[int, set] = defaultdict(set)
    for ch, entry_id in db.execute(
        f"SELECT ch, entry_id FROM entry_char WHERE {_within('entry_id', low, high)}", bounds
    ):
        stored_chars[entry_id].add(ch)
    # Each entry's full-text row where it should be numbered (store.schema.words_rowid): a row
    # numbered otherwise is out of date too, for its entry ranks elsewhere in the words band.
    stored_words = {
        rowid & ENTRY_MASK: (names, description)
        for rowid, names, description in db.execute(
            f"""SELECT f.rowid, f.names, f.description FROM entry e JOIN entry_fts f
                ON f.rowid = {words_rowid_sql("e")} WHERE {_within("e.id", low, high)}""",
            bounds,
        )
    }
    return dict(stored_keys), dict(stored_chars), stored_words


def _misplaced_words(db: sqlite_utils.Database) -> tuple[list[int], list[int]]:
    """The full-text rows not numbered as their entry's should be: (the ids of entries whose
    row is numbered otherwise, the ids rows name of entries that do not exist), in id order."""
    misplaced: set[int] = set()
    missing: set[int] = set()
    for rowid, entry_id, expected in db.execute(
        f"""SELECT f.rowid, e.id, {words_rowid_sql("e")} FROM entry_fts f
            LEFT JOIN entry e ON e.id = f.rowid & {ENTRY_MASK}"""
    ):
        if entry_id is None:
            missing.add(rowid if rowid < 0 else rowid & ENTRY_MASK)
        elif rowid != expected:
            misplaced.add(entry_id)
    return sorted(misplaced), sorted(missing)


def _within(column: str, low: int | None, high: int | None) -> str:
    """The condition that column is above low and at most high (None: no bound), as SQL that
    an index on the column serves."""
    return (
        " AND ".join(
            [f"{column} > ?"] * (low is not None) + [f"{column} <= ?"] * (high is not None)
        )
        or "1"
    )


def _bounds(low: int | None, high: int | None) -> list[int]:
    """The parameters of _within's condition."""
    return [bound for bound in (low, high) if bound is not None]


# The text columns of what pages, feeds and exports show, by table: what `check` reads.
TEXT_COLUMNS = {
    "entry": (*(f for f in RECORD_FIELDS if f not in ("kind", "status")), "delete_reason"),
    "source": SOURCE_FIELDS,
    "affiliation": ("role", "as_of"),
    "revision": ("author", "comment"),
}


def stored_values(db: sqlite_utils.Database) -> Iterator[tuple[str, int, str, Any]]:
    """Every value of the text columns pages show: (table, row id, column, value), the value as
    stored (a number or bytes, should a row hold one)."""
    for table, columns in TEXT_COLUMNS.items():
        owner = "id" if table == "entry" else "person_id" if table == "affiliation" else "entry_id"
        sql = f"SELECT {owner}, {', '.join(columns)} FROM {table} ORDER BY {owner}"
        for owner_id, *values in db.execute(sql):
            for column, value in zip(columns, values, strict=True):
                yield table, owner_id, column, value


def revision_snapshots(db: sqlite_utils.Database) -> Iterator[tuple[int, int, Any]]:
    """Every revision's snapshot as stored: (entry id, revision, snapshot)."""
    yield from db.execute("SELECT entry_id, revision, snapshot FROM revision ORDER BY id")


def _listed(what: str, ids: list[int]) -> list[str]:
    lines = [f"{what} {entry_id}" for entry_id in ids[:MAX_LISTED]]
    if len(ids) > MAX_LISTED:
        lines.append(f"… and {len(ids) - MAX_LISTED} more: {what}")
    return lines


def dictionary_problems(db: sqlite_utils.Database) -> list[str]:
    """Find base dictionary keys and characters of dictionary entries that do not exist."""
    problems = []
    for table in ("dictionary_key", "dictionary_char"):
        (count,) = db.execute(
            f"""SELECT count(*) FROM {table} t
                WHERE NOT EXISTS (SELECT 1 FROM dictionary d WHERE d.id = t.dictionary_id)"""
        ).fetchone()
        if count:
            problems.append(f"{table}: {count} row(s) of missing dictionary entries")
    return problems


def rebuild_index(db: sqlite_utils.Database) -> None:
    """Derive every entry's search keys, characters and full-text row anew, in one transaction."""
    with transaction(db):
        # reindex writes an entry's rows anew; rows of entries that are gone would stay.
        db.execute("DELETE FROM search_char")
        db.execute("DELETE FROM entry_fts")
        for (entry_id,) in db.execute("SELECT id FROM entry").fetchall():
            reindex(db, entry_id)
