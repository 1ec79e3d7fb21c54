"""Saving entries: the one way the form, the API and the article drafts check an entry and write
it as a revision. One rule book (validate), one set of messages (Problems, put into words at
the edge), one way to record a revision (store.history, which the importer's batched writes
call as this does). Works on a connection, without Flask.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from glossary.entries import validate
from glossary.messages import Problem
from glossary.model import Entry
from glossary.store import entries as stored
from glossary.store import history, review
from glossary.store.common import StorageFull

if TYPE_CHECKING:
    import sqlite_utils

__all__ = ["Checked", "Conflict", "NotFound", "StorageFull", "WrongState"]

Conflict = history.Conflict  # the entry moved on since the revision a change started from
NotFound = history.NotFound  # no entry (or revision) with that id
WrongState = history.WrongState  # deleting an entry deleted already, restoring a live one


@dataclass
class Checked:
    """A draft after the rule book: the clean record, the comment as stored, the problems."""

    record: Entry
    comment: str = ""
    problems: list[Problem] = field(default_factory=list)


def exists(db: sqlite_utils.Database, entry_id: int, kind: str | None = None) -> bool:
    """Tell whether a live entry (of that kind, when given) has this id."""
    return stored.entry_exists(db, entry_id, kind)


def check(db: sqlite_utils.Database, draft: Mapping[str, Any], *, comment: Any = "") -> Checked:
    """Apply the rule book to a draft (its links looked up in the glossary) and its comment."""
    record, problems = validate.check_entry(
        draft, entry_exists=lambda entry_id, kind: exists(db, entry_id, kind)
    )
    text, problem = validate.check_comment(comment)
    return Checked(record, text, [*problems, *([problem] if problem else [])])


def save(
    db: sqlite_utils.Database,
    record: Entry,
    *,
    author: str,
    comment: str = "",
    entry_id: int | None = None,
    base_revision: int | None = None,
) -> tuple[int, int]:
    """Write a checked record: a new entry (without entry_id) or the next revision of one,
    started from base_revision; return the entry's id and its revision. Unverified until a
    reviewer verifies it. Raises Conflict if the entry moved on, NotFound if it is gone."""
    if entry_id is None:
        return history.create_entry(db, record, author=author, comment=comment), 1
    if base_revision is None:
        raise ValueError("an edit starts from a revision")
    revision = history.edit_entry(
        db, entry_id, record, base_revision=base_revision, author=author, comment=comment
    )
    return entry_id, revision


def revert(
    db: sqlite_utils.Database, entry_id: int, to: int, *, base_revision: int, author: str
) -> int:
    """Restore the fields an entry had at an earlier revision, as a new revision; return it."""
    return history.revert_entry(db, entry_id, to, base_revision=base_revision, author=author)


def delete(
    db: sqlite_utils.Database,
    entry_id: int,
    *,
    author: str,
    reason: str,
    base_revision: int | None = None,
) -> int:
    """Delete an entry softly, with a reason, as a new revision; return that revision."""
    return history.set_deleted(
        db, entry_id, deleted=True, author=author, reason=reason, base_revision=base_revision
    )


def restore(
    db: sqlite_utils.Database,
    entry_id: int,
    *,
    author: str,
    reason: str = "",
    base_revision: int | None = None,
) -> int:
    """Bring a deleted entry back as a new revision (the reason is its comment); return it."""
    return history.set_deleted(
        db, entry_id, deleted=False, author=author, reason=reason, base_revision=base_revision
    )


def verify(
    db: sqlite_utils.Database, entry_id: int, *, reviewer: str, base_revision: int | None = None
) -> int:
    """Mark an entry verified by a reviewer; with base_revision, only if it is still that one.
    Return the verification's id, which store.undo_verification takes."""
    return review.verify_entry(db, entry_id, reviewer=reviewer, base_revision=base_revision)
