"""Written pinyin split into its syllables with their tones, for pages that colour tones."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from glossary.text import romanize

# A run of pinyin letters, tone marks and ü included; an apostrophe or anything else ends it.
LETTERS = re.compile(r"[A-Za-zÀ-ɏḀ-ỿ\u0300-\u036f]+")


@lru_cache(maxsize=4096)
def tone_runs(pinyin: str) -> tuple[tuple[str, int | None], ...]:
    """Split written pinyin into runs: each syllable with its tone (1-4, 0 for the neutral
    tone), and what is not pinyin (spaces, apostrophes, other words) with None.

    "Xiè Fēng" → ("Xiè", 4), (" ", None), ("Fēng", 1); "diànnǎo" → ("diàn", 4), ("nǎo", 3).
    Text as written is kept, capitals included.
    """
    text = unicodedata.normalize("NFC", pinyin)
    runs: list[tuple[str, int | None]] = []
    at = 0
    for word in LETTERS.finditer(text):
        if word.start() > at:
            runs.append((text[at : word.start()], None))
        runs.extend(_syllables(word.group()))
        at = word.end()
    if at < len(text):
        runs.append((text[at:], None))
    return tuple(runs)


def _syllables(word: str) -> list[tuple[str, int | None]]:
    """A word's syllables with their tones, or the word whole (None) if it is not pinyin."""
    letters, tones = romanize.strip_tones(word)
    if len(letters) != len(word):  # a letter written in two code points: keep the word whole
        return [(word, None)]
    parts = romanize.segment("".join(letters))
    if parts is None:
        return [(word, None)]
    runs: list[tuple[str, int | None]] = []
    position = 0
    for part in parts:
        marked = [tone for tone in tones[position : position + len(part)] if tone]
        if len(marked) > 1:
            return [(word, None)]
        runs.append((word[position : position + len(part)], marked[0] if marked else 0))
        position += len(part)
    return runs
