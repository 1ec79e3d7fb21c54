"""Search keys: fold text, derive an entry's keys, parse a query into the keys to look up.

Pure functions; the SQL that uses the keys lives in glossary.store.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from glossary.text import hanzi, romanize

# Bump when entry_keys or the tables it fills change: stored keys are then rebuilt on connect.
KEYS_VERSION = 5

# The ranking bands, best first; an entry ranks by the best band any of its forms reaches.
EXACT, PREFIX, WORDS, SUBSTRING, INITIALS, DESCRIPTION = range(6)

SearchKey = tuple[str, str, str, str]  # (field, form as shown, key type, key)

# The kinds whose names are indexed as the other romanization systems write them ("sys" keys:
# the field is the system, the form its spelling): people, places and organizations.
SYSTEM_KINDS = ("person", "place", "organization")
# The systems indexed, in the order a key two of them share is credited when the query spells
# neither exactly (Wade–Giles before Taiwan's, Hong Kong's before Macau's). Jyutping is not
# indexed: its tone numbers are not typed as names.
INDEXED_SYSTEMS = ("wade_giles", "taiwan", "hong_kong", "macau")

# Characters removed from keys: zero-width characters (the Mongolian vowel separator and the
# invisible operators too) and bidirectional controls.
INVISIBLE = dict.fromkeys(
    [0x00AD, 0x061C, 0x180E, *range(0x200B, 0x2010), *range(0x2060, 0x2065), 0xFEFF]
    + [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
APOSTROPHES = re.compile(r"['’‘`]")
WORD = re.compile(r"[^\W_]+")
# Reading a query as pinyin: the letters, marks, tone numbers and separators it may hold, the
# separators between its words, and a word written with tone numbers (xie4feng1).
PINYIN_TEXT = re.compile(r"[\sa-zü'\u0300-\u036f0-5āáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜ]+")
# A query that may be a name as another romanization system writes it: letters, ü,
# apostrophes, spaces, hyphens (tone marks or numbers make it pinyin).
SYSTEM_TEXT = re.compile(r"[a-zü'’‘`\s.\-‐‑]+")
NOT_LETTERS = re.compile(r"[\s'0-9]")
PINYIN_WORDS = re.compile(r"[\s']+")
NUMBERED_WORD = re.compile(r"(?:[a-zü]+[0-5])+[a-zü]*")
NUMBERED_SYLLABLE = re.compile(r"([a-zü]+)([0-5]?)")


def fold(text: str) -> str:
    """Normalise for comparison: NFKC (full-width folded), invisible characters gone, casefolded."""
    if text.isascii():  # the common case, and NFKC leaves ASCII as it is
        return text.casefold()
    return unicodedata.normalize("NFKC", text).translate(INVISIBLE).casefold()


def strip_accents(text: str) -> str:
    """Remove diacritics: "Zhànlüè" → "Zhanlue"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def english_key(text: str) -> str:
    """Fold English text into a key: case, accents, apostrophes and punctuation ignored."""
    text = APOSTROPHES.sub("", strip_accents(fold(text)))
    return " ".join(WORD.findall(text))


def hanzi_key(text: str) -> str:
    """Fold Chinese text into a key: only its ideographs, compatibility forms unified."""
    return hanzi.cjk_only(unicodedata.normalize("NFKC", text))


def system_key(form: str) -> str:
    """Fold a name as a romanization system writes it into a key: lower-case letters, ü and
    apostrophes only, so that spacing and hyphens do not matter but Wade–Giles' marks do:
    "Ts'ai Ying-wen" → "ts'aiyingwen", "Tsai Ying-wen" → "tsaiyingwen", "Hsü" → "hsü"."""
    text = APOSTROPHES.sub("'", fold(form)).replace("ü", "\0")
    text = strip_accents(text).replace("\0", "ü")
    return "".join(c for c in text if c in "'ü" or ("a" <= c <= "z"))


def system_keys(simplified: str, kind: str, pinyin: str) -> list[SearchKey]:
    """Return the keys of a name as each indexed system writes it: ("wade_giles", "Hsieh Feng",
    "sys", "hsiehfeng"); none for kinds other than SYSTEM_KINDS."""
    if kind not in SYSTEM_KINDS or not hanzi.has_cjk(simplified):
        return []
    forms = romanize.systems(simplified, kind, pinyin or None)
    found: list[SearchKey] = []
    for system in INDEXED_SYSTEMS:
        form = forms.get(system)
        if form and (key := system_key(form)):
            found.append((system, form, "sys", key))
    return found


def pinyin_keys(pinyin: str) -> list[tuple[str, str]]:
    """Return the (type, key) pairs of a pinyin reading: toneless, tone-numbered, initials."""
    parsed = romanize.parse(pinyin)
    return syllable_keys(parsed) if parsed else []


def syllable_keys(parsed: list[list[romanize.Syllable]]) -> list[tuple[str, str]]:
    """Return the (type, key) pairs of a reading already parsed into words of syllables."""
    syllables = [s for word in parsed for s in word]
    if not syllables:
        return []
    plain = "".join(s for s, _ in syllables)
    keys = [("py", plain), ("pyn", _numbered(syllables))]
    if "v" in plain:  # ü may also be typed as a plain u
        keys += [("py", plain.replace("v", "u")), ("pyn", _numbered(syllables).replace("v", "u"))]
    # From each later word to the end, so that "bei4sen1te4" finds "Sīkētè Bèisēntè".
    for start in range(1, len(parsed)):
        rest = [s for word in parsed[start:] for s in word]
        keys += [("pyw", "".join(s for s, _ in rest)), ("pynw", _numbered(rest))]
    if len(syllables) > 1:
        keys.append(("ini", "".join(s[0] for s, _ in syllables)))
    return keys


def _numbered(syllables: list[romanize.Syllable]) -> str:
    return "".join(f"{s}{t or 5}" for s, t in syllables)


def entry_keys(
    english: str,
    aliases: Iterable[str],
    simplified: str,
    traditional: str,
    pinyin: str,
    romanization: str = "",
    *,
    syllables: list[list[romanize.Syllable]] | None = None,
    kind: str = "",
) -> list[SearchKey]:
    """Derive the search keys of an entry from its forms (syllables: its pinyin already parsed,
    when the caller has it, as the base dictionary's import does); a name's kind adds its
    forms in the other romanization systems."""
    keys: list[SearchKey] = []

    def add(field_name: str, form: str) -> None:
        if hanzi.has_cjk(form):
            keys.append((field_name, form, "hanzi", hanzi_key(form)))
        elif key := english_key(form):
            keys.append((field_name, form, "text", key))
            if " " in key:  # "tsai ingwen" and "tsaiingwen" find "Tsai Ing-wen"
                keys.append((field_name, form, "tc", key.replace(" ", "")))

    add("english", english)
    if romanization:
        add("romanization", romanization)
    for alias in aliases:
        add("alias", alias)
    add("simplified", simplified)
    if traditional and traditional != simplified:
        add("traditional", traditional)
    pairs = pinyin_keys(pinyin) if syllables is None else syllable_keys(syllables)
    for key_type, key in pairs:
        keys.append(("pinyin", pinyin, key_type, key))
    # Every system's row, though two may share a key (Chui Sai On, Chui Sai-on): a search
    # credits the one typed most exactly, from these rows, without reading the name again.
    keys += system_keys(simplified, kind, pinyin)
    unique: dict[tuple[str, str, str], SearchKey] = {}
    for row in keys:
        unique.setdefault((row[0], row[2], row[3]), row)
    return list(unique.values())


def entry_chars(forms: Iterable[str]) -> set[str]:
    """Return the distinct ideographs of an entry's Chinese forms, for the character index."""
    return {c for form in forms for c in hanzi_key(form)}


def entry_words(english: str, aliases: Iterable[str], pinyin: str) -> str:
    """Return the text whose words the full-text index holds for an entry's names."""
    return " ".join([english, *[a for a in aliases if not hanzi.has_cjk(a)], pinyin])


@dataclass
class Query:
    """A parsed query: the keys to look up, by kind of match."""

    text: str
    exact: list[tuple[str, str]] = field(default_factory=list)
    prefix: list[tuple[str, str]] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # English words, the last one a prefix
    substrings: list[str] = field(default_factory=list)  # ideograph strings, in either script
    inner: list[tuple[str, str]] = field(default_factory=list)  # pinyin from a later word on
    systems: list[str] = field(default_factory=list)  # as another romanization writes a name
    initials: str | None = None

    @property
    def words(self) -> str | None:
        """The FTS5 expression that matches the terms (None when there are none)."""
        return quoted(self.terms)

    @property
    def empty(self) -> bool:
        """Tell whether the query has nothing to look for."""
        return not (self.exact or self.prefix or self.words or self.substrings)


def parse_query(text: str) -> Query:
    """Parse what a person typed into the keys to look up."""
    query = Query(text=text)
    chinese = hanzi_key(text)
    if chinese:
        variants = dict.fromkeys(
            [chinese, hanzi.to_simplified(chinese), hanzi.to_traditional(chinese)]
        )
        for variant in variants:
            query.exact.append(("hanzi", variant))
            query.prefix.append(("hanzi", variant))
            query.substrings.append(variant)
    english = english_key(hanzi.CJK.sub(" ", text))
    if english:
        query.exact += [("text", english), ("tc", english.replace(" ", ""))]
        query.prefix += [("text", english), ("tc", english.replace(" ", ""))]
        query.terms = fts_words(english)
        romanized = system_key(text)
        if len(romanized) >= 2 and SYSTEM_TEXT.fullmatch(fold(text)):
            query.systems.append(romanized)
    plain, numbered = pinyin_query(text)
    if plain:
        # Tones typed are tones meant: a toned query matches only entries with those tones.
        pinyin_key = ("pyn", numbered) if numbered else ("py", plain)
        query.exact.append(pinyin_key)
        query.prefix.append(pinyin_key)
        query.inner.append(("pynw", numbered) if numbered else ("pyw", plain))
        if 2 <= len(plain) <= 8 and text.strip().isalpha():
            query.initials = plain
    return query


def quoted(words: list[str]) -> str | None:
    """The FTS5 expression of words: every word quoted (searched as text), the last one a
    prefix; None for no words."""
    if not words:
        return None
    return " ".join(f'"{w}"' for w in words) + "*"


def fts_words(english: str) -> list[str]:
    """The words of an English key that its FTS5 expression looks up."""
    return [w for w in english.split() if not hanzi.has_cjk(w)]


def pinyin_query(text: str) -> tuple[str, str | None]:
    """Read a query as pinyin: return its toneless letters and, when toned, its tone-numbered key.

    The numbered key is given only when every complete syllable carries a tone, so that
    "xie4 feng1", "xiè fēng" and "xie4 f" match tone for tone while "xie feng" matches any tone.
    """
    lowered = fold(text).replace("u:", "v").replace("’", "'")
    if not PINYIN_TEXT.fullmatch(lowered):
        return "", None
    letters, _ = romanize.strip_tones(NOT_LETTERS.sub("", lowered))
    plain = "".join(letters)
    if not plain.isalpha():
        return "", None
    numbered: list[str] = []
    words = PINYIN_WORDS.split(lowered.strip())
    for position, word in enumerate(words):
        last = position == len(words) - 1
        if NUMBERED_WORD.fullmatch(word):
            parts = NUMBERED_SYLLABLE.findall(word)
            for index, (part, tone) in enumerate(parts):
                if not tone and not (last and index == len(parts) - 1):
                    return plain, None
                syllable = "".join(romanize.strip_tones(part)[0])
                numbered.append(syllable + (str(int(tone) or 5) if tone else ""))
            continue
        parsed = romanize.parse_chunk(word)
        if parsed is None:
            if last:
                numbered.append("".join(romanize.strip_tones(word)[0]))
                continue
            return plain, None
        for index, (syllable, tone) in enumerate(parsed):
            if tone:
                numbered.append(f"{syllable}{tone}")
            elif last and index == len(parsed) - 1 and numbered:
                numbered.append(syllable)  # an unfinished last syllable, tone still to come
            else:
                return plain, None
    toned = any(c.isdigit() for c in "".join(numbered))
    return plain, "".join(numbered) if toned else None
