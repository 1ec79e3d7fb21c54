"""Exporting and importing the glossary in JSON, CSV, TBX and TSV, for the CLI and the site.

Choosing entries goes through the site's own search; writing and reading are exporters.py,
tbx.py and readers.py; importing what was read is importer.import_document.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from glossary import search, store
from glossary.exchange import formats as readers
from glossary.exchange import importer
from glossary.exchange.formats import delimited as exporters
from glossary.exchange.formats import tbx

if TYPE_CHECKING:
    import sqlite_utils

FORMATS = exporters.FORMATS
BATCH = 200  # entries an export reads at once (store.get_entries)
EXTENSIONS = {
    ".json": "json",
    ".csv": "csv",
    ".tbx": "tbx",
    ".xml": "tbx",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "tsv",
    ".utf8": "tsv",
}


def guess_format(filename: str) -> str | None:
    """Return the format a file name's extension says, or None."""
    return EXTENSIONS.get(PurePath(filename).suffix.lower())


def found_entries(db: sqlite_utils.Database, request: search.Request) -> list[dict[str, Any]]:
    """Return every glossary entry a search (or browse) finds, in its order, as full entries.

    Glossary results come first, so a page as long as the glossary holds them all; the base
    dictionary's results are not glossary entries and are never exported.
    """
    everything = dataclasses.replace(request, limit=max(1, store.count_entries(db)), offset=0)
    entries = []
    for summary in search.run(db, everything).entries:
        if summary.get("collection") != search.GLOSSARY:
            continue
        entry = store.get_entry(db, summary["id"])
        if entry is not None and not entry["deleted"]:
            entries.append(entry)
    return entries


def found_ids(db: sqlite_utils.Database, request: search.Request) -> list[int]:
    """The ids of the glossary entries a search (or browse) finds, in its order."""
    if not request.q:
        return store.browse_ids(db, request.kind, request.tag, verified=request.verified)
    everything = dataclasses.replace(request, limit=max(1, store.count_entries(db)), offset=0)
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
) -> Iterator[str]:
    """Write what a search (or browse) finds in a format a piece at a time, reading the
    entries as they are written, in one read transaction: the same text as export() of
    found_entries(), without the whole glossary in memory at once."""
    today = today or date.today().isoformat()
    with store.reading(db):
        ids: list[int] = []
        key_of: dict[int, str] = {}

        def pairs() -> Iterator[tuple[dict[str, Any], str]]:
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                entries = store.get_entries(db, batch)
                for entry_id in batch:
                    entry = entries.get(entry_id)
                    if entry is not None and not entry["deleted"]:
                        yield entry, key_of[entry_id]

        if format == "json":  # its head is written before the entries are found
            chunks = exporters.json_chunks(pairs(), key_of)
            yield next(chunks)
        ids += found_ids(db, request)
        names = store.export_names(db, ids)
        key_of.update(zip(ids, exporters.entry_keys(names), strict=True))
        if format == "json":
            yield from chunks
        elif format == "csv":
            yield from exporters.csv_chunks(pairs(), key_of, store.most_sources(db, ids))
        elif format == "tbx":
            yield from tbx.chunks(pairs(), key_of, today)
        elif format == "tsv":
            yield from exporters.tsv_chunks((entry for entry, _ in pairs()), source, target)
        else:
            raise ValueError(f"unknown format {format!r}")


def export(
    entries: list[dict[str, Any]],
    format: str,
    *,
    source: str = "en",
    target: str = "zh-Hans",
    today: str | None = None,
) -> str:
    """Write entries in a format: json, csv, tbx or tsv."""
    keys = exporters.entry_keys(entries)
    if format == "json":
        return exporters.to_json(entries, keys)
    if format == "csv":
        return exporters.to_csv(entries, keys)
    if format == "tbx":
        return tbx.write(entries, keys, today or date.today().isoformat())
    if format == "tsv":
        return exporters.to_tsv(entries, source, target)
    raise ValueError(f"unknown format {format!r}")


def download_name(format: str, *, query: str = "", entry: dict[str, Any] | None = None) -> str:
    """Name a download: glossary.csv, glossary-xie-feng.csv, or the entry's key."""
    if entry is not None:
        stem = exporters.entry_keys([entry])[0]
    else:
        stem = "-".join(part for part in ("glossary", exporters.slug(query)[:40]) if part)
    return f"{stem}.{format}"


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
) -> tuple[importer.Report, readers.Parsed]:
    """Read a file's bytes and import them in one transaction; raise importer.InvalidData,
    naming the line or record and the field of every problem, before writing anything.

    The revisions name the author; the file's verified marks count only with verified_by
    (see importer.import_document)."""
    today = today or date.today().isoformat()
    parsed = readers.read(raw, format, name, today, source=source, target=target)
    if progress is not None and hasattr(parsed.document.get("entries"), "__len__"):
        progress("reading", len(parsed.document["entries"]))
    if format == "tsv":
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
        raise importer.InvalidData(parsed.relabel(error.errors)) from error
    report.rejected = parsed.relabel(report.rejected)
    return report, parsed


def _adopt_kinds(db: sqlite_utils.Database, records: list[dict[str, Any]]) -> None:
    """TSV says nothing of kinds: a record takes the kind of an entry with its characters
    (so that it counts as that entry's duplicate), else stays a term."""
    kinds = ("term", *(kind for kind in store.KINDS if kind != "term"))
    known: dict[str, set[str]] = {}  # the kinds of each spelling, read once for the file
    for record in records:
        characters = record["simplified"] or "-"
        if characters not in known:
            known[characters] = store.kinds_with_characters(db, characters)
        record["kind"] = next((k for k in kinds if k in known[characters]), "term")
