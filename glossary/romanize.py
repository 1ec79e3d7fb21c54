"""Pinyin: readings of Chinese text, and the forms and search keys derived from a reading.

The only module that imports pypinyin. Name readings are our own data (glossary/readings/*.tsv),
looked up before pypinyin is asked; pypinyin's global dictionaries are never changed. A stored
pinyin string (an editor's) always wins over a computed reading; `reading` only suggests one.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import rjieba
from pypinyin import Style, pinyin_dict
from pypinyin import pinyin as pypinyin_pinyin
from pypinyin.style.wadegiles import to_wade_glides

from glossary import hanzi

READINGS = Path(__file__).resolve().parent / "readings"
# Combining marks after NFD decomposition, and the tone each one writes.
TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
DIAERESIS = "\u0308"
VOWELS = "aoeiuv"
TONED_VOWELS = {
    "a": "āáǎà",
    "o": "ōóǒò",
    "e": "ēéěè",
    "i": "īíǐì",
    "u": "ūúǔù",
    "v": "ǖǘǚǜ",
}
# Middle dots between the parts of a transliterated name: 唐纳德·特朗普.
NAME_SEPARATORS = "·•・‧･"
# Chinese punctuation as it is written inside pinyin.
PUNCTUATION = {"、": ",", "，": ",", "：": ":", "；": ";", "。": ".", "！": "!", "？": "?"}
# Function words written in lower case inside capitalised names (GB/T 16159).
FUNCTION_WORDS = {"与", "和", "及", "的", "之", "于", "对", "在"}

Syllable = tuple[str, int]  # (toneless syllable with ü written v, tone 1–4 or 0 for neutral)


# Name readings, kept as data -------------------------------------------------------------------


def _table(name: str) -> list[dict[str, str]]:
    with (READINGS / name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def surnames() -> dict[str, str]:
    """Return the name reading of each surname in surnames.tsv: {"单": "Shàn", "欧阳": "Ōuyáng"}."""
    return {row["surname"]: row["pinyin"] for row in _table("surnames.tsv")}


@cache
def given_name_readings() -> dict[str, str]:
    """Return characters read differently in given names: {"茜": "qiàn"}."""
    return {row["character"]: row["reading"] for row in _table("given.tsv")}


# Parsing written pinyin ------------------------------------------------------------------------


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


# Syllables that only interjections have: in a name, "Ching" is Wade–Giles, not chi + ng.
INTERJECTIONS = frozenset({"ng", "n", "m", "hm", "hng", "r"})


def name_syllables(word: str) -> list[str] | None:
    """Split one written word of a name into toneless syllables by the spelling rules, or None.

    Inside a word, a syllable starting with a, o or e needs an apostrophe before it, so "Lee"
    is not le + e; syllables only interjections have (ng, m) are not read as names.
    """
    found: list[str] = []
    for chunk in re.split(r"['’]", word):
        letters = "".join(strip_tones(chunk)[0])
        parts = segment(letters) if letters.isascii() and letters.isalpha() else None
        if not parts or any(p in INTERJECTIONS for p in parts):
            return None
        if any(p[0] in "aoe" for p in parts[1:]):
            return None
        found += parts
    return found


def parse(text: str) -> list[list[Syllable]] | None:
    """Parse written pinyin into words of (syllable, tone), or None if any word is not pinyin.

    Words are separated by spaces, hyphens and punctuation; an apostrophe separates syllables.
    A tone number written after a syllable (xie4) counts like a tone mark.
    """
    text = unicodedata.normalize("NFC", text).lower().replace("u:", "v")
    words: list[list[Syllable]] = []
    for word in re.split(r"[^\w'’:\u0300-\u036f]+", text):
        if not word:
            continue
        parsed: list[Syllable] = []
        for chunk in re.split(r"['’]", word):
            if re.fullmatch(r"(?:[a-zü]+[0-5])+", chunk):
                for letters, tone in re.findall(r"([a-zü]+)([0-5])", chunk):
                    one = parse_chunk(letters)
                    if one is None or len(one) != 1:
                        return None
                    parsed.append((one[0][0], int(tone) % 5))
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


# Writing pinyin --------------------------------------------------------------------------------


def mark(syllable: str, tone: int) -> str:
    """Write a toneless syllable (ü as v) with its tone mark: ("lv", 4) → "lǜ"."""
    if tone == 0:
        return syllable.replace("v", "ü")
    # The mark goes on a or e; on the o of ou; otherwise on the last vowel; else on m or n.
    if "a" in syllable:
        index = syllable.index("a")
    elif "e" in syllable:
        index = syllable.index("e")
    elif "ou" in syllable:
        index = syllable.index("o")
    else:
        index = max(syllable.rfind(v) for v in VOWELS)
    if index < 0:
        combining = {v: k for k, v in TONE_MARKS.items()}[tone]
        return unicodedata.normalize("NFC", syllable[:1] + combining + syllable[1:])
    toned = TONED_VOWELS[syllable[index]][tone - 1]
    return (syllable[:index] + toned + syllable[index + 1 :]).replace("v", "ü")


def join_syllables(parts: list[str]) -> str:
    """Join the syllables of one word, with an apostrophe before a, o or e after the first."""
    word = parts[0] if parts else ""
    for part in parts[1:]:
        base = strip_tones(part[:1])[0]
        word += ("'" if base and base[0] in "aoe" else "") + part
    return word


def toneless(pinyin: str) -> str:
    """Return pinyin without tone marks, keeping ü, case and spacing: "Lǚ Fēng" → "Lü Feng"."""
    kept = (c for c in unicodedata.normalize("NFD", pinyin) if c not in TONE_MARKS)
    return unicodedata.normalize("NFC", "".join(kept))


def numbered(pinyin: str) -> str:
    """Return pinyin with tone numbers, keeping case and punctuation: "Xiè Fēng" → "Xie4 Feng1"."""
    pieces = []
    for piece in re.split(r"([^\w'’\u0300-\u036f]+)", unicodedata.normalize("NFC", pinyin)):
        parsed = parse(piece) if piece.strip() else None
        if parsed is None or len(parsed) != 1:
            pieces.append(toneless(piece))
            continue
        text = "".join(f"{s}{t or ''}" for s, t in parsed[0]).replace("v", "u:")
        if piece.isupper():
            text = text.upper()
        elif piece[:1].isupper():
            text = text.capitalize()
        pieces.append(text)
    return "".join(pieces)


def wade_giles(pinyin: str) -> list[str]:
    """Write each syllable of a pinyin reading in Wade–Giles, without tones: 杜甫 "Dù Fǔ" →
    ["tu", "fu"], "Cài Yīngwén" → ["ts'ai", "ying", "wen"]."""
    return [to_wade_glides(s.replace("v", "ü")) for word in parse(pinyin) or [] for s, _ in word]


def initials(pinyin: str) -> str:
    """Return the first letter of every syllable: "Xiè Fēng" → "xf"."""
    parsed = parse(pinyin)
    if parsed is None:
        return ""
    return "".join(s[0] for word in parsed for s, _ in word)


# Reading Chinese text --------------------------------------------------------------------------


@dataclass
class Reading:
    """A computed reading: the pinyin, its words, the surname (for people), what was unreadable."""

    pinyin: str
    words: list[str] = field(default_factory=list)
    surname_words: int = 0  # how many leading words are the surname
    unreadable: list[str] = field(default_factory=list)


def reading(text: str, kind: str) -> str:
    """Suggest a Hanyu Pinyin reading of text, grouped and capitalised for the entry's kind."""
    return read(text, kind).pinyin


def read(text: str, kind: str) -> Reading:
    """Read Chinese text as Hanyu Pinyin for an entry of the given kind."""
    text = unicodedata.normalize("NFC", text).strip()
    unreadable: list[str] = []
    if kind == "person":
        parts = [p for p in re.split(f"[{NAME_SEPARATORS}\\s]+", text) if p]
        if len(parts) == 1 and hanzi.cjk_only(parts[0]) == parts[0]:
            words, surname_words = _chinese_name(parts[0], unreadable)
        else:  # a transliterated foreign name: each part one word, the surname last
            words = [_word(part, unreadable) for part in parts]
            surname_words = 0
        words = [w[:1].upper() + w[1:] for w in words]
        surname_words -= sum(1 for w in words[:surname_words] if not w)
        words = [w for w in words if w]
        return Reading(" ".join(words), words, surname_words, unreadable)
    words = []
    for token in _words(text):
        if token in PUNCTUATION or not hanzi.has_cjk(token):
            if words and (token in PUNCTUATION or not token.strip()):
                words[-1] += PUNCTUATION.get(token, "")
            elif token.strip():
                words.append(token.strip())
            continue
        word = _word(token, unreadable)
        if not word:
            continue
        if kind != "term" and token not in FUNCTION_WORDS:
            word = word[:1].upper() + word[1:]
        words.append(word)
    return Reading(" ".join(words), words, 0, unreadable)


def _chinese_name(name: str, unreadable: list[str]) -> tuple[list[str], int]:
    """Read a Chinese personal name: the surname from our table, then the given name as a word."""
    simplified = hanzi.to_simplified(name)
    table = surnames()
    if len(name) < 2:
        return [_word(name, unreadable)], 0
    compound = next(
        (n for n in (4, 3, 2) if len(name) > n and _surname(table, name, simplified, n)), 0
    )
    if compound:  # compound surnames are checked first: 欧阳, 爱新觉罗
        surname, length = [_surname(table, name, simplified, compound) or ""], compound
    elif len(name) == 4 and simplified[0] in table and simplified[1] in table:
        surname, length = [table[simplified[0]], table[simplified[1]]], 2  # 林郑月娥
    else:
        surname = [_surname(table, name, simplified, 1) or _word(name[0], unreadable)]
        length = 1
    given = name[length:]
    overrides = given_name_readings()
    read_given = _syllables(given, unreadable)
    if len(read_given) == len(given):
        for index, char in enumerate(simplified[length:]):
            read_given[index] = overrides.get(char, read_given[index])
    return [*surname, join_syllables(read_given)], len(surname)


def _surname(table: dict[str, str], name: str, simplified: str, length: int) -> str | None:
    """Look up the first length characters as a surname, as written first (於 is not 于)."""
    return table.get(name[:length]) or table.get(simplified[:length])


def _word(text: str, unreadable: list[str]) -> str:
    return join_syllables(_syllables(text, unreadable))


def _syllables(text: str, unreadable: list[str]) -> list[str]:
    """Read each character of text with pypinyin (phrase-aware); note characters it cannot read."""
    found = pypinyin_pinyin(text, style=Style.TONE, errors=lambda chars: "")
    result = [item[0] for item in found if item and item[0]]
    for char in text:
        if hanzi.is_cjk(char) and not _readable(char):
            unreadable.append(char)
    return result


@cache
def _readable(char: str) -> bool:
    return ord(char) in pinyin_dict.pinyin_dict


def _words(text: str) -> list[str]:
    """Segment Chinese text into words as the orthography rules group them (at most 3 characters
    a word, so 中国社会科学院 is Zhōngguó Shèhuì Kēxuéyuàn)."""
    words: list[str] = []
    for token in rjieba.cut(hanzi.to_simplified(text), False):
        if len(token) <= 3 or not hanzi.has_cjk(token):
            words.append(token)
        else:
            words += _split_long(token)
    # Map back to the characters as written (the text may be traditional).
    result, position = [], 0
    for word in words:
        result.append(text[position : position + len(word)])
        position += len(word)
    return result


def word_lengths(text: str) -> list[int]:
    """Return how many characters each word of Chinese text has, as pinyin groups them."""
    return [len(word) for word in _words(text)]


def _split_long(token: str) -> list[str]:
    """Split a long dictionary word into the fewest known words of two or three characters."""
    known = {w for w in rjieba.cut_for_search(token, False) if 2 <= len(w) <= 3}
    n = len(token)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(max(0, end - 3), end):
            piece = token[start:end]
            head = best[start]
            if head is None or (len(piece) > 1 and piece not in known):
                continue
            candidate = [*head, piece]
            current = best[end]
            if current is None or len(candidate) < len(current):
                best[end] = candidate
    return best[n] or [token]


def char_readings(char: str) -> list[str]:
    """Return every tone-marked reading pypinyin knows for one character."""
    found = pypinyin_pinyin(char, style=Style.TONE, heteronym=True, errors="ignore")
    return list(found[0]) if found else []


def everyday_syllables(text: str) -> list[str]:
    """Read text character by character as plain pypinyin does, with none of our name data."""
    return [item[0] for item in pypinyin_pinyin(text, style=Style.TONE, errors="ignore") if item]
