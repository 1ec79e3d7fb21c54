"""Finding entries: browsing by kind or tag, and ranked search over the search keys."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypedDict

import sqlite_utils

from glossary.model import Hit
from glossary.store import early
from glossary.store.common import (
    ORDER_WITHIN_BAND,
    SUMMARY_COLUMNS,
    Database,
    Found,
    memoized,
    records,
    summaries,
)
from glossary.store.schema import ENTRY_MASK
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
) -> tuple[int, list[Hit]]:
    """Return the total and one page of entries, optionally of a kind or tag or verified only,
    in English order."""
    # The page read in English order from entry_english, stopping at the page; the count,
    # which reads every entry, kept until the data changes (a page of 100,000 entries
    # counted and sorted them all: 200 ms).
    params = _filter_params(kind, tag, verified)

    def counted() -> int:
        return int(db.execute(f"SELECT count(*) FROM entry e WHERE {FILTER}", params).fetchone()[0])

    # Kept by kind and verified only: a tag is anyone's text, and each would be kept.
    total = counted() if tag else memoized(db, f"browse_total {kind} {verified}", counted)
    rows = records(
        db,
        f"""SELECT {SUMMARY_COLUMNS}, e.verified FROM entry e INDEXED BY entry_english
            WHERE {FILTER} ORDER BY e.english COLLATE NOCASE, e.id LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    return int(total), summaries(rows)


def browse_ids(
    db: sqlite_utils.Database, kind: str | None, tag: str | None, *, verified: bool = False
) -> Iterator[int]:
    """The ids of every live entry (of a kind, tag or verified only, if given), in the order
    browsing lists them, read as they are taken: an export's first entries are read at
    once, not after all of them (at 100,000 entries reading them all took 300 ms)."""
    sql = f"""SELECT e.id FROM entry e INDEXED BY entry_english WHERE {FILTER}
              ORDER BY e.english COLLATE NOCASE, e.id"""
    for (entry_id,) in db.execute(sql, _filter_params(kind, tag, verified)):
        yield entry_id


def browsed_among(
    db: sqlite_utils.Database,
    ids: list[int],
    kind: str | None,
    tag: str | None,
    *,
    verified: bool = False,
) -> set[int]:
    """Which of ids browsing (of a kind, tag or verified only, if given) lists."""
    found: set[int] = set()
    params = _filter_params(kind, tag, verified)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        sql = f"SELECT e.id FROM entry e WHERE e.id IN ({', '.join('?' * len(chunk))}) AND {FILTER}"
        found.update(entry_id for (entry_id,) in db.execute(sql, [*chunk, *params]))
    return found


class ExportName(TypedDict):
    """What an entry's key in an export is made from (a StoredEntry has it too)."""

    id: int
    import_key: str | None
    english: str


def export_names(db: sqlite_utils.Database, ids: list[int]) -> list[ExportName]:
    """The id, import key and English of each of ids that exists, in their order: what an
    entry's key in an export is made from."""
    found: dict[int, ExportName] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        sql = (
            f"SELECT id, import_key, english FROM entry WHERE id IN ({', '.join('?' * len(chunk))})"
        )
        for row in db.execute(sql, chunk):
            found[row[0]] = ExportName(id=row[0], import_key=row[1], english=row[2])
    return [found[entry_id] for entry_id in ids if entry_id in found]


def import_key_owners(db: sqlite_utils.Database, keys: list[str]) -> dict[str, int]:
    """The id of the entry (live or deleted) each of keys is the import key of, where one is."""
    found: dict[str, int] = {}
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        sql = (
            f"SELECT import_key, id FROM entry WHERE import_key IN ({', '.join('?' * len(chunk))})"
        )
        found.update(db.execute(sql, chunk).fetchall())
    return found


def most_sources(db: sqlite_utils.Database, ids: list[int]) -> int:
    """The most sources any of ids has."""
    most = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        sql = f"""SELECT max(n) FROM (SELECT count(*) AS n FROM source
                  WHERE entry_id IN ({", ".join("?" * len(chunk))}) GROUP BY entry_id)"""
        most = max(most, db.execute(sql, chunk).fetchone()[0] or 0)
    return most


def most_sources_browsed(
    db: sqlite_utils.Database, kind: str | None, tag: str | None, *, verified: bool = False
) -> int:
    """The most sources a live entry (of a kind, tag or verified only, if given) has, or 1
    when none has more than one (whether or not one has any): what a CSV's header needs.

    Only the entries with a source past the first are counted (a source's position is its
    place among its entry's, from 0): the index of sources is read alone, not joined with
    every entry (at 100,000 entries, 4 ms against 50)."""
    sql = "SELECT DISTINCT entry_id FROM source WHERE position >= 1"
    several = [entry_id for (entry_id,) in db.execute(sql)]
    return max(
        1, most_sources(db, sorted(browsed_among(db, several, kind, tag, verified=verified)))
    )


CHUNK = 500  # ids or keys a statement reads at once (SQLite's bound on parameters is higher)


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
    for _match, band, key_type, condition, key_params in early.key_matches(query, known):
        branches.append(
            f"SELECT entry_id, {band}, field, form FROM search_key WHERE type = ? AND {condition}"
        )
        params += [key_type, *key_params]
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
) -> tuple[int, list[Hit]]:
    """Return the total (at most CAP) and one page of the entries matching a parsed query."""
    found = find_page(db, query, kind, tag, limit, offset, verified=verified)
    return found.total, found.entries


def find_page(
    db: sqlite_utils.Database,
    query: keys.Query,
    kind: str | None,
    tag: str | None,
    limit: int,
    offset: int,
    *,
    verified: bool = False,
) -> Found:
    """Return how many entries match a parsed query (counting stops past CAP: `more` says
    there are more), and one page of them, best first. A search not filtered by kind, tag or
    verified (most are) reads its lookups in rank order and stops when the page is full
    (store.early); a filtered one ranks every entry the filter leaves."""
    known = vocabulary(db)
    if not (kind or tag or verified):
        return early.find(db.conn, query, known, limit, offset)
    total, entries = _filtered(db, query, known, kind, tag, limit, offset, verified)
    return Found(total, entries)


def finds(
    db: sqlite_utils.Database,
    query: keys.Query,
    kind: str | None,
    tag: str | None,
    *,
    verified: bool = False,
) -> bool:
    """Tell whether a parsed query finds a live entry (of a kind or tag or verified only, if
    given): "did you mean" asks it of each correction, and needs no count and no ranking."""
    known = vocabulary(db)
    if not (kind or tag or verified):
        return early.exists(db.conn, early.lookups(db.conn, query, known))
    return bool(_filtered(db, query, known, kind, tag, 1, 0, verified)[0])


def _branches(query: keys.Query, known: Vocabulary | None) -> tuple[list[str], list[Any]]:
    """Every lookup of a query as a SELECT (entry_id, band, field, form), and its parameters."""
    branches, params = key_branches(query, known)
    if query.words and (known is None or known.may_match("names", query.terms)):
        # One row an entry, its first English or pinyin key (the form shown as matched),
        # not every such key: a short prefix matches most entries, each with a dozen keys.
        # CROSS JOIN: match the words once, not once for every entry.
        branches.append(
            f"""SELECT k.entry_id, {keys.WORDS}, k.field, k.form
                FROM entry_fts CROSS JOIN search_key k
                ON k.rowid = {early.first_key(f"entry_fts.rowid & {ENTRY_MASK}")}
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
            f"""SELECT entry_id, {keys.SUBSTRING}, field, form
                FROM search_key INDEXED BY search_key_entry
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
            f"""SELECT rowid & {ENTRY_MASK}, {keys.DESCRIPTION}, 'description', NULL
                FROM entry_fts WHERE entry_fts MATCH ?"""
        )
        params.append("{description} : (" + query.words + ")")
    return branches, params


def matches(db: sqlite_utils.Database, query: keys.Query) -> list[tuple[Any, ...]]:
    """Every row by which a live entry matches a query, unranked: (entry id, band, form as
    matched, status, verified, English). What ranking must agree with (tests compare)."""
    branches, params = _branches(query, None)
    if not branches:
        return []
    return db.execute(
        f"""WITH hits (entry_id, band, field, form) AS ({" UNION ALL ".join(branches)})
            SELECT h.entry_id, h.band, coalesce(h.form, e.description), e.status, e.verified,
                   e.english
            FROM hits h JOIN entry e ON e.id = h.entry_id
            WHERE e.deleted IS NULL""",
        params,
    ).fetchall()


def _filtered(
    db: sqlite_utils.Database,
    query: keys.Query,
    known: Vocabulary | None,
    kind: str | None,
    tag: str | None,
    limit: int,
    offset: int,
    verified: bool,
) -> tuple[int, list[Hit]]:
    """The total and one page of the entries of a kind, tag or verified matching a query."""
    branches, params = _branches(query, known)
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
        return _filtered(db, query, known, kind, tag, 1, 0, verified)[0], []
    return (rows[0]["total"] if rows else 0), summaries(rows)


def system_forms(db: sqlite_utils.Database, entry_id: int) -> dict[str, str]:
    """Return an entry's name as each romanization system indexed writes it:
    {"wade_giles": "Hsieh Feng", "hong_kong": "Tse Fung", …}."""
    rows = db.execute(
        "SELECT field, form FROM search_key WHERE entry_id = ? AND type = 'sys'", [entry_id]
    ).fetchall()
    return dict(rows)
