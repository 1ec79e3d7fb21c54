"""The base dictionary (CC-CEDICT): what is loaded, reading an entry, ranked search.

A read-only collection beside the glossary, in tables of its own; nothing here writes to the
glossary's tables, and nothing that edits entries writes here.
"""

from __future__ import annotations

import json
from typing import TypedDict

import sqlite_utils

from glossary.store.common import Found
from glossary.store.dictionary.edition import COLLECTION, dictionary_info, entry_path
from glossary.store.dictionary.ranking import find_ranked, finds
from glossary.text import keys


class DictionaryEntry(TypedDict):
    """A dictionary entry with its definitions, shaped as a glossary entry's summary (no kind,
    description or romanization: CC-CEDICT has none)."""

    id: int
    collection: str
    kind: None
    english: str
    simplified: str
    traditional: str
    pinyin: str
    pinyin_numbered: str
    description: str
    romanization: str
    verified: bool
    url: str
    definitions: list[str]


def get_dictionary_entry(db: sqlite_utils.Database, dictionary_id: int) -> DictionaryEntry | None:
    """Return a dictionary entry with its definitions as a list, or None."""
    rows = list(db.query("SELECT * FROM dictionary WHERE id = ?", [dictionary_id]))
    if not rows:
        return None
    row = rows[0]
    return DictionaryEntry(
        id=row["id"],
        english=row["english"],
        simplified=row["simplified"],
        traditional=row["traditional"],
        pinyin=row["pinyin"],
        collection=COLLECTION,
        kind=None,
        description="",
        romanization="",
        verified=False,
        url=entry_path(row["id"]),
        definitions=json.loads(row["definitions"]),
        pinyin_numbered=row["pinyin_numbered"],
    )


def name_readings(db: sqlite_utils.Database, simplified: str) -> list[str]:
    """Return the readings (numbered pinyin, "Peng2 Li4 yuan2") the loaded dictionary gives
    the characters as a proper name, written capitalised; none when no dictionary is loaded."""
    if dictionary_info(db) is None:
        return []
    rows = db.execute(
        """SELECT d.pinyin_numbered
           FROM dictionary_key k JOIN dictionary d ON d.id = k.dictionary_id
           WHERE k.type = 'hanzi' AND k.key = ? AND k.field = 'simplified' ORDER BY d.id""",
        [keys.hanzi_key(simplified)],
    ).fetchall()
    return [numbered for (numbered,) in rows if numbered[:1].isupper()]


def find_in_dictionary(
    db: sqlite_utils.Database, query: keys.Query, limit: int, offset: int
) -> Found:
    """Return how many dictionary entries match a parsed query (at most CAP, and whether there
    are more) and one page of them, ranked by the glossary's bands; a limit of 0 counts only."""
    return find_ranked(db.conn, query, limit, offset)


def found_in_dictionary(db: sqlite_utils.Database, query: keys.Query) -> bool:
    """Tell whether a parsed query finds a dictionary entry (nothing counted or ranked)."""
    return finds(db.conn, query)


def dictionary_ids(db: sqlite_utils.Database, citations: list[tuple[str, str]]) -> dict:
    """Return the id of the entry each (simplified, numbered pinyin) names, where one is
    loaded: the first by rank when several share both; pinyin "" takes any reading."""
    found: dict[tuple[str, str], int] = {}
    for simplified, numbered in dict.fromkeys(citations):
        row = db.execute(
            """SELECT c.dictionary_id FROM dictionary_char c
               JOIN dictionary d ON d.id = c.dictionary_id
               WHERE c.ch = substr(:form, 1, 1) AND c.simplen = length(:form)
                 AND c.simplified = :form
                 AND (:pinyin = '' OR lower(d.pinyin_numbered) = lower(:pinyin))
               ORDER BY c.dictionary_id LIMIT 1""",
            {"form": simplified, "pinyin": numbered},
        ).fetchone()
        if row is not None:
            found[(simplified, numbered)] = row[0]
    return found
