"""What the words around a name say: is it a person, which kind of entry, which affiliation, and
the sentence it stands in. Guesses for an editor to confirm, from word lists kept here."""

from __future__ import annotations

import re
from functools import cache

from glossary.text import hanzi, romanize


def words(text: str) -> frozenset[str]:
    """Read a word list written as text, one word per space."""
    return frozenset(text.split())


TITLES = words(
    """
    president vice premier minister secretary ambassador director chairman chairwoman chair
    general governor mayor professor prof dr mr mrs ms senator representative spokesperson
    spokesman spokeswoman commissioner chancellor king queen prince chief deputy dean
    admiral colonel lieutenant commander envoy counselor councillor researcher fellow
    founder ceo head executive former state-councilor councilor justice judge
    editor-in-chief editor analyst scholar expert economist president-elect adviser advisor
    official diplomat leader legislator lawmaker councilman councilwoman magistrate
    secretary-general speaker
    """
)
# Words that open an appositive saying what a person is: ", deputy director of …".
ROLE_WORDS = TITLES | words(
    """
    assistant associate senior lead member partner co-founder cofounder vice-chair
    vice-president vice-minister party spokesperson professor lecturer student author
    correspondent reporter columnist host anchor officer manager engineer scientist
    """
)
# Nouns that say a name is a person's: "‘Big Eggplant’ (大茄子), a livestreamer".
PEOPLE = words(
    """
    livestreamer streamer influencer blogger writer novelist poet artist actor actress singer
    activist dissident businessman businesswoman entrepreneur billionaire tycoon lawyer
    """
)
# Head words of English names, by the kind of entry they make ("… University" → organization).
KIND_WORDS = {
    "document": words(
        """
        law laws plan report paper strategy outline regulations regulation measures provisions
        initiative declaration statement agreement treaty guidelines opinions notice charter
        constitution communiqué communique white action act ordinance bill
        """
    ),
    "event": words(
        """
        conference summit forum dialogue expo games olympics talks meeting session plenum
        plenary exhibition
        """
    ),
    "organization": words(
        """
        university institute academy center centre ministry commission committee council
        congress bureau administration party association laboratory lab group company
        corporation corp inc bank office department agency society foundation court army
        government school college hospital alliance league federation union daily times news
        press media program programme tank cabinet politburo secretariat procuratorate network
        faction firm
        """
    ),
    "place": words(
        """
        province city county district island islands river lake mountain mountains sea strait
        bay region zone port peninsula village town prefecture township townships municipality
        borough
        """
    ),
}
# How Chinese names end, by kind (大学 → organization); the longest ending is tried first.
HAN_ENDINGS = {
    "document": words(
        """
        法 条例 规划 计划 纲要 白皮书 报告 意见 决定 通知 办法 规定 倡议 宣言 声明 协议 条约 宪法
        章程 指南 方案 公报
        """
    ),
    "event": words("峰会 论坛 会议 博览会 对话 奥运会 全会"),
    "organization": words(
        """
        大学 研究院 研究所 中心 部 委员会 委 院 局 署 办公室 办 实验室 公司 集团 银行 党 学院 学会
        协会 联盟 社 报 军 政府 法院 检察院 大会 人大 政协 常委会 组 台
        """
    ),
    "place": words("省 市 县 区 乡 镇 村 岛 群岛 山 河 江 湖 海 海峡 湾 港 州 自治区 特区"),
    # Endings of terms that English names with an organization's word ("Harmonious Society").
    "term": words("社会 主义 思想 精神 理论"),
}
TITLE_WORDS = words(
    """
    former vice deputy acting then foreign executive chief general assistant senior first
    permanent party
    """
)
# The letters a surname may start with in Wade–Giles, Cantonese or other romanizations, by the
# first letters of its Hanyu Pinyin: 夏 xià → "Hsia", 林 lín → "Lam", 蔡 cài → "Tsai".
OTHER_INITIALS = {
    "zh": "zcjt", "ch": "ct", "sh": "s", "x": "xhs", "q": "qct", "j": "jcktg", "z": "ztcj",
    "c": "ctz", "r": "rjy", "b": "bp", "p": "p", "d": "dt", "t": "t", "g": "gk", "k": "kh",
    "h": "hwf", "w": "wvom", "y": "yijw", "l": "ln", "n": "n", "m": "m", "f": "fh", "s": "s",
    "a": "ao", "o": "o", "e": "eno",
}  # fmt: skip
# Single characters that end organization names but also end many given names (军, 山, 海):
# only these unambiguous ones tell that characters are not a person's name.
NOT_IN_NAMES = set("省市县区部局署院委党法社")
# Capitalised at the start of a sentence, never the start of a name: "When the Legislative
# Council (立法會)", "Rival BYD (比亚迪)", "Under the Northern Song (北宋)".
SENTENCE_STARTERS = words(
    """
    when under after before during since while although though as at by for from in into on
    with without rival rivals then today yesterday meanwhile however but and so if because
    both many some most several other another each every this that these those its their his
    her our my your last next also only even still yet once now later earlier unlike like
    across among between beyond within until upon where whereas whether why how what which
    who whose
    """
)
# Lower-case words that end a name written in capitals before them: "Tang dynasty (唐朝)".
HEAD_NOUNS = words(
    """
    dynasty dynasties period era kingdom province river mountain mountains lake island islands
    sea strait city county district village town temple palace school movement campaign
    incident uprising rebellion war reforms reform township municipality prefecture
    """
)
NUMBERS = re.compile(r"[0-9０-９一二三四五六七八九十百千〇零两]")
ARTICLES = ("the", "a", "an", "and", "its", "his", "her", "their")
MONTHS = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
DATE = re.compile(rf"(?:[^()]*\b(?:{MONTHS})[a-z]*\.?\s*\d|[\d\s,–\-/.]+$)")
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "jr", "sr", "gen", "col", "lt", "sen",
    "rep", "gov", "e.g", "i.e", "etc", "u.s", "u.k", "u.n", "inc", "corp", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
SENTENCE_WINDOW = 1000  # characters looked at on either side for a sentence's ends
SENTENCE_END = re.compile(r"[.!?。！？][\"”’)）]*(?:\s+|$)|\n")


def syllable_count(word: str) -> int | None:
    """Count the Hanyu Pinyin syllables of one written word, or None if it is not pinyin."""
    total = 0
    for chunk in re.split(r"[-‐]", word):
        parts = romanize.name_syllables(chunk)
        if parts is None:
            return None
        total += len(parts)
    return total


def is_title(word: str) -> bool:
    """Tell whether a word is a title or office, written before names: "Minister", "Vice"."""
    return word.lower().rstrip(".") in TITLES


def is_title_word(word: str) -> bool:
    """Tell whether a word belongs to a title before a name: "former", "vice", "Minister"."""
    return is_title(word) or word.lower() in TITLE_WORDS


def is_role(text: str) -> bool:
    """Tell whether text says what a person is: "Vice Chairman", "deputy director of CISS"."""
    words = text.lower().replace("’s", "").split()
    return bool(words) and not DATE.match(text) and any(w in ROLE_WORDS for w in words[:4])


@cache
def _surname_readings() -> frozenset[str]:
    return frozenset(
        "".join(romanize.strip_tones(reading)[0]) for reading in romanize.surnames().values()
    )


def is_surname(word: str) -> bool:
    """Tell whether a written word is the Hanyu Pinyin of a Chinese surname: "Wang", "OUYANG"."""
    return bool(word) and "".join(romanize.strip_tones(word)[0]) in _surname_readings()


def leading_surname(simplified: str) -> str | None:
    """Return the surname that simplified characters start with, compound surnames first."""
    table = romanize.surnames()
    for length in (2, 1):
        if simplified[:length] in table and len(simplified) > length:
            return simplified[:length]
    return None


def looks_like_person(words: list[str], characters: str) -> bool:
    """Tell whether capitalised words (in text order) and their characters name a person."""
    simplified = hanzi.to_simplified(characters)
    if any(dot in simplified for dot in "·・‧•"):
        return True
    surname = leading_surname(simplified)
    count = sum(1 for c in simplified if hanzi.is_cjk(c))
    if surname is None or not 2 <= count <= 4 or _not_a_name(simplified):
        return False
    if not 1 <= len(words) <= 4 or any(
        english_kind(w) or is_title(w) or not w[:1].isupper() for w in words
    ):
        return False
    written = ["".join(romanize.strip_tones(w.replace("-", ""))[0]) for w in words]
    readings = _surname_spellings(surname)
    hyphenated = any("-" in w for w in words)
    pinyin_surname = bool({written[0], written[-1]} & readings)
    # Hanyu Pinyin must write the surname; "Chang Po-ya" (張博雅) is Wade–Giles spelled alike.
    if all(syllable_count(w) for w in words) and (pinyin_surname or not hyphenated):
        return pinyin_surname
    if len(words) < 2 and not hyphenated:
        return False
    if not pinyin_surname and not _syllables_fit(words, count):
        return False
    initials = {OTHER_INITIALS.get(r[:2]) or OTHER_INITIALS.get(r[:1], r[:1]) for r in readings}
    return any(w[:1] in "".join(initials) for w in written)


def _syllables_fit(words: list[str], count: int) -> bool:
    """Tell whether written words could be a romanized name of count characters: short
    syllables ("Tsai Ing-wen", "Chang Po-ya"), perhaps after an English given name ("Agnes
    Chow Ting", "William Tseng"); "Second Red Generation" is none."""
    parts = [p for w in words[1:] for p in re.split(r"[-‐]", w) if p]
    first = [p for p in re.split(r"[-‐]", words[0]) if p]
    if not all(p.isalpha() and len(p) <= 8 for p in parts):
        return False
    return len(parts) + len(first) <= count + 1 or len(parts) <= count and words[0].isalpha()


def _surname_spellings(surname: str) -> set[str]:
    """Return the toneless readings of a surname: its name reading, then any other."""
    spellings = {"".join(romanize.strip_tones(romanize.surnames()[surname])[0])}
    if len(surname) == 1:
        spellings |= {"".join(romanize.strip_tones(r)[0]) for r in romanize.char_readings(surname)}
    return spellings


def _not_a_name(simplified: str) -> bool:
    """Tell whether characters end as no personal name does: 大学, 委员会, or 省 alone."""
    if simplified[-1:] in NOT_IN_NAMES:
        return True
    endings = (e for listed in HAN_ENDINGS.values() for e in listed if len(e) > 1)
    return any(simplified.endswith(e) for e in endings)


def strip_titles(words: list[str], characters: str) -> list[str]:
    """Drop the titles, offices and organizations before a person's name: "Treasury Secretary
    Scott Bessent", "KMT Legislator William Tseng", "800 Heroes … Association Wu Sz-huai"."""
    for index in range(len(words) - 1, -1, -1):
        if is_title(words[index]) or english_kind(words[index]) == "organization":
            rest = words[index + 1 :]
            return rest if rest and looks_like_person(rest, characters) else words
    return words


def trim_phrase(words: list[str], characters: str, *, keep_the: bool = False) -> list[str]:
    """Trim a capitalised phrase to what the characters name: a word that only starts the
    sentence ("When the Legislative Council"), an ordinal the characters lack ("14th National
    People's Congress"), titles before a person's name ("Treasury Secretary Scott Bessent"),
    an owner ("Nvidia's Jensen Huang"), or a list ("MiniMax and Zhipu AI [智谱]", "Kaohsiung
    and Tainan [臺南]"). With keep_the, a capitalised "The" is kept: a title ("The Paper")."""
    while (
        len(words) > 2
        and re.fullmatch(r"[A-Z][a-z]+(?:ed|ing)", words[0])
        and words[1] in ("in", "at", "on", "by", "from", "near", "with")
    ):
        words = words[2:]  # "Located in Nanchang’s Red Valley New District (南昌市紅谷灘新區)"
    while len(words) > 1 and (
        words[0].lower() in SENTENCE_STARTERS
        or words[0].lower() in ("the", "a", "an")
        and not (keep_the and words[0] == "The")
        or re.fullmatch(r"\d+(?:st|nd|rd|th)", words[0])
        and not NUMBERS.search(characters)
    ):
        words = words[1:]
    words = strip_titles(words, characters)
    for index in range(len(words) - 1, 0, -1):
        if re.search(r"['’]s$", words[index - 1]) and looks_like_person(words[index:], characters):
            return words[index:]
    count = sum(1 for c in characters if hanzi.is_cjk(c))
    content = [w for w in words if w.lower() not in ("of", "for", "and", "the", "on", "in")]
    if "and" in words[1:-1]:
        last = len(words) - 1 - words[::-1].index("and")
        after = words[last + 1 :]
        syllables = [syllable_count(w) for w in after]
        if len(content) > count or None not in syllables and sum(syllables) == count:  # type: ignore[arg-type]
            return after
    return words


def english_kind(word: str) -> str | None:
    """The kind of entry an English head word names: "Township" → place, "Act" → document."""
    word = word.lower().replace("’s", "").replace("'s", "")
    for kind, listed in KIND_WORDS.items():
        if word in listed:
            return kind
    return None


def ending_kind(simplified: str) -> str | None:
    """Guess the kind from how Chinese characters end: 大学 → organization, 倡议 → document."""
    endings = sorted(
        ((ending, kind) for kind, listed in HAN_ENDINGS.items() for ending in listed),
        key=lambda pair: -len(pair[0]),
    )
    return next((kind for ending, kind in endings if simplified.endswith(ending)), None)


def kind(english: str, simplified: str, *, person: bool, quoted: bool = False) -> str:
    """Guess an entry's kind from its English and characters; a quoted phrase is a term
    unless its English says otherwise."""
    if person:
        return "person"
    if ending_kind(simplified) == "term":
        return "term"
    for word in _heads(english):
        found = english_kind(word) if word[:1].isupper() or not quoted else None
        if found:
            return found
    return "term" if quoted else ending_kind(simplified) or "term"


def _heads(english: str) -> list[str]:
    """The head words of an English name: the last, then each before "of" or "for" ("Bank of
    China"); "River crab" is a crab, not a river."""
    words = re.findall(r"[\w’']+", english)
    heads = words[-1:]
    for index, word in enumerate(words[1:], start=1):
        if word in ("of", "for", "on", "in") and words[index - 1] not in heads:
            heads.append(words[index - 1])
    return heads


def affiliation(text: str, start: int, end: int, prefix: str) -> str:
    """Guess what a person named at text[start:end] is: the role in brackets after the name,
    the appositive after it (", deputy director of … (CISS)"), or the title before it."""
    position = end
    while True:
        bracket = re.match(r"\s*[(（]([^()（）\n]{1,80})[)）]", text[position:])
        if not bracket:
            break
        if is_role(bracket.group(1)):
            return bracket.group(1).strip()
        position += bracket.end()
    source = re.match(
        r"\s+(?:also\s+|both\s+)?(?:from|of|at)\s+((?:[A-Z][\w’'&-]*)(?:\s+(?:[A-Z][\w’'&-]*"
        r"|of|for|and|the|on|in))*)",
        text[position:],
    )
    if source:
        return re.sub(r"(?:\s+(?:of|for|and|the|on|in))+$", "", source.group(1))
    comma = re.match(r"\s*[,，]\s*", text[position:])
    if comma:
        appositive = _clause(text, position + comma.end())
        if is_role(appositive) and not _names_another(appositive):
            return appositive
    words = prefix.split()
    while words and words[0].lower() in ARTICLES:
        words.pop(0)
    if words and any(is_title(w) for w in words):
        return " ".join(words)
    before = text[max(0, start - 300) : start].rstrip()
    if before.endswith((",", "，")):
        before = re.sub(r"\s*[(（][^()（）]*[)）]", "", before[:-1])
        words = re.split(r"[.;:!?\n,(]", before)[-1].split()
        while words and words[0].lower() in ARTICLES:
            words.pop(0)
        clause = " ".join(words)
        if is_role(clause):
            return clause
    return ""


def _names_another(clause: str) -> bool:
    """Tell whether a clause goes on to name another person: "vice minister He Yafei (何亚非)"."""
    for match in re.finditer(r"((?:[A-Z][\w'’-]*\s+){1,3})[(（[]([^()（）]*)", clause):
        if hanzi.has_cjk(match.group(2)) and looks_like_person(
            match.group(1).split(), match.group(2).split(",")[0].strip()
        ):
            return True
    return False


def _clause(text: str, start: int) -> str:
    """Return the clause from start to the next comma, stop or date in brackets."""
    depth = 0
    index = start
    while index < len(text) and index - start < 250:
        char = text[index]
        if char in "(（":
            if depth == 0 and DATE.match(text[index + 1 : text.find(")", index)]):
                break
            depth += 1
        elif char in ")）":
            depth -= 1
        elif depth <= 0 and (char in ",;:!?，；：\n—" or _stop(text, index)):
            break
        index += 1
    return text[start:index].strip()


def _stop(text: str, index: int) -> bool:
    """Tell whether the stop at index ends a sentence (not the dot of "U.S." or "Dr.")."""
    if text[index] not in ".。!?！？":
        return False
    after = re.match(r"[\"”’)）]*(\s|$)", text[index + 1 :])
    if text[index] == "." and not after:
        return False
    return text[index] != "." or not _abbreviation(text, index)


def _abbreviation(text: str, index: int) -> bool:
    word = re.search(r"([\w.]+)$", text[max(0, index - 30) : index])
    return bool(word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1))


def sentence(text: str, start: int, end: int) -> str:
    """Return the sentence that holds text[start:end], on one line."""
    first = max(0, text.rfind("\n", 0, start) + 1, start - SENTENCE_WINDOW)
    for match in SENTENCE_END.finditer(text, first, start):
        if match.group() == "\n" or _stop(text, match.start()):
            first = match.end()
    last = min(len(text), end + SENTENCE_WINDOW)
    for match in SENTENCE_END.finditer(text, end, end + SENTENCE_WINDOW):
        if match.group() == "\n" or _stop(text, match.start()):
            last = match.end()
            break
    return " ".join(text[first:last].split())
