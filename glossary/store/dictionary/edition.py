"""Which base dictionary is loaded: its edition, as the meta table records it when it loads.

Apart from the ranked search (ranking) and the reading of its entries (the package), so that
what only asks whether a dictionary is there (store.words' lexicon) stands on nothing else.
"""

from __future__ import annotations

import json
from typing import TypedDict, cast

import sqlite_utils

from glossary.store.common import memoized

COLLECTION = "cc-cedict"  # the value of a dictionary result's `collection`


def entry_path(dictionary_id: int) -> str:
    """The path of a dictionary entry's page."""
    return f"/dictionary/{dictionary_id}"


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
