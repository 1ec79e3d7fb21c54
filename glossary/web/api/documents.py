"""What the JSON API answers with: an entry's summary, its whole document, why it is gone.

Field names are a contract. Pure: no request, no app.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NotRequired, TypedDict

from glossary.model import Citation, Source, StoredEntry, source_record


class Summary(TypedDict):
    """The fields every search result and entry share (a dictionary entry's kind is None)."""

    id: int
    kind: str | None
    english: str
    simplified: str
    traditional: str
    pinyin: str
    description: str
    url: str


class Match(TypedDict):
    """How a search result matched: the field, the form, and the romanization system."""

    field: str
    form: str
    system: str | None


class Result(Summary):
    """A search result as the API shows it: its collection, and how it matched (when the
    search had a query)."""

    collection: str  # "glossary" or "cc-cedict", glossary first
    match: NotRequired[Match]


class Affiliation(TypedDict):
    """A person's affiliation as the API shows it: the organization, and the source."""

    organization: Summary
    role: str | None
    as_of: str | None
    source: Citation | None


class Member(TypedDict):
    """An organization's member as the API shows it."""

    person: Summary
    role: str | None
    as_of: str | None


class Deleted(TypedDict):
    """When an entry was deleted, and why."""

    at: str
    reason: str


class EntryDocument(Summary):
    """An entry as the API shows it (and accepts it back in a PUT)."""

    aliases: list[str]
    romanization: str | None
    romanization_system: str | None
    notes: str
    tags: list[str]
    status: str
    verified: bool
    verified_by: str | None
    verified_at: str | None
    sources: list[Source]
    affiliations: list[Affiliation]
    members: list[Member]
    related: list[Summary]
    created: str
    updated: str
    revision: int
    deleted: Deleted | None


def summary(entry: Mapping[str, Any]) -> Summary:
    """The fields every search result and entry share."""
    return Summary(
        id=entry["id"],
        kind=entry["kind"],
        english=entry["english"],
        simplified=entry["simplified"],
        traditional=entry["traditional"],
        pinyin=entry["pinyin"],
        description=entry["description"],
        url=entry["url"],
    )


def deleted_message(entry: StoredEntry) -> str:
    """Say that an entry was deleted, and why."""
    return f"entry {entry['id']} was deleted: {entry['delete_reason']}"


def entry_document(entry: StoredEntry) -> EntryDocument:
    """An entry as the API shows it (and accepts it back in a PUT)."""
    return EntryDocument(
        **summary(entry),
        aliases=entry["aliases"],
        romanization=entry["romanization"] or None,
        romanization_system=entry["romanization_system"] or None,
        notes=entry["notes"],
        tags=entry["tags"],
        status=entry["status"],
        verified=entry["verified"],
        verified_by=entry["verified_by"] or None,
        verified_at=entry["verified_at"],
        sources=[source_record(source) for source in entry["sources"]],
        affiliations=[
            Affiliation(
                organization=summary(a["entry"]),
                role=a["role"],
                as_of=a["as_of"],
                source=a["source"],
            )
            for a in entry["affiliations"]
        ],
        members=[
            Member(person=summary(a["entry"]), role=a["role"], as_of=a["as_of"])
            for a in entry["members"]
        ],
        related=[summary(r) for r in entry["related"]],
        created=entry["created"],
        updated=entry["updated"],
        revision=entry["revision"],
        deleted=(
            Deleted(at=entry["deleted"], reason=entry["delete_reason"])
            if entry["deleted"]
            else None
        ),
    )
