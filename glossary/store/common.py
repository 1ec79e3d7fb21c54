"""What every part of the store shares: vocabularies, summary columns, time, transactions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

KINDS = ("person", "organization", "term", "place", "document", "event")
STATUSES = ("preferred", "admitted", "deprecated")
SUMMARY_COLUMNS = (
    "e.id, e.kind, e.english, e.simplified, e.traditional, e.pinyin, e.description, e.romanization"
)
ORDER_WITHIN_BAND = (
    "e.status = 'deprecated', e.verified DESC, length(h.form), e.english COLLATE NOCASE, e.id"
)


def now() -> str:
    """Return the current UTC time as an ISO 8601 string, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """Run the block in one write transaction: all of it is committed, or none of it.

    Inside another transaction the block joins it, so several writes can commit as one.
    """
    if db.conn.in_transaction:
        yield
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def records(db: sqlite_utils.Database, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """Run a query and return its rows as dictionaries (db.query, without its savepoint)."""
    cursor = db.conn.execute(sql, params)
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor]


def summaries(rows: Any) -> list[dict[str, Any]]:
    summaries = []
    for row in rows:
        row = dict(row)
        row.pop("total", None)
        row["url"] = f"/entries/{row['id']}"
        summaries.append(row)
    return summaries
