"""Reading a data/ document's entries one at a time, so that an import never holds them all.

A glossary/1 file is one JSON object whose "entries" list may hold 100,000 records: json.loads
would build every record at once (hundreds of megabytes). Entries reads the object's other
members at once and its entries as they are iterated, each with json's own decoder, and can be
iterated again (the importer checks every record before it writes any). Whatever the reader
(JSON, CSV, TBX, TSV) the importer takes records from an iterable; this one is lazy.

A file's UTF-8 bytes are read a window of text at a time (load_utf8), not decoded whole: a
45 MB file of CC-CEDICT's rarer characters is 166 MB as one text, since Python keeps a text
at 4 bytes a character when any of its characters needs them.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from glossary.entries import stored_text
from glossary.model import JSONObject

SPACE = re.compile(r"[ \t\n\r]*")
# Bytes of a file decoded at a time; a record longer than the text left in the window is read
# again with the next window added.
WINDOW = 1 << 20
# How near the end of a window an error must be to be the window's end, not the text's own:
# json says where a value it could not finish began ("Unterminated string starting at"), or
# where it stopped, a few characters into a \\u escape at most.
NEAR_END = 8

Decode = Callable[[str, int], tuple[Any, int]]


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


DECODER = json.JSONDecoder(
    parse_constant=_refuse_constant, object_pairs_hook=stored_text.unique_keys
)


class _Window:
    """A document's text from a place on, read a window at a time from its UTF-8 bytes (or
    held whole, when it is a text already). `at` is the place reached in `text`."""

    def __init__(self, text: str, raw: bytes | None = None, offset: int = 0) -> None:
        self.text, self.at = text, 0
        self.raw, self.offset = raw, offset  # the bytes and where the next window starts
        self.dropped = offset  # bytes before text[0]
        self.decoder = codecs.getincrementaldecoder("utf-8")()

    @classmethod
    def of_utf8(cls, raw: bytes, offset: int) -> _Window:
        """The text of raw (UTF-8) from the byte at offset on."""
        window = cls("", raw, offset)
        window.more()
        return window

    def more(self) -> bool:
        """Add the next window of text, leaving out what was read; False at the end."""
        if self.raw is None or self.offset >= len(self.raw):
            return False
        chunk = self.raw[self.offset : self.offset + WINDOW]
        self.offset += len(chunk)
        if self.at:
            self.dropped += len(self.text[: self.at].encode("utf-8"))
            self.text, self.at = self.text[self.at :], 0
        self.text += self.decoder.decode(chunk, self.offset >= len(self.raw))
        return True

    def byte(self) -> int:
        """Where `at` is in the bytes."""
        return self.dropped + len(self.text[: self.at].encode("utf-8"))

    def space(self) -> None:
        """Skip white space."""
        while True:
            self.at = SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]
            if self.at < len(self.text) or not self.more():
                return

    def startswith(self, prefix: str) -> bool:
        """Tell whether the text goes on with prefix (one character)."""
        while self.at >= len(self.text) and self.more():
            pass  # a window may end inside a character: then it adds none
        return self.text.startswith(prefix, self.at)

    def value(self, decode: Decode) -> Any:
        """Decode the value that starts here, and go past it."""
        while True:
            try:
                value, end = decode(self.text, self.at)
            except json.JSONDecodeError as error:
                near = error.pos >= len(self.text) - NEAR_END
                if (near or error.msg.startswith("Unterminated")) and self.more():
                    continue
                raise
            if end >= len(self.text) - NEAR_END and self.more():
                continue  # a number may go on in the next window: 1.5 of 1.5e3
            self.at = end
            return value

    def error(self, message: str) -> json.JSONDecodeError:
        """The error json would raise here."""
        return json.JSONDecodeError(message, self.text, self.at)


class Entries:
    """The records of a document's "entries" list, read from its text (or its UTF-8 bytes) as
    they are iterated."""

    def __init__(self, text: str | bytes, start: int, count: int) -> None:
        self.text = text
        self.start = start  # just after the list's "[": a character, or a byte of UTF-8
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Any]:
        return _items(self._window(), DECODER.raw_decode)

    def _window(self) -> _Window:
        if isinstance(self.text, bytes):
            return _Window.of_utf8(self.text, self.start)
        window = _Window(self.text)
        window.at = self.start
        return window


def _items(window: _Window, decode: Decode) -> Iterator[Any]:
    """Decode the items of a JSON list from just after its "["; return after its "]"."""
    window.space()
    if window.startswith("]"):
        window.at += 1
        return
    while True:
        yield window.value(decode)
        window.space()
        if window.startswith("]"):
            window.at += 1
            return
        if not window.startswith(","):
            raise window.error("Expecting ',' delimiter")
        window.at += 1
        window.space()


def _skip_list(window: _Window) -> int:
    """Check a list's items and count them, holding none; return the count."""

    def decode(text: str, start: int) -> tuple[Any, int]:
        _, end = DECODER.raw_decode(text, start)
        return None, end

    return sum(1 for _ in _items(window, decode))


def loads(text: str) -> JSONObject:
    """Read a document, its "entries" list (when it is one) as Entries; raise ValueError (or
    RecursionError) where json.loads would. Every record is decoded once here, to check the
    whole text is JSON, and kept as its place only."""
    window = _Window(text)
    window.space()
    if not window.startswith("{"):
        return DECODER.decode(text)  # type: ignore[no-any-return]  # not an object: as it is
    return _document(window, text)


def load_utf8(raw: bytes) -> dict[str, Any]:
    """loads() of a document's UTF-8 bytes (after a byte-order mark, if any), holding a window
    of its text at a time; raise what loads raises of the text (UnicodeDecodeError for bytes
    that are not UTF-8), with the same message."""
    start = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        window = _Window.of_utf8(raw, start)
        window.space()
        if window.startswith("{"):
            return _document(window, raw)
    except (ValueError, RecursionError):
        pass  # said as loads says it, with the line and column in the whole text
    return loads(raw[start:].decode("utf-8"))


def _document(window: _Window, source: str | bytes) -> dict[str, Any]:
    """The object that starts at the window's place in source, to the end of the text."""
    members: list[tuple[str, Any]] = []
    window.at += 1
    window.space()
    while not window.startswith("}"):
        if members:
            if not window.startswith(","):
                raise window.error("Expecting ',' delimiter")
            window.at += 1
            window.space()
        if not window.startswith('"'):
            raise window.error("Expecting property name enclosed in double quotes")
        name = window.value(DECODER.raw_decode)
        window.space()
        if not window.startswith(":"):
            raise window.error("Expecting ':' delimiter")
        window.at += 1
        window.space()
        if name == "entries" and window.startswith("["):
            window.at += 1
            start = window.byte() if isinstance(source, bytes) else window.at
            members.append((name, Entries(source, start, _skip_list(window))))
        else:
            members.append((name, window.value(DECODER.raw_decode)))
        window.space()
    window.at += 1
    window.space()
    if window.at != len(window.text):
        raise window.error("Extra data")
    return stored_text.unique_keys(members)
