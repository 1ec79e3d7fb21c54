"""Names: the house styles derived from a reading, and the name checker for journalists."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any, TypedDict

from glossary.text import hanzi, keys, romanize

# What separates the parts of a written name: spaces, hyphens and dashes, apostrophes, dots.
NAME_BREAKS = r"[\s\-‐‑‒–—'’.·]+"


def styles(reading: romanize.Reading, kind: str) -> dict[str, str | None]:
    """Return the forms written from a reading: plain, tone numbers, house styles, initials."""
    plain_words = [romanize.toneless(w) for w in reading.words]
    result: dict[str, str | None] = {
        "plain": " ".join(plain_words),
        "numbered": romanize.numbered(reading.pinyin),
        "initials": romanize.initials(reading.pinyin).upper(),
        "surname_caps": None,
        "second_reference": None,
    }
    if kind == "person" and plain_words:
        if reading.surname_words:  # a Chinese name: surname first
            surname = plain_words[: reading.surname_words]
            given = plain_words[reading.surname_words :]
            result["surname_caps"] = " ".join([*(s.upper() for s in surname), *given])
            result["second_reference"] = " ".join(surname)
        else:  # a transliterated name: the family name comes last
            result["surname_caps"] = " ".join([*plain_words[:-1], plain_words[-1].upper()])
            result["second_reference"] = plain_words[-1]
    return result


# The forms a journalist pastes, in the order an entry's page lists them; then the other
# romanization systems, as romanize.systems gives them (when it is there).
PASTE_FORMS = {
    "person": (
        "surname_caps",
        "with_characters",
        "second_reference",
        "tone_marks",
        "tone_numbers",
    ),
    "place": ("with_characters", "plain", "tone_marks", "tone_numbers"),
}
PASTE_FORMS_OTHERWISE = ("with_characters", "tone_marks", "tone_numbers")
SYSTEMS_SHOWN = ("wade_giles", "taiwan", "hong_kong", "macau", "jyutping")
KINDS_WITH_SYSTEMS = ("person", "place")  # names: an organization's or a term's is translated


@dataclass(frozen=True)
class PasteForm:
    """One form of a name to paste into copy: which (a PASTE_FORMS or a system) and its text."""

    name: str
    text: str
    system: bool = False  # another romanization system than Hanyu Pinyin


def paste_forms(
    characters: str, kind: str, *, pinyin: str = "", english: str = "", romanization: str = ""
) -> list[PasteForm]:
    """Return the forms a journalist pastes for a name: 谢锋 → XIE Feng, Xie Feng (谢锋), Xie,
    Xiè Fēng, Xie4 Feng1, then the other systems for people and places. The entry's own
    pinyin, English and published romanization (Tsai Ing-wen), when given, win over the
    reading of its characters."""
    reading = _paste_reading(characters, kind, pinyin)
    if not reading.words:
        return []
    if kind == "person" and not reading.surname_words:
        kind = "transliterated"  # a foreign name in characters: no Chinese surname to write
    written = styles(reading, kind)
    # A Chinese name as pinyin or its own romanization (not XIE Feng as an article writes it).
    chinese_name = kind == "person"
    label = (romanization if chinese_name else english) or written["plain"] or ""
    texts = {
        **{k: v for k, v in written.items() if v},
        "with_characters": f"{label} ({characters})" if label else "",
        "tone_marks": reading.pinyin,
        "tone_numbers": written["numbered"] or "",
    }
    own = romanization.split()
    if kind == "person" and len(own) >= 2 and fold_name(romanization) != fold_name(texts["plain"]):
        # A published romanization (Tsai Ing-wen): the house styles are written from it.
        texts["surname_caps"] = " ".join([own[0].upper(), *own[1:]])
        texts["second_reference"] = own[0]
    if english and keys_fold(written["plain"] or "") == keys_fold(english) and kind == "place":
        texts.pop("plain", None)  # the English already says it: Beijing
    forms = [
        PasteForm(name, texts[name])
        for name in PASTE_FORMS.get(kind, PASTE_FORMS_OTHERWISE)
        if texts.get(name)
    ]
    if kind in KINDS_WITH_SYSTEMS:
        found = other_systems(characters, kind, reading.pinyin)
        forms += [PasteForm(name, found[name], True) for name in SYSTEMS_SHOWN if found.get(name)]
    return forms


def _paste_reading(characters: str, kind: str, pinyin: str) -> romanize.Reading:
    """The reading the forms are written from: the entry's pinyin, its surname told by the
    reading of its characters."""
    computed = romanize.read(characters, kind) if hanzi.has_cjk(characters) else None
    if not pinyin:
        return computed or romanize.Reading("")
    words = pinyin.split()
    surname_words = computed.surname_words if computed else 0
    if kind == "person" and computed and len(computed.words) != len(words):
        surname_words = 1 if len(words) > 1 and computed.surname_words else 0
    return romanize.Reading(pinyin, words, surname_words)


def other_systems(characters: str, kind: str, pinyin: str = "") -> dict[str, str]:
    """Return the name in the other romanization systems romanize offers (Wade–Giles, Taiwan,
    Hong Kong, Macau, Jyutping), from the entry's pinyin when it has one: none where
    romanize.systems is not there or cannot read it, and never a system it leaves empty."""
    systems = getattr(romanize, "systems", None)
    if systems is None:
        return {}
    try:
        found = systems(characters, kind, pinyin or None)
    except (ValueError, KeyError, LookupError):
        return {}
    return {
        name: text
        for name, text in (found or {}).items()
        if isinstance(name, str) and isinstance(text, str) and text
    }


def keys_fold(text: str) -> str:
    """Fold a written form for comparison: case and tones ignored, words as they are."""
    return romanize.toneless(text).casefold()


@dataclass
class Difference:
    """A syllable written otherwise than its character reads."""

    character: str
    position: int
    written: str
    reads: str
    other_readings: list[str] = field(default_factory=list)  # the written one, if a heteronym


# The systems a written name is recognised in, in the order a spelling two share is credited.
CHECKED_SYSTEMS = ("wade_giles", "taiwan", "hong_kong", "macau")
SYSTEM_NAMES = {
    "pinyin": "Hanyu Pinyin",
    "wade_giles": "Wade–Giles",
    "taiwan": "Taiwan's Wade–Giles",
    "hong_kong": "the Hong Kong government's romanization",
    "macau": "Macau's romanization",
}
# Word breaks inside a system's spelling; apostrophes are part of a Wade–Giles syllable.
SYLLABLE_BREAKS = r"[\s\-‐‑‒–—.·]+"


@dataclass
class Close:
    """A personal spelling close to a system's: the system, its spelling, the syllables apart."""

    system: str
    form: str
    differences: list[Difference]


@dataclass
class Check:
    """The outcome of checking a written name against its characters."""

    english: str
    hanzi: str
    reading: str
    expected: str
    match: bool
    pinyin: bool  # whether the written name is Hanyu Pinyin at all
    differences: list[Difference]
    entry: Mapping[str, Any] | None
    published: bool  # matched a published romanization recorded in the glossary
    system: str | None = None  # the system the written name is spelt in, when it matches one
    close: Close | None = None  # the system a personal spelling is close to
    notes: list[str] = field(default_factory=list)  # another reading of a heteronym, say

    def message(self) -> str:
        """Explain the outcome in English, saying when the glossary has an entry for the name."""
        known = ""
        if self.entry:
            known = f" The glossary has an entry for this name: {self.entry['english']}."
        return self._outcome() + known

    def _outcome(self) -> str:
        if self.published:
            return (
                f"“{self.english}” is the published romanization recorded in the glossary for "
                f"{self.hanzi}; its Hanyu Pinyin is {self.reading}."
            )
        if self.match and self.system not in (None, "pinyin"):
            return (
                f"“{self.english}” is {self.hanzi} in {SYSTEM_NAMES[self.system]}; its Hanyu"
                f" Pinyin is {self.reading}."
            )
        if self.match:
            notes = "".join(f" {note}" for note in self.notes)
            return f"“{self.english}” matches {self.hanzi} ({self.reading}).{notes}"
        if self.close:
            details = "; ".join(
                f"{d.character} is {d.reads} there, not {d.written}" for d in self.close.differences
            )
            return (
                f"“{self.english}” is close to {self.close.form}, {self.hanzi} in"
                f" {SYSTEM_NAMES[self.close.system]}: {details}. It may be the person's own"
                f" spelling; in Hanyu Pinyin the name is {self.expected} ({self.reading})."
            )
        if not self.pinyin:
            return (
                f"“{self.english}” is not Hanyu Pinyin and is not a romanization recorded for "
                f"{self.hanzi}; in Hanyu Pinyin the name is {self.expected} ({self.reading})."
            )
        details = "; ".join(explain(d) for d in self.differences)
        return (
            f"“{self.english}” does not match {self.hanzi} ({self.reading}): {details}. "
            f"Expected {self.expected}."
        )


def explain(difference: Difference) -> str:
    """Say in English how one syllable differs."""
    if not difference.written:
        return f"{difference.character} ({difference.reads}) is missing"
    if difference.character == "":
        return f"“{difference.written}” has no character"
    if difference.other_readings:
        return (
            f"{difference.character} reads {difference.reads} here, not "
            f"{difference.other_readings[0]}"
        )
    return f"{difference.character} reads {difference.reads}, not {difference.written}"


def fold_name(name: str) -> str:
    """Fold a written name for comparison: case, tones, spaces, hyphens and apostrophes ignored."""
    letters, _ = romanize.strip_tones(re.sub(NAME_BREAKS, "", name))
    return "".join(letters)


def check(
    english: str, text: str, known: Sequence[Mapping[str, Any]], dictionary: Sequence[str] = ()
) -> Check:
    """Check a written name against its characters, and against entries with those characters;
    dictionary: the base dictionary's readings of the whole name, when it has the name."""
    entry = known[0] if known else None
    reading = (entry or {}).get("pinyin") or name_reading(text, dictionary)
    expected = romanize.toneless(reading)
    written = fold_name(english)
    for candidate in known:
        recorded = [
            candidate["english"],
            candidate.get("romanization") or "",
            *candidate["aliases"],
        ]
        if written in {fold_name(f) for f in recorded if f and not hanzi.has_cjk(f)}:
            is_pinyin = written == fold_name(candidate.get("pinyin") or reading)
            system = "pinyin" if is_pinyin else None
            return Check(
                english,
                text,
                reading,
                expected,
                True,
                is_pinyin,
                [],
                candidate,
                not is_pinyin,
                system,
            )
    characters = [c for c in text if hanzi.is_cjk(c)]
    parsed = romanize.parse(reading) or []
    reads = [romanize.mark(s, t) for word in parsed for s, t in word]
    tokens = [t for t in re.split(NAME_BREAKS, english.strip().lower()) if t]
    forms = romanize.systems(text, "person", reading) if written != fold_name(reading) else {}
    system = spelt_in(english, forms)
    if system:
        return Check(english, text, reading, expected, True, False, [], entry, False, system)
    if not tokens or any(_syllables(t) is None for t in tokens):
        close = closest(english, text, forms)
        return Check(english, text, reading, expected, False, False, [], entry, False, None, close)
    orders = [tokens]
    if len(tokens) > 1:  # given name first, as in Western order: "Feng Xie"
        orders.append([tokens[-1], *tokens[:-1]])
    best: list[Difference] | None = None
    for order in orders:
        syllables = [s for t in order for s in _syllables(t) or []]
        differences = _compare(characters, reads, syllables)
        if best is None or len(differences) < len(best):
            best = differences
    assert best is not None
    if best and all(d.other_readings for d in best):  # 朴树 Pu Shu: 朴 reads Pǔ as well as Piáo
        notes = [_other_reading_note(d, romanize.surname_length(text)) for d in best]
        return Check(
            english, text, reading, expected, True, True, [], entry, False, "pinyin", None, notes
        )
    system = "pinyin" if not best else None
    return Check(english, text, reading, expected, not best, True, best, entry, False, system)


def name_reading(text: str, dictionary: Sequence[str] = ()) -> str:
    """Read a Chinese name: as the base dictionary reads the whole name, where it has it (彭丽媛
    Péng Lìyuán, not the character-by-character Lìyuàn), else as `romanize.reading` does."""
    for numbered in dictionary:
        found = romanize.name_reading(text, numbered)
        if found:
            return found
    return romanize.reading(text, "person")


def _other_reading_note(difference: Difference, surname: int) -> str:
    """Say which reading of a heteronym a name uses: 单 is read Dān here, as a surname usually
    Shàn."""
    written, usual = difference.other_readings[0], difference.reads
    if difference.position <= surname:
        return (
            f"{difference.character} is read {written.capitalize()} here; as a surname it"
            f" usually reads {usual.capitalize()}."
        )
    return f"{difference.character} is read {written} here (also {usual})."


def _spelling(name: str) -> str:
    """Fold a written name for comparing spellings: case, spaces, hyphens and the shape of
    apostrophes ignored; apostrophes and ü kept (Wade–Giles' marks)."""
    return keys.system_key(name)


def spelt_in(english: str, forms: Mapping[str, str | None]) -> str | None:
    """Return the system whose spelling of the name the written name is (Ts'ai Ying-wen:
    wade_giles; Tsai Ying-wen: taiwan; Ho Iat Seng: macau), or None."""
    written = _spelling(english)
    exact = " ".join(keys.APOSTROPHES.sub("'", keys.fold(english)).split())
    found = [
        (" ".join(keys.APOSTROPHES.sub("'", keys.fold(form)).split()) != exact, position, system)
        for position, system in enumerate(CHECKED_SYSTEMS)
        if (form := forms.get(system)) and _spelling(form) == written
    ]
    return min(found)[2] if found else None


def closest(english: str, text: str, forms: Mapping[str, str | None]) -> Close | None:
    """Return the system a personal spelling is close to: as many syllables, all but one
    spelt as the system spells them (Tsai Ing-wen: Taiwan's Tsai Ying-wen, 英 Ying not Ing;
    Ma Ying-jeou: Ma Ying-chiu, 九 Chiu not Jeou)."""
    written = [p for p in re.split(SYLLABLE_BREAKS, english.strip()) if p]
    characters = [c for c in text if hanzi.is_cjk(c)]
    for system in CHECKED_SYSTEMS:
        form = forms.get(system)
        if not form:
            continue
        spelt = [p for p in re.split(SYLLABLE_BREAKS, form) if p]
        if len(spelt) != len(written) or len(spelt) != len(characters) or len(spelt) < 2:
            continue
        apart = [
            Difference(character, position, mine, theirs)
            for position, (character, mine, theirs) in enumerate(
                zip(characters, written, spelt, strict=True), start=1
            )
            if _spelling(mine) != _spelling(theirs)
        ]
        if len(apart) == 1:
            return Close(system, form, apart)
    return None


def _syllables(token: str) -> list[str] | None:
    """Split one written token into pinyin syllables (ü as v), or None if it is not pinyin."""
    return romanize.name_syllables(token)


def _compare(characters: list[str], reads: list[str], written: list[str]) -> list[Difference]:
    differences = []
    pairs = zip_longest(zip(characters, reads, strict=False), written, fillvalue=None)
    for position, (character_read, syllable) in enumerate(pairs, start=1):
        character, read = character_read if character_read else ("", "")
        if syllable is not None and fold_name(read) == syllable:
            continue
        others = [r for r in romanize.char_readings(character) if fold_name(r) == syllable]
        differences.append(Difference(character, position, syllable or "", read, others))
    return differences


KINDS_READ = ("person", "organization", "place", "document", "term", "event")


class Ambiguous(TypedDict):
    """A simplified character with more than one traditional form."""

    character: str
    traditional: list[str]


class Romanization(TypedDict):
    """What /api/romanize answers for Chinese text: both scripts, the reading and the forms
    written from it, the other systems, the ambiguous characters, and notes."""

    hanzi: str
    kind: str
    simplified: str
    traditional: str
    pinyin: str
    plain: str | None
    numbered: str | None
    styles: dict[str, str | None]
    systems: dict[str, str | None]
    ambiguous: list[Ambiguous]
    notes: list[str]


def romanization(text: str, kind: str, region: str | None = None) -> Romanization:
    """Everything /api/romanize answers for Chinese text: both scripts, readings, styles, notes.

    Traditional input is kept as written; otherwise the traditional form is derived with the
    region's conventions (Taiwan or Hong Kong, for people and institutions from there).
    """
    reading = romanize.read(text, kind)
    simplified = hanzi.to_simplified(text)
    traditional = text if simplified != text else hanzi.to_traditional_for(simplified, region)
    notes = []
    latin = re.findall(r"[A-Za-z0-9]+", text)
    if latin:
        notes.append(f"not Chinese, kept as written: {' '.join(latin)}")
    if reading.unreadable:
        notes.append(f"no reading known for: {' '.join(dict.fromkeys(reading.unreadable))}")
    written = styles(reading, kind)
    return Romanization(
        hanzi=text,
        kind=kind,
        simplified=simplified,
        traditional=traditional,
        pinyin=reading.pinyin,
        plain=written["plain"],
        numbered=written["numbered"],
        styles={
            k: v
            for k, v in written.items()
            if k in ("surname_caps", "second_reference", "initials")
        },
        systems=romanize.systems(text, kind, reading.pinyin),
        ambiguous=[
            Ambiguous(character=c, traditional=list(forms))
            for c, forms in hanzi.ambiguous_characters(simplified)
        ],
        notes=notes,
    )
