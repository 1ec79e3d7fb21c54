"""Search keys: folding text, an entry's keys, and parsing what a person types into keys."""

from __future__ import annotations

import pytest

from glossary.text import keys
from glossary.text.keys import (
    Query,
    english_key,
    entry_chars,
    entry_keys,
    entry_words,
    fold,
    fts_words,
    hanzi_key,
    parse_query,
    pinyin_keys,
    pinyin_query,
    quoted,
    strip_accents,
)


# fold: full-width and compatibility forms folded (NFKC), then casefolded.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＸＩＥ Ｆｅｎｇ", "xie feng"),
        ("ｃｉｓｓ", "ciss"),
        ("ＮＣ３", "nc3"),
        ("\u3000谢锋", " 谢锋"),  # ideographic space
        ("ﬁ", "fi"),
        ("XIE Feng", "xie feng"),
        ("Straße", "strasse"),
        ("ΣΑΣ", "σασ"),
        ("謝鋒", "謝鋒"),  # traditional characters are not simplified
    ],
)
def test_fold_normalises_and_casefolds(text, expected):
    assert fold(text) == expected


# fold: zero-width characters and bidirectional controls removed.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("谢\u200b锋", "谢锋"),  # zero-width space
        ("a\u200cb\u200dc", "abc"),  # zero-width non-joiner and joiner
        ("a\u2060b", "ab"),  # word joiner
        ("\ufeffXie", "xie"),  # byte order mark
        ("\u202e谢锋", "谢锋"),  # right-to-left override
        ("\u202aXie\u202c", "xie"),  # left-to-right embedding, pop
        ("\u2066Xie\u2069", "xie"),  # left-to-right isolate, pop
        ("\u2067Xie\u2068", "xie"),  # right-to-left isolate, first-strong isolate
        ("xie\u00adfeng", "xiefeng"),  # soft hyphen
        ("xie\u180efeng", "xiefeng"),  # Mongolian vowel separator
        ("a\u2061b\u2062c\u2063d\u2064e", "abcde"),  # invisible operators
    ],
)
def test_fold_removes_invisible_characters(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "xie\u200efeng",  # left-to-right mark
        "xie\u200ffeng",  # right-to-left mark
        "xie\u061cfeng",  # Arabic letter mark
    ],
)
def test_fold_removes_bidi_marks(text):
    assert fold(text) == "xiefeng"


# strip_accents: every diacritic removed, ü included.
@pytest.mark.parametrize(
    ("text", "expected"),
    [("Zhànlüè", "Zhanlue"), ("Xiè Fēng", "Xie Feng"), ("naïve café", "naive cafe")],
)
def test_strip_accents(text, expected):
    assert strip_accents(text) == expected


# english_key: case, accents, apostrophes and punctuation ignored; words joined by one space.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xie Feng", "xie feng"),
        ("XIE Feng", "xie feng"),
        ("Xiè Fēng", "xie feng"),
        ("naïve café", "naive cafe"),
        ("People's Daily", "peoples daily"),
        ("People’s Daily", "peoples daily"),
        ("PEOPLE’S DAILY", "peoples daily"),
        ("‘quoted’", "quoted"),
        ("`back`", "back"),
        (
            "nuclear command, control, and communications",
            "nuclear command control and communications",
        ),
        ("red-teaming", "red teaming"),
        ("snake_case", "snake case"),
        ("Tsinghua (CISS)", "tsinghua ciss"),
        ("«Le Monde»", "le monde"),
        ("  AI   safety  ", "ai safety"),
        ("ｃｉｓｓ", "ciss"),
        ("Straße", "strasse"),
        ("...", ""),
        ("", ""),
    ],
)
def test_english_key(text, expected):
    assert english_key(text) == expected


# hanzi_key: only the ideographs, compatibility forms unified; the script is kept.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("谢锋", "谢锋"),
        ("謝鋒", "謝鋒"),
        ("唐纳德·特朗普", "唐纳德特朗普"),
        ("谢 锋", "谢锋"),
        ("谢\u200b锋", "谢锋"),
        ("Xie 谢锋", "谢锋"),
        ("百年未有之大变局!", "百年未有之大变局"),
        ("\uf900", "\u8c48"),  # compatibility ideograph 豈 → unified 豈
        ("\u2f08", "人"),  # Kangxi radical ⼈ → 人
        ("〇一", "〇一"),
        ("𠀀", "𠀀"),
        ("Xie Feng", ""),
        ("", ""),
    ],
)
def test_hanzi_key(text, expected):
    assert hanzi_key(text) == expected


# pinyin_keys: toneless, tone-numbered (neutral as 5), later words on, initials.
@pytest.mark.parametrize(
    ("pinyin", "expected"),
    [
        (
            "Xiè Fēng",
            [
                ("py", "xiefeng"),
                ("pyn", "xie4feng1"),
                ("pyw", "feng"),
                ("pynw", "feng1"),
                ("ini", "xf"),
            ],
        ),
        (
            "Sīkētè Bèisēntè",
            [
                ("py", "siketebeisente"),
                ("pyn", "si1ke1te4bei4sen1te4"),
                ("pyw", "beisente"),
                ("pynw", "bei4sen1te4"),
                ("ini", "sktbst"),
            ],
        ),
        (
            "réngōng zhìnéng ānquán",
            [
                ("py", "rengongzhinenganquan"),
                ("pyn", "ren2gong1zhi4neng2an1quan2"),
                ("pyw", "zhinenganquan"),
                ("pynw", "zhi4neng2an1quan2"),
                ("pyw", "anquan"),
                ("pynw", "an1quan2"),
                ("ini", "rgznaq"),
            ],
        ),
        (
            "Xī'ān",
            [("py", "xian"), ("pyn", "xi1an1"), ("ini", "xa")],
        ),
        ("ma", [("py", "ma"), ("pyn", "ma5")]),  # one syllable: no initials
        ("hello", []),
        ("", []),
    ],
)
def test_pinyin_keys(pinyin, expected):
    assert pinyin_keys(pinyin) == expected


# pinyin_keys: ü is also keyed as a plain u, since people type it that way.
@pytest.mark.parametrize(
    ("pinyin", "expected"),
    [
        (
            "Zhànlüè",
            [
                ("py", "zhanlve"),
                ("pyn", "zhan4lve4"),
                ("py", "zhanlue"),
                ("pyn", "zhan4lue4"),
                ("ini", "zl"),
            ],
        ),
        ("lǜ", [("py", "lv"), ("pyn", "lv4"), ("py", "lu"), ("pyn", "lu4")]),
        (
            "Lǚ Xīn",
            [
                ("py", "lvxin"),
                ("pyn", "lv3xin1"),
                ("py", "luxin"),
                ("pyn", "lu3xin1"),
                ("pyw", "xin"),
                ("pynw", "xin1"),
                ("ini", "lx"),
            ],
        ),
    ],
)
def test_pinyin_keys_u_umlaut(pinyin, expected):
    assert pinyin_keys(pinyin) == expected


# entry_keys: every form of an entry, keyed by field and key type.
def test_entry_keys_for_a_person():
    assert entry_keys("Xie Feng", ["XIE Feng"], "谢锋", "謝鋒", "Xiè Fēng") == [
        ("english", "Xie Feng", "text", "xie feng"),
        ("english", "Xie Feng", "tc", "xiefeng"),
        ("alias", "XIE Feng", "text", "xie feng"),
        ("alias", "XIE Feng", "tc", "xiefeng"),
        ("simplified", "谢锋", "hanzi", "谢锋"),
        ("traditional", "謝鋒", "hanzi", "謝鋒"),
        ("pinyin", "Xiè Fēng", "py", "xiefeng"),
        ("pinyin", "Xiè Fēng", "pyn", "xie4feng1"),
        ("pinyin", "Xiè Fēng", "pyw", "feng"),
        ("pinyin", "Xiè Fēng", "pynw", "feng1"),
        ("pinyin", "Xiè Fēng", "ini", "xf"),
    ]


def test_entry_keys_give_a_chinese_alias_a_hanzi_key():
    assert entry_keys("Xie Feng", ["谢部长"], "谢锋", "謝鋒", "") == [
        ("english", "Xie Feng", "text", "xie feng"),
        ("english", "Xie Feng", "tc", "xiefeng"),
        ("alias", "谢部长", "hanzi", "谢部长"),
        ("simplified", "谢锋", "hanzi", "谢锋"),
        ("traditional", "謝鋒", "hanzi", "謝鋒"),
    ]


def test_entry_keys_skip_a_traditional_form_equal_to_the_simplified():
    assert entry_keys("AI safety", [], "人工智能安全", "人工智能安全", "") == [
        ("english", "AI safety", "text", "ai safety"),
        ("english", "AI safety", "tc", "aisafety"),
        ("simplified", "人工智能安全", "hanzi", "人工智能安全"),
    ]


def test_entry_keys_keep_one_key_per_field_and_key():
    assert entry_keys("Xie Feng", ["XIE Feng", "Xie Feng"], "谢锋", "", "") == [
        ("english", "Xie Feng", "text", "xie feng"),
        ("english", "Xie Feng", "tc", "xiefeng"),
        ("alias", "XIE Feng", "text", "xie feng"),
        ("alias", "XIE Feng", "tc", "xiefeng"),
        ("simplified", "谢锋", "hanzi", "谢锋"),
    ]


def test_entry_keys_key_a_published_romanization_spaced_and_compact():
    assert entry_keys("Tsai Ing-wen", [], "蔡英文", "", "", "Tsai Ing-wen")[2:] == [
        ("romanization", "Tsai Ing-wen", "text", "tsai ing wen"),
        ("romanization", "Tsai Ing-wen", "tc", "tsaiingwen"),
        ("simplified", "蔡英文", "hanzi", "蔡英文"),
    ]


def test_entry_keys_skip_forms_without_a_key():
    assert entry_keys("...", [""], "谢锋", "", "not pinyin") == [
        ("simplified", "谢锋", "hanzi", "谢锋"),
    ]


def test_entry_keys_read_the_syllables_the_caller_parsed():
    """The base dictionary's import parses CC-CEDICT's numbered pinyin itself: its syllables
    give the pinyin keys, though the reading shown (kǎlā OK) would not parse."""
    keys = entry_keys("karaoke", [], "卡拉OK", "", "kǎlā OK", syllables=[[("ka", 3), ("la", 1)]])
    assert [k for k in keys if k[0] == "pinyin"] == [
        ("pinyin", "kǎlā OK", "py", "kala"),
        ("pinyin", "kǎlā OK", "pyn", "ka3la1"),
        ("pinyin", "kǎlā OK", "ini", "kl"),
    ]


def test_a_names_other_systems_spell_its_stored_pinyin_not_the_computed_reading():
    """乐 as a surname reads Yuè or Lè: the presenter 乐嘉 is Lè Jiā, and Wade–Giles spells
    that (Cantonese spellings come from the characters)."""
    assert entry_keys("Le Jia", [], "乐嘉", "樂嘉", "Lè Jiā", kind="person")[-4:] == [
        ("wade_giles", "Le Chia", "sys", "lechia"),
        ("taiwan", "Le Chia", "sys", "lechia"),
        ("hong_kong", "Lok Ka", "sys", "lokka"),
        ("macau", "Lok Ka", "sys", "lokka"),
    ]


# entry_chars: the distinct ideographs of the Chinese forms.
@pytest.mark.parametrize(
    ("forms", "expected"),
    [
        (["谢锋", "謝鋒", "XIE Feng"], {"谢", "锋", "謝", "鋒"}),
        (["唐纳德·特朗普"], {"唐", "纳", "德", "特", "朗", "普"}),
        (["谢谢", "谢"], {"谢"}),
        (["Xie Feng"], set()),
        ([], set()),
    ],
)
def test_entry_chars(forms, expected):
    assert entry_chars(forms) == expected


# entry_words: English, non-Chinese aliases and pinyin, for the full-text index.
def test_entry_words():
    assert (
        entry_words("Xie Feng", ["XIE Feng", "谢部长"], "Xiè Fēng") == "Xie Feng XIE Feng Xiè Fēng"
    )


# parse_query: what a person types → the keys to look up.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "谢锋",
            Query(
                text="谢锋",
                exact=[("hanzi", "谢锋"), ("hanzi", "謝鋒")],
                prefix=[("hanzi", "谢锋"), ("hanzi", "謝鋒")],
                substrings=["谢锋", "謝鋒"],
            ),
        ),
        (
            "謝鋒",
            Query(
                text="謝鋒",
                exact=[("hanzi", "謝鋒"), ("hanzi", "谢锋")],
                prefix=[("hanzi", "謝鋒"), ("hanzi", "谢锋")],
                substrings=["謝鋒", "谢锋"],
            ),
        ),
        (
            "谢 Xie",
            Query(
                text="谢 Xie",
                exact=[("hanzi", "谢"), ("hanzi", "謝"), ("text", "xie"), ("tc", "xie")],
                prefix=[("hanzi", "谢"), ("hanzi", "謝"), ("text", "xie"), ("tc", "xie")],
                terms=["xie"],
                substrings=["谢", "謝"],
            ),
        ),
        (
            "xie feng",
            Query(
                text="xie feng",
                exact=[("text", "xie feng"), ("tc", "xiefeng"), ("py", "xiefeng")],
                prefix=[("text", "xie feng"), ("tc", "xiefeng"), ("py", "xiefeng")],
                terms=["xie", "feng"],
                inner=[("pyw", "xiefeng")],
                systems=["xiefeng"],
            ),
        ),
        (
            "xiefeng",
            Query(
                text="xiefeng",
                exact=[("text", "xiefeng"), ("tc", "xiefeng"), ("py", "xiefeng")],
                prefix=[("text", "xiefeng"), ("tc", "xiefeng"), ("py", "xiefeng")],
                terms=["xiefeng"],
                inner=[("pyw", "xiefeng")],
                initials="xiefeng",
                systems=["xiefeng"],
            ),
        ),
        (
            "Xie4 Feng1",
            Query(
                text="Xie4 Feng1",
                exact=[("text", "xie4 feng1"), ("tc", "xie4feng1"), ("pyn", "xie4feng1")],
                prefix=[("text", "xie4 feng1"), ("tc", "xie4feng1"), ("pyn", "xie4feng1")],
                terms=["xie4", "feng1"],
                inner=[("pynw", "xie4feng1")],
            ),
        ),
        (
            "xiè fēng",
            Query(
                text="xiè fēng",
                exact=[("text", "xie feng"), ("tc", "xiefeng"), ("pyn", "xie4feng1")],
                prefix=[("text", "xie feng"), ("tc", "xiefeng"), ("pyn", "xie4feng1")],
                terms=["xie", "feng"],
                inner=[("pynw", "xie4feng1")],
            ),
        ),
        (
            "XIE Feng",
            Query(
                text="XIE Feng",
                exact=[("text", "xie feng"), ("tc", "xiefeng"), ("py", "xiefeng")],
                prefix=[("text", "xie feng"), ("tc", "xiefeng"), ("py", "xiefeng")],
                terms=["xie", "feng"],
                inner=[("pyw", "xiefeng")],
                systems=["xiefeng"],
            ),
        ),
        (
            "xie f",
            Query(
                text="xie f",
                exact=[("text", "xie f"), ("tc", "xief"), ("py", "xief")],
                prefix=[("text", "xie f"), ("tc", "xief"), ("py", "xief")],
                terms=["xie", "f"],
                inner=[("pyw", "xief")],
                systems=["xief"],
            ),
        ),
        (
            "xie4 f",
            Query(
                text="xie4 f",
                exact=[("text", "xie4 f"), ("tc", "xie4f"), ("pyn", "xie4f")],
                prefix=[("text", "xie4 f"), ("tc", "xie4f"), ("pyn", "xie4f")],
                terms=["xie4", "f"],
                inner=[("pynw", "xie4f")],
            ),
        ),
        (
            "xf",
            Query(
                text="xf",
                exact=[("text", "xf"), ("tc", "xf"), ("py", "xf")],
                prefix=[("text", "xf"), ("tc", "xf"), ("py", "xf")],
                terms=["xf"],
                inner=[("pyw", "xf")],
                initials="xf",
                systems=["xf"],
            ),
        ),
        (
            "lü",
            Query(
                text="lü",
                exact=[("text", "lu"), ("tc", "lu"), ("py", "lv")],
                prefix=[("text", "lu"), ("tc", "lu"), ("py", "lv")],
                terms=["lu"],
                inner=[("pyw", "lv")],
                initials="lv",
                systems=["lü"],
            ),
        ),
        (
            "lv",
            Query(
                text="lv",
                exact=[("text", "lv"), ("tc", "lv"), ("py", "lv")],
                prefix=[("text", "lv"), ("tc", "lv"), ("py", "lv")],
                terms=["lv"],
                inner=[("pyw", "lv")],
                initials="lv",
                systems=["lv"],
            ),
        ),
        (
            "lu:",
            Query(
                text="lu:",
                exact=[("text", "lu"), ("tc", "lu"), ("py", "lv")],
                prefix=[("text", "lu"), ("tc", "lu"), ("py", "lv")],
                terms=["lu"],
                inner=[("pyw", "lv")],
            ),
        ),
        (
            "Xi'an",
            Query(
                text="Xi'an",
                exact=[("text", "xian"), ("tc", "xian"), ("py", "xian")],
                prefix=[("text", "xian"), ("tc", "xian"), ("py", "xian")],
                terms=["xian"],
                inner=[("pyw", "xian")],
                systems=["xi'an"],
            ),
        ),
        (
            "Xī’ān",
            Query(
                text="Xī’ān",
                exact=[("text", "xian"), ("tc", "xian"), ("pyn", "xi1an1")],
                prefix=[("text", "xian"), ("tc", "xian"), ("pyn", "xi1an1")],
                terms=["xian"],
                inner=[("pynw", "xi1an1")],
            ),
        ),
        (
            "ｘｉｅ",
            Query(
                text="ｘｉｅ",
                exact=[("text", "xie"), ("tc", "xie"), ("py", "xie")],
                prefix=[("text", "xie"), ("tc", "xie"), ("py", "xie")],
                terms=["xie"],
                inner=[("pyw", "xie")],
                initials="xie",
                systems=["xie"],
            ),
        ),
        (
            "\u202e谢锋",
            Query(
                text="\u202e谢锋",
                exact=[("hanzi", "谢锋"), ("hanzi", "謝鋒")],
                prefix=[("hanzi", "谢锋"), ("hanzi", "謝鋒")],
                substrings=["谢锋", "謝鋒"],
            ),
        ),
        ('" * ( ) : ^', Query(text='" * ( ) : ^')),
        ("% _", Query(text="% _")),
        ("", Query(text="")),
    ],
)
def test_parse_query(text, expected):
    assert parse_query(text) == expected


# parse_query: FTS and LIKE syntax alone leaves nothing to look for.
@pytest.mark.parametrize(
    "text",
    ['"', '" * ( ) : ^', "% _", "%", "_", "*", "'", "''", "\\", "-", "((((", "\t", "   ", "🙂", ""],
)
def test_parse_query_of_syntax_alone_is_empty(text):
    assert parse_query(text).empty is True


# parse_query: FTS operators and syntax become quoted words, never operators.
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("AND OR NOT NEAR", '"and" "or" "not" "near"*'),
        ("NEAR(xie feng)", '"near" "xie" "feng"*'),
        ("xie AND", '"xie" "and"*'),
        ("谢锋 OR", '"or"*'),
        ("^xie", '"xie"*'),
        ("xie*", '"xie"*'),
        ("col:xie", '"col" "xie"*'),
        ("{names}:xie", '"names" "xie"*'),
        ("' OR 1=1 --", '"or" "1" "1"*'),
        ("<script>alert(1)</script>", '"script" "alert" "1" "script"*'),
    ],
)
def test_parse_query_quotes_fts_words(text, words):
    assert parse_query(text).words == words


# The FTS5 expression of an English key's words: every word quoted, the last one a prefix;
# ideograph words left to other keys.
@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("xie feng", '"xie" "feng"*'),
        ("xie", '"xie"*'),
        ("and or not", '"and" "or" "not"*'),
        ("谢锋 xie", '"xie"*'),
        ("谢锋", None),
        ("", None),
    ],
)
def test_fts_expression(english, expected):
    assert quoted(fts_words(english)) == expected


# pinyin_query: toneless letters, and a numbered key only when every finished syllable is toned.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("xie feng", ("xiefeng", None)),
        ("XIE Feng", ("xiefeng", None)),
        ("Xie4 Feng1", ("xiefeng", "xie4feng1")),
        ("xie4feng1", ("xiefeng", "xie4feng1")),
        ("xiè fēng", ("xiefeng", "xie4feng1")),
        ("xie1 feng1", ("xiefeng", "xie1feng1")),  # tones typed are kept, right or wrong
        ("xie feng1", ("xiefeng", None)),  # xie has no tone
        ("xie4 f", ("xief", "xie4f")),  # the last syllable still being typed
        ("xiè f", ("xief", "xie4f")),
        ("xie f", ("xief", None)),
        ("bei4sen1te4", ("beisente", "bei4sen1te4")),
        ("xie4feng", ("xiefeng", "xie4feng")),  # run together: the last tone still to come
        ("xie4f", ("xief", "xie4f")),
        ("bei4sen te4", ("beisente", None)),  # sen, inside the query, has no tone
        ("xiè feng", ("xiefeng", "xie4feng")),  # the last tone still to come
        ("xiè zh", ("xiezh", "xie4zh")),  # a last word not yet a syllable
        ("xiè feng bèi", ("xiefengbei", None)),  # feng has no tone
        ("xiè fengbèi", ("xiefengbei", None)),
        ("Xī’ān", ("xian", "xi1an1")),
        ("Xi'an", ("xian", None)),
        ("lü4", ("lv", "lv4")),
        ("lu:4", ("lv", "lv4")),
        ("lv", ("lv", None)),
        ("xie5", ("xie", "xie5")),  # the neutral tone as 5 ...
        ("ma0", ("ma", "ma5")),  # ... or 0
        ("ｘｉｅ", ("xie", None)),
        ("谢锋", ("", None)),
        ("xie feng 谢", ("", None)),
        ('" * ( ) : ^', ("", None)),
        ("", ("", None)),
    ],
)
def test_pinyin_query(text, expected):
    assert pinyin_query(text) == expected


@pytest.mark.parametrize(
    ("text", "initials"),
    [("xf", "xf"), ("abcdefgh", "abcdefgh"), ("abcdefghi", None), ("x", None)],
)
def test_initials_are_two_to_eight_letters(text, initials):
    assert keys.parse_query(text).initials == initials
