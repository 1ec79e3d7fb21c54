"""The schemas of the OpenAPI description: what the API answers and what it takes.

Built from the constants the API itself checks against (kinds, statuses, field limits). Every
answer's object lists its fields exactly (additionalProperties false), so a field added to the
API fails tests/test_openapi.py until it is described here. Descriptions are English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from glossary.articles import files as article_files
from glossary.model import COUNTS, GLOSSARY, KINDS, LIMITS, STATUSES
from glossary.store.common import CAP
from glossary.store.dictionary.edition import COLLECTION
from glossary.text import keys, names
from glossary.web.api import input as api_input

# An object of the OpenAPI document (a schema, a parameter, a response, an operation): JSON in
# the shape the OpenAPI 3.1 standard gives, which tests/test_openapi.py checks the app against.
Schema = dict[str, Any]
MAX_ID = 2**63 - 1  # SQLite's largest integer
# A date the server takes (validate.real_date): no year 0000, months 01-12, days 01-31.
PARTIAL_DATE = "^(?!0000)[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
ACTIONS = ("import", "create", "edit", "revert", "delete", "restore")
COLLECTIONS = (GLOSSARY, COLLECTION)  # a result's collection


def ref(name: str) -> Schema:
    """A reference to a schema in components."""
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Schema, description: str = "") -> Schema:
    """The schema, or null."""
    if "type" in schema:
        either = {**schema, "type": [schema["type"], "null"]}
    elif "enum" in schema:
        either = {**schema, "enum": [*schema["enum"], None]}
    else:
        either = {"anyOf": [schema, {"type": "null"}]}
    return {**either, "description": description} if description else either


def text(description: str = "", **constraints: Any) -> Schema:
    """A string schema."""
    return {
        "type": "string",
        **constraints,
        **({"description": description} if description else {}),
    }


def array(items: Schema, description: str = "", **constraints: Any) -> Schema:
    """An array schema."""
    schema = {"type": "array", "items": items, **constraints}
    return {**schema, "description": description} if description else schema


def record(
    properties: Mapping[str, Schema], *, optional: tuple[str, ...] = (), **more: Any
) -> Schema:
    """An object with exactly these properties, all required but the optional ones."""
    return {
        "type": "object",
        "required": [name for name in properties if name not in optional],
        "properties": dict(properties),
        "additionalProperties": False,
        **more,
    }


def summary_properties() -> dict[str, Schema]:
    """The fields every search result and entry share."""
    return {
        "id": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        "kind": {"enum": list(KINDS)},
        "english": text("The English rendering."),
        "simplified": text("Simplified characters."),
        "traditional": text("Traditional characters (may be empty)."),
        "pinyin": text("Hanyu Pinyin with tone marks (may be empty)."),
        "description": text("One line saying what the entry is (may be empty)."),
        "url": text("The path of the entry's page, such as /entries/4."),
    }


def entry_input(*, edit: bool) -> Schema:
    """What POST and PUT take: an entry as GET shows it; read-only fields are ignored."""
    limit, counts = LIMITS, COUNTS
    short = {name: nullable(text(maxLength=limit[name])) for name in limit}
    source = record(
        {
            "quote": text(
                "The sentence the entry was found in.", minLength=1, maxLength=limit["quote"]
            ),
            "quote_zh": short["quote_zh"],
            "title": text(minLength=1, maxLength=limit["title"]),
            "publisher": short["publisher"],
            "url": nullable(text("An http or https address.", maxLength=limit["url"])),
            "published": text("A real date: YYYY, YYYY-MM or YYYY-MM-DD.", pattern=PARTIAL_DATE),
            "accessed": nullable(text(pattern=PARTIAL_DATE)),
        },
        optional=("quote_zh", "publisher", "url", "accessed"),
    )
    affiliation = record(
        {
            "organization": {
                "description": "The organization entry: its id, or its summary as GET shows it.",
                "anyOf": [{"type": "integer"}, {"type": "object", "required": ["id"]}],
            },
            "organization_id": {"type": "integer", "description": "The same, as a bare id."},
            "role": short["role"],
            "as_of": nullable(text(pattern=PARTIAL_DATE)),
            "source": {
                "description": "Which of this entry's sources says so: its index, or the source.",
                "anyOf": [{"type": "integer", "minimum": 0}, {"type": "object"}, {"type": "null"}],
            },
        },
        optional=("organization", "organization_id", "role", "as_of", "source"),
    )
    ignored = {"description": "Read-only: ignored when sent back."}
    properties: dict[str, Schema] = {
        "kind": {"enum": list(KINDS)},
        "english": text(minLength=1, maxLength=limit["english"]),
        "aliases": array(text(maxLength=limit["aliases"]), maxItems=counts["aliases"]),
        "simplified": text("Must contain Chinese characters.", maxLength=limit["simplified"]),
        "traditional": nullable(
            text("Derived from simplified when left out.", maxLength=limit["traditional"])
        ),
        "pinyin": nullable(
            text("Toned Hanyu Pinyin; suggested when left out.", maxLength=limit["pinyin"])
        ),
        **{
            name: short[name]
            for name in ("romanization", "romanization_system", "description", "notes")
        },
        "tags": array(text(maxLength=limit["tags"]), maxItems=counts["tags"]),
        "status": nullable({"enum": list(STATUSES)}),
        "sources": array(source, minItems=1, maxItems=counts["sources"]),
        "affiliations": array(affiliation, "A person's only.", maxItems=counts["affiliations"]),
        "related": array(
            {"anyOf": [{"type": "integer"}, {"type": "object", "required": ["id"]}]},
            "Related entries: ids, or summaries as GET shows them.",
            maxItems=counts["related"],
        ),
        "revision": {
            "type": "integer",
            "minimum": 1,
            "description": "The revision this edit starts from (409 if it is no longer current).",
        },
        "comment": text("Why, for the entry's history.", maxLength=limit["comment"]),
        **dict.fromkeys(api_input.READ_ONLY, ignored),
    }
    required = ("kind", "english", "simplified", "sources", *(("revision",) if edit else ()))
    optional = tuple(name for name in properties if name not in required)
    return record(properties, optional=optional)


def components() -> dict[str, Schema]:
    """Every schema the responses and request bodies use."""
    summary = summary_properties()
    partial_date = nullable(text(pattern=PARTIAL_DATE))
    when = text(format="date-time")
    source_link = record({k: nullable(text()) for k in ("title", "publisher", "url", "published")})
    return {
        "Summary": record(summary, description="An entry in brief."),
        "SearchResult": record(
            {
                **summary,
                "kind": nullable({"enum": list(KINDS)}, "null for a dictionary entry."),
                "match": record(
                    {
                        "field": text("english, alias, simplified, pinyin…"),
                        "form": text(),
                        "system": nullable(
                            {"enum": list(keys.INDEXED_SYSTEMS)},
                            "The romanization system the name was found as (its field is then"
                            " pinyin, the reading it is written from, and form the name as the"
                            " system writes it: Hsieh Feng); null for a form of the entry.",
                        ),
                    },
                    description="Which form matched the query (absent when browsing).",
                ),
                "collection": {
                    "enum": list(COLLECTIONS),
                    "description": "The glossary, or the base dictionary (CC-CEDICT).",
                },
            },
            optional=("match",),
        ),
        "SearchResponse": record(
            {
                "query": text("The query, its whitespace collapsed."),
                "kind": nullable({"enum": list(KINDS)}),
                "tag": nullable(text()),
                "verified": {"type": "boolean"},
                "limit": {"type": "integer", "minimum": 1},
                "offset": {"type": "integer", "minimum": 0},
                "total": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Entries found. The base dictionary's are counted up to"
                    f" {CAP:,}: past that, total is a lower bound"
                    " (see total_is_lower_bound).",
                },
                "total_is_lower_bound": {
                    "type": "boolean",
                    "description": "True when more entries match than total says; pages"
                    " past total still return them.",
                },
                "results": array(ref("SearchResult")),
                "did_you_mean": array(
                    text(),
                    description="When the search finds nothing: queries a letter or two"
                    " away (an English word or a pinyin syllable misspelt: xie fneg → xie feng,"
                    " race to teh top → race to the top), best first, at most three, each of"
                    " which finds something with the same kind, tag and verified; empty"
                    " otherwise.",
                    maxItems=3,
                ),
            }
        ),
        "Source": record(
            {
                "quote": text(),
                "quote_zh": nullable(text()),
                "title": text(),
                "publisher": nullable(text()),
                "url": nullable(text()),
                "published": text(pattern=PARTIAL_DATE),
                "accessed": partial_date,
            }
        ),
        "Affiliation": record(
            {
                "organization": ref("Summary"),
                "role": nullable(text()),
                "as_of": partial_date,
                "source": nullable({**source_link, "description": "The source that says so."}),
            }
        ),
        "Member": record(
            {"person": ref("Summary"), "role": nullable(text()), "as_of": partial_date}
        ),
        "Entry": record(
            {
                **summary,
                "aliases": array(text()),
                "romanization": nullable(text("Own published romanization (Tsai Ing-wen).")),
                "romanization_system": nullable(text()),
                "notes": text(),
                "tags": array(text()),
                "status": {"enum": list(STATUSES)},
                "verified": {"type": "boolean"},
                "verified_by": nullable(text()),
                "verified_at": nullable(when),
                "sources": array(ref("Source")),
                "affiliations": array(ref("Affiliation"), "A person's organizations."),
                "members": array(ref("Member"), "An organization's people."),
                "related": array(ref("Summary")),
                "created": when,
                "updated": when,
                "revision": {"type": "integer", "minimum": 1},
                "deleted": nullable(
                    record({"at": when, "reason": text()}, description="Only a deleted entry's.")
                ),
            },
            description="An entry in full.",
        ),
        "EntryInput": entry_input(edit=False),
        "EntryEdit": entry_input(edit=True),
        "Reason": record(
            {
                "reason": text(maxLength=LIMITS["comment"]),
                "revision": {"type": "integer", "minimum": 1},
            },
            optional=("reason", "revision"),
        ),
        "BaseRevision": record(
            {"revision": {"type": "integer", "minimum": 1}}, optional=("revision",)
        ),
        "Error": record({"error": text("What went wrong, in English.")}),
        "ValidationError": record(
            {
                "error": text(),
                "fields": {
                    "type": "object",
                    "additionalProperties": text(),
                    "description": "A message for each field to correct, such as sources[0].url.",
                },
            }
        ),
        "Conflict": record(
            {"error": text(), "current": ref("Entry")},
            description="The entry changed since the revision sent: this is it now.",
        ),
        "Romanization": record(
            {
                "hanzi": text(),
                "kind": {"enum": list(names.KINDS_READ)},
                "simplified": text(),
                "traditional": text(),
                "pinyin": text("A name-aware reading with tone marks."),
                "numbered": text("With tone numbers."),
                "plain": text("Without tones."),
                "styles": record(
                    {
                        "surname_caps": nullable(text("XIE Feng; a person's only.")),
                        "second_reference": nullable(text("Xie; a person's only.")),
                        "initials": text(),
                    }
                ),
                "systems": record(
                    {
                        "wade_giles": nullable(
                            text("Wade–Giles, apostrophes and ü: Ts'ai Ying-wen.")
                        ),
                        "taiwan": nullable(
                            text("Wade–Giles as Taiwan's passports write it: Tsai Ying-wen.")
                        ),
                        "jyutping": nullable(
                            text("Cantonese, with tone numbers: coi3 jing1 man4.")
                        ),
                        "hong_kong": nullable(
                            text(
                                "The Hong Kong government's Cantonese romanization: Choi"
                                " Ying-man; a person's, place's or organization's only."
                            )
                        ),
                        "macau": nullable(
                            text(
                                "Macau's Cantonese romanization: Choi Ieng Man; a person's,"
                                " place's or organization's only."
                            )
                        ),
                    },
                    description="The text in the other romanization systems (null where one"
                    " does not apply).",
                ),
                "ambiguous": array(
                    record({"character": text(), "traditional": array(text())}),
                    "Characters with several traditional forms, to confirm by hand.",
                ),
                "notes": array(text(), "What could not be read."),
            }
        ),
        "CheckName": record(
            {
                "match": {"type": "boolean"},
                "english": text(),
                "hanzi": text(),
                "reading": text("The characters' reading, with tones."),
                "expected": text("The name as it should be written, without tones."),
                "pinyin": {"type": "boolean", "description": "Whether it is Hanyu Pinyin at all."},
                "published": {
                    "type": "boolean",
                    "description": "Whether it is a published romanization in the glossary.",
                },
                "differences": array(
                    record(
                        {
                            "syllable": text("The character (empty for a syllable too many)."),
                            "position": {"type": "integer", "minimum": 1},
                            "written": text(),
                            "reads": text(),
                            "other_readings": array(text()),
                        }
                    )
                ),
                "entry": nullable(ref("Summary")),
                "system": nullable(
                    {"enum": ["pinyin", *names.CHECKED_SYSTEMS]},
                    "The romanization the name is spelt in, when it matches (pinyin, wade_giles,"
                    " taiwan, hong_kong or macau); null when it does not.",
                ),
                "close": nullable(
                    record(
                        {
                            "system": {"enum": list(names.CHECKED_SYSTEMS)},
                            "form": text("The name as that system spells it: Tsai Ying-wen."),
                            "differences": array(
                                record(
                                    {
                                        "syllable": text("The character."),
                                        "position": {"type": "integer", "minimum": 1},
                                        "written": text("Ing"),
                                        "spelt": text("Ying: as the system spells it."),
                                    }
                                )
                            ),
                        }
                    ),
                    "A personal spelling one syllable from a system's (Tsai Ing-wen): which.",
                ),
                "notes": array(
                    text(), "Such as another reading of a heteronym the name uses (朴 Pǔ)."
                ),
                "message": text(),
            }
        ),
        "ExtractRequest": {
            "type": "object",
            "required": ["text"],
            "properties": {
                "text": text(
                    "The article: plain text, English with Chinese characters.",
                    minLength=1,
                    maxLength=article_files.MAX_LENGTH,
                    pattern=r"\S",
                )
            },
        },
        "Extraction": record(
            {
                "known": array(
                    record(
                        {
                            "entry_id": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                            "surface": text("The text as the article writes it."),
                            "start": {"type": "integer", "minimum": 0},
                            "end": {"type": "integer", "minimum": 1},
                        }
                    ),
                    "Where the article names a glossary entry (English, alias, acronym or"
                    " characters in either script); start and end index the text sent.",
                ),
                "candidates": array(ref("Draft"), "Drafts of new entries, in text order."),
            }
        ),
        "Draft": record(
            {
                "english": text("The English as the article writes it."),
                "simplified": text(),
                "traditional": text(),
                "pinyin": text("A name-aware reading with tone marks."),
                "kind": {"enum": list(KINDS)},
                "aliases": array(text(), "Acronyms and other forms the article gives."),
                "romanization": text("A published romanization that is not pinyin, or empty."),
                "romanization_system": nullable(
                    {"enum": list(names.CHECKED_SYSTEMS)},
                    "The system the romanization is spelt in, when it is one (Chiu Yi is"
                    " Taiwan's); null otherwise.",
                ),
                "reading_notes": array(
                    text(),
                    "Such as the reading of a heteronym the name uses: 朴 is read Pǔ here.",
                ),
                "affiliation": text("What the article says the person is (may be empty)."),
                "affiliation_entry_id": nullable(
                    {"type": "integer", "minimum": 1}, "The organization it names, if known."
                ),
                "context": text("The sentence, as the source's quotation."),
                "surface": text(),
                "start": {"type": "integer", "minimum": 0},
                "end": {"type": "integer", "minimum": 1},
                "romanized": {
                    "type": "boolean",
                    "description": "The English spells the characters (a name), so it is checked.",
                },
                "written_pinyin": text("The pinyin the text writes beside the characters, if any."),
                "romanization_mismatch": {"type": "boolean"},
                "mismatch": text("Why the romanization does not match (empty if it does)."),
                "differences": array(
                    record(
                        {
                            "character": text(),
                            "position": {"type": "integer", "minimum": 1},
                            "written": text(),
                            "reads": text(),
                            "other_readings": array(text()),
                        }
                    )
                ),
                "existing_entry_id": nullable(
                    {"type": "integer", "minimum": 1}, "A live entry with these characters."
                ),
                "existing_english": nullable(text()),
                "existing_same_english": {"type": "boolean"},
            }
        ),
        "Revisions": record(
            {
                "revisions": array(
                    record(
                        {
                            "revision": {"type": "integer", "minimum": 1},
                            "author": text(),
                            "at": when,
                            "action": {"enum": list(ACTIONS)},
                            "comment": text(),
                        }
                    ),
                    "Newest first.",
                )
            }
        ),
    }
