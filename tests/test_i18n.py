"""The interface in English, 简体中文, 繁體中文 and 繁體中文（香港）: choosing the language;
each page in each; the Hong Kong catalog falling back to the Taiwan one."""

from __future__ import annotations

import pytest

from glossary.web.i18n import locale_for
from tests.helpers import entry_id, html


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
        # traditional: Taiwan, the script subtag; Hong Kong and Macau read Hong Kong wording
        ("zh-TW", "zh_Hant"),
        ("zh-HK", "zh_Hant_HK"),
        ("zh-MO", "zh_Hant_HK"),
        ("zh-hk", "zh_Hant_HK"),
        ("zh_HK", "zh_Hant_HK"),
        ("zh-Hant-HK", "zh_Hant_HK"),
        ("zh-Hant-MO", "zh_Hant_HK"),
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
        ("fr,zh-HK;q=0.7,en;q=0.3", "zh_Hant_HK"),
        ("de, en ; q=0.2 , zh-hk ; q=0.4", "zh_Hant_HK"),
        ("zh-MO;q=0.5,zh-TW;q=0.9", "zh_Hant"),
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
    "zh_Hant_HK": "英漢術語與譯名參考",  # not worded differently: from the zh_Hant catalog
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
        ("zh-HK,zh;q=0.9", "zh_Hant_HK", "zh-Hant-HK"),
        ("zh-MO", "zh_Hant_HK", "zh-Hant-HK"),
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
    assert h1(response) == HOME["zh_Hant_HK"]
    assert html(response).html["lang"] == "zh-Hant-HK"
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
        "繁體中文（香港）": "/search?q=xie+feng&lang=zh_Hant_HK",
    }
    assert page.select_one("nav.languages a[aria-current]").get_text() == "简体中文"
    assert page.select_one("nav.languages a[lang=zh-Hant]").get_text() == "繁體中文"
    assert page.select_one("nav.languages a[lang=zh-Hant-HK]").get_text() == "繁體中文（香港）"


@pytest.mark.parametrize(
    ("locale", "current"),
    [
        ("en", "English"),
        ("zh_Hans", "简体中文"),
        ("zh_Hant", "繁體中文"),
        ("zh_Hant_HK", "繁體中文（香港）"),
    ],
)
def test_switcher_marks_the_language_of_the_page_and_only_it(client, locale, current):
    page = html(client.get("/", query_string={"lang": locale}))
    assert [a.get_text() for a in page.select("nav.languages a[aria-current]")] == [current]
    assert [a["hreflang"] for a in page.select("nav.languages a")] == [
        "en",
        "zh-Hans",
        "zh-Hant",
        "zh-Hant-HK",
    ]


def test_switching_to_hong_kong_is_remembered(client):
    response = client.get("/login", query_string={"lang": "zh_Hant_HK"})
    assert response.headers["Set-Cookie"].startswith("lang=zh_Hant_HK;")
    page = html(client.get("/login"))
    assert page.html["lang"] == "zh-Hant-HK"
    assert page.find("label", attrs={"for": "name"}).get_text(strip=True) == "用戶名稱"
    # and back: the switcher's link to 繁體中文 gives the Taiwan wording again
    link = html(client.get("/login")).select_one("nav.languages a[lang=zh-Hant]")["href"]
    page = html(client.get(link))
    assert page.find("label", attrs={"for": "name"}).get_text(strip=True) == "使用者名稱"


# ---- the Hong Kong catalog holds only what Hong Kong words differently; the rest is zh_Hant's


@pytest.mark.parametrize(
    ("path", "selector", "taiwan", "hong_kong"),
    [
        # in the Hong Kong catalog: a lazy form label, a plural message, a template message
        ("/login", "label[for=name]", "使用者名稱", "用戶名稱"),
        (
            "/search?q=xie+feng",
            ".summary",
            "「xie feng」的搜尋結果：共 3 筆",
            "「xie feng」的搜尋結果：共 3 項",
        ),
        ("/import", "#upload-heading", "上傳檔案", "上載檔案"),
        # not in it: as on a zh_Hant page (a template message, a plural one, one with a msgctxt,
        # Python's _())
        ("/", "h1", HOME["zh_Hant"], HOME["zh_Hant"]),
        ("/search?kind=person", ".summary", "9 個詞條", "9 個詞條"),
        ("/api", "th:-soup-contains('狀態碼')", "狀態碼", "狀態碼"),
        ("/entries/99999", "h1", "找不到此網頁。", "找不到此網頁。"),
    ],
)
def test_hong_kong_falls_back_to_taiwan_for_what_it_words_the_same(
    client, editor_client, path, selector, taiwan, hong_kong
):
    reader = editor_client if path == "/import" else client
    assert select(in_locale(reader, "zh_Hant", path), selector) == taiwan
    assert select(in_locale(reader, "zh_Hant_HK", path), selector) == hong_kong


def select(response, selector: str) -> str:
    return html(response).select_one(selector).get_text(" ", strip=True)


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
        ("zh_Hant_HK", "zh-Hant-HK", ["依類別瀏覽", "精選詞條"], "共 60 個詞條", "術語表 Glossary"),
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
        ("zh_Hans", "搜索结果", "“xie feng”的搜索结果：共 3 条", "匹配项（英文）："),
        ("zh_Hant", "搜尋結果", "「xie feng」的搜尋結果：共 3 筆", "相符欄位（英文）："),
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
        ("zh_Hans", "JSON API", "参数："),
        ("zh_Hant", "JSON API", "參數："),
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
        ("zh_Hans", "页面不存在。", "返回术语表"),
        ("zh_Hant", "找不到此網頁。", "返回術語表"),
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


# ---- punctuation is part of the messages: each language punctuates its own way


@pytest.mark.parametrize(
    ("locale", "placeholder"),
    [("en", "王晓晖"), ("zh_Hans", "王晓晖"), ("zh_Hant", "王曉暉"), ("zh_Hant_HK", "王曉暉")],
)
def test_the_name_checkers_example_follows_the_pages_script(client, locale, placeholder):
    page = html(in_locale(client, locale, "/check-name"))
    assert page.select_one("input#hanzi")["placeholder"] == placeholder


@pytest.mark.parametrize(
    ("locale", "who", "you"),
    [
        ("en", "adm (administrator)", "adm (you)"),
        ("zh_Hans", "adm（管理员）", "adm（你）"),
        ("zh_Hant", "adm（管理員）", "adm（你）"),
    ],
)
def test_the_account_and_you_are_bracketed_in_the_pages_language(admin_client, locale, who, you):
    page = html(in_locale(admin_client, locale, "/admin/accounts"))
    assert page.select_one(".account .who").get_text() == who
    assert page.select_one("tbody th.name").get_text() == you


@pytest.mark.parametrize(
    ("locale", "limit", "status", "body"),
    [
        ("en", "integer, 1–100, default 20", "Status", "Body: ExtractRequest."),
        ("zh_Hans", "integer，1–100，默认 20", "状态码", "请求体：ExtractRequest。"),
        ("zh_Hant", "integer，1–100，預設 20", "狀態碼", "請求主體：ExtractRequest。"),
    ],
)
def test_the_api_pages_notes_are_punctuated_in_the_pages_language(
    client, locale, limit, status, body
):
    page = html(in_locale(client, locale, "/api"))
    search = page.select_one("section#search")
    row = next(r for r in search.select("tr.api-parameter") if r.th.code.get_text() == "limit")
    assert row.select("td")[0].get_text() == limit
    assert search.select("table")[-1].select_one("thead th").get_text() == status
    paragraphs = [p.get_text().strip() for p in page.select("section#extract p")]
    assert any(text.startswith(body) for text in paragraphs), paragraphs


@pytest.mark.parametrize(
    ("locale", "caption", "tags"),
    [
        ("en", ", May 2026", "diplomacy, china-us"),
        ("zh_Hans", "，2026年5月", "diplomacy、china-us"),
        ("zh_Hant", "，2026年5月", "diplomacy、china-us"),
    ],
)
def test_an_entrys_source_details_and_tags_are_separated_in_the_pages_language(
    client, locale, caption, tags
):
    page = html(in_locale(client, locale, f"/entries/{entry_id(client, 'Xie Feng')}"))
    assert caption in page.select_one("figure.source figcaption").get_text()
    cited = page.select_one(".affiliations .cited").get_text()
    brackets = "()" if locale == "en" else "（）"
    assert (cited[0], cited[-1]) == (brackets[0], brackets[1])
    label, listed = page.select_one(".tags").get_text().split("：" if locale != "en" else ":", 1)
    assert listed.strip() == tags
