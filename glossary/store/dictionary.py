"""The base dictionary (CC-CEDICT): replacing it whole, reading an entry, ranked search.

A read-only collection beside the glossary, in tables of its own; nothing here writes to the
glossary's tables, and nothing that edits entries writes here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any, NamedTuple

import sqlite_utils

from glossary import keys
from glossary.store.common import now, transaction
from glossary.store.ranking import LONGEST, Found, find_ranked

COLLECTION = "cc-cedict"  # the value of a dictionary result's `collection`
BATCH = 5000  # entries written per executemany, so that memory stays flat


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


def replace_dictionary(
    db: sqlite_utils.Database,
    info: dict[str, Any],
    rows: Iterable[DictionaryRow],
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Replace the dictionary with rows in one transaction; return how many were stored.

    Rows come in dictionary_order (ids are given in the order rows come), else ValueError.
    """
    count = 0
    last = (0, 0)
    with transaction(db):
        for table in ("dictionary_key", "dictionary_char", "dictionary"):
            db.execute(f"DELETE FROM {table}")
        db.execute("INSERT INTO dictionary_fts (dictionary_fts) VALUES ('delete-all')")
        # Keys and characters are staged unindexed, then copied in key order, so that their
        # b-trees are built by appending: compact, and no slower than inserting at random.
        db.execute(
            """CREATE TEMP TABLE dictionary_key_load
               (type, key, formlen, simplen, dictionary_id, field, form)"""
        )
        db.execute(
            """CREATE TEMP TABLE dictionary_char_load
               (ch, simplen, dictionary_id, simplified, traditional)"""
        )
        iterator = iter(rows)
        while batch := list(islice(iterator, BATCH)):
            ids = range(count + 1, count + len(batch) + 1)
            for row in batch:
                order = dictionary_order(row.english, row.simplified)
                if order < last:
                    raise ValueError(f"{row.simplified} comes out of dictionary_order")
                last = order
            db.conn.executemany(
                """INSERT INTO dictionary (id, traditional, simplified, pinyin, pinyin_numbered,
                       definitions, english) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                [
                    (
                        i,
                        r.traditional,
                        r.simplified,
                        r.pinyin,
                        r.pinyin_numbered,
                        r.definitions,
                        r.english,
                    )
                    for i, r in zip(ids, batch, strict=True)
                ],
            )
            db.conn.executemany(
                "INSERT INTO dictionary_key_load VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (key_type, key, min(len(form), LONGEST), len(r.simplified), i, field, form)
                    for i, r in zip(ids, batch, strict=True)
                    for key_type, key, field, form in r.keys
                ],
            )
            db.conn.executemany(
                "INSERT INTO dictionary_char_load VALUES (?, ?, ?, ?, ?)",
                [
                    (ch, len(r.simplified), i, r.simplified, r.traditional)
                    for i, r in zip(ids, batch, strict=True)
                    for ch in r.characters
                ],
            )
            count += len(batch)
            if progress:
                progress(len(batch))
        db.execute(
            """INSERT OR IGNORE INTO dictionary_key SELECT * FROM dictionary_key_load
               ORDER BY type, key, formlen, simplen, dictionary_id, field"""
        )
        db.execute(
            """INSERT OR IGNORE INTO dictionary_char SELECT * FROM dictionary_char_load
               ORDER BY ch, simplen, dictionary_id"""
        )
        db.execute("DROP TABLE temp.dictionary_key_load")
        db.execute("DROP TABLE temp.dictionary_char_load")
        db.execute("INSERT INTO dictionary_fts (dictionary_fts) VALUES ('rebuild')")
        info = {**info, "entries": count, "imported": now()}
        db.execute(
            "INSERT OR REPLACE INTO meta (name, value) VALUES ('dictionary', ?)",
            [json.dumps(info, ensure_ascii=False)],
        )
    # The write-ahead log now holds the whole dictionary: copy it into the database and
    # truncate it, rather than leave a file as large as the dictionary beside it.
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return count


def dictionary_info(db: sqlite_utils.Database) -> dict[str, Any] | None:
    """Return what the loaded dictionary is (name, date, licence, entries…), or None."""
    row = db.execute("SELECT value FROM meta WHERE name = 'dictionary'").fetchone()
    if row is None:
        return None
    info: dict[str, Any] = json.loads(row[0])
    return info if info.get("entries") else None


def get_dictionary_entry(db: sqlite_utils.Database, dictionary_id: int) -> dict[str, Any] | None:
    """Return a dictionary entry with its definitions as a list, or None."""
    rows = list(db.query("SELECT * FROM dictionary WHERE id = ?", [dictionary_id]))
    if not rows:
        return None
    entry = _summary(rows[0])
    entry["definitions"] = json.loads(rows[0]["definitions"])
    entry["pinyin_numbered"] = rows[0]["pinyin_numbered"]
    return entry


def find_in_dictionary(
    db: sqlite_utils.Database, query: keys.Query, limit: int, offset: int
) -> Found:
    """Return how many dictionary entries match a parsed query (at most CAP, and whether there
    are more) and one page of them, ranked by the glossary's bands; a limit of 0 counts only."""
    found = find_ranked(db.conn, query, limit, offset)
    return found._replace(entries=[_summary(entry) for entry in found.entries])


def _summary(row: dict[str, Any]) -> dict[str, Any]:
    """A dictionary entry with the fields a glossary entry's summary has."""
    summary = {
        "id": row["id"],
        "collection": COLLECTION,
        "kind": None,
        "english": row["english"],
        "simplified": row["simplified"],
        "traditional": row["traditional"],
        "pinyin": row["pinyin"],
        "description": "",
        "romanization": "",
        "verified": False,
        "url": f"/dictionary/{row['id']}",
    }
    for name in ("band", "matched_field", "matched_form"):
        if name in row:
            summary[name] = row[name]
    return summary
