"""Creating entries from an article's drafts: each draft an editor ticked becomes a new
unverified entry, or a further source (and alias) of the entry it duplicates, all in one
transaction. Library first: works on a database connection, without Flask."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from glossary import store
from glossary.articles import appositives
from glossary.entries import validate
from glossary.messages import N_

if TYPE_CHECKING:
    import sqlite_utils

#: What an editor can do with a draft: a new entry, or a further source of the entry that
#: has its characters (and, with "alias", its English as an alias).
ACTIONS = ("new", "source", "alias")
SOURCE_FIELDS = ("title", "publisher", "url", "published")


@dataclass
class Plan:
    """What one ticked draft will write: a new entry, or the next revision of an existing one."""

    action: str
    record: dict[str, Any]
    entry_id: int | None = None
    base_revision: int | None = None


def role_of(affiliation: str) -> str | None:
    """The role in an affiliation: "deputy director of … (CISS)" → "deputy director"."""
    head = re.split(r"\s+(?:of|at|for|in)\s+|,", affiliation, maxsplit=1)[0].strip()
    return head if head and appositives.is_role(head) else None


def _record(row: Mapping[str, Any], source: dict[str, Any]) -> dict[str, Any]:
    """The entry record a new draft makes, with the article as its source."""
    affiliations = []
    if row.get("organization_id") and row["kind"] == "person":
        affiliations.append(
            {
                "organization_id": row["organization_id"],
                "role": role_of(row.get("affiliation") or ""),
                "as_of": source.get("published") or None,
                "source": 0,
            }
        )
    return {
        "kind": row["kind"],
        "english": row["english"],
        "aliases": list(row.get("aliases") or []),
        "simplified": row["simplified"],
        "traditional": row.get("traditional") or "",
        "pinyin": row.get("pinyin") or "",
        "romanization": row.get("romanization") or "",
        "romanization_system": "",
        "description": row.get("affiliation") or "",
        "notes": "",
        "tags": [],
        "status": "preferred",
        "sources": [source],
        "affiliations": affiliations,
        "related": [],
    }


def plan(
    db: sqlite_utils.Database,
    rows: list[Mapping[str, Any]],
    article: Mapping[str, str],
    entry_exists: Callable[[int, str | None], bool],
) -> tuple[list[Plan], dict[int, validate.Errors]]:
    """Check every ticked draft; return what each will write, and the errors by row index.

    article holds the source fields entered once for all drafts (title, publisher, url,
    published); each draft adds its sentence as the quotation.
    """
    plans: list[Plan] = []
    errors: dict[int, validate.Errors] = {}
    for index, row in enumerate(rows):
        source = {name: article.get(name) or "" for name in SOURCE_FIELDS}
        source["quote"] = row.get("quote") or ""
        action = str(row.get("action")) if row.get("action") in ACTIONS else "new"
        if action == "new":
            record, problems = validate.check_entry(_record(row, source), entry_exists=entry_exists)
            plans.append(Plan(action, record))
        else:
            existing = store.get_entry(db, int(row.get("existing_entry_id") or 0))
            if existing is None or existing["deleted"]:
                errors[index] = {"action": (N_("no such entry"), {})}
                continue
            record = store.snapshot(existing)
            record["sources"].append(source)
            if action == "alias" and row["english"] not in (
                existing["english"],
                *record["aliases"],
            ):
                record["aliases"].append(row["english"])
            record, problems = validate.check_entry(record, entry_exists=entry_exists)
            plans.append(Plan(action, record, existing["id"], existing["revision"]))
        if problems:
            errors[index] = problems
    return plans, errors


def create(
    db: sqlite_utils.Database, plans: list[Plan], *, author: str, comment: str
) -> list[tuple[str, int]]:
    """Write every plan in one transaction; return (action, entry id) for each.

    Raises store.Conflict (and writes nothing) if an entry changed since it was read.
    """
    done = []
    with store.transaction(db):
        for each in plans:
            if each.entry_id is None:
                entry_id = store.create_entry(db, each.record, author=author, comment=comment)
            else:
                assert each.base_revision is not None
                store.edit_entry(
                    db,
                    each.entry_id,
                    each.record,
                    base_revision=each.base_revision,
                    author=author,
                    comment=comment,
                )
                entry_id = each.entry_id
            done.append((each.action, entry_id))
    return done
