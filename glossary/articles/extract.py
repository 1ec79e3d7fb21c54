"""Find the names and terms an English article writes with their Chinese characters.

Pure functions: text in, candidate entries out, each with where it was found. Every candidate
starts from Chinese characters in the text; a name written without characters is never one.
What the words around the characters say (the kind, the affiliation) is guessed in
glossary.articles.appositives; checking candidates against the glossary is glossary.articles' work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from glossary.articles import appositives, phrases
from glossary.articles.phrases import DOTS
from glossary.text import hanzi, romanize

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f〇"
# Characters, with the middle dots of a transliterated name and book-title marks around them.
HAN_RUN = re.compile(rf"《?[{HAN}]+(?:[{DOTS}][{HAN}]+)*》?")
OPEN, CLOSE = "([（【", ")]）】"
ITEM_BREAKS = re.compile(r"[,;，；、/]")
ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&\-]*[A-Z0-9]")
CHINESE_PUNCTUATION = "，。！？；：「」『』、“”"
LONGEST = 30  # characters: longer runs are Chinese prose, not a name or a term


@dataclass
class Candidate:
    """A name or term the text writes with its characters, and where."""

    english: str
    simplified: str
    traditional: str
    start: int
    end: int
    surface: str
    kind: str = "term"
    aliases: list[str] = field(default_factory=list)
    written_pinyin: str = ""  # the pinyin the text writes, if it does
    affiliation: str = ""
    context: str = ""
    romanized: bool = False  # the English is a romanization of the characters (a name)


def candidates(text: str) -> list[Candidate]:
    """Return every name or term written with its characters in text, in the order found."""
    found: list[Candidate] = []
    done = 0  # runs before this offset were already read as part of a bracket
    for run in HAN_RUN.finditer(text):
        if run.start() < done:
            continue
        try:
            group = _bracket(text, run.start(), run.end())
            if group is not None:
                done = group[1]
                candidate = _from_bracket(text, *group)
            else:
                candidate = _from_bare(text, run)
        except phrases.CutOff:
            continue
        if candidate is not None:
            found.append(candidate)
    for candidate in found:
        candidate.context = appositives.sentence(text, candidate.start, candidate.end)
    return _merged(found)


def _merged(found: list[Candidate]) -> list[Candidate]:
    """Keep one candidate per term (its English translation over its pinyin, the other
    renderings as aliases), and one per person's name however its words are ordered."""
    kept: dict[tuple[str, ...], Candidate] = {}
    for candidate in found:
        if candidate.kind == "person":
            words = sorted(romanize.toneless(candidate.english).lower().split())
            key = ("person", candidate.simplified, *words)
        else:
            key = ("other", candidate.simplified)
        first = kept.get(key)
        if first is None:
            kept[key] = candidate
            continue
        if first.english == first.written_pinyin and candidate.english != candidate.written_pinyin:
            candidate.written_pinyin = candidate.written_pinyin or first.written_pinyin
            candidate.aliases = [*candidate.aliases, *first.aliases]
            kept[key], first, candidate = candidate, candidate, first
        for alias in [candidate.english, *candidate.aliases]:
            if alias not in (first.english, first.written_pinyin, *first.aliases):
                first.aliases.append(alias)
        first.written_pinyin = first.written_pinyin or candidate.written_pinyin
    return sorted(kept.values(), key=lambda c: c.start)


# Characters in brackets: "XIE Feng (谢锋)", "(NPC; 全国人民代表大会; 全国人大)" -------------------


def _bracket(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Return (open, close) of the brackets around text[start:end], or None when the
    characters are not in brackets; raise phrases.CutOff when the brackets never close."""
    opening = None
    for index in range(start - 1, max(-1, start - 120), -1):
        char = text[index]
        if char in CLOSE or char == "\n":
            break
        if char in OPEN:
            opening = index
            break
    if opening is None:
        return None
    closing = OPEN.index(text[opening])
    for index in range(end, min(len(text), end + 160)):
        char = text[index]
        if char == CLOSE[closing]:
            return opening, index + 1
        if char in OPEN or char == "\n":
            break
    raise phrases.CutOff


def _from_bracket(text: str, opening: int, closing: int) -> Candidate | None:
    items = [item.strip() for item in ITEM_BREAKS.split(text[opening + 1 : closing - 1])]
    forms, latin = _forms([i for i in items if i])
    if forms is None:
        return None
    characters, aliases, document = forms
    needed = phrases.count_characters(characters)
    pinyin, english_inside, role = "", "", ""
    for item in latin:
        if not pinyin and phrases.pinyin_for(item, needed):
            pinyin = item
        elif ACRONYM.fullmatch(item) and len(item) <= 12:
            aliases.append(item)
        elif appositives.is_role(item):
            role = item
        elif not english_inside:
            english_inside = item
    phrase = phrases.english_before(text, opening, characters)
    if phrase is None:
        english = english_inside or pinyin
        if not english:
            return None
        phrase = phrases.Phrase(english, opening)
    candidate = _candidate(text, phrase, characters, closing, aliases, pinyin, document)
    if role and not candidate.affiliation:
        candidate.affiliation = role
    return candidate


def _forms(items: list[str]) -> tuple[tuple[str, list[str], bool] | None, list[str]]:
    """Split bracket items into (characters, Chinese aliases, a document?) and Latin items."""
    chinese = [item for item in items if hanzi.has_cjk(item)]
    latin = [item for item in items if not hanzi.has_cjk(item)]
    if not chinese or any(not HAN_RUN.fullmatch(item.rstrip("+＋")) for item in chinese):
        return None, latin  # Chinese prose, or characters cut off ("王晓…")
    document = chinese[0].startswith("《")
    characters = chinese[0].strip("《》")
    if not _acceptable(characters):
        return None, latin
    aliases = []
    for other in chinese[1:]:
        other = other.strip("《》")
        if hanzi.to_simplified(other) != hanzi.to_simplified(characters):
            aliases.append(other)
    return (characters, aliases, document), latin


def _acceptable(characters: str) -> bool:
    """Tell whether characters can be an entry: two or more, and not a run of prose."""
    return 2 <= phrases.count_characters(characters) <= LONGEST


# Without brackets: "Wáng Yì 王毅", "Wang Yi 王毅, Li Qiang 李强", "共同富裕 (gòngtóng fùyù)"


def _from_bare(text: str, run: re.Match[str]) -> Candidate | None:
    document = run.group().startswith("《")
    characters = run.group().strip("《》")
    before = text[max(0, run.start() - 1) : run.start()]
    after = text[run.end() : run.end() + 1]
    if (
        not _acceptable(characters)
        or before in CHINESE_PUNCTUATION
        and before
        or (after and after in CHINESE_PUNCTUATION)
    ):
        return None
    needed = phrases.count_characters(characters)
    end, aliases, pinyin, english_after = run.end(), [], "", ""
    following = re.match(r"[ \u00a0]?[(（]([^()（）\n]{1,80})[)）]", text[run.end() :])
    if following:
        for item in (i.strip() for i in ITEM_BREAKS.split(following.group(1))):
            if not pinyin and phrases.pinyin_for(item, needed):
                pinyin = item
            elif ACRONYM.fullmatch(item) and len(item) <= 12:
                aliases.append(item)
            elif item and not english_after and not hanzi.has_cjk(item):
                english_after = item
        end = run.end() + following.end()
    start = run.start()
    while start > 0 and text[start - 1] in phrases.TOUCHING:
        start -= 1
    phrase: phrases.Phrase | None = None
    if start < run.start() or start == run.start():
        phrase = phrases.toned_pinyin_before(text, start, characters) or phrases.english_before(
            text, start, characters, bare=True
        )
    if phrase is None:
        english = english_after or pinyin
        if not english:
            return None
        phrase = phrases.Phrase(english, run.start())
    return _candidate(text, phrase, characters, end, aliases, pinyin, document)


# Putting a candidate together -----------------------------------------------------------------


def _candidate(
    text: str,
    phrase: phrases.Phrase,
    characters: str,
    end: int,
    aliases: list[str],
    pinyin: str,
    document: bool,
) -> Candidate:
    simplified = hanzi.to_simplified(characters)
    pinyin = pinyin or (phrase.text.strip() if phrase.pinyin else "")
    traditional = characters if simplified != characters else hanzi.to_traditional(characters)
    english = phrase.text.strip().rstrip(",.;:")
    kind = appositives.kind(
        english, simplified, person=phrase.name and not phrase.quoted, quoted=phrase.quoted
    )
    if document:
        kind = "document"
    elif kind == "term" and aliases and any(ACRONYM.fullmatch(a) for a in aliases):
        kind = "organization"
    candidate = Candidate(
        english=english,
        simplified=simplified,
        traditional=traditional,
        start=phrase.start,
        end=end,
        surface=text[phrase.start : end],
        kind=kind,
        aliases=aliases,
        written_pinyin=pinyin,
        romanized=kind == "person" and phrase.name or bool(pinyin and english == pinyin),
    )
    if kind == "person":
        candidate.affiliation = appositives.affiliation(text, phrase.start, end, phrase.prefix)
    return candidate
