"""Name readings against our data: every surname in the table, every person in the bench."""

from __future__ import annotations

import pytest

from bench.names_accuracy import measure, people
from glossary.text import romanize

SURNAMES = sorted(romanize.surnames().items())
PEOPLE = people()
# Readings that hold only for one historical person, or a stage name against the surname table.
# One-off readings of whole historical names (司马相如, 郦食其, 金日磾…) are now read from
# glossary/text/readings/names.tsv (issue 20); what is still missed:
KNOWN_MISSES = {
    "盖叫天": "a stage name read Gài; the surname 盖 is Gě",
}


# Every surname in the table is read with its name reading, before a one-character given name.
@pytest.mark.parametrize(("surname", "pinyin"), SURNAMES, ids=[s for s, _ in SURNAMES])
def test_every_surname_is_read_as_a_surname(surname, pinyin):
    assert romanize.reading(surname + "明", "person") == f"{pinyin} Míng"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Surnames whose everyday reading differs (pypinyin alone gets these wrong).
        ("曾国藩", "Zēng Guófān"),
        ("单霁翔", "Shàn Jìxiáng"),
        ("解振华", "Xiè Zhènhuá"),
        ("华春莹", "Huà Chūnyíng"),
        ("翟志刚", "Zhái Zhìgāng"),
        ("任正非", "Rén Zhèngfēi"),
        ("肖茜", "Xiāo Qiàn"),
        # Compound surnames first, in either script.
        ("欧阳修", "Ōuyáng Xiū"),
        ("歐陽修", "Ōuyáng Xiū"),
        ("诸葛亮", "Zhūgě Liàng"),
        ("司马迁", "Sīmǎ Qiān"),
        ("上官婉儿", "Shàngguān Wǎn'ér"),
        # Two surnames (Hong Kong married names), with the apostrophe before é.
        ("林郑月娥", "Lín Zhèng Yuè'é"),
        # Given-name readings from our data.
        ("萧万长", "Xiāo Wàncháng"),
        ("贾平凹", "Jiǎ Píngwā"),
        ("章子怡", "Zhāng Zǐyí"),
        # Transliterated names: one word per part, as written.
        ("唐纳德·特朗普", "Tángnàdé Tèlǎngpǔ"),
    ],
)
def test_name_readings(name, expected):
    assert romanize.reading(name, "person") == expected


@pytest.mark.parametrize("row", PEOPLE, ids=[row["hanzi"] for row in PEOPLE])
def test_each_real_person_is_read_right(row):
    if row["hanzi"] in KNOWN_MISSES:
        pytest.xfail(KNOWN_MISSES[row["hanzi"]])
    assert romanize.reading(row["hanzi"], "person") == row["pinyin"]


def test_the_people_table_is_big_and_varied_enough():
    assert len(PEOPLE) >= 150
    assert sum(1 for row in PEOPLE if row["heteronym"] == "yes") >= 40
    assert {row["region"] for row in PEOPLE} >= {"mainland", "taiwan", "hongkong", "diaspora"}
    assert all(row["source"].startswith("https://") for row in PEOPLE)


def test_accuracy_bench_meets_the_target():
    result = measure()
    assert result["ours_accuracy"] >= 0.985
    assert result["pypinyin_accuracy"] < result["ours_accuracy"]
    assert {m["hanzi"] for m in result["misses"]} == set(KNOWN_MISSES)


# Whole names read as a whole, in either script (names.tsv).
@pytest.mark.parametrize(
    ("name", "pinyin"),
    [("金日磾", "Jīn Mìdī"), ("郦食其", "Lì Yìjī"), ("秦檜", "Qín Huì"), ("冒顿", "Mòdú")],
)
def test_whole_name_readings(name, pinyin):
    assert romanize.reading(name, "person") == pinyin


def test_every_whole_name_row_has_a_source():
    rows = romanize._table("names.tsv")
    assert len(rows) >= 10
    assert all(row["source"].startswith("https://") for row in rows)
