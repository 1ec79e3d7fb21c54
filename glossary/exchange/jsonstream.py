"""Reading a data/ document's entries one at a time, so that an import never holds them all.

A glossary/1 file is one JSON object whose "entries" list may hold 100,000 records: json.loads
would build every record at once (hundreds of megabytes). Entries reads the object's other
members at once and its entries as they are iterated, each with json's own decoder, and can be
iterated again (the importer checks every record before it writes any). Whatever the reader
(JSON, CSV, TBX, TSV) the importer takes records from an iterable; this one is lazy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from glossary.entries import stored_text
from glossary.model import JSONObject

SPACE = re.compile(r"[ \t\n\r]*")


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


DECODER = json.JSONDecoder(
    parse_constant=_refuse_constant, object_pairs_hook=stored_text.unique_keys
)


class Entries:
    """The records of a document's "entries" list, read from its text as they are iterated."""

    def __init__(self, text: str, start: int, count: int) -> None:
        self.text = text
        self.start = start  # just after the list's "["
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Any]:
        return _items(self.text, self.start, DECODER.raw_decode)


def _items(text: str, at: int, decode: Callable[[str, int], tuple[Any, int]]) -> Iterator[Any]:
    """Decode the items of a JSON list from just after its "["; return after its "]"."""
    at = SPACE.match(text, at).end()  # type: ignore[union-attr]
    if text.startswith("]", at):
        return
    while True:
        item, at = decode(text, at)
        yield item
        at = SPACE.match(text, at).end()  # type: ignore[union-attr]
        if text.startswith("]", at):
            return
        if not text.startswith(",", at):
            raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
        at = SPACE.match(text, at + 1).end()  # type: ignore[union-attr]


def _skip_list(text: str, at: int) -> tuple[int, int]:
    """Check a list's items and count them, holding none: (count, where the list ends)."""
    count = 0
    end = at

    def decode(text: str, start: int) -> tuple[Any, int]:
        nonlocal end
        item, end = DECODER.raw_decode(text, start)
        return None, end

    for _ in _items(text, at, decode):
        count += 1
    end = SPACE.match(text, end).end()  # type: ignore[union-attr]
    return count, end + 1


def loads(text: str) -> JSONObject:
    """Read a document, its "entries" list (when it is one) as Entries; raise ValueError (or
    RecursionError) where json.loads would. Every record is decoded once here, to check the
    whole text is JSON, and kept as its place only."""
    at = SPACE.match(text).end()  # type: ignore[union-attr]
    if not text.startswith("{", at):
        return DECODER.decode(text)  # type: ignore[no-any-return]  # not an object: as it is
    members: list[tuple[str, Any]] = []
    at = SPACE.match(text, at + 1).end()  # type: ignore[union-attr]
    while not text.startswith("}", at):
        if members:
            if not text.startswith(",", at):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
            at = SPACE.match(text, at + 1).end()  # type: ignore[union-attr]
        if not text.startswith('"', at):
            raise json.JSONDecodeError(
                "Expecting property name enclosed in double quotes", text, at
            )
        name, at = DECODER.raw_decode(text, at)
        at = SPACE.match(text, at).end()  # type: ignore[union-attr]
        if not text.startswith(":", at):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, at)
        at = SPACE.match(text, at + 1).end()  # type: ignore[union-attr]
        if name == "entries" and text.startswith("[", at):
            count, end = _skip_list(text, at + 1)
            members.append((name, Entries(text, at + 1, count)))
            at = end
        else:
            value, at = DECODER.raw_decode(text, at)
            members.append((name, value))
        at = SPACE.match(text, at).end()  # type: ignore[union-attr]
    at = SPACE.match(text, at + 1).end()  # type: ignore[union-attr]
    if at != len(text):
        raise json.JSONDecodeError("Extra data", text, at)
    return stored_text.unique_keys(members)
