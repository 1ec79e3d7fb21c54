"""A reader switches the interface to 简体中文 with the switcher, browses, and switches back."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_switch_to_simplified_chinese_and_back(page, live_server, artifacts):
    page.goto(live_server + "/")
    assert page.locator("h1").inner_text() == "English–Chinese glossary and name reference"
    assert page.get_attribute("html", "lang") == "en"

    page.locator("nav.languages a", has_text="简体中文").click()
    page.wait_for_url("**/?lang=zh_Hans")
    assert page.locator("h1").inner_text() == "英汉术语与译名参考"
    assert page.get_attribute("html", "lang") == "zh-Hans"
    page.screenshot(path=artifacts / "home-zh-hans.png", full_page=True)

    # the choice is remembered: a link without ?lang= stays in 简体中文
    page.locator(".kinds a", has_text="机构").click()
    page.wait_for_url("**/search?kind=organization")
    assert page.locator("h1").inner_text() == "机构"
    assert page.get_attribute("html", "lang") == "zh-Hans"

    page.locator("nav.languages a", has_text="English").click()
    page.wait_for_url("**/search?kind=organization&lang=en")
    assert page.locator("h1").inner_text() == "Organizations"
    assert page.get_attribute("html", "lang") == "en"

    page.locator("a.brand").click()
    page.wait_for_url(live_server + "/")
    assert page.locator("h1").inner_text() == "English–Chinese glossary and name reference"
    assert page.get_attribute("html", "lang") == "en"


def test_a_taiwanese_browser_gets_traditional_chinese(browser, live_server, artifacts):
    context = browser.new_context(locale="zh-TW", viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(live_server + "/search?q=xie+feng")
    assert page.locator("h1").inner_text() == "搜尋結果"
    assert page.get_attribute("html", "lang") == "zh-Hant"
    first = page.locator("ol.results li").first
    assert first.locator(".hanzi").first.inner_text() == "謝鋒"  # traditional first
    first.locator("a.card-link").click()
    page.wait_for_url("**/entries/*")
    assert page.locator("#forms-heading").inner_text() == "寫法"
    page.screenshot(path=artifacts / "entry-xie-feng-zh-hant.png", full_page=True)
    context.close()


def test_a_hong_kong_browser_gets_hong_kong_wording_and_can_switch(browser, live_server, artifacts):
    """zh-HK: Hong Kong wording where it differs (用戶名稱), Taiwan's elsewhere; the switcher
    marks 繁體中文（香港） and takes the reader to 繁體中文 and back."""
    context = browser.new_context(locale="zh-HK", viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(live_server + "/login")
    assert page.get_attribute("html", "lang") == "zh-Hant-HK"
    assert page.locator("label[for=name]").inner_text() == "用戶名稱"
    assert page.locator("nav.languages a[aria-current]").inner_text() == "繁體中文（香港）"
    assert page.locator("a.brand").inner_text().startswith("術語表")  # from zh_Hant
    page.screenshot(path=artifacts / "login-zh-hant-hk.png", full_page=True)

    page.locator("nav.languages a", has_text="繁體中文").first.click()
    page.wait_for_url("**/login?lang=zh_Hant")
    assert page.get_attribute("html", "lang") == "zh-Hant"
    assert page.locator("label[for=name]").inner_text() == "使用者名稱"

    page.locator("nav.languages a", has_text="繁體中文（香港）").click()
    page.wait_for_url("**/login?lang=zh_Hant_HK")
    assert page.locator("label[for=name]").inner_text() == "用戶名稱"
    # the choice is remembered over the browser's language
    page.goto(live_server + "/search?q=xie+feng")
    assert page.locator(".summary").inner_text() == "「xie feng」的搜尋結果：共 3 項"
    context.close()


def test_the_switcher_lists_each_language_in_its_own_script(page, live_server):
    page.goto(live_server + "/?lang=zh_Hans")
    links = page.locator("nav.languages a")
    assert links.all_inner_texts() == ["English", "简体中文", "繁體中文", "繁體中文（香港）"]
    assert [links.nth(i).get_attribute("lang") for i in range(4)] == [
        "en",
        "zh-Hans",
        "zh-Hant",
        "zh-Hant-HK",
    ]
