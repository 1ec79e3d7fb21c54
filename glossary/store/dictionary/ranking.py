"""Searching the base dictionary at scale: lookups that read rows in rank order and stop early.

The dictionary ranks as the glossary does, band by band (exact, prefix, words, substring); within
a band by the matched form's length (formlen, at most 255), then the key, then the entry's
simplified length (simplen), then its id: a row's rank is (band, formlen, key, simplen, id). An
entry counts once, at its best row.

Each lookup of a query (a branch) is first counted, up to CAP rows, in one statement. When the
branches hold few rows together, one statement ranks them all and counts the entries. Otherwise
each branch is read already in rank order straight from an index, and the branches are merged
until a page is full, so a page of 20 costs about 20 rows, not a sort of 40,000: an exact key
from the primary key; a prefix from the primary key and a sort when it has a few rows, else
shortest form first from dictionary_key_length; definitions' words from the full-text index in
id order, which is their rank order (ids are numbered so); one character from dictionary_char,
more from dictionary_bigram (the entries with the rarest pair of them).
Counting then stops past CAP: a search that finds more says it found at least that many.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from glossary.model import Hit
from glossary.store.common import CAP, MAX, Found
from glossary.store.dictionary.edition import COLLECTION, entry_path
from glossary.text import keys

# Branches with at most this many rows together (by weight) are ranked in one statement, which
# hands every row over to Python; past it, counting their ids and merging the first rows of
# each costs less (是, 154 rows of one character: 4.0M -> 1.8M instructions at 100, not 200).
FEW = 100
# Rows (by weight) _first_rows reads at most. More than FEW: the rows it has read cost little
# more to rank than to count, and reading them again would cost what reading them did.
FIRST_MOST = 2 * FEW
PAGE = 20  # rows read at least, when a lookup's entries are read in chunks
FIRST = 20  # rows of each branch read first, in case none has more (0: size them first)
SHORT = 3  # a prefix of at most this many letters likely has more than FIRST rows
SMALL = 100  # a prefix with at most this many rows (or twice a page's) is read whole and sorted
LONGEST = 255  # lengths above this rank as equal (formlen, and the order of ids)
LENGTHS = ", ".join(str(length) for length in range(1, LONGEST + 1))
KEY_TYPES = ("text", "hanzi", "py", "pyn", "pyw", "pynw")  # those the dictionary stores
RANK = "formlen, key, simplen, dictionary_id"

Row = tuple[int, str, int, int, str, str]  # formlen, key, simplen, id, field, form: rank order


@dataclass
class Branch:
    """One lookup of a query: its band, its rows (formlen, key, simplen, id, field, form) from
    `source`, and how to read them in rank order."""

    band: int
    columns: str  # the row, as SQL over source
    source: str  # FROM … WHERE …
    params: list[Any]  # of source
    order: str = f"ORDER BY {RANK}"
    column_params: tuple[Any, ...] = ()
    id_column: str = "dictionary_id"
    id_source: str | None = None  # where the ids alone are read, when not source
    counted: bool = True  # False: its entries are among another branch's
    distinct: bool = False  # each of its rows is another entry: counting rows counts entries
    weight: int = 1  # what ranking one of its rows costs, against a key's row
    large_source: str | None = None  # for a prefix with many rows: shortest form first

    def select(self) -> tuple[str, list[Any]]:
        """The branch's rows, unordered, with its band first."""
        sql = f"SELECT {self.band}, {self.columns} {self.source}"
        return sql, [*self.column_params, *self.params]

    def ids(self) -> str:
        """The branch's entries' ids (an entry may come more than once), unordered."""
        return f"SELECT {self.id_column} AS id {self.id_source or self.source}"

    def add_ids(self, conn: sqlite3.Connection, found: set[str], most: int) -> None:
        """Add the entries this branch finds (ids as text) to found, stopping once found has
        `most`: an entry may match by several rows, and another branch's entries may already
        be there, so rows are read in chunks (of at least a page) until there are enough.
        group_concat hands a chunk's ids over in one string, twice as fast as a row each."""
        sql = f"SELECT group_concat(id), count(*) FROM ({self.ids()} LIMIT ? OFFSET ?)"
        offset = 0
        while len(found) < most:
            chunk = max(most - len(found), PAGE)
            text, rows = conn.execute(sql, [*self.params, chunk, offset]).fetchone()
            if text:
                found.update(text.split(","))
            if rows < chunk:
                break
            offset += rows

    def rows(self, conn: sqlite3.Connection, large: bool, stream: int) -> sqlite3.Cursor:
        """Return a cursor over this branch's rows in rank order. Cursors open together need
        texts of their own (stream tells them apart): sqlite3 keeps one prepared statement
        for a text, and prepares another, every time, while it is in use. The prefix by
        length's 255 lengths made that a sixth of a search for 國 (国 has the same text)."""
        source = self.large_source if large and self.large_source else self.source
        sql = f"SELECT {self.columns} {source} {self.order} -- {stream}"
        return conn.execute(sql, [*self.column_params, *self.params])


def key_branch(band: int, key_type: str, key: str, match: str) -> Branch:
    """A lookup in dictionary_key: the key itself (exact), longer keys (prefix), or both."""
    columns = f"{RANK}, field, form"
    if match == "exact":
        return Branch(
            band, columns, "FROM dictionary_key WHERE type = ? AND key = ?", [key_type, key]
        )
    low = ">" if match == "prefix" else ">="
    return Branch(
        band,
        columns,
        f"FROM dictionary_key WHERE type = ? AND key {low} ? AND key < ?",
        [key_type, key, key + MAX],
        large_source=f"""FROM dictionary_key INDEXED BY dictionary_key_length
            WHERE type = ? AND formlen IN ({LENGTHS}) AND key {low} ? AND key < ?""",
    )


def words_branch(words: str) -> Branch:
    """A lookup of words in the definitions' full-text index, read in id (rank) order."""
    return Branch(
        keys.WORDS,
        # The form matched is the definitions, read with the page (not carried through sorts).
        f"min(length(d.english), {LONGEST}), '', length(d.simplified), d.id, 'definition', NULL",
        "FROM dictionary_fts f JOIN dictionary d ON d.id = f.rowid WHERE dictionary_fts MATCH ?",
        [words],
        order="ORDER BY f.rowid",
        id_column="rowid",
        id_source="FROM dictionary_fts WHERE dictionary_fts MATCH ?",
        distinct=True,
        weight=4,  # ranking a definition reads the dictionary's (wide) row
    )


def substring_branch(conn: sqlite3.Connection, substring: str) -> Branch | None:
    """A lookup of Chinese characters anywhere in the forms, in rank order: one character in
    dictionary_char; more, the entries holding the rarest pair of them (dictionary_bigram)
    whose forms hold the whole string. None when no entry can hold it."""
    if len(substring) == 1:
        source, params = "FROM dictionary_char WHERE ch = ?", [substring]
    else:
        candidates = list(dict.fromkeys(substring[i : i + 2] for i in range(len(substring) - 1)))
        rarest = candidates[0]
        if len(candidates) > 1:  # one pair: nothing to choose, and none missing reads no row
            counts = conn.execute(
                " UNION ALL ".join(
                    ["SELECT count(*) FROM dictionary_bigram WHERE pair = ?"] * len(candidates)
                ),
                candidates,
            ).fetchall()
            if not all(count for (count,) in counts):
                return None
            rarest = candidates[counts.index(min(counts))]
        source, params = "FROM dictionary_bigram WHERE pair = ?", [rarest]
        if len(substring) > 2:
            source += " AND (instr(simplified, ?) > 0 OR instr(traditional, ?) > 0)"
            params += [substring, substring]
    return Branch(
        keys.SUBSTRING,
        """simplen, '', simplen, dictionary_id,
            iif(instr(simplified, ?) > 0, 'simplified', 'traditional'),
            iif(instr(simplified, ?) > 0, simplified, traditional)""",
        source,
        params,
        order="ORDER BY simplen, dictionary_id",
        column_params=(substring, substring),
        distinct=len(substring) <= 2,  # one row an entry, each holding the string
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
    if not lookups:
        return Found(0, [])
    first = FIRST and not _likely_many(query)
    if first and (found := _first_rows(conn, lookups, limit, offset)) is not None:
        return found
    # Rows counted up to _rows(), enough to choose how to read each branch; a counted branch
    # of one entry a row, up to CAP + 1: past CAP, its count ends the search's (see _count).
    # A branch of one entry a row has its ids read as it is counted (as text, "12,34"), which
    # _count then takes as they are: a match of several words reads the whole list of entries
    # holding each of them (FTS5 does, whatever the LIMIT), and was matched again to count.
    counts = " , ".join(
        f"(SELECT {'group_concat(id)' if b.distinct else 'count(*)'}"
        f" FROM ({b.ids()} LIMIT {_counted_rows(b)}))"
        for b in lookups
    )
    read = conn.execute(f"SELECT {counts}", [p for b in lookups for p in b.params]).fetchone()
    kept = [(b, _size(value), value) for b, value in zip(lookups, read, strict=True) if value]
    if not kept:
        return Found(0, [])
    lookups, sizes, listed = [b for b, _, _ in kept], [n for _, n, _ in kept], [v for *_, v in kept]
    if sum(b.weight * n for b, n in zip(lookups, sizes, strict=True)) <= FEW:
        return _ranked_at_once(conn, lookups, limit, offset)
    total, more = _count(conn, lookups, sizes, listed)
    need = offset + limit
    if limit == 0 or (offset >= total and not more):
        return Found(total, [], more)
    page = _merged(conn, lookups, sizes, need)[offset:need]
    return Found(total, _entries(conn, page), more)


def finds(conn: sqlite3.Connection, query: keys.Query) -> bool:
    """Tell whether a parsed query finds a dictionary entry: its lookups read in turn until one
    finds a row, with no count and no ranking ("did you mean" asks it of each correction)."""
    lookups = branches(conn, query)
    if not lookups:
        return False
    ids = " UNION ALL ".join(branch.ids() for branch in lookups)
    params = [p for branch in lookups for p in branch.params]
    return conn.execute(f"SELECT 1 FROM ({ids}) LIMIT 1", params).fetchone() is not None


def _likely_many(query: keys.Query) -> bool:
    """Tell whether a query likely finds more than FIRST rows by some lookup: one character,
    or a last word or key of at most SHORT letters (a prefix of thousands of keys)."""
    if any(len(substring) == 1 for substring in query.substrings):
        return True
    if query.terms and len(query.terms[-1]) <= SHORT:
        return True
    return any(len(key) <= SHORT for key_type, key in query.prefix if key_type != "hanzi")


def _counted_rows(branch: Branch) -> int:
    """How far the sizing statement counts a branch's rows."""
    return max(CAP + 1, _rows()) if branch.distinct and branch.counted else _rows()


def _rows() -> int:
    """How far each branch's rows are counted: past FEW, and past SMALL."""
    return max(FEW, SMALL) + 1


def _first_rows(
    conn: sqlite3.Connection, lookups: list[Branch], limit: int, offset: int
) -> Found | None:
    """Read the rows of a search whose lookups each find at most FIRST (most searches), in
    one statement, and rank and count them as _ranked_at_once does; None, having read no
    more than a lookup's FIRST + 1 rows, when a lookup finds more.

    Sparing the statement that sizes the branches (which looks every key up a second time)
    saves a small search more than it costs a large one: its rows stream one lookup after
    another, and reading stops at the first that finds too many. Lookups by prefix or
    character come first (the likeliest to find many), words last (the costliest to start):
    their lookup reads up to all the rows FIRST_MOST allows it, since starting it again (for
    "to put together", 0.25 ms) costs more than reading them."""
    order = sorted(lookups, key=lambda b: (b.weight > 1, b.band == keys.EXACT))
    most = [FIRST if b.weight == 1 else max(FIRST, FIRST_MOST // b.weight) for b in order]
    selects = [b.select() for b in order]
    cursor = conn.execute(
        " UNION ALL ".join(
            f"SELECT {index}, * FROM ({sql} LIMIT {most[index] + 1})"
            for index, (sql, _) in enumerate(selects)
        ),
        [p for _, ps in selects for p in ps],
    )
    sizes = [0] * len(order)
    weight, rows = 0, []
    for row in cursor:
        sizes[row[0]] += 1
        weight += order[row[0]].weight
        if sizes[row[0]] > most[row[0]] or weight > FIRST_MOST:
            cursor.close()
            return None
        rows.append(row[1:])
    # In SQLite's order: the form NULL (a definition's) before any text.
    rows.sort(key=lambda r: (*r[:6], "" if r[6] is None else r[6]))
    return _ranked(conn, rows, limit, offset)


def _ranked_at_once(
    conn: sqlite3.Connection, lookups: list[Branch], limit: int, offset: int
) -> Found:
    """Rank and count few rows read in one statement: each entry at its best row, best first."""
    selects = [b.select() for b in lookups]
    sql = " UNION ALL ".join(sql for sql, _ in selects) + " ORDER BY 1, 2, 3, 4, 5, 6, 7"
    return _ranked(conn, conn.execute(sql, [p for _, ps in selects for p in ps]), limit, offset)


def _ranked(conn: sqlite3.Connection, rows: Iterable[Any], limit: int, offset: int) -> Found:
    """Count the entries of rows (a band, then a Row) in rank order, and read the page at
    offset: each entry at its best row, best first."""
    ranked: list[tuple[int, Row]] = []
    seen: set[int] = set()
    for row in rows:
        if row[4] not in seen:
            seen.add(row[4])
            ranked.append((row[0], row[1:]))
    total = len(seen)
    page = ranked[offset : offset + limit]
    return Found(min(total, CAP), _entries(conn, page), total > CAP)


def _size(value: int | str) -> int:
    """A branch's size as the sizing statement read it: its count, or its ids as text."""
    return value.count(",") + 1 if isinstance(value, str) else value


def _count(
    conn: sqlite3.Connection, lookups: list[Branch], sizes: list[int], listed: list[int | str]
) -> tuple[int, bool]:
    """Count the entries the branches find, up to CAP: (total, whether there are more).
    listed: what the sizing statement read of each, its ids (as text) for a branch of one
    entry a row."""
    counted = [(b, n, v) for b, n, v in zip(lookups, sizes, listed, strict=True) if b.counted]
    if any(b.distinct and n > CAP for b, n, _ in counted):  # one entry a row, counted past CAP
        return CAP, True
    found: set[str] = set()
    # The branches the sizing statement counted to their end: their ids, as it read them or
    # in one statement.
    whole: list[Branch] = []
    rest: list[Branch] = []  # of many rows, an entry possibly more than once
    for branch, size, ids in counted:
        if isinstance(ids, str):  # read whole: at most CAP, past the check above
            found.update(ids.split(","))
            continue
        (whole if size < _counted_rows(branch) else rest).append(branch)
    if whole:
        sql = " UNION ALL ".join(b.ids() for b in whole)
        (text,) = conn.execute(
            f"SELECT group_concat(id) FROM ({sql})", [p for b in whole for p in b.params]
        ).fetchone()
        found.update(text.split(",") if text else ())
    for branch in rest:  # each read until CAP is passed (none once it is)
        branch.add_ids(conn, found, CAP + 1)
    return (CAP, True) if len(found) > CAP else (len(found), False)


def _merged(
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
                if branch.band == band:
                    large = size >= _rows() or size > max(SMALL, 2 * need)
                    cursors.append(branch.rows(conn, large=large, stream=len(streams)))
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


def _entries(conn: sqlite3.Connection, page: list[tuple[int, Row]]) -> list[Hit]:
    """Read the entries of a page of ranked rows, with the band, field and form each matched."""
    if not page:
        return []
    ids = [row[3] for _, row in page]
    placeholders = ", ".join("?" * len(ids))
    columns = {
        row[0]: row[1:]
        for row in conn.execute(
            "SELECT id, simplified, traditional, pinyin, english FROM dictionary"
            f" WHERE id IN ({placeholders})",
            ids,
        )
    }
    return [_entry(band, row, columns[row[3]]) for band, row in page]


def _entry(band: int, row: tuple[Any, ...], columns: tuple[Any, ...]) -> Hit:
    """A page's entry: its id and display columns, the band, field and form it matched by,
    and what a glossary entry's summary has besides (no kind, no description)."""
    simplified, traditional, pinyin, english = columns
    return Hit(
        id=row[3],
        simplified=simplified,
        traditional=traditional,
        pinyin=pinyin,
        english=english,
        band=band,
        matched_field=row[4],
        matched_form=english if row[5] is None else row[5],
        collection=COLLECTION,
        kind=None,
        description="",
        romanization="",
        verified=False,
        url=entry_path(row[3]),
    )
