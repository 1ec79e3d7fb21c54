"""Duplicates on import: a new record with the characters and kind of an entry already there.

`glossary import --on-duplicate skip|merge|replace` decides what happens to the entry there:
skip leaves it; merge adds the record's new aliases, sources and tags to it; replace overwrites
its fields and sources with the record's. Either change is a new revision, unverified.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NotRequired

from glossary.model import (
    FIELDS,
    Fields,
    FileAffiliation,
    Source,
    StoredEntry,
    own_fields,
    source_record,
)
from glossary.store import entries as stored

if TYPE_CHECKING:
    import sqlite_utils

CHOICES = ("skip", "merge", "replace")


class Finder:
    """Finds the duplicates of one import's new records, in work that grows with the records.

    Only entries there before the import can be duplicates (the entries it creates are the
    file's own); their ids are read once for each spelling of characters. Reading every entry
    with the characters for each record, as before, made 1,000 records sharing characters a
    million entry reads.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.up_to = stored.last_entry_id(db)
        self.candidates: dict[tuple[str, str], list[int]] = {}
        # Read ahead for the spellings of the next records (expect), until an entry that was
        # there before changes (forget): then each spelling is read when asked, as before.
        self.expected: dict[tuple[str, str], list[int]] = {}

    def expect(self, spellings: list[tuple[str, str]]) -> None:
        """Read the candidates of the next records' spellings, (kind, characters) each, in one
        query: an import asks for 1,000 at a time."""
        wanted = [spelling for spelling in spellings if spelling not in self.candidates]
        self.expected = stored.entry_ids_by_spelling(self.db, wanted, up_to=self.up_to)

    def forget(self) -> None:
        """Drop what was read ahead: an entry that was there before is about to change."""
        self.expected = {}

    def find(self, record: Mapping[str, Any], *, exclude: set[int]) -> StoredEntry | None:
        """Return the live entry with the record's characters and kind, if any, not in exclude."""
        spelling = (record["kind"], record["simplified"])
        if (ids := self.candidates.get(spelling)) is None:
            ids = self.expected.pop(spelling, None)
            if ids is None:
                ids = stored.entry_ids_with_characters(self.db, *spelling, up_to=self.up_to)
            self.candidates[spelling] = ids
        for entry_id in ids:
            if entry_id not in exclude and (entry := stored.get_entry(self.db, entry_id)):
                return entry
        return None


class Editable(Fields):
    """An entry's fields and sources: what a duplicate compares, and merges or replaces."""

    sources: list[Source]


class Revised(Editable):
    """What an existing entry becomes: its fields and sources, and the record's links (by key
    in the file), which the import sets at its end."""

    related: list[str]
    affiliations: NotRequired[list[FileAffiliation]]


def resolve(
    existing: StoredEntry, record: Mapping[str, Any], on_duplicate: str
) -> dict[str, Any] | None:
    """Return what the existing entry becomes (its record), or None when it stays as it is."""
    current = _editable(existing)
    if on_duplicate == "merge":
        revised = merged(current, record)
    elif on_duplicate == "replace":
        revised = Revised(**_editable_record(record), related=record.get("related", []))
        if "affiliations" in record:
            revised["affiliations"] = record["affiliations"]
    else:
        return None
    if all(_same(revised.get(name), current.get(name)) for name in (*FIELDS, "sources")):
        return None
    return {**revised}  # as the importer's records are: dictionaries


def merged(current: Editable, record: Mapping[str, Any]) -> Revised:
    """Add the record's new aliases, tags and sources to an entry's record."""
    cited = {(s["quote"], s["title"]) for s in current["sources"]}
    forms = {current["english"], current["simplified"], current["traditional"]}
    revised = Revised(**current, related=record.get("related", []))
    revised["aliases"] = _union(
        current["aliases"], [a for a in record.get("aliases", []) if a not in forms]
    )
    revised["tags"] = _union(current["tags"], record.get("tags", []))
    revised["sources"] = current["sources"] + [
        _source(s) for s in record["sources"] if (s["quote"], s["title"]) not in cited
    ]
    return revised


def comment(on_duplicate: str, origin: str) -> str:
    """The history comment of a revision a duplicate made."""
    done = "Merged from an import" if on_duplicate == "merge" else "Replaced by an import"
    return f"{done} of {origin}" if origin else done


def _editable(entry: StoredEntry) -> Editable:
    return Editable(**own_fields(entry), sources=[_source(s) for s in entry["sources"]])


def _editable_record(record: Mapping[str, Any]) -> Editable:
    """A record's fields and sources, a field it leaves out as an entry has it by default
    (a text left out or None is stored as "")."""
    return Editable(
        kind=record["kind"],
        english=record["english"],
        aliases=record.get("aliases", []),
        simplified=record["simplified"],
        traditional=record.get("traditional") or "",
        pinyin=record.get("pinyin") or "",
        romanization=record.get("romanization") or "",
        romanization_system=record.get("romanization_system") or "",
        description=record.get("description") or "",
        notes=record.get("notes") or "",
        tags=record.get("tags", []),
        status=record.get("status", "preferred"),
        sources=[_source(s) for s in record["sources"]],
    )


def _source(source: Mapping[str, Any]) -> Source:
    return source_record(source)


def _union(first: list[str], second: list[str]) -> list[str]:
    return first + [item for item in dict.fromkeys(second) if item not in first]


def _same(new: Any, old: Any) -> bool:
    return (new or None) == (old or None)
