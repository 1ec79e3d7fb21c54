"""Did you mean: spellings near a query that finds nothing, checked to find something."""

from __future__ import annotations

import math
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from glossary.dictionary import cedict
from glossary.exchange import importer
from glossary.store.connection import connect
from glossary.text import spelling
from tests.helpers import html

# The lexicon's own cases: words and how many entries use each.
LEXICON = spelling.Lexicon.of(
    [
        ("race", 3),
        ("the", 50),
        ("top", 4),
        ("tea", 2),
        ("tsinghua", 2),
        ("university", 5),
        ("xie", 2),
        ("feng", 2),
        ("computer", 2),
    ]
)


@pytest.mark.parametrize(
    ("query", "best"),
    [
        # An English word misspelt: a letter swapped, missing, or wrong.
        ("race to teh top", ((0, 1), "race to the top")),
        ("tsinghau", ((0, 1), "tsinghua")),
        ("computr", ((0, 1), "computer")),
        ("Tsinghau Universty", ((0, 2), "tsinghua university")),
        # Pinyin: a syllable misspelt, spaced or not.
        ("xie fneg", ((0, 1), "xie feng")),
        ("xiefneg", ((0, 1), "xie feng")),
    ],
)
def test_the_best_correction(query, best):
    assert spelling.corrections(query, LEXICON)[0] == best


def test_a_word_the_query_repeats_is_respelt_once(monkeypatch):
    """Each word is looked up among the lexicon's once, however often the query holds it:
    "top" twice, and its spelling as pinyin (tou) is offered in either place."""
    looked_up = []
    near = spelling.Lexicon.near
    monkeypatch.setattr(
        spelling.Lexicon,
        "near",
        lambda self, word, edits: looked_up.append(word) or near(self, word, edits),
    )
    assert spelling.corrections("top race top", LEXICON) == [
        ((0, 1), "top race tou"),
        ((0, 1), "tou race top"),
        ((0, 1), "top a ce top"),
        ((0, 1), "top ran ce top"),
    ]
    assert looked_up == ["top", "race"]


def test_a_missing_letter_of_pinyin_is_among_the_first_corrections():
    # zhong guo, zhong bo, zhon→zhong…: one edit each; a search tells which finds something.
    assert ((0, 1), "zhong guo") in spelling.corrections("zhonguo", LEXICON)


@pytest.mark.parametrize(
    "query",
    [
        "谢锋",  # characters are searched in both scripts already
        "xie feng",  # spelt right: nothing to correct
        "qxzvjk",  # nothing near
        "ab",  # too short to correct
        "",
    ],
)
def test_no_correction(query):
    assert [text for (_, edits), text in spelling.corrections(query, LEXICON) if edits] == []


def test_pinyin_is_respelt_syllable_by_syllable():
    assert spelling.pinyin_spellings("xiefneg")[0] == (1, ("xie", "feng"))
    # Syllables only interjections have are not offered: not xie fe ng.
    assert all("ng" not in way[1] for way in spelling.pinyin_spellings("xiefeng"))
    # A syllable starting with a vowel would need an apostrophe inside a word: not xi e feng.
    assert all("e" not in way[1][1:] for way in spelling.pinyin_spellings("xiefneg"))


def test_the_lexicon_keeps_the_most_used_words():
    lexicon = spelling.Lexicon.of([("race", 3), ("rice", 1), ("rage", 2), ("x1", 9)], most=2)
    assert lexicon.frequency == {"race": 3, "rage": 2}
    assert lexicon.near("rcae", 1) == [("race", 1)]


def test_the_lexicon_keeps_words_of_three_letters_or_more_written_in_ascii_letters():
    lexicon = spelling.Lexicon.of(
        [("race", 3), ("race", 2), ("ai", 9), ("谢锋家", 9), ("café", 9), ("x1y", 9)]
    )
    assert lexicon.frequency == {"race": 5}  # a word from two sources counts both


def test_the_lexicon_keeps_the_most_used_words_not_the_first_in_the_alphabet():
    lexicon = spelling.Lexicon.of([("zeal", 9), ("able", 1), ("most", 5)], most=2)
    assert lexicon.frequency == {"zeal": 9, "most": 5}


def test_the_most_used_word_the_glossary_adds_to_a_shelf_comes_first():
    """A shelf the glossary adds to holds the dictionary's words first: "can", the most used
    of six words one edit from "cat", is last on its shelf and first of the nearest."""
    dictionary = spelling.Lexicon.of([("cut", 5), ("cot", 4), ("cap", 3), ("car", 2), ("cab", 1)])
    glossary = spelling.Lexicon.of([("can", 1000)], base=dictionary)
    assert glossary.shelves[(3, "c")][-1] == "can"
    assert glossary.near("cat", 1) == [("can", 1), ("cut", 1), ("cot", 1), ("cap", 1)]


@pytest.mark.parametrize(
    ("word", "edits"),
    [("ab", 0), ("abc", 1), ("abcdefg", 1), ("abcdefgh", 2), ("abcdefghijklmn", 2)],
)
def test_the_edits_a_word_may_have(word, edits):
    assert spelling.edits_allowed(word) == edits


def test_a_query_of_more_than_eight_words_is_not_respelt():
    eight = "the the the the race to teh top"
    assert spelling.corrections(eight, LEXICON)[0] == ((0, 1), "the the the the race to the top")
    assert spelling.corrections("the " + eight, LEXICON) == []


def test_a_word_too_short_to_respell_is_only_itself():
    assert spelling._spellings("to", LEXICON) == [spelling.Spelling(False, 0, 0.0, 0, "to")]


def test_a_spelling_is_rarer_by_how_much_less_used_its_word_is():
    lexicon = spelling.Lexicon.of([("race", 3), ("rice", 20)])
    assert spelling._spellings("race", lexicon)[:2] == [
        spelling.Spelling(False, 0, 0.0, 0, "race"),  # as typed: nothing changed
        spelling.Spelling(False, 1, math.log1p(3) - math.log1p(20), 2, "rice"),
    ]
    # A word the lexicon does not hold is used by no entry.
    assert spelling._spellings("raec", lexicon)[0] == spelling.Spelling(
        False, 1, -math.log1p(3), 2, "race"
    )


def test_a_word_is_respelt_as_pinyin_with_its_syllables_counted_as_words():
    spellings = spelling._spellings("xiefneg", spelling.Lexicon.of([("xie", 2)]))
    # Not in the lexicon (used by none: 0), two syllables: 2; the letters swapped: 2 indels.
    assert spellings[0] == spelling.Spelling(False, 1, 2.0, 2, "xie feng")
    assert spellings[-1] == spelling.Spelling(True, 0, 0.0, 0, "xiefneg")  # unknown, last


def test_a_word_keeps_five_spellings_at_most():
    spellings = spelling._spellings("xiefneg", spelling.Lexicon.of([("xiefeng", 5)]))
    assert [s.text for s in spellings] == ["xiefeng", "xie feng", "xie ne", "xie neng", "xie nei"]


def test_the_changes_of_a_query_with_their_counts():
    """Each change as its rank, rarity, indels and text, from each word's first spelling:
    b's is b1 (its nearest, one edit), so changing it to itself is the query as spelt."""
    s = spelling.Spelling
    a = [s(False, 0, 0.0, 0, "a1"), s(False, 1, 0.5, 1, "a2"), s(False, 2, 0.25, 2, "a3")]
    b = [s(False, 1, -1.0, 2, "b1"), s(False, 1, -0.5, 1, "b2"), s(True, 0, 0.0, 0, "bx")]
    c = [s(False, 0, 0.0, 0, "c1")]
    assert list(spelling._changes([a, b, c])) == [
        ((0, 2), -0.5, 3, "a2 b1 c1"),
        ((0, 2), -0.5, 3, "a2 b1 c1"),  # a2, and b1 for b1
        ((0, 2), 0.0, 2, "a2 b2 c1"),
        ((0, 3), -0.75, 4, "a3 b1 c1"),  # a3 with b's nearest; no second change past 2 edits
        ((0, 1), -1.0, 2, "a1 b1 c1"),
        ((0, 1), -0.5, 1, "a1 b2 c1"),
    ]


@pytest.mark.parametrize(
    ("letters", "ways"),
    [
        # Fewest edits, then fewest letters left out or added, then fewest syllables:
        # ero → er (o left out) before e rao (a left out), both one edit.
        ("ero", [(1, ("er",)), (1, ("e", "rao")), (1, ("e", "rou")), (1, ("e", "ruo"))]),
        ("anhiu", [(1, ("a", "niu")), (1, ("an", "hu")), (1, ("an", "diu")), (1, ("an", "hou"))]),
        ("annuk", [(1, ("an", "nu")), (1, ("an", "nun")), (1, ("an", "nuo")), (2, ("an", "ku"))]),
        ("ebuu", [(1, ("e", "bu")), (2, ("e", "bu")), (2, ("e", "cu")), (2, ("e", "du"))]),
        # A chunk near syllables that start with a vowel (ev: e, ei…) and others (lv, nv).
        ("xiev", [(1, ("xie",)), (1, ("xi", "lv")), (1, ("xi", "nv"))]),
        # Four syllables of six letters at most; letters other than ASCII never.
        (
            "zhuangzhuangzhuangzhuamg",
            [
                (1, ("zhuang", "zhuang", "zhuang", "zhuang")),
                (1, ("zhuang", "zhuang", "zhuang", "zhua", "ma")),
                (1, ("zhuang", "zhuang", "zhuang", "zhua", "me")),
                (1, ("zhuang", "zhuang", "zhuang", "zhua", "mi")),
            ],
        ),
        ("zhuangzhuangzhuangzhuamgz", []),
        ("xiéfneg", []),
    ],
)
def test_pinyin_spellings_in_order(letters, ways):
    assert spelling.pinyin_spellings(letters) == ways


class ReadShelves(dict):
    """Shelves that note which of them a lookup reads."""

    read: list[tuple[int, str]]

    def get(self, key, default=None):
        self.read.append(key)
        return super().get(key, default)


def shelved(words):
    lexicon = spelling.Lexicon.of(words)
    shelves = ReadShelves(lexicon.shelves)
    shelves.read = []
    return spelling.Lexicon(lexicon.frequency, shelves), shelves.read


def test_words_two_edits_away_are_not_read_when_four_are_one_away():
    one_away = [("changshi", 9), ("changshu", 8), ("changshe", 7), ("changsh", 6)]
    lexicon, read = shelved([*one_away, ("chengshi", 50), ("changshang", 90)])
    assert lexicon.near("changsha", 2) == [(word, 1) for word, _ in one_away]
    assert read == [(7, "c"), (8, "c"), (9, "c")]  # not 6 or 10 letters long


def test_words_two_edits_away_are_read_when_fewer_than_four_are_one_away():
    lexicon, read = shelved([("changshi", 9), ("chengshi", 50), ("changshang", 90), ("cangsh", 5)])
    assert lexicon.near("changsha", 2) == [
        ("changshi", 1),
        ("changshang", 2),  # the more used of two words as far
        ("chengshi", 2),
        ("cangsh", 2),
    ]
    assert read[-5:] == [(6, "c"), (7, "c"), (8, "c"), (9, "c"), (10, "c")]


def test_an_unknown_word_is_respelt_in_every_correction():
    """A word neither in the lexicon nor pinyin is, in every correction, one of its
    spellings: its nearest where another word is respelt, and its others alone."""
    lexicon = spelling.Lexicon.of([("race", 5), ("rice", 1), ("topic", 8), ("tropics", 1)])
    assert spelling.corrections("rice topics", lexicon) == [
        ((0, 1), "rice topic"),
        ((0, 1), "rice tropics"),
        ((0, 2), "race topic"),  # the edit of topics counted with race's
        ((0, 2), "race tropics"),
    ]


def test_the_glossarys_words_go_over_the_dictionarys_without_changing_them():
    dictionary = spelling.Lexicon.of([("computer", 5), ("compute", 2)])
    glossary = spelling.Lexicon.of([("computex", 100), ("computer", 300)], base=dictionary)
    assert glossary.near("computr", 1) == [("computer", 1), ("compute", 1)]
    assert glossary.frequency["computer"] == 300  # the glossary's count, not added twice
    assert glossary.near("computey", 1) == [("computer", 1), ("computex", 1), ("compute", 1)]
    # The base is as it was.
    assert dictionary.near("computey", 1) == [("computer", 1), ("compute", 1)]
    assert "computex" not in dictionary.frequency


# /api/search and the results page -----------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "suggested"),
    [
        ("xie fneg", "xie feng"),
        ("race to teh top", "race to the top"),
        ("tsinghau", "tsinghua"),
        ("xiefneg", "xie feng"),
    ],
)
def test_a_search_that_finds_nothing_says_what_would(client, query, suggested):
    document = client.get("/api/search", query_string={"q": query}).get_json()
    assert document["total"] == 0
    assert document["did_you_mean"][0] == suggested
    for text in document["did_you_mean"]:  # each one finds something
        assert client.get("/api/search", query_string={"q": text}).get_json()["total"] > 0


def test_a_search_that_finds_something_suggests_nothing(client):
    document = client.get("/api/search", query_string={"q": "xie feng"}).get_json()
    assert document["total"] > 0
    assert document["did_you_mean"] == []


def test_suggestions_find_something_with_the_same_filters(client):
    # No place is named or described as Tsinghua: among places it is not offered.
    place = client.get("/api/search", query_string={"q": "tsinghau", "kind": "place"})
    assert (
        client.get("/api/search", query_string={"q": "tsinghua", "kind": "place"}).get_json()[
            "total"
        ]
        == 0
    )
    assert place.get_json()["did_you_mean"] == []
    found = client.get("/api/search", query_string={"q": "tsinghau", "kind": "organization"})
    assert found.get_json()["did_you_mean"] == ["tsinghua"]


def test_nothing_near_suggests_nothing(client):
    document = client.get("/api/search", query_string={"q": "qxzvjkq"}).get_json()
    assert document["did_you_mean"] == []


def test_a_miss_searches_at_most_four_corrections(client, monkeypatch):
    """A query that finds nothing costs a few searches more, not one for every way to respell
    it: "of the housand" has eight corrections (syllables of hou-sand and of them/then), none
    of which finds anything; the best four are searched for."""
    from glossary import search

    searched = []
    finds = search._finds
    monkeypatch.setattr(
        search,
        "_finds",
        lambda db, request, text: searched.append(text) or finds(db, request, text),
    )
    document = client.get("/api/search", query_string={"q": "of the housand"}).get_json()
    assert document["total"] == 0
    assert document["did_you_mean"] == []
    assert searched == ["of the hou san", "of the hou sang", "of the hou sa na", "of the hou sa ne"]


def test_the_results_page_links_to_the_suggestion(client):
    page = html(client.get("/search", query_string={"q": "xie fneg", "kind": "person"}))
    [link] = page.select("p.did-you-mean a")
    assert link.get_text() == "xie feng"
    address = urlsplit(link["href"])
    assert address.path == "/search"
    assert parse_qs(address.query) == {"q": ["xie feng"], "kind": ["person"]}
    assert (
        html(client.get(link["href"]))
        .select_one("ol.results a.card-link")["href"]
        .startswith("/entries/")
    )


def test_the_suggestion_is_translated(client):
    page = html(client.get("/search", query_string={"q": "xie fneg", "lang": "zh_Hans"}))
    assert page.select_one("p.did-you-mean").get_text(" ", strip=True).startswith("你是不是要找")


def test_a_new_entry_is_in_the_lexicon_at_once(app, client):
    assert (
        client.get("/api/search", query_string={"q": "zhongnanhia"}).get_json()["did_you_mean"]
        == []
    )
    database = connect(app.config["DATABASE"])
    try:
        importer.import_document(
            database, {"format": "glossary/1", "entries": [_entry("Zhongnanhai", "中南海")]}
        )
    finally:
        database.conn.close()
    document = client.get("/api/search", query_string={"q": "zhongnanhia"}).get_json()
    assert document["did_you_mean"] == ["zhongnanhai"]


def _entry(english: str, simplified: str) -> dict:
    return {
        "key": english.lower(),
        "kind": "place",
        "english": english,
        "simplified": simplified,
        "sources": [
            {"quote": english, "title": "A source", "published": "2026-01-01"},
        ],
    }


# With the base dictionary loaded ------------------------------------------------------------

CEDICT = """\
# CC-CEDICT
#! version=1
#! subversion=0
#! format=ts
#! charset=UTF-8
#! entries=3
#! publisher=MDBG
#! license=https://creativecommons.org/licenses/by-sa/4.0/
#! date=2023-11-07T06:42:16Z
電腦 电脑 [dian4 nao3] /computer/CL:臺|台[tai2]/
中國 中国 [Zhong1 guo2] /China/
安全 安全 [an1 quan2] /safe/secure/safety/security/
"""


@pytest.fixture
def dictionary_client(app, tmp_path: Path):
    path = tmp_path / "cedict_ts.u8"
    path.write_text(CEDICT, encoding="utf-8")
    database = connect(app.config["DATABASE"])
    try:
        cedict.import_cedict(database, path)
    finally:
        database.conn.close()
    return app.test_client()


@pytest.mark.parametrize(
    ("query", "suggested"),
    [
        ("computr", ["computer"]),  # a word of a definition
        ("securty", ["security"]),
        # A dictionary entry's pinyin, as the seed glossary writes the word (Zhōngguó…).
        ("zhonguo", ["zhongguo"]),
    ],
)
def test_the_dictionary_words_are_suggested(dictionary_client, query, suggested):
    document = dictionary_client.get("/api/search", query_string={"q": query}).get_json()
    assert document["total"] == 0
    assert document["did_you_mean"] == suggested
