"""Load glossary data files (the data/ format): validate everything, then write in one go."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, cast

from glossary.entries import stored_text
from glossary.entries.validate import check_entry
from glossary.exchange import duplicates, jsonstream, wording
from glossary.exchange.formats import json as formats_json
from glossary.exchange.formats.records import InvalidData, export_record, normalise_record, slug
from glossary.exchange.jsonstream import Entries
from glossary.exchange.wording import Refusal
from glossary.messages import N_, Problem
from glossary.model import (
    COUNTS,
    DATA_FORMAT,
    FIELDS,
    KEY_LIMIT,
    KEY_PATTERN,
    LIST_FIELDS,
    PARTS,
    SOURCE_FIELDS,
    STATUSES,
    FileAffiliation,
    FileRecord,
    StoredEntry,
)
from glossary.store import entries as stored
from glossary.store.common import transaction
from glossary.store.history import (
    SEED_AUTHOR,
    insert_imported,
    record_revisions,
    revise_from_import,
)
from glossary.store.review import set_verification
from glossary.text import hanzi, romanize

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    import sqlite_utils

# The key an entry made on the site is exported under (formats.records.entry_keys): its
# English as a slug, its id, and "-x" for each clash with another key. At most 18 digits, so
# that the id fits SQLite's integers.
SITE_KEY = re.compile(r"(?:(?P<slug>[a-z0-9-]+)-)?(?P<id>[0-9]{1,18})(?:-x)*")
# Who made an import's revisions when no account did. Neither can be an account's name (it has a
# space), so an account can never pass its imports off as the seed's.
COMMAND_LINE = "command line"
SEED = SEED_AUTHOR
# Told the phase of an import ("reading", "checking", "writing") and how many records are
# through it, after each record.
Progress = Callable[[str, int], None]


class DataDocument(TypedDict):
    """A data file as read: its format, and its records (read as they are iterated)."""

    format: str
    entries: list[FileRecord] | Entries


class ImportState(TypedDict):
    """What an import needs of the entry a record's key names (stored.import_state)."""

    id: int
    revision: int
    imported_revision: int | None
    made_on_site: NotRequired[bool]  # named by the key it was exported under


class SiteEntryState(TypedDict):
    """An entry made on the site, as stored.site_entry_state reads it."""

    id: int
    revision: int
    english: str


class Links(TypedDict):
    """A record's links, named by key: kept until every record is written."""

    affiliations: list[FileAffiliation] | None
    related: list[str]


class KeyedLinks(Links):
    """A record's links with its key, to check against the file's keys."""

    key: str


@dataclass
class Report:
    """What an import did, or would do: entry keys by outcome."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # changed by an editor since imported
    # new keys whose characters and kind an entry already has: skipped, merged or replaced
    duplicates: list[str] = field(default_factory=list)
    on_duplicate: str = "skip"
    # With skip_invalid: the problems of each record left out, naming the record and field.
    rejected: list[str] = field(default_factory=list)
    # the same, as they were found, for words in another language (not in the JSON report)
    refusals: list[Refusal] = field(default_factory=list)

    def as_json(self) -> dict[str, str | list[str]]:
        """The report as the JSON report and an import job keep it."""
        return {name: value for name, value in asdict(self).items() if name != "refusals"}

    def locate(self, located: wording.Located) -> None:
        """Name the places of the records left out as the file a reader read does."""
        self.refusals = [located.locate(refusal) for refusal in self.refusals]
        self.rejected = wording.say(self.refusals)

    def summary(self) -> str:
        """Describe the outcome in one line."""
        verb = {"skip": "skipped", "merge": "merged into them", "replace": "replaced them"}
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.kept)} kept as editors changed them, "
            f"{len(self.duplicates)} duplicates of existing entries "
            f"{verb[self.on_duplicate]}"
        ) + (f", {len(self.rejected)} problem(s) in records left out" if self.rejected else "")


def read(path: str | Path) -> DataDocument:
    """Read a data file as JSON, with a clear error when it is not JSON."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise InvalidData([f"{path}: cannot read the file as UTF-8 ({error})"]) from error
    try:
        document = jsonstream.load_utf8(raw)
    except UnicodeDecodeError:
        try:
            raw.decode("utf-8-sig")  # the error as the whole file's decoding says it
        except UnicodeDecodeError as error:
            raise InvalidData([f"{path}: cannot read the file as UTF-8 ({error})"]) from error
        raise
    except (RecursionError, ValueError) as error:
        raise formats_json.not_json(str(path), error) from error
    return cast(DataDocument, document)  # whatever the file holds: import_document checks it


def validate(document: Any) -> list[str]:
    """Return every problem in a data document, each naming the record and field."""
    return problems(document)


def problems(document: Any) -> list[str]:
    """Every problem in a data document, each naming the record and field."""
    found = document_problems(document)
    if found:
        return wording.say(found)
    return wording.say(check_records(document["entries"]).refusals())


# What a record's key must look like (the format's schema says the same).
KEY = re.compile(KEY_PATTERN)
# The fields a data file's record, source and affiliation may have.
RECORD_FIELDS = frozenset(("key", *FIELDS, "verified", *PARTS))
FILE_SOURCE_FIELDS = frozenset(SOURCE_FIELDS)
FILE_AFFILIATION_FIELDS = frozenset(("organization", "role", "as_of", "source"))
UNKNOWN = N_("is not in the glossary's format")


def document_problems(document: Any) -> list[Refusal]:
    """The problems of a data document itself (its records are checked one at a time)."""
    if not isinstance(document, Mapping):
        problem = Problem(
            (), N_("not a glossary data file (a JSON object with its format and entries)")
        )
        return [Refusal(None, None, problem)]
    found = [Problem((name,), UNKNOWN) for name in document if name not in ("format", "entries")]
    if document.get("format") != DATA_FORMAT:
        found.append(Problem(("format",), N_("must be %(format)s"), {"format": DATA_FORMAT}))
    if not isinstance(document.get("entries"), list | Entries):
        found.append(Problem(("entries",), N_("must be a list")))
    return [Refusal(None, None, problem) for problem in found]


def entry_problems(index: int, entry: Any) -> list[Refusal]:
    """Every problem of one record that the record alone shows (not its links to others),
    each with the record's place in the file, its key and the value at fault."""
    key = entry.get("key") if isinstance(entry, Mapping) else None
    key = key if isinstance(key, str) and key else None
    return [_refusal(index, key, problem, entry) for problem in record_problems(entry)]


def _refusal(index: int, key: str | None, problem: Problem, entry: Any) -> Refusal:
    """A record's problem with the text at fault (to quote) and its size (to count)."""
    value = _value_at(entry, problem.path) if problem.path else None
    size = len(value) if isinstance(value, str | list) else None
    return Refusal(index, key, problem, value if isinstance(value, str) else None, size)


def record_problems(entry: Any) -> list[Problem]:
    """A record's problems: the rule book's (validate.check_entry, as for the form and the
    API), then what only a data file has (its key, its verified mark, its fields' names, links
    named by key, lists without repeats). One problem a field."""
    if not isinstance(entry, Mapping):
        return [
            Problem((), N_("must be a record with a key, a kind, English, Chinese and sources"))
        ]
    _, found = check_entry(_as_written(entry), entry_exists=_anything, derive=False)
    paths = {problem.path for problem in found}
    found += [problem for problem in _file_problems(entry) if problem.path not in paths]
    return found


def _anything(entry_id: int, kind: str | None) -> bool:
    """Links are named by key in a data file, and checked against its keys (check_records)."""
    return True


def _as_written(entry: Mapping[str, object]) -> dict[str, object]:
    """A record as the rule book reads an editor's entry: affiliations name an organization
    (checked by key later), related entries are left to the links' check."""
    affiliations = entry.get("affiliations")
    if isinstance(affiliations, list):
        affiliations = [
            {**item, "organization_id": 0} if isinstance(item, Mapping) else item
            for item in affiliations
        ]
    return {**entry, "affiliations": affiliations, "related": []}


def _file_problems(entry: Mapping[str, Any]) -> list[Problem]:
    """What only a data file's record can get wrong."""
    found = [Problem((name,), UNKNOWN) for name in entry if name not in RECORD_FIELDS]
    key = entry.get("key")
    if key is None or key == "":
        found.append(Problem(("key",), N_("is required")))
    elif not isinstance(key, str):
        found.append(Problem(("key",), N_("must be text")))
    elif len(key) > KEY_LIMIT:
        found.append(
            Problem(("key",), N_("must be at most %(max)s characters long"), {"max": KEY_LIMIT})
        )
    elif not KEY.fullmatch(key):
        found.append(
            Problem(("key",), N_("must be lower-case letters and digits joined by hyphens"))
        )
    if not isinstance(entry.get("verified", False), bool):
        found.append(Problem(("verified",), N_("must be true or false")))
    if "status" in entry and entry["status"] not in STATUSES:
        values = {"values": ", ".join(STATUSES)}
        found.append(Problem(("status",), N_("must be one of %(values)s"), values))
    for name in (*LIST_FIELDS, *PARTS):
        if name in entry and not isinstance(entry[name], list):
            found.append(Problem((name,), N_("must be a list")))
    for name in (*LIST_FIELDS, "related"):
        found += _repeats(name, entry.get(name))
    found += _parts(entry, "sources", FILE_SOURCE_FIELDS)
    found += _parts(entry, "affiliations", FILE_AFFILIATION_FIELDS)
    for a, affiliation in enumerate(_items(entry.get("affiliations"))):
        organization = affiliation.get("organization")
        if not organization:
            found.append(Problem(("affiliations", a, "organization"), N_("is required")))
        elif not isinstance(organization, str):
            found.append(Problem(("affiliations", a, "organization"), N_("must be text")))
    return found


def _repeats(name: str, items: Any) -> list[Problem]:
    """A list of texts (aliases, tags, related keys): each non-empty text, and each once."""
    found: list[Problem] = []
    seen: set[str] = set()
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, str):
            found.append(Problem((name, index), N_("must be text")))
        elif not item.strip():
            found.append(Problem((name, index), N_("is required")))
        elif item.strip() in seen:
            found.append(Problem((name, index), N_("is listed twice")))
        else:
            seen.add(item.strip())
    return found


def _items(items: Any) -> list[Mapping[str, Any]]:
    return [item for item in items if isinstance(item, Mapping)] if isinstance(items, list) else []


def _parts(entry: Mapping[str, Any], name: str, allowed: frozenset[str]) -> list[Problem]:
    """The fields of a record's sources or affiliations that the format does not have."""
    found = []
    items = entry.get(name)
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, Mapping):
            found += [
                Problem((name, index, field), UNKNOWN) for field in item if field not in allowed
            ]
    return found


def _trimmed(entry: Mapping[str, Any]) -> FileRecord:
    """A copy of a checked record with its texts as the rule book reads them (and the form and
    the API store them): NFC (stored_text.normalise), without the spaces around them, an empty
    optional text None. A checked record's other texts are keys, which are ASCII."""
    record = {name: _trim(value) for name, value in entry.items()}
    for name in LIST_FIELDS:
        if isinstance(record.get(name), list):
            record[name] = [_trim(item) for item in record[name]]
    for name in ("sources", "affiliations"):
        if isinstance(record.get(name), list):
            record[name] = [{k: _trim(v) for k, v in item.items()} for item in record[name]]
    return cast(FileRecord, record)  # checked before it is trimmed


def _trim(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    # stripped, then NFC: the same as the other way round (white space composes with nothing)
    value = stored_text.normalise(value.strip())
    return value or None


def _value_at(entry: Any, path: tuple[str | int, ...]) -> Any:
    """The value at a path into a record, or None."""
    value = entry
    for part in path:
        if isinstance(part, int) and isinstance(value, list) and 0 <= part < len(value):
            value = value[part]
        elif isinstance(part, str) and isinstance(value, Mapping):
            value = value.get(part)
        else:
            return None
    return value


@dataclass
class Checked:
    """What checking every record of a file found: each record's problems by its place, the
    kind of each key, and the links of the records that have any (to check once all keys are
    known). Holds no record."""

    problems: dict[int, list[Refusal]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    links: list[tuple[int, KeyedLinks]] = field(default_factory=list)
    count: int = 0

    def rejected(self) -> set[int]:
        """The places of the records with problems."""
        return set(self.problems)

    def refusals(self) -> list[Refusal]:
        """Every problem, in the order of the records."""
        return [refusal for index in sorted(self.problems) for refusal in self.problems[index]]

    def messages(self) -> list[str]:
        """Every problem in English words, in the order of the records."""
        return wording.say(self.refusals())


def check_records(
    records: Iterable[Any], progress: Progress | None = None, *, parallel: bool = False
) -> Checked:
    """Check every record, one at a time (see entry_problems), then every record's links
    against the file's keys; a key given twice is a problem of its second record.

    parallel: a process of this one's (forked, so in a process that runs no other thread)
    may check the second half of a large file meanwhile (see _checked_in_two)."""
    if parallel and isinstance(records, Sized) and len(records) >= PARALLEL_FROM:
        checked = _checked_in_two(records, progress)
    else:
        checked = Checked()
        _check(records, checked, 0, None, progress)
    for index, links in checked.links:
        found = [
            _refusal(index, links["key"], problem, links)
            for problem in _link_problems(links, checked.kinds)
        ]
        if found:
            checked.problems.setdefault(index, []).extend(found)
    return checked


# Records from which a file is checked in two processes at once, when the caller allows it:
# 100,000 records take about 5 s to check, and a process costs about 0.05 s to start.
PARALLEL_FROM = 20_000


def _check(
    records: Iterable[Any],
    checked: Checked,
    start: int,
    stop: int | None,
    progress: Progress | None = None,
) -> None:
    """Check the records from start up to stop (or the end) into checked; those before start
    are read for their keys only (a key given twice is its second record's problem)."""
    for index, entry in enumerate(records):
        if stop is not None and index >= stop:
            return
        if index >= start:
            _check_one(checked, index, entry)
            if progress is not None:
                progress("checking", index + 1)
        else:
            _note_kind(checked, entry)


def _check_one(checked: Checked, index: int, entry: Any) -> None:
    """Check one record into checked."""
    checked.count += 1
    found = entry_problems(index, entry)
    if not found and entry["key"] in checked.kinds:
        problem = Problem(("key",), N_("is the key of an earlier entry too"))
        found.append(_refusal(index, entry["key"], problem, entry))
    if found:
        checked.problems[index] = found
    _note_kind(checked, entry)
    if not found and (entry.get("affiliations") or entry.get("related")):
        checked.links.append(
            (
                index,
                KeyedLinks(
                    key=entry["key"],
                    affiliations=entry.get("affiliations", []),
                    related=entry.get("related", []),
                ),
            )
        )


def _note_kind(checked: Checked, entry: Any) -> None:
    """Keep the kind of a record's key, whatever its problems: links name keys."""
    if isinstance(entry, dict) and isinstance(entry.get("key"), str):
        checked.kinds[entry["key"]] = entry.get("kind", "")


def _checked_in_two(records: Sized, progress: Progress | None) -> Checked:
    """Check the first half of records here and the second in a forked process at the same
    time (which reads the first half for its keys), then join what both found, as one process
    checking them all would have found it: the second half's problems and links after the
    first's, and every key's kind in the file's order. The worker's pinyin parses are kept
    here too (see romanize.parses_kept). Should the worker fail, its half is checked here."""
    import multiprocessing  # here: the app's start does without it

    half = len(records) // 2
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    worker = context.Process(target=_check_second_half, args=(records, half, sending))
    worker.start()
    sending.close()
    checked = Checked()
    _check(cast(Iterable[Any], records), checked, 0, half, progress)
    try:
        second, parses = receiving.recv()
    except (EOFError, OSError):
        second, parses = None, {}
    receiving.close()
    worker.join()
    if second is None:
        second = Checked()
        _check(cast(Iterable[Any], records), second, half, None, progress)
    romanize.keep_parses(parses)
    checked.problems.update(second.problems)
    checked.kinds = second.kinds  # the first half's keys, then the second's
    checked.links += second.links
    checked.count += second.count
    if progress is not None:
        progress("checking", checked.count)
    return checked


def _check_second_half(records: Iterable[Any], half: int, sending: Connection) -> None:
    """In the worker: check the records from half on and send what was found, with the
    pinyin parses read; if checking fails, send nothing (the parent then reads the end of
    the pipe and checks this half itself)."""
    try:
        with romanize.parses_kept():
            second = Checked()
            _check(records, second, half, None)
            found: tuple[Checked, dict[str, romanize.Parsed]] | None = (
                second,
                romanize.kept_parses(),
            )
    except Exception:  # noqa: BLE001  the parent then checks this half itself
        found = None
    if found is not None:
        sending.send(found)
    sending.close()


def first_problems(errors: list[str], limit: int = wording.LIMIT) -> list[str]:
    """The first limit problems, then "and N more"."""
    return wording.first(errors, limit=limit)


def _link_problems(entry: Mapping[str, Any], kinds: dict[str, str]) -> list[Problem]:
    """The problems of an entry's affiliations and related entries, against the file's keys."""
    found = []
    for a, affiliation in enumerate(entry.get("affiliations", [])):
        if kinds.get(affiliation["organization"]) != "organization":
            path: tuple[str | int, ...] = ("affiliations", a, "organization")
            found.append(Problem(path, N_("must be the key of an organization in this file")))
    for r, related in enumerate(entry.get("related", [])):
        if related not in kinds:
            found.append(Problem(("related", r), N_("must be the key of an entry in this file")))
    return found


def _unlinked(entry: Mapping[str, Any], gone: set[Any]) -> Mapping[str, Any]:
    """An entry without its links (related entries, affiliations) to records left out: the
    entry is imported, the link cannot be."""
    related = [key for key in entry.get("related", []) if key not in gone]
    affiliations = [a for a in entry.get("affiliations", []) if a["organization"] not in gone]
    if len(related) == len(entry.get("related", [])) and len(affiliations) == len(
        entry.get("affiliations", [])
    ):
        return entry
    return {**entry, "related": related, "affiliations": affiliations}


# Each record's pinyin is parsed to check it, and again, the whole file later, to index it.
@romanize.parses_kept()
def import_document(
    db: sqlite_utils.Database,
    document: Any,
    *,
    dry_run: bool = False,
    on_duplicate: str = "skip",
    origin: str = "",
    author: str = COMMAND_LINE,
    verified_by: str | None = None,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    parallel: bool = False,
) -> Report:
    """Validate a data document and write it in one transaction; raise InvalidData if invalid.

    An entry imported before is updated only while no editor has changed it since. A new entry
    with the characters and kind of an existing one is skipped, merged into it or replaces it,
    as on_duplicate says. With dry_run, report what would change and write nothing. With
    skip_invalid, write the valid records and report the others (Report.rejected); InvalidData
    then means the document itself is not one.

    Each revision written names the author (an account, or COMMAND_LINE). The file's
    "verified" marks count only when verified_by names who vouches for them (a reviewer or an
    admin); otherwise every entry the import creates or changes is unverified.

    The records flow through twice, one at a time: every one is checked before any is
    written, then they are written in the file's order (document["entries"] may be a lazy
    jsonstream.Entries, so that the file's records are never all held at once). progress, if
    given, is told the phase ("checking", "writing") and how many records are through it.
    parallel: a large file may be checked in two processes at once (see check_records); only
    for a caller that runs no other thread (the command line, an import job).
    """
    if refused := document_problems(document):
        raise InvalidData.of(refused)
    records = document["entries"]
    checked = check_records(records, progress, parallel=parallel)
    if checked.problems and not skip_invalid:
        raise InvalidData.of(checked.refusals())
    rejected = checked.rejected()
    gone = (
        {entry.get("key") for index, entry in enumerate(records) if index in rejected}
        if rejected
        else set()
    )

    def valid() -> Iterator[tuple[int, FileRecord]]:
        for index, entry in enumerate(records):
            if index in rejected:
                continue
            # a copy: the caller's records (or the next pass's) stay as they were
            entry = _trimmed(_unlinked(entry, gone) if gone else entry)
            if verified_by is None:
                entry["verified"] = False
            yield index, entry

    try:
        with transaction(db):
            size = checked.count - len(rejected)
            writer = _Writer(db, on_duplicate, author, verified_by, _linked_keys(checked))
            report = _write(writer, valid(), origin, progress, size)
            report.refusals = checked.refusals()
            report.rejected = wording.say(report.refusals)
            if dry_run:
                raise _DryRun(report)
    except _DryRun as rolled_back:
        return rolled_back.report
    return report


# Records written at a time: what the database says of them (their keys' import states, the
# entries they may duplicate) is read in a few queries for all of them, and the new entries
# among them are inserted and indexed together. Reading and writing one at a time took about
# 21 statements a record.
WRITE_BATCH = 1_000


def _linked_keys(checked: Checked) -> set[str]:
    """The keys of the records with links, and those their links name: the entries whose
    links the import may set."""
    linked = set()
    for _, links in checked.links:
        linked.add(links["key"])
        linked.update(links.get("related") or [])
        linked.update(a["organization"] for a in links.get("affiliations") or [])
    return linked


def _write(
    writer: _Writer,
    records: Iterable[tuple[int, FileRecord]],
    origin: str,
    progress: Progress | None = None,
    size: int = 0,
) -> Report:
    """Write valid records (size of them, with their places in the file), WRITE_BATCH at a
    time; their links and revisions once all are written. Keeps only ids and links, not the
    records."""
    db, on_duplicate, author = writer.db, writer.on_duplicate, writer.author
    count = 0
    deferred: AbstractContextManager[None] = nullcontext()
    if _large(size, writer.finder.up_to):
        deferred = stored.indexes_deferred(db)
    with deferred:
        for batch in _batches(records, WRITE_BATCH):
            writer.known = _Known.read(db, batch, writer.finder)
            for index, entry in batch:
                writer.write(index, entry)
                count += 1
                if progress is not None:
                    progress("writing", count)
            writer.flush()
    if count > WRITE_BATCH:
        stored.settle_full_text(db, count)
    for entry_id, record in writer.links:
        if record["affiliations"] is not None:
            stored.set_affiliations(
                db,
                entry_id,
                [
                    {**a, "organization_id": writer.ids[a["organization"]]}
                    for a in record["affiliations"]
                ],
            )
        stored.set_related(db, entry_id, [writer.ids[key] for key in record["related"]])
    edit = ("edit", duplicates.comment(on_duplicate, origin))
    changes = [
        (entry_id, *(edit if entry_id in writer.edited else ("import", "")))
        for entry_id in writer.written
        if entry_id not in writer.recorded
    ]
    record_revisions(db, changes, author)
    return writer.report


# An import of at least this many records, and of as many as half the entries there before,
# builds the indexes only searching reads (stored.DEFERRED_INDEXES) once at its end.
LARGE_IMPORT = 10_000


def _large(size: int, existing: int) -> bool:
    """Tell whether an import of size records into a glossary of about existing entries
    should build the search-only indexes at its end (sorting every row once) rather than
    as it writes (keeping the index in order as each row comes)."""
    return size >= LARGE_IMPORT and 2 * size >= existing


def _batches(
    records: Iterable[tuple[int, FileRecord]], size: int
) -> Iterator[list[tuple[int, FileRecord]]]:
    """The records, size at a time."""
    iterator = iter(records)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


class _Known:
    """What the database said of a batch's records before any was written, read in one query
    each: the import state of each key, and the live entries made on the site that keys name.
    A write to an entry there before makes what was read of it stale (forget): it is read
    again from the database, as it is then."""

    def __init__(
        self,
        states: dict[str, ImportState] | None = None,
        site: dict[int, SiteEntryState] | None = None,
    ) -> None:
        self.states = states or {}
        self.site = site or {}
        self.entries: dict[int, StoredEntry] = {}  # the entries the states name
        self.stale: set[int] = set()

    @classmethod
    def read(
        cls,
        db: sqlite_utils.Database,
        batch: list[tuple[int, FileRecord]],
        finder: duplicates.Finder,
    ) -> _Known:
        """Read what the database says of a batch's records; tell the finder their spellings."""
        states = cast(
            dict[str, ImportState], stored.import_states(db, [entry["key"] for _, entry in batch])
        )
        new = [entry for _, entry in batch if entry["key"] not in states]
        named = {int(found["id"]) for e in new if (found := SITE_KEY.fullmatch(e["key"]))}
        finder.expect([(entry["kind"], entry["simplified"]) for entry in new])
        site = cast(dict[int, SiteEntryState], stored.site_entry_states(db, sorted(named)))
        known = cls(states, site)
        known.entries = stored.get_entries(db, [state["id"] for state in states.values()])
        return known

    def forget(self, entry_id: int) -> None:
        """Mark what was read of an entry (about to change) as stale."""
        self.stale.add(entry_id)

    def import_state(self, db: sqlite_utils.Database, key: str) -> ImportState | None:
        """stored.import_state, from what was read unless it is stale."""
        state = self.states.get(key)
        if state is not None and state["id"] in self.stale:
            return cast(ImportState | None, stored.import_state(db, key))
        return state

    def entry(self, db: sqlite_utils.Database, entry_id: int) -> StoredEntry | None:
        """stored.get_entry, from what was read unless it is stale or was not read."""
        if entry_id in self.stale or entry_id not in self.entries:
            return stored.get_entry(db, entry_id)
        return self.entries[entry_id]

    def site_entry_state(self, db: sqlite_utils.Database, entry_id: int) -> SiteEntryState | None:
        """stored.site_entry_state, from what was read unless it is stale."""
        if entry_id in self.stale:
            return cast(SiteEntryState | None, stored.site_entry_state(db, entry_id))
        return self.site.get(entry_id)


class _Writer:
    """Writes an import's records in the file's order and keeps what its end needs: the ids of
    the keys, the entries written (for their revisions), and their links.

    New entries wait in `created` and are inserted together (stored.insert_entries); before
    any write to an entry that was there before, they are inserted first, so that every write
    (and each entry's id) is in the file's order, as if written one at a time."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        on_duplicate: str,
        author: str,
        verified_by: str | None,
        linked: set[str] | None = None,
    ) -> None:
        self.db, self.on_duplicate = db, on_duplicate
        # The keys of new entries whose links the import sets: their revisions are read back
        # at its end; every other new entry's is kept as it is inserted (recorded).
        self.linked = linked or set()
        self.recorded: set[int] = set()
        self.author, self.verified_by = author, verified_by
        self.report = Report(on_duplicate=on_duplicate)
        self.finder = duplicates.Finder(db)
        self.known = _Known()
        self.ids: dict[str, int] = {}
        self.written: list[int] = []
        self.edited: set[int] = set()  # existing entries a duplicate changed: "edit" revisions
        # (entry, its record's links) to set at the end
        self.links: list[tuple[int, Links]] = []
        self.own: set[int] = set()  # entries this file's keys name: never duplicates of each other
        self.created: list[FileRecord] = []

    def write(self, index: int, entry: FileRecord) -> None:
        """Write one record: create, update, keep or resolve as a duplicate, and say so in the
        report."""
        entry["traditional"] = entry.get("traditional") or hanzi.to_traditional(entry["simplified"])
        state = _state(self.db, entry["key"], self.known)
        if state is not None:
            self._write_known(entry, state)
            return
        existing = self.finder.find(entry, exclude=self.own)
        if existing is None:
            self.created.append(entry)
            self.report.created.append(entry["key"])
            return
        self.ids[entry["key"]] = existing["id"]
        self.report.duplicates.append(entry["key"])
        revised = duplicates.resolve(existing, entry, self.on_duplicate)
        if revised is not None and (too_many := _over_counts(revised, existing["id"])):
            raise InvalidData.of([Refusal(index, entry["key"], too_many)])
        if revised is not None:
            self._before_change(existing["id"])
            revise_from_import(self.db, existing, revised, author=self.author)
            self.edited.add(existing["id"])
            self._written(existing["id"], revised)

    def _write_known(self, entry: FileRecord, state: ImportState) -> None:
        """Update, or keep, the entry a record's key names."""
        key = entry["key"]
        self.ids[key] = state["id"]
        self.own.add(state["id"])
        if state["revision"] != state["imported_revision"]:
            self.report.kept.append(key)
        elif _differs(
            self.known.entry(self.db, state["id"]),
            entry,
            mind_verified=self.verified_by is not None,
        ):
            self._before_change(state["id"])
            stored.update_entry(self.db, state["id"], entry, author=self.author, imported=True)
            set_verification(self.db, state["id"], _vouched(entry, self.verified_by))
            if state.get("made_on_site"):
                # from now on it is exported under this key, whatever its English becomes
                stored.adopt_import_key(self.db, state["id"], key)
            self.report.updated.append(key)
            self._written(state["id"], entry)
        else:
            self.report.unchanged.append(key)

    def _before_change(self, entry_id: int) -> None:
        """Ready the change of an entry there before: insert the new entries waiting, and drop
        what was read of it."""
        self.flush()
        self.known.forget(entry_id)
        self.finder.forget()

    def flush(self) -> None:
        """Insert the new entries waiting, in the file's order."""
        if not self.created:
            return
        created, self.created = self.created, []
        rows = [(entry, entry["key"]) for entry in created]
        recorded = [entry["key"] not in self.linked for entry in created]
        ids = insert_imported(self.db, rows, self.author, recorded=recorded)
        self.recorded.update(i for i, kept in zip(ids, recorded, strict=True) if kept)
        for entry, entry_id in zip(created, ids, strict=True):
            self.ids[entry["key"]] = entry_id
            if entry.get("verified"):
                set_verification(self.db, entry_id, _vouched(entry, self.verified_by))
            self.own.add(entry_id)
            self._written(entry_id, entry)

    def _written(self, entry_id: int, record: Mapping[str, Any]) -> None:
        """Keep an entry written, with its record's links to set at the end."""
        self.written.append(entry_id)
        if record.get("affiliations") is not None or record.get("related"):
            kept = Links(affiliations=record.get("affiliations"), related=record.get("related", []))
            self.links.append((entry_id, kept))


def _state(db: sqlite_utils.Database, key: str, known: _Known) -> ImportState | None:
    """Return the import state of the entry a key names, or None for a new key.

    That is the entry imported under the key, else the entry made on the site whose exported
    key it is ("xie-feng-12": entry 12, while its English is still "Xie Feng"). An entry made
    on the site counts as unchanged since it was exported: what the file says is the edit.
    """
    state = known.import_state(db, key)
    if state is not None:
        return state
    found = SITE_KEY.fullmatch(key)
    if found is None:
        return None
    site = known.site_entry_state(db, int(found["id"]))
    if site is None or slug(site["english"]) != (found["slug"] or ""):
        return None
    revision = site["revision"]
    return {
        "id": site["id"],
        "revision": revision,
        "imported_revision": revision,
        "made_on_site": True,
    }


def _vouched(entry: Mapping[str, Any], verified_by: str | None) -> str:
    """Who an imported entry is verified by: verified_by if the file marks it verified and
    someone vouches for the file, else nobody ("")."""
    return (verified_by or "") if entry.get("verified") else ""


def _over_counts(record: Mapping[str, Any], entry_id: int) -> Problem | None:
    """Say which list of a record merged into an entry holds more items than an entry may."""
    for name, limit in COUNTS.items():
        if len(record.get(name) or []) > limit:
            values = {"count": len(record[name]), "id": entry_id, "max": limit}
            message = N_(
                "would have %(count)s items once merged into entry %(id)s; at most %(max)s are"
                " allowed"
            )
            return Problem((name,), message, values)
    return None


class _DryRun(Exception):
    def __init__(self, report: Report):
        self.report = report


def import_file(
    db: sqlite_utils.Database,
    path: str | Path,
    *,
    dry_run: bool = False,
    author: str = COMMAND_LINE,
    verified_by: str | None = None,
) -> Report:
    """Import a data file; with dry_run, report what would change and write nothing."""
    return import_document(db, read(path), dry_run=dry_run, author=author, verified_by=verified_by)


def load_seed(db: sqlite_utils.Database, path: str | Path) -> Report:
    """Load the shipped seed data: the project vouches for its verified marks, and its
    revisions (author SEED) are the glossary's start, not recent changes."""
    return import_file(db, path, author=SEED, verified_by=SEED)


def _differs(current: StoredEntry | None, entry: FileRecord, *, mind_verified: bool) -> bool:
    """Tell whether importing a record would change an entry (as it is now); a verified mark
    nobody vouches for is no change."""
    assert current is not None
    record = export_record(current, entry["key"])
    if not mind_verified:
        record["verified"] = False
    return record != _comparable(entry)


def _comparable(entry: Mapping[str, Any]) -> FileRecord:
    return normalise_record(entry)  # without its links: normalise_record leaves them out


def seed_if_empty(db: sqlite_utils.Database, path: str | Path) -> tuple[int, Report | None]:
    """Load the seed file when the database has no entries; return the count and the report."""
    if (count := stored.count_entries(db)) or not Path(path).exists():
        return count, None
    report = load_seed(db, path)
    return stored.count_entries(db), report
