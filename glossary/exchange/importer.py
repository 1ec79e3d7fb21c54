"""Load glossary data files (the data/ format): validate everything, then write in one go."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary.entries import service, stored_text
from glossary.entries.validate import pinyin_problem, real_date
from glossary.exchange import duplicates, jsonstream
from glossary.exchange.formats.records import InvalidData, export_record, normalise_record, slug
from glossary.exchange.jsonstream import Entries
from glossary.model import COUNTS, StoredEntry
from glossary.store import entries as stored
from glossary.store.common import transaction
from glossary.store.history import SEED_AUTHOR, revise_from_import
from glossary.store.review import set_verification
from glossary.text import hanzi

if TYPE_CHECKING:
    import sqlite_utils

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema.json"
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

    def summary(self) -> str:
        """Describe the outcome in one line."""
        verb = {"skip": "skipped", "merge": "merged into them", "replace": "replaced them"}
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.kept)} kept as editors changed them, "
            f"{len(self.duplicates)} duplicates of existing entries "
            f"{verb[self.on_duplicate]}"
        ) + (f", {len(self.rejected)} problem(s) in records left out" if self.rejected else "")


def read(path: str | Path) -> dict[str, Any]:
    """Read a data file as JSON, with a clear error when it is not JSON."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidData([f"{path}: cannot read the file as UTF-8 ({error})"]) from error
    try:
        document = jsonstream.loads(text)
    except RecursionError as error:
        raise InvalidData([f"{path}: not valid JSON (nested too deeply)"]) from error
    except (json.JSONDecodeError, ValueError) as error:
        raise InvalidData([f"{path}: not valid JSON ({error})"]) from error
    return document


def validate(document: Any) -> list[str]:
    """Return every problem in a data document, each naming the record and field."""
    return problems(document)


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text())
    return schema


@lru_cache(maxsize=1)
def _fast_check() -> Callable[[Any], Any]:
    """The schema compiled by fastjsonschema: it says only whether a document is valid (and
    its first problem), 30 times faster than jsonschema, which words every problem."""
    import fastjsonschema

    # fastjsonschema reads draft 7: its definitions are draft 2020-12's $defs, and the
    # relative $id would be fetched as a URL.
    text = json.dumps({k: v for k, v in _schema().items() if k not in ("$id", "$schema")})
    draft7 = json.loads(
        text.replace('"$defs"', '"definitions"').replace("#/$defs/", "#/definitions/")
    )
    return fastjsonschema.compile(draft7)  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _fast_entry_check() -> Callable[[Any], Any]:
    """The schema of one entry, compiled by fastjsonschema (see _fast_check)."""
    import fastjsonschema

    schema = _schema()
    text = json.dumps({"$defs": schema["$defs"], "$ref": "#/$defs/entry"})
    draft7 = json.loads(
        text.replace('"$defs"', '"definitions"').replace("#/$defs/", "#/definitions/")
    )
    return fastjsonschema.compile(draft7)  # type: ignore[no-any-return]


def _schema_problems(document: Any) -> list[str]:
    """The schema's problems with a document, its entries left out (each is checked alone)."""
    head = document
    if isinstance(document, dict) and isinstance(document.get("entries"), list | Entries):
        head = {**document, "entries": []}
    import fastjsonschema

    try:
        _fast_check()(head)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    import jsonschema  # a tenth of a second to import: only when a document has problems

    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(head), key=lambda e: list(e.absolute_path))
    return [f"{_where(head, list(error.absolute_path))}: {_in_words(error)}" for error in errors]


def _entry_schema_problems(index: int, entry: Any) -> list[str]:
    """The schema's problems with one entry, each naming it and the field."""
    import fastjsonschema

    try:
        _fast_entry_check()(entry)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    import jsonschema

    schema = {"$defs": _schema()["$defs"], "$ref": "#/$defs/entry"}
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(entry), key=lambda e: list(e.absolute_path))
    return [
        f"{_where_in(index, entry, list(error.absolute_path))}: {_in_words(error)}"
        for error in errors
    ]


def entry_problems(index: int, entry: Any) -> list[str]:
    """Every problem of one record that the record alone shows (not its links), each naming
    the record (by its place in the file) and the field."""
    found = _entry_schema_problems(index, entry)
    if found:
        return found
    found = [
        f"{_where_in(index, entry, list(path))}: {problem}"
        for path, problem in stored_text.problems(entry)
    ]
    if found:
        return found
    where = _record(index, entry)
    for name in ("simplified", "traditional"):
        if entry.get(name) and not hanzi.has_cjk(entry[name]):
            found.append(f"{where}: field '{name}': must contain Chinese characters")
    characters = f"{entry.get('simplified') or ''} {entry.get('traditional') or ''}"
    if entry.get("pinyin") and pinyin_problem(entry["pinyin"], characters) is not None:
        found.append(f"{where}: field 'pinyin': {entry['pinyin']!r} is not Hanyu Pinyin")
    for s, source in enumerate(entry["sources"]):
        for name in ("published", "accessed"):
            if source.get(name) and not real_date(source[name]):
                found.append(f"{where}: field 'sources[{s}].{name}': no such date")
    return found


@dataclass
class Checked:
    """What checking every record of a file found: each record's problems by its place, the
    kind of each key, and the links of the records that have any (to check once all keys are
    known). Holds no record."""

    problems: dict[int, list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    links: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    count: int = 0

    def rejected(self) -> set[int]:
        """The places of the records with problems."""
        return set(self.problems)

    def messages(self) -> list[str]:
        """Every problem, in the order of the records."""
        return [message for index in sorted(self.problems) for message in self.problems[index]]


def check_records(records: Iterable[Any], progress: Progress | None = None) -> Checked:
    """Check every record, one at a time (see entry_problems), then every record's links
    against the file's keys; a key given twice is a problem of its second record."""
    checked = Checked()
    for index, entry in enumerate(records):
        checked.count += 1
        found = entry_problems(index, entry)
        if not found and entry["key"] in checked.kinds:
            where = _record(index, entry)
            found.append(f"{where}: field 'key': duplicate key {entry['key']!r}")
        if found:
            checked.problems[index] = found
        if isinstance(entry, dict) and isinstance(entry.get("key"), str):
            checked.kinds[entry["key"]] = entry.get("kind", "")
        if not found and (entry.get("affiliations") or entry.get("related")):
            links = {name: entry.get(name, []) for name in ("affiliations", "related")}
            checked.links.append((index, {**links, **_naming(entry)}))
        if progress is not None:
            progress("checking", index + 1)
    for index, links in checked.links:
        where = _record(index, links)
        found = [f"{where}: {problem}" for problem in _link_problems(links, checked.kinds)]
        if found:
            checked.problems.setdefault(index, []).extend(found)
    return checked


def _naming(entry: dict[str, Any]) -> dict[str, Any]:
    """What _link_problems and _record read of an entry besides its links."""
    return {"key": entry["key"], "kind": entry["kind"], "sources": [None] * len(entry["sources"])}


def problems(document: Any) -> list[str]:
    """Every problem in a data document, each naming the record and field."""
    found = _schema_problems(document)
    if found:
        return found
    return check_records(document["entries"]).messages()


# What a schema error means, in the words of the person who wrote the file.
PATTERNS = {
    "^[0-9]{4}": "is not a date such as 2026, 2026-05 or 2026-05-12",
    "^https?://": "is not a web address starting with http:// or https://",
    "^[a-z0-9]+": "is not a key of lower-case letters, digits and hyphens",
}
TYPES = {
    "string": "text",
    "array": "a list",
    "boolean": "yes or no",
    "integer": "a whole number",
    "object": "a record",
    "null": "empty",
}


def _in_words(error: Any) -> str:
    """Say what a jsonschema error means without JSON Schema's words ("should be non-empty")."""
    value, expected = error.instance, error.validator_value
    shown = repr(value) if isinstance(value, str) and len(value) <= 60 else "the value"
    if error.validator == "minLength" and value == "":
        return "is empty"
    if error.validator == "minLength":
        return f"{shown} is shorter than {expected} characters"
    if error.validator == "maxLength":
        return f"is {len(value)} characters long; at most {expected} are allowed"
    if error.validator == "minItems":
        return f"needs at least {expected}" if expected != 1 else "needs at least one"
    if error.validator == "maxItems":
        return f"has {len(value)} items; at most {expected} are allowed"
    if error.validator == "required":
        missing = [name for name in expected if name not in value]
        return "is missing " + ", ".join(f"'{name}'" for name in missing)
    if error.validator == "additionalProperties":
        unknown = sorted(set(value) - set(error.schema.get("properties", {})))
        return "has fields the format does not know: " + ", ".join(unknown)
    if error.validator == "enum":
        return f"{shown} is not one of: " + ", ".join(str(v) for v in expected)
    if error.validator == "const":
        return f"{shown} should be {expected!r}"
    if error.validator == "pattern":
        meanings = (m for p, m in PATTERNS.items() if expected.startswith(p))
        return f"{shown} {next(meanings, 'is not in the expected form')}"
    if error.validator == "type":
        kinds = expected if isinstance(expected, list) else [expected]
        return "must be " + " or ".join(TYPES.get(str(k), str(k)) for k in kinds)
    if error.validator == "uniqueItems":
        return "lists the same item twice"
    if error.validator == "minimum":
        return f"must be {expected} or more"
    return "is not valid here"


def first_problems(errors: list[str], limit: int = 20) -> list[str]:
    """The first limit problems, then "and N more"."""
    if len(errors) <= limit:
        return errors
    return [*errors[:limit], f"and {len(errors) - limit} more"]


def _link_problems(entry: dict[str, Any], kinds: dict[str, str]) -> list[str]:
    """The problems of an entry's affiliations and related entries, against the file's keys."""
    found = []
    for a, affiliation in enumerate(entry.get("affiliations", [])):
        if entry["kind"] != "person":
            found.append("field 'affiliations': only a person has affiliations")
        target = affiliation["organization"]
        if kinds.get(target) != "organization":
            found.append(
                f"field 'affiliations[{a}].organization': "
                f"{target!r} is not an organization in this file"
            )
        if affiliation.get("as_of") and not real_date(affiliation["as_of"]):
            found.append(f"field 'affiliations[{a}].as_of': no such date")
        source = affiliation.get("source")
        if source is not None and source >= len(entry["sources"]):
            found.append(f"field 'affiliations[{a}].source': no source {source}")
    for related in entry.get("related", []):
        if related not in kinds:
            found.append(f"field 'related': no entry with key {related!r}")
    return found


def _unlinked(entry: dict[str, Any], gone: set[Any]) -> dict[str, Any]:
    """An entry without its links (related entries, affiliations) to records left out: the
    entry is imported, the link cannot be."""
    related = [key for key in entry.get("related", []) if key not in gone]
    affiliations = [a for a in entry.get("affiliations", []) if a["organization"] not in gone]
    if len(related) == len(entry.get("related", [])) and len(affiliations) == len(
        entry.get("affiliations", [])
    ):
        return entry
    return {**entry, "related": related, "affiliations": affiliations}


def _record(index: int, entry: Any) -> str:
    key = entry.get("key") if isinstance(entry, dict) else None
    return f"entry {index + 1}" + (f" ({key})" if isinstance(key, str) else "")


def _where_in(index: int, entry: Any, path: list[Any]) -> str:
    """Name a place in the index-th entry: "entry 3 (key): field 'sources[0].title'"."""
    field_name = path[0] if path else None
    detail = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[1:])
    label = _record(index, entry)
    return f"{label}: field '{field_name}{detail}'" if field_name else label


def _where(document: Any, path: list[Any]) -> str:
    if len(path) >= 2 and path[0] == "entries" and isinstance(path[1], int):
        return _where_in(path[1], document["entries"][path[1]], path[2:])
    return "document" + "".join(f"[{p!r}]" for p in path)


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
    """
    if errors := _schema_problems(document):
        raise InvalidData(errors)
    records = document["entries"]
    checked = check_records(records, progress)
    if checked.problems and not skip_invalid:
        raise InvalidData(checked.messages())
    rejected = checked.rejected()
    gone = (
        {entry.get("key") for index, entry in enumerate(records) if index in rejected}
        if rejected
        else set()
    )

    def valid() -> Iterator[tuple[int, dict[str, Any]]]:
        for index, entry in enumerate(records):
            if index in rejected:
                continue
            # a copy: the caller's records (or the next pass's) stay as they were
            entry = dict(stored_text.normalised(_unlinked(entry, gone) if gone else entry))
            if verified_by is None:
                entry["verified"] = False
            yield index, entry

    try:
        with transaction(db):
            size = checked.count - len(rejected)
            report = _write(db, valid(), on_duplicate, origin, author, verified_by, progress, size)
            report.rejected = checked.messages()
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


def _write(
    db: sqlite_utils.Database,
    records: Iterable[tuple[int, dict[str, Any]]],
    on_duplicate: str,
    origin: str,
    author: str,
    verified_by: str | None,
    progress: Progress | None = None,
    size: int = 0,
) -> Report:
    """Write valid records (size of them, with their places in the file), WRITE_BATCH at a
    time; their links and revisions once all are written. Keeps only ids and links, not the
    records."""
    writer = _Writer(db, on_duplicate, author, verified_by)
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
        stored.settle_full_text(db)
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
    ]
    service.record_revisions(db, changes, author=author)
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
    records: Iterable[tuple[int, dict[str, Any]]], size: int
) -> Iterator[list[tuple[int, dict[str, Any]]]]:
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
        self, states: dict[str, dict[str, Any]] | None = None, site: dict[int, Any] | None = None
    ) -> None:
        self.states = states or {}
        self.site = site or {}
        self.entries: dict[int, StoredEntry] = {}  # the entries the states name
        self.stale: set[int] = set()

    @classmethod
    def read(
        cls,
        db: sqlite_utils.Database,
        batch: list[tuple[int, dict[str, Any]]],
        finder: duplicates.Finder,
    ) -> _Known:
        """Read what the database says of a batch's records; tell the finder their spellings."""
        states = stored.import_states(db, [entry["key"] for _, entry in batch])
        new = [entry for _, entry in batch if entry["key"] not in states]
        named = {int(found["id"]) for e in new if (found := SITE_KEY.fullmatch(e["key"]))}
        finder.expect([(entry["kind"], entry["simplified"]) for entry in new])
        known = cls(states, stored.site_entry_states(db, sorted(named)))
        known.entries = stored.get_entries(db, [state["id"] for state in states.values()])
        return known

    def forget(self, entry_id: int) -> None:
        """Mark what was read of an entry (about to change) as stale."""
        self.stale.add(entry_id)

    def import_state(self, db: sqlite_utils.Database, key: str) -> dict[str, Any] | None:
        """stored.import_state, from what was read unless it is stale."""
        state = self.states.get(key)
        if state is not None and state["id"] in self.stale:
            return stored.import_state(db, key)
        return state

    def entry(self, db: sqlite_utils.Database, entry_id: int) -> StoredEntry | None:
        """stored.get_entry, from what was read unless it is stale or was not read."""
        if entry_id in self.stale or entry_id not in self.entries:
            return stored.get_entry(db, entry_id)
        return self.entries[entry_id]

    def site_entry_state(self, db: sqlite_utils.Database, entry_id: int) -> dict[str, Any] | None:
        """stored.site_entry_state, from what was read unless it is stale."""
        if entry_id in self.stale:
            return stored.site_entry_state(db, entry_id)
        return self.site.get(entry_id)  # type: ignore[no-any-return]


class _Writer:
    """Writes an import's records in the file's order and keeps what its end needs: the ids of
    the keys, the entries written (for their revisions), and their links.

    New entries wait in `created` and are inserted together (stored.insert_entries); before
    any write to an entry that was there before, they are inserted first, so that every write
    (and each entry's id) is in the file's order, as if written one at a time."""

    def __init__(
        self, db: sqlite_utils.Database, on_duplicate: str, author: str, verified_by: str | None
    ) -> None:
        self.db, self.on_duplicate = db, on_duplicate
        self.author, self.verified_by = author, verified_by
        self.report = Report(on_duplicate=on_duplicate)
        self.finder = duplicates.Finder(db)
        self.known = _Known()
        self.ids: dict[str, int] = {}
        self.written: list[int] = []
        self.edited: set[int] = set()  # existing entries a duplicate changed: "edit" revisions
        # (entry, its record's links) to set at the end
        self.links: list[tuple[int, dict[str, Any]]] = []
        self.own: set[int] = set()  # entries this file's keys name: never duplicates of each other
        self.created: list[dict[str, Any]] = []

    def write(self, index: int, entry: dict[str, Any]) -> None:
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
        if revised is not None and (too_many := _over_counts(revised)):
            raise InvalidData(
                [f"{_record(index, entry)}: merged into entry {existing['id']}, {too_many}"]
            )
        if revised is not None:
            self._before_change(existing["id"])
            revise_from_import(self.db, existing, revised, author=self.author)
            self.edited.add(existing["id"])
            self._written(existing["id"], revised)

    def _write_known(self, entry: dict[str, Any], state: dict[str, Any]) -> None:
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
        for entry, entry_id in zip(
            created, stored.insert_entries(self.db, rows, self.author), strict=True
        ):
            self.ids[entry["key"]] = entry_id
            if entry.get("verified"):
                set_verification(self.db, entry_id, _vouched(entry, self.verified_by))
            self.own.add(entry_id)
            self._written(entry_id, entry)

    def _written(self, entry_id: int, record: dict[str, Any]) -> None:
        """Keep an entry written, with its record's links to set at the end."""
        self.written.append(entry_id)
        if record.get("affiliations") is not None or record.get("related"):
            kept = {
                "affiliations": record.get("affiliations"),
                "related": record.get("related", []),
            }
            self.links.append((entry_id, kept))


def _state(db: sqlite_utils.Database, key: str, known: _Known) -> dict[str, Any] | None:
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


def _vouched(entry: dict[str, Any], verified_by: str | None) -> str:
    """Who an imported entry is verified by: verified_by if the file marks it verified and
    someone vouches for the file, else nobody ("")."""
    return (verified_by or "") if entry.get("verified") else ""


def _over_counts(record: dict[str, Any]) -> str:
    """Say which list of a merged record holds more items than an entry may, or ""."""
    for name, limit in COUNTS.items():
        if len(record.get(name) or []) > limit:
            return f"it would have {len(record[name])} {name}; at most {limit} are allowed"
    return ""


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


def _differs(current: StoredEntry | None, entry: dict[str, Any], *, mind_verified: bool) -> bool:
    """Tell whether importing a record would change an entry (as it is now); a verified mark
    nobody vouches for is no change."""
    assert current is not None
    record = export_record(current, entry["key"])
    if not mind_verified:
        record["verified"] = False
    return record != _comparable(entry)


def _comparable(entry: dict[str, Any]) -> dict[str, Any]:
    record = {k: v for k, v in entry.items() if k not in ("affiliations", "related")}
    return normalise_record(record)


def seed_if_empty(db: sqlite_utils.Database, path: str | Path) -> tuple[int, Report | None]:
    """Load the seed file when the database has no entries; return the count and the report."""
    if (count := stored.count_entries(db)) or not Path(path).exists():
        return count, None
    report = load_seed(db, path)
    return stored.count_entries(db), report
