"""The base dictionary (CC-CEDICT): what is loaded, reading an entry, ranked search.

A read-only collection beside the glossary, in tables of its own; nothing here writes to the
glossary's tables, and nothing that edits entries writes here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TypedDict, cast

import sqlite_utils

from glossary.store.common import memoized
from glossary.store.dictionary.ranking import Found, find_ranked, finds
from glossary.text import keys

COLLECTION = "cc-cedict"  # the value of a dictionary result's `collection`


class DictionaryInfo(TypedDict):
    """What the loaded dictionary is: its edition (as its file says), when it was loaded and
    how many entries it has, and the search keys' version it was indexed with."""

    collection: str
    name: str
    date: str
    publisher: str
    license: str
    license_url: str
    home: str
    keys_version: int
    entries: int
    imported: str


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


def dictionary_info(db: sqlite_utils.Database) -> DictionaryInfo | None:
    """Return what the loaded dictionary is (name, date, licence, entries…), or None.
    Every search that finds dictionary entries asks: it is read again only after a change."""
    return memoized(db, "dictionary_info", lambda: _dictionary_info(db))


def _dictionary_info(db: sqlite_utils.Database) -> DictionaryInfo | None:
    row = db.execute("SELECT value FROM meta WHERE name = 'dictionary'").fetchone()
    if row is None:
        return None
    info = json.loads(row[0])
    return cast(DictionaryInfo, info) if info.get("entries") else None


def get_dictionary_entry(db: sqlite_utils.Database, dictionary_id: int) -> DictionaryEntry | None:
    """Return a dictionary entry with its definitions as a list, or None."""
    rows = list(db.query("SELECT * FROM dictionary WHERE id = ?", [dictionary_id]))
    if not rows:
        return None
    entry = _summary(rows[0])
    entry["definitions"] = json.loads(rows[0]["definitions"])
    entry["pinyin_numbered"] = rows[0]["pinyin_numbered"]
    return cast(DictionaryEntry, entry)


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
    found = find_ranked(db.conn, query, limit, offset)
    for entry in found.entries:  # ranking's entries have a summary's own fields already
        _complete(entry)
    return found


def found_in_dictionary(db: sqlite_utils.Database, query: keys.Query) -> bool:
    """Tell whether a parsed query finds a dictionary entry (nothing counted or ranked)."""
    return finds(db.conn, query)


# What a glossary entry's summary has and a dictionary entry has not.
NOT_IN_THE_DICTIONARY = {
    "collection": COLLECTION,
    "kind": None,
    "description": "",
    "romanization": "",
    "verified": False,
}


def _summary(row: Mapping[str, Any]) -> dict[str, Any]:
    """A dictionary entry with the fields a glossary entry's summary has."""
    return _complete(
        {name: row[name] for name in ("id", "english", "simplified", "traditional", "pinyin")}
    )


def _complete(entry: dict[str, Any]) -> dict[str, Any]:
    """Add to a dictionary entry, in place, what a glossary entry's summary has besides."""
    entry.update(NOT_IN_THE_DICTIONARY, url=f"/dictionary/{entry['id']}")
    return entry


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
