"""What API clients send: a JSON object body, and an entry document made ready for validation.

Pure: no request, no app. Messages are English, the API's language.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from glossary.entries import stored_text
from glossary.model import FIELDS, PARTS, JSONObject
from glossary.text import numbers

MAX_BODY = 1024 * 1024  # bytes
# What check_entry reads; what the API shows but never takes back; what the routes read.
WRITABLE = (*FIELDS, *PARTS)
READ_ONLY = (
    "id",
    "url",
    "created",
    "updated",
    "verified",
    "verified_by",
    "verified_at",
    "members",
    "deleted",
)
ROUTE_FIELDS = ("revision", "comment")
SOURCE_KEYS = ("title", "publisher", "url", "published")  # how an affiliation shows its source
MAX_UNKNOWN = 20  # unknown field names reported, at most


class BadBody(ValueError):
    """A request body that is not one JSON object; status is 400, or 413 when too large."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _json_type(value: Any) -> str:
    names = {list: "an array", str: "a string", bool: "true or false", type(None): "null"}
    return names.get(type(value), "a number")


def json_object(raw: bytes) -> JSONObject:
    """Parse a request body as one JSON object; raise BadBody saying what is wrong."""
    if len(raw) > MAX_BODY:
        raise BadBody(f"the body is larger than {MAX_BODY} bytes", 413)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadBody("the body must be encoded as UTF-8") from error
    try:
        value = json.loads(
            text, parse_constant=_no_constant, object_pairs_hook=stored_text.unique_keys
        )
    except RecursionError as error:
        raise BadBody("the body is not valid JSON: nested too deeply") from error
    except ValueError as error:  # JSONDecodeError, NaN or Infinity, a number too long
        raise BadBody(f"the body is not valid JSON: {error}") from error
    if not isinstance(value, dict):
        raise BadBody(f"the body must be a JSON object, not {_json_type(value)}")
    return value


def printable(name: str) -> str:
    """A field name as it can be shown back: at most 100 characters, no lone surrogates."""
    return name[:100].encode("utf-8", "backslashreplace").decode("utf-8")


def entry_input(document: Mapping[str, Any]) -> tuple[JSONObject, dict[str, str]]:
    """Turn an entry document (new, or as GET /api/entries/<id> shows it) into the fields
    validate.check_entry reads; return them and a message for each field no entry has."""
    unknown: dict[str, str] = {}
    data: JSONObject = {}
    for name, value in document.items():
        if name in WRITABLE:
            data[name] = value
        elif name not in READ_ONLY and name not in ROUTE_FIELDS and len(unknown) < MAX_UNKNOWN:
            unknown[printable(name)] = "is not a field of an entry"
    if isinstance(data.get("related"), list):
        data["related"] = [_entry_id(item) for item in data["related"]]
    if isinstance(data.get("affiliations"), list):
        sources = data["sources"] if isinstance(data.get("sources"), list) else []
        data["affiliations"] = [_affiliation(item, sources) for item in data["affiliations"]]
    return data, unknown


def _entry_id(item: Any) -> Any:
    """The id of a summary object ({"id": 5, …}); anything else as it is, for check_entry."""
    return item.get("id") if isinstance(item, Mapping) and "id" in item else item


def _affiliation(item: Any, sources: list[Any]) -> Any:
    if not isinstance(item, Mapping):
        return item
    affiliation = dict(item)
    organization = affiliation.get("organization")
    if "organization_id" not in affiliation and not isinstance(organization, Mapping):
        affiliation["organization_id"] = organization  # a bare id
    source = affiliation.get("source")
    if isinstance(source, Mapping):  # as GET shows it: find it among the entry's sources
        matches = [
            index
            for index, candidate in enumerate(sources)
            if isinstance(candidate, Mapping)
            and all(candidate.get(k) == source.get(k) for k in SOURCE_KEYS)
        ]
        if matches:
            affiliation["source"] = matches[0]
    return affiliation


def revision_number(value: Any) -> int | None:
    """Read a revision number (a JSON number or a query string's digits), or None if it is not."""
    if isinstance(value, str):
        value = numbers.whole_number(value, 1)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value < 2**63:
        return value
    return None
