"""Chinese characters: which characters are ideographs, and simplified ↔ traditional."""

from __future__ import annotations

import pytest

from glossary.text.hanzi import (
    by_language,
    cjk_only,
    has_cjk,
    is_cjk,
    scripts,
    to_simplified,
    to_traditional,
)


# is_cjk: the unified blocks, Extension A, compatibility ideographs, Extensions B–H, and 〇.
@pytest.mark.parametrize(
    "char",
    [
        "谢",
        "謝",
        "一",  # U+4E00, first of the unified block
        "\u9fff",  # last of the unified block
        "㐀",  # U+3400, first of Extension A
        "䶿",  # U+4DBF, last of Extension A
        "\uf900",  # 豈, a compatibility ideograph
        "𠀀",  # U+20000, first of Extension B
        "𪜀",  # U+2A700, Extension C
        "\U00030000",  # first of Extension G
        "\U000323af",  # last of Extension H
        "〇",  # U+3007, the ideographic zero
    ],
)
def test_ideographs_are_cjk(char):
    assert is_cjk(char) is True


# is_cjk: punctuation, kana, radicals and Latin beside Chinese text are not ideographs.
@pytest.mark.parametrize(
    "char",
    [
        "、",  # U+3001, ideographic comma
        "。",  # U+3002, ideographic full stop
        "ｱ",  # U+FF71, half-width katakana
        "あ",
        "ア",
        "가",
        "⺠",  # U+2EA0, a CJK radical, not an ideograph
        "·",  # U+00B7, the middle dot in 唐纳德·特朗普
        "・",  # U+30FB, katakana middle dot
        "\u3000",  # ideographic space
        "A",
        "1",
        " ",
        "🙂",
        "\U000323b0",  # one past the end of Extension H
    ],
)
def test_other_characters_are_not_cjk(char):
    assert is_cjk(char) is False


# has_cjk: true when at least one ideograph is present.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("谢锋", True),
        ("Xie 谢", True),
        ("𠀀x", True),
        ("〇", True),
        ("Xie Feng", False),
        ("Xiè Fēng", False),
        ("Xie4 Feng1", False),
        ("、。", False),
        ("ｱｲｳ", False),
        ("", False),
    ],
)
def test_has_cjk(text, expected):
    assert has_cjk(text) is expected


# cjk_only: ideographs kept in order, everything else dropped.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("唐纳德·特朗普", "唐纳德特朗普"),
        ("核指挥、控制与通信", "核指挥控制与通信"),
        ("谢 锋", "谢锋"),
        ("Xie 谢锋 (MFA)", "谢锋"),
        ("𠀀x〇", "𠀀〇"),
        ("Xie Feng", ""),
        ("", ""),
    ],
)
def test_cjk_only(text, expected):
    assert cjk_only(text) == expected


# Simplified and traditional forms that convert into each other.
PAIRS = [
    ("谢锋", "謝鋒"),
    ("傅莹", "傅瑩"),
    ("蔡翠红", "蔡翠紅"),
    ("孙成昊", "孫成昊"),
    ("百年未有之大变局", "百年未有之大變局"),
    ("清华大学战略与安全研究中心", "清華大學戰略與安全研究中心"),
    ("人工智能安全", "人工智能安全"),  # written the same in both scripts
    ("Xie Feng", "Xie Feng"),  # not Chinese: left alone
    ("", ""),
]


@pytest.mark.parametrize(("simplified", "traditional"), PAIRS)
def test_to_traditional(simplified, traditional):
    assert to_traditional(simplified) == traditional


@pytest.mark.parametrize(("simplified", "traditional"), PAIRS)
def test_to_simplified(simplified, traditional):
    assert to_simplified(traditional) == simplified


# to_traditional: one simplified character, several traditional ones, chosen by the word.
@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("发展", "發展"),
        ("头发", "頭髮"),
        ("干部", "幹部"),
        ("后", "後"),
        ("皇后", "皇后"),
    ],
)
def test_to_traditional_chooses_by_word(simplified, traditional):
    assert to_traditional(simplified) == traditional


# scripts: the columns of a termbase a Chinese form belongs in.
@pytest.mark.parametrize(
    ("form", "written_in"),
    [
        ("三不", ("zh-Hans", "zh-Hant")),  # the same in both
        ("AI安全", ("zh-Hans", "zh-Hant")),
        ("谢大使", ("zh-Hans",)),
        ("謝大使", ("zh-Hant",)),
        ("台北", ("zh-Hans",)),  # OpenCC's standard traditional is 臺北
        ("臺北", ("zh-Hant",)),
    ],
)
def test_scripts(form, written_in):
    assert scripts(form) == written_in


def test_by_language_files_each_form_under_each_script_it_is_written_in_in_order():
    forms = ["Ambassador Xie", "谢大使", "三不", "謝大使", "台北", "AI安全", "Xie"]
    assert by_language(forms) == {
        "en": ["Ambassador Xie", "Xie"],
        "zh-Hans": ["谢大使", "三不", "台北", "AI安全"],
        "zh-Hant": ["三不", "謝大使", "AI安全"],
    }
    assert by_language([]) == {"en": [], "zh-Hans": [], "zh-Hant": []}
