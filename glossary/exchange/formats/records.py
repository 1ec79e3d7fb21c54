"""What every format shares: entry keys, records with their links, and a file read back.

Pure: a writer is given an Export (the entries with their keys, found when it first asks, and
the export's options); a reader is given a file's bytes and a Reading, and returns a Parsed
document or raises InvalidData naming the line (or termEntry) and field of each problem.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from glossary.exchange import decoding, wording
from glossary.exchange.wording import Refusal
from glossary.messages import N_, Problem, Said
from glossary.model import FileRecord, FileSource, JSONObject, StoredEntry, source_record

LANGUAGES = ("en", "zh-Hans", "zh-Hant")  # what TSV may put in its first and second column
YES_NO = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False, "": False}


class InvalidData(ValueError):
    """A file that cannot be imported: errors lists every problem found, in English words.

    refusals holds the problems of its records as they were found (the rule book's Problems,
    with the record and the value at fault), from which wording makes words in the reader's
    language; a file a reader could not read has none.
    """

    def __init__(self, errors: list[str], refusals: Sequence[Refusal] = ()):
        super().__init__("\n".join(errors))
        self.errors = errors
        self.refusals = list(refusals)

    @classmethod
    def of(cls, refusals: Sequence[Refusal]) -> InvalidData:
        """The refusals, said in English."""
        return cls(wording.say(refusals), refusals)

    def located(self, located: wording.Located) -> InvalidData:
        """The same problems, each at its place in the file a reader read."""
        if not self.refusals:
            return self
        return InvalidData.of([located.locate(refusal) for refusal in self.refusals])

    def words(self, translate: wording.Translate | None = None) -> list[str]:
        """Every problem in words: in English, or through translate (gettext)."""
        return wording.say(self.refusals, translate) if self.refusals else self.errors


# Writing -------------------------------------------------------------------------------------


def slug(text: str) -> str:
    """Write text as lower-case ASCII words joined by hyphens: "Xiè Fēng (谢锋)" → "xie-feng"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:80].strip("-")


def normalise_record(record: Mapping[str, Any]) -> FileRecord:
    """A record with every field but its links, the optional ones filled with their defaults
    (an empty text None), for comparing records."""
    return FileRecord(
        key=record["key"],
        kind=record["kind"],
        english=record["english"],
        aliases=record.get("aliases", []),
        simplified=record["simplified"],
        traditional=record.get("traditional") or None,
        pinyin=record.get("pinyin") or None,
        romanization=record.get("romanization") or None,
        romanization_system=record.get("romanization_system") or None,
        description=record.get("description") or None,
        notes=record.get("notes") or None,
        tags=record.get("tags", []),
        status=record.get("status", "preferred"),
        verified=record.get("verified", False),
        sources=[FileSource(**source_record(source)) for source in record["sources"]],
    )


def export_record(entry: Mapping[str, Any], key: str) -> FileRecord:
    """Write a stored entry as a data record (without affiliations and related entries)."""
    return normalise_record({**entry, "key": key})


def entry_keys(entries: Sequence[Mapping[str, Any]]) -> list[str]:
    """Return the key each entry is exported under: its import key, else its English and id."""
    taken = {entry["import_key"] for entry in entries if entry.get("import_key")}
    keys = []
    for entry in entries:
        key = entry.get("import_key")
        if not key:
            key = "-".join(part for part in (slug(entry["english"]), str(entry["id"])) if part)
            while key in taken:
                key += "-x"
            taken.add(key)
        keys.append(key)
    return keys


@dataclass
class Found:
    """The entries an export writes: each (as store.get_entry returns it) with its key."""

    pairs: Iterable[tuple[StoredEntry, str]]  # read as they are written
    # The keys, by id, of the entry being written and of the exported entries it links to
    # (a streamed export keeps only those of the entries it is reading): the links among them.
    key_of: dict[int, str]
    count_sources: Callable[[], int]  # the most sources one of the entries has

    @cached_property
    def most_sources(self) -> int:
        """The most sources one of the entries has, counted when first asked (by CSV alone)."""
        return self.count_sources()


@dataclass
class Export:
    """What a writer is given: the entries, found when it first asks (so that a streamed
    export's first bytes go out before the search runs), and the export's options."""

    find: Callable[[], Found]
    today: str
    source: str = "en"  # TSV: the language of the first column
    target: str = "zh-Hans"  # and of the second
    _found: Found | None = None

    @property
    def found(self) -> Found:
        """The entries, found on first use."""
        if self._found is None:
            self._found = self.find()
        return self._found

    @classmethod
    def of(
        cls,
        entries: Sequence[StoredEntry],
        today: str,
        source: str = "en",
        target: str = "zh-Hans",
    ) -> Export:
        """An export of entries already read."""
        keys = entry_keys(entries)
        key_of = {entry["id"]: key for entry, key in zip(entries, keys, strict=True)}
        most = max([0, *(len(entry["sources"]) for entry in entries)])
        found = Found(list(zip(entries, keys, strict=True)), key_of, lambda: most)
        return cls(lambda: found, today, source, target)


def record(entry: StoredEntry, key: str, key_of: Mapping[int, str]) -> FileRecord:
    """One entry as a data/ record, with its links to the entries in key_of (id: key).

    Links go with it when the entries they point to are exported too: a person's affiliations
    only all together, related entries one by one.
    """
    found = export_record(entry, key)
    affiliations = entry["affiliations"]
    if affiliations and all(a["entry"]["id"] in key_of for a in affiliations):
        found["affiliations"] = [
            {
                "organization": key_of[a["entry"]["id"]],
                "role": a["role"],
                "as_of": a["as_of"],
                "source": a["source_index"],
            }
            for a in affiliations
        ]
    related = sorted(key_of[r["id"]] for r in entry["related"] if r["id"] in key_of)
    if related:
        found["related"] = related
    return found


def encoded(chunks: Iterable[str]) -> Iterator[bytes]:
    """A text writer's pieces as UTF-8."""
    return (chunk.encode("utf-8") for chunk in chunks)


# Reading -------------------------------------------------------------------------------------


class Note(str):
    """What a reader read past, in English (the text), with its message id and values for
    the page that says it in the reader's language: gettext(note.message) % note.values."""

    message: str
    values: dict[str, object]

    def __new__(cls, message: str, **values: object) -> Note:
        note = super().__new__(cls, message % values)
        note.message, note.values = message, values
        return note


class NotText(InvalidData):
    """A file whose bytes are not text in an encoding the glossary reads."""


def refused(place: str, message: str, **values: object) -> Refusal:
    """A problem of a file itself, or of a place in it that is no record's ("line 1"): place
    is the file's name or a Note, message an English message id said in the reader's language
    at the edge ("terms.csv: not valid JSON (…)")."""
    return Refusal(None, None, Problem((), message, values), place=place)


def unreadable(place: str, error: Said) -> Refusal:
    """What a reader could not read, in the words of its error."""
    return refused(place, error.message, **error.values)


def field_place(place: str, column: str) -> Note:
    """A column of a row or header, as a file's problems name it: "line 1, field 'english'"."""
    return Note(N_("%(place)s, field '%(column)s'"), place=place, column=column)


@dataclass(frozen=True)
class Reading:
    """What a reader is told besides the file's bytes."""

    name: str  # the file's name: the title of the sources a reader makes up
    today: str  # their publication date
    source: str | None = None  # TSV: the language of the first column, when a person says
    target: str | None = None


@dataclass
class Parsed:
    """A data/ document read from a file, with where each record came from in it."""

    document: JSONObject  # what the file holds (JSON) or the records a reader made of it
    places: list[str] = field(default_factory=list)  # "line 3", "termEntry 2"; [] for JSON
    rename: Callable[[str], str] = str  # a data field's name as the file calls it
    warnings: list[Note] = field(default_factory=list)  # what was read past, one line each
    columns: bool = False  # a spreadsheet: its fields are columns, its keys mostly made up
    kinds: bool = True  # the file says each record's kind (TSV does not)

    def located(self) -> wording.Located:
        """Where each record is in the file, for naming its problems: "termEntry 2 (key): …",
        or for a spreadsheet "line 3, column pinyin: …"."""
        return wording.Located(self.places, self.rename if self.columns else None)


def text(raw: bytes, name: str) -> str:
    """A text file's bytes as text (decoding.decode); NotText when they are not."""
    try:
        return decoding.decode(raw)[0]
    except decoding.Undecodable as error:
        raise NotText.of([unreadable(name, error)]) from error


def keyed(
    records: Sequence[tuple[FileRecord, str]], prefix: str, rename: Callable[[str], str] = str
) -> Parsed:
    """Records with their places as a document; each record without a key ("") gets one made
    from its English: "csv-xie-feng"."""
    taken = {record["key"] for record, _ in records if record["key"]}
    for number, (record, _) in enumerate(records, start=1):
        if not record["key"]:
            base = f"{prefix}-{slug(record['english']) or number}"[:90]
            key, n = base, 1
            while key in taken:
                n += 1
                key = f"{base}-{n}"
            taken.add(key)
            record["key"] = key
    document = {"format": "glossary/1", "entries": [record for record, _ in records]}
    return Parsed(document, [place for _, place in records], rename)
