"""Names: house styles, and the name checker, syllable by syllable."""

from __future__ import annotations

import pytest

from glossary.text import names, romanize


# styles: every form written from a reading.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "谢锋",
            {
                "plain": "Xie Feng",
                "numbered": "Xie4 Feng1",
                "initials": "XF",
                "surname_caps": "XIE Feng",
                "second_reference": "Xie",
            },
        ),
        (
            "孙成昊",
            {
                "plain": "Sun Chenghao",
                "numbered": "Sun1 Cheng2hao4",
                "initials": "SCH",
                "surname_caps": "SUN Chenghao",
                "second_reference": "Sun",
            },
        ),
        (
            "欧阳修",
            {
                "plain": "Ouyang Xiu",
                "numbered": "Ou1yang2 Xiu1",
                "initials": "OYX",
                "surname_caps": "OUYANG Xiu",
                "second_reference": "Ouyang",
            },
        ),
        (
            "林郑月娥",
            {
                "plain": "Lin Zheng Yue'e",
                "numbered": "Lin2 Zheng4 Yue4e2",
                "initials": "LZYE",
                "surname_caps": "LIN ZHENG Yue'e",
                "second_reference": "Lin Zheng",
            },
        ),
        (
            "唐纳德·特朗普",
            {
                "plain": "Tangnade Telangpu",
                "numbered": "Tang2na4de2 Te4lang3pu3",
                "initials": "TNDTLP",
                "surname_caps": "Tangnade TELANGPU",
                "second_reference": "Telangpu",
            },
        ),
    ],
)
def test_person_styles(text, expected):
    assert names.styles(romanize.read(text, "person"), "person") == expected


def test_other_kinds_have_no_surname_styles():
    styles = names.styles(romanize.read("清华大学", "organization"), "organization")
    assert styles == {
        "plain": "Qinghua Daxue",
        "numbered": "Qing1hua2 Da4xue2",
        "initials": "QHDX",
        "surname_caps": None,
        "second_reference": None,
    }


# check: tolerant of order, capitals, hyphens, apostrophes and tone marks.
@pytest.mark.parametrize(
    ("english", "text"),
    [
        ("Xie Feng", "谢锋"),
        ("XIE Feng", "谢锋"),
        ("Feng Xie", "谢锋"),
        ("xie-feng", "谢锋"),
        ("Xiè Fēng", "谢锋"),
        ("XIEFENG", "谢锋"),
        ("Xie Feng", "謝鋒"),
        ("Sun Cheng-hao", "孙成昊"),
        ("Lin Zheng Yue'e", "林郑月娥"),
        ("Lin Zheng Yue’e", "林郑月娥"),
        ("Shan Jixiang", "单霁翔"),
        ("Zeng Guofan", "曾国藩"),
        ("Xie Zhenhua", "解振华"),
        ("Hua Chunying", "华春莹"),
        ("Zhai Zhigang", "翟志刚"),
        ("Ren Zhengfei", "任正非"),
        ("Xiao Qian", "肖茜"),
    ],
)
def test_matching_names(english, text):
    result = names.check(english, text, [])
    assert result.match, result.message()
    assert result.differences == []


def test_a_misspelt_syllable_is_explained():
    result = names.check("Wang Xiaojun", "王晓晖", [])
    assert (result.match, result.reading, result.expected) == (
        False,
        "Wáng Xiǎohuī",
        "Wang Xiaohui",
    )
    assert result.differences == [names.Difference("晖", 3, "jun", "huī", [])]
    assert result.message() == (
        "“Wang Xiaojun” does not match 王晓晖 (Wáng Xiǎohuī): 晖 reads huī, not jun. "
        "Expected Wang Xiaohui."
    )


# A heteronym's other reading is a match, with a note naming the reading (issue 20: 朴树 is
# Pǔ Shù, 单 is Dān in some families). Before, "Dan Jixiang" was a mismatch.
@pytest.mark.parametrize(
    ("english", "text", "note"),
    [
        ("Dan Jixiang", "单霁翔", "单 is read Dān here; as a surname it usually reads Shàn."),
        ("Pu Shu", "朴树", "朴 is read Pǔ here; as a surname it usually reads Piáo."),
        ("Ceng Guofan", "曾国藩", "曾 is read Céng here; as a surname it usually reads Zēng."),
        ("Jie Zhenhua", "解振华", "解 is read Jiě here; as a surname it usually reads Xiè."),
    ],
)
def test_another_reading_of_a_heteronym_matches_with_a_note(english, text, note):
    result = names.check(english, text, [])
    assert (result.match, result.system, result.differences) == (True, "pinyin", [])
    assert result.notes == [note]
    assert result.message().endswith(note)


def test_a_missing_syllable_is_reported():
    result = names.check("Wang Xiao", "王晓晖", [])
    assert result.differences == [names.Difference("晖", 3, "", "huī", [])]


def test_a_name_that_is_not_pinyin_gets_the_pinyin_reading():
    result = names.check("Smith Jones", "蔡英文", [])
    assert (result.match, result.pinyin, result.expected) == (False, False, "Cai Yingwen")
    assert (result.system, result.close) == (None, None)
    assert result.message() == (
        "“Smith Jones” is not Hanyu Pinyin and is not a romanization recorded for 蔡英文; "
        "in Hanyu Pinyin the name is Cai Yingwen (Cài Yīngwén)."
    )


# Each system recognised: (written, characters, system). Before issue 20 only pinyin matched.
SPELT_IN = [
    ("Xie Feng", "谢锋", "pinyin"),
    ("Fu Ying", "傅莹", "pinyin"),
    ("Hsieh Feng", "谢锋", "wade_giles"),
    ("Ts'ai Ying-wen", "蔡英文", "wade_giles"),
    ("Ts’ai Ying-wen", "蔡英文", "wade_giles"),
    ("Mao Tse-tung", "毛泽东", "wade_giles"),
    ("Teng Hsiao-p'ing", "邓小平", "wade_giles"),
    ("Tsai Ying-wen", "蔡英文", "taiwan"),
    ("Lai Ching-te", "賴清德", "taiwan"),
    ("Han Kuo-yu", "韓國瑜", "taiwan"),
    ("Teng Hsiao-ping", "邓小平", "taiwan"),
    ("Lam Cheng Yuet-ngor", "林鄭月娥", "hong_kong"),
    ("Lee Ka-chiu", "李家超", "hong_kong"),
    ("Wong Chi-fung", "黃之鋒", "hong_kong"),
    ("Ho Iat Seng", "賀一誠", "macau"),
    ("Chui Sai On", "崔世安", "macau"),
    ("Ho Hau Wah", "何厚鏵", "macau"),
]


@pytest.mark.parametrize(("english", "text", "system"), SPELT_IN)
def test_each_system_is_recognised(english, text, system):
    result = names.check(english, text, [])
    assert (result.match, result.system) == (True, system), result.message()


# Personal spellings one syllable from a system's: (written, characters, system, form, syllable).
CLOSE = [
    ("Tsai Ing-wen", "蔡英文", "taiwan", "Tsai Ying-wen", ("英", "Ing", "Ying")),
    ("Ma Ying-jeou", "馬英九", "wade_giles", "Ma Ying-chiu", ("九", "jeou", "chiu")),
    ("Leung Chun-ying", "梁振英", "hong_kong", "Leung Chan-ying", ("振", "Chun", "Chan")),
]


@pytest.mark.parametrize(("english", "text", "system", "form", "syllable"), CLOSE)
def test_a_personal_spelling_close_to_a_system_names_the_syllable(
    english, text, system, form, syllable
):
    result = names.check(english, text, [])
    assert (result.match, result.system) == (False, None)
    assert result.close is not None
    assert (result.close.system, result.close.form) == (system, form)
    assert [(d.character, d.written, d.reads) for d in result.close.differences] == [syllable]


def test_a_close_spelling_is_explained():
    assert names.check("Tsai Ing-wen", "蔡英文", []).message() == (
        "“Tsai Ing-wen” is close to Tsai Ying-wen, 蔡英文 in Taiwan's Wade–Giles: 英 is Ying"
        " there, not Ing. It may be the person's own spelling; in Hanyu Pinyin the name is"
        " Cai Yingwen (Cài Yīngwén)."
    )
    assert names.check("Hsieh Feng", "谢锋", []).message() == (
        "“Hsieh Feng” is 谢锋 in Wade–Giles; its Hanyu Pinyin is Xiè Fēng."
    )


def test_a_published_romanization_recorded_in_the_glossary_matches():
    tsai = {
        "id": 7,
        "english": "Tsai Ing-wen",
        "romanization": "Tsai Ing-wen",
        "aliases": [],
        "pinyin": "Cài Yīngwén",
        "kind": "person",
    }
    result = names.check("TSAI Ing-Wen", "蔡英文", [tsai])
    assert (result.match, result.published, result.entry) == (True, True, tsai)
    assert result.message() == (
        "“TSAI Ing-Wen” is the published romanization recorded in the glossary for 蔡英文; its "
        "Hanyu Pinyin is Cài Yīngwén. The glossary has an entry for this name: Tsai Ing-wen."
    )


def test_an_editors_pinyin_wins_over_the_computed_reading():
    entry = {
        "id": 1,
        "english": "Zha Liangyong",
        "romanization": "",
        "aliases": [],
        "pinyin": "Zhā Liángyōng",
        "kind": "person",
    }
    assert names.check("Zha Liangyong", "查良镛", [entry]).reading == "Zhā Liángyōng"
