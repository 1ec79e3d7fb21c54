"""The registry of file formats: every place that lists formats asks it.

A format is one module beside this one with its name, labels, media type and extensions, a
`write(export)` that yields the file's bytes and a `read(raw, reading)` that returns a Parsed
document (records.py). The command's --format choices, the export routes, the download links,
the upload form's choices and its accept= list all come from here, so a format registered
with register() appears in each of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from types import ModuleType

from glossary.exchange.formats import csv, json, tbx, tsv, xlsx
from glossary.exchange.formats.records import (
    LANGUAGES,
    Export,
    Found,
    Note,
    NotText,
    Parsed,
    Reading,
    entry_keys,
    slug,
)

__all__ = [
    "LANGUAGES",
    "Export",
    "Format",
    "Found",
    "Note",
    "NotText",
    "Parsed",
    "Reading",
    "accepted",
    "entry_keys",
    "every",
    "from_file_name",
    "named",
    "names",
    "read",
    "register",
    "slug",
    "unregister",
]


@dataclass(frozen=True)
class Format:
    """A file format the glossary writes and reads."""

    name: str  # in URLs (/export.csv), --format and upload form values: lower-case letters
    label: str  # a download link's text, a message id ("CSV")
    choice: str  # the upload form's choice, a message id ("CSV (spreadsheet)")
    media_type: str
    extensions: tuple[str, ...]  # ".csv": the first names the files written; all are read
    write: Callable[[Export], Iterator[bytes]]
    read: Callable[[bytes, Reading], Parsed]

    @classmethod
    def of(cls, module: ModuleType) -> Format:
        """The format a module describes (NAME, LABEL, CHOICE, MEDIA_TYPE, EXTENSIONS)."""
        return cls(
            module.NAME,
            module.LABEL,
            module.CHOICE,
            module.MEDIA_TYPE,
            module.EXTENSIONS,
            module.write,
            module.read,
        )

    @property
    def extension(self) -> str:
        """The extension of the files this format writes: ".csv"."""
        return self.extensions[0]


_REGISTRY: dict[str, Format] = {}


def register(format: Format) -> Format:
    """Add a format (or put one in the place of a format of its name); return it."""
    if not format.name.isascii() or not format.name.isalnum() or format.name != format.name.lower():
        raise ValueError(f"a format's name is lower-case letters and digits, not {format.name!r}")
    _REGISTRY[format.name] = format
    return format


def unregister(name: str) -> None:
    """Take a format out of the registry."""
    del _REGISTRY[name]


def every() -> tuple[Format, ...]:
    """Every format, in the order they were registered."""
    return tuple(_REGISTRY.values())


def names() -> tuple[str, ...]:
    """Every format's name."""
    return tuple(_REGISTRY)


def named(name: str) -> Format:
    """The format of this name; ValueError for a name no format has."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}") from None


def from_file_name(file_name: str) -> Format | None:
    """The format a file name's extension says, or None."""
    suffix = PurePath(file_name).suffix.lower()
    return next((f for f in _REGISTRY.values() if suffix in f.extensions), None)


def read(
    raw: bytes,
    format: str,
    name: str,
    today: str,
    *,
    source: str | None = None,
    target: str | None = None,
) -> Parsed:
    """Read a file's bytes in a format; name is its file name (Reading)."""
    return named(format).read(raw, Reading(name, today, source, target))


def accepted() -> str:
    """Every extension a format reads, as a file input's accept= list: ".json,.csv,…"."""
    return ",".join(extension for f in _REGISTRY.values() for extension in f.extensions)


for _module in (csv, json, tbx, tsv, xlsx):  # the download links' order
    register(Format.of(_module))
