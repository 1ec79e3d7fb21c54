"""Exporting and importing the glossary in every registered format, for the CLI and the site.

Choosing entries goes through the site's own search; writing and reading are the formats'
(formats/, one module each, and their registry); importing what was read is
importer.import_document.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from glossary import search
from glossary.exchange import formats, importer
from glossary.model import KINDS, FileRecord, StoredEntry
from glossary.store import entries as stored
from glossary.store import finding
from glossary.store.common import reading

if TYPE_CHECKING:
    import sqlite_utils

BATCH = 200  # entries an export reads at once (stored.get_entries)
FIRST_BATCH = 20  # but its first batch: the first bytes go out after these (a few ms)


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
        return list(finding.browse_ids(db, request.kind, request.tag, verified=request.verified))
    everything = dataclasses.replace(request, limit=max(1, stored.count_entries(db)), offset=0)
    results = search.run(db, everything).entries
    return [r["id"] for r in results if r.get("collection") == search.GLOSSARY]


@dataclass
class Chosen:
    """The entries an export writes: their ids in order (read as they are taken, when
    browsing), which of some ids are among them, and the most sources one of them has."""

    ids: Iterable[int]
    among: Callable[[list[int]], set[int]]
    most_sources: Callable[[], int]


def chosen(db: sqlite_utils.Database, request: search.Request) -> Chosen:
    """The entries a search (or browse) finds, for an export: a browse is read in its order
    as it is written, with nothing read of every entry before the first; a search is run
    whole (its results are ranked)."""
    kind, tag, verified = request.kind, request.tag, request.verified
    if not request.q:
        return Chosen(
            finding.browse_ids(db, kind, tag, verified=verified),
            lambda ids: finding.browsed_among(db, ids, kind, tag, verified=verified),
            lambda: finding.most_sources_browsed(db, kind, tag, verified=verified),
        )
    ids = found_ids(db, request)
    wanted = set(ids)
    return Chosen(ids, wanted.intersection, lambda: finding.most_sources(db, ids))


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
    entries BATCH at a time as they are written, in one read transaction: the same bytes as
    export_bytes() of found_entries(), with no more than a batch of entries (and the keys
    of the entries they link to) in memory at once."""
    writer = formats.named(format).write
    today = today or date.today().isoformat()
    with reading(db):

        def find() -> formats.Found:
            entries = chosen(db, request)
            key_of: dict[int, str] = {}
            return formats.Found(_pairs(db, entries, key_of), key_of, entries.most_sources)

        export = formats.Export(find, today, source, target)
        yield from writer(export)


def _pairs(
    db: sqlite_utils.Database, entries: Chosen, key_of: dict[int, str]
) -> Iterator[tuple[StoredEntry, str]]:
    """Each entry that is not deleted with its key, read BATCH at a time; key_of holds the
    keys of the batch's entries and of the exported entries they link to."""
    ids = iter(entries.ids)
    size = min(FIRST_BATCH, BATCH)
    while batch := list(itertools.islice(ids, size)):
        size = BATCH
        found = stored.get_entries(db, batch)
        live = [found[i] for i in batch if i in found and not found[i]["deleted"]]
        linked = {link for entry in live for link in _links(entry)}.difference(batch)
        names: list[finding.ExportName] = [entry for entry in live]
        if linked:
            names += finding.export_names(db, sorted(entries.among(sorted(linked))))
        key_of.clear()
        key_of.update(_keys(db, entries, names))
        for entry in live:
            yield entry, key_of[entry["id"]]


def _links(entry: StoredEntry) -> Iterator[int]:
    """The ids of the entries an entry's record links to (records.record)."""
    yield from (affiliation["entry"]["id"] for affiliation in entry["affiliations"])
    yield from (related["id"] for related in entry["related"])


def _keys(
    db: sqlite_utils.Database, entries: Chosen, names: list[finding.ExportName]
) -> dict[int, str]:
    """The key of each of some exported entries (their id, import key and English), as
    formats.entry_keys gives it with every exported entry at once: the import key, else the
    English and id, with "-x" added while an exported entry has that as its import key."""
    keys = {name["id"]: name["import_key"] for name in names if name["import_key"]}
    made = {
        name["id"]: "-".join(
            part for part in (formats.slug(name["english"]), str(name["id"])) if part
        )
        for name in names
        if not name["import_key"]
    }
    while made:
        owners = finding.import_key_owners(db, list(made.values()))
        exported = entries.among(list(owners.values())) if owners else set()
        taken = {key for key, owner in owners.items() if owner in exported}
        keys.update((entry_id, key) for entry_id, key in made.items() if key not in taken)
        made = {entry_id: key + "-x" for entry_id, key in made.items() if key in taken}
    return keys


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
    parallel: bool = False,
) -> tuple[importer.Report, formats.Parsed]:
    """Read a file's bytes and import them in one transaction; raise importer.InvalidData,
    naming the line or record and the field of every problem, before writing anything.

    The revisions name the author; the file's verified marks count only with verified_by
    (see importer.import_document), as does parallel."""
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
            parallel=parallel,
        )
    except importer.InvalidData as error:
        raise error.located(parsed.located()) from error
    report.locate(parsed.located())
    return report, parsed


def _adopt_kinds(db: sqlite_utils.Database, records: list[FileRecord]) -> None:
    """A file that says nothing of kinds (TSV): a record takes the kind of an entry with its
    characters (so that it counts as that entry's duplicate), else stays a term."""
    kinds = ("term", *(kind for kind in KINDS if kind != "term"))
    known: dict[str, set[str]] = {}  # the kinds of each spelling, read once for the file
    for record in records:
        characters = record["simplified"] or "-"
        if characters not in known:
            known[characters] = stored.kinds_with_characters(db, characters)
        record["kind"] = next((k for k in kinds if k in known[characters]), "term")
