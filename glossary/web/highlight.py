"""Marking where a query matches a form, for the pages (the API answers unmarked)."""

from __future__ import annotations

import re
from functools import lru_cache

from glossary.text import hanzi
from glossary.text.keys import fold, strip_accents


def highlight(form: str, query: str) -> list[tuple[str, bool]]:
    """Split form into (text, matched) segments, marking where the query matches it."""
    haystack, positions = _letters(form)
    spans: list[tuple[int, int]] = []

    def mark_all(needle: str) -> bool:
        start = haystack.find(needle) if needle else -1
        found = start >= 0
        while start >= 0:
            spans.append((positions[start], positions[start + len(needle) - 1] + 1))
            start = haystack.find(needle, start + len(needle))
        return found

    variants, words = _needles(query)
    if not any(mark_all(v) for v in variants):
        for word in words:
            mark_all(word)
    segments: list[tuple[str, bool]] = []
    end = 0
    for start, stop in sorted(spans):
        if segments and segments[-1][1] and start <= end:  # overlapping or adjacent: join
            if stop > end:
                segments[-1] = (segments[-1][0] + form[end:stop], True)
                end = stop
            continue
        if start > end:
            segments.append((form[end:start], False))
        segments.append((form[start:stop], True))
        end = stop
    if end < len(form):
        segments.append((form[end:], False))
    return segments


ASCII_LETTER = re.compile(r"[A-Za-z0-9]")
NOT_ASCII_LETTER = re.compile(r"[^A-Za-z0-9]+")


@lru_cache(maxsize=4096)
def _letters(form: str) -> tuple[str, list[int]]:
    """Fold form to its letters and digits, and say which character of form each came from
    (kept by form: a results page marks the same entries' forms again and again, and folding
    a form of pinyin or characters goes character by character). The list is not to be
    changed."""
    if form.isascii():  # the common case, done by regular expressions
        return NOT_ASCII_LETTER.sub("", form).lower(), [
            m.start() for m in ASCII_LETTER.finditer(form)
        ]
    letters: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(form):
        if folded := _folded_letters(char):
            letters.append(folded)
            positions += [index] * len(folded)
    return "".join(letters), positions


@lru_cache(maxsize=4096)
def _folded_letters(char: str) -> str:
    return "".join(piece for piece in strip_accents(fold(char)) if piece.isalnum())


@lru_cache(maxsize=256)
def _needles(query: str) -> tuple[list[str], list[str]]:
    """The strings to mark for a query: itself folded (in both scripts), else its words."""
    needle = "".join(c for c in strip_accents(fold(query)) if c.isalpha())
    variants = [needle]
    if hanzi.has_cjk(needle):
        variants += [hanzi.to_simplified(needle), hanzi.to_traditional(needle)]
    return variants, re.findall(r"[^\W\d_]+", strip_accents(fold(query)))
