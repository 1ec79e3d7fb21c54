"""Exporting and importing the glossary in every registered format, for the CLI and the site.

Choosing entries goes through the site's own search; writing and reading are the formats'
(formats/, one module each, and their registry); importing what was read is
importer.import_document.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from glossary import search
from glossary.exchange import formats, importer
from glossary.model import KINDS, StoredEntry
from glossary.store import entries as stored
from glossary.store.common import reading
from glossary.store.finding import browse_ids, export_names, most_sources

if TYPE_CHECKING:
    import sqlite_utils

BATCH = 200  # entries an export reads at once (stored.get_entries)


def guess_format(filename: str) -> str | None:
    """Return the name of the format a file name's extension says, or None."""
    found = formats.from_file_name(filename)
    return found.name if found is not None else None


def found_entries(db: sqlite_utils.Database, request: search.Request) -> list[StoredEntry]:
    """Return every glossary entry a search (or browse) finds, in its order, as full entries.

    Glossary results come first, so a page as long as the glossary holds them all; the base
    dictionary's results are not glossary entries and are never exported.
    """
    everything = dataclasses.replace(request, limit=max(1, stored.count_entries(db)), offset=0)
    entries = []
    for summary in search.run(db, everything).entries:
        if summary.get("collection") != search.GLOSSARY:
            continue
        entry = stored.get_entry(db, summary["id"])
        if entry is not None and not entry["deleted"]:
            entries.append(entry)
    return entries


def found_ids(db: sqlite_utils.Database, request: search.Request) -> list[int]:
    """The ids of the glossary entries a search (or browse) finds, in its order."""
    if not request.q:
        return browse_ids(db, request.kind, request.tag, verified=request.verified)
    everything = dataclasses.replace(request, limit=max(1, stored.count_entries(db)), offset=0)
    results = search.run(db, everything).entries
    return [r["id"] for r in results if r.get("collection") == search.GLOSSARY]


def export_chunks(
    db: sqlite_utils.Database,
    request: search.Request,
    format: str,
    *,
    source: str = "en",
    target: str = "zh-Hans",
    today: str | None = None,
) -> Iterator[bytes]:
    """Write what a search (or browse) finds in a format a piece at a time, reading the
    entries as they are written, in one read transaction: the same bytes as export_bytes()
    of found_entries(), without the whole glossary in memory at once."""
    writer = formats.named(format).write
    today = today or date.today().isoformat()
    with reading(db):

        def find() -> formats.Found:
            ids = found_ids(db, request)
            key_of = dict(zip(ids, formats.entry_keys(export_names(db, ids)), strict=True))
            return formats.Found(_pairs(db, ids, key_of), key_of, most_sources(db, ids))

        export = formats.Export(find, today, source, target)
        yield from writer(export)


def _pairs(
    db: sqlite_utils.Database, ids: list[int], key_of: dict[int, str]
) -> Iterator[tuple[StoredEntry, str]]:
    """Each entry that is not deleted with its key, read BATCH at a time."""
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        entries = stored.get_entries(db, batch)
        for entry_id in batch:
            entry = entries.get(entry_id)
            if entry is not None and not entry["deleted"]:
                yield entry, key_of[entry_id]


def export_bytes(
    entries: Sequence[StoredEntry],
    format: str,
    *,
    source: str = "en",
    target: str = "zh-Hans",
    today: str | None = None,
) -> bytes:
    """Write entries in a format."""
    writer = formats.named(format).write
    today = today or date.today().isoformat()
    return b"".join(writer(formats.Export.of(entries, today, source=source, target=target)))


def export(
    entries: Sequence[StoredEntry],
    format: str,
    *,
    source: str = "en",
    target: str = "zh-Hans",
    today: str | None = None,
) -> str:
    """Write entries in a text format (json, csv, tbx, tsv): export_bytes as text."""
    written = export_bytes(entries, format, source=source, target=target, today=today)
    return written.decode("utf-8")


def download_name(format: str, *, query: str = "", entry: StoredEntry | None = None) -> str:
    """Name a download: glossary.csv, glossary-xie-feng.csv, or the entry's key."""
    if entry is not None:
        stem = formats.entry_keys([entry])[0]
    else:
        stem = "-".join(part for part in ("glossary", formats.slug(query)[:40]) if part)
    return stem + formats.named(format).extension


def import_bytes(
    db: sqlite_utils.Database,
    raw: bytes,
    format: str,
    name: str,
    *,
    dry_run: bool = False,
    on_duplicate: str = "skip",
    source: str | None = None,
    target: str | None = None,
    today: str | None = None,
    author: str = importer.COMMAND_LINE,
    verified_by: str | None = None,
    skip_invalid: bool = False,
    progress: importer.Progress | None = None,
) -> tuple[importer.Report, formats.Parsed]:
    """Read a file's bytes and import them in one transaction; raise importer.InvalidData,
    naming the line or record and the field of every problem, before writing anything.

    The revisions name the author; the file's verified marks count only with verified_by
    (see importer.import_document)."""
    today = today or date.today().isoformat()
    parsed = formats.read(raw, format, name, today, source=source, target=target)
    if progress is not None and hasattr(parsed.document.get("entries"), "__len__"):
        progress("reading", len(parsed.document["entries"]))
    if not parsed.kinds:
        _adopt_kinds(db, parsed.document["entries"])
    try:
        report = importer.import_document(
            db,
            parsed.document,
            dry_run=dry_run,
            on_duplicate=on_duplicate,
            origin=name,
            author=author,
            verified_by=verified_by,
            skip_invalid=skip_invalid,
            progress=progress,
        )
    except importer.InvalidData as error:
        raise error.located(parsed.located()) from error
    report.locate(parsed.located())
    return report, parsed


def _adopt_kinds(db: sqlite_utils.Database, records: list[dict[str, Any]]) -> None:
    """A file that says nothing of kinds (TSV): a record takes the kind of an entry with its
    characters (so that it counts as that entry's duplicate), else stays a term."""
    kinds = ("term", *(kind for kind in KINDS if kind != "term"))
    known: dict[str, set[str]] = {}  # the kinds of each spelling, read once for the file
    for record in records:
        characters = record["simplified"] or "-"
        if characters not in known:
            known[characters] = stored.kinds_with_characters(db, characters)
        record["kind"] = next((k for k in kinds if k in known[characters]), "term")
