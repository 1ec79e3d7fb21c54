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
