"""What the entry form suggests while an editor types: readings, the other script, duplicates.

Library first: works on a database connection, without Flask.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

from glossary.model import KINDS, StoredEntry
from glossary.store.entries import entries_with_characters, get_entry
from glossary.store.finding import find
from glossary.text import hanzi, keys, names, numbers

if TYPE_CHECKING:
    import sqlite_utils

DUPLICATE_LIMIT = 10


class Duplicate(TypedDict):
    """An entry the form's entry may duplicate, as the form lists it."""

    id: int
    kind: str
    english: str
    simplified: str
    url: str


class PasteForm(TypedDict):
    """A form of the name to paste (names.PasteForm), as the form shows it."""

    name: str
    text: str
    system: bool
    label: NotRequired[str]  # the name in the editor's language, added by the web page


class Suggestions(TypedDict):
    """Everything the entry form suggests as an editor types: the reading and both scripts
    (None until there are characters), ambiguous characters, notes, the forms to paste, and
    the entries this one may duplicate."""

    pinyin: str | None
    simplified: str | None
    traditional: str | None
    ambiguous: list[names.Ambiguous]
    notes: list[str]
    forms: list[PasteForm]
    duplicates: list[Duplicate]


def duplicates(
    db: sqlite_utils.Database,
    *,
    characters: str = "",
    kind: str | None = None,
    english: str = "",
    exclude: int | None = None,
) -> list[Duplicate]:
    """Return live entries an editor may be about to duplicate: the same characters (either
    script) of the same kind, or the same English (any case) of any kind; exclude left out."""
    found: dict[int, Mapping[str, Any]] = {}
    if characters and kind in KINDS and hanzi.has_cjk(characters):
        for variant in dict.fromkeys(
            [characters, hanzi.to_simplified(characters), hanzi.to_traditional(characters)]
        ):
            for entry in entries_with_characters(db, kind, variant):
                found.setdefault(entry["id"], entry)
    key = keys.english_key(english) if english else ""
    if key:
        query = keys.Query(text=english, exact=[("text", key)])
        for result in find(db, query, None, None, 50, 0)[1]:
            if keys.english_key(result["english"]) == key:
                found.setdefault(result["id"], result)
    return [
        Duplicate(
            id=entry["id"],
            kind=entry["kind"],
            english=entry["english"],
            simplified=entry["simplified"],
            url=entry["url"],
        )
        for entry in found.values()
        if entry["id"] != exclude
    ][:DUPLICATE_LIMIT]


def suggestions(
    db: sqlite_utils.Database,
    *,
    characters: str,
    kind: str,
    english: str = "",
    exclude: int | None = None,
    pinyin: str = "",
) -> Suggestions:
    """Everything the form suggests: pinyin for the kind, both scripts, characters whose
    traditional form is ambiguous, the forms of the name to paste (from the pinyin typed,
    if any), possible duplicates, and what could not be read."""
    result = Suggestions(
        pinyin=None,
        simplified=None,
        traditional=None,
        ambiguous=[],
        notes=[],
        forms=[],
        duplicates=[],
    )
    if characters:
        reading = names.romanization(characters, kind)
        result["pinyin"] = reading["pinyin"]
        result["simplified"] = reading["simplified"]
        result["traditional"] = reading["traditional"]
        result["ambiguous"] = reading["ambiguous"]
        result["notes"] = reading["notes"]
        result["forms"] = [
            PasteForm(name=form.name, text=form.text, system=form.system)
            for form in names.paste_forms(
                characters, kind, pinyin=pinyin or reading["pinyin"], english=english
            )
        ]
    result["duplicates"] = duplicates(
        db, characters=characters, kind=kind, english=english, exclude=exclude
    )
    return result


def resolve_entry(
    db: sqlite_utils.Database, text: str, entry_id: str = "", kind: str | None = None
) -> int | None:
    """Return the id of the live entry (of kind, if given) an editor chose by typing, or None.

    entry_id is what the form's typeahead picked; it counts while text still names that entry.
    Otherwise text is read as "#12" or as an exact name in either script, if only one matches.
    """
    text = text.strip()
    if not text:
        return None
    if (chosen := numbers.whole_number(entry_id, 1)) is not None:
        entry = get_entry(db, chosen)
        if (
            entry is not None
            and not entry["deleted"]
            and kind in (None, entry["kind"])
            and _names(entry, text)
        ):
            return entry["id"]
    number = re.fullmatch(r"#?([0-9]{1,9})", text)
    if number:
        return int(number.group(1))
    query = keys.parse_query(text)
    if query.empty:
        return None
    exact = [e for e in find(db, query, kind, None, 5, 0)[1] if e["band"] == keys.EXACT]
    return exact[0]["id"] if len(exact) == 1 else None


def _names(entry: StoredEntry, text: str) -> bool:
    """Tell whether text is the entry's English, characters or "#id"."""
    if text == f"#{entry['id']}":
        return True
    if hanzi.has_cjk(text):
        key = keys.hanzi_key(text)
        return key in (keys.hanzi_key(entry["simplified"]), keys.hanzi_key(entry["traditional"]))
    return keys.english_key(text) == keys.english_key(entry["english"])
