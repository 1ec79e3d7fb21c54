"""The words the glossary and the dictionary use, and how many entries use each: the lexicon
a search that finds nothing draws its "did you mean" from."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from glossary.store.common import Database, memoized
from glossary.store.dictionary import dictionary_info
from glossary.text import spelling

# A glossary word counts as this many dictionary entries: its own names come first.
GLOSSARY_WEIGHT = 100


def lexicon(db: sqlite_utils.Database) -> spelling.Lexicon:
    """Return the lexicon of the glossary's names and the dictionary's definitions, built once
    per change of the data (the dictionary's words once per dictionary loaded)."""
    return memoized(db, "lexicon", lambda: _lexicon(db))


def _lexicon(db: sqlite_utils.Database) -> spelling.Lexicon:
    glossary = db.execute("SELECT term, doc FROM entry_fts_terms WHERE col = 'names'").fetchall()
    return spelling.Lexicon.of(
        [*((term, GLOSSARY_WEIGHT * count) for term, count in glossary), *_dictionary_words(db)]
    )


def _dictionary_words(db: sqlite_utils.Database) -> list[tuple[str, int]]:
    """The dictionary's definitions' words and their entries, read from its full-text index
    (about half a second for CC-CEDICT): kept until another dictionary is loaded, not just
    until the next edit of the glossary."""
    info = dictionary_info(db)
    if info is None:
        return []
    if not isinstance(db, Database):
        return _read_dictionary_words(db)
    edition = json.dumps(info, sort_keys=True)
    kept = db.memo.get("dictionary_words")
    if kept is not None and kept[0] == (db.serial, edition):
        words: list[tuple[str, int]] = kept[1]
        return words
    words = _read_dictionary_words(db)
    db.memo["dictionary_words"] = ((db.serial, edition), words)  # type: ignore[assignment]
    return words


def _read_dictionary_words(db: sqlite_utils.Database) -> list[tuple[str, int]]:
    # fts5vocab reads the index's terms with their entries; in temp, so the file is unchanged.
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.dictionary_words"
        " USING fts5vocab(main, 'dictionary_fts', 'row')"
    )
    rows: list[Any] = db.execute(
        "SELECT term, doc FROM temp.dictionary_words"
        " WHERE length(term) >= ? AND term NOT GLOB '*[^a-z]*'",
        [spelling.SHORTEST],
    ).fetchall()
    return [(term, count) for term, count in rows]
