"""Did you mean: spellings near a query that finds nothing, word by word and syllable by syllable.

Pure functions over a Lexicon (the words the glossary and the dictionary use, with how many
entries use each); the store reads the words, search checks that a correction finds something.
"""

from __future__ import annotations

import math
from collections import ChainMap
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import cast

from glossary.text import hanzi, keys, romanize

# The words kept at most, the most used first: about 60 bytes each.
MOST_WORDS = 60_000
SHORTEST = 3  # shorter words are never corrected: one edit makes another word of most of them
MOST_EDITS = 2  # a correction changes the query by at most this many edits in all
ALTERNATIVES = 4  # spellings kept for each word of the query
CANDIDATES = 4  # corrections offered to be checked, best first
LONGEST_SYLLABLE = 6  # zhuang, chuang, shuang


@dataclass(frozen=True)
class Lexicon:
    """Words and how many entries use each, filed by length and first letter: a typo is
    looked for among the words of about its length that start as it does (misspelt first
    letters are rare, and the pinyin syllables are searched whole)."""

    frequency: Mapping[str, int]
    shelves: dict[tuple[int, str], list[str]]

    @classmethod
    def of(
        cls, counts: Iterable[tuple[str, int]], most: int = MOST_WORDS, base: Lexicon | None = None
    ) -> Lexicon:
        """Build a lexicon from (word, entries using it), keeping the `most` most used words,
        over a base lexicon's words (the dictionary's, built once, under the glossary's that
        change with every edit): only the shelves the new words go on are copied."""
        frequency: dict[str, int] = {}
        for word, count in counts:
            if len(word) >= SHORTEST and word.isascii() and word.isalpha():
                frequency[word] = frequency.get(word, 0) + count
        kept = sorted(frequency, key=lambda w: (-frequency[w], w))[:most]
        added: dict[tuple[int, str], list[str]] = {}
        for word in kept:
            if not (base and word in base.frequency):
                added.setdefault((len(word), word[0]), []).append(word)
        shelves = dict(base.shelves) if base else {}
        own: dict[str, int] = {}
        for shelf, words in added.items():
            # The shelf's new words made anew, one after another, so that they lie side by side
            # in memory (a lookup reads every word of a few shelves, and words scattered over
            # the heap cost it a fetch from memory each: 0.1 ms of a three-word miss among other
            # searches), after the base's, which are shared, not copied; the counts are kept
            # under these same strings, not under copies of them.
            words = "\n".join(words).split("\n")
            shelves[shelf] = [*shelves.get(shelf, []), *words]
            own.update((word, frequency[word]) for word in words)
        own.update((word, frequency[word]) for word in kept if word not in own)
        return cls(ChainMap(own, cast(dict[str, int], base.frequency)) if base else own, shelves)

    def near(self, word: str, edits: int) -> list[tuple[str, int]]:
        """Return the words at most `edits` edits from word (OSA: a swap of two letters is
        one edit), fewest edits first, then the most used. Words one edit away are looked
        for first: when there are enough of them, those two away could not be among the
        nearest, and the shelves two letters longer or shorter need not be read."""
        found = self._near(word, min(edits, 1))
        if edits > 1 and len(found) < ALTERNATIVES:
            found = self._near(word, edits)
        return found

    def _near(self, word: str, edits: int) -> list[tuple[str, int]]:
        from rapidfuzz import process  # only when a search finds nothing: not at start
        from rapidfuzz.distance import OSA

        found: list[tuple[str, int]] = []
        for length in range(len(word) - edits, len(word) + edits + 1):
            shelf = self.shelves.get((length, word[0]), [])
            # Every word near enough, not the first few a shelf holds: a shelf the glossary
            # added words to holds the dictionary's first, and the most used may come last.
            for choice, distance, _ in process.extract(
                word, shelf, scorer=OSA.distance, score_cutoff=edits, limit=None
            ):
                if choice != word:
                    found.append((choice, int(distance)))
        found.sort(key=lambda pair: (pair[1], -self.frequency[pair[0]]))
        return found[:ALTERNATIVES]


def edits_allowed(word: str) -> int:
    """The edits a word may have: one up to seven letters, two from eight."""
    return 0 if len(word) < SHORTEST else 1 if len(word) < 8 else 2


@dataclass(frozen=True, order=True)
class Spelling:
    """One way to write a word of the query: whether it is a word unknown (kept as typed,
    neither in the lexicon nor pinyin), its edits, then how much rarer it makes the word
    (lower is better: a rare word made common), then its indels, then the text. Typists
    leave letters out more often than they hit wrong ones: among spellings as common
    (pinyin syllables), the edits are told apart by counting indels."""

    unknown: bool
    edits: int
    rarity: float
    indels: int  # letters left out or added, a swap or a wrong letter two: a missed letter first
    text: str


Rank = tuple[int, int]  # a correction's words left unknown, then its edits: fewer is better


def corrections(query: str, lexicon: Lexicon) -> list[tuple[Rank, str]]:
    """Return queries near the query, best first, each with its rank: fewest words left
    unknown, then fewest edits, then the commonest words.

    Each word of the query is respelt as a word of the lexicon, or as pinyin syllables
    (xiefneg → xie feng); a query with Chinese characters has none.
    """
    if hanzi.has_cjk(query):
        return []
    words = keys.english_key(query).split()
    if not words or len(words) > 8:
        return []
    spelt = {word: _spellings(word, lexicon) for word in dict.fromkeys(words)}  # each once
    combinations = sorted(_changes([spelt[word] for word in words]))
    best: dict[str, Rank] = {}
    for rank, _, _, text in combinations:
        best.setdefault(text, rank)
    return [(rank, text) for text, rank in best.items()][:CANDIDATES]


def _changes(options: list[list[Spelling]]) -> Iterator[tuple[Rank, float, int, str]]:
    """The query's words with one or two of them respelt (two only if their respellings
    take MOST_EDITS edits at most together): each as its rank, rarity, indels and text. Each
    word is first its first spelling (as typed, or its nearest if unknown as typed, whose
    edits count too); a change's counts are theirs with the respelt words' own put in their
    place."""
    typed = [spellings[0] for spellings in options]
    # Words left unknown: a word respelt is never one of them (its spellings sort before it).
    unknown = sum(s.unknown for s in typed)
    edits = sum(s.edits for s in typed)
    indels = sum(s.indels for s in typed)
    texts = [s.text for s in typed]
    rarities = [s.rarity for s in typed]
    changed = [[s for s in spellings if s.edits] for spellings in options]
    for first, firsts in enumerate(changed):
        was = typed[first]
        for one in firsts:
            words, rarity = [*texts], [*rarities]
            words[first], rarity[first] = one.text, one.rarity
            edited = edits - was.edits + one.edits
            indel = indels - was.indels + one.indels
            yield (unknown, edited), sum(rarity), indel, " ".join(words)
            for second in range(first + 1, len(typed)):
                then = typed[second]
                for other in changed[second]:
                    if one.edits + other.edits <= MOST_EDITS:
                        words[second], rarity[second] = other.text, other.rarity
                        rank = (unknown, edited - then.edits + other.edits)
                        yield rank, sum(rarity), indel - then.indels + other.indels, " ".join(words)
                words[second], rarity[second] = texts[second], rarities[second]


def _spellings(word: str, lexicon: Lexicon) -> list[Spelling]:
    """The word as typed (first), then its nearest spellings: words and pinyin syllables."""
    from rapidfuzz.distance import Indel

    edits = edits_allowed(word)
    if not edits or not word.isalpha():
        return [Spelling(False, 0, 0.0, 0, word)]
    unknown = word not in lexicon.frequency and romanize.segment(word) is None
    found = [Spelling(unknown, 0, 0.0, 0, word)]
    typed = math.log1p(lexicon.frequency.get(word, 0))
    for other, distance in lexicon.near(word, edits):
        rarity = typed - math.log1p(lexicon.frequency[other])
        found.append(Spelling(False, distance, rarity, Indel.distance(word, other), other))
    if romanize.segment(word) is None:  # not pinyin as typed: respell it syllable by syllable
        for distance, syllables in pinyin_spellings(word):
            indels = Indel.distance(word, "".join(syllables))
            # Each syllable counts as a word: xie feng before xi e feng.
            rarity = typed + len(syllables)
            found.append(Spelling(False, distance, rarity, indels, " ".join(syllables)))
    best: dict[str, Spelling] = {}
    for spelling in sorted(found):
        best.setdefault(spelling.text, spelling)
    return list(best.values())[: ALTERNATIVES + 1]


def pinyin_spellings(letters: str, most: int = MOST_EDITS) -> list[tuple[int, tuple[str, ...]]]:
    """Split letters into pinyin syllables, each written as typed or one edit from it, with
    at most `most` edits in all: (edits, syllables), fewest edits, indels and syllables first."""
    if not letters.isascii() or len(letters) > 4 * LONGEST_SYLLABLE:
        return []
    # ways[i]: the ways letters[:i] splits (edits, indels, syllables), a few of the best.
    ways: list[list[tuple[int, int, tuple[str, ...]]]] = [[] for _ in range(len(letters) + 1)]
    ways[0] = [(0, 0, ())]
    for start in range(len(letters)):
        ways[start] = sorted(set(ways[start]), key=_way_order)[:ALTERNATIVES]
        for end in range(start + 1, min(len(letters), start + LONGEST_SYLLABLE) + 1):
            for syllable, distance, indels in _syllables_near(letters[start:end]):
                if start and syllable[0] in "aoe":  # would need an apostrophe: xi'e
                    continue
                for edits, indel, parts in ways[start]:
                    if edits + distance <= most:
                        ways[end].append((edits + distance, indel + indels, (*parts, syllable)))
    found = sorted(set(ways[-1]), key=_way_order)
    return [(edits, parts) for edits, _, parts in found if edits][:ALTERNATIVES]


def _way_order(way: tuple[int, int, tuple[str, ...]]) -> tuple[int, int, int, tuple[str, ...]]:
    return way[0], way[1], len(way[2]), way[2]


@lru_cache(maxsize=4096)
def _syllables_near(chunk: str) -> tuple[tuple[str, int, int], ...]:
    """The syllables a chunk of letters is, or is one edit from (a chunk of two letters or
    more), with their edits and indels: the syllable itself, then a letter left out."""
    if chunk in romanize.INTERJECTIONS:
        return ()
    if chunk in romanize.syllables():
        return ((chunk, 0, 0),)
    if len(chunk) < 2:
        return ()
    from rapidfuzz import process
    from rapidfuzz.distance import OSA, Indel

    found = process.extract(
        chunk, _syllable_list(), scorer=OSA.distance, score_cutoff=1, limit=None
    )
    near = sorted((Indel.distance(chunk, syllable), syllable) for syllable, _, _ in found)
    return tuple((syllable, 1, indels) for indels, syllable in near[: 3 * ALTERNATIVES])


@cache
def _syllable_list() -> list[str]:
    """Every toneless syllable of a name or a word (not ng, hm…), sorted."""
    return sorted(romanize.syllables() - romanize.INTERJECTIONS)
