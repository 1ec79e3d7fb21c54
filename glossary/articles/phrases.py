"""The English an article writes around Chinese characters: a romanized name, counted one
syllable per character ("XIE Feng", "Tsai Ing-wen"); a capitalised phrase ("Shanghai AI
Laboratory"); a quoted term; pinyin, with tone marks or in lower case; a lower-case term; the
English after the characters ("周庭 Agnes Chow"); and the gloss the text gives a romanization
("tang ping (躺平), or “lying flat”"). Pure functions."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from glossary.articles import appositives
from glossary.text import hanzi, romanize

DOTS = "·・‧•"
# What may sit between a name and characters written without brackets: spaces, dashes, a colon.
TOUCHING = " \t\u00a0\u3000–—‐-:："
QUOTES = {"”": "“", '"': '"', "’": "‘", "»": "«", "」": "「", "』": "『"}
WORD = re.compile(
    r"[A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]+"
    r"(?:[-‐'’.&][A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]+)*\.?"
)
CONNECTORS = {"of", "for", "and", "the", "on", "in", "at", "to", "de", "du", "la", "&"}
# Words that stop a lower-case term: "the concept of common prosperity" → "common prosperity".
TERM_STOPS = CONNECTORS | appositives.words(
    """
    a an its their his her our this that these those as is are was were be by with from
    called dubbed named so-called known term phrase slogan concept notion idea policy
    principle doctrine vision theory campaign what which who or nor but about into under
    over than word words also even just only still literally meaning i.e. e.g. call calls
    cite cites say says use uses write writes wrote coin coins dub dubs identifies identify
    has have had been being be do does did will would can could may might must should shall
    not no like unlike such including
    """
)
# Words that may stand between a name and its characters: "Tsai Ing-wen yesterday (蔡英文)".
BETWEEN = "yesterday|today|tonight|earlier|later|also|himself|herself|said|says"
# Words before an -ing or -ed word that make it an adjective of the term, not a verb: "the
# working organ (办事机关)", against "by adding two strokes (...)".
DETERMINERS = {"a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "as"}
QUOTED = r"[“\"‘'«「『]([^“”\"‘’«»「」『』\n]{1,80}?)[,.，。]?[”\"’'»」』]"
# What introduces a gloss: "or", "i.e.", "meaning", "literally", "(often) translated as".
GLOSS_WORDS = (
    r"(?:or|as|i\.\s?e\.,?|that is,?|meaning|which means|literally|lit\.|"
    r"(?:which\s+)?translates\s+(?:to|as)|"
    r"(?:[a-z]+\s+){0,3}(?:translated|rendered|known) (?:in English )?as)"
)
GLOSS_AFTER = (
    re.compile(rf"\s*[(（]\s*{QUOTED}\s*[)）]"),  # 民主 (“democracy”)
    re.compile(rf"\s*[,，]?\s*{GLOSS_WORDS}\s+{QUOTED}"),  # 躺平, or “lying flat”
    re.compile(rf"\s*(?:[:：]|[—–-]{{1,2}}|\s[—–-])\s*{QUOTED}"),  # 河蟹 — “river crab”
    # 维稳 (wéiwěn) – stability maintenance – grew
    re.compile(r"\s*[—–]{1,2}\s*([a-z][a-z’'\- ]{1,60}?)\s*[—–]"),
    # 河蟹 (héxiè): river crab
    re.compile(r"\s*[:：]\s*([a-z][a-z’'\- ]{1,60}?)\s*(?=$|\n|[.;,()]|\s[—–])"),
)
GLOSS_BEFORE = re.compile(rf"{QUOTED}[,，]?\s*(?:{GLOSS_WORDS}|[:：—–])\s*$")


class CutOff(Exception):
    """The characters end before the name does: "Wang Xiaohui (王晓" or "(王晓)"."""


@dataclass
class Phrase:
    """The English written before the characters: its words, where it starts, what it looks like."""

    text: str
    start: int
    name: bool = False  # a romanized personal name
    quoted: bool = False
    prefix: str = ""  # title words before the name in the same run: "Former Vice Minister"
    pinyin: bool = False  # the English is the pinyin the text writes: "Xí Jìnpíng 习近平"


def count_characters(characters: str) -> int:
    """Count the Chinese characters in a string (not the dots between a name's parts)."""
    return sum(1 for char in characters if hanzi.is_cjk(char))


def toned_pinyin_before(
    text: str, end: int, characters: str, *, plain: bool = False
) -> Phrase | None:
    """Read tone-marked pinyin ending at end with one syllable per character: "Xí Jìnpíng";
    with plain, also lower-case pinyin that reads the characters: "tang ping (躺平)"."""
    words = _words_before(text, end)
    needed = count_characters(characters)
    count = 0
    taken: list[tuple[str, int]] = []
    for word, start in words:
        syllables = _syllables(word)
        if syllables is None:
            break
        count += syllables
        taken.insert(0, (word, start))
        if count >= needed:
            break
    if count != needed or not taken:
        return None
    written = text[taken[0][1] : trim_end(text, end)]
    if not has_tone_marks(written) and not (
        plain and written.islower() and reads(written, characters)
    ):
        return None
    person = appositives.looks_like_person(written.split(), characters)
    return Phrase(written, taken[0][1], name=person, pinyin=True)


def reads(written: str, characters: str) -> bool:
    """Tell whether pinyin (toneless or not) reads the characters, one syllable each, in any
    of each character's readings: "hong er’dai" reads 红二代."""
    parsed = romanize.parse(written.lower())
    chars = [c for c in hanzi.to_simplified(characters) if hanzi.is_cjk(c)]
    syllables = [syllable for word in parsed or [] for syllable, _ in word]
    if not parsed or len(syllables) != len(chars):
        return False
    return all(
        syllable in {romanize.toneless(r).replace("ü", "v") for r in romanize.char_readings(c)}
        for c, syllable in zip(chars, syllables, strict=True)
    )


def is_romanization(english: str, characters: str) -> bool:
    """Tell whether English is only the pinyin of the characters: "Tang Ping", "Neijuan"."""
    words = re.split(r"[\s\-‐’']+", english.strip())
    return bool(english.strip()) and reads(" ".join(words), characters)


# The English before the characters ----------------------------------------------------------


def english_before(text: str, end: int, characters: str, *, bare: bool = False) -> Phrase | None:
    """Find the English that the characters at end translate; raise CutOff when the
    characters are fewer than the syllables of the name before them."""
    stop = end
    while stop > 0 and text[stop - 1] in " \t\u00a0\u3000–—‐-":
        stop -= 1
    if stop and text[stop - 1] in QUOTES:
        return _quoted(text, stop)
    if re.search(r"[A-Z][\w-]*['’]s$", text[max(0, stop - 40) : stop]):
        stop -= 2  # "Tsai Ing-wen’s (蔡英文) administration": the name, not its owner
    between = re.search(rf"\s+(?:{BETWEEN})$", text[max(0, stop - 20) : stop])
    if between:  # "President Tsai Ing-wen yesterday (蔡英文) appointed"
        named = english_before(text, stop - len(between.group()), characters, bare=bare)
        if named and named.name:
            return named
    words = _words_before(text, stop)
    if not words:
        return None
    if any(dot in characters for dot in DOTS):  # 唐纳德·特朗普: one word per part
        parts = len(re.split(f"[{DOTS}]", characters))
        taken = [w for w in words[:parts] if w[0][:1].isupper()]
        if len(taken) == parts:
            return Phrase(text[taken[-1][1] : stop], taken[-1][1], name=True)
    name = _name_before(words, count_characters(characters), characters)
    if name is not None:
        start, prefix = name
        return Phrase(text[start:stop], start, name=True, prefix=prefix)
    title = _title_phrase(text, words, stop, characters)
    if title:
        return title
    plain = toned_pinyin_before(text, stop, characters, plain=True)
    if plain:
        return plain
    if bare:  # "social stability 社会稳定": about a word for each two characters
        lower = _lower_phrase(text, words, stop, most=-(-count_characters(characters) // 2))
        return lower if lower and len(lower.text.split()) >= 2 else None
    return _lower_phrase(text, words, stop)


def _words_before(text: str, end: int) -> list[tuple[str, int]]:
    """Return the words before end, nearest first, up to the first punctuation mark."""
    words: list[tuple[str, int]] = []
    position = end
    while len(words) < 14:
        gap = position
        while gap > 0 and text[gap - 1] in " \t\u00a0":
            gap -= 1
        if words and gap == position:  # words must be separated by spaces
            break
        if not words and gap != position:
            position = gap
        match = _word_ending_at(text, gap)
        if match is None:
            break
        words.append((match[0], match[1]))
        position = match[1]
    return words


def _word_ending_at(text: str, end: int) -> tuple[str, int] | None:
    start = end
    while (
        start > 0
        and text[start - 1] not in ' \t\u00a0\n([（【"“‘«'
        and (not hanzi.is_cjk(text[start - 1]))
    ):
        start -= 1
    piece = text[start:end]
    if not piece or not WORD.fullmatch(piece) or piece.endswith("."):
        return None  # a full stop ends the phrase: "… advanced AI. Former Vice Minister"
    return piece, start


def _name_before(
    words: list[tuple[str, int]], needed: int, characters: str
) -> tuple[int, str] | None:
    """Find a romanized name with one syllable per character: "XIE Feng", "Tsai Ing-wen"."""
    count, taken = 0, 0
    for word, _ in words:
        syllables = _name_syllables(word)
        if syllables is None or count + syllables > needed:
            break
        count += syllables
        taken += 1
        if count == needed or word.isupper() and len(word) > 1:
            break
    if taken == 0:
        return None
    name = [w for w, _ in words[:taken]]
    if count == needed:
        following = words[taken][0] if taken < len(words) else ""
        if not _surname_first(name) and appositives.is_surname(following):
            raise CutOff  # "Wang Xiaohui (王晓)": the characters end mid-name
        if taken == 1 and "-" in name[0] and _capitalised_name_word(following):
            raise CutOff  # "Ho Hung-sun (何鴻)": a hyphenated given name follows its surname
        after = words[taken + 1][0] if taken + 1 < len(words) else ""
        if _english_given_name(following, name) and after.lower() not in CONNECTORS:
            name.append(following)  # "John Lee Ka-chiu (李家超)", not "the Interior Chang Po-ya"
            taken += 1
    elif count > needed or not appositives.is_surname(name[-1]) or taken < 2:
        return None  # not a name with one syllable per character
    if len(name) < 2 and _syllables(name[0]) is not None and not name[0].isupper():
        return None  # one pinyin word is a place or a brand (Huawei), not a person
    if not appositives.looks_like_person(list(reversed(name)), characters):
        return None
    title: list[str] = []
    for word, _ in words[taken:]:
        if not (
            word[:1].isupper() or word.lower() in CONNECTORS or appositives.is_title_word(word)
        ):
            break
        title.insert(0, word)
    return words[taken - 1][1], " ".join(title)


def _capitalised_name_word(word: str) -> bool:
    return word[:1].isupper() and word.isalpha() and not appositives.is_title_word(word)


def _english_given_name(word: str, name: list[str]) -> bool:
    """Tell whether word is an English given name before a Cantonese or Wade–Giles name:
    "John Lee Ka-chiu", "Paul Chan Mo-po" (not pinyin, as "Beijing" would be)."""
    return (
        word[:1].isupper()
        and word.isalpha()
        and not appositives.is_title_word(word)
        and any("-" in w for w in name)
        and (_syllables(word) is None or any("-" in w and _syllables(w) is None for w in name))
    )


def _surname_first(name: list[str]) -> bool:
    """Tell whether the name (nearest word first) starts with an upper-case surname."""
    return name[-1].isupper() and len(name[-1]) > 1


def _name_syllables(word: str) -> int | None:
    """Count the syllables of a word in a name, or None if the word cannot be part of one."""
    if not word[:1].isupper() or appositives.is_title(word):
        return None
    syllables = _syllables(word)
    if syllables is not None:
        return syllables
    parts = re.split(r"[-‐]", word)
    if all(part.isalpha() and len(part) <= 6 for part in parts) and len(word) <= 14:
        return len(parts)  # Wade–Giles, Cantonese: "Ing-wen", "Ka-chiu", "Tsai"
    return None


def _syllables(word: str) -> int | None:
    return appositives.syllable_count(word)


def pinyin_for(item: str, needed: int) -> bool:
    """Tell whether item is pinyin with one syllable per character, written to be read as such
    (with tone marks or numbers, or in lower case)."""
    parsed = romanize.parse(item) if item and not hanzi.has_cjk(item) else None
    if not parsed or sum(len(word) for word in parsed) != needed:
        return False
    return has_tone_marks(item) or bool(re.search(r"[a-z][1-5]\b", item)) or item.islower()


def has_tone_marks(text: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text))


def _quoted(text: str, stop: int) -> Phrase | None:
    closing = text[stop - 1]
    opening = text.rfind(QUOTES[closing], max(0, stop - 160), stop - 1)
    if opening < 0:
        return None
    inside = text[opening + 1 : stop - 1].strip().rstrip(",.;:")
    if not inside or "\n" in inside or hanzi.has_cjk(inside) or len(inside.split()) > 12:
        return None
    return Phrase(inside, opening, quoted=True)


def _title_phrase(
    text: str, words: list[tuple[str, int]], stop: int, characters: str
) -> Phrase | None:
    """Read a capitalised phrase: "Shanghai AI Laboratory", "National People’s Congress"."""
    taken: list[tuple[str, int]] = []
    for word, start in words:
        capitalised = word[:1].isupper() or word[:1].isdigit()
        headed = bool(taken) and taken[0][0].islower()  # "Tang dynasty": no "of" before it
        if capitalised or word.lower() in CONNECTORS and taken and not headed:
            taken.append((word, start))
        elif not taken and word.lower() in appositives.HEAD_NOUNS:
            taken.append((word, start))  # "Tang dynasty (唐朝)": a lower-case head noun
        else:
            break
    if len(taken) == 1 and taken[0][0].islower():
        return None
    # A capitalised "The" inside a sentence belongs to a title: "his book The Peasant Economy".
    keep_the = bool(taken) and taken[-1][0] == "The" and _mid_sentence(text, taken[-1][1])
    while (
        taken
        and not (keep_the and taken[-1][0] == "The")
        and (taken[-1][0].lower() in CONNECTORS or re.fullmatch(r"[A-Z]+['’]s", taken[-1][0]))
    ):
        taken.pop()  # "In Beijing" → "Beijing"; "the Shanghai AI Lab" → "Shanghai AI Lab"
    if not taken or all(w.isdigit() for w, _ in taken):
        return None  # "在18大…": a number in Chinese prose
    names = appositives.trim_phrase([w for w, _ in reversed(taken)], characters, keep_the=keep_the)
    start = taken[len(names) - 1][1]
    prefix = " ".join(w for w, _ in reversed(taken[len(names) :]))
    person = appositives.looks_like_person(names, characters)
    return Phrase(text[start:stop], start, name=person, prefix=prefix)


def _mid_sentence(text: str, start: int) -> bool:
    """Tell whether a word at start follows another in its sentence ("entitled, The …")."""
    before = text[max(0, start - 3) : start].strip(" \t\u00a0").rstrip(",")
    return before[-1:].isalpha()


def _lower_phrase(
    text: str, words: list[tuple[str, int]], stop: int, most: int = 0
) -> Phrase | None:
    """Read a lower-case term of a few words (at most most, if given): "new quality productive
    forces"; a word capitalised only because it starts the sentence belongs to it."""
    taken: list[int] = []
    for index, (word, start) in enumerate(words[: most or 6]):
        if word.lower() in TERM_STOPS or not word[:1].islower() or re.search(r"['’]s$", word):
            break
        if word.endswith(("ed", "ing")) and not (
            taken and index + 1 < len(words) and words[index + 1][0].lower() in DETERMINERS
        ):
            break
        taken.append(start)
    if not taken:
        return None
    room = not most or len(taken) < most
    if (
        room
        and len(taken) < len(words)
        and _sentence_case(text, *words[len(taken)], quoted=bool(most))
    ):
        taken.append(words[len(taken)][1])  # "Stability maintenance (维稳)"
    return Phrase(text[taken[-1] : stop], taken[-1])


def _sentence_case(text: str, word: str, start: int, *, quoted: bool = False) -> bool:
    """Tell whether a word is capitalised only because it starts a sentence ("River crab") or,
    with quoted, a quotation ("‘Supply-side structural reform 供给侧改革’")."""
    before = text[max(0, start - 3) : start].strip(" \t\u00a0")
    starts = "‘“\"'「(" if quoted else ".!?\n‘“\"'「("
    return (
        word[:1].isupper()
        and word[1:].islower()
        and (not before and not quoted or before[-1:] in starts and before != "")
        and word.lower() not in appositives.SENTENCE_STARTERS
        and word.lower() not in ("the", "a", "an")
    )


def trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in TOUCHING:
        end -= 1
    return end


# The gloss a text gives, and English after the characters -----------------------------------


def gloss_after(text: str, end: int) -> tuple[str, int] | None:
    """Read the English gloss written after end: "(“democracy”)", ", or “lying flat”",
    ": river crab", "often translated as “involution”"; return it and where it ends."""
    for pattern in GLOSS_AFTER:
        match = pattern.match(text, end)
        if match and not hanzi.has_cjk(match.group(1)) and len(match.group(1).split()) <= 10:
            return match.group(1).strip().rstrip(",.;:"), match.end()
    return None


def gloss_before(text: str, start: int) -> tuple[str, int] | None:
    """Read the English gloss written before start: "“second-generation reds,” or hong er’dai"."""
    match = GLOSS_BEFORE.search(text, max(0, start - 200), start)
    if match and not hanzi.has_cjk(match.group(1)) and len(match.group(1).split()) <= 10:
        return match.group(1).strip().rstrip(",.;:"), match.start()
    return None


def english_after(text: str, end: int, characters: str) -> Phrase | None:
    """Read English written after characters that have none before them: a capitalised name
    or title ("周庭 Agnes Chow Ting", "复兴之路 The Road to Rejuvenation") or a gloss."""
    gloss = gloss_after(text, end) or quoted_after(text, end)
    if gloss:
        return Phrase(gloss[0], end, quoted=True)
    match = re.match(
        r"[ \t\u00a0]+(?:[—–-][ \t\u00a0]+)?((?:[A-Z0-9][\w’'\-.&]*)(?:[ \t\u00a0]+"
        r"(?:[A-Z0-9][\w’'\-&.]*|of|and|the|for|to|in|on|de))*)",
        text[end : end + 160],
    )
    if not match:
        return None
    words = match.group(1).split()
    for index, word in enumerate(words):
        if word.endswith(".") and len(word) > 3:  # "… on Ecological Civilisation. It says"
            words = [*words[:index], word[:-1]]
            break
    while words and (words[-1].lower() in CONNECTORS or words[-1].endswith(".")):
        words.pop()
    if not words or all(w.isdigit() for w in words) or len(words) > 10:
        return None
    for count in range(len(words), 0, -1):  # "周庭 Agnes Chow Ting on Monday": the name
        if appositives.looks_like_person(words[:count], characters):
            return Phrase(" ".join(words[:count]), end, name=True)
    return Phrase(" ".join(words), end)


def pinyin_after(text: str, end: int, characters: str) -> tuple[str, int] | None:
    """Read pinyin written after characters outside brackets: "死猪不怕开水烫, sǐ zhū bú pà
    kāi shuǐ tàng."; return it and where it ends."""
    match = re.match(
        r"[,，]?[ \t\u00a0]+([^\W\d_][^,.;:!?()（）\n“”\"]{0,120}?)(?=[,.;:!?)\n]|$)",
        text[end : end + 200],
    )
    if match and pinyin_for(match.group(1).strip(), count_characters(characters)):
        return match.group(1).strip(), end + match.end()
    return None


def quoted_after(text: str, end: int) -> tuple[str, int] | None:
    """Read a quoted gloss after characters and a comma: "一哥, ‘Elder Brother’"."""
    match = re.compile(rf"\s*[,，]\s*{QUOTED}").match(text, end)
    if match and not hanzi.has_cjk(match.group(1)) and len(match.group(1).split()) <= 10:
        return match.group(1).strip().rstrip(",.;:"), match.end()
    return None
