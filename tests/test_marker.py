"""The article reader's marker: every mention of every form, as a brute-force reading finds
them. The marker keeps its forms in a trie and asks it for the prefixes of the text; here each
form is looked for at every place of the text with str.startswith, and the same rules pick
the mentions (whole words for English, the case of an acronym, Chinese anywhere, the longest
first, no two overlapping)."""

from __future__ import annotations

import random

import pytest

from glossary import articles

ENTRIES = [
    # id, kind, english, aliases, simplified, traditional, romanization
    (1, "organization", "NATO", [], "北约", "北約", ""),
    (2, "term", "nato", ["Nato Treaty"], "纳托", "", ""),
    (3, "term", "network", ["the net"], "网络", "網絡", ""),
    (4, "term", "X-ray", [], "X光", "", ""),
    (5, "term", "karaoke", [], "卡拉OK", "", ""),
    (6, "place", "Beijing", ["Peking"], "北京", "", "Pei-ching"),
    (7, "place", "Beijing West", [], "北京西站", "", ""),
    (8, "person", "Xie Feng", [], "谢锋", "謝鋒", "Hsieh Feng"),
    (9, "organization", "CASS", ["Chinese Academy of Social Sciences"], "社科院", "", ""),
    (10, "term", "the", [], "的", "", ""),
]
PIECES = [
    "NATO", "nato", "Nato", "NATO's", "NATOs", "network", "networks", "the net", "5G网络",
    "網絡", "AX光", "X光", "x光", "卡拉OK", "卡拉ok", "Beijing", "Beijing West", "BEIJING",
    "北京西站", "北京西", "Peking", "Pei-ching", "Xie Feng", "Hsieh Feng", "谢锋", "CASS",
    "cass", "Chinese Academy of Social Sciences", "the", "theory", "的", "社科院", " ", " ",
    ", ", "。", "-", "'", "(", ")", "a", "1",
]  # fmt: skip


def forms(entry: tuple) -> dict:
    entry_id, kind, english, aliases, simplified, traditional, romanization = entry
    return {"id": entry_id, "kind": kind, "english": english, "aliases": aliases,
            "simplified": simplified, "traditional": traditional, "pinyin": "",
            "romanization": romanization}  # fmt: skip


def brute_force(text: str) -> list[tuple[int, str, int, int]]:
    """The mentions of ENTRIES' forms in text, each form looked for at every place."""
    lowered = articles._lower(text)
    owners: dict[str, list[tuple[int, str]]] = {}
    for entry in ENTRIES:
        for form in articles._forms(forms(entry)):
            owners.setdefault(articles._lower(form), []).append((entry[0], form))
    hits = []
    for key, owned in owners.items():
        for start in range(len(text)):
            if not lowered.startswith(key, start):
                continue
            end = start + len(key)
            for entry_id, form in owned:
                chinese = articles.hanzi.has_cjk(form)
                if not chinese and form.isupper() and text[start:end] != form:
                    continue
                if chinese or articles._apart(text, start, end):
                    hits.append((start, start - end, entry_id, text[start:end], end))
                    break
    marks: list[tuple[int, str, int, int]] = []
    for start, _, entry_id, surface, end in sorted(hits):
        if not marks or start >= marks[-1][3]:
            marks.append((entry_id, surface, start, end))
    return marks


@pytest.fixture(scope="module")
def marker() -> articles.Marker:
    return articles.Marker(forms(entry) for entry in ENTRIES)


def marks(marker: articles.Marker, text: str) -> list[tuple[int, str, int, int]]:
    return [(m.entry_id, m.surface, m.start, m.end) for m in marker.marks(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NATO and nato", [(1, "NATO", 0, 4), (2, "nato", 9, 13)]),  # an acronym in its case
        ("NATOs", []),  # not a whole word
        ("5G网络", [(3, "网络", 2, 4)]),  # Chinese after a letter
        ("AX光", [(4, "X光", 1, 3)]),  # Chinese that begins with a letter, within a word
        ("卡拉ok!", [(5, "卡拉ok", 0, 4)]),
        ("北京西站", [(7, "北京西站", 0, 4)]),  # the longest
        ("Beijing Westward", [(6, "Beijing", 0, 7)]),
        ("Pei-ching", [(6, "Pei-ching", 0, 9)]),
        ("theory the", [(10, "the", 7, 10)]),
        ("", []),
    ],
)
def test_marks(marker, text, expected):
    assert marks(marker, text) == expected
    assert brute_force(text) == expected


def test_marks_agree_with_looking_for_every_form_everywhere(marker):
    rng = random.Random(18)
    for _ in range(400):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        assert marks(marker, text) == brute_force(text), text


def test_an_organization_is_the_first_one_named(marker):
    assert marker.organization("the 社科院 and NATO") == 9
    assert marker.organization("nato network") is None


def test_an_empty_glossary_marks_nothing():
    empty = articles.Marker([])
    assert (empty.forms, empty.marks("NATO 网络")) == (0, [])
