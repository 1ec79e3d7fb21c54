"""Searching the glossary at scale: its lookups read in rank order, stopping when a page is full.

The glossary ranks band by band (exact, prefix, words, substring, initials, description); within
a band by the entry's standing (preferred before deprecated, verified before not), then the
matched form's length, then its English without case, then its id. An entry counts once, at its
best row. Each search key carries that rank (search_key.standing, formlen, fold: the standing
and the fold are kept by a trigger when the entry changes), so a lookup reads its rows already
in rank order: a lookup of a few rows from search_key_key, sorted; one of many from
search_key_head, which holds the keys of a type in rank order within each first character,
filtered as it is read (a lookup of many rows finds a page's worth within a few rows of each).
Chinese anywhere in a form is read from search_char, each character's keys in rank order: the
keys of the query's rarest character, filtered by the whole string. The lookups of a band are
merged until the page is full, so a page of 20 costs about 20 rows whatever the query finds.
Words of the names are read from the full-text index in rowid order, which is their rank order
but for entries alike in all but their English past its first three bytes (store.schema numbers
the rows so): each run of such entries is sorted as it is read, and reading stops at the page.
A match of several words is read once, up to CAP + 1 rows (FTS5 reads every word's doclist
whatever the LIMIT): the count reads the entries kept from it, the page their first keys.
Descriptions are ranked by SQLite with the page's limit, and read only when the bands before
them leave the page short. Counting stops past CAP, as the dictionary's
does: a search that finds more says it found at least that many (total_is_lower_bound).
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from glossary.model import Hit
from glossary.store.common import CAP, MAX, SUMMARY_COLUMNS, Found, summary
from glossary.store.schema import ENTRY_BITS, ENTRY_MASK, LIVE_WORDS
from glossary.text import keys

# A key lookup of at most this many rows is read from search_key_key and sorted; one of more
# is read from search_key_head in rank order, filtered: the rows read before a page is full
# are about (page / rows found) × keys of the type sharing its first character (up to 20,000
# at 100,000 entries), and sorting costs each row found a few µs: they cost alike near 100.
SORTED_MOST = 100
# A substring's characters are told apart as rare or common by their keys, counted up to this.
RAREST_MOST = 1000
LIVE = 4  # standing below this: the entry is not deleted (the trigger adds 4 when it is)
# The rank of a key's row, as search_key stores it.
# Rows of equal rank (one entry's forms of one length) are told apart by the key's rowid: the
# order the entry's keys were derived in (its English before its aliases).
ROW = "standing, formlen, fold, entry_id, rowid, field, form"

Row = tuple[int, int, str, int, int, str, str | None]  # the rank, the key's rowid, field, form


@dataclass
class Lookup:
    """One lookup of a query: its band, the ids it finds (for counting), and how its rows are
    read in rank order."""

    band: int
    ids: str  # SELECT … AS id: the live entries it finds, an entry possibly more than once
    params: list[Any]
    sorted_rows: str  # its rows, ranked by SQLite
    sorted_params: list[Any]
    scanned_rows: str | None = None  # its rows in rank order from search_key_head, filtered
    scanned_params: list[Any] = field(default_factory=list)
    per_entry: bool = False  # one row an entry: the sorted statement may be limited
    ordered: bool = False  # the sorted statement reads its rows in rank order: no sort
    # The sorted statement reads its rows in runs (its first column) in rank order, and
    # orders itself: each run is sorted as it is read.
    runs: bool = False
    keyed: bool = False  # a lookup of keys: sized with the search's others (sized)
    size: int | None = None  # its rows, counted up to SORTED_MOST + 1, once sized
    match: str | None = None  # a full-text lookup's MATCH, when it is read once (keep)
    # A words lookup's full-text rowids, in rank order, once kept: its rows are its entries'
    # first keys, read a few at a time (kept_rows).
    rowids: list[int] | None = None

    def rows(self, conn: sqlite3.Connection, most: int, stream: int) -> Iterator[tuple[Any, ...]]:
        """Its rows in rank order (a cursor, or the kept rowids' rows); most: how many entries
        may be wanted."""
        if self.rowids is not None:
            return kept_rows(conn, self.rowids)
        # A key lookup is sized (sized) before it is read: one of many rows is scanned.
        if self.scanned_rows is not None and (self.size or 0) > SORTED_MOST:
            return conn.execute(f"{self.scanned_rows} -- {stream}", self.scanned_params)
        if self.runs:
            return conn.execute(f"{self.sorted_rows} -- {stream}", self.sorted_params)
        # Rows of equal rank (the first four columns) may come in any order: the merge
        # picks among them.
        sql = f"{self.sorted_rows} ORDER BY 1, 2, 3, 4" + ("" if self.ordered else ", 5")
        if self.per_entry:
            sql += f" LIMIT {most}"
        return conn.execute(f"{sql} -- {stream}", self.sorted_params)


def key_lookup(
    band: int, key_type: str, condition: str, params: list[Any], *, scanned: bool = True
) -> Lookup:
    """A lookup in search_key of one type by a condition on its key; scanned: it may find
    many rows (a range of keys), read in rank order when it does."""
    where = f"type = ? AND {condition} AND standing < {LIVE}"
    # +key: the key is only a filter there. A key = ? would be propagated into substr(key, 1, 1),
    # which then no longer names the index's column, and every key of the type were sorted.
    scan = f"type = ? AND {condition.replace('key', '+key')} AND standing < {LIVE}"
    return Lookup(
        band,
        f"SELECT entry_id AS id FROM search_key INDEXED BY search_key_key WHERE {where}",
        [key_type, *params],
        f"SELECT {ROW} FROM search_key INDEXED BY search_key_key WHERE {where}",
        [key_type, *params],
        f"""SELECT {ROW} FROM search_key INDEXED BY search_key_head
            WHERE {scan} AND substr(key, 1, 1) = ? ORDER BY standing, formlen, fold, entry_id"""
        if scanned
        else None,
        [key_type, *params, params[0][:1]],
        keyed=True,
    )


def key_matches(query: keys.Query, known: Any) -> Iterator[tuple[str, int, str, str, list[Any]]]:
    """Each lookup of a query's keys (exact, prefix, later word, a name as another system
    writes it), best band first, that its vocabulary (when it is kept) says may find
    something: (match, band, key type, condition on key, the condition's parameters)."""
    for match, band, condition, pairs in (
        ("exact", keys.EXACT, "key = ?", query.exact),
        ("prefix", keys.PREFIX, "key > ? AND key < ?", query.prefix),
        ("inner", keys.WORDS, "key >= ? AND key < ?", query.inner),
        # A name as another system writes it, whole or begun: after the exact matches.
        ("inner", keys.PREFIX, "key >= ? AND key < ?", [("sys", k) for k in query.systems]),
    ):
        for key_type, key in pairs:
            if known is None or known.has_key(key_type, key, match):
                params = [key] if match == "exact" else [key, key + MAX]
                yield match, band, key_type, condition, params


def lookups(conn: sqlite3.Connection, query: keys.Query, known: Any) -> list[Lookup]:
    """The lookups of a parsed query in the glossary, best band first: those its vocabulary
    (when it is kept) says may find something."""
    found = [
        key_lookup(band, key_type, condition, params, scanned=match != "exact")
        for match, band, key_type, condition, params in key_matches(query, known)
    ]
    if query.words and (known is None or known.may_match("names", query.terms)):
        found.append(_words(query.words, kept=len(query.terms) > 1))
    for substring in query.substrings:
        if known is None or known.characters.issuperset(substring):
            rarest = _rarest(conn, substring)
            if rarest is not None:
                found.append(_substring(substring, rarest))
    if query.initials and (known is None or known.has_key("ini", query.initials, "exact")):
        found.append(key_lookup(keys.INITIALS, "ini", "key = ?", [query.initials]))
    if query.words and (known is None or known.may_match("description", query.terms)):
        found.append(_description(query.words, kept=len(query.terms) > 1))
    return found


def _words(words: str, *, kept: bool = False) -> Lookup:
    """Words of the names: one row an entry, at its first English or pinyin key, read in rowid
    order (rank order, in runs of entries alike but for the rest of their English); kept:
    matched once for the count and the page (keep)."""
    match = "{names} : (" + words + ")"
    return Lookup(
        keys.WORDS,
        f"""SELECT rowid & {ENTRY_MASK} AS id FROM entry_fts
            WHERE entry_fts MATCH ? AND rowid < {LIVE_WORDS}""",
        [match],
        f"""SELECT f.rowid >> {ENTRY_BITS},
                k.standing, k.formlen, k.fold, k.entry_id, k.rowid, k.field, k.form
            FROM entry_fts f CROSS JOIN search_key k
                ON k.rowid = {first_key(f"f.rowid & {ENTRY_MASK}")}
            WHERE entry_fts MATCH ? AND f.rowid < {LIVE_WORDS} AND k.standing < {LIVE}
            ORDER BY f.rowid""",
        [match],
        runs=True,
        match=match if kept else None,
    )


def _description(words: str, *, kept: bool = False) -> Lookup:
    """Words of the descriptions: one row an entry, the description as its form; kept:
    matched once for the count and the page (keep)."""
    match = "{description} : (" + words + ")"
    return Lookup(
        keys.DESCRIPTION,
        f"""SELECT rowid & {ENTRY_MASK} AS id FROM entry_fts
            WHERE entry_fts MATCH ? AND rowid < {LIVE_WORDS}""",
        [match],
        description_rows(
            f"""entry_fts f JOIN entry e ON e.id = f.rowid & {ENTRY_MASK}
                WHERE entry_fts MATCH ? AND f.rowid < {LIVE_WORDS} AND"""
        ),
        [match],
        per_entry=True,
        match=match if kept else None,
    )


def description_rows(entries: str) -> str:
    """The description lookup's rows of the entries `entries` (a FROM … WHERE … AND) finds.
    The description itself is read for the page's rows only (form NULL here)."""
    standing = "(e.status = 'deprecated') * 2 + (1 - e.verified)"
    return f"""SELECT {standing}, length(e.description), lower(e.english), e.id, 0,
            'description', NULL
        FROM {entries} e.deleted IS NULL"""


def _rarest(conn: sqlite3.Connection, substring: str) -> str | None:
    """The character of a substring (of its first four) that the fewest Chinese keys hold,
    each counted up to RAREST_MOST, read once for the lookup's statements (SQLite would
    count them again for each); None when a character is in no key: nothing holds the
    string."""
    characters = list(dict.fromkeys(substring))[:4]
    if len(characters) == 1 and len(substring) == 1:
        return characters[0]  # one character: nothing to choose; a miss reads no row
    counted = f"SELECT count(*) FROM (SELECT 1 FROM search_char WHERE ch = ? LIMIT {RAREST_MOST})"
    counts = [
        count
        for (count,) in conn.execute(" UNION ALL ".join([counted] * len(characters)), characters)
    ]
    if not all(counts):
        return None
    return characters[counts.index(min(counts))]


def _substring(substring: str, rarest: str) -> Lookup:
    """Chinese characters anywhere in a Chinese form: the keys holding its rarest character,
    read from search_char in rank order, those holding the whole string."""
    where = f"c.ch = ? AND c.standing < {LIVE} AND instr(c.key, ?) > 0"
    return Lookup(
        keys.SUBSTRING,
        f"SELECT c.entry_id AS id FROM search_char c WHERE {where}",
        [rarest, substring],
        f"""SELECT c.standing, c.formlen, c.fold, c.entry_id, k.rowid, k.field, k.form
            FROM search_char c CROSS JOIN search_key k INDEXED BY search_key_key
            ON k.type = 'hanzi' AND k.key = c.key AND k.standing = c.standing
                AND k.entry_id = c.entry_id AND k.formlen = c.formlen
            WHERE {where}""",
        [rarest, substring],
        ordered=True,
    )


def sized(conn: sqlite3.Connection, found: list[Lookup]) -> None:
    """Count the rows of a search's key lookups, each up to SORTED_MOST + 1, in one statement:
    a lookup that finds nothing is then not read, and one that finds many is read in rank
    order without being counted again (a statement each cost about as much as the count)."""
    keyed = [lookup for lookup in found if lookup.keyed]
    if not keyed:
        return
    counts = ", ".join(
        f"(SELECT count(*) FROM ({lookup.ids} LIMIT {SORTED_MOST + 1}))" for lookup in keyed
    )
    sizes = conn.execute(f"SELECT {counts}", [p for lookup in keyed for p in lookup.params])
    for lookup, size in zip(keyed, sizes.fetchone(), strict=True):
        lookup.size = size


def first_key(entry: str) -> str:
    """The rowid of an entry's first English or pinyin key (the form its words match shows),
    of the entry whose id the SQL expression `entry` gives."""
    return f"""(SELECT rowid FROM search_key INDEXED BY search_key_entry
        WHERE entry_id = {entry} AND type IN ('text', 'py') ORDER BY rowid LIMIT 1)"""


# The first keys of a few words-lookup entries, for kept_rows.
KEY_ROWS = f"""SELECT {ROW} FROM search_key k
    WHERE k.rowid IN (SELECT {first_key("j.value")} FROM json_each(?) j) AND k.standing < {LIVE}"""
KEPT_CHUNK = 32  # entries whose first keys kept_rows reads at once: a page and a half


def keep(conn: sqlite3.Connection, lookup: Lookup) -> bool:
    """Match a full-text lookup of several words once, for its count and its page: keep the
    entries it finds, or say it finds more than CAP (its rows are then matched again as the
    page reads them, and the count is known).

    FTS5 reads the whole doclist of each word of a match ("to" in 15,000 entries at 100,000)
    to find the entries holding all of them, whatever LIMIT follows: such a lookup was
    matched for the count, then again for the page. (A match of one word, read in order, stops
    where its reader stops: it is left to the count's statement.)"""
    rowids = [
        rowid
        for (rowid,) in conn.execute(
            f"""SELECT rowid FROM entry_fts WHERE entry_fts MATCH ? AND rowid < {LIVE_WORDS}
                LIMIT {CAP + 1}""",
            [lookup.match],
        )
    ]
    if len(rowids) > CAP:
        return False  # one row an entry: more than CAP entries
    listed = json.dumps([rowid & ENTRY_MASK for rowid in rowids])
    lookup.ids, lookup.params = "SELECT value AS id FROM json_each(?)", [listed]
    if not rowids:
        lookup.size = 0
    elif lookup.runs:
        lookup.rowids = rowids
    else:  # descriptions, ranked by SQLite: the entries it found, not the match again
        lookup.sorted_rows = description_rows("json_each(?) f JOIN entry e ON e.id = f.value WHERE")
        lookup.sorted_params = [listed]
    return True


def kept_rows(conn: sqlite3.Connection, rowids: list[int]) -> Iterator[tuple[Any, ...]]:
    """A words lookup's rows from its kept rowids, as its statement reads them: the run (the
    rowid's rank part), then the entry's first English or pinyin key, a few entries at a time."""
    for start in range(0, len(rowids), KEPT_CHUNK):
        chunk = rowids[start : start + KEPT_CHUNK]
        listed = json.dumps([rowid & ENTRY_MASK for rowid in chunk])
        first = {row[3]: row for row in conn.execute(KEY_ROWS, [listed])}
        for rowid in chunk:
            if (row := first.get(rowid & ENTRY_MASK)) is not None:
                yield (rowid >> ENTRY_BITS, *row)


def count(conn: sqlite3.Connection, found: list[Lookup]) -> tuple[int, bool]:
    """How many live entries the lookups find, counting stops past CAP: (total, more). The
    full-text lookups of several words are matched first, once (keep)."""
    if not all(keep(conn, lookup) for lookup in found if lookup.match is not None):
        return CAP, True
    ids = " UNION ALL ".join(lookup.ids for lookup in found)
    (total,) = conn.execute(
        f"SELECT count(*) FROM (SELECT DISTINCT id FROM ({ids}) LIMIT {CAP + 1})",
        [p for lookup in found for p in lookup.params],
    ).fetchone()
    return (CAP, True) if total > CAP else (total, False)


def exists(conn: sqlite3.Connection, found: list[Lookup]) -> bool:
    """Tell whether the lookups find a live entry: they are read in turn until one finds one."""
    if not found:
        return False
    ids = " UNION ALL ".join(lookup.ids for lookup in found)
    params = [p for lookup in found for p in lookup.params]
    return conn.execute(f"SELECT 1 FROM ({ids}) LIMIT 1", params).fetchone() is not None


def ranked(conn: sqlite3.Connection, found: list[Lookup], need: int) -> list[tuple[int, Row]]:
    """Merge the lookups band by band, each entry once (at its best row), until need rows."""
    cursors: list[Any] = []  # cursors and kept_rows' generators, closed at the end
    page: list[tuple[int, Row]] = []
    seen: set[int] = set()
    try:
        for band in sorted({lookup.band for lookup in found}):
            streams: list[Iterator[tuple[Row, int]]] = []
            for lookup in found:
                if lookup.band == band and lookup.size != 0:
                    cursors.append(lookup.rows(conn, need + len(seen), len(streams)))
                    read = _sorted_runs(cursors[-1]) if lookup.runs else cursors[-1]
                    streams.append(_numbered(read, len(streams)))
            # An entry's rows of equal rank come together: its match is the first lookup's
            # (the form as typed before its other script), then the entry's first key.
            merged = heapq.merge(*streams, key=lambda numbered: _rank(numbered[0]))
            for _, rows in groupby(merged, key=lambda numbered: _rank(numbered[0])):
                row = min(rows, key=lambda numbered: (numbered[1], numbered[0][4]))[0]
                if row[3] not in seen:
                    seen.add(row[3])
                    page.append((band, row))
                    if len(page) >= need:
                        return page
        return page
    finally:
        for cursor in cursors:  # an unfinished statement would hold its read transaction
            cursor.close()


def _sorted_runs(rows: Iterator[tuple[Any, ...]]) -> Iterator[Row]:
    """Rows read in runs (their first column, in rank order), each run sorted by rank."""
    for _, run in groupby(rows, key=itemgetter(0)):
        yield from sorted((row[1:] for row in run), key=_rank)


def _numbered(rows: Iterator[Row], number: int) -> Iterator[tuple[Row, int]]:
    for row in rows:
        yield row, number


def _rank(row: Row) -> tuple[int, int, str, int]:
    return row[0], row[1], row[2], row[3]


def entries(conn: sqlite3.Connection, page: list[tuple[int, Row]]) -> list[Hit]:
    """Read the summaries of a page of ranked rows, with the band, field and form matched."""
    if not page:
        return []
    ids = [row[3] for _, row in page]
    cursor = conn.execute(
        f"SELECT {SUMMARY_COLUMNS}, e.verified FROM entry e"
        f" WHERE e.id IN ({', '.join('?' * len(ids))})",
        ids,
    )
    columns = [column[0] for column in cursor.description]
    rows = {row[0]: dict(zip(columns, row, strict=True)) for row in cursor}
    found = []
    for band, row in page:
        entry = rows[row[3]]
        found.append(
            Hit(
                **summary(entry),
                verified=entry["verified"],
                band=band,
                matched_field=row[5],
                matched_form=entry["description"] if row[6] is None else row[6],
            )
        )
    return found


def find(conn: sqlite3.Connection, query: keys.Query, known: Any, limit: int, offset: int) -> Found:
    """Return how many live entries match a parsed query (counting stops past CAP) and the
    page of them at offset, best first."""
    found = lookups(conn, query, known)
    if not found:
        return Found(0, [])
    total, more = count(conn, found)
    if offset >= total and not more:
        return Found(total, [])
    sized(conn, found)
    page = ranked(conn, found, offset + limit)[offset:]
    return Found(total, entries(conn, page), more)
