"""The shipped seed data: valid, complete, and quoting the newsletter exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.config import SEED_PATH
from glossary.exchange import importer

NEWSLETTER = (
    Path(__file__).resolve().parents[2] / "shared" / "seed" / "newsletter-us-china-ai-dialogue.txt"
)
SEED = json.loads(SEED_PATH.read_text(encoding="utf-8"))
BY_ENGLISH = {e["english"]: e for e in SEED["entries"]}


def test_seed_is_valid():
    assert importer.validate(SEED) == []
    assert len(SEED["entries"]) >= 35


@pytest.mark.parametrize(
    ("english", "simplified", "traditional", "pinyin"),
    [
        # The characters the newsletter gives, exactly.
        ("Xie Feng", "谢锋", "謝鋒", "Xiè Fēng"),
        ("Fu Ying", "傅莹", "傅瑩", "Fù Yíng"),
        ("Zhao Hai", "赵海", "趙海", "Zhào Hǎi"),
        ("Xiao Qian", "肖茜", "肖茜", "Xiāo Qiàn"),
        ("Sun Chenghao", "孙成昊", "孫成昊", "Sūn Chénghào"),
        ("Cai Cuihong", "蔡翠红", "蔡翠紅", "Cài Cuìhóng"),
    ],
)
def test_named_people_are_verified_with_the_newsletters_characters(
    english, simplified, traditional, pinyin
):
    entry = BY_ENGLISH[english]
    assert (entry["simplified"], entry["traditional"], entry["pinyin"]) == (
        simplified,
        traditional,
        pinyin,
    )
    assert entry["verified"] is True
    assert f"({simplified})" in entry["sources"][0]["quote"]


@pytest.mark.parametrize(
    "english",
    [
        "Donald Trump",
        "Xi Jinping",
        "Scott Bessent",
        "Ministry of Foreign Affairs",
        "People's Daily",
        "Center for International Security and Strategy",
        "Center for Global AI Innovative Governance",
        "China Institutes of Contemporary International Relations",
        "Chinese Academy of Social Sciences",
        "National Institute for Global Strategy",
        "Munich Security Conference",
        "World Economic Forum",
        "United Nations",
        "intergovernmental AI dialogue",
        "race to the top",
        "check brakes before setting off",
        "human control over nuclear weapons",
        "nuclear command, control, and communications",
        "red lines",
        "non-state actors",
        "dual-use",
        "loss of control",
        "AI race narrative",
        "Track 1 dialogue",
        "constructive strategic stability",
        "changes unseen in a century",
        "International AI Safety Report",
        "Global South",
        "red-teaming",
        "deepfakes",
        "content provenance",
        "incident reporting",
        "AI safety",
        "AI security",
    ],
)
def test_every_named_entry_is_in_the_seed(english):
    assert english in BY_ENGLISH


def test_unverified_chinese_says_it_needs_a_source():
    for entry in SEED["entries"]:
        if not entry["verified"]:
            assert "needs a citation" in (entry.get("notes") or ""), entry["key"]


def test_safety_and_security_note_explains_anquan():
    assert "安全" in BY_ENGLISH["AI safety"]["notes"]
    assert "security" in BY_ENGLISH["AI safety"]["notes"]


@pytest.mark.skipif(not NEWSLETTER.exists(), reason="shared/seed is not beside this checkout")
def test_every_quote_is_verbatim_from_the_newsletter():
    text = NEWSLETTER.read_text(encoding="utf-8")
    for entry in SEED["entries"]:
        for source in entry["sources"]:
            assert source["quote"] in text, entry["key"]
