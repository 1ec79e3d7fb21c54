"""Every romanization out: each system's forms of real names, as literal cases per system."""

from __future__ import annotations

import pytest

from glossary.text import cantonese, romanize

# (characters, kind, system, expected form) — grouped by system.
CASES = [
    # Wade–Giles: apostrophes for aspirates, ü, the given name hyphenated.
    ("蔡英文", "person", "wade_giles", "Ts'ai Ying-wen"),
    ("谢锋", "person", "wade_giles", "Hsieh Feng"),
    ("毛泽东", "person", "wade_giles", "Mao Tse-tung"),
    ("邓小平", "person", "wade_giles", "Teng Hsiao-p'ing"),
    ("许信良", "person", "wade_giles", "Hsü Hsin-liang"),
    ("吕秀莲", "person", "wade_giles", "Lü Hsiu-lien"),
    ("欧阳修", "person", "wade_giles", "Ou-yang Hsiu"),
    ("周恩来", "person", "wade_giles", "Chou En-lai"),
    # Taiwan: Wade–Giles as passports write it, no apostrophes or ü.
    ("蔡英文", "person", "taiwan", "Tsai Ying-wen"),
    ("賴清德", "person", "taiwan", "Lai Ching-te"),
    ("許信良", "person", "taiwan", "Hsu Hsin-liang"),
    ("呂秀蓮", "person", "taiwan", "Lu Hsiu-lien"),
    ("邓小平", "person", "taiwan", "Teng Hsiao-ping"),
    # Jyutping: each character read alone, as names are (文 man4, not 英文's man2).
    ("蔡英文", "person", "jyutping", "coi3 jing1 man4"),
    ("林郑月娥", "person", "jyutping", "lam4 zeng6 jyut6 ngo4"),
    ("何厚鏵", "person", "jyutping", "ho4 hau5 waa4"),
    # Hong Kong: the government's spelling, surname apart, the given name hyphenated.
    ("蔡英文", "person", "hong_kong", "Choi Ying-man"),
    ("林鄭月娥", "person", "hong_kong", "Lam Cheng Yuet-ngor"),
    ("林郑月娥", "person", "hong_kong", "Lam Cheng Yuet-ngor"),
    ("李家超", "person", "hong_kong", "Lee Ka-chiu"),
    ("黃之鋒", "person", "hong_kong", "Wong Chi-fung"),
    ("陈方安生", "person", "hong_kong", "Chan Fong On-sang"),
    ("张国荣", "person", "hong_kong", "Cheung Kwok-wing"),
    ("曾荫权", "person", "hong_kong", "Tsang Yam-kuen"),
    ("欧阳娜娜", "person", "hong_kong", "Au-Yeung Na-na"),
    ("歐陽", "person", "hong_kong", "Au-Yeung"),  # a compound surname alone
    # Macau: every syllable apart; j written i, ing written eng, iu written io.
    ("何厚鏵", "person", "macau", "Ho Hau Wah"),
    ("賀一誠", "person", "macau", "Ho Iat Seng"),
    ("崔世安", "person", "macau", "Chui Sai On"),
    ("岑浩輝", "person", "macau", "Sam Hou Fai"),
    ("黃少澤", "person", "macau", "Wong Sio Chak"),
    # Other kinds: a term's Wade–Giles stays lower case; Cantonese spellings are for names.
    ("和谐", "term", "wade_giles", "ho-hsieh"),
    ("和谐", "term", "hong_kong", None),
    ("和谐", "term", "jyutping", "wo4 haai4"),
    ("和谐", "term", "taiwan", "ho-hsieh"),
    ("唐纳德·特朗普", "person", "hong_kong", None),
    ("Xie Feng", "person", "wade_giles", None),
    # A person's name is read as a name (謝 Tse as a surname), with or without a space after
    # the surname; a single character is no surname and given name.
    ("谢锋", "person", "hong_kong", "Tse Fung"),
    ("谢锋", "person", "macau", "Che Fong"),
    ("蔡 英文", "person", "hong_kong", "Choi Ying-man"),
    ("蔡", "person", "hong_kong", None),
    # Places and organizations: Taiwan writes their words unhyphenated; Hong Kong and Macau
    # spell each character.
    ("香港", "place", "wade_giles", "Hsiang-kang"),
    ("香港", "place", "taiwan", "Hsiangkang"),
    ("香港", "place", "hong_kong", "Heung Kong"),
    ("香港", "place", "macau", "Heong Kong"),
    ("中国银行", "organization", "taiwan", "Chungkuo Yinhang"),
    ("中国银行", "organization", "hong_kong", "Chung Kwok Ngan Hang"),
    ("谢锋", "organization", "hong_kong", "Che Fung"),
]


@pytest.mark.parametrize(("characters", "kind", "system", "expected"), CASES)
def test_system_form(characters: str, kind: str, system: str, expected: str | None) -> None:
    assert romanize.systems(characters, kind)[system] == expected


def test_systems_lists_every_system() -> None:
    assert list(romanize.systems("谢锋", "person")) == [
        "wade_giles",
        "taiwan",
        "jyutping",
        "hong_kong",
        "macau",
    ]


def test_stored_pinyin_is_used_for_wade_giles() -> None:
    # 单 as a surname reads Shàn; an editor's stored reading wins over the computed one.
    assert romanize.systems("单田芳", "person", "Shàn Tiánfāng")["wade_giles"] == "Shan T'ien-fang"
    assert romanize.systems("单田芳", "person", "Dān Tiánfāng")["wade_giles"] == "Tan T'ien-fang"


# Jyutping syllables split into initial and final, and spelt by each table.
SPELLINGS = [
    ("gwok3", "hong_kong", "kwok"),
    ("jyut6", "hong_kong", "yuet"),
    ("zyu1", "hong_kong", "chu"),
    ("syu1", "hong_kong", "shu"),
    ("si1", "hong_kong", "sze"),
    ("loeng4", "hong_kong", "leung"),
    ("ng4", "hong_kong", "ng"),
    ("jat1", "macau", "iat"),
    ("jip6", "macau", "ip"),
    ("jyu4", "macau", "u"),
    ("joeng4", "macau", "ieong"),
    ("sing4", "macau", "seng"),
    ("siu2", "macau", "sio"),
]


@pytest.mark.parametrize(("syllable", "system", "expected"), SPELLINGS)
def test_spell_syllable(syllable: str, system: str, expected: str) -> None:
    assert cantonese.spell(syllable, system) == expected


def test_wade_giles_syllables_with_u_umlaut() -> None:
    assert romanize.wade_giles_syllable("lü") == "lü"
    assert romanize.wade_giles_syllable("lv") == "lü"
    assert romanize.wade_giles_syllable("nüe") == "nüeh"
    assert romanize.wade_giles_syllable("xue") == "hsüeh"


def test_a_wade_giles_word_keeps_apostrophes_and_u_umlaut_unless_for_taiwan() -> None:
    assert romanize.wade_giles_word(["cai"]) == "Ts'ai"
    assert romanize.wade_giles_word(["xu"]) == "Hsü"
    assert romanize.wade_giles_word(["xu"], taiwan=True) == "Hsu"
    assert romanize.wade_giles_word(["ying", "wen"], taiwan=True) == "Ying-wen"


def test_every_table_row_has_a_source() -> None:
    for name in ("hong_kong.tsv", "macau.tsv", "hong_kong_surnames.tsv", "macau_surnames.tsv"):
        rows = cantonese._rows(name)
        assert rows, name
        assert all(row["source"].strip() for row in rows), name


def test_wade_giles_fixes_are_still_needed() -> None:
    from pypinyin.style.wadegiles import to_wade_glides

    for row in romanize._table("wade_giles.tsv"):
        assert to_wade_glides(row["pinyin"]) == row["pypinyin"], row
        assert romanize.wade_giles_syllable(row["pinyin"]) == row["wade_giles"]


def test_the_readme_table_is_what_systems_writes() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Every romanization out, any romanization in")[1]
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    names = [cell.strip() for cell in lines[0].strip("|").split("|")][1:]
    rows = {
        cells[0].strip("` "): [c.strip() for c in cells[1:]]
        for cells in (line.strip("|").split("|") for line in lines[2:8])
    }
    for index, name in enumerate(names):
        forms = romanize.systems(name, "person")
        assert rows["pinyin"][index] == romanize.reading(name, "person")
        for system in romanize.SYSTEMS:
            assert rows[system][index] == forms[system], (name, system)


def test_the_systems_bench_meets_the_target() -> None:
    from bench.names_accuracy import measure_systems

    result = measure_systems()
    assert set(result) == {"wade_giles", "taiwan", "hong_kong", "macau"}
    for system, by_spelling in result.items():
        regular = by_spelling["regular"]
        assert regular["rows"] >= 15, system
        assert regular["found_share"] >= 0.95, (system, regular["misses"])
        assert regular["recognised_share"] >= 0.95, (system, regular["misses"])


def test_the_jyutping_table_is_what_tojyutping_gives() -> None:
    # readings/jyutping.tsv is generated (`make jyutping`): stale when ToJyutping changes.
    assert {c: tuple(r) for c, r in cantonese.tojyutping_readings().items()} == (
        cantonese.readings_table()
    )
