"""Reading an article: where it names glossary entries, and the entries it could add.

Library first: works on a database connection, without Flask. The candidates come from
glossary.articles.extract; here each becomes a draft, checked against its characters (the name
checker) and against the glossary (already there, or there with another English).
"""

from __future__ import annotations

import re
import threading
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

import marisa_trie

from glossary.articles import appositives, extract
from glossary.entries import validate
from glossary.model import StoredEntry
from glossary.store.dictionary import name_readings
from glossary.store.entries import EntryForms, entries_with_characters, entry_forms, forms_version
from glossary.text import hanzi, keys, names, romanize

if TYPE_CHECKING:
    import sqlite_utils

LATIN = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff]")
# A misspelled romanization is this close to the Hanyu Pinyin (letters changed, added, dropped
# or swapped): "Cui Tiankia" for Cui Tiankai.
NEAR_MISS = 2
# The shape of a syllable in any romanization of Chinese (pinyin, Wade–Giles, Cantonese,
# Hokkien): an initial, a medial, vowels, a final. "ign" in "Tsai Ign-wen" has none.
SYLLABLE_SHAPE = re.compile(
    r"(?:ch|sh|zh|ts|tz|hs|kw|gw|ng|[bcdfghjklmnpqrstvwxyz])?h?[wy]?[aeiouy]{1,3}"
    r"(?:ng|n|m|p|t|k|h|r)?"
)


class Known(TypedDict):
    """Where an article names a glossary entry (a Mark, as the reader's page and API send it)."""

    entry_id: int
    surface: str
    start: int
    end: int


class DraftDifference(TypedDict):
    """A syllable of a name written otherwise than its character reads (names.Difference)."""

    character: str
    position: int
    written: str
    reads: str
    other_readings: list[str]


class Draft(TypedDict):
    """A draft entry the reader offers for a name or term an article has: its fields
    prefilled, what the checks found, and the glossary entry it may duplicate."""

    english: str
    simplified: str
    traditional: str
    pinyin: str
    kind: str
    aliases: list[str]
    romanization: str
    romanization_system: str | None
    reading_notes: list[str]
    affiliation: str
    affiliation_entry_id: int | None
    context: str
    surface: str
    start: int
    end: int
    romanized: bool
    written_pinyin: str
    romanization_mismatch: bool
    mismatch: str
    differences: list[DraftDifference]
    existing_entry_id: int | None
    existing_english: str | None
    existing_same_english: bool


class Reading(TypedDict):
    """An article read: the entries it names, and the drafts it offers."""

    known: list[Known]
    candidates: list[Draft]


@dataclass
class Mark:
    """Where the text names a glossary entry."""

    entry_id: int
    surface: str
    start: int
    end: int


# Marking what the glossary knows --------------------------------------------------------------


def _lower(text: str) -> str:
    """Lower-case text without changing its length, so offsets stay those of the text."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text).replace("’", "'")


def _forms(entry: EntryForms) -> list[str]:
    latin = [entry["english"], entry["romanization"] or "", *entry["aliases"]]
    chinese = [entry["simplified"], entry["traditional"]]
    return [f.strip() for f in latin + chinese if len(f.strip()) >= 2]


# An owner's flags: its form is Chinese (found anywhere), or all capitals (found in that case
# only); the entry's kind in the bits above.
CHINESE, CAPITALS, KIND_SHIFT = 1, 2, 2


class Marker:
    """Finds every form of every live entry in a text.

    It keeps the forms (lower-cased) in a MARISA trie, which numbers them, and each form's
    owners (the entries written so, best first) in flat arrays: an entry's id and flags
    (Chinese, in capitals, its kind). At 100,000 entries an Aho–Corasick automaton of the
    same 260,000 forms took 2.2 million nodes and 107 MB in each worker, and a tuple of owners
    for each form 100 MB more; the trie takes a few MB and the arrays about 10. A text is read
    from each place where a form may begin, asking the trie for the forms that are prefixes
    of what follows. Only a form in capitals is kept as written, to compare its case. size
    tells the bytes kept, forms their number."""

    def __init__(self, entries: Iterable[EntryForms]) -> None:
        written: dict[str, int] = {}  # each form, numbered as it first came
        firsts, ids, flags = array("I"), array("q"), array("I")
        capitals: dict[tuple[int, int], str] = {}
        self.kinds: list[str] = []
        for entry in entries:
            if entry["kind"] not in self.kinds:
                self.kinds.append(entry["kind"])
            kind = self.kinds.index(entry["kind"]) << KIND_SHIFT
            for form in _forms(entry):
                first = written.setdefault(_lower(form), len(written))
                flag = kind | (CHINESE if hanzi.has_cjk(form) else 0)
                if form.isupper() and not flag & CHINESE:
                    flag |= CAPITALS
                    capitals[first, entry["id"]] = form
                firsts.append(first)
                ids.append(entry["id"])
                flags.append(flag)
        self.trie = marisa_trie.Trie(written)
        self.forms = len(written)
        # A form's number is the trie's.
        placing = array("I", [0] * self.forms)
        for key, first in written.items():
            placing[first] = self.trie[key]
        self.longest = max(map(len, written), default=0)
        # Forms with Chinese that begin with a letter ("x光") may begin within a word.
        self.led = marisa_trie.Trie(k for k in written if LATIN.match(k) and hanzi.has_cjk(k))
        self.led_firsts = frozenset(k[0] for k in self.led)
        del written
        numbers = array("I", (placing[first] for first in firsts))
        self.capitals = {(placing[first], i): form for (first, i), form in capitals.items()}
        del firsts, placing
        # Each form's owners side by side, in the order the entries came (best first): a
        # counting sort, in arrays.
        self.starts = array("I", [0] * (self.forms + 1))
        for number in numbers:
            self.starts[number + 1] += 1
        for number in range(self.forms):
            self.starts[number + 1] += self.starts[number]
        self.ids, self.flags = array("q", ids), array("I", flags)
        placed = array("I", self.starts[:-1])
        for owner, number in enumerate(numbers):
            self.ids[placed[number]], self.flags[placed[number]] = ids[owner], flags[owner]
            placed[number] += 1
        self.size = len(self.trie.tobytes()) + len(self.led.tobytes())
        self.size += sum(a.itemsize * len(a) for a in (self.ids, self.flags, self.starts))

    def _found(self, lowered: str) -> Iterator[tuple[int, int, int]]:
        """Every place a form is found in lowered text: (start, end, the form's number).
        Within a word (a letter after a letter) only forms with Chinese that begin with a
        letter are looked for: any other found there would not be a mention."""
        letter, longest = LATIN.match, self.longest
        for start in range(len(lowered)):
            following = lowered[start : start + longest]
            if not start or not letter(lowered[start - 1]) or not letter(lowered[start]):
                for form, number in self.trie.iter_prefixes_with_ids(following):
                    yield start, start + len(form), number
            elif lowered[start] in self.led_firsts:  # within a word
                for form in self.led.iter_prefixes(following):
                    yield start, start + len(form), self.trie[form]

    def marks(self, text: str) -> list[Mark]:
        """Return the longest non-overlapping mentions of entries in text, in order."""
        return [mark for mark, _ in self._marks(text)]

    def organization(self, text: str) -> int | None:
        """Return the id of the first organization text names, if any."""
        return next(
            (mark.entry_id for mark, kind in self._marks(text) if kind == "organization"), None
        )

    def _marks(self, text: str) -> list[tuple[Mark, str]]:
        if not self.forms:
            return []
        hits = []
        for start, end, number in self._found(_lower(text)):
            for owner in range(self.starts[number], self.starts[number + 1]):
                entry_id, flag = self.ids[owner], self.flags[owner]
                if self._fits(text, start, end, number, entry_id, flag):
                    kind = self.kinds[flag >> KIND_SHIFT]
                    hits.append((Mark(entry_id, text[start:end], start, end), kind))
                    break
        hits.sort(key=lambda hit: (hit[0].start, hit[0].start - hit[0].end))
        marks: list[tuple[Mark, str]] = []
        for mark, kind in hits:
            if not marks or mark.start >= marks[-1][0].end:
                marks.append((mark, kind))
        return marks

    def _fits(self, text: str, start: int, end: int, number: int, entry_id: int, flag: int) -> bool:
        """Tell whether a form found at text[start:end] is a mention: whole words for English,
        the exact case for an acronym ("CASS", not "cass")."""
        if flag & CHINESE:
            return True
        if flag & CAPITALS and text[start:end] != self.capitals[number, entry_id]:
            return False
        return _apart(text, start, end)


def _apart(text: str, start: int, end: int) -> bool:
    """Tell whether text[start:end] stands apart from the letters around it."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return not LATIN.match(before) and not LATIN.match(after)


_markers: dict[str, tuple[tuple[Any, ...], Marker]] = {}
_markers_lock = threading.Lock()


def marker(db: sqlite_utils.Database, name: str) -> Marker:
    """Return the marker for the glossary in db (named name), rebuilt when entries change."""
    version = forms_version(db)
    with _markers_lock:
        cached = _markers.get(name)
        if cached is None or cached[0] != version:
            cached = (version, Marker(entry_forms(db)))
            _markers[name] = cached
    return cached[1]


# Checking drafts ------------------------------------------------------------------------------


def mismatch(
    candidate: extract.Candidate, dictionary: Sequence[str] = ()
) -> tuple[bool, str, list[names.Difference]]:
    """Check a name's romanization against its characters; return (mismatch?, why, syllables).

    A person's name is checked with the name checker; pinyin written beside characters is
    checked syllable by syllable. A romanization that is not Hanyu Pinyin is no mismatch if it
    is the Wade–Giles ("Tu Fu") or has a hyphenated given name (Wade–Giles, Cantonese: "Han
    Kuo-yu") whose syllables could all be Chinese; otherwise a near miss of the pinyin ("Cui
    Tiankia") is one. dictionary: the base dictionary's readings of a whole name.
    """
    written = candidate.written_pinyin or candidate.english
    if candidate.written_pinyin and (candidate.kind != "person" or not candidate.romanized):
        # Pinyin written beside the characters is checked even where the English is a
        # translation: "(外事办公室, waishi banggongshi)" misspells 办 bàn.
        return _pinyin_mismatch(written, candidate.simplified)
    if not candidate.romanized:
        return False, "", []
    if candidate.kind != "person":
        return _pinyin_mismatch(written, candidate.simplified)
    check = names.check(candidate.english, candidate.simplified, [], dictionary)
    if check.match or is_wade_giles(candidate.english, check.reading):
        return False, "", []
    if check.close and not any(_not_a_syllable(d.written) for d in check.close.differences):
        return False, "", []  # a personal spelling of a system's (Chiu Yi: Taiwan's Chiu I)
    if "-" in candidate.english:
        given = [w for w in candidate.english.split() if "-" in w]  # not "John", "Carrie"
        odd = [p for w in given for p in re.split(r"[-‐'’]+", w) if _not_a_syllable(p)]
        if odd:
            return True, f"“{odd[0]}” is not a syllable in any romanization of Chinese.", []
        return False, "", []
    if check.pinyin:
        surname = len(appositives.leading_surname(candidate.simplified) or "")
        differences = [d for d in check.differences if not _other_reading(d, surname)]
        if not differences:
            return False, "", []
        return True, check.message(), differences
    # Imported here, when an article is read: rapidfuzz took about 15 ms of the server's start,
    # which every search waits for.
    from rapidfuzz.distance import OSA

    near = min(
        OSA.distance(names.fold_name(order), names.fold_name(check.expected))
        for order in (candidate.english, " ".join(reversed(candidate.english.split())))
    )
    if near <= NEAR_MISS:
        return (
            True,
            f"“{candidate.english}” is not how {check.hanzi} is written: "
            f"expected {check.expected} ({check.reading}).",
            [],
        )
    return False, "", []


def is_wade_giles(english: str, reading: str) -> bool:
    """Tell whether a written name is its reading in Wade–Giles, in either order ("Tu Fu")."""
    spelled = ["".join(c for c in s if c.isalpha()) for s in romanize.wade_giles(reading)]
    spelled = [s.replace("ü", "u").replace("v", "u") for s in spelled]
    written = names.fold_name(english).replace("v", "u").replace("ü", "u")
    surname = 1 if len(spelled) > 1 else 0
    orders = {"".join(spelled), "".join(spelled[surname:] + spelled[:surname])}
    return bool(spelled) and written in orders


def _not_a_syllable(part: str) -> bool:
    """Tell whether a written syllable has a shape no romanization of Chinese gives it."""
    letters = "".join(romanize.strip_tones(part)[0]).replace("v", "u")
    return bool(letters) and not SYLLABLE_SHAPE.fullmatch(letters)


def _other_reading(difference: names.Difference, surname: int) -> bool:
    """Tell whether a syllable of a given name is another reading of its character (朝 zhāo
    in 马朝旭): names use either, so it is no misspelling. A surname has one reading."""
    return bool(difference.other_readings) and difference.position > surname


def _pinyin_mismatch(written: str, simplified: str) -> tuple[bool, str, list[names.Difference]]:
    parsed = romanize.parse(written) or []
    syllables = [s for word in parsed for s, _ in word]
    characters = [c for c in simplified if hanzi.is_cjk(c)]
    differences = []
    for position, (character, syllable) in enumerate(
        zip(characters, syllables, strict=False), start=1
    ):
        readings = romanize.char_readings(character)
        if readings and syllable not in {names.fold_name(r) for r in readings}:
            differences.append(names.Difference(character, position, syllable, readings[0], []))
    if not differences:
        return False, "", []
    details = "; ".join(names.explain(d) for d in differences)
    return True, f"“{written}” does not match {simplified}: {details}.", differences


def _existing(db: sqlite_utils.Database, candidate: extract.Candidate) -> StoredEntry | None:
    """Return the live entry with the candidate's characters, the same kind first."""
    found = entries_with_characters(db, None, candidate.simplified)
    found.sort(key=lambda entry: entry["kind"] != candidate.kind)
    return found[0] if found else None


def _same_english(entry: Mapping[str, Any], english: str) -> bool:
    forms = [entry["english"], entry.get("romanization") or "", *entry["aliases"]]
    if entry["kind"] == "person":
        return names.fold_name(english) in {names.fold_name(f) for f in forms if f}
    return keys.english_key(english) in {keys.english_key(f) for f in forms if f}


def _organization(marks: Marker, affiliation: str) -> int | None:
    """Return the id of the glossary organization an affiliation names, if any: "… (CISS)" →
    CISS."""
    return marks.organization(affiliation)


def draft(
    db: sqlite_utils.Database, candidate: extract.Candidate, marks: Marker | None = None
) -> Draft:
    """Turn a candidate into a draft entry: prefilled fields, and what the checks found."""
    person = candidate.kind == "person"
    dictionary = name_readings(db, candidate.simplified) if person else []
    flagged, why, differences = mismatch(candidate, dictionary)
    if person:
        reading = names.name_reading(candidate.simplified, dictionary)
    else:
        reading = romanize.reading(candidate.simplified, candidate.kind)
    written = candidate.written_pinyin
    pinyin = validate.with_tone_marks(written) if written and not flagged else reading
    if written and romanize.toneless(pinyin) == pinyin:  # written without tones: suggest them
        pinyin = reading
    check = (
        names.check(candidate.english, candidate.simplified, [], dictionary)
        if candidate.romanized
        else None
    )
    # A name spelt as Hanyu Pinyin for its characters (FU Ying, LI Na), in any of their
    # readings, is pinyin even where Wade–Giles would spell it the same.
    non_pinyin = (
        candidate.kind == "person"
        and not flagged
        and not (check and check.system == "pinyin")
        and (not _is_pinyin(candidate) or is_wade_giles(candidate.english, reading))
    )
    existing = _existing(db, candidate)
    organization = _organization(marks, candidate.affiliation) if marks else None
    return Draft(
        english=candidate.english,
        simplified=candidate.simplified,
        traditional=candidate.traditional,
        pinyin=pinyin,
        kind=candidate.kind,
        aliases=candidate.aliases,
        romanization=candidate.english if non_pinyin else "",
        romanization_system=check.system if check and check.system != "pinyin" else None,
        reading_notes=check.notes if check else [],
        affiliation=candidate.affiliation,
        affiliation_entry_id=organization,
        context=candidate.context,
        surface=candidate.surface,
        start=candidate.start,
        end=candidate.end,
        romanized=candidate.romanized,
        written_pinyin=written,
        romanization_mismatch=flagged,
        mismatch=why,
        differences=[_difference(d) for d in differences],
        existing_entry_id=existing["id"] if existing else None,
        existing_english=existing["english"] if existing else None,
        existing_same_english=bool(existing and _same_english(existing, candidate.english)),
    )


def _difference(difference: names.Difference) -> DraftDifference:
    return DraftDifference(
        character=difference.character,
        position=difference.position,
        written=difference.written,
        reads=difference.reads,
        other_readings=difference.other_readings,
    )


def _is_pinyin(candidate: extract.Candidate) -> bool:
    """Tell whether a name is written in Hanyu Pinyin, by its spelling rules ("Ching" is not)."""
    words = re.split(r"[\s\-‐]+", candidate.english.strip())
    return all(romanize.name_syllables(word) for word in words if word)


def read(db: sqlite_utils.Database, text: str, marks: Marker) -> Reading:
    """Read an article: the entries it names (known) and the drafts it offers (candidates).

    marks is the glossary's marker (marker(db, name)), which also names the entries found.
    """
    return Reading(
        known=[
            Known(entry_id=m.entry_id, surface=m.surface, start=m.start, end=m.end)
            for m in marks.marks(text)
        ],
        candidates=[draft(db, c, marks) for c in extract.candidates(text)],
    )
