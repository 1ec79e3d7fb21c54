"""The words the glossary and the dictionary use, and how many entries use each: the lexicon
a search that finds nothing draws its "did you mean" from."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from glossary.store.common import Database, memoized
from glossary.store.dictionary.edition import dictionary_info
from glossary.text import spelling

# A glossary word counts as this many dictionary entries: its own names come first.
GLOSSARY_WEIGHT = 100


def lexicon(db: sqlite_utils.Database) -> spelling.Lexicon:
    """Return the lexicon of the glossary's names over the dictionary's definitions: the
    glossary's words read once per change of the data, the dictionary's once per dictionary
    loaded."""
    return memoized(db, "lexicon", lambda: _lexicon(db))


def _lexicon(db: sqlite_utils.Database) -> spelling.Lexicon:
    glossary = db.execute("SELECT term, doc FROM entry_fts_terms WHERE col = 'names'").fetchall()
    return spelling.Lexicon.of(
        ((term, GLOSSARY_WEIGHT * count) for term, count in glossary), base=_dictionary(db)
    )


def _dictionary(db: sqlite_utils.Database) -> spelling.Lexicon | None:
    """The dictionary's definitions' words, kept until another dictionary is loaded (not
    just until the next edit of the glossary): reading them from its full-text index takes
    about half a second for CC-CEDICT."""
    info = dictionary_info(db)
    if info is None:
        return None
    if not isinstance(db, Database):
        return spelling.Lexicon.of(_dictionary_words(db))
    edition = (db.serial, json.dumps(info, sort_keys=True))
    kept = db.memo.get("dictionary_lexicon")
    if kept is not None and kept[0] == edition:
        found: spelling.Lexicon = kept[1]
        return found
    found = spelling.Lexicon.of(_dictionary_words(db))
    db.memo["dictionary_lexicon"] = (edition, found)  # type: ignore[assignment]
    return found


def _dictionary_words(db: sqlite_utils.Database) -> list[tuple[str, int]]:
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
