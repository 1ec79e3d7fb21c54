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
# A label before an item in brackets: "(Chinese: 中南海)", "(simplified Chinese: …; traditional
# Chinese: …; pinyin: …)", "(Ch: …)", "(lit. 'to roll inwards')". Each label says what its item
# is; romanizations other than pinyin are read past.
LABEL = re.compile(
    r"(?P<label>(?:simplified|traditional)(?:\s+(?:chinese|characters))?|chinese|mandarin|ch|zh"
    r"|zh-hans|zh-hant|zh-cn|zh-tw|(?:hanyu\s+)?pinyin|canto(?:nese)?|jyutping|yale"
    r"|wade[–-]giles|w\.-g\.|tongyong(?:\s+pinyin)?|pe̍h-ōe-jī|poj|ipa|hokkien|hakka"
    r"|taiwanese|pha̍k-fa-sṳ|japanese|korean|中文|简体|簡體|繁体|繁體|拼音)\s*[:：]\s*"
    r"|(?P<gloss>lit\.|literally|i\.\s?e\.,?|meaning|or|(?:often\s+|also\s+)?translated\s+as)"
    r"(?:\s+|(?<=\.)|$)"
    r"|(?P<alias>also\s+(?:known\s+as|called|spelled|written))\s+",
    re.IGNORECASE,
)
CHARACTER_LABELS = ("simplified", "chinese", "mandarin", "ch", "zh")
CHINESE_LABELS = {
    "中文": "chinese",
    "简体": "simplified",
    "簡體": "simplified",
    "繁体": "traditional",
}
CHINESE_LABELS |= {"繁體": "traditional", "拼音": "pinyin"}
QUOTE_MARKS = "“”\"‘’'«»「」『』"
# An appositive that says what a name is: "Meituan (美团), a delivery-service corporation".
APPOSITIVE_KIND = re.compile(
    r"\s*[,，]\s*(?:a|an|the)\s+((?:[\w-]+\s+){0,3}?[\w-]+)\b"
    r"(?:[,.;]|\s+(?:of|in|with|that|which|who|whose|known|based|founded|from|run|owned|and)\b)"
)


@dataclass
class Items:
    """What the items in brackets beside characters say, each by its label or its shape."""

    characters: list[str] = field(default_factory=list)
    traditional: str = ""  # the traditional form the text writes, if it labels one
    pinyin: str = ""
    aliases: list[str] = field(default_factory=list)
    english: str = ""  # English written inside the brackets
    gloss: str = ""  # a translation given as such: "lit. 'to roll inwards'"
    role: str = ""
    latin: list[str] = field(default_factory=list)  # unlabelled, read once the characters are

    def settle(self, characters: str) -> Items:
        """Read the unlabelled Latin items, now that the characters they go with are known:
        the pinyin (one syllable per character), acronyms, a role, the English."""
        needed = phrases.count_characters(characters)
        for item in self.latin:
            if not self.pinyin and phrases.pinyin_for(item, needed):
                self.pinyin = item
            elif ACRONYM.fullmatch(item) and len(item) <= 12:
                self.aliases.append(item)
            elif appositives.is_role(item):
                self.role = item
            elif not self.english:
                self.english = item
        self.latin = []
        return self


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
    depth = 0
    for index in range(end, min(len(text), end + 160)):
        char = text[index]
        if char == CLOSE[closing] and depth == 0:
            return opening, index + 1
        if char == "\n" or char in OPEN and hanzi.has_cjk(text[index : index + 2]):
            break
        depth += (char in OPEN) - (char in CLOSE)  # "(…; IPA: [nei̯˥˩]; …)"
    raise phrases.CutOff


def _from_bracket(text: str, opening: int, closing: int) -> Candidate | None:
    items = _items(text[opening + 1 : closing - 1])
    forms = _forms(items)
    if forms is None:
        return None
    characters, aliases, document = forms
    items.settle(characters)
    aliases += items.aliases
    phrase = phrases.english_before(text, opening, characters)
    if phrase is None:
        english = items.english or items.gloss or items.pinyin
        if not english:
            return None
        phrase = phrases.Phrase(english, opening, quoted=bool(items.english or items.gloss))
    candidate = _candidate(text, phrase, characters, closing, aliases, items.pinyin, document)
    _glossed(text, candidate, phrase, items.gloss or items.english.strip(QUOTE_MARKS))
    if items.traditional:
        candidate.traditional = items.traditional
    if items.role and not candidate.affiliation:
        candidate.affiliation = items.role
    return candidate


def _items(inside: str) -> Items:
    """Read the items in brackets: characters, pinyin, acronyms, roles, glosses, by label."""
    items = Items()
    for raw in ITEM_BREAKS.split(inside):
        item = raw.strip(" \t\u00a0\u3000")
        label = LABEL.match(item)
        kind = ""
        if label:
            item = item[label.end() :].strip()
            kind = (label.group("label") or "").lower()
            kind = CHINESE_LABELS.get(kind, kind)
            kind = kind or ("gloss" if label.group("gloss") else "alias")
        if item:
            _item(items, item, kind)
    return items


def _item(items: Items, item: str, label: str) -> None:
    """File one bracket item under what it is."""
    if label.startswith("traditional") and hanzi.has_cjk(item):
        items.traditional = item.strip("《》")
    elif hanzi.has_cjk(item):
        if not label or label.startswith(CHARACTER_LABELS):
            items.characters.append(_split_mixed(item, items))
    elif "pinyin" in label:
        items.pinyin = items.pinyin or item
    elif label == "gloss":
        quoted = re.match(rf"[{QUOTE_MARKS}]([^{QUOTE_MARKS}]+)[{QUOTE_MARKS}]", item)
        gloss = quoted.group(1) if quoted else re.sub(r"\s+in English$", "", item)
        items.gloss = items.gloss or gloss.strip(" ,.;:")
    elif label == "alias":
        items.aliases.append(item.strip(QUOTE_MARKS + " "))
    elif not label:  # not another romanization (Cantonese, Wade–Giles, Pe̍h-ōe-jī, IPA)
        items.latin.append(item)


def _split_mixed(item: str, items: Items) -> str:
    """Take the pinyin out of an item that writes it beside the characters: "和谐社会 héxié
    shèhuì", "rùnxué 潤學"; any other item is kept whole (and read as prose)."""
    match = re.fullmatch(rf"([^{HAN}《》]*?)\s*({HAN_RUN.pattern})\s*([^{HAN}《》]*)", item)
    if not match:
        return item
    latin = (match.group(1) + " " + match.group(3)).strip()
    characters = match.group(2)
    if not latin:
        return characters
    if phrases.pinyin_for(latin, phrases.count_characters(characters)):
        items.pinyin = items.pinyin or latin
        return characters
    if romanize.parse(latin) and phrases.has_tone_marks(latin):
        return characters  # pinyin with a syllable missing: the characters, not the pinyin
    return item


def _glossed(text: str, candidate: Candidate, phrase: phrases.Phrase, gloss: str) -> None:
    """Where the English drafted is only the romanization of the characters, take the gloss
    the text gives as the English and the romanization as the pinyin: "tang ping (躺平), or
    “lying flat”", "mínzhǔ 民主 (“democracy”)", "“second-generation reds,” or hong er’dai"."""
    romanization = candidate.english
    if candidate.kind == "person" or not (
        phrase.pinyin
        or romanization == candidate.written_pinyin
        or phrases.is_romanization(romanization, candidate.simplified)
    ):
        return
    found = (gloss, candidate.end) if gloss else phrases.gloss_after(text, candidate.end)
    before = None if gloss else phrases.gloss_before(text, phrase.start)
    if before:
        found, candidate.start = (before[0], candidate.end), before[1]
    if not found:
        return
    candidate.english = found[0]
    candidate.end = max(candidate.end, found[1])
    candidate.surface = text[candidate.start : candidate.end]
    candidate.written_pinyin = candidate.written_pinyin or romanization
    candidate.romanized = True
    candidate.aliases = [a for a in candidate.aliases if a != romanization]
    if romanization != candidate.written_pinyin:
        candidate.aliases.insert(0, romanization)  # "Neijuan", written as an English word
    candidate.kind = appositives.kind(found[0], candidate.simplified, person=False, quoted=True)


def _forms(items: Items) -> tuple[str, list[str], bool] | None:
    """Return (characters, Chinese aliases, a document?) from the bracket's items."""
    chinese = items.characters
    if not chinese or any(not HAN_RUN.fullmatch(item.rstrip("+＋")) for item in chinese):
        return None  # Chinese prose, or characters cut off ("王晓…")
    document = chinese[0].startswith("《")
    characters = chinese[0].strip("《》")
    if not _acceptable(characters):
        return None
    aliases = []
    for other in chinese[1:]:
        other = other.strip("《》")
        if hanzi.to_simplified(other) != hanzi.to_simplified(characters):
            aliases.append(other)
    return characters, aliases, document


def _acceptable(characters: str) -> bool:
    """Tell whether characters can be an entry: two or more, and not a run of prose."""
    return 2 <= phrases.count_characters(characters) <= LONGEST


# Without brackets: "Wáng Yì 王毅", "Wang Yi 王毅, Li Qiang 李强", "共同富裕 (gòngtóng fùyù)"


def _from_bare(text: str, run: re.Match[str]) -> Candidate | None:
    document = run.group().startswith("《")
    characters = run.group().strip("《》")
    if not _acceptable(characters) or _in_prose(text, run):
        return None
    beside = _beside(text, run.end(), characters)
    if beside is None:
        return None
    items, end, bracketed = beside
    phrase = _english_before_bare(text, run.start(), end, characters, bracketed)
    if phrase is None:
        phrase, end = _english_after(text, run.start(), end, items, characters)
        if phrase is None:
            return None
    candidate = _candidate(text, phrase, characters, end, items.aliases, items.pinyin, document)
    _glossed(text, candidate, phrase, items.gloss or items.english.strip(QUOTE_MARKS))
    return candidate


def _in_prose(text: str, run: re.Match[str]) -> bool:
    """Tell whether characters without brackets stand in Chinese prose: next to Chinese
    punctuation, or to ASCII punctuation that more characters follow ("郑永年:马克思主义…")."""
    before = text[max(0, run.start() - 1) : run.start()]
    after = text[run.end() : run.end() + 1]
    return bool(
        before
        and before in CHINESE_PUNCTUATION
        or after
        and after in CHINESE_PUNCTUATION
        or re.match(rf"[,.:;!?][{HAN}]", text[run.end() : run.end() + 2])
    )


def _beside(text: str, end: int, characters: str) -> tuple[Items, int, bool] | None:
    """Read what follows characters: items in brackets, or pinyin outside them; return the
    items, where they end and whether they were bracketed, or None for Chinese prose."""
    following = re.match(r"[”\"’']?[ \u00a0]?[(（]([^()（）\n]{1,80})[)）]", text[end:])
    if following:
        items = _items(following.group(1)).settle(characters)
        if items.characters:
            return None  # more characters: Chinese prose in brackets
        return items, end + following.end(), True
    items = Items()
    written = phrases.pinyin_after(text, end, characters)
    if written:
        items.pinyin, end = written
    return items, end, False


def _english_before_bare(
    text: str, start: int, end: int, characters: str, bracketed: bool
) -> phrases.Phrase | None:
    """The English before characters without brackets, if it is theirs."""
    while start > 0 and text[start - 1] in phrases.TOUCHING:
        start -= 1
    phrase = phrases.toned_pinyin_before(text, start, characters) or phrases.english_before(
        text, start, characters, bare=True
    )
    if phrase and not phrase.pinyin and phrase.text[:1].islower():
        # "officials call 软实力 (ruǎn shílì)": a verb, not the term's English; "the show
        # 复兴之路 The Road to Rejuvenation": the English after the characters, not before.
        later = None if bracketed else phrases.english_after(text, end, characters)
        if bracketed or later and not later.text[:1].islower():
            return None
    return phrase


def _english_after(
    text: str, start: int, end: int, items: Items, characters: str
) -> tuple[phrases.Phrase | None, int]:
    """The English of characters that have none before them: in brackets after them, or
    written after them ("周庭 Agnes Chow Ting", "中华民族伟大复兴, often translated as …")."""
    english = items.english or items.gloss or items.pinyin
    if english:
        return phrases.Phrase(english, start, quoted=bool(items.gloss)), end
    phrase = phrases.english_after(text, end, characters)
    if phrase is None:
        return None, end
    if phrase.quoted:
        gloss = phrases.gloss_after(text, end) or phrases.quoted_after(text, end)
        end = gloss[1] if gloss else end
    else:
        end = text.index(phrase.text, end) + len(phrase.text)
    return phrases.Phrase(phrase.text, start, phrase.name, phrase.quoted), end


# Putting a candidate together -----------------------------------------------------------------


def _neighbour_kind(
    text: str, start: int, end: int, aliases: list[str], *, quoted: bool = False
) -> str:
    """Guess the kind of a term from the nouns next to it: "the veterans group 800 Warriors",
    "the Da Fang (大房) faction", "Meituan (美团), a delivery-service corporation", or an
    acronym written with it."""
    before = re.search(r"\b([a-z][\w-]*)\s+$", text[max(0, start - 40) : start])
    after = re.match(r"\s+([a-z][\w-]*)\b", text[end : end + 40])
    appositive = APPOSITIVE_KIND.match(text, end)
    nouns = [] if quoted else [before and before.group(1), after and after.group(1)]
    for noun in [*nouns, appositive and appositive.group(1).split()[-1]]:
        found = appositives.english_kind(noun) if noun else None
        if found:
            return found
    if appositive and appositive.group(1).split()[-1] in appositives.PEOPLE:
        return "person"  # "‘Big Eggplant’ (大茄子), a livestreamer"
    if aliases and any(ACRONYM.fullmatch(a) for a in aliases):
        return "organization"
    return "term"


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
    english = phrase.text.strip().rstrip(",.;:").strip(QUOTE_MARKS)
    kind = appositives.kind(
        english, simplified, person=phrase.name and not phrase.quoted, quoted=phrase.quoted
    )
    if document:
        kind = "document"
    elif kind == "term":
        kind = _neighbour_kind(text, phrase.start, end, aliases, quoted=phrase.quoted)
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
        # A name is checked against its characters, and so is any pinyin the text writes.
        romanized=kind == "person" and phrase.name or bool(pinyin and kind != "person"),
    )
    if kind == "person":
        candidate.affiliation = appositives.affiliation(text, phrase.start, end, phrase.prefix)
    return candidate
