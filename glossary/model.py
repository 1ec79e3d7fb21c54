"""The entry as a typed record: its kinds, statuses, fields and limits, written once.

Everything that lists an entry's fields or keeps to its limits reads them here: the rule book
(entries/validate.py), the store's revisions, the formats, the API and its OpenAPI description,
and the data schema (glossary/schema.json, generated from this module by `make schema`).
Imports nothing else of the package.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any, NotRequired, Required, TypedDict


class Kind(StrEnum):
    """What an entry names. Stored, exported and sent in JSON as its value."""

    PERSON = "person"
    ORGANIZATION = "organization"
    TERM = "term"  # a word or phrase of policy, law or science
    PLACE = "place"
    DOCUMENT = "document"  # a law, a plan, a speech, a white paper
    EVENT = "event"


class Status(StrEnum):
    """How an entry's rendering stands (as in TBX's normative authorization)."""

    PREFERRED = "preferred"  # the rendering to use
    ADMITTED = "admitted"  # acceptable, beside a preferred one
    DEPRECATED = "deprecated"  # seen in use, not to be used


# As plain strings, for lists of choices (click takes an enum's member names, not values).
KINDS: tuple[str, ...] = tuple(kind.value for kind in Kind)
STATUSES: tuple[str, ...] = tuple(status.value for status in Status)


class Source(TypedDict):
    """Where an entry's rendering was found: the quotation and the publication it is from."""

    quote: str
    quote_zh: str | None
    title: str
    publisher: str | None
    url: str | None
    published: str  # a partial ISO date: 2026, 2026-05, 2026-05-12
    accessed: str | None


class Affiliation(TypedDict):
    """A person's place in an organization, as the record keeps it."""

    organization_id: int
    role: str | None
    as_of: str | None  # a partial ISO date
    source: int | None  # the index of the entry's source that says so


class Forms(TypedDict):
    """How an entry is written, every way: its kind and the forms of its name."""

    kind: str  # a Kind's value
    english: str
    aliases: list[str]
    simplified: str
    traditional: str
    pinyin: str
    romanization: str


class Fields(Forms):
    """An entry's own fields, in the order revisions keep them: all but its parts (sources,
    affiliations, related), whose shape differs between the record and the stored entry."""

    romanization_system: str
    description: str
    notes: str
    tags: list[str]
    status: str  # a Status's value


class Entry(Fields):
    """The editable state of an entry: what the rule book returns, a revision keeps and the
    form edits. Links name other entries by id."""

    sources: list[Source]
    affiliations: list[Affiliation]
    related: list[int]


class Summary(TypedDict):
    """How a stored entry names another (an affiliation's other side, a related entry), and
    what a search result shows of it."""

    id: int
    kind: str | None  # a Kind's value; None for a base dictionary's entry (a search's Hit)
    english: str
    simplified: str
    traditional: str
    pinyin: str
    description: str
    romanization: str
    url: str  # the path of its page: /entries/4


class Match(TypedDict):
    """How a search result matched: its band (exact, prefix, words…, as keys numbers them),
    the field and form matched, and the romanization system that form is written in."""

    field: str
    form: str
    band: int
    system: str | None


class Hit(Summary):
    """A row of a search's (or browsing's) page, a glossary entry or a base dictionary's.

    The store reads the band, field and form each matched by; search.run moves them into
    `match` and says which collection the entry is from."""

    verified: int  # 1 or 0 as SQLite reads it (False for a dictionary's entry)
    collection: NotRequired[str]  # "glossary" or a dictionary's name
    band: NotRequired[int]
    matched_field: NotRequired[str]
    matched_form: NotRequired[str]
    match: NotRequired[Match]


class StoredSource(Source):
    """A source as the store reads it back."""

    id: int


class Citation(TypedDict):
    """The source an affiliation cites, as the entry's page shows it."""

    title: str
    publisher: str | None
    url: str | None
    published: str


class Link(TypedDict):
    """An affiliation (of a person) or a membership (of an organization) as the store reads
    it: the entry on the other side, and the source that says so."""

    role: str | None
    as_of: str | None
    entry: Summary
    source: Citation | None
    source_index: int | None


class StoredEntry(Fields):
    """An entry as the store reads it (store.get_entry): its fields, its state and history
    marks, its sources, and the entries it links to, named by their summaries."""

    id: int
    verified: bool
    verified_by: str
    verified_at: str | None
    created: str
    updated: str
    updated_by: str
    revision: int
    deleted: str | None  # when it was deleted, or None while it is live
    delete_reason: str
    import_key: str | None
    imported_revision: int | None
    url: str
    sources: list[StoredSource]
    affiliations: list[Link]
    members: list[Link]
    related: list[Summary]


class FileSource(TypedDict, total=False):
    """A source as a data file writes it: its optional fields may be left out."""

    quote: Required[str]
    quote_zh: str | None
    title: Required[str]
    publisher: str | None
    url: str | None
    published: Required[str]
    accessed: str | None


class FileAffiliation(TypedDict, total=False):
    """An affiliation as a data file writes it: the organization is another record's key."""

    organization: Required[str]
    role: str | None
    as_of: str | None
    source: int | None  # the index of the record's source that says so


class FileRecord(TypedDict, total=False):
    """An entry as a data file writes it (data/, `glossary import`, every format's reader, the
    importer): its key in the file, optional fields left out or None, links named by key."""

    key: Required[str]
    kind: Required[str]
    english: Required[str]
    aliases: list[str]
    simplified: Required[str]
    traditional: str | None
    pinyin: str | None
    romanization: str | None
    romanization_system: str | None
    description: str | None
    notes: str | None
    tags: list[str]
    status: str
    verified: bool
    sources: Required[list[FileSource]]
    affiliations: list[FileAffiliation]
    related: list[str]


class DataFile(TypedDict):
    """A data file as the glossary writes it: data/glossary.json, `glossary export --format
    json`."""

    format: str  # DATA_FORMAT
    entries: list[FileRecord]


# A JSON object as a file or a request holds it, not yet checked: its values are whatever
# JSON allows, until the rule book (or the importer) has read them.
JSONObject = dict[str, Any]

PARTS = ("sources", "affiliations", "related")  # the lists of records and links
# The entry's own fields, in the order revisions keep them (without its parts).
FIELDS: tuple[str, ...] = tuple(Fields.__annotations__)
LIST_FIELDS = ("aliases", "tags")  # lists of texts
SOURCE_FIELDS: tuple[str, ...] = tuple(Source.__annotations__)
AFFILIATION_FIELDS: tuple[str, ...] = tuple(Affiliation.__annotations__)
REQUIRED = ("kind", "english", "simplified", "sources")  # an entry's; a source's below
SOURCE_REQUIRED = ("quote", "title", "published")

LIMITS = {  # characters, by field name; aliases[0] is limited as "aliases", sources[0].url as "url"
    "english": 500,
    "simplified": 200,
    "traditional": 200,
    "pinyin": 1000,
    "romanization": 500,
    "romanization_system": 100,
    "description": 500,
    "notes": 4000,
    "quote": 4000,
    "quote_zh": 4000,
    "title": 500,
    "publisher": 500,
    "url": 2000,
    "role": 200,
    "aliases": 500,
    "tags": 100,
    "comment": 500,
}
DEFAULT_LIMIT = 500  # of a text with no limit of its own (an as_of date, a reason's rule)
COUNTS = {  # the most items of each list an entry holds: the form, the API and every import
    "aliases": 50,
    "tags": 20,
    "sources": 50,
    "affiliations": 50,
    "related": 50,
}
KEY_LIMIT = 100  # an entry's key in a data file
DATA_FORMAT = "glossary/1"  # the data file's format, its "format" and the schema's $id
# A glossary entry's `collection` among search results; a dictionary's is its own name.
GLOSSARY = "glossary"


def source_record(source: Mapping[str, Any]) -> Source:
    """A source's fields (of a stored source, say), as the record keeps them."""
    return Source(
        quote=source["quote"],
        quote_zh=source.get("quote_zh"),
        title=source["title"],
        publisher=source.get("publisher"),
        url=source.get("url"),
        published=source["published"],
        accessed=source.get("accessed"),
    )


def own_fields(entry: Mapping[str, Any]) -> Fields:
    """An entry's own fields (of a stored entry, say), in the order revisions keep them."""
    return Fields(
        kind=entry["kind"],
        english=entry["english"],
        aliases=entry["aliases"],
        simplified=entry["simplified"],
        traditional=entry["traditional"],
        pinyin=entry["pinyin"],
        romanization=entry["romanization"],
        romanization_system=entry["romanization_system"],
        description=entry["description"],
        notes=entry["notes"],
        tags=entry["tags"],
        status=entry["status"],
    )


def limit(name: str) -> int:
    """The most characters a field may hold."""
    return LIMITS.get(name, DEFAULT_LIMIT)


def empty_entry() -> Entry:
    """An entry with every field blank: the shape every record starts from."""
    return Entry(
        kind=Kind.TERM,
        english="",
        aliases=[],
        simplified="",
        traditional="",
        pinyin="",
        romanization="",
        romanization_system="",
        description="",
        notes="",
        tags=[],
        status=Status.PREFERRED,
        sources=[],
        affiliations=[],
        related=[],
    )


# The data file's schema (JSON Schema 2020-12), built from the fields and limits above --------

DATE_PATTERN = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
URL_PATTERN = "^https?://[^\\s]+$"
KEY_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
DESCRIPTIONS = {
    "simplified": "Simplified characters; must contain at least one CJK ideograph (checked in"
    " code).",
    "romanization": "The person's or body's own published romanization when it is not Hanyu"
    " Pinyin (Tsai Ing-wen, Carrie Lam).",
    "romanization_system": "What that romanization is: own usage, Wade–Giles, Cantonese (Hong"
    " Kong), postal…",
}
Schema = JSONObject
SCHEMA_PATH = Path(__file__).resolve().parent / "schema.json"


def _text(name: str, *, required: bool) -> Schema:
    schema: Schema = {"type": "string"} if required else {"type": ["string", "null"]}
    if required:
        schema["minLength"] = 1
    schema["maxLength"] = limit(name)
    if name in DESCRIPTIONS:
        schema = {"description": DESCRIPTIONS[name], **schema}
    return schema


def _texts(name: str) -> Schema:
    item = {"type": "string", "minLength": 1, "maxLength": limit(name)}
    return {"type": "array", "items": item, "uniqueItems": True, "maxItems": COUNTS[name]}


def _date(*, required: bool) -> Schema:
    date = {"$ref": "#/$defs/date"}
    return date if required else {"oneOf": [date, {"type": "null"}]}


def _source_schema() -> Schema:
    properties: Schema = {}
    for name in SOURCE_FIELDS:
        if name in ("published", "accessed"):
            properties[name] = _date(required=name in SOURCE_REQUIRED)
        else:
            properties[name] = _text(name, required=name in SOURCE_REQUIRED)
    properties["url"]["pattern"] = URL_PATTERN
    return {
        "type": "object",
        "required": list(SOURCE_REQUIRED),
        "additionalProperties": False,
        "properties": properties,
    }


def _affiliation_schema() -> Schema:
    return {
        "type": "object",
        "required": ["organization"],
        "additionalProperties": False,
        "properties": {
            "organization": {
                "description": "The key of an organization entry in the same file.",
                "type": "string",
            },
            "role": _text("role", required=False),
            "as_of": _date(required=False),
            "source": {
                "description": "Index into this entry's sources of the source that states it.",
                "type": ["integer", "null"],
                "minimum": 0,
            },
        },
    }


def _entry_schema() -> Schema:
    properties: Schema = {
        "key": {
            "description": "Stable identifier within the data file, lower-case with hyphens.",
            "type": "string",
            "pattern": KEY_PATTERN,
            "maxLength": KEY_LIMIT,
        }
    }
    for name in FIELDS:
        if name == "kind":
            properties[name] = {"enum": list(KINDS)}
        elif name == "status":
            properties[name] = {"enum": list(STATUSES)}
        elif name in LIST_FIELDS:
            properties[name] = _texts(name)
        else:
            properties[name] = _text(name, required=name in REQUIRED)
    properties["verified"] = {"type": "boolean"}
    properties["sources"] = {
        "type": "array",
        "minItems": 1,
        "items": {"$ref": "#/$defs/source"},
        "maxItems": COUNTS["sources"],
    }
    properties["affiliations"] = {
        "type": "array",
        "items": {"$ref": "#/$defs/affiliation"},
        "maxItems": COUNTS["affiliations"],
    }
    properties["related"] = {
        "description": "Keys of related entries in the same file (see also).",
        "type": "array",
        "items": {"type": "string"},
        "uniqueItems": True,
        "maxItems": COUNTS["related"],
    }
    return {
        "type": "object",
        "required": ["key", *REQUIRED],
        "additionalProperties": False,
        "properties": properties,
    }


def data_schema() -> Schema:
    """The JSON Schema of a data file (glossary/schema.json is this, written by `make schema`)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": DATA_FORMAT,
        "title": "glossary data file",
        "description": "The format of data/glossary.json, of `glossary import` and of"
        " `glossary export --format json`. Generated from glossary/model.py by `make schema`:"
        " do not edit by hand.",
        "type": "object",
        "required": ["format", "entries"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": DATA_FORMAT},
            "entries": {"type": "array", "items": {"$ref": "#/$defs/entry"}},
        },
        "$defs": {
            "date": {
                "description": "An ISO 8601 calendar date, possibly partial: 2026, 2026-05 or"
                " 2026-05-12.",
                "type": "string",
                "pattern": DATE_PATTERN,
            },
            "source": _source_schema(),
            "affiliation": _affiliation_schema(),
            "entry": _entry_schema(),
        },
    }


def schema_text() -> str:
    """The data schema as glossary/schema.json holds it."""
    return json.dumps(data_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schema() -> None:
    """Write glossary/schema.json from this module (`make schema`)."""
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
