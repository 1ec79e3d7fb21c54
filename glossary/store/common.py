"""What every part of the store shares: vocabularies, summary columns, time, transactions."""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import sqlite_utils

from glossary.model import Hit, StoredEntry, Summary

T = TypeVar("T")

MAX = "\U0010ffff"  # above every character: key + MAX ends the range of keys key starts
SUMMARY_COLUMNS = (
    "e.id, e.kind, e.english, e.simplified, e.traditional, e.pinyin, e.description, e.romanization"
)
ORDER_WITHIN_BAND = (
    "e.status = 'deprecated', e.verified DESC, length(coalesce(h.form, e.description)),"
    " e.english COLLATE NOCASE, e.id"
)
# Entries a search counts at most, in the glossary and in the dictionary alike; a total past
# it is a lower bound. Counting is most of what a search that finds hundreds costs: 500 rather
# than 1,000 takes a third off a common character (马, 967 entries: 1.0 -> 0.73 ms) and says
# no less to a reader than "more than 500 results".
CAP = 500


class Found(NamedTuple):
    """How many entries a search found (at most CAP, and whether there are more), and a page."""

    total: int
    entries: list[Hit]
    more: bool = False  # the total is a lower bound: more than CAP entries match


class StorageFull(Exception):
    """A write SQLite could not make because the disk (or the database's size limit) is full:
    nothing of it was kept, and it may succeed once there is room."""


# What the writes of an entry refuse: store.history and store.review both raise them.
class Conflict(Exception):
    """The entry moved on since the revision an edit started from."""

    def __init__(self, entry: StoredEntry):
        super().__init__(f"entry {entry['id']} is at revision {entry['revision']}")
        self.entry = entry


class WrongState(Exception):
    """Deleting an entry already deleted, or restoring one that is not."""

    def __init__(self, entry: StoredEntry):
        state = "already deleted" if entry["deleted"] else "not deleted"
        super().__init__(f"entry {entry['id']} is {state}")
        self.entry = entry


class NotFound(LookupError):
    """No entry (or revision) with that id."""


def is_full(error: BaseException) -> bool:
    """Tell whether an error is SQLite's "database or disk is full" (SQLITE_FULL)."""
    return isinstance(error, sqlite3.OperationalError) and (
        getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
        or "database or disk is full" in str(error)
    )


class Database(sqlite_utils.Database):
    """sqlite_utils' Database, which can also tell whether the data may have changed since a
    value was read from it (version), and keep such values until then (memoized)."""

    _serials = itertools.count(1)

    def __init__(self, conn: Any, **options: Any):
        super().__init__(conn, **options)
        self.serial = next(self._serials)  # tells this connection from earlier ones
        self.memo: dict[str, tuple[tuple[int, int, int], Any]] = {}

    def version(self) -> tuple[int, int, int]:
        """A value that changes whenever the data may have changed: PRAGMA data_version counts
        other connections' commits (other processes' too), total_changes this connection's
        writes (a write rolled back counts too: a needless change, never a missed one)."""
        data_version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return self.serial, data_version, self.conn.total_changes


def memoized(db: sqlite_utils.Database, name: str, compute: Callable[[], T]) -> T:
    """Return compute()'s value, kept on the connection until the data may have changed."""
    if not isinstance(db, Database):
        return compute()
    version = db.version()
    kept = db.memo.get(name)
    if kept is not None and kept[0] == version:
        return kept[1]  # type: ignore[no-any-return]
    value = compute()
    db.memo[name] = (version, value)
    return value


def create_private(path: str | Path) -> None:
    """Create an empty file that only its owner may read or write (0600), unless one exists:
    SQLite would create it readable by everyone (0644), and its -wal and -shm files take the
    database file's permissions."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(descriptor)


# JSON as the entry table's lists and the revisions' snapshots keep it: what
# json.dumps(value, ensure_ascii=False) writes, without making an encoder for each value (an
# import writes several a record).
json_text = json.JSONEncoder(ensure_ascii=False).encode


def now() -> str:
    """Return the current UTC time as an ISO 8601 string, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@contextmanager
def transaction(db: sqlite_utils.Database, *, immediate: bool = True) -> Iterator[None]:
    """Run the block in one write transaction: all of it is committed, or none of it.

    Inside another transaction the block joins it, so several writes can commit as one. The
    write lock is taken at once (immediate), or, when immediate is False, by the block's first
    write: BEGIN IMMEDIATE also locks every attached database.
    """
    if db.conn.in_transaction:
        yield
        return
    db.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield
        db.execute("COMMIT")
    except BaseException as error:
        if db.conn.in_transaction:  # a COMMIT that failed leaves the transaction open
            db.execute("ROLLBACK")
        if is_full(error):
            raise StorageFull() from error
        raise


@contextmanager
def reading(db: sqlite_utils.Database) -> Iterator[None]:
    """Run the block's statements in one read transaction, so that they all see the same data
    and the database's lock is taken once, not for each statement (each costs two fcntl calls
    and a stat in WAL mode). Inside another transaction the block joins it."""
    if db.conn.in_transaction:
        yield
        return
    db.conn.execute("BEGIN")
    try:
        yield
    finally:
        if db.conn.in_transaction:
            db.conn.execute("COMMIT")


# A row as records() reads it: SQLite's values by column name, whatever the statement reads.
Row = dict[str, Any]


def records(db: sqlite_utils.Database, sql: str, params: list[Any]) -> list[Row]:
    """Run a query and return its rows as dictionaries (db.query, without its savepoint)."""
    cursor = db.conn.execute(sql, params)
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor]


def summary(row: Mapping[str, Any]) -> Summary:
    """An entry's summary from a row that read its SUMMARY_COLUMNS, with its page's path."""
    return Summary(
        id=row["id"],
        kind=row["kind"],
        english=row["english"],
        simplified=row["simplified"],
        traditional=row["traditional"],
        pinyin=row["pinyin"],
        description=row["description"],
        romanization=row["romanization"],
        url=f"/entries/{row['id']}",
    )


def summaries(rows: Iterable[Mapping[str, Any]]) -> list[Hit]:
    """A page of search (or browsing) results from rows of SUMMARY_COLUMNS and verified, with
    the band, field and form each matched by where a search read them."""
    found = []
    for row in rows:
        hit = Hit(**summary(row), verified=row["verified"])
        if "band" in row:
            hit["band"] = row["band"]
            hit["matched_field"] = row["matched_field"]
            hit["matched_form"] = row["matched_form"]
        found.append(hit)
    return found
