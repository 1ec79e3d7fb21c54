"""Any romanization in: a name typed in another system finds the entry whose characters read so."""

from __future__ import annotations

import pytest

from glossary.exchange import importer
from glossary.text import keys
from tests.helpers import html

# People entered with only their characters, pinyin and an English name in pinyin: no alias.
PEOPLE = [
    ("Mao Zedong", "毛泽东", "Máo Zédōng"),
    ("Deng Xiaoping", "邓小平", "Dèng Xiǎopíng"),
    ("Lai Qingde", "赖清德", "Lài Qīngdé"),
    ("Lin Zheng Yue'e", "林郑月娥", "Lín Zhèng Yuè'é"),
    ("He Yicheng", "贺一诚", "Hè Yīchéng"),
    ("Han Guoyu", "韩国瑜", "Hán Guóyú"),
    ("Cui Shi'an", "崔世安", "Cuī Shì'ān"),
]

# (query, English of the entry found first, system credited, form shown).
FOUND_AS = [
    # Wade–Giles, with and without its apostrophes.
    ("Hsieh Feng", "Xie Feng", "wade_giles", "Hsieh Feng"),
    ("Mao Tse-tung", "Mao Zedong", "wade_giles", "Mao Tse-tung"),
    ("mao tse tung", "Mao Zedong", "wade_giles", "Mao Tse-tung"),
    ("Teng Hsiao-p'ing", "Deng Xiaoping", "wade_giles", "Teng Hsiao-p'ing"),
    ("Teng Hsiao-p’ing", "Deng Xiaoping", "wade_giles", "Teng Hsiao-p'ing"),
    # Taiwan's passports: no apostrophes, the given name hyphenated.
    ("Teng Hsiao-ping", "Deng Xiaoping", "taiwan", "Teng Hsiao-ping"),
    ("Lai Ching-te", "Lai Qingde", "taiwan", "Lai Ching-te"),
    ("Han Kuo-yu", "Han Guoyu", "taiwan", "Han Kuo-yu"),
    ("lai chingte", "Lai Qingde", "taiwan", "Lai Ching-te"),
    # Hong Kong.
    ("Lam Cheng Yuet-ngor", "Lin Zheng Yue'e", "hong_kong", "Lam Cheng Yuet-ngor"),
    ("Tse Fung", "Xie Feng", "hong_kong", "Tse Fung"),
    # Macau: the spelling typed exactly is credited before Hong Kong's (Chui Sai-on).
    ("Ho Iat Seng", "He Yicheng", "macau", "Ho Iat Seng"),
    ("Chui Sai On", "Cui Shi'an", "macau", "Chui Sai On"),
    ("Chui Sai-on", "Cui Shi'an", "hong_kong", "Chui Sai-on"),
    # Begun, not finished.
    ("Mao Tse", "Mao Zedong", "wade_giles", "Mao Tse-tung"),
]


@pytest.fixture
def people(db):
    """The people above, entered as a translator would, with no other romanization."""
    importer.import_document(
        db,
        {
            "format": "glossary/1",
            "entries": [
                {
                    "key": f"person-{index}",
                    "kind": "person",
                    "english": english,
                    "simplified": simplified,
                    "pinyin": pinyin,
                    "sources": [
                        {
                            "quote": f"{english} ({simplified}).",
                            "title": "Example",
                            "published": "2024",
                        }
                    ],
                }
                for index, (english, simplified, pinyin) in enumerate(PEOPLE)
            ],
        },
    )


@pytest.mark.parametrize(("query", "english", "system", "form"), FOUND_AS)
def test_a_name_in_another_system_finds_the_entry(client, people, query, english, system, form):
    results = client.get("/api/search", query_string={"q": query}).get_json()["results"]
    assert results[0]["english"] == english
    assert results[0]["match"] == {"field": "pinyin", "form": form, "system": system}


def test_exact_pinyin_and_english_rank_before_another_system(client, db, people):
    # "Fu Ying" is Hanyu Pinyin for 傅莹 and Wade–Giles too: the pinyin match is credited.
    results = client.get("/api/search", query_string={"q": "Fu Ying"}).get_json()["results"]
    assert results[0]["english"] == "Fu Ying"
    assert results[0]["match"]["system"] is None
    # An entry whose English is exactly the query ranks before one found as Wade–Giles.
    importer.import_document(
        db,
        {
            "format": "glossary/1",
            "entries": [
                {
                    "key": "mao-tse-tung-thought",
                    "kind": "term",
                    "english": "Mao Tse-tung",
                    "simplified": "毛泽东思想研究",
                    "sources": [
                        {"quote": "Mao Tse-tung.", "title": "Example", "published": "2024"}
                    ],
                }
            ],
        },
    )
    results = client.get("/api/search", query_string={"q": "Mao Tse-tung"}).get_json()["results"]
    assert [(r["english"], r["match"]["system"]) for r in results[:2]] == [
        ("Mao Tse-tung", None),
        ("Mao Zedong", "wade_giles"),
    ]


def test_the_results_page_says_how_a_name_matched(client, people):
    page = html(client.get("/search", query_string={"q": "Hsieh Feng"}))
    match = page.select_one("li.card p.match")
    assert " ".join(match.get_text().split()) == "Matched as Wade–Giles: Hsieh Feng"
    assert match.select_one("span")["lang"] == "zh-Latn-wadegile"


def test_terms_are_not_indexed_in_other_systems():
    assert keys.system_keys("和谐社会", "term", "héxié shèhuì") == []
    assert keys.system_keys("谢锋", "person", "Xiè Fēng") == [
        ("wade_giles", "Hsieh Feng", "sys", "hsiehfeng"),
        ("taiwan", "Hsieh Feng", "sys", "hsiehfeng"),
        ("hong_kong", "Tse Fung", "sys", "tsefung"),
        ("macau", "Che Fong", "sys", "chefong"),
    ]


@pytest.mark.parametrize(
    ("form", "key"),
    [
        ("Ts'ai Ying-wen", "ts'aiyingwen"),
        ("Ts’ai Ying-wen", "ts'aiyingwen"),
        ("Tsai Ying-wen", "tsaiyingwen"),
        ("Hsü Hsin-liang", "hsühsinliang"),
        ("HSÜ Hsin-liang", "hsühsinliang"),
        ("Ho Iat Seng", "hoiatseng"),
        ("Chang Tzu-chung", "changtzuchung"),  # z, the last letter
        ("Tsai_Ing-wen", "tsaiingwen"),  # punctuation between Z and a in ASCII
    ],
)
def test_system_key(form, key):
    assert keys.system_key(form) == key
