"""What the JSON API answers with: an entry's summary, its whole document, why it is gone.

Field names are a contract. Pure: no request, no app.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from glossary.model import StoredEntry, source_record

SUMMARY_FIELDS = (
    "id",
    "kind",
    "english",
    "simplified",
    "traditional",
    "pinyin",
    "description",
    "url",
)


def summary(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The fields every search result and entry share."""
    return {name: entry[name] for name in SUMMARY_FIELDS}


def deleted_message(entry: StoredEntry) -> str:
    """Say that an entry was deleted, and why."""
    return f"entry {entry['id']} was deleted: {entry['delete_reason']}"


def entry_document(entry: StoredEntry) -> dict[str, Any]:
    """An entry as the API shows it (and accepts it back in a PUT)."""
    document = summary(entry)
    document.update(
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
            {
                "organization": summary(a["entry"]),
                "role": a["role"],
                "as_of": a["as_of"],
                "source": a["source"],
            }
            for a in entry["affiliations"]
        ],
        members=[
            {"person": summary(a["entry"]), "role": a["role"], "as_of": a["as_of"]}
            for a in entry["members"]
        ],
        related=[summary(r) for r in entry["related"]],
        created=entry["created"],
        updated=entry["updated"],
        revision=entry["revision"],
        deleted=(
            {"at": entry["deleted"], "reason": entry["delete_reason"]} if entry["deleted"] else None
        ),
    )
    return document
