"""TSV for CAT tools (OmegaT, memoQ): source TAB target TAB comment, a line per term."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from glossary.entries import validate
from glossary.exchange.formats.records import (
    LANGUAGES,
    Export,
    InvalidData,
    Note,
    Parsed,
    Reading,
    Refusal,
    encoded,
    keyed,
    refused,
    text,
)
from glossary.messages import N_
from glossary.model import FileRecord, FileSource, StoredEntry
from glossary.text import hanzi

NAME = "tsv"
LABEL = N_("TSV")
CHOICE = N_("TSV (OmegaT, memoQ)")
MEDIA_TYPE = "text/tab-separated-values; charset=utf-8"
EXTENSIONS = (".tsv", ".tab", ".txt", ".utf8")


# Writing -------------------------------------------------------------------------------------


def write(export: Export) -> Iterator[bytes]:
    """Write source TAB target TAB comment, a line per form: the entry's own, then its aliases.

    The comment is the pinyin and the description, joined by "; ". Tabs and line breaks inside
    a field become spaces: TSV has no way to quote them.
    """
    source, target = export.source, export.target
    if source not in LANGUAGES or target not in LANGUAGES or source == target:
        raise ValueError(f"source and target must be two of {', '.join(LANGUAGES)}")
    return encoded(_chunks((entry for entry, _ in export.found.pairs), source, target))


def _chunks(entries: Iterable[StoredEntry], source: str, target: str) -> Iterator[str]:
    """An entry's lines at a time."""
    for entry in entries:
        forms = tsv_forms(entry)
        comment = "; ".join(part for part in (entry["pinyin"], entry["description"]) if part)
        pairs = [(forms[source][0], forms[target][0])]
        pairs += [(extra, forms[target][0]) for extra in forms[source][1:]]
        pairs += [(forms[source][0], extra) for extra in forms[target][1:]]
        yield "".join(
            "\t".join(_field(form) for form in (*pair, comment)) + "\n"
            for pair in dict.fromkeys(pairs)
        )


def tsv_forms(entry: Mapping[str, Any]) -> dict[str, list[str]]:
    """Return an entry's forms in each language, its own first, then its aliases: a Chinese
    alias under each script it is written in (hanzi.by_language)."""
    aliases = hanzi.by_language(entry["aliases"])
    traditional = entry["traditional"] or hanzi.to_traditional(entry["simplified"])
    own = [entry["romanization"]] if entry["romanization"] else []
    return {
        "en": [entry["english"], *aliases["en"], *own],
        "zh-Hans": [entry["simplified"], *aliases["zh-Hans"]],
        "zh-Hant": [traditional, *aliases["zh-Hant"]],
    }


def _field(form: str) -> str:
    return re.sub(r"\r\n|[\t\r\n]", " ", form)


# Reading -------------------------------------------------------------------------------------


def read(raw: bytes, reading: Reading) -> Parsed:
    """Read source TAB target TAB comment lines (write) as minimal entries.

    The English column is the one without Chinese characters unless source and target say.
    Consecutive lines with the same comment and the same English or Chinese are one entry
    with aliases. Each entry cites the file: its lines are the quote, its name the title.
    TSV says nothing of kinds (Parsed.kinds).
    """
    content = text(raw, reading.name)
    return read_text(content, reading.name, reading.today, reading.source, reading.target)


def read_text(
    content: str, name: str, today: str, source: str | None = None, target: str | None = None
) -> Parsed:
    """Read TSV from its text (read)."""
    lines = [
        (number, line.split("\t"))
        for number, line in enumerate(content.splitlines(), start=1)
        if line.strip() and not line.startswith("#")  # OmegaT's comment lines, anywhere
    ]
    if lines and not any(hanzi.has_cjk(cell) for cell in lines[0][1][:2]):
        lines = lines[1:]  # a header such as "English<TAB>Chinese": no entry has no Chinese
    problems: list[Refusal] = []
    groups: list[_Group] = []
    for number, cells in lines:
        place = Note(N_("line %(number)s"), number=number)
        if not 2 <= len(cells) <= 3:
            message = N_("%(fields)s fields; expected (source, target, comment)")
            problems.append(refused(place, message, fields=len(cells)))
            continue
        first, second, comment = (*cells, "")[:3]
        if source is None and target is None:
            english_first = not hanzi.has_cjk(first) and hanzi.has_cjk(second)
        else:
            english_first = source == "en" or (source is None and target != "en")
        english, chinese = (first, second) if english_first else (second, first)
        if hanzi.has_cjk(english) or not hanzi.has_cjk(chinese):
            message = N_("needs English in one field and Chinese in the other")
            problems.append(refused(place, message))
            continue
        group = groups[-1] if groups else None
        if group and group.comment == comment and chinese == group.chinese[0]:
            group.english.append(english)
        elif group and group.comment == comment and english == group.english[0]:
            group.chinese.append(chinese)
        else:
            group = _Group([english], [chinese], comment, place)
            groups.append(group)
        group.lines.append("\t".join(cells))
    if problems:
        raise InvalidData.of(problems)
    script = "zh-Hant" if "zh-Hant" in (source, target) else "zh-Hans"
    records = [(_record(group, name, today, script), group.place) for group in groups]
    parsed = keyed(records, NAME)
    parsed.kinds = False
    return parsed


@dataclass
class _Group:
    """Lines read as one entry: its English and Chinese forms (the first of each its name,
    the rest its aliases), the comment they share, and where the first is."""

    english: list[str]
    chinese: list[str]
    comment: str
    place: Note
    lines: list[str] = field(default_factory=list)  # as the file has them: the source's quote


def _record(group: _Group, name: str, today: str, script: str) -> FileRecord:
    """A group of lines as a record, keyed later (records.keyed)."""
    chinese = group.chinese[0]
    pinyin, _, description = group.comment.partition("; ")
    if validate.pinyin_problem(pinyin, chinese) is not None:
        pinyin, description = "", group.comment
    quote = "\n".join(group.lines)
    return FileRecord(
        key="",
        kind="term",
        english=group.english[0],
        aliases=list(dict.fromkeys(group.english[1:] + group.chinese[1:])),
        simplified=hanzi.to_simplified(chinese) if script == "zh-Hant" else chinese,
        traditional=chinese if script == "zh-Hant" else None,
        pinyin=pinyin or None,
        description=description or None,
        sources=[
            FileSource(
                quote=quote if len(quote) <= 4000 else quote[:3999] + "…",
                title=name,
                published=today,
            )
        ],
    )
