"""Creating entries from an article's drafts: each draft an editor ticked becomes a new
unverified entry, or a further source (and alias) of the entry it duplicates, all in one
transaction. Library first: works on a database connection, without Flask."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from glossary.articles import appositives
from glossary.entries import service
from glossary.messages import N_, Problem
from glossary.model import Affiliation, Entry, Source
from glossary.store import entries as stored
from glossary.store import history
from glossary.store.common import transaction

if TYPE_CHECKING:
    import sqlite_utils

#: What an editor can do with a draft: a new entry, or a further source of the entry that
#: has its characters (and, with "alias", its English as an alias).
ACTIONS = ("new", "source", "alias")


@dataclass
class Plan:
    """What one ticked draft will write: a new entry, or the next revision of an existing one."""

    action: str
    record: Entry
    entry_id: int | None = None
    base_revision: int | None = None


def role_of(affiliation: str) -> str | None:
    """The role in an affiliation: "deputy director of … (CISS)" → "deputy director"."""
    head = re.split(r"\s+(?:of|at|for|in)\s+|,", affiliation, maxsplit=1)[0].strip()
    return head if head and appositives.is_role(head) else None


def _record(row: Mapping[str, Any], source: Source) -> Entry:
    """The entry record a new draft makes, with the article as its source."""
    affiliations = []
    if row.get("organization_id") and row["kind"] == "person":
        affiliations.append(
            Affiliation(
                organization_id=row["organization_id"],
                role=role_of(row.get("affiliation") or ""),
                as_of=source.get("published") or None,
                source=0,
            )
        )
    return Entry(
        kind=row["kind"],
        english=row["english"],
        aliases=list(row.get("aliases") or []),
        simplified=row["simplified"],
        traditional=row.get("traditional") or "",
        pinyin=row.get("pinyin") or "",
        romanization=row.get("romanization") or "",
        romanization_system="",
        description=row.get("affiliation") or "",
        notes="",
        tags=[],
        status="preferred",
        sources=[source],
        affiliations=affiliations,
        related=[],
    )


def plan(
    db: sqlite_utils.Database, rows: list[Mapping[str, Any]], article: Mapping[str, str]
) -> tuple[list[Plan], dict[int, list[Problem]]]:
    """Check every ticked draft by the rule book; return what each will write, and the
    problems by row index.

    article holds the source fields entered once for all drafts (title, publisher, url,
    published); each draft adds its sentence as the quotation.
    """
    plans: list[Plan] = []
    errors: dict[int, list[Problem]] = {}
    for index, row in enumerate(rows):
        source = Source(
            quote=row.get("quote") or "",
            quote_zh=None,
            title=article.get("title") or "",
            publisher=article.get("publisher") or "",
            url=article.get("url") or "",
            published=article.get("published") or "",
            accessed=None,
        )
        action = str(row.get("action")) if row.get("action") in ACTIONS else "new"
        if action == "new":
            checked = service.check(db, _record(row, source))
            plans.append(Plan(action, checked.record))
        else:
            existing = stored.get_entry(db, int(row.get("existing_entry_id") or 0))
            if existing is None or existing["deleted"]:
                errors[index] = [Problem(("action",), N_("no such entry"))]
                continue
            record = history.snapshot(existing)
            record["sources"].append(source)  # checked below, with the rest
            if action == "alias" and row["english"] not in (
                existing["english"],
                *record["aliases"],
            ):
                record["aliases"].append(row["english"])
            checked = service.check(db, record)
            plans.append(Plan(action, checked.record, existing["id"], existing["revision"]))
        if checked.problems:
            errors[index] = checked.problems
    return plans, errors


def create(
    db: sqlite_utils.Database, plans: list[Plan], *, author: str, comment: str
) -> list[tuple[str, int]]:
    """Write every plan in one transaction; return (action, entry id) for each.

    Raises service.Conflict (and writes nothing) if an entry changed since it was read.
    """
    done = []
    with transaction(db):
        for each in plans:
            entry_id, _ = service.save(
                db,
                each.record,
                author=author,
                comment=comment,
                entry_id=each.entry_id,
                base_revision=each.base_revision,
            )
            done.append((each.action, entry_id))
    return done
