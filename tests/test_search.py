"""Search through the API and the pages: every way of typing a name finds it first."""

from __future__ import annotations

import sqlite3

import pytest

from glossary import search, store
from glossary.store import finding
from glossary.store.connection import connect
from glossary.text import keys
from tests.helpers import html, id_of

# Each seed person, and the ways translators and journalists type the name.
PEOPLE = {
    "Xie Feng": [
        "谢锋",
        "謝鋒",
        "xie feng",
        "xiefeng",
        "Xie4 Feng1",
        "xie4feng1",
        "Xie4feng1",
        "xiè fēng",
        "Xiè Fēng",
        "XIE Feng",
        "xie f",
        "xiè f",
        "xie4 f",
        "Xie Feng",
        "XIEFENG",
        "锋",
        "谢",
        "xf",
    ],
    "Fu Ying": [
        "傅莹",
        "傅瑩",
        "fu ying",
        "fuying",
        "Fu4 Ying2",
        "fù yíng",
        "FU Ying",
        "莹",
        "瑩",
        "fu y",
    ],
    "Zhao Hai": ["赵海", "趙海", "zhao hai", "zhaohai", "Zhao4 Hai3", "zhào hǎi", "ZHAO Hai"],
    "Xiao Qian": ["肖茜", "xiao qian", "xiaoqian", "Xiao1 Qian4", "xiāo qiàn", "XIAO Qian", "茜"],
    "Sun Chenghao": [
        "孙成昊",
        "孫成昊",
        "sun chenghao",
        "sunchenghao",
        "Sun1 Cheng2hao4",
        "sun1 cheng2 hao4",
        "sūn chénghào",
        "SUN Chenghao",
        "成昊",
        "sun cheng",
    ],
    "Cai Cuihong": [
        "蔡翠红",
        "蔡翠紅",
        "cai cuihong",
        "caicuihong",
        "Cai4 Cui4hong2",
        "cài cuìhóng",
        "CAI Cuihong",
        "翠红",
        "翠紅",
    ],
    "Xi Jinping": [
        "习近平",
        "習近平",
        "xi jinping",
        "xijinping",
        "Xi2 Jin4ping2",
        "xí jìnpíng",
        "XI Jinping",
        "近平",
    ],
    "Donald Trump": [
        "特朗普",
        "唐纳德·特朗普",
        "唐纳德特朗普",
        "Donald Trump",
        "trump",
        "tèlǎngpǔ",
        "telangpu",
    ],
    "Scott Bessent": [
        "贝森特",
        "貝森特",
        "Scott Bessent",
        "bessent",
        "bei4sen1te4",
        "Treasury Secretary Bessent",
    ],
}
CASES = [(english, query) for english, queries in PEOPLE.items() for query in queries]


def first(client, query: str, **params) -> dict:
    response = client.get("/api/search", query_string={"q": query, **params})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert results, f"nothing found for {query!r}"
    return results[0]


@pytest.mark.parametrize(("english", "query"), CASES)
def test_every_form_of_a_name_finds_the_person_first(client, english, query):
    assert first(client, query)["english"] == english


@pytest.mark.parametrize(("english", "query"), CASES)
def test_the_results_page_lists_the_person_first(client, english, query):
    page = html(client.get("/search", query_string={"q": query}))
    assert page.select_one("ol.results li .english").get_text() == english


# Institutions and terms: acronyms, aliases, English words in any order, pinyin words.
@pytest.mark.parametrize(
    ("query", "english"),
    [
        ("CISS", "Center for International Security and Strategy"),
        ("ciss", "Center for International Security and Strategy"),
        ("Tsinghua CISS", "Center for International Security and Strategy"),
        ("CICIR", "China Institutes of Contemporary International Relations"),
        ("NC3", "nuclear command, control, and communications"),
        ("CASS", "Chinese Academy of Social Sciences"),
        ("race to the top", "race to the top"),
        ("Race To The Top", "race to the top"),
        ("race to th", "race to the top"),
        ("top race", "race to the top"),
        ("strategic stability constructive", "constructive strategic stability"),
        ("百年未有之大变局", "changes unseen in a century"),
        ("百年未有之大變局", "changes unseen in a century"),
        ("大变局", "changes unseen in a century"),
        ("bǎinián wèiyǒu zhī dà biànjú", "changes unseen in a century"),
        ("bainian weiyou zhi da bianju", "changes unseen in a century"),
        ("check brakes", "check brakes before setting off"),
        ("people's daily", "People's Daily"),
        ("peoples daily", "People's Daily"),
        ("PEOPLE’S DAILY", "People's Daily"),
        ("qinghua daxue", "Tsinghua University"),
        ("Zhanlüe yu", "Center for International Security and Strategy"),
        ("zhanlve yu anquan", "Center for International Security and Strategy"),
        ("zhanlu:e yu anquan", "Center for International Security and Strategy"),
        ("ｃｉｓｓ", "Center for International Security and Strategy"),  # full-width Latin
        ("谢\u200b锋", "Xie Feng"),  # a zero-width space pasted from a web page
        ("red-teaming", "red-teaming"),
        ("deepfake", "deepfakes"),
    ],
)
def test_institutions_and_terms_are_found_first(client, query, english):
    assert first(client, query)["english"] == english


def test_a_single_character_finds_every_entry_containing_it(client):
    response = client.get("/api/search", query_string={"q": "安", "limit": 100}).get_json()
    found = {r["simplified"] for r in response["results"]}
    assert {"人工智能安全", "网络安全", "生物安全", "清华大学战略与安全研究中心"} <= found
    assert all("安" in s for s in found)


def test_exact_match_outranks_prefix_and_words(client):
    results = client.get("/api/search", query_string={"q": "AI safety"}).get_json()["results"]
    assert [r["english"] for r in results[:2]] == ["AI safety", "AI safety evaluation"]


def test_ties_go_to_verified_entries(client):
    # Both AI safety and AI security are written 人工智能安全; an exact search lists both.
    results = client.get("/api/search", query_string={"q": "人工智能安全"}).get_json()["results"]
    assert {r["english"] for r in results[:2]} == {"AI safety", "AI security"}


def test_tone_numbers_must_agree_when_typed(client):
    assert client.get("/api/search", query_string={"q": "xie1 feng1"}).get_json()["total"] == 0


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '" * ( ) : ^',
        "AND OR NOT NEAR",
        "NEAR(xie feng)",
        "xie AND",
        "% _",
        "%",
        "_",
        "*",
        "'",
        "''",
        "\\",
        "-",
        "^xie",
        "xie*",
        "col:xie",
        "{names}:xie",
        "谢锋 OR",
        "((((",
        "\t",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "🙂",
        "\u202e谢锋",
        "ｘｉｅ",
        "x" * 200,
    ],
)
def test_hostile_queries_are_data_not_syntax(client, query):
    for path in ("/api/search", "/search"):
        response = client.get(path, query_string={"q": query})
        assert response.status_code == 200, (path, query)


def test_like_wildcards_match_literally(client):
    assert client.get("/api/search", query_string={"q": "%"}).get_json()["total"] == 0
    assert client.get("/api/search", query_string={"q": "_"}).get_json()["total"] == 0


def test_filter_by_kind(client):
    results = client.get("/api/search", query_string={"q": "安全", "kind": "organization"})
    kinds = {r["kind"] for r in results.get_json()["results"]}
    assert kinds == {"organization"}


def test_pagination_walks_every_result_once(client):
    total = client.get("/api/search", query_string={"q": "ai"}).get_json()["total"]
    seen = []
    for offset in range(0, total, 3):
        page = client.get("/api/search", query_string={"q": "ai", "limit": 3, "offset": offset})
        seen += [r["id"] for r in page.get_json()["results"]]
    assert len(seen) == total == len(set(seen))
    assert total > 10


def test_page_past_the_end_keeps_the_total(client):
    page = client.get("/api/search", query_string={"q": "ai", "offset": 1000}).get_json()
    assert page["results"] == [] and page["total"] > 10


def test_each_result_says_which_form_matched(client):
    result = first(client, "謝鋒")
    assert result["match"] == {"field": "traditional", "form": "謝鋒", "system": None}
    result = first(client, "CISS")
    assert result["match"] == {"field": "alias", "form": "CISS", "system": None}
    # A word of a name: the name's English is shown, not another of its keys
    result = first(client, "affairs")
    assert result["english"] == "Ministry of Foreign Affairs"
    assert result["match"] == {
        "field": "english",
        "form": "Ministry of Foreign Affairs",
        "system": None,
    }


def test_the_matched_form_is_highlighted(client):
    page = html(client.get("/search", query_string={"q": "莹"}))
    card = page.select_one("ol.results li")
    assert [m.get_text() for m in card.select(".match mark")] == ["莹"]
    page = html(client.get("/search", query_string={"q": "xie f"}))
    marks = [m.get_text() for m in page.select_one("ol.results li").select(".match mark")]
    assert marks == ["Xie F"]


def test_empty_query_shows_the_browse_page(client, db):
    page = html(client.get("/search", query_string={"q": ""}))
    assert page.h1.get_text() == "All entries"
    count = db.execute("SELECT count(*) FROM entry").fetchone()[0]
    assert page.select_one(".summary").get_text() == f"{count} entries"


def test_browse_by_kind(client):
    page = html(client.get("/search", query_string={"kind": "person"}))
    assert page.h1.get_text() == "People"
    names = [e.get_text() for e in page.select("ol.results .english")]
    assert names == sorted(names, key=str.lower)
    assert "Xie Feng" in names and "Tsinghua University" not in names


def test_live_search_returns_only_the_results_fragment(client):
    response = client.get(
        "/search", query_string={"q": "xie"}, headers={"X-Requested-With": "glossary-search"}
    )
    page = html(response)
    assert page.find("html") is None
    assert page.select_one("ol.results li .english").get_text() == "Xie Feng"


def test_a_search_reads_one_snapshot_of_the_data(app, db, monkeypatch):
    """The glossary's part and the dictionary's part of a search see the same data, even when
    another process commits between them, and the read transaction ends with the search."""
    other = sqlite3.connect(app.config["DATABASE"])
    first = "SELECT english FROM entry WHERE id = (SELECT min(id) FROM entry)"
    before = other.execute(first).fetchone()[0]
    seen = []
    find_in_dictionary = store.dictionary.find_in_dictionary

    def commit_in_between(database, *args):
        other.execute("UPDATE entry SET english = 'Renamed' WHERE english = ?", [before])
        other.commit()
        seen.append(database.execute(first).fetchone()[0])
        return find_in_dictionary(database, *args)

    monkeypatch.setattr(store.dictionary, "find_in_dictionary", commit_in_between)
    request = search.parse_request(
        {"q": "xie feng"}, default_limit=20, max_limit=100, max_query=200
    )
    assert search.run(db, request).entries[0]["english"] == "Xie Feng"
    assert seen == [before]
    assert not db.conn.in_transaction
    assert db.execute(first).fetchone()[0] == "Renamed"  # seen once the search is over
    other.close()


def test_a_search_inside_a_transaction_joins_it(db):
    request = search.parse_request({"q": "谢锋"}, default_limit=20, max_limit=100, max_query=200)
    with store.transaction(db):
        db.execute("UPDATE entry SET english = 'Xie Feng (ambassador)' WHERE english = 'Xie Feng'")
        assert search.run(db, request).entries[0]["english"] == "Xie Feng (ambassador)"
        assert db.conn.in_transaction
    assert db.execute(
        "SELECT count(*) FROM entry WHERE english = 'Xie Feng (ambassador)'"
    ).fetchone() == (1,)


def test_each_connection_keeps_up_to_32_mib_of_pages(tmp_path):
    # With the dictionary loaded, SQLite's default of 2 MiB read pages again from the OS.
    db = connect(str(tmp_path / "g.db"))
    try:
        assert db.execute("PRAGMA cache_size").fetchone()[0] == -32768  # KiB, negated
    finally:
        db.conn.close()


# A search filtered by kind or tag ranks every entry the filter leaves (store.finding): its
# total, its pages, and a page past the end, which still says how many there are.
PEOPLE_WITH_A = ["Xie Feng", "Fu Ying", "Sun Chenghao", "Cai Cuihong", "Xiao Qian", "Zhao Hai"]
DIPLOMACY_WITH_A = [
    "Xie Feng",
    "intergovernmental AI dialogue",
    "Ministry of Foreign Affairs",
    "Fu Ying",
    "Track 1 dialogue",
    "constructive strategic stability",
]


def filtered(db, q: str, kind=None, tag=None, limit: int = 3, offset: int = 0):
    total, hits = finding.find(db, keys.parse_query(q), kind, tag, limit, offset)
    return total, [hit["english"] for hit in hits]


@pytest.mark.parametrize(
    ("q", "kind", "tag", "offset", "found"),
    [
        ("a", "person", None, 0, (6, PEOPLE_WITH_A[:3])),
        ("a", "person", None, 3, (6, PEOPLE_WITH_A[3:])),
        ("a", "person", None, 40, (6, [])),
        ("a", None, "diplomacy", 3, (6, DIPLOMACY_WITH_A[3:])),
        ("a", None, "diplomacy", 40, (6, [])),
        ("xie", "person", None, 0, (1, ["Xie Feng"])),
        ("xie", "person", None, 5, (1, [])),
        ("zzqxj", "person", None, 0, (0, [])),  # a word no entry has
        # a word inside a name, found by the words of the names only
        ("affairs", "organization", None, 0, (1, ["Ministry of Foreign Affairs"])),
        ("xjp", "person", None, 0, (1, ["Xi Jinping"])),  # by the initials of the pinyin
    ],
)
def test_a_filtered_search_pages_through_what_the_filter_leaves(db, q, kind, tag, offset, found):
    assert filtered(db, q, kind, tag, offset=offset) == found


def test_a_search_of_verified_entries_finds_only_those(db):
    total, hits = finding.find(db, keys.parse_query("xie"), None, None, 3, 0, verified=True)
    assert (total, [hit["english"] for hit in hits]) == (1, ["Xie Feng"])


# Browsing (no query): every entry the filter leaves, in English order, and how many.
PEOPLE = [
    "Cai Cuihong",
    "Donald Trump",
    "Fu Ying",
    "Scott Bessent",
    "Sun Chenghao",
    "Xi Jinping",
    "Xiao Qian",
    "Xie Feng",
    "Zhao Hai",
]
DIPLOMACY = [
    "constructive strategic stability",
    "Fu Ying",
    "intergovernmental AI dialogue",
    "Ministry of Foreign Affairs",
    "Track 1 dialogue",
    "Xie Feng",
]


def test_browsing_by_kind_or_tag_lists_and_counts_what_the_filter_leaves(db):
    """Each filter its own count, whichever was browsed before (the totals by kind are kept)."""

    def browsed(kind=None, tag=None, limit=100, offset=0):
        total, hits = finding.browse(db, kind, tag, limit, offset)
        return total, [hit["english"] for hit in hits]

    assert browsed("person") == (9, PEOPLE)
    assert browsed(tag="diplomacy") == (6, DIPLOMACY)
    assert browsed("person", "diplomacy") == (2, ["Fu Ying", "Xie Feng"])
    assert browsed()[0] == 60
    assert (browsed("organization", limit=0), browsed("term", limit=0)) == ((13, []), (36, []))
    assert browsed("person", offset=7) == (9, PEOPLE[7:])


# Whether a query finds anything ("did you mean" asks it of each correction), filtered or not.
@pytest.mark.parametrize(
    ("q", "kind", "tag", "finds"),
    [
        ("xie", None, None, True),
        ("wang", None, None, True),  # Wang Yi, not verified
        ("谢锋", None, None, True),  # Chinese, found within forms too
        ("xie", "person", None, True),
        ("xie", "organization", None, False),
        ("xie", None, "diplomacy", True),
        ("xie", None, "think-tank", False),
        ("zzqxj", None, None, False),  # a word no entry has
        ("zzqxj", "person", None, False),
    ],
)
def test_a_query_finds_something_or_nothing(db, q, kind, tag, finds):
    assert finding.finds(db, keys.parse_query(q), kind, tag) is finds


def test_an_entrys_name_as_each_romanization_system_writes_it(db):
    assert finding.system_forms(db, id_of(db, "Xie Feng")) == {
        "wade_giles": "Hsieh Feng",
        "taiwan": "Hsieh Feng",
        "hong_kong": "Tse Fung",
        "macau": "Che Fong",
    }


def test_a_filtered_search_typed_in_one_script_finds_the_other_within_forms(db):
    """乾 is written 干 in simplified characters, which 树干 (a tree trunk) holds; no entry
    holds 乾 itself."""
    record = {"kind": "term", "english": "tree trunk", "simplified": "树干", "sources": []}
    store.create_entry(db, record, author="ed")
    assert keys.parse_query("乾").substrings == ["乾", "干"]
    assert filtered(db, "乾", kind="term") == (1, ["tree trunk"])


@pytest.mark.parametrize(("query", "verified"), [("Xie Feng", True), ("Xi Jinping", False)])
def test_a_verified_entry_is_marked_so_among_the_results(client, query, verified):
    page = html(client.get("/search", query_string={"q": query}))
    [card] = [c for c in page.select("ol.results li") if c.select_one(".english").text == query]
    assert (card.select_one(".badge.verified") is not None) == verified
