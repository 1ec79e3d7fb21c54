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


def test_an_everyday_reading_of_a_surname_is_called_out():
    result = names.check("Dan Jixiang", "单霁翔", [])
    assert result.differences == [names.Difference("单", 1, "dan", "shàn", ["dān"])]
    assert "单 reads shàn here, not dān" in result.message()


def test_a_missing_syllable_is_reported():
    result = names.check("Wang Xiao", "王晓晖", [])
    assert result.differences == [names.Difference("晖", 3, "", "huī", [])]


def test_a_name_that_is_not_pinyin_gets_the_pinyin_reading():
    result = names.check("Tsai Ing-wen", "蔡英文", [])
    assert (result.match, result.pinyin, result.expected) == (False, False, "Cai Yingwen")
    assert result.message() == (
        "“Tsai Ing-wen” is not Hanyu Pinyin and is not a romanization recorded for 蔡英文; "
        "in Hanyu Pinyin the name is Cai Yingwen (Cài Yīngwén)."
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
