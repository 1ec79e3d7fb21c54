"""Searching the base dictionary at scale: lookups that read rows in rank order and stop early.

The dictionary ranks as the glossary does, band by band (exact, prefix, words, substring); within
a band by the matched form's length (formlen, at most 255), then the key, then the entry's
simplified length (simplen), then its id. Every lookup (a branch) returns its rows in that order
straight from an index, so a page of 20 is read, not 40,000 matches sorted: an exact key from
the primary key; a prefix from the primary key and a sort when it matches a few hundred entries,
else shortest form first from dictionary_key_length; definitions' words from the full-text index
in id order, which is their rank order (ids are numbered so); characters from dictionary_char.
The branches of a band are merged, an entry counting once, at its best band and rank.

Counting stops at CAP: a search that finds more says it found at least that many.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from glossary import keys

CAP = 1000  # entries counted at most; a total past it is a lower bound
SMALL = 100  # a prefix with at most this many rows (or twice a page's) is read whole and sorted
RARE = 200  # a character in fewer entries than this is rare enough to lead a search
MAX = "\U0010ffff"
LONGEST = 255  # lengths above this rank as equal (formlen, and the order of ids)
LENGTHS = ", ".join(str(length) for length in range(1, LONGEST + 1))
KEY_TYPES = ("text", "hanzi", "py", "pyn", "pyw", "pynw")  # those the dictionary stores
KEY_COLUMNS = "formlen, key, simplen, dictionary_id, field, form"
ORDER = "ORDER BY formlen, key, simplen, dictionary_id"

Row = tuple[int, str, int, int, str, str]  # formlen, key, simplen, id, field, form: rank order


class Found(NamedTuple):
    """How many entries a search found (at most CAP, and whether there are more), and a page."""

    total: int
    entries: list[dict[str, Any]]
    more: bool = False  # the total is a lower bound: more than CAP entries match


@dataclass
class Branch:
    """One lookup of a query: its band, SQL for its distinct ids and for its rows in rank order."""

    band: int
    ids_sql: str
    rows_sql: str
    params: list[Any]
    rows_params: list[Any] | None = None  # when not params
    counted: bool = True  # False: its ids are among another branch's, no need to count them
    distinct: bool = False  # each of its rows is another entry: counting rows counts entries
    large_rows_sql: str | None = None  # for a prefix matching more than SMALL entries

    def ids(self, conn: sqlite3.Connection, most: int) -> set[str]:
        """Return the ids this branch finds (as text), stopping once it has `most` of them."""
        # An entry may match by several rows: read rows in chunks until there are enough ids.
        # group_concat hands them over in one string, twice as fast as a row each.
        sql = f"SELECT group_concat(id), count(*) FROM ({self.ids_sql} LIMIT ? OFFSET ?)"
        found: set[str] = set()
        offset = 0
        while len(found) < most:
            chunk = most - len(found)
            text, rows = conn.execute(sql, [*self.params, chunk, offset]).fetchone()
            if text:
                found.update(text.split(","))
            if rows < chunk:
                break
            offset += rows
        return found

    def size(self, conn: sqlite3.Connection, most: int) -> int:
        """Count this branch's rows, up to `most` (a cheap guide to how it should be read)."""
        sql = f"SELECT count(*) FROM ({self.ids_sql} LIMIT ?)"
        return int(conn.execute(sql, [*self.params, most]).fetchone()[0])

    def rows(self, conn: sqlite3.Connection, large: bool) -> sqlite3.Cursor:
        """Return a cursor over this branch's rows in rank order."""
        if large and self.large_rows_sql is not None:
            return conn.execute(self.large_rows_sql, self.params)
        return conn.execute(
            self.rows_sql, self.params if self.rows_params is None else self.rows_params
        )


def key_branch(band: int, key_type: str, key: str, match: str) -> Branch:
    """A lookup in dictionary_key: the key itself (exact), longer keys (prefix), or both."""
    if match == "exact":
        where, params = "type = ? AND key = ?", [key_type, key]
    else:
        low = ">" if match == "prefix" else ">="
        where, params = f"type = ? AND key {low} ? AND key < ?", [key_type, key, key + MAX]
    branch = Branch(
        band,
        f"SELECT dictionary_id AS id FROM dictionary_key WHERE {where}",
        f"SELECT {KEY_COLUMNS} FROM dictionary_key WHERE {where} {ORDER}",
        params,
    )
    if match != "exact":
        branch.large_rows_sql = f"""SELECT {KEY_COLUMNS}
            FROM dictionary_key INDEXED BY dictionary_key_length
            WHERE type = ? AND formlen IN ({LENGTHS}) AND key {low} ? AND key < ? {ORDER}"""
    return branch


def words_branch(words: str) -> Branch:
    """A lookup of words in the definitions' full-text index, read in id (rank) order."""
    return Branch(
        keys.WORDS,
        "SELECT rowid AS id FROM dictionary_fts WHERE dictionary_fts MATCH ?",
        f"""SELECT min(length(d.english), {LONGEST}), '', length(d.simplified), d.id,
                   'definition', d.english
            FROM dictionary_fts f JOIN dictionary d ON d.id = f.rowid
            WHERE dictionary_fts MATCH ? ORDER BY f.rowid""",
        [words],
        distinct=True,
    )


def substring_branch(conn: sqlite3.Connection, substring: str) -> Branch | None:
    """A lookup of Chinese characters anywhere in the forms: the entries with the rarest of the
    characters (dictionary_char, in rank order) whose forms hold the whole string; None when a
    character is in no entry."""
    characters = list(dict.fromkeys(substring))
    # How many entries hold each character, counted up to RARE: the rarest one leads.
    counts = conn.execute(
        " UNION ALL ".join(
            [f"SELECT count(*) FROM (SELECT 1 FROM dictionary_char WHERE ch = ? LIMIT {RARE})"]
            * len(characters)
        ),
        characters,
    ).fetchall()
    if not all(count for (count,) in counts):
        return None
    rarest = characters[counts.index(min(counts))]
    where, params = "ch = ?", [rarest]
    if len(characters) > 1:  # one character: every entry listed under it holds it
        where += " AND (instr(simplified, ?) > 0 OR instr(traditional, ?) > 0)"
        params += [substring, substring]
    return Branch(
        keys.SUBSTRING,
        f"SELECT dictionary_id AS id FROM dictionary_char WHERE {where}",
        f"""SELECT simplen, '', simplen, dictionary_id,
                iif(instr(simplified, ?) > 0, 'simplified', 'traditional'),
                iif(instr(simplified, ?) > 0, simplified, traditional)
            FROM dictionary_char WHERE {where} ORDER BY simplen, dictionary_id""",
        params,
        rows_params=[substring, substring, *params],
        distinct=len(characters) == 1,
    )


def branches(conn: sqlite3.Connection, query: keys.Query) -> list[Branch]:
    """Return the lookups of a parsed query in the dictionary, best band first."""
    found = [
        key_branch(band, key_type, key, match)
        for band, match, pairs in (
            (keys.EXACT, "exact", query.exact),
            (keys.PREFIX, "prefix", query.prefix),
            (keys.WORDS, "inner", query.inner),
        )
        for key_type, key in pairs
        if key_type in KEY_TYPES
    ]
    if query.words:
        found.append(words_branch(query.words))
    for substring in query.substrings:
        if branch := substring_branch(conn, substring):
            found.append(branch)
    for branch in found:
        # An entry whose form starts with a character holds it: with a lookup of that
        # character among the branches, the exact and prefix lookups add no entry to count.
        key = branch.params[1] if branch.params[:1] == ["hanzi"] else ""
        if len(key) == 1 and key in query.substrings:
            branch.counted = False
    return found


def find_ranked(conn: sqlite3.Connection, query: keys.Query, limit: int, offset: int) -> Found:
    """Return how many dictionary entries match a parsed query (counting stops past CAP) and
    the page of them at offset, best first; a limit of 0 counts them only."""
    lookups = branches(conn, query)
    found: set[str] = set()
    sizes: list[int] = []
    more = False
    for branch in lookups:
        if not branch.counted:
            sizes.append(branch.size(conn, SMALL + 1))
        elif branch.distinct and (size := branch.size(conn, CAP + 1)) > CAP:
            sizes.append(size)  # more than CAP entries: no need for their ids
            more = True
        else:
            ids = branch.ids(conn, CAP + 1)
            sizes.append(len(ids))
            found |= ids
            more = len(found) > CAP
        if more:
            break
    total = CAP if more else len(found)
    need = offset + limit
    if limit == 0 or (offset >= total and not more):
        return Found(total, [], more)
    sizes += [CAP + 1] * (len(lookups) - len(sizes))  # not counted: as large as can be
    ranked = _ranked(conn, lookups, sizes, need)
    page = ranked[offset:need]
    return Found(total, _entries(conn, page), more)


def _ranked(
    conn: sqlite3.Connection, lookups: list[Branch], sizes: list[int], need: int
) -> list[tuple[int, Row]]:
    """Merge the branches band by band, each entry once (at its first row), until need rows."""
    cursors: list[sqlite3.Cursor] = []
    ranked: list[tuple[int, Row]] = []
    seen: set[int] = set()
    try:
        for band in sorted({b.band for b in lookups}):
            streams: list[Iterator[Row]] = []
            for branch, size in zip(lookups, sizes, strict=True):
                if branch.band == band and size:
                    cursors.append(branch.rows(conn, large=size > max(SMALL, 2 * need)))
                    streams.append(cursors[-1])
            for row in heapq.merge(*streams):
                if row[3] not in seen:
                    seen.add(row[3])
                    ranked.append((band, row))
                    if len(ranked) >= need:
                        return ranked
        return ranked
    finally:
        for cursor in cursors:  # an unfinished statement would hold its read transaction
            cursor.close()


def _entries(conn: sqlite3.Connection, page: list[tuple[int, Row]]) -> list[dict[str, Any]]:
    """Read the entries of a page of ranked rows, with the band, field and form each matched."""
    if not page:
        return []
    ids = [row[3] for _, row in page]
    placeholders = ", ".join("?" * len(ids))
    columns = {
        row[0]: row
        for row in conn.execute(
            "SELECT id, simplified, traditional, pinyin, english FROM dictionary"
            f" WHERE id IN ({placeholders})",
            ids,
        )
    }
    entries = []
    for band, row in page:
        entry_id, simplified, traditional, pinyin, english = columns[row[3]]
        entries.append(
            {
                "id": entry_id,
                "simplified": simplified,
                "traditional": traditional,
                "pinyin": pinyin,
                "english": english,
                "band": band,
                "matched_field": row[4],
                "matched_form": row[5],
            }
        )
    return entries
