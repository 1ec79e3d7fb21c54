"""An import's problems in words: where in the file, which field, what a translator should change.

The importer finds problems as the rule book does (messages.Problem: a path into the record, a
message id, its values) and keeps, for each, the record's place in the file and the value at
fault (Refusal). Words are made only here, at the edge: in English for the command line and the
API's report, through gettext for a page. "line 12, column pinyin: 'xie fneg' is not Hanyu
Pinyin", "entry 7 (ai-safety): the English is empty". Pure: imports only messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypedDict

from glossary.messages import N_, Problem

Translate = Callable[..., str]  # gettext with values: translate(message, **values)
LIMIT = 20  # problems shown before "and N more"
SHOWN = 60  # characters of a value quoted in a message
PLACEHOLDER = re.compile(r"%\((\w+)\)s")  # the values a message names


def _english(message: str, **values: Any) -> str:
    return message % values if values else message


@dataclass(frozen=True)
class Refusal:
    """A problem of one record of a file (record None: of the file itself): the record's
    place in the file (0-based) and key, the rule book's problem, and the text at fault.

    place and column say where a reader found the record ("line 3", "termEntry 2") and what
    the file calls the field ("source_1_title"); they are filled in once the file is known.
    A place may be a formats.Note (a str with its message id), said in the reader's language.
    """

    record: int | None
    key: str | None
    problem: Problem
    value: str | None = None
    size: int | None = None  # the characters of the text, or the items of the list, at fault
    place: str | None = None
    column: str | None = None

    def words(self, translate: Translate | None = None) -> str:
        """The problem in words: in English, or through translate (gettext)."""
        say = translate or _english
        return say(N_("%(place)s: %(problem)s"), place=self._where(say), problem=self._what(say))

    def _where(self, say: Translate) -> str:
        if self.place is not None:
            place = _said(self.place, say)
        elif self.record is None:
            place = say(N_("the file"))
        elif self.key:
            place = say(N_("entry %(number)s (%(key)s)"), number=self.record + 1, key=self.key)
        else:
            place = say(N_("entry %(number)s"), number=self.record + 1)
        if self.column:
            return say(N_("%(place)s, column %(column)s"), place=place, column=self.column)
        return place

    def _what(self, say: Translate) -> str:
        problem = self.problem
        values = dict(problem.values)
        if self.value is not None:
            shown = self.value if len(self.value) <= SHOWN else self.value[: SHOWN - 1] + "…"
            values["value"] = shown.replace("\n", " ")
        if self.size is not None:
            values["size"] = self.size
        if self.record is None and not problem.path:  # the file itself
            return say(problem.message, **values)
        sentence = SENTENCES.get(problem.message)
        values["field"] = self._field(say)
        if sentence is not None and set(PLACEHOLDER.findall(sentence)) <= set(values):
            return say(sentence, **values)
        words = say(problem.message, **problem.values)
        return say(N_("%(field)s %(problem)s"), field=values["field"], problem=words)

    def _field(self, say: Translate) -> str:
        return field_label(self.problem.path, say)


def _said(place: str, say: Translate) -> str:
    """A place as a reader wrote it: a Note in the reader's language, other text as it is."""
    message, values = getattr(place, "message", None), getattr(place, "values", None)
    if isinstance(message, str) and isinstance(values, Mapping):
        return say(
            message, **{k: _said(v, say) if isinstance(v, str) else v for k, v in values.items()}
        )
    return place


# What a rule book message says of a field, when the value or the field makes it clearer.
SENTENCES = {
    N_("is required"): N_("%(field)s is empty"),
    N_("at least one source is required"): N_("the entry has no source"),
    N_("must be one of %(kinds)s"): N_("'%(value)s' is not a kind of entry: %(kinds)s"),
    N_("only a person has affiliations"): N_("only a person has affiliations"),
    N_("must be Hanyu Pinyin syllables"): N_("'%(value)s' is not Hanyu Pinyin"),
    N_("must carry tones (marks or numbers)"): N_(
        "'%(value)s' has no tones (tone marks or numbers)"
    ),
    N_("must contain Chinese characters"): N_("'%(value)s' has no Chinese characters"),
    N_("must be a real date: YYYY, YYYY-MM or YYYY-MM-DD"): N_(
        "'%(value)s' is not a real date such as 2026, 2026-05 or 2026-05-12"
    ),
    N_("must be at most %(max)s characters long"): N_(
        "%(field)s: %(size)s characters, more than the %(max)s allowed"
    ),
    N_("must have at most %(max)s items"): N_(
        "%(field)s: %(size)s items, more than the %(max)s allowed"
    ),
    N_("must be the key of an entry in this file"): N_(
        "'%(value)s' is not the key of an entry in this file"
    ),
    N_("must be the key of an organization in this file"): N_(
        "'%(value)s' is not the key of an organization in this file"
    ),
    N_("is the key of an earlier entry too"): N_("the key '%(value)s' is an earlier entry's too"),
    N_("must be an http or https address"): N_(
        "'%(value)s' is not a web address starting with http:// or https://"
    ),
}

# The fields of a record, as a sentence names them.
LABELS = {
    "key": N_("the key"),
    "kind": N_("the kind"),
    "english": N_("the English"),
    "aliases": N_("the aliases"),
    "simplified": N_("the simplified Chinese"),
    "traditional": N_("the traditional Chinese"),
    "pinyin": N_("the pinyin"),
    "romanization": N_("the romanization"),
    "romanization_system": N_("the romanization system"),
    "description": N_("the description"),
    "notes": N_("the notes"),
    "tags": N_("the tags"),
    "status": N_("the status"),
    "verified": N_("the verified mark"),
    "sources": N_("the sources"),
    "affiliations": N_("the affiliations"),
    "related": N_("the related entries"),
    "format": N_("the format"),
    "entries": N_("the entries"),
}
ITEMS = {  # an item of a list, by its number
    "aliases": N_("alias %(number)s"),
    "tags": N_("tag %(number)s"),
    "sources": N_("source %(number)s"),
    "affiliations": N_("affiliation %(number)s"),
    "related": N_("related entry %(number)s"),
}
PARTS = {  # a field of a source or an affiliation
    "quote": N_("the quote of %(item)s"),
    "quote_zh": N_("the Chinese quote of %(item)s"),
    "title": N_("the title of %(item)s"),
    "publisher": N_("the publisher of %(item)s"),
    "url": N_("the web address of %(item)s"),
    "published": N_("the publication date of %(item)s"),
    "accessed": N_("the date %(item)s was read"),
    "organization": N_("the organization of %(item)s"),
    "role": N_("the job title of %(item)s"),
    "as_of": N_("the date of %(item)s"),
    "source": N_("the source of %(item)s"),
}


def field_label(path: tuple[str | int, ...], translate: Translate | None = None) -> str:
    """Name a place in a record as a sentence does: "the English", "alias 3", "the title of
    source 2", "the field 'colour'"."""
    say = translate or _english
    if not path:
        return say(N_("the entry"))
    name = path[0]
    if not isinstance(name, str):
        return say(N_("the entry"))
    if len(path) == 1 or not isinstance(path[1], int) or name not in ITEMS:
        if name in LABELS:
            return say(LABELS[name])
        return say(N_("the field '%(name)s'"), name=name)
    item = say(ITEMS[name], number=path[1] + 1)
    if len(path) == 2:
        return item
    part = path[2]
    if isinstance(part, str) and part in PARTS:
        return say(PARTS[part], item=item)
    return say(N_("the field '%(name)s' of %(item)s"), name=part, item=item)


def say(refusals: Iterable[Refusal], translate: Translate | None = None) -> list[str]:
    """Every refusal in words."""
    return [refusal.words(translate) for refusal in refusals]


def first(words: list[str], translate: Translate | None = None, limit: int = LIMIT) -> list[str]:
    """The first limit problems, then "and N more"."""
    if len(words) <= limit:
        return words
    more = (translate or _english)(N_("and %(num)s more"), num=len(words) - limit)
    return [*words[:limit], more]


@dataclass
class Located:
    """Where a reader found each record of a file: its places ("line 3"; none for a data
    file, whose records are named by number and key) and, for a spreadsheet, what it calls
    each field (a Problem's key, "sources[0].title", as a column, "source_1_title")."""

    places: list[str] = field(default_factory=list)
    column: Callable[[str], str] | None = None

    def locate(self, refusal: Refusal) -> Refusal:
        """The refusal with its place and column in this file."""
        if refusal.record is None or refusal.record >= len(self.places):
            return refusal
        place = self.places[refusal.record]
        if refusal.key and not self.column:
            place = _with_key(place, refusal.key)
        column = self.column(refusal.problem.key) if self.column and refusal.problem.path else None
        return replace(refusal, place=place, column=column)


class _Keyed(str):
    """A place with the record's key: "termEntry 2 (c1)", said in the reader's language."""

    message: str
    values: dict[str, object]


def _with_key(place: str, key: str) -> str:
    keyed = _Keyed(f"{place} ({key})")
    keyed.message = N_("%(place)s (%(key)s)")
    keyed.values = {"place": place, "key": key}
    return keyed


# Kept as JSON (an import job's outcome) and said later, in the language of whoever reads it ---


class _Said(str):
    """Text a reader wrote as a message id and values (formats.Note), read back from JSON."""

    message: str
    values: dict[str, object]


def _text_json(text: str | None) -> Any:
    message, values = getattr(text, "message", None), getattr(text, "values", None)
    if isinstance(message, str) and isinstance(values, Mapping):
        return {"message": message, "values": {k: _text_json(v) for k, v in values.items()}}
    return text


def _text_from(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    values = {k: _text_from(v) for k, v in data["values"].items()}
    said = _Said(_english(data["message"], **values))
    said.message, said.values = data["message"], values
    return said


class KeptRefusal(TypedDict):
    """A refusal as JSON (an import job's outcome keeps it): its fields, the problem's own."""

    record: int | None
    key: str | None
    path: list[str | int]
    message: str
    values: dict[str, object]
    value: str | None
    size: int | None
    place: object  # text, or {"message", "values"} to be said in the reader's language
    column: str | None


def to_json(refusal: Refusal) -> KeptRefusal:
    """A refusal as JSON, to be said later in the reader's language (from_json)."""
    problem = refusal.problem
    return KeptRefusal(
        record=refusal.record,
        key=refusal.key,
        path=list(problem.path),
        message=problem.message,
        values=dict(problem.values),
        value=refusal.value,
        size=refusal.size,
        place=_text_json(refusal.place),
        column=refusal.column,
    )


def from_json(data: Mapping[str, Any]) -> Refusal:
    """A refusal kept by to_json."""
    problem = Problem(tuple(data["path"]), data["message"], data["values"])
    place = _text_from(data["place"])
    return Refusal(
        data["record"], data["key"], problem, data["value"], data["size"], place, data["column"]
    )
