"""Differences between two snapshots of an entry, field by field (entries.revisions, pure)."""

from __future__ import annotations

import pytest

from glossary.entries import revisions
from glossary.entries.revisions import FIELDS, diff, lines

SOURCE = {
    "quote": "XIE Feng (谢锋) signaled a “race to the top”.",
    "quote_zh": None,
    "title": "China-US launch AI dialogue.",
    "publisher": None,
    "url": None,
    "published": "2026-05",
    "accessed": None,
}
XIE_FENG = {
    "kind": "person",
    "english": "Xie Feng",
    "aliases": ["XIE Feng", "Ambassador Xie Feng"],
    "simplified": "谢锋",
    "traditional": "謝鋒",
    "pinyin": "Xiè Fēng",
    "romanization": "",
    "romanization_system": "",
    "description": "Chinese Ambassador to the United States.",
    "notes": "",
    "tags": ["diplomacy", "china-us"],
    "status": "preferred",
    "sources": [SOURCE],
    "affiliations": [
        {"organization_id": 10, "role": "Ambassador", "as_of": "2026-05", "source": 0}
    ],
    "related": [10, 25],
}
NAMES = {10: "Ministry of Foreign Affairs 外交部", 25: "Wang Yi 王毅", 26: "Qin Gang 秦刚"}


def changed(**fields):
    return {**XIE_FENG, **fields}


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        # Nothing changed: nothing to show
        (XIE_FENG, []),
        # Scalar fields: the old and new text
        (
            changed(english="Xie Feng (diplomat)"),
            [{"field": "english", "old": "Xie Feng", "new": "Xie Feng (diplomat)"}],
        ),
        (
            changed(simplified="谢峰", traditional="謝峰"),
            [
                {"field": "simplified", "old": "谢锋", "new": "谢峰"},
                {"field": "traditional", "old": "謝鋒", "new": "謝峰"},
            ],
        ),
        (
            changed(pinyin="Xiè Fèng"),
            [{"field": "pinyin", "old": "Xiè Fēng", "new": "Xiè Fèng"}],
        ),
        # An empty field and a missing or None one are the same: no change
        (changed(notes=None), []),
        ({k: v for k, v in XIE_FENG.items() if k != "romanization"}, []),
        (changed(notes="Say Xie."), [{"field": "notes", "old": "", "new": "Say Xie."}]),
        # Lists of words: every item on each side
        (
            changed(aliases=["XIE Feng", "谢大使"]),
            [
                {
                    "field": "aliases",
                    "old": ["XIE Feng", "Ambassador Xie Feng"],
                    "new": ["XIE Feng", "谢大使"],
                }
            ],
        ),
        (
            changed(tags=[]),
            [{"field": "tags", "old": ["diplomacy", "china-us"], "new": []}],
        ),
        # Related entries by name when the name is known
        (
            changed(related=[10, 26]),
            [
                {
                    "field": "related",
                    "old": ["Ministry of Foreign Affairs 外交部 (#10)", "Wang Yi 王毅 (#25)"],
                    "new": ["Ministry of Foreign Affairs 外交部 (#10)", "Qin Gang 秦刚 (#26)"],
                }
            ],
        ),
        # Affiliations: role, organization, as of, which source says so
        (
            changed(affiliations=[]),
            [
                {
                    "field": "affiliations",
                    "old": [
                        "Ambassador, Ministry of Foreign Affairs 外交部 (#10), as of 2026-05 "
                        "(source 1)"
                    ],
                    "new": [],
                }
            ],
        ),
        # Sources: one line each, quote — title, publisher, published, url
        (
            changed(sources=[{**SOURCE, "url": "https://example.org/a", "publisher": "Xinhua"}]),
            [
                {
                    "field": "sources",
                    "old": [
                        "XIE Feng (谢锋) signaled a “race to the top”. — "
                        "China-US launch AI dialogue., 2026-05"
                    ],
                    "new": [
                        "XIE Feng (谢锋) signaled a “race to the top”. — "
                        "China-US launch AI dialogue., Xinhua, 2026-05, https://example.org/a"
                    ],
                }
            ],
        ),
        # Several fields at once come in the fixed order, whatever order the dict has
        (
            {**changed(status="deprecated", kind="term"), "english": "Xie"},
            [
                {"field": "kind", "old": "person", "new": "term"},
                {"field": "english", "old": "Xie Feng", "new": "Xie"},
                {"field": "status", "old": "preferred", "new": "deprecated"},
            ],
        ),
    ],
)
def test_diff(new, expected):
    assert diff(XIE_FENG, new, NAMES) == expected


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        # A Chinese quote follows the English one; an access date comes last
        (
            "sources",
            [{**SOURCE, "quote_zh": "谢锋表示", "accessed": "2026-05-20"}],
            [
                "XIE Feng (谢锋) signaled a “race to the top”. / 谢锋表示 — "
                "China-US launch AI dialogue., 2026-05 (accessed 2026-05-20)"
            ],
        ),
        # An affiliation without a role, date or source, to an entry not named
        ("affiliations", [{"organization_id": 99, "role": None, "as_of": None}], ["#99"]),
        # Related entries whose names are not known are shown by id
        ("related", [7], ["#7"]),
        ("aliases", None, []),
    ],
)
def test_lines(field, value, expected):
    assert lines(field, value) == expected


def test_lines_use_the_wording_given():
    wording = {"accessed": "（%(date)s访问）", "as_of": "截至%(date)s", "source": "来源%(number)s"}
    affiliation = {"organization_id": 10, "role": "大使", "as_of": "2026-05", "source": 1}
    assert lines("affiliations", [affiliation], NAMES, wording) == [
        "大使, Ministry of Foreign Affairs 外交部 (#10), 截至2026-05 (来源2)"
    ]


def test_lines_punctuate_as_the_wording_given():
    """A Chinese page's commas and brackets are full-width, between the details and around the
    affiliation's source."""
    wording = {"as_of": "截至%(date)s", "source": "来源%(number)s", "separator": "，"}
    wording["cited"] = "%(line)s（%(source)s）"
    affiliation = {"organization_id": 10, "role": "大使", "as_of": "2026-05", "source": 1}
    assert lines("affiliations", [affiliation], NAMES, wording) == [
        "大使，Ministry of Foreign Affairs 外交部 (#10)，截至2026-05（来源2）"
    ]
    source = {"quote": "Q", "title": "T", "publisher": "P", "published": "2026-05"}
    assert lines("sources", [source], NAMES, wording) == ["Q — T，P，2026-05"]


def test_every_snapshot_field_is_compared():
    assert set(FIELDS) == set(XIE_FENG)


def test_the_fields_are_those_of_a_stored_snapshot():
    from glossary.model import FIELDS as RECORD_FIELDS

    assert set(FIELDS) == {*RECORD_FIELDS, "sources", "affiliations", "related"}


@pytest.mark.parametrize(
    ("old", "new", "old_parts", "new_parts"),
    [
        # a word added at the end
        (
            "Xie Feng",
            "Xie Feng (diplomat)",
            [("Xie Feng", False)],
            [("Xie Feng", False), (" (diplomat)", True)],
        ),
        # Chinese by characters
        ("谢锋", "谢峰", [("谢", False), ("锋", True)], [("谢", False), ("峰", True)]),
        # pinyin by words, accents and all
        (
            "Xiè Fēng",
            "Xiè Fèng",
            [("Xiè ", False), ("Fēng", True)],
            [("Xiè ", False), ("Fèng", True)],
        ),
        # a word replaced in the middle of a sentence
        (
            "the race to the top",
            "the race to the bottom",
            [("the race to the ", False), ("top", True)],
            [("the race to the ", False), ("bottom", True)],
        ),
        # nothing in common
        ("a", "b", [("a", True)], [("b", True)]),
    ],
)
def test_word_parts_mark_words_and_characters(old, new, old_parts, new_parts):
    assert revisions.word_parts(old, new) == (old_parts, new_parts)


def test_paired_lines_mark_the_words_of_lines_changed_in_place():
    pairs = revisions.paired_lines(["XIE Feng", "kept"], ["kept", "XIE Feng Ambassador"])
    assert pairs["XIE Feng"][0] == [("XIE Feng", False)]
    assert pairs["XIE Feng Ambassador"][1] == [("XIE Feng", False), (" Ambassador", True)]
    assert "kept" not in pairs


def test_lines_with_little_in_common_are_not_paired():
    assert revisions.paired_lines(["Ambassador Xie Feng"], ["谢大使"]) == {}
