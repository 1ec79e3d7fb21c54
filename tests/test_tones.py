"""Written pinyin split into syllables by tone, for the pages' tone colours."""

from __future__ import annotations

import pytest

from glossary.text.tones import tone_runs
from glossary.web.display import tones


@pytest.mark.parametrize(
    ("pinyin", "runs"),
    [
        ("Xiè Fēng", (("Xiè", 4), (" ", None), ("Fēng", 1))),
        ("diànnǎo", (("diàn", 4), ("nǎo", 3))),
        ("pútao", (("pú", 2), ("tao", 0))),
        ("Lǚ", (("Lǚ", 3),)),
        ("nǚ'ér", (("nǚ", 3), ("'", None), ("ér", 2))),
        ("5G wǎngluò", (("5", None), ("G", None), (" ", None), ("wǎng", 3), ("luò", 4))),
        ("Zhōngguó", (("Zhōng", 1), ("guó", 2))),
        ("XIE Feng", (("XIE", 0), (" ", None), ("Feng", 0))),
        ("Tsai", (("Tsai", None),)),  # not pinyin: kept whole
    ],
)
def test_tone_runs(pinyin, runs):
    assert tone_runs(pinyin) == runs


def test_the_filter_wraps_syllables_and_escapes_the_rest():
    assert str(tones("Xiè Fēng")) == (
        '<span class="tone4">Xiè</span> <span class="tone1">Fēng</span>'
    )
    assert str(tones("XIE Feng")) == "XIE Feng"  # no tones written: nothing to colour
    assert str(tones("<b>Xiè</b>")) == '&lt;b&gt;<span class="tone4">Xiè</span>&lt;/b&gt;'
