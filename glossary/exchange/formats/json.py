"""JSON: the data/ format (glossary/schema.json), which carries everything."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator, Sequence

from glossary.exchange import jsonstream
from glossary.exchange.formats.records import (
    Export,
    InvalidData,
    Parsed,
    Reading,
    encoded,
    record,
    refused,
    text,
)
from glossary.messages import N_
from glossary.model import DataFile, StoredEntry

NAME = "json"
LABEL = N_("JSON")
CHOICE = N_("JSON (the glossary's data format)")
MEDIA_TYPE = "application/json"
EXTENSIONS = (".json",)


def document(entries: Sequence[StoredEntry], keys: Sequence[str]) -> DataFile:
    """Return the entries as a data/ document, with the links among them (records.record)."""
    key_of = {entry["id"]: key for entry, key in zip(entries, keys, strict=True)}
    records = [record(entry, key, key_of) for entry, key in zip(entries, keys, strict=True)]
    return DataFile(format="glossary/1", entries=records)


def write(export: Export) -> Iterator[bytes]:
    """Write the entries in the data/ format, as data/glossary.json is written."""
    return encoded(_chunks(export))


def _chunks(export: Export) -> Iterator[str]:
    """A record at a time, as json.dumps writes the whole document with indent=2; the head
    goes out before the entries are found."""
    yield '{\n  "format": "glossary/1",\n  "entries": ['
    found = export.found
    first = True
    for entry, key in found.pairs:
        written = json.dumps(record(entry, key, found.key_of), ensure_ascii=False, indent=2)
        yield ("\n" if first else ",\n") + textwrap.indent(written, "    ")
        first = False
    yield "]\n}\n" if first else "\n  ]\n}\n"


def read(raw: bytes, reading: Reading) -> Parsed:
    """Read a data/ document: UTF-8 a window at a time (jsonstream.load_utf8), else as the
    text its encoding makes (decoding)."""
    if b"\x00" not in raw:  # no NULs: not UTF-16, which decoding tells
        try:
            loaded = jsonstream.load_utf8(raw)
        except UnicodeDecodeError:
            pass  # not UTF-8: decoding reads it, or says why not
        except (RecursionError, ValueError) as error:
            raise not_json(reading.name, error) from error
        else:
            return Parsed(loaded)
    return read_text(text(raw, reading.name), reading.name)


def read_text(content: str, name: str) -> Parsed:
    """Read a data/ document from its text, its entries as they are iterated (jsonstream)."""
    try:
        loaded = jsonstream.loads(content)
    except (RecursionError, ValueError) as error:
        raise not_json(name, error) from error
    return Parsed(loaded)


def not_json(name: str, error: Exception) -> InvalidData:
    """The refusal of a file that is not JSON, with the reason json gave."""
    if isinstance(error, RecursionError):
        return InvalidData.of([refused(name, N_("not valid JSON (nested too deeply)"))])
    message = N_("not valid JSON (%(reason)s)")
    return InvalidData.of([refused(name, message, reason=str(error))])
