"""/api/romanize, /api/check-name and the "Check a name" page."""

from __future__ import annotations

import pytest

from glossary.exchange import importer
from tests.helpers import html


def test_romanize_a_name(client):
    response = client.get("/api/romanize", query_string={"hanzi": "谢锋"})
    assert response.get_json() == {
        "hanzi": "谢锋",
        "kind": "person",
        "simplified": "谢锋",
        "traditional": "謝鋒",
        "pinyin": "Xiè Fēng",
        "numbered": "Xie4 Feng1",
        "plain": "Xie Feng",
        "styles": {"surname_caps": "XIE Feng", "second_reference": "Xie", "initials": "XF"},
        "systems": {
            "wade_giles": "Hsieh Feng",
            "taiwan": "Hsieh Feng",
            "jyutping": "ze6 fung1",
            "hong_kong": "Tse Fung",
            "macau": "Che Fong",
        },
        "ambiguous": [],
        "notes": [],
    }


def test_romanize_gives_every_system(client):
    document = client.get("/api/romanize", query_string={"hanzi": "蔡英文"}).get_json()
    assert document["systems"] == {
        "wade_giles": "Ts'ai Ying-wen",
        "taiwan": "Tsai Ying-wen",
        "jyutping": "coi3 jing1 man4",
        "hong_kong": "Choi Ying-man",
        "macau": "Choi Ieng Man",
    }
    hong_kong = client.get("/api/romanize", query_string={"hanzi": "林鄭月娥", "region": "hk"})
    assert hong_kong.get_json()["systems"]["hong_kong"] == "Lam Cheng Yuet-ngor"


def test_romanize_traditional_input_gives_both_scripts(client):
    document = client.get("/api/romanize", query_string={"hanzi": "傅瑩"}).get_json()
    assert (document["simplified"], document["traditional"], document["pinyin"]) == (
        "傅莹",
        "傅瑩",
        "Fù Yíng",
    )


def test_romanize_an_organization(client):
    document = client.get(
        "/api/romanize", query_string={"hanzi": "中国社会科学院", "kind": "organization"}
    ).get_json()
    assert document["pinyin"] == "Zhōngguó Shèhuì Kēxuéyuàn"
    assert document["styles"]["surname_caps"] is None


def test_romanize_flags_characters_with_several_traditional_forms(client):
    document = client.get("/api/romanize", query_string={"hanzi": "干", "kind": "term"}).get_json()
    assert document["ambiguous"] == [{"character": "干", "traditional": ["乾", "幹", "榦"]}]


def test_romanize_mixed_input_reads_what_it_can(client):
    document = client.get(
        "/api/romanize", query_string={"hanzi": "AI安全𠮷", "kind": "term"}
    ).get_json()
    assert document["pinyin"] == "AI ānquán"
    assert document["notes"] == ["not Chinese, kept as written: AI", "no reading known for: 𠮷"]


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({}, "parameter 'hanzi': is required"),
        ({"hanzi": "  "}, "parameter 'hanzi': is required"),
        ({"hanzi": "Xie Feng"}, "parameter 'hanzi': must contain Chinese characters"),
        ({"hanzi": "谢" * 101}, "parameter 'hanzi': must be at most 100 characters long"),
        (
            {"hanzi": "谢锋", "kind": "animal"},
            "parameter 'kind': must be one of person, organization, place, document, term, event",
        ),
    ],
)
def test_romanize_bad_input_is_400(client, params, error):
    response = client.get("/api/romanize", query_string=params)
    assert response.status_code == 400
    assert response.get_json() == {"error": error}


def test_check_name_api(client):
    document = client.get(
        "/api/check-name", query_string={"english": "Wang Xiaojun", "hanzi": "王晓晖"}
    ).get_json()
    assert document["match"] is False
    assert document["reading"] == "Wáng Xiǎohuī"
    assert document["expected"] == "Wang Xiaohui"
    assert document["differences"] == [
        {"syllable": "晖", "position": 3, "written": "jun", "reads": "huī", "other_readings": []}
    ]
    assert document["entry"] is None


def test_check_name_knows_glossary_entries(client):
    document = client.get(
        "/api/check-name", query_string={"english": "XIE Feng", "hanzi": "謝鋒"}
    ).get_json()
    assert document["match"] is True
    assert document["entry"]["english"] == "Xie Feng"
    assert document["message"].endswith("The glossary has an entry for this name: Xie Feng.")


def test_check_name_requires_both_parameters(client):
    response = client.get("/api/check-name", query_string={"english": "Xie Feng"})
    assert response.status_code == 400
    assert response.get_json() == {"error": "parameter 'hanzi': is required"}


def test_check_name_page_explains_a_mismatch(client):
    page = html(
        client.get("/check-name", query_string={"english": "Wang Xiaojun", "hanzi": "王晓晖"})
    )
    assert page.select_one(".check-result h2").get_text(strip=True) == (
        "The name does not match its characters"
    )
    assert page.select_one(".differences li").get_text(strip=True) == "晖 reads huī, not “jun”."


def test_check_name_page_shows_field_errors(client):
    response = client.get("/check-name", query_string={"english": "Wang", "hanzi": "wang"})
    assert response.status_code == 400
    page = html(response)
    assert page.select_one("#hanzi-error").get_text() == "must contain Chinese characters"
    assert page.select_one("#english-error") is None


def test_check_name_is_linked_from_every_page(client):
    assert html(client.get("/")).select_one("nav.site-nav a[href='/check-name']") is not None


def test_published_romanization_is_searched_and_shown_first(client, db):
    importer.import_document(
        db,
        {
            "format": "glossary/1",
            "entries": [
                {
                    "key": "tsai-ing-wen",
                    "kind": "person",
                    "english": "Tsai Ing-wen",
                    "romanization": "Tsai Ing-wen",
                    "romanization_system": "own usage",
                    "simplified": "蔡英文",
                    "traditional": "蔡英文",
                    "pinyin": "Cài Yīngwén",
                    "sources": [
                        {
                            "quote": "Tsai Ing-wen (蔡英文) spoke.",
                            "title": "Example",
                            "published": "2024",
                        }
                    ],
                }
            ],
        },
    )
    for query in ("Tsai Ing-wen", "tsai ingwen", "TSAI ING WEN", "cai yingwen", "蔡英文"):
        results = client.get("/api/search", query_string={"q": query}).get_json()["results"]
        assert results[0]["english"] == "Tsai Ing-wen", query
    page = html(client.get(results[0]["url"]))
    rows = [
        (r.dt.get_text(), r.select_one(".form-value").get_text()) for r in page.select(".form-row")
    ]
    assert rows[0] == ("Published romanization (own usage)", "Tsai Ing-wen")
    assert ("Pinyin", "Cài Yīngwén") in rows


@pytest.mark.parametrize(
    ("params", "traditional"),
    [
        ({"hanzi": "台湾为里", "kind": "term"}, "臺灣爲裏"),  # OpenCC's standard forms
        ({"hanzi": "台湾为里", "kind": "term", "region": "tw"}, "臺灣為裡"),  # Taiwan
        ({"hanzi": "台湾为里", "kind": "term", "region": "hk"}, "台灣為裏"),  # Hong Kong
        ({"hanzi": "台灣大學", "kind": "organization"}, "台灣大學"),  # traditional kept as written
    ],
)
def test_romanize_derives_traditional_with_regional_conventions(client, params, traditional):
    assert client.get("/api/romanize", query_string=params).get_json()["traditional"] == traditional


def test_romanize_refuses_an_unknown_region(client):
    response = client.get("/api/romanize", query_string={"hanzi": "台湾", "region": "cn"})
    assert response.status_code == 400
    assert response.get_json() == {"error": "parameter 'region': must be one of tw, hk"}


# Where the base dictionary is loaded, its reading of a whole name wins over one read character
# by character (彭丽媛: CC-CEDICT Peng2 Li4 yuan2; 媛 alone reads yuàn).
NAME_CEDICT = """\
#! version=1
#! subversion=0
#! format=ts
#! charset=UTF-8
#! entries=2
#! publisher=MDBG
#! license=https://creativecommons.org/licenses/by-sa/4.0/
#! date=2023-11-07T06:42:16Z
彭麗媛 彭丽媛 [Peng2 Li4 yuan2] /Peng Liyuan (1962-), PRC folk music singer/
名媛 名媛 [ming2 yuan4] /socialite/
"""


def test_the_dictionary_reads_a_whole_name(app, client, tmp_path):
    from glossary.dictionary import cedict
    from glossary.store.connection import connect

    before = client.get(
        "/api/check-name", query_string={"english": "Peng Liyuan", "hanzi": "彭丽媛"}
    )
    assert before.get_json()["reading"] == "Péng Lìyuàn"
    path = tmp_path / "cedict_ts.u8"
    path.write_text(NAME_CEDICT, encoding="utf-8")
    database = connect(app.config["DATABASE"])
    try:
        cedict.import_cedict(database, path)
    finally:
        database.conn.close()
    after = client.get(
        "/api/check-name", query_string={"english": "Peng Liyuan", "hanzi": "彭丽媛"}
    )
    assert (after.get_json()["reading"], after.get_json()["match"]) == ("Péng Lìyuán", True)
    answer = client.post("/api/extract", json={"text": "Peng Liyuan (彭丽媛) sang."}).get_json()
    assert [d["pinyin"] for d in answer["candidates"]] == ["Péng Lìyuán"]


# /api/check-name names the system a name is spelt in, or the one a personal spelling is close to.
def test_check_name_api_names_the_system(client):
    document = client.get(
        "/api/check-name", query_string={"english": "Ho Iat Seng", "hanzi": "賀一誠"}
    ).get_json()
    assert (document["match"], document["system"], document["close"]) == (True, "macau", None)
    document = client.get(
        "/api/check-name", query_string={"english": "Tsai Ing-wen", "hanzi": "蔡英文"}
    ).get_json()
    assert (document["match"], document["system"]) == (False, None)
    assert document["close"] == {
        "system": "taiwan",
        "form": "Tsai Ying-wen",
        "differences": [{"syllable": "英", "position": 2, "written": "Ing", "spelt": "Ying"}],
    }
    document = client.get(
        "/api/check-name", query_string={"english": "Pu Shu", "hanzi": "朴树"}
    ).get_json()
    assert (document["match"], document["system"]) == (True, "pinyin")
    assert document["notes"] == ["朴 is read Pǔ here; as a surname it usually reads Piáo."]


def test_check_name_page_names_the_system(client):
    page = html(client.get("/check-name", query_string={"english": "Hsieh Feng", "hanzi": "谢锋"}))
    assert page.select_one(".check-result h2").get_text(strip=True) == (
        "The name is spelt in Wade–Giles"
    )
    page = html(
        client.get("/check-name", query_string={"english": "Tsai Ing-wen", "hanzi": "蔡英文"})
    )
    assert page.select_one(".check-result h2").get_text(strip=True) == (
        "Close to Taiwan's Wade–Giles: Tsai Ying-wen"
    )
    assert page.select_one(".differences li").get_text(strip=True) == (
        "英 is spelt “Ying” there, not “Ing”."
    )
