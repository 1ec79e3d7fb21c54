"""Revisions: saving an entry as a new revision, conflicts, history, delete, restore."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypedDict, cast

import sqlite_utils

from glossary.model import Affiliation, Entry, StoredEntry, Summary, own_fields, source_record
from glossary.store.common import (
    SUMMARY_COLUMNS,
    Conflict,
    NotFound,
    WrongState,
    json_text,
    now,
    summary,
    transaction,
)
from glossary.store.entries import (
    as_inserted,
    get_entries,
    get_entry,
    insert_entries,
    insert_entry,
    set_affiliations,
    set_related,
    update_entry,
)

# The author of the seed data's revisions: not an account's name (it has a space).
SEED_AUTHOR = "seed data"


def snapshot(entry: Mapping[str, Any]) -> Entry:
    """Return the editable state of a stored entry, as revisions keep it and forms edit it."""
    return Entry(
        **own_fields(entry),
        sources=[source_record(s) for s in entry["sources"]],
        affiliations=[
            Affiliation(
                organization_id=a["entry"]["id"],
                role=a["role"],
                as_of=a["as_of"],
                source=a["source_index"],
            )
            for a in entry["affiliations"]
        ],
        related=sorted(r["id"] for r in entry["related"]),
    )


def record_revision(
    db: sqlite_utils.Database, entry_id: int, author: str, action: str, comment: str
) -> None:
    """Store the entry's current state as the revision it is now at."""
    record_revisions(db, [(entry_id, action, comment)], author)


# Entries read at a time by record_revisions: a few statements for each batch, not for each.
REVISION_BATCH = 1_000


def record_revisions(
    db: sqlite_utils.Database, changes: Sequence[tuple[int, str, str]], author: str
) -> None:
    """Store each entry's current state as the revision it is now at, in order: changes are
    (entry id, action, comment). The entries are read REVISION_BATCH at a time."""
    for start in range(0, len(changes), REVISION_BATCH):
        batch = changes[start : start + REVISION_BATCH]
        entries = get_entries(db, list(dict.fromkeys(entry_id for entry_id, _, _ in batch)))
        rows = []
        for entry_id, action, comment in batch:
            entry = entries[entry_id]
            snapshot_json = json_text(snapshot(entry))  # as _snapshot_json
            rows.append(
                (
                    entry_id,
                    entry["revision"],
                    author,
                    entry["updated"],
                    action,
                    comment,
                    snapshot_json,
                )
            )
        db.conn.executemany(REVISION_INSERT, rows)


REVISION_INSERT = """INSERT OR REPLACE INTO revision (entry_id, revision, author, at, action,
    comment, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)"""


def insert_imported(
    db: sqlite_utils.Database,
    entries: Sequence[tuple[Mapping[str, Any], str | None]],
    author: str,
    *,
    recorded: Sequence[bool],
) -> list[int]:
    """Insert entries as insert_entries does, and keep revision 1 ("import") of each one
    recorded says, made from its record as it is stored: what record_revisions would read
    back, for an entry that no link will change (reading 100,000 entries back took a sixth
    of an import). Return their ids."""
    at = now()
    ids = insert_entries(db, entries, author, at=at)
    db.conn.executemany(
        REVISION_INSERT,
        [
            (entry_id, 1, author, at, "import", "", _snapshot_json(as_inserted(entry)))
            for entry_id, (entry, _), kept in zip(ids, entries, recorded, strict=True)
            if kept
        ],
    )
    return ids


def _snapshot_json(entry: Mapping[str, Any]) -> str:
    """An entry without links as its revision keeps it."""
    return json_text(snapshot({**entry, "affiliations": [], "related": []}))


def _ensure_baseline(db: sqlite_utils.Database, entry: Mapping[str, Any]) -> None:
    """Keep the state an entry had before its first recorded edit, so it can be restored."""
    exists = db.execute(
        "SELECT 1 FROM revision WHERE entry_id = ? AND revision = ?",
        [entry["id"], entry["revision"]],
    ).fetchone()
    if not exists:
        author = entry["updated_by"] or "import"
        record_revision(db, entry["id"], author, "import", "")


def _write_links(db: sqlite_utils.Database, entry_id: int, record: Mapping[str, Any]) -> None:
    set_affiliations(db, entry_id, record.get("affiliations") or [])
    set_related(db, entry_id, record.get("related") or [], replace=True)


def create_entry(
    db: sqlite_utils.Database, record: Entry, *, author: str, comment: str = ""
) -> int:
    """Create an entry from an editor's record (unverified until reviewed); return its id."""
    with transaction(db):
        entry_id = insert_entry(db, {**record, "verified": False}, None, author)
        _write_links(db, entry_id, record)
        record_revision(db, entry_id, author, "create", comment)
    return entry_id


def edit_entry(
    db: sqlite_utils.Database,
    entry_id: int,
    record: Entry,
    *,
    base_revision: int,
    author: str,
    comment: str = "",
    action: str = "edit",
) -> int:
    """Save an edit started from base_revision as the next revision; raise Conflict if stale.

    Any change makes the entry unverified until a reviewer verifies it again.
    """
    with transaction(db):
        current = get_entry(db, entry_id)
        if current is None:
            raise NotFound(entry_id)
        if current["revision"] != base_revision:
            raise Conflict(current)
        _ensure_baseline(db, current)
        revision = update_entry(db, entry_id, {**record, "verified": False}, author=author)
        _write_links(db, entry_id, record)
        db.execute("UPDATE entry SET verified_by = '', verified_at = NULL WHERE id = ?", [entry_id])
        record_revision(db, entry_id, author, action, comment)
    return revision


def revise_from_import(
    db: sqlite_utils.Database, entry: StoredEntry, record: Mapping[str, Any], *, author: str
) -> None:
    """Overwrite an entry's fields and sources from an import, unverified, inside the caller's
    transaction; the caller records the revision once the links are written."""
    _ensure_baseline(db, entry)
    before = snapshot(entry)
    update_entry(db, entry["id"], {**record, "verified": False}, author=author)
    db.execute("UPDATE entry SET verified_by = '', verified_at = NULL WHERE id = ?", [entry["id"]])
    # The sources were written anew: keep each affiliation's source where it is still the same.
    cited = [(s["quote"], s["title"]) for s in record["sources"]]
    affiliations = []
    for affiliation in before["affiliations"]:
        index = affiliation["source"]
        old = before["sources"][index] if index is not None else None
        same = (
            index is not None
            and old is not None
            and index < len(cited)
            and cited[index] == (old["quote"], old["title"])
        )
        affiliations.append({**affiliation, "source": index if same else None})
    set_affiliations(db, entry["id"], affiliations)


def revert_entry(
    db: sqlite_utils.Database, entry_id: int, to: int, *, base_revision: int, author: str
) -> int:
    """Restore the fields an entry had at an earlier revision, as a new revision."""
    old = revision_snapshot(db, entry_id, to)
    if old is None:
        raise NotFound(to)
    return edit_entry(
        db,
        entry_id,
        old,
        base_revision=base_revision,
        author=author,
        comment=f"Reverted to revision {to}",
        action="revert",
    )


def set_deleted(
    db: sqlite_utils.Database,
    entry_id: int,
    *,
    deleted: bool,
    author: str,
    reason: str,
    base_revision: int | None = None,
) -> int:
    """Delete (softly, with a reason) or restore an entry, as a new revision; return it.

    Raises WrongState if it is deleted already (or, to restore, is not): checked inside the
    transaction, so two editors deleting at once make one deletion, not two.
    """
    with transaction(db):
        current = get_entry(db, entry_id)
        if current is None:
            raise NotFound(entry_id)
        if bool(current["deleted"]) == deleted:
            raise WrongState(current)
        if base_revision is not None and current["revision"] != base_revision:
            raise Conflict(current)
        _ensure_baseline(db, current)
        db.execute(
            """UPDATE entry SET deleted = ?, delete_reason = ?, updated = ?, updated_by = ?,
                   revision = revision + 1 WHERE id = ?""",
            [now() if deleted else None, reason if deleted else "", now(), author, entry_id],
        )
        record_revision(db, entry_id, author, "delete" if deleted else "restore", reason)
        return current["revision"] + 1


class Revision(TypedDict):
    """One revision in an entry's history (its snapshot apart)."""

    revision: int
    author: str
    at: str
    action: str  # import, create, edit, revert, delete or restore
    comment: str


def revisions(db: sqlite_utils.Database, entry_id: int) -> list[Revision]:
    """Return an entry's revisions, newest first: revision, author, at, action, comment."""
    rows = db.query(
        """SELECT revision, author, at, action, comment FROM revision
           WHERE entry_id = ? ORDER BY revision DESC""",
        [entry_id],
    )
    return [cast(Revision, row) for row in rows]


def entry_names(db: sqlite_utils.Database, entry_ids: Iterable[int]) -> dict[int, str]:
    """Return how to name each of these entries (deleted ones too): "English 简体"."""
    ids = sorted(set(entry_ids))
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = db.execute(
        f"SELECT id, english, simplified FROM entry WHERE id IN ({marks})", ids
    ).fetchall()
    return {row[0]: f"{row[1]} {row[2]}" for row in rows}


def revision_snapshot(db: sqlite_utils.Database, entry_id: int, revision: int) -> Entry | None:
    """Return the snapshot stored for one revision of an entry, or None."""
    row = db.execute(
        "SELECT snapshot FROM revision WHERE entry_id = ? AND revision = ?", [entry_id, revision]
    ).fetchone()
    return json.loads(row[0]) if row else None


class Change(Summary):
    """A revision or a verification as the latest changes list it, with its entry's summary."""

    revision: int  # the revision made, or the one verified
    author: str  # the reviewer, for a verification
    at: str
    action: str  # a revision's ("create", "edit"…), or "verify" or "undo"
    comment: str
    verification: bool
    number: int  # a revision's row id, else a verification's
    deleted: str | None  # when the entry was deleted, or None while it is live


def recent_changes(db: sqlite_utils.Database, limit: int) -> list[Change]:
    """Return the latest revisions and verifications across the glossary, newest first, with
    their entries; the seed's (by SEED_AUTHOR) are where the glossary started, not changes.

    A verification's action is "verify" (or "undo", for one taken back), its author the
    reviewer and its revision the one verified; verification is true for these, and number
    tells one from another (a revision's row id, else a verification's).
    """
    # Each side reads its own index newest first and stops at the page; the page is the
    # newest of both.
    rows = db.query(
        f"""WITH changes AS (
                SELECT * FROM (
                    SELECT r.entry_id, r.revision, r.author, r.at, r.action, r.comment,
                           0 AS verification, r.id AS n
                    FROM revision r WHERE r.author != ?
                    ORDER BY r.at DESC, r.id DESC LIMIT ?)
                UNION ALL
                SELECT * FROM (
                    SELECT v.entry_id, v.revision, v.reviewer, v.at, v.action, '', 1, v.id
                    FROM verification v WHERE v.reviewer != ?
                    ORDER BY v.at DESC, v.id DESC LIMIT ?))
            SELECT c.revision, c.author, c.at, c.action, c.comment, c.verification, c.n AS number,
                   {SUMMARY_COLUMNS}, e.deleted
            FROM changes c JOIN entry e ON e.id = c.entry_id
            ORDER BY c.at DESC, c.verification DESC, c.n DESC LIMIT ?""",
        [SEED_AUTHOR, limit, SEED_AUTHOR, limit, limit],
    )
    return [
        Change(
            **summary(row),
            revision=row["revision"],
            author=row["author"],
            at=row["at"],
            action=row["action"],
            comment=row["comment"],
            verification=bool(row["verification"]),
            number=row["number"],
            deleted=row["deleted"],
        )
        for row in rows
    ]
