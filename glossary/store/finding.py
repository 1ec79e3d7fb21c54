"""Finding entries: browsing by kind or tag, and ranked search over the search keys."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from glossary import keys
from glossary.store.common import ORDER_WITHIN_BAND, SUMMARY_COLUMNS, records, summaries

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
    rows = list(
        db.query(
            f"""SELECT {SUMMARY_COLUMNS}, e.verified, count(*) OVER () AS total FROM entry e
                WHERE {FILTER}
                ORDER BY e.english COLLATE NOCASE, e.id LIMIT ? OFFSET ?""",
            [*_filter_params(kind, tag, verified), limit, offset],
        )
    )
    if not rows and offset:
        return browse(db, kind, tag, 1, 0, verified=verified)[0], []
    return (rows[0]["total"] if rows else 0), summaries(rows)


def key_branches(query: keys.Query, table: str, id_column: str) -> tuple[list[str], list[Any]]:
    """Return the SELECTs (id, band, field, form) of the exact, prefix and later-word lookups of
    a query in a key table (search_key, or the dictionary's), and their parameters."""
    branches: list[str] = []
    params: list[Any] = []
    for key_type, key in query.exact:
        branches.append(
            f"SELECT {id_column}, {keys.EXACT} AS band, field, form FROM {table}"
            " WHERE type = ? AND key = ?"
        )
        params += [key_type, key]
    for key_type, key in query.prefix:
        branches.append(
            f"SELECT {id_column}, {keys.PREFIX}, field, form FROM {table}"
            " WHERE type = ? AND key > ? AND key < ?"
        )
        params += [key_type, key, key + "\U0010ffff"]
    for key_type, key in query.inner:
        branches.append(
            f"SELECT {id_column}, {keys.WORDS}, field, form FROM {table}"
            " WHERE type = ? AND key >= ? AND key < ?"
        )
        params += [key_type, key, key + "\U0010ffff"]
    return branches, params


def initials_branch(
    query: keys.Query, table: str, id_column: str, branches: list[str], params: list[Any]
) -> None:
    """Add the lookup of a query's initials (xf) in a key table, if it has any."""
    if query.initials:
        branches.append(
            f"SELECT {id_column}, {keys.INITIALS}, field, form FROM {table}"
            " WHERE type = 'ini' AND key = ?"
        )
        params.append(query.initials)


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
    branches, params = key_branches(query, "search_key", "entry_id")
    if query.words:  # CROSS JOIN: match the words once, not once for every key
        branches.append(
            f"""SELECT k.entry_id, {keys.WORDS}, k.field, k.form
                FROM entry_fts CROSS JOIN search_key k ON k.entry_id = entry_fts.rowid
                WHERE entry_fts MATCH ? AND k.type IN ('text', 'py')"""
        )
        params.append("{names} : (" + query.words + ")")
    for substring in query.substrings:
        characters = list(dict.fromkeys(substring))[:4]
        candidates = " INTERSECT ".join(
            ["SELECT entry_id FROM entry_char WHERE ch = ?"] * len(characters)
        )
        branches.append(
            f"""SELECT entry_id, {keys.SUBSTRING}, field, form FROM search_key
                WHERE type = 'hanzi' AND entry_id IN ({candidates}) AND instr(key, ?) > 0"""
        )
        params += [*characters, substring]
    initials_branch(query, "search_key", "entry_id", branches, params)
    if query.words:
        branches.append(
            # The description itself is read from the entry, for the page's rows only:
            # reading it here read every matching row's text from the full-text index.
            f"""SELECT rowid, {keys.DESCRIPTION}, 'description', NULL
                FROM entry_fts WHERE entry_fts MATCH ?"""
        )
        params.append("{description} : (" + query.words + ")")
    if not branches:
        return 0, []
    sql = f"""
        WITH hits (entry_id, band, field, form) AS ({" UNION ALL ".join(branches)}),
        best AS (SELECT entry_id, min(band) AS band, field, form FROM hits GROUP BY entry_id)
        SELECT {SUMMARY_COLUMNS}, e.verified, h.band, h.field AS matched_field,
               coalesce(h.form, e.description) AS matched_form, count(*) OVER () AS total
        FROM best h JOIN entry e ON e.id = h.entry_id
        WHERE {FILTER}
        ORDER BY h.band, {ORDER_WITHIN_BAND}
        LIMIT ? OFFSET ?"""
    rows = records(db, sql, [*params, *_filter_params(kind, tag, verified), limit, offset])
    if not rows and offset:
        return find(db, query, kind, tag, 1, 0, verified=verified)[0], []
    return (rows[0]["total"] if rows else 0), summaries(rows)
