"""CC-CEDICT's notation inside definitions, read into parts a page can show.

CC-CEDICT cites other entries as `traditional|simplified[pinyin]` (or `characters[pinyin]`
where both scripts agree) and lists classifiers as `CL:個|个[ge4],位[wei4]`. A page shows
these as the characters and toned pinyin (a link where the entry is loaded), never the raw
`|` and `[ge4]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary.dictionary.pinyin import convert_pinyin

CJK = r"\u3006\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# One citation: characters (with the middle dots and commas of names and phrases), then
# optionally `|` and the other script, then optionally the pinyin in brackets. A citation
# needs the `|` or the brackets; characters alone are plain text.
CITATION = re.compile(
    rf"(?P<first>[{CJK}·・，A-Za-z0-9]*[{CJK}][{CJK}·・，A-Za-z0-9]*)"
    rf"(?:\|(?P<second>[{CJK}·・，A-Za-z0-9]+))?"
    r"(?:\[(?P<pinyin>[A-Za-z0-9:, ·]+)\])?"
)
CLASSIFIER = re.compile(r"CL:\s*")


@dataclass(frozen=True)
class Citation:
    """Another dictionary entry a definition points to."""

    simplified: str
    traditional: str
    numbered: str  # as CC-CEDICT writes it: "tai2"; "" when the citation gives none
    pinyin: str  # with tone marks: "tái"


@dataclass(frozen=True)
class Definition:
    """A definition as parts: text and citations; label says what it is ("classifier")."""

    parts: tuple[str | Citation, ...]
    label: str | None = None

    @property
    def citations(self) -> list[Citation]:
        return [part for part in self.parts if isinstance(part, Citation)]

    def plain(self) -> str:
        """The definition as one line of text: "classifier: 台 tái"."""
        text = "".join(
            part
            if isinstance(part, str)
            else " ".join(filter(None, (part.simplified, part.pinyin)))
            for part in self.parts
        )
        return f"{self.label}: {text}" if self.label else text


def read(definition: str) -> Definition:
    """Read one CC-CEDICT definition into text and citations."""
    label = None
    if classifier := CLASSIFIER.match(definition):
        label, definition = "classifier", definition[classifier.end() :]
    parts: list[str | Citation] = []
    at = 0
    for found in CITATION.finditer(definition):
        if found["second"] is None and found["pinyin"] is None:
            continue  # characters quoted as they are: nothing to read
        if found.start() > at:
            parts.append(definition[at : found.start()])
        parts.append(_citation(found["first"], found["second"], found["pinyin"] or ""))
        at = found.end()
    if at < len(definition):
        parts.append(definition[at:])
    if label == "classifier":  # "个 gè, 位 wèi", not "个 gè,位 wèi"
        parts = [", " if part == "," else part for part in parts]
    return Definition(tuple(parts), label)


def _citation(first: str, second: str | None, numbered: str) -> Citation:
    """CC-CEDICT writes the traditional form first, then the simplified one when it differs."""
    traditional, simplified = (first, second) if second else (first, first)
    numbered = " ".join(numbered.split())
    pinyin = convert_pinyin(numbered, simplified)[0] if numbered else ""
    return Citation(simplified, traditional, numbered, pinyin)
