"""Comparing two revisions of an entry, field by field, in words a person can read."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any, NotRequired, TypedDict

from glossary.model import FIELDS as RECORD_FIELDS
from glossary.model import PARTS

LIST_FIELDS = ("aliases", "tags", "sources", "affiliations", "related")
# The order fields are compared and shown in: the names first, then what explains them.
FIELDS = (*RECORD_FIELDS, *PARTS)
# What a diff marks: a Chinese character alone, a word of letters and digits (accented pinyin
# included), a run of spaces, or one other character.
TOKEN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
    r"|[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]+|\s+|."
)
# The words and punctuation inside a line, as %-templates; a page passes them translated (what
# it leaves out stays English).
WORDING = {
    "accessed": "(accessed %(date)s)",
    "as_of": "as of %(date)s",
    "source": "source %(number)s",
    "separator": ", ",  # between the details of a line
    "cited": "%(line)s (%(source)s)",  # an affiliation and the source that says so
}


class Change(TypedDict):
    """A field that differs between two revisions: its text, or a list field's lines."""

    field: str
    old: str | list[str]
    new: str | list[str]
    mine: NotRequired[bool]  # on the conflict page: whether the editor changed it too


def diff(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    names: Mapping[int, str] | None = None,
    wording: Mapping[str, str] = WORDING,
) -> list[Change]:
    """Return the fields that differ between two snapshots: field, old and new values.

    Scalar fields give strings; list fields give one line of text per item (a source as
    "quote — title, publisher, published, url"). names maps entry ids to how to show them.
    """
    changes: list[Change] = []
    for field in FIELDS:
        if field in LIST_FIELDS:
            before: Any = lines(field, old.get(field), names, wording)
            after: Any = lines(field, new.get(field), names, wording)
        else:
            before, after = _text(old.get(field)), _text(new.get(field))
        if before != after:
            changes.append(Change(field=field, old=before, new=after))
    return changes


def lines(
    field: str,
    value: Any,
    names: Mapping[int, str] | None = None,
    wording: Mapping[str, str] = WORDING,
) -> list[str]:
    """Return one readable line for each item of a list field of a snapshot."""
    names = names or {}
    items = value or []
    if field == "sources":
        return [source_line(source, wording) for source in items]
    if field == "affiliations":
        return [affiliation_line(affiliation, names, wording) for affiliation in items]
    if field == "related":
        return [entry_name(entry_id, names) for entry_id in items]
    return [_text(item) for item in items]


def source_line(source: Mapping[str, Any], wording: Mapping[str, str] = WORDING) -> str:
    """Show a source on one line: quote (and Chinese quote) — title, publisher, dates, url."""
    wording = {**WORDING, **wording}
    quote = " / ".join(q for q in (_text(source.get("quote")), _text(source.get("quote_zh"))) if q)
    where = [_text(source.get(k)) for k in ("title", "publisher", "published", "url")]
    line = f"{quote} — {wording['separator'].join(part for part in where if part)}"
    if source.get("accessed"):
        line += " " + wording["accessed"] % {"date": source["accessed"]}
    return line


def affiliation_line(
    affiliation: Mapping[str, Any], names: Mapping[int, str], wording: Mapping[str, str] = WORDING
) -> str:
    """Show an affiliation on one line: role, organization, as of, which source says so."""
    wording = {**WORDING, **wording}
    parts = [_text(affiliation.get("role")), entry_name(affiliation.get("organization_id"), names)]
    if affiliation.get("as_of"):
        parts.append(wording["as_of"] % {"date": affiliation["as_of"]})
    line = wording["separator"].join(part for part in parts if part)
    if affiliation.get("source") is not None:
        source = wording["source"] % {"number": int(affiliation["source"]) + 1}
        line = wording["cited"] % {"line": line, "source": source}
    return line


def entry_name(entry_id: Any, names: Mapping[int, str]) -> str:
    """Show a linked entry by its name and id, or by its id alone when the name is unknown."""
    if entry_id is None:
        return ""
    name = names.get(int(entry_id))
    return f"{name} (#{entry_id})" if name else f"#{entry_id}"


def linked_ids(*snapshots: Mapping[str, Any]) -> set[int]:
    """Return the ids of every entry the snapshots link to (affiliations and related)."""
    ids: set[int] = set()
    for snapshot in snapshots:
        ids.update(int(i) for i in snapshot.get("related") or [])
        ids.update(int(a["organization_id"]) for a in snapshot.get("affiliations") or [])
    return ids


def _text(value: Any) -> str:
    return "" if value is None else str(value)


Parts = list[tuple[str, bool]]  # (text, changed) in order


def word_parts(old: str, new: str) -> tuple[Parts, Parts]:
    """Split two versions of a text into runs, marking the words (characters, for Chinese)
    that one has and the other has not: ("Xie Feng", "Xie Feng (diplomat)") marks " (diplomat)"."""
    before, after = TOKEN.findall(old), TOKEN.findall(new)
    old_parts: Parts = []
    new_parts: Parts = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        _add(old_parts, "".join(before[i1:i2]), tag != "equal")
        _add(new_parts, "".join(after[j1:j2]), tag != "equal")
    return old_parts, new_parts


def _add(parts: Parts, text: str, changed: bool) -> None:
    if not text:
        return
    if parts and parts[-1][1] == changed:
        parts[-1] = (parts[-1][0] + text, changed)
    else:
        parts.append((text, changed))


def paired_lines(old: list[str], new: list[str]) -> dict[str, tuple[Parts, Parts]]:
    """For list fields: pair each line only one side has with the other side's, in order, where
    they share most of their words, and mark those words; other lines are marked whole."""
    gone = [line for line in old if line not in new]
    came = [line for line in new if line not in old]
    pairs: dict[str, tuple[Parts, Parts]] = {}
    for before, after in zip(gone, came, strict=False):
        old_parts, new_parts = word_parts(before, after)
        kept = sum(len(text) for text, changed in old_parts if not changed)
        if kept * 2 < min(len(before), len(after)):
            continue  # a different line, not this one changed
        pairs[before], pairs[after] = (old_parts, new_parts), (old_parts, new_parts)
    return pairs
