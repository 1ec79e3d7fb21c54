"""A translator's path: type a name in any form, see it first, open it, read the source."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_type_tone_numbers_and_open_the_entry(page, live_server, artifacts):
    page.goto(live_server + "/")
    box = page.locator("#q")
    assert page.evaluate("document.activeElement.id") == "q"  # the search box has focus
    box.type("xie4 feng1", delay=30)
    first = page.locator("#live-results ol.results li").first
    first.locator(".hanzi[lang=zh-Hans]").wait_for()
    assert first.locator(".hanzi[lang=zh-Hans]").inner_text() == "谢锋"
    assert first.locator(".english").inner_text() == "Xie Feng"
    page.screenshot(path=artifacts / "search-xie4-feng1.png", full_page=True)

    first.locator("a.card-link").click()
    page.wait_for_url("**/entries/*")
    assert page.locator("h1 .english").inner_text() == "Xie Feng"
    quote = page.locator(".source blockquote").first.inner_text()
    assert (
        "XIE Feng (谢锋), signaled that the two sides should engage in a “race to the top”" in quote
    )
    page.screenshot(path=artifacts / "entry-xie-feng.png", full_page=True)


def test_search_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/")
    page.fill("#q", "謝鋒")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator("ol.results li .english").first.inner_text() == "Xie Feng"
    context.close()


def test_results_page_updates_as_you_type_and_keeps_the_url(page, live_server):
    page.goto(live_server + "/search?q=")
    page.locator("#q").type("莹", delay=30)
    from playwright.sync_api import expect  # (the browser fixture skips without playwright)

    # expect, not wait_for_function: the Content-Security-Policy forbids evaluating strings
    expect(page.locator("ol.results .english").first).to_have_text("Fu Ying")
    assert "q=%E8%8E%B9" in page.url


def test_copy_button_copies_the_characters(browser, live_server):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page = context.new_page()
    page.goto(live_server + "/search?q=cai+cuihong")
    page.locator("ol.results a.card-link").first.click()
    page.locator("button.copy[data-copy='蔡翠红']").click()
    assert page.evaluate("navigator.clipboard.readText()") == "蔡翠红"
    context.close()


def test_entry_page_on_a_phone(browser, live_server, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server + "/search?q=CISS")
    page.locator("ol.results a.card-link").first.click()
    page.wait_for_url("**/entries/*")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    page.screenshot(path=artifacts / "entry-ciss-phone.png", full_page=True)
    context.close()
