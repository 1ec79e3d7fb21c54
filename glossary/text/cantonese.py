"""Cantonese: Jyutping readings of characters, and the Hong Kong and Macau spellings of names.

The only module that imports ToJyutping. The spellings are our own tables
(glossary/readings/hong_kong*.tsv, macau*.tsv), each row with its source.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from glossary.text import hanzi

READINGS = Path(__file__).resolve().parent / "readings"
# Jyutping initials, longest first so that gw and ng are read before g and n.
INITIALS: tuple[str, ...] = ("gw", "kw", "ng", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k")
INITIALS += ("h", "w", "z", "c", "s", "j")
SYSTEMS = ("hong_kong", "macau")


@dataclass(frozen=True)
class Spelling:
    """A system's table: how it spells initials, finals and whole syllables, and surnames."""

    initials: dict[str, str]
    finals: dict[str, str]
    syllables: dict[str, str]
    surnames: dict[str, str]


def _rows(name: str) -> list[dict[str, str]]:
    with (READINGS / name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def spelling(system: str) -> Spelling:
    """Return a system's table (hong_kong or macau), read once."""
    parts: dict[str, dict[str, str]] = {"initial": {}, "final": {}, "syllable": {}}
    for row in _rows(f"{system}.tsv"):
        parts[row["part"]][row["jyutping"]] = row["spelling"]
    surnames = {row["surname"]: row["spelling"] for row in _rows(f"{system}_surnames.tsv")}
    return Spelling(parts["initial"], parts["final"], parts["syllable"], surnames)


def jyutping(text: str) -> list[str]:
    """Read each character of text in Jyutping, one character at a time, as names are read:
    "蔡英文" → ["coi3", "jing1", "man4"] (read as a word, 英文 "English" would be jing1 man2).
    Characters with no reading are left out."""
    import ToJyutping

    found = []
    for char in text:
        if not hanzi.is_cjk(char):
            continue
        reading = ToJyutping.get_jyutping_list(char)[0][1]
        if reading:
            found.append(reading.split()[0])
    return found


def jyutping_readings(char: str) -> list[str]:
    """Return every Jyutping reading known for one character, the usual one first."""
    import ToJyutping

    candidates = ToJyutping.get_jyutping_candidates(char)
    return list(candidates[0][1]) if candidates and candidates[0][1] else []


def split(syllable: str) -> tuple[str, str]:
    """Split a toneless Jyutping syllable into its initial and final: "gwok" → ("gw", "ok")."""
    if syllable in ("m", "ng"):
        return "", syllable
    for initial in INITIALS:
        if syllable.startswith(initial) and len(syllable) > len(initial):
            return initial, syllable[len(initial) :]
    return "", syllable


def toneless(syllable: str) -> str:
    """Drop the tone number of a Jyutping syllable: "coi3" → "coi"."""
    return syllable.rstrip("0123456789")


def spell(syllable: str, system: str) -> str:
    """Spell one Jyutping syllable (tone or not) in a system, lower case: "jyut6" → "yuet"."""
    table = spelling(system)
    plain = toneless(syllable)
    if plain in table.syllables:
        return table.syllables[plain]
    initial, final = split(plain)
    written = table.finals.get(final, final)
    if system == "macau":
        # j is written i, and not at all before a final written with i (jip Ip, jiu Io) or a
        # yu- final (jyu U, jyun Un).
        if initial == "j" and (written.startswith("i") or final.startswith("yu")):
            return written
        return table.initials.get(initial, initial) + written
    # Hong Kong: yu- finals are written u after an initial, yu after none or j (jyut Yuet).
    if final.startswith("yu") and initial in ("", "j"):
        return "y" + written
    return table.initials.get(initial, initial) + written


def name(text: str, surname_length: int, system: str) -> str:
    """Write a Chinese personal name in a system: Hong Kong hyphenates the given name
    (Choi Ying-man), Macau writes every syllable apart (Ho Iat Seng)."""
    traditional = hanzi.to_traditional(text)
    table = spelling(system)
    readings = jyutping(traditional)
    if len(readings) != len(traditional):
        return ""
    surname = traditional[:surname_length]
    given = [spell(r, system) for r in readings[surname_length:]]
    known = table.surnames.get(surname)
    if known:
        family = [known]
    else:
        family = [spell(r, system).capitalize() for r in readings[:surname_length]]
    if system == "macau":
        return " ".join([*family, *(g.capitalize() for g in given)])
    return " ".join([*family, "-".join(given).capitalize()] if given else family)


def words(text: str, system: str) -> str:
    """Write other Chinese text (a place, an organization) in a system, syllable by syllable."""
    return " ".join(spell(r, system).capitalize() for r in jyutping(hanzi.to_traditional(text)))
