"""The benchmark's query mix: fixed kinds of query, drawn from the database with a fixed seed.

Each kind is what a person types into the box: English words and phrases (and the first letters
of a word, as it is being typed), Chinese of one, two and three or more characters in both
scripts, pinyin toneless (spaced and not), tone-numbered, tone-marked and as initials, acronyms,
queries that find nothing, and hostile strings. The words come from the dictionary and the
glossary in the database, picked by random.Random(SEED), so the same data gives the same mix;
a tiny database gives a small mix of the same kinds.
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Callable

from glossary.text import keys, romanize

SEED = 8
PER_KIND = 30
KINDS = (
    "english word",
    "english phrase",
    "english prefix",
    "chinese 1",
    "chinese 2",
    "chinese 3+",
    "pinyin spaced",
    "pinyin unspaced",
    "pinyin numbered",
    "pinyin marked",
    "initials",
    "acronym",
    "miss",
    "hostile",
)
# Strings that must be searched for as text: FTS syntax, LIKE wildcards, SQL, markup, controls,
# full-width and right-to-left text, emoji, the longest query allowed.
HOSTILE = (
    '"a" AND *',
    "NEAR(race top)",
    "{names}: x",
    "a OR b NOT c",
    "*",
    "^start",
    "%_%",
    "100%",
    "'; DROP TABLE entry; --",
    "<script>alert(1)</script>",
    "\u202eevil",
    "ｆｕｌｌ ｗｉｄｔｈ",
    "😀🀄",
    "a" * 200,
    "中" * 200,
    "x\u200by\u200bz",
    "\\",
    "((()))",
    "-",
    "'",
)
WORD = re.compile(r"^[a-z]{4,12}$")
ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")


def build(conn: sqlite3.Connection, per_kind: int = PER_KIND, seed: int = SEED) -> list[dict]:
    """Return the query mix: [{"kind", "q"}…], per_kind of each kind where the data has them."""
    rng = random.Random(seed)
    entries = conn.execute(
        "SELECT simplified, traditional, pinyin, english FROM dictionary ORDER BY id"
    ).fetchall()
    entries += conn.execute(
        "SELECT simplified, traditional, pinyin, english FROM entry"
        " WHERE deleted IS NULL ORDER BY id"
    ).fetchall()
    words = sorted({w for e in entries for w in re.split(r"[^A-Za-z]+", e[3]) if WORD.match(w)})
    phrases = sorted(
        {
            " ".join(ws[i : i + n])
            for e in entries
            for definition in e[3].split("; ")
            if (ws := re.findall(r"[a-z]+", definition.lower()))  # Korea: korea, not orea
            for n in (2, 3)
            for i in range(0, max(0, len(ws) - n + 1))
        }
    )
    acronyms = sorted(
        {w for e in entries for w in re.split(r"[^A-Za-z0-9]+", e[3]) if ACRONYM.match(w)}
    )
    readings = [e for e in entries if e[2] and romanize.parse(e[2])]
    makers: dict[str, Callable[[], str | None]] = {
        "english word": lambda: _pick(rng, words),
        "english phrase": lambda: _pick(rng, phrases),
        "english prefix": lambda: (w := _pick(rng, words)) and w[: rng.randint(1, 3)],
        "chinese 1": lambda: _chinese(rng, entries, 1, 1),
        "chinese 2": lambda: _chinese(rng, entries, 2, 2),
        "chinese 3+": lambda: _chinese(rng, entries, 3, 7),
        "pinyin spaced": lambda: _pinyin(rng, readings, "spaced"),
        "pinyin unspaced": lambda: _pinyin(rng, readings, "unspaced"),
        "pinyin numbered": lambda: _pinyin(rng, readings, "numbered"),
        "pinyin marked": lambda: _pinyin(rng, readings, "marked"),
        "initials": lambda: _pinyin(rng, readings, "initials"),
        "acronym": lambda: _pick(rng, acronyms),
        "miss": lambda: "".join(rng.choice("qxzvjk") for _ in range(rng.randint(4, 8))),
        "hostile": lambda: rng.choice(HOSTILE),
    }
    mix = []
    for kind in KINDS:
        found: list[str] = []
        for _ in range(per_kind * 20):  # a small database may not have per_kind of a kind
            query = makers[kind]()
            if query and (query not in found or kind == "hostile"):
                found.append(query)
            if len(found) == per_kind:
                break
        mix += [{"kind": kind, "q": query} for query in found]
    return mix


def _pick(rng: random.Random, items: list[str]) -> str | None:
    return rng.choice(items) if items else None


def _chinese(rng: random.Random, entries: list, shortest: int, longest: int) -> str | None:
    """A run of characters from a random entry's form, in either script."""
    entry = rng.choice(entries)
    form = keys.hanzi_key(entry[rng.randint(0, 1)] or entry[0])
    if len(form) < shortest:
        return None
    length = rng.randint(shortest, min(longest, len(form)))
    start = rng.randint(0, len(form) - length)
    return form[start : start + length]


def _pinyin(rng: random.Random, entries: list, style: str) -> str | None:
    """An entry's reading written in one style: "dian nao", "diannao", "dian4 nao3",
    "diànnǎo" or "dn"."""
    words = romanize.parse(rng.choice(entries)[2]) or []
    syllables = [s for word in words for s in word][:4]
    if not syllables or (style == "initials" and len(syllables) < 2):
        return None
    if style == "spaced":
        return " ".join(s for s, _ in syllables)
    if style == "unspaced":
        return "".join(s for s, _ in syllables)
    if style == "numbered":
        return " ".join(f"{s}{t or 5}" for s, t in syllables).replace("v", "u:")
    if style == "marked":
        return "".join(romanize.mark(s, t) for s, t in syllables)
    return "".join(s[0] for s, _ in syllables)
