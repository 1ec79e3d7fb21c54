"""The interface in English, 简体中文 and 繁體中文: choosing the language; each page in each."""

from __future__ import annotations

import pytest

from glossary.web.i18n import locale_for
from tests.conftest import entry_id, html


@pytest.mark.parametrize(
    ("accept_language", "locale"),
    [
        # English, and languages we have no interface for
        ("en-US,en;q=0.9", "en"),
        ("en-GB", "en"),
        ("fr-FR,fr;q=0.9", None),
        ("fr-FR,fr;q=0.9,en;q=0.5", "en"),
        ("*", None),
        ("", None),
        (None, None),
        # simplified: mainland China, Singapore, the script subtag, plain zh
        ("zh-CN", "zh_Hans"),
        ("zh-SG", "zh_Hans"),
        ("zh-Hans", "zh_Hans"),
        ("zh-Hans-CN", "zh_Hans"),
        ("zh", "zh_Hans"),
        ("ZH-cn", "zh_Hans"),
        ("zh_CN", "zh_Hans"),
        # traditional: Taiwan, Hong Kong, Macau, the script subtag
        ("zh-TW", "zh_Hant"),
        ("zh-HK", "zh_Hant"),
        ("zh-MO", "zh_Hant"),
        ("zh-Hant", "zh_Hant"),
        ("zh-Hant-TW", "zh_Hant"),
        ("zh-hant", "zh_Hant"),
        ("zh_TW", "zh_Hant"),
        # the script subtag wins over the region
        ("zh-Hans-HK", "zh_Hans"),
        ("zh-Hant-CN", "zh_Hant"),
        # q-values decide, not the order written
        ("en;q=0.8,zh-TW", "zh_Hant"),
        ("zh-CN;q=0.5,zh-TW;q=0.9", "zh_Hant"),
        ("zh-TW;q=0.5,en;q=0.9", "en"),
        ("fr,zh-HK;q=0.7,en;q=0.3", "zh_Hant"),
        ("de, en ; q=0.2 , zh-hk ; q=0.4", "zh_Hant"),
        # equal q-values keep the order written
        ("zh-TW,zh-CN", "zh_Hant"),
        ("zh-CN,zh-TW", "zh_Hans"),
        ("zh-TW;q=0.8,en;q=0.8", "zh_Hant"),
        # q=0 means "not this one"; an invalid q drops the item
        ("zh-TW;q=0,zh-CN;q=0.5", "zh_Hans"),
        ("zh-TW;q=0", None),
        ("zh-TW;q=2,en", "en"),
    ],
)
def test_locale_for_accept_language(accept_language, locale):
    assert locale_for(accept_language) == locale


# ---- choosing the language of a request: ?lang=, then the cookie, then Accept-Language


def h1(response) -> str:
    return html(response).h1.get_text(" ", strip=True)


HOME = {
    "en": "English–Chinese glossary and name reference",
    "zh_Hans": "英汉术语与译名参考",
    "zh_Hant": "英漢術語與譯名參考",
}


def test_english_without_any_choice(client):
    page = html(client.get("/"))
    assert page.html["lang"] == "en"
    assert page.h1.get_text() == HOME["en"]


@pytest.mark.parametrize(
    ("header", "locale", "lang"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh_Hans", "zh-Hans"),
        ("zh-TW,zh;q=0.9", "zh_Hant", "zh-Hant"),
        ("fr-FR", "en", "en"),
    ],
)
def test_accept_language_chooses_when_nothing_else_does(client, header, locale, lang):
    page = html(client.get("/", headers={"Accept-Language": header}))
    assert page.html["lang"] == lang
    assert page.h1.get_text() == HOME[locale]


def test_lang_parameter_is_remembered_in_a_cookie(client):
    response = client.get("/", query_string={"lang": "zh_Hant"})
    assert h1(response) == HOME["zh_Hant"]
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=zh_Hant;")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Max-Age=31536000" in cookie
    assert client.get_cookie("lang").value == "zh_Hant"
    # the next page, with no ?lang=, stays in 繁體中文
    assert h1(client.get("/search", query_string={"kind": "organization"})) == "機構"


def test_lang_parameter_beats_the_cookie_and_the_cookie_beats_accept_language(client):
    client.set_cookie("lang", "zh_Hans")
    chinese = {"Accept-Language": "zh-TW"}
    assert h1(client.get("/", headers=chinese)) == HOME["zh_Hans"]
    assert h1(client.get("/?lang=en", headers=chinese)) == HOME["en"]
    assert client.get_cookie("lang").value == "en"
    assert h1(client.get("/", headers=chinese)) == HOME["en"]


@pytest.mark.parametrize("value", ["fr", "zh-CN", "zh_CN", "ZH_HANS", ""])
def test_an_unknown_lang_parameter_is_ignored(client, value):
    response = client.get("/", query_string={"lang": value}, headers={"Accept-Language": "zh-HK"})
    assert response.status_code == 200
    assert h1(response) == HOME["zh_Hant"]
    assert "Set-Cookie" not in response.headers


def test_an_unknown_cookie_is_ignored(client):
    client.set_cookie("lang", "klingon")
    assert h1(client.get("/")) == HOME["en"]


def test_pages_vary_by_language(client):
    assert {"Accept-Language", "Cookie"} <= set(client.get("/").vary)


def test_switcher_links_to_this_page_in_each_language(client):
    page = html(client.get("/search", query_string={"q": "xie feng", "lang": "zh_Hans"}))
    links = {a.get_text(): a["href"] for a in page.select("nav.languages a")}
    assert links == {
        "English": "/search?q=xie+feng&lang=en",
        "简体中文": "/search?q=xie+feng&lang=zh_Hans",
        "繁體中文": "/search?q=xie+feng&lang=zh_Hant",
    }
    assert page.select_one("nav.languages a[aria-current]").get_text() == "简体中文"
    assert page.select_one("nav.languages a[lang=zh-Hant]").get_text() == "繁體中文"


# ---- every main page in each language, as a person sees it


LOCALES = ("en", "zh_Hans", "zh_Hant")


def in_locale(client, locale: str, path: str):
    client.set_cookie("lang", locale)
    return client.get(path)


@pytest.mark.parametrize(
    ("locale", "lang", "h2", "total", "brand"),
    [
        ("en", "en", ["Browse by kind", "Featured"], "60 entries in all", "Glossary 术语表"),
        ("zh_Hans", "zh-Hans", ["按类别浏览", "精选词条"], "共 60 个词条", "术语表 Glossary"),
        ("zh_Hant", "zh-Hant", ["依類別瀏覽", "精選詞條"], "共 60 個詞條", "術語表 Glossary"),
    ],
)
def test_home_page(client, locale, lang, h2, total, brand):
    page = html(in_locale(client, locale, "/"))
    assert page.html["lang"] == lang
    assert page.h1.get_text() == HOME[locale]
    assert [h.get_text() for h in page.select("h2")] == h2
    assert page.select_one(".total").get_text() == total
    assert page.select_one(".brand").get_text(" ", strip=True) == brand


@pytest.mark.parametrize(
    ("locale", "title", "kinds", "search", "placeholder"),
    [
        (
            "en",
            "English–Chinese glossary and name reference · Glossary",
            ["Person", "Organization", "Term"],
            "Search",
            "谢锋, xie feng, Xie4 Feng1, race to the top…",
        ),
        (
            "zh_Hans",
            "英汉术语与译名参考 · 术语表",
            ["人名", "机构", "术语"],
            "搜索",
            "谢锋、xie feng、Xie4 Feng1、race to the top…",
        ),
        (
            "zh_Hant",
            "英漢術語與譯名參考 · 術語表",
            ["人名", "機構", "術語"],
            "搜尋",
            "謝鋒、xie feng、Xie4 Feng1、race to the top…",
        ),
    ],
)
def test_home_page_chrome_and_kinds(client, locale, title, kinds, search, placeholder):
    page = html(in_locale(client, locale, "/"))
    assert page.title.get_text(" ", strip=True) == title
    assert [a.get_text() for a in page.select(".kinds a")][:3] == kinds
    assert page.select_one("form[role=search] button").get_text() == search
    assert page.select_one("form[role=search] input[name=q]")["placeholder"] == placeholder


@pytest.mark.parametrize(
    ("locale", "heading", "summary", "matched"),
    [
        ("en", "Search results", "3 results for “xie feng”", "Matched English:"),
        ("zh_Hans", "搜索结果", "“xie feng”的搜索结果：共 3 条", "匹配英文："),
        ("zh_Hant", "搜尋結果", "「xie feng」的搜尋結果：共 3 筆", "符合英文："),
    ],
)
def test_search_results_page(client, locale, heading, summary, matched):
    page = html(in_locale(client, locale, "/search?q=xie+feng"))
    assert page.h1.get_text() == heading
    assert page.select_one(".summary").get_text() == summary
    first = page.select_one("ol.results li")
    assert first.select_one(".english").get_text() == "Xie Feng"
    assert first.select_one(".match").get_text(" ", strip=True).startswith(matched)


@pytest.mark.parametrize(
    ("locale", "none"),
    [
        ("en", "Nothing found for “qqqq”."),
        ("zh_Hans", "未找到“qqqq”。"),
        ("zh_Hant", "找不到「qqqq」。"),
    ],
)
def test_search_with_no_results(client, locale, none):
    page = html(in_locale(client, locale, "/search?q=qqqq"))
    assert page.select_one(".summary.none").get_text().startswith(none)


@pytest.mark.parametrize(
    ("locale", "heading", "summary", "all_kinds", "pages"),
    [
        ("en", "People", "9 entries", "All kinds", "Page 1 of 5"),
        ("zh_Hans", "人名", "9 个词条", "全部类别", "第 1 页，共 5 页"),
        ("zh_Hant", "人名", "9 個詞條", "所有類別", "第 1 頁，共 5 頁"),
    ],
)
def test_browse_by_kind_page(client, locale, heading, summary, all_kinds, pages):
    page = html(in_locale(client, locale, "/search?kind=person&limit=2"))
    assert page.h1.get_text() == heading
    assert page.select_one(".summary").get_text() == summary
    assert page.select_one(".kind-filter a").get_text() == all_kinds
    assert page.select_one(".pagination span").get_text() == pages


@pytest.mark.parametrize(
    ("locale", "h1", "h2", "labels", "as_of", "badge"),
    [
        (
            "en",
            "Xie Feng 谢锋 謝鋒",
            [
                "Forms",
                "How to write it",
                "Notes for translators",
                "Affiliations",
                "Source",
                "See also",
                "Cite this entry",
            ],
            ["English", "Simplified", "Traditional", "Pinyin"],
            "as of May 2026",
            "Verified",
        ),
        (
            "zh_Hans",
            "Xie Feng 谢锋 謝鋒",
            ["写法", "稿件中的写法", "译者须知", "所属机构", "来源", "参见", "引用本词条"],
            ["英文", "简体", "繁体", "拼音"],
            "截至2026年5月",
            "已核实",
        ),
        (
            "zh_Hant",
            "Xie Feng 謝鋒 谢锋",
            ["寫法", "稿件中的寫法", "譯者須知", "所屬機構", "來源", "參見", "引用本詞條"],
            ["英文", "繁體", "簡體", "拼音"],
            "截至2026年5月",
            "已核實",
        ),
    ],
)
def test_entry_page(client, locale, h1, h2, labels, as_of, badge):
    page = html(in_locale(client, locale, f"/entries/{entry_id(client, 'Xie Feng')}"))
    assert page.h1.get_text(" ", strip=True) == h1
    assert [h.get_text() for h in page.select("h2")] == h2
    forms = page.select("section[aria-labelledby=forms-heading] .form-row dt")
    assert [dt.get_text() for dt in forms][-4:] == labels
    assert page.select_one(".as-of").get_text() == as_of
    assert page.select_one(".badge.verified").get_text() == badge


@pytest.mark.parametrize(
    ("locale", "first", "lang", "date", "accessed"),
    [
        ("en", "清华大学战略与安全研究中心", "zh-Hans", "as of May 12, 2026", ("(accessed ", ")")),
        ("zh_Hans", "清华大学战略与安全研究中心", "zh-Hans", "截至2026年5月12日", ("（", "访问）")),
        ("zh_Hant", "清華大學戰略與安全研究中心", "zh-Hant", "截至2026年5月12日", ("（", "檢索）")),
    ],
)
def test_entry_page_dates_and_linked_entries_follow_the_interface(
    client, locale, first, lang, date, accessed
):
    page = html(in_locale(client, locale, f"/entries/{entry_id(client, 'Xiao Qian')}"))
    affiliation = page.select_one(".affiliations li .hanzi")
    assert (affiliation.get_text(), affiliation["lang"]) == (first, lang)
    assert page.select_one(".as-of").get_text() == date
    opening, closing = accessed
    text = page.select_one(".accessed").get_text()
    assert text.startswith(opening) and text.endswith(closing)


@pytest.mark.parametrize(
    ("locale", "heading", "parameters"),
    [
        ("en", "JSON API", "Parameters:"),
        ("zh_Hans", "JSON 接口", "参数："),
        ("zh_Hant", "JSON 介面", "參數："),
    ],
)
def test_api_page(client, locale, heading, parameters):
    page = html(in_locale(client, locale, "/api"))
    assert page.h1.get_text() == heading
    assert parameters in page.main.get_text()
    assert '{"error": "…"}' in page.main.get_text()


@pytest.mark.parametrize(
    ("locale", "heading", "back"),
    [
        ("en", "There is no such page.", "Back to the glossary"),
        ("zh_Hans", "没有这个页面。", "返回术语表"),
        ("zh_Hant", "沒有這個網頁。", "返回術語表"),
    ],
)
def test_404_page(client, locale, heading, back):
    response = in_locale(client, locale, "/entries/99999")
    assert response.status_code == 404
    page = html(response)
    assert page.h1.get_text() == heading
    assert page.select_one("main a").get_text() == back


@pytest.mark.parametrize(
    ("locale", "heading", "detail"),
    [
        (
            "en",
            "The request was not understood.",
            "Parameter “limit” must be a whole number from 1 to 100.",
        ),
        ("zh_Hans", "无法理解该请求。", "参数“limit”必须是 1 到 100 之间的整数。"),
        ("zh_Hant", "無法理解這項請求。", "參數「limit」必須是 1 到 100 之間的整數。"),
    ],
)
def test_400_page(client, locale, heading, detail):
    response = in_locale(client, locale, "/search?q=x&limit=500")
    assert response.status_code == 400
    page = html(response)
    assert page.h1.get_text() == heading
    assert page.select_one(".error-detail").get_text() == detail


def test_werkzeugs_english_description_is_not_shown_on_a_chinese_page(app, client):
    @app.get("/boom")
    def boom():
        from flask import abort

        abort(400)

    page = html(in_locale(client, "zh_Hant", "/boom"))
    assert page.h1.get_text() == "無法理解這項請求。"
    assert page.select_one(".error-detail") is None


@pytest.mark.parametrize("locale", LOCALES)
def test_api_errors_stay_english(client, locale):
    response = in_locale(client, locale, "/api/search?kind=animal")
    assert response.status_code == 400
    assert response.get_json()["error"].startswith("parameter 'kind': must be one of person")
    missing = in_locale(client, locale, "/api/entries/99999")
    assert missing.get_json() == {"error": "no entry with id 99999"}


def test_english_text_keeps_lang_en_in_a_chinese_interface(client):
    """Latin text marked as English gets Latin punctuation, not the CJK font's wide ’."""
    page = html(in_locale(client, "zh_Hans", f"/entries/{entry_id(client, 'Xiao Qian')}"))
    assert page.html["lang"] == "zh-Hans"
    for selector in ("h1 .english", "header .description", ".notes", ".affiliations .role"):
        assert page.select_one(selector)["lang"] == "en", selector
    card = html(in_locale(client, "zh_Hans", "/search?q=xiao+qian")).select_one("ol.results li")
    assert card.select_one(".english")["lang"] == "en"
    assert card.select_one(".description")["lang"] == "en"


# ---- one English word, two Chinese ones: a person's post (职务) is not an account's role (角色)


def test_an_affiliations_role_is_a_post_and_an_accounts_role_is_a_role(admin_client):
    chinese = {"Accept-Language": "zh-CN"}
    form = html(admin_client.get("/entries/new", headers=chinese))
    label = form.find("label", attrs={"for": "affiliations-0-role"})
    assert label.get_text(strip=True) == "职务"
    accounts = html(admin_client.get("/admin/accounts", headers=chinese))
    assert "角色" in [th.get_text(strip=True) for th in accounts.select("th")]
    traditional = html(admin_client.get("/entries/new", headers={"Accept-Language": "zh-TW"}))
    assert (
        traditional.find("label", attrs={"for": "affiliations-0-role"}).get_text(strip=True)
        == "職務"
    )
