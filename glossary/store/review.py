"""Review: verifying entries and undoing it, the verifications kept, the review queue."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict, cast

import sqlite_utils

from glossary.model import Entry, StoredEntry, Summary
from glossary.store.common import (
    SUMMARY_COLUMNS,
    Conflict,
    NotFound,
    memoized,
    now,
    reading,
    records,
    summary,
    transaction,
)
from glossary.store.entries import get_entry


class NotUndoable(Exception):
    """A verification that can no longer be undone: the entry changed since, or was verified
    again, or the verification was undone already."""

    def __init__(self, entry: StoredEntry):
        super().__init__(f"entry {entry['id']} is no longer as this verification left it")
        self.entry = entry


class Previous(TypedDict):
    """The verification state a verification replaced, kept with it for its undo."""

    previous_verified: int  # 0 or 1
    previous_by: str
    previous_at: str | None


class Verification(TypedDict):
    """A verification (or its undo) as an entry's history lists it."""

    id: int
    revision: int  # the revision verified
    reviewer: str
    at: str
    action: str  # "verify" or "undo"
    undone: int  # 1 once taken back


class KeptVerification(Verification, Previous):
    """A verification's whole row: with its entry, what it undoes, and the state it replaced."""

    entry_id: int
    undoes: int | None


class Queued(Summary):
    """An entry in the review queue: its summary, what changed it last, and the revision last
    verified (None if never)."""

    updated: str
    updated_by: str
    revision: int
    aliases: list[str]
    tags: list[str]
    notes: str
    source_count: int
    verified_revision: int | None


def _record(
    db: sqlite_utils.Database, entry: Mapping[str, Any], reviewer: str, at: str, **extra: Any
) -> int:
    """Keep one verification (or undo) of an entry as it stands; return its id."""
    values = {
        "entry_id": entry["id"],
        "revision": entry["revision"],
        "reviewer": reviewer,
        "at": at,
        "action": "verify",
        **extra,
    }
    names = ", ".join(values)
    marks = ", ".join("?" * len(values))
    cursor = db.execute(
        f"INSERT INTO verification ({names}) VALUES ({marks})", list(values.values())
    )
    return int(cursor.lastrowid or 0)


def _previous(entry: Mapping[str, Any]) -> Previous:
    """The verification state a new verification replaces, which its undo restores."""
    return Previous(
        previous_verified=1 if entry["verified"] else 0,
        previous_by=entry["verified_by"] or "",
        previous_at=entry["verified_at"],
    )


def set_verification(db: sqlite_utils.Database, entry_id: int, verified_by: str) -> None:
    """Mark an entry verified by someone now, or, with verified_by empty, unverified (inside
    the caller's transaction: an import that writes the entry too)."""
    at = now()
    if verified_by:
        # The columns alone, not get_entry: an import may verify 100,000 entries.
        entry = records(
            db,
            "SELECT id, revision, verified, verified_by, verified_at FROM entry WHERE id = ?",
            [entry_id],
        )[0]
        _record(db, entry, verified_by, at, **_previous(entry))
    db.execute(
        "UPDATE entry SET verified = ?, verified_by = ?, verified_at = ? WHERE id = ?",
        [1 if verified_by else 0, verified_by, at if verified_by else None, entry_id],
    )


def verify_entry(
    db: sqlite_utils.Database, entry_id: int, *, reviewer: str, base_revision: int | None = None
) -> int:
    """Mark an entry verified by a reviewer (not a new revision: the content is unchanged) and
    keep the verification; return its id, which undo_verification takes.

    With base_revision, raise Conflict if the entry has changed since the reviewer read it.
    """
    with transaction(db):
        entry = get_entry(db, entry_id)
        if entry is None:
            raise NotFound(entry_id)
        if base_revision is not None and entry["revision"] != base_revision:
            raise Conflict(entry)
        at = now()
        verification_id = _record(db, entry, reviewer, at, **_previous(entry))
        db.execute(
            "UPDATE entry SET verified = 1, verified_by = ?, verified_at = ? WHERE id = ?",
            [reviewer, at, entry_id],
        )
    return verification_id


def get_verification(db: sqlite_utils.Database, verification_id: int) -> KeptVerification | None:
    """Return one kept verification (or undo): entry_id, revision, reviewer, at, action…"""
    rows = records(db, "SELECT * FROM verification WHERE id = ?", [verification_id])
    return cast(KeptVerification, rows[0]) if rows else None


def undo_verification(
    db: sqlite_utils.Database, verification_id: int, *, reviewer: str
) -> StoredEntry:
    """Put an entry back in the verification state it had before this verification, and keep
    the undo (by reviewer, now); return the entry as it was verified.

    Raises NotFound for no such verification, NotUndoable if the entry is no longer as it left
    it: changed since, verified again, or undone already.
    """
    with transaction(db):
        verification = get_verification(db, verification_id)
        if verification is None or verification["action"] != "verify":
            raise NotFound(verification_id)
        entry = get_entry(db, verification["entry_id"])
        if entry is None:
            raise NotFound(verification_id)
        latest = db.execute(
            "SELECT max(id) FROM verification WHERE entry_id = ? AND action = 'verify'",
            [entry["id"]],
        ).fetchone()[0]
        if (
            verification["undone"]
            or latest != verification_id
            or entry["revision"] != verification["revision"]
            or not entry["verified"]
        ):
            raise NotUndoable(entry)
        _record(db, entry, reviewer, now(), action="undo", undoes=verification_id)
        db.execute("UPDATE verification SET undone = 1 WHERE id = ?", [verification_id])
        db.execute(
            "UPDATE entry SET verified = ?, verified_by = ?, verified_at = ? WHERE id = ?",
            [
                verification["previous_verified"],
                verification["previous_by"],
                verification["previous_at"],
                entry["id"],
            ],
        )
    return entry


def verifications(db: sqlite_utils.Database, entry_id: int) -> list[Verification]:
    """Return an entry's verifications and undos, newest first."""
    rows = records(
        db,
        """SELECT id, revision, reviewer, at, action, undone FROM verification
           WHERE entry_id = ? ORDER BY id DESC""",
        [entry_id],
    )
    return cast(list[Verification], rows)


def review_queue(
    db: sqlite_utils.Database, limit: int, offset: int = 0
) -> tuple[int, list[Queued]]:
    """Return how many live entries are unverified and one page of them, the most recently
    changed first, each with the revision last verified (verified_revision, None if never)."""
    with reading(db):
        # Both read the partial index entry_review alone (only the unverified entries, with
        # the columns tested), and the page's ids are found there before any entry is read:
        # no entry is loaded beyond the page, however far the page is.
        # The count reads the whole index (86,000 entries of 100,000: 4 ms): kept until the
        # data changes, as browsing keeps its count.
        total = memoized(db, "review_total", lambda: _unverified(db))
        rows = db.query(
            f"""WITH page AS (
                    SELECT id FROM entry WHERE NOT verified AND deleted IS NULL
                    ORDER BY updated DESC, id DESC LIMIT ? OFFSET ?)
                SELECT {SUMMARY_COLUMNS}, e.updated, e.updated_by, e.revision, e.aliases,
                       e.tags, e.notes,
                       (SELECT count(*) FROM source s WHERE s.entry_id = e.id) AS source_count,
                       (SELECT max(v.revision) FROM verification v
                        WHERE v.entry_id = e.id AND v.action = 'verify' AND NOT v.undone
                          AND v.revision < e.revision) AS verified_revision
                FROM page JOIN entry e ON e.id = page.id
                ORDER BY e.updated DESC, e.id DESC""",
            [limit, offset],
        )
        entries = [
            Queued(
                **summary(row),
                updated=row["updated"],
                updated_by=row["updated_by"],
                revision=row["revision"],
                aliases=json.loads(row["aliases"]),
                tags=json.loads(row["tags"]),
                notes=row["notes"],
                source_count=row["source_count"],
                verified_revision=row["verified_revision"],
            )
            for row in rows
        ]
    return total, entries


def _unverified(db: sqlite_utils.Database) -> int:
    sql = "SELECT count(*) FROM entry WHERE NOT verified AND deleted IS NULL"
    return int(db.execute(sql).fetchone()[0])


def snapshots(
    db: sqlite_utils.Database, wanted: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], Entry]:
    """Return the snapshots kept for these (entry id, revision) pairs, where there are any."""
    if not wanted:
        return {}
    pairs = ", ".join("(?, ?)" for _ in wanted)
    rows = db.execute(
        f"""WITH wanted (entry_id, revision) AS (VALUES {pairs})
            SELECT r.entry_id, r.revision, r.snapshot
            FROM wanted JOIN revision r
                ON r.entry_id = wanted.entry_id AND r.revision = wanted.revision""",
        [number for pair in wanted for number in pair],
    ).fetchall()
    return {(row[0], row[1]): json.loads(row[2]) for row in rows}
