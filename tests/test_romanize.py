"""Pinyin: parsing written pinyin, writing tone marks, derived forms, and suggested readings."""

from __future__ import annotations

import subprocess
import sys

import pytest

from glossary.text import romanize
from glossary.text.romanize import (
    initials,
    join_syllables,
    mark,
    numbered,
    parse,
    reading,
    segment,
    syllables,
    toneless,
)


# parse: tone marks and tone numbers give the same syllables.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xiè Fēng", [[("xie", 4)], [("feng", 1)]]),
        ("xie4 feng1", [[("xie", 4)], [("feng", 1)]]),
        ("Xie4feng1", [[("xie", 4), ("feng", 1)]]),
        ("XIE FENG", [[("xie", 0)], [("feng", 0)]]),
        ("Sūn Chénghào", [[("sun", 1)], [("cheng", 2), ("hao", 4)]]),
        ("Sun1 Cheng2hao4", [[("sun", 1)], [("cheng", 2), ("hao", 4)]]),
        (
            "bǎinián wèiyǒu zhī dà biànjú",
            [
                [("bai", 3), ("nian", 2)],
                [("wei", 4), ("you", 3)],
                [("zhi", 1)],
                [("da", 4)],
                [("bian", 4), ("ju", 2)],
            ],
        ),
    ],
)
def test_parse_reads_tones(text, expected):
    assert parse(text) == expected


# parse: an apostrophe separates syllables; without one, the fewest syllables are read.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xī'ān", [[("xi", 1), ("an", 1)]]),
        ("Xī’ān", [[("xi", 1), ("an", 1)]]),  # typographic apostrophe
        ("Xi'an", [[("xi", 0), ("an", 0)]]),
        ("xian", [[("xian", 0)]]),
        ("Tiān'ānmén", [[("tian", 1), ("an", 1), ("men", 2)]]),
        ("nǚ'ér", [[("nv", 3), ("er", 2)]]),
        ("fang'an", [[("fang", 0), ("an", 0)]]),
        ("xi1'an1", [[("xi", 1), ("an", 1)]]),  # tone numbers on either side
        ("Tian1'an1men2", [[("tian", 1), ("an", 1), ("men", 2)]]),
    ],
)
def test_parse_apostrophes(text, expected):
    assert parse(text) == expected


# parse: ü may be written ü, v or u:, with a tone mark or number; plain u is a different vowel.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lü", [[("lv", 0)]]),
        ("lv", [[("lv", 0)]]),
        ("lu:", [[("lv", 0)]]),
        ("LU:", [[("lv", 0)]]),
        ("lǜ", [[("lv", 4)]]),
        ("Lǚ", [[("lv", 3)]]),
        ("lü4", [[("lv", 4)]]),
        ("lv4", [[("lv", 4)]]),
        ("lu:4", [[("lv", 4)]]),
        ("lüè", [[("lve", 4)]]),
        ("Zhànlüè", [[("zhan", 4), ("lve", 4)]]),
        ("zhanlu:e", [[("zhan", 0), ("lve", 0)]]),
        ("lu", [[("lu", 0)]]),
    ],
)
def test_parse_u_umlaut(text, expected):
    assert parse(text) == expected


# parse: no mark, tone number 5 and tone number 0 all mean the neutral tone.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ma", [[("ma", 0)]]),
        ("ma5", [[("ma", 0)]]),
        ("ma0", [[("ma", 0)]]),
        ("hǎo ma", [[("hao", 3)], [("ma", 0)]]),
        (
            "rénlèi duì héwǔqì de kòngzhì",
            [
                [("ren", 2), ("lei", 4)],
                [("dui", 4)],
                [("he", 2), ("wu", 3), ("qi", 4)],
                [("de", 0)],
                [("kong", 4), ("zhi", 4)],
            ],
        ),
    ],
)
def test_parse_neutral_tone(text, expected):
    assert parse(text) == expected


# parse: spaces, hyphens and punctuation separate words.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xiè-Fēng", [[("xie", 4)], [("feng", 1)]]),
        ("xie,feng", [[("xie", 0)], [("feng", 0)]]),
        ("xie.feng", [[("xie", 0)], [("feng", 0)]]),
        ("xie/feng", [[("xie", 0)], [("feng", 0)]]),
        ("(xie feng)", [[("xie", 0)], [("feng", 0)]]),
        ("“Xiè Fēng”", [[("xie", 4)], [("feng", 1)]]),
        (
            "Tángnàdé·Tèlǎngpǔ",
            [[("tang", 2), ("na", 4), ("de", 2)], [("te", 4), ("lang", 3), ("pu", 3)]],
        ),
        (
            "hé zhǐhuī, kòngzhì yǔ tōngxìn",
            [
                [("he", 2)],
                [("zhi", 3), ("hui", 1)],
                [("kong", 4), ("zhi", 4)],
                [("yu", 3)],
                [("tong", 1), ("xin", 4)],
            ],
        ),
    ],
)
def test_parse_punctuation_separates_words(text, expected):
    assert parse(text) == expected


# parse: English, impossible syllables, impossible tones and empty text are not pinyin.
@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "Treasury",
        "Donald Trump",
        "CISS",
        "Xiè Fēng Trump",  # one word that is not pinyin spoils the whole
        "xie6",  # there is no tone 6
        "xié1",  # a tone mark and a tone number on one syllable
        "hǎó",  # two tone marks on one syllable
        "hǎóà",  # three
        "jianguo4",  # a tone number after two syllables' letters
        "xyz4",  # a tone number after letters that are no syllable
        "",
        "   ",
        "...",
    ],
)
def test_parse_rejects_what_is_not_pinyin(text):
    assert parse(text) is None


# parse: combining marks are part of a letter, not separators (text may arrive decomposed, NFD).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xie\u0300 Fe\u0304ng", [[("xie", 4)], [("feng", 1)]]),  # NFD of "Xiè Fēng"; gives None
        ("lu\u0308", [[("lv", 0)]]),  # NFD of "lü"; gives [[("lu", 0)]]
        ("m\u0300", [[("m", 4)]]),  # m̀ (呣), which has no precomposed form; gives [[("m", 0)]]
    ],
)
def test_parse_decomposed_text(text, expected):
    assert parse(text) == expected


# parse_chunk: one run of tone-marked letters, as its fewest syllables with their tones.
@pytest.mark.parametrize(
    ("chunk", "expected"),
    [
        ("xièfēng", [("xie", 4), ("feng", 1)]),
        ("nǚ", [("nv", 3)]),
        ("ma", [("ma", 0)]),
        ("", []),
        ("hello", None),
        ("hǎó", None),  # two tone marks on one syllable
    ],
)
def test_parse_chunk(chunk, expected):
    assert romanize.parse_chunk(chunk) == expected


def test_parses_kept_parse_each_text_once(monkeypatch):
    """More texts than parse() keeps outside the block (1,024), each read twice."""
    parsed: list[str] = []
    parse_text = romanize._parse_text
    monkeypatch.setattr(
        romanize, "_parse_text", lambda text: parsed.append(text) or parse_text(text)
    )
    texts = [f"kept text {n}" for n in range(1100)]
    with romanize.parses_kept():
        for text in texts + texts:
            assert parse(text) is None
    assert len(parsed) == len(texts)


def test_parses_kept_elsewhere_are_read_as_kept_here(monkeypatch):
    """An import keeps the parses its worker process read (importer._checked_in_two)."""
    assert romanize.kept_parses() == {}  # outside the block: nothing kept
    romanize.keep_parses({"xie feng": ()})
    assert romanize.kept_parses() == {}
    parsed: list[str] = []
    parse_text = romanize._parse_text
    monkeypatch.setattr(
        romanize, "_parse_text", lambda text: parsed.append(text) or parse_text(text)
    )
    with romanize.parses_kept():
        romanize.keep_parses({"xiè fēng": ((("xie", 4),), (("feng", 1),))})
        assert parse("xiè fēng") == [[("xie", 4)], [("feng", 1)]]  # as kept, not parsed
        assert parse("lǐ") == [[("li", 3)]]
        assert romanize.kept_parses() == {
            "xiè fēng": ((("xie", 4),), (("feng", 1),)),
            "lǐ": ((("li", 3),),),
        }
    assert parsed == ["lǐ"]
    assert romanize.kept_parses() == {}


# segment: the fewest syllables, or None when the letters are not pinyin.
@pytest.mark.parametrize(
    ("letters", "expected"),
    [
        ("xiefeng", ["xie", "feng"]),
        ("xian", ["xian"]),  # not xi-an: that needs an apostrophe
        ("fangan", ["fan", "gan"]),  # not fang-an: 方案 is written fāng'àn
        ("tiananmen", ["tian", "an", "men"]),
        ("zhanlve", ["zhan", "lve"]),
        ("nver", ["nv", "er"]),
        ("bainianweiyou", ["bai", "nian", "wei", "you"]),
        ("zhuang", ["zhuang"]),
        ("", []),
        ("hello", None),
        ("ab", None),
        ("zhanlue", ["zhan", "lu", "e"]),  # lue is no syllable: ü must be written v
    ],
)
def test_segment(letters, expected):
    assert segment(letters) == expected


# syllables: every toneless syllable, ü written v, and nothing else.
@pytest.mark.parametrize(
    "syllable",
    ["zhuang", "xie", "feng", "lve", "nve", "lv", "nv", "er", "a", "o", "e", "ng", "m", "hm", "ju"],
)
def test_syllables_include(syllable):
    assert syllable in syllables()


@pytest.mark.parametrize(
    "text",
    ["lue", "nue", "jv", "x", "b", "r", "ab", "xiee", "Xie", "xie4", "xiè", "lü", "ê", ""],
)
def test_syllables_exclude(text):
    assert text not in syllables()


def test_syllables_are_lower_case_ascii_letters():
    assert all(s.isascii() and s.isalpha() and s.islower() for s in syllables())


def test_the_syllable_table_is_pypinyins():  # else run `make syllables`
    assert sorted(syllables()) == romanize.pypinyin_syllables()


# mark: the tone mark goes on a or e, on the o of ou, otherwise on the last vowel.
@pytest.mark.parametrize(
    ("syllable", "tone", "expected"),
    [
        ("ma", 1, "mā"),
        ("hao", 3, "hǎo"),  # a before o
        ("ai", 4, "ài"),
        ("zhuang", 4, "zhuàng"),
        ("xie", 4, "xiè"),  # e after i
        ("yue", 4, "yuè"),
        ("ei", 2, "éi"),
        ("er", 2, "ér"),
        ("e", 4, "è"),
        ("gou", 3, "gǒu"),  # the o of ou
        ("ou", 1, "ōu"),
        ("you", 3, "yǒu"),
        ("liu", 2, "liú"),  # otherwise the last vowel
        ("gui", 4, "guì"),
        ("shui", 3, "shuǐ"),
        ("xiong", 2, "xióng"),
        ("wo", 3, "wǒ"),
        ("ri", 4, "rì"),
        ("yu", 2, "yú"),
    ],
)
def test_mark_placement(syllable, tone, expected):
    assert mark(syllable, tone) == expected


# mark: v is written ü, with or without a tone mark.
@pytest.mark.parametrize(
    ("syllable", "tone", "expected"),
    [
        ("lv", 4, "lǜ"),
        ("nv", 3, "nǚ"),
        ("lv", 1, "lǖ"),
        ("lv", 2, "lǘ"),
        ("lve", 4, "lüè"),  # the mark on e, ü still written
        ("nve", 4, "nüè"),
        ("lv", 0, "lü"),
        ("nve", 0, "nüe"),
    ],
)
def test_mark_u_umlaut(syllable, tone, expected):
    assert mark(syllable, tone) == expected


# mark: the neutral tone has no mark.
@pytest.mark.parametrize(
    ("syllable", "expected"), [("ma", "ma"), ("de", "de"), ("zhuang", "zhuang")]
)
def test_mark_neutral_tone(syllable, expected):
    assert mark(syllable, 0) == expected


# mark: syllables without a vowel (呣 m, 嗯 n, ng) carry the mark on m or n, as pypinyin has them.
@pytest.mark.parametrize(
    ("syllable", "tone", "expected"),
    [("m", 2, "ḿ"), ("n", 3, "ň"), ("ng", 4, "ǹg")],
)
def test_mark_syllables_without_a_vowel(syllable, tone, expected):
    assert mark(syllable, tone) == expected


# join_syllables: an apostrophe before a later syllable starting with a, o or e.
@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["xi", "an"], "xi'an"),
        (["xī", "ān"], "xī'ān"),
        (["Xi", "an"], "Xi'an"),
        (["tian", "an", "men"], "tian'anmen"),
        (["pí", "ǎo"], "pí'ǎo"),
        (["hǎi", "ōu"], "hǎi'ōu"),
        (["jī", "è"], "jī'è"),
        (["nǚ", "ér"], "nǚ'ér"),
        (["bǎi", "nián"], "bǎinián"),
        (["zhàn", "lüè"], "zhànlüè"),
        (["ān", "quán"], "ānquán"),  # never before the first syllable
        (["ān"], "ān"),
        ([], ""),
    ],
)
def test_join_syllables(parts, expected):
    assert join_syllables(parts) == expected


# toneless: tone marks removed, case, spacing and apostrophes kept.
@pytest.mark.parametrize(
    ("pinyin", "expected"),
    [
        ("Xiè Fēng", "Xie Feng"),
        ("XIÈ Fēng", "XIE Feng"),
        ("Sūn Chénghào", "Sun Chenghao"),
        ("Xī'ān", "Xi'an"),
        ("Xī’ān", "Xi’an"),
        ("  Xiè   Fēng ", "  Xie   Feng "),
        ("bǎinián wèiyǒu", "bainian weiyou"),
        ("Xie Feng", "Xie Feng"),
        ("", ""),
    ],
)
def test_toneless(pinyin, expected):
    assert toneless(pinyin) == expected


# numbered: a tone number after each toned syllable, word case kept, ü written u:.
@pytest.mark.parametrize(
    ("pinyin", "expected"),
    [
        ("Xiè Fēng", "Xie4 Feng1"),
        ("Sūn Chénghào", "Sun1 Cheng2hao4"),
        ("Xī'ān", "Xi1an1"),
        ("bǎinián wèiyǒu zhī dà biànjú", "bai3nian2 wei4you3 zhi1 da4 bian4ju2"),
        ("réngōng zhìnéng ānquán", "ren2gong1 zhi4neng2 an1quan2"),
        ("lǜ", "lu:4"),
        ("Lǚ", "Lu:3"),
        ("Zhànlüè", "Zhan4lu:e4"),
        ("nǚ'ér", "nu:3er2"),
        ("hǎo ma", "hao3 ma"),  # the neutral tone has no number
        ("xie4 feng1", "xie4 feng1"),
        ("Xie Feng", "Xie Feng"),
        ("Xiè Fēng Trump", "Xie4 Feng1 Trump"),  # a word that is not pinyin is kept, toneless
        ("XIÈ FĒNG", "XIE4 FENG1"),  # a word in capitals stays in capitals
        ("", ""),
    ],
)
def test_numbered(pinyin, expected):
    assert numbered(pinyin) == expected


def test_numbered_keeps_tones_in_hyphenated_words():
    assert numbered("Xiè-Fēng") == "Xie4-Feng1"


# initials: the first letter of every syllable, lower case; empty when the text is not pinyin.
@pytest.mark.parametrize(
    ("pinyin", "expected"),
    [
        ("Xiè Fēng", "xf"),
        ("Sūn Chénghào", "sch"),
        ("Xī'ān", "xa"),
        ("bǎinián wèiyǒu zhī dà biànjú", "bnwyzdbj"),
        ("Zhuàng", "z"),  # the first letter, not the initial consonant zh
        ("lǜ", "l"),
        ("Xiè Fēng Trump", ""),
        ("hello", ""),
        ("", ""),
    ],
)
def test_initials(pinyin, expected):
    assert initials(pinyin) == expected


# reading, person: surname, then the given name as one word, both capitalised.
@pytest.mark.parametrize(
    ("hanzi", "expected"),
    [
        ("谢锋", "Xiè Fēng"),
        ("傅莹", "Fù Yíng"),
        ("赵海", "Zhào Hǎi"),
        ("孙成昊", "Sūn Chénghào"),
        ("蔡翠红", "Cài Cuìhóng"),
        ("习近平", "Xí Jìnpíng"),
        ("王子安", "Wáng Zǐ'ān"),  # apostrophe inside the given name
        ("谢", "Xiè"),
        ("", ""),
        ("Xie Feng", ""),
    ],
)
def test_reading_person(hanzi, expected):
    assert reading(hanzi, "person") == expected


# reading, other kinds: names of places and organizations capitalised, terms in lower case.
@pytest.mark.parametrize(
    ("hanzi", "kind", "expected"),
    [
        ("北京", "place", "Běijīng"),
        ("联合国", "organization", "Liánhéguó"),
        ("联合国", "term", "liánhéguó"),
        ("红线", "term", "hóngxiàn"),
        ("扩散", "term", "kuòsàn"),
        ("", "term", ""),
    ],
)
def test_reading_other_kinds(hanzi, kind, expected):
    assert reading(hanzi, kind) == expected


# reading: words as the seed data writes them; pypinyin's mmseg splits most of them into characters.
@pytest.mark.parametrize(
    ("hanzi", "kind", "expected"),
    [
        ("西安", "place", "Xī'ān"),  # gives "Xī Ān"
        ("清华大学", "organization", "Qīnghuá Dàxué"),  # gives "Qīnghuádàxué"
        ("人工智能安全", "term", "réngōng zhìnéng ānquán"),  # gives "rén gōng zhì néng ān quán"
    ],
)
def test_reading_groups_words(hanzi, kind, expected):
    assert reading(hanzi, kind) == expected


def test_reading_person_with_middle_dot():
    assert reading("唐纳德·特朗普", "person") == "Tángnàdé Tèlǎngpǔ"  # gives "Táng Nàdétèlǎngpǔ"


# What the mutation review found unguarded -----------------------------------------------------


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("Lee", None),  # le + e would need an apostrophe: not Hanyu Pinyin
        ("Xian", ["xian"]),
        ("Xi'an", ["xi", "an"]),
        ("Tian'anmen", ["tian", "an", "men"]),
        ("Tiananmen", None),  # tian + an + men without the apostrophe
    ],
)
def test_a_syllable_starting_with_a_vowel_needs_its_apostrophe_inside_a_name(word, syllables):
    assert romanize.name_syllables(word) == syllables


def test_a_four_character_name_with_a_one_character_surname():
    # 李 is a surname and 德 is not: one surname, a three-character given name.
    assert romanize.read("李德生华", "person").pinyin == "Lǐ Déshēnghuá"
    assert romanize.read("林郑月娥", "person").pinyin == "Lín Zhèng Yuè'é"  # two surnames


# A dictionary's reading of a whole name, grouped as our reading groups the name.
@pytest.mark.parametrize(
    ("hanzi", "numbered", "expected"),
    [
        ("彭丽媛", "Peng2 Li4 yuan2", "Péng Lìyuán"),  # 媛 alone reads yuàn
        ("欧阳娜娜", "Ou1 yang2 Na4 na4", "Ōuyáng Nànà"),  # a compound surname is one word
        ("林郑月娥", "Lin2 Zheng4 Yue4 e2", "Lín Zhèng Yuè'é"),  # two surnames, two words
        ("彭丽媛", "Peng2 Li4", None),  # two syllables for three characters
        ("彭丽媛", "Peng2 Li4 yuan2 ma5", None),  # four syllables for three characters
        ("彭丽媛", "not pinyin", None),
        ("彭丽媛", "", None),
        ("彭丽\U00030000", "Peng2 Li4", None),  # a character we cannot read, not counted
    ],
)
def test_name_reading(hanzi, numbered, expected):
    assert romanize.name_reading(hanzi, numbered) == expected


def test_everyday_syllables_read_each_character_without_our_name_data():
    assert romanize.everyday_syllables("单田芳") == ["dān", "tián", "fāng"]  # as a surname Shàn
    assert romanize.everyday_syllables("重庆 a") == ["chóng", "qìng"]  # what is not Chinese is left


def test_char_readings_are_every_reading_of_a_character():
    assert romanize.char_readings("单") == ["dān", "chán", "shàn"]
    assert romanize.char_readings("谢") == ["xiè"]
    assert romanize.char_readings("a") == []


# Words: at most three characters, dictionary words only, a long word split into the fewest.
@pytest.mark.parametrize(
    ("hanzi", "lengths"),
    [
        ("他在中国社会科学院工作", [1, 1, 2, 2, 3, 2]),
        ("中国社会科学院", [2, 2, 3]),
        ("一丁点儿", [1, 3]),  # 一 丁点儿, not 一丁 点儿 nor 一丁点 儿
        ("一不小心", [1, 1, 2]),  # 一不 is not a word
        ("他来到了网易杭研大厦", [1, 2, 1, 2, 1, 1, 2]),  # 杭研 is no dictionary word
        ("iPhone手机", [6, 2]),
    ],
)
def test_word_lengths(hanzi, lengths):
    assert romanize.word_lengths(hanzi) == lengths


def test_a_long_word_is_read_as_its_words():
    assert reading("他在中国社会科学院工作", "term") == ("tā zài zhōngguó shèhuì kēxuéyuàn gōngzuò")
    assert reading("iPhone手机", "term") == "iPhone shǒujī"


def test_wade_giles_writes_each_syllable():
    assert romanize.wade_giles("Cài Yīngwén") == ["ts'ai", "ying", "wen"]
    assert romanize.wade_giles("Lǚ Xiùlián") == ["lü", "hsiu", "lien"]
    assert romanize.wade_giles("not pinyin!") == []


# neutral_readings: the characters pypinyin reads in the neutral tone, kept as data.
def test_the_neutral_table_is_pypinyins():  # else run `make neutral`
    derived = romanize.pypinyin_neutral_readings()
    assert romanize.neutral_readings() == {char: frozenset(r) for char, r in derived.items()}


def test_the_neutral_table_holds_each_characters_toneless_readings_as_pypinyin_reads_it():
    table = romanize.neutral_readings()
    assert table["了"] == {"le"}
    assert table["么"] == {"me", "ma"}
    assert table["们"] == {"men"}
    assert "我" not in table
    assert "谢" not in table
    for char, readings in table.items():
        assert readings == {r for r in romanize.char_readings(char) if r.isalpha() and r.isascii()}


# neutral_throughout: each Chinese character (other characters left out) has the neutral
# reading of the toneless syllable in its place; as many syllables as characters, at least one.
@pytest.mark.parametrize(
    ("characters", "syllables", "expected"),
    [
        ("了", ["le"], True),
        ("吗", ["ma"], True),
        ("么", ["ma"], True),  # 么 has two neutral readings
        ("么", ["me"], True),
        ("的了", ["de", "le"], True),
        ("A了", ["le"], True),  # Latin letters are no characters to read
        ("了", ["liao"], False),  # 了's other reading, liǎo, has a tone
        ("们", ["le"], False),  # a neutral reading, but another character's
        ("我们", ["wo", "men"], False),  # 我 has no neutral reading
        ("了吗", ["le"], False),  # fewer syllables than characters
        ("了", ["le", "ma"], False),  # more
        ("", [], False),  # nothing to read
        ("OK", [], False),
    ],
)
def test_neutral_throughout(characters, syllables, expected):
    assert romanize.neutral_throughout(characters, syllables) is expected


def test_the_neutral_tone_rule_reads_no_pypinyin():
    # It loaded pypinyin's phrase, segmenter and character dictionaries into each import.
    code = (
        "import sys; from glossary.entries.validate import pinyin_problem;"
        " print(pinyin_problem('le', '了'), pinyin_problem('women', '我们'),"
        " 'pypinyin' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [
        "None",
        "must",
        "carry",
        "tones",
        "(marks",
        "or",
        "numbers)",
        "False",
    ]


def test_make_neutral_writes_the_table_as_it_is(tmp_path, monkeypatch):
    committed = romanize.NEUTRAL.read_bytes()
    monkeypatch.setattr(romanize, "NEUTRAL", tmp_path / "neutral.tsv")
    romanize.write_neutral_readings()
    assert (tmp_path / "neutral.tsv").read_bytes() == committed


def test_make_syllables_writes_the_table_as_it_is(tmp_path, monkeypatch):
    committed = romanize.SYLLABLES.read_bytes()
    monkeypatch.setattr(romanize, "SYLLABLES", tmp_path / "syllables.tsv")
    romanize.write_syllables()
    assert (tmp_path / "syllables.tsv").read_bytes() == committed


def test_the_readings_tables_are_read_whole():
    # Each table as its file has it, comment lines left out (the functions that keep them
    # cache what they read).
    table = romanize._table("surnames.tsv")
    assert {"surname": "欧阳", "pinyin": "Ōuyáng"}.items() <= next(
        row for row in table if row["surname"] == "欧阳"
    ).items()
    assert not any(value.startswith("#") for row in table for value in row.values() if value)
    assert romanize.whole_names.__wrapped__()["金日磾"] == "Jīn Mìdī"
    assert romanize.given_name_readings.__wrapped__()["子"] == "zǐ"


# How many characters of a Chinese name are its surname: a compound surname (longest first),
# two single surnames in a four-character name, else the first character.
@pytest.mark.parametrize(
    ("name", "length"),
    [
        ("谢锋", 1),
        ("欧阳修", 2),
        ("歐陽修", 2),  # as written in traditional characters
        ("欧阳", 2),  # a compound surname alone is the surname, not 欧 with a given name 阳
        ("爱新觉罗", 4),
        ("爱新觉罗溥仪", 4),
        ("林郑月娥", 2),  # 林 and 郑, two surnames
        ("李德生华", 1),  # 德 is no surname
        ("达赖喇嘛", 1),  # 达 is no surname, so 赖 starts no second one
    ],
)
def test_surname_length(name, length):
    assert romanize.surname_length(name) == length


# read: the reading with its words, how many of them are the surname, and what was unreadable.
Reading = romanize.Reading
UNREADABLE = "\U00030000"  # a character pypinyin has no reading for


@pytest.mark.parametrize(
    ("hanzi", "kind", "expected"),
    [
        ("谢锋", "person", Reading("Xiè Fēng", ["Xiè", "Fēng"], 1, [])),
        (" 谢锋 ", "person", Reading("Xiè Fēng", ["Xiè", "Fēng"], 1, [])),
        ("谢", "person", Reading("Xiè", ["Xiè"], 0, [])),  # a character alone: no surname
        ("欧阳修", "person", Reading("Ōuyáng Xiū", ["Ōuyáng", "Xiū"], 1, [])),
        # a compound surname alone: the surname as surnames.tsv reads it, one word
        ("欧阳", "person", Reading("Ōuyáng", ["Ōuyáng"], 1, [])),
        ("万俟", "person", Reading("Mòqí", ["Mòqí"], 1, [])),  # not Wàn Qí
        ("单于", "person", Reading("Chányú", ["Chányú"], 1, [])),  # not Shàn Yú
        ("林郑月娥", "person", Reading("Lín Zhèng Yuè'é", ["Lín", "Zhèng", "Yuè'é"], 2, [])),
        ("达赖喇嘛", "person", Reading("Dá Làilǎma", ["Dá", "Làilǎma"], 1, [])),
        # a whole name as names.tsv reads it, in simplified or traditional characters
        ("金日磾", "person", Reading("Jīn Mìdī", ["Jīn", "Mìdī"], 1, [])),
        ("司馬相如", "person", Reading("Sīmǎ Xiàngrú", ["Sīmǎ", "Xiàngrú"], 1, [])),
        # a transliterated name: each part a word, split at a middle dot or a space
        ("唐纳德 特朗普", "person", Reading("Tángnàdé Tèlǎngpǔ", ["Tángnàdé", "Tèlǎngpǔ"], 0, [])),
        # an unreadable character is noted, and an unreadable surname is no word
        ("谢" + UNREADABLE, "person", Reading("Xiè", ["Xiè"], 1, [UNREADABLE])),
        (UNREADABLE + "锋", "person", Reading("Fēng", ["Fēng"], 0, [UNREADABLE])),
        # other kinds: punctuation joins the word before it, function words stay lower case
        ("谢锋", "term", Reading("xiè fēng", ["xiè", "fēng"], 0, [])),
        ("中国，美国。", "place", Reading("Zhōngguó, Měiguó.", ["Zhōngguó,", "Měiguó."], 0, [])),
        ("中国、美国", "term", Reading("zhōngguó, měiguó", ["zhōngguó,", "měiguó"], 0, [])),
        ("中国 美国", "place", Reading("Zhōngguó Měiguó", ["Zhōngguó", "Měiguó"], 0, [])),
        (
            "中美与欧洲",
            "organization",
            Reading("Zhōng Měi yǔ Ōuzhōu", ["Zhōng", "Měi", "yǔ", "Ōuzhōu"], 0, []),
        ),
        ("G20峰会", "event", Reading("G20 Fēnghuì", ["G20", "Fēnghuì"], 0, [])),
    ],
)
def test_read(hanzi, kind, expected):
    assert romanize.read(hanzi, kind) == expected
