"""Pinyin: readings of Chinese text, and the forms and search keys derived from a reading.

The only module that imports pypinyin. A stored pinyin string (an editor's) always wins over a
computed reading; `reading` only suggests one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from pypinyin import Style, pinyin_dict
from pypinyin import pinyin as pypinyin_pinyin
from pypinyin.seg.mmseg import seg as mmseg

# Combining marks after NFD decomposition, and the tone each one writes.
TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
DIAERESIS = "\u0308"
TONED_VOWELS = {
    "a": "āáǎà",
    "o": "ōóǒò",
    "e": "ēéěè",
    "i": "īíǐì",
    "u": "ūúǔù",
    "v": "ǖǘǚǜ",
}

Syllable = tuple[str, int]  # (toneless syllable with ü written v, tone 1–4 or 0 for neutral)


@cache
def syllables() -> frozenset[str]:
    """Return every toneless pinyin syllable (ü written v) that pypinyin's data uses."""
    found: set[str] = set()
    for readings in pinyin_dict.pinyin_dict.values():
        for toned in readings.split(","):
            letters, _ = strip_tones(toned)
            found.add("".join(letters))
    return frozenset(s for s in found if s.isascii() and s.isalpha())


def strip_tones(text: str) -> tuple[list[str], list[int]]:
    """Split lower-case pinyin into base letters (ü as v) and the tone written on each letter."""
    letters: list[str] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", text.lower()):
        if char == DIAERESIS and letters and letters[-1] == "u":
            letters[-1] = "v"
        elif char in TONE_MARKS and letters:
            tones[-1] = TONE_MARKS[char]
        elif unicodedata.combining(char):
            continue
        else:
            letters.append(char)
            tones.append(0)
    return letters, tones


def segment(letters: str) -> list[str] | None:
    """Split toneless letters into the fewest pinyin syllables, or None if they are not pinyin."""
    valid = syllables()
    n = len(letters)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            if head is not None and letters[start:end] in valid:
                candidate = [*head, letters[start:end]]
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[n]


def parse(text: str) -> list[list[Syllable]] | None:
    """Parse written pinyin into words of (syllable, tone), or None if any word is not pinyin.

    Words are separated by spaces, hyphens and punctuation; an apostrophe separates syllables.
    A tone number written after a syllable (xie4) counts like a tone mark.
    """
    words: list[list[Syllable]] = []
    for word in re.split(r"[^\w'’:]+", text.lower().replace("u:", "v")):
        if not word:
            continue
        parsed: list[Syllable] = []
        for chunk in re.split(r"['’]", word):
            numbered = re.fullmatch(r"(?:[a-zü]+[0-5])+", chunk)
            if numbered:
                for letters, tone in re.findall(r"([a-zü]+)([0-5])", chunk):
                    parsed_chunk = parse_chunk(letters)
                    if parsed_chunk is None or len(parsed_chunk) != 1:
                        return None
                    parsed.append((parsed_chunk[0][0], int(tone) % 5))
                continue
            parsed_chunk = parse_chunk(chunk)
            if parsed_chunk is None:
                return None
            parsed.extend(parsed_chunk)
        if parsed:
            words.append(parsed)
    return words or None


def parse_chunk(chunk: str) -> list[Syllable] | None:
    """Parse one run of tone-marked pinyin letters with no separators."""
    if not chunk:
        return []
    letters, tones = strip_tones(chunk)
    parts = segment("".join(letters))
    if parts is None:
        return None
    result: list[Syllable] = []
    position = 0
    for part in parts:
        marked = [t for t in tones[position : position + len(part)] if t]
        if len(marked) > 1:
            return None
        result.append((part, marked[0] if marked else 0))
        position += len(part)
    return result


def mark(syllable: str, tone: int) -> str:
    """Write a toneless syllable (ü as v) with its tone mark: ("lv", 4) → "lǜ"."""
    if tone == 0:
        return syllable.replace("v", "ü")
    # The mark goes on a or e; on the o of ou; otherwise on the last vowel.
    if "a" in syllable:
        index = syllable.index("a")
    elif "e" in syllable:
        index = syllable.index("e")
    elif "ou" in syllable:
        index = syllable.index("o")
    else:
        index = max(syllable.rfind(v) for v in "aoeiuv")
    if index < 0:
        return syllable
    toned = TONED_VOWELS[syllable[index]][tone - 1]
    return (syllable[:index] + toned + syllable[index + 1 :]).replace("v", "ü")


def join_syllables(parts: list[str]) -> str:
    """Join the syllables of one word, with an apostrophe before a, o or e after the first."""
    word = parts[0] if parts else ""
    for part in parts[1:]:
        word += ("'" if part[:1] in "aoeāáǎàōóǒòēéěè" else "") + part
    return word


def toneless(pinyin: str) -> str:
    """Return pinyin without tone marks, keeping case and spacing: "Xiè Fēng" → "Xie Feng"."""
    letters = []
    for char in unicodedata.normalize("NFD", pinyin):
        if not unicodedata.combining(char):
            letters.append(char)
    return unicodedata.normalize("NFC", "".join(letters))


def numbered(pinyin: str) -> str:
    """Return pinyin with tone numbers, keeping word case: "Xiè Fēng" → "Xie4 Feng1"."""
    words = []
    for word in pinyin.split():
        parsed = parse(word)
        if parsed is None or len(parsed) != 1:
            words.append(toneless(word))
            continue
        text = "".join(f"{s}{t or ''}" for s, t in parsed[0]).replace("v", "u:")
        words.append(text.capitalize() if word[:1].isupper() else text)
    return " ".join(words)


def initials(pinyin: str) -> str:
    """Return the first letter of every syllable: "Xiè Fēng" → "xf"."""
    parsed = parse(pinyin)
    if parsed is None:
        return ""
    return "".join(s[0] for word in parsed for s, _ in word)


def reading(hanzi: str, kind: str) -> str:
    """Suggest a Hanyu Pinyin reading of hanzi, grouped and capitalised for the entry's kind."""
    if kind == "person":
        readings = [r[0] for r in pypinyin_pinyin(hanzi, style=Style.TONE, errors="ignore")]
        if not readings:
            return ""
        surname, given = readings[:1], readings[1:]
        words = [join_syllables(surname), join_syllables(given)] if given else [surname[0]]
        return " ".join(w.capitalize() for w in words if w)
    words = []
    for word in mmseg.cut(hanzi):
        readings = [r[0] for r in pypinyin_pinyin(word, style=Style.TONE, errors="ignore")]
        if readings:
            words.append(join_syllables(readings))
    if kind == "term":
        return " ".join(words)
    return " ".join(w[:1].upper() + w[1:] for w in words)
