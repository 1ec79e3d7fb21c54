"""Finding entries: browsing by kind or tag, and ranked search over the search keys."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from glossary.store.common import (
    MAX,
    ORDER_WITHIN_BAND,
    SUMMARY_COLUMNS,
    Database,
    memoized,
    records,
    summaries,
)
from glossary.text import keys

# A glossary with more search keys than this is searched without its vocabulary in memory
# (about 100 bytes a key), every lookup asked of SQLite.
VOCABULARY_KEYS = 100_000
ASCII_WORD = re.compile(r"[a-z0-9]+")  # a word FTS5's unicode61 reads as one term, as it is

FILTER = """e.deleted IS NULL AND (? IS NULL OR e.kind = ?)
    AND (? IS NULL OR EXISTS (SELECT 1 FROM json_each(e.tags) WHERE json_each.value = ?))
    AND (NOT ? OR e.verified)"""


def _filter_params(kind: str | None, tag: str | None, verified: bool) -> list[Any]:
    return [kind, kind, tag, tag, int(verified)]


def browse(
    db: sqlite_utils.Database,
    kind: str | None,
    tag: str | None,
    limit: int,
    offset: int,
    *,
    verified: bool = False,
) -> tuple[int, list[dict[str, Any]]]:
    """Return the total and one page of entries, optionally of a kind or tag or verified only,
    in English order."""
    # Counted on their own, as find's are: a window's count kept every summary to sort them.
    rows = list(
        db.query(
            f"""WITH found AS MATERIALIZED (SELECT e.id FROM entry e WHERE {FILTER})
                SELECT {SUMMARY_COLUMNS}, e.verified, (SELECT count(*) FROM found) AS total
                FROM found h JOIN entry e ON e.id = h.id
                ORDER BY e.english COLLATE NOCASE, e.id LIMIT ? OFFSET ?""",
            [*_filter_params(kind, tag, verified), limit, offset],
        )
    )
    if not rows and offset:
        return browse(db, kind, tag, 1, 0, verified=verified)[0], []
    return (rows[0]["total"] if rows else 0), summaries(rows)


@dataclass(frozen=True)
class Vocabulary:
    """The glossary's search keys, the characters of its Chinese keys and its full-text terms
    by column, all read once per change of the data: a lookup none of them can answer is
    left out of a search. Most searches find nothing in the glossary, and its statement of
    ten lookups and two full-text matches cost about a third of such a search."""

    keys: list[str]  # "type\x1fkey", sorted
    characters: frozenset[str]
    terms: dict[str, list[str]]  # column: its terms, sorted

    def has_key(self, key_type: str, key: str, match: str) -> bool:
        """Tell whether some key is the key (exact), longer and starts with it (prefix), or
        either (inner)."""
        probe = f"{key_type}\x1f{key}"
        at = (bisect_right if match == "prefix" else bisect_left)(self.keys, probe)
        if at == len(self.keys):
            return False
        return self.keys[at] == probe if match == "exact" else self.keys[at].startswith(probe)

    def may_match(self, column: str, words: list[str]) -> bool:
        """Tell whether a column's terms may hold every word, the last as a prefix. Only
        ASCII words are told apart: FTS5 may read other words as other terms."""
        if not all(ASCII_WORD.fullmatch(word) for word in words):
            return True
        terms = self.terms.get(column, [])
        for index, word in enumerate(words):
            at = bisect_left(terms, word)
            if at == len(terms):
                return False
            last = index == len(words) - 1
            if not (terms[at].startswith(word) if last else terms[at] == word):
                return False
        return True


def vocabulary(db: sqlite_utils.Database) -> Vocabulary | None:
    """Return the glossary's vocabulary, read once per change of the data; None when it is
    too large to keep, or the connection cannot tell when the data changes."""
    if not isinstance(db, Database):
        return None
    return memoized(db, "glossary_vocabulary", lambda: _vocabulary(db))


def _vocabulary(db: sqlite_utils.Database) -> Vocabulary | None:
    if db.execute("SELECT count(*) FROM search_key").fetchone()[0] > VOCABULARY_KEYS:
        return None
    pairs = db.execute("SELECT type, key FROM search_key").fetchall()
    terms: dict[str, list[str]] = {}
    for term, column in db.execute("SELECT term, col FROM entry_fts_terms ORDER BY term"):
        terms.setdefault(column, []).append(term)
    return Vocabulary(
        keys=sorted({f"{key_type}\x1f{key}" for key_type, key in pairs}),
        characters=frozenset("".join(key for key_type, key in pairs if key_type == "hanzi")),
        terms=terms,
    )


def key_branches(query: keys.Query, known: Vocabulary | None) -> tuple[list[str], list[Any]]:
    """Return the SELECTs (id, band, field, form) of the exact, prefix and later-word lookups of
    a query in the glossary's keys, and their parameters: those its vocabulary (when known)
    says may find something."""
    branches: list[str] = []
    params: list[Any] = []
    for match, band, condition, pairs in (
        ("exact", keys.EXACT, "key = ?", query.exact),
        ("prefix", keys.PREFIX, "key > ? AND key < ?", query.prefix),
        ("inner", keys.WORDS, "key >= ? AND key < ?", query.inner),
        # A name as another system writes it, whole or begun: after the exact matches.
        ("inner", keys.PREFIX, "key >= ? AND key < ?", [("sys", k) for k in query.systems]),
    ):
        for key_type, key in pairs:
            if known is None or known.has_key(key_type, key, match):
                branches.append(
                    f"SELECT entry_id, {band}, field, form FROM search_key"
                    f" WHERE type = ? AND {condition}"
                )
                params += [key_type, key] if match == "exact" else [key_type, key, key + MAX]
    return branches, params


def find(
    db: sqlite_utils.Database,
    query: keys.Query,
    kind: str | None,
    tag: str | None,
    limit: int,
    offset: int,
    *,
    verified: bool = False,
) -> tuple[int, list[dict[str, Any]]]:
    """Return the total and one page of the entries matching a parsed query, best first."""
    known = vocabulary(db)
    branches, params = key_branches(query, known)
    if query.words and (known is None or known.may_match("names", query.terms)):
        # One row an entry, its first English or pinyin key (the form shown as matched),
        # not every such key: a short prefix matches most entries, each with a dozen keys.
        # CROSS JOIN: match the words once, not once for every entry.
        branches.append(
            f"""SELECT k.entry_id, {keys.WORDS}, k.field, k.form
                FROM entry_fts CROSS JOIN search_key k ON k.rowid = (
                    SELECT rowid FROM search_key WHERE entry_id = entry_fts.rowid
                    AND type IN ('text', 'py') ORDER BY rowid LIMIT 1)
                WHERE entry_fts MATCH ?"""
        )
        params.append("{names} : (" + query.words + ")")
    for substring in query.substrings:
        if known is not None and not known.characters.issuperset(substring):
            continue
        characters = list(dict.fromkeys(substring))[:4]
        candidates = " INTERSECT ".join(
            ["SELECT entry_id FROM entry_char WHERE ch = ?"] * len(characters)
        )
        branches.append(
            f"""SELECT entry_id, {keys.SUBSTRING}, field, form FROM search_key
                WHERE type = 'hanzi' AND entry_id IN ({candidates}) AND instr(key, ?) > 0"""
        )
        params += [*characters, substring]
    if query.initials and (known is None or known.has_key("ini", query.initials, "exact")):
        branches.append(
            f"""SELECT entry_id, {keys.INITIALS}, field, form FROM search_key
                WHERE type = 'ini' AND key = ?"""
        )
        params.append(query.initials)
    if query.words and (known is None or known.may_match("description", query.terms)):
        branches.append(
            # The description itself is read from the entry, for the page's rows only:
            # reading it here read every matching row's text from the full-text index.
            f"""SELECT rowid, {keys.DESCRIPTION}, 'description', NULL
                FROM entry_fts WHERE entry_fts MATCH ?"""
        )
        params.append("{description} : (" + query.words + ")")
    if not branches:
        return 0, []
    # The entries found are kept (MATERIALIZED) and counted on their own. A window's
    # count(*) OVER () kept every entry's summary, descriptions and all, to sort them: for
    # 'a', which finds most of the glossary, that was a third of its statement.
    sql = f"""
        WITH hits (entry_id, band, field, form) AS ({" UNION ALL ".join(branches)}),
        best AS (SELECT entry_id, min(band) AS band, field, form FROM hits GROUP BY entry_id),
        found AS MATERIALIZED (
            SELECT h.* FROM best h JOIN entry e ON e.id = h.entry_id WHERE {FILTER})
        SELECT {SUMMARY_COLUMNS}, e.verified, h.band, h.field AS matched_field,
               coalesce(h.form, e.description) AS matched_form,
               (SELECT count(*) FROM found) AS total
        FROM found h JOIN entry e ON e.id = h.entry_id
        ORDER BY h.band, {ORDER_WITHIN_BAND}
        LIMIT ? OFFSET ?"""
    rows = records(db, sql, [*params, *_filter_params(kind, tag, verified), limit, offset])
    if not rows and offset:
        return find(db, query, kind, tag, 1, 0, verified=verified)[0], []
    return (rows[0]["total"] if rows else 0), summaries(rows)


def system_forms(db: sqlite_utils.Database, entry_id: int) -> dict[str, str]:
    """Return an entry's name as each romanization system indexed writes it:
    {"wade_giles": "Hsieh Feng", "hong_kong": "Tse Fung", …}."""
    rows = db.execute(
        "SELECT field, form FROM search_key WHERE entry_id = ? AND type = 'sys'", [entry_id]
    ).fetchall()
    return dict(rows)
