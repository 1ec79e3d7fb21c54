"""A journalist's path: copy the forms of a name from its page and from search results, and
follow "Did you mean" from a misspelt search."""

from __future__ import annotations

import re

import pytest

from tests.helpers import log_in

pytestmark = pytest.mark.browser

SIZES = {"wide": (1280, 800), "phone": (390, 844)}


@pytest.fixture
def clipboard_page(browser, live_server):
    """A page whose clipboard the test can read back."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def copied(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_each_form_from_the_entry_page(clipboard_page, live_server):
    page = clipboard_page
    page.goto(live_server + "/search?q=xie+feng")
    page.locator("ol.results a.card-link").first.click()
    page.wait_for_url("**/entries/*")
    section = page.locator("section.paste-forms")
    for form in ("XIE Feng", "Xie Feng (谢锋)", "Xie", "Xiè Fēng", "Xie4 Feng1"):
        button = section.locator(f"button.copy[data-copy='{form}']")
        button.click()
        assert copied(page) == form
        assert button.inner_text() == "✓"  # then back to "Copy"


def test_copy_the_characters_and_pinyin_from_results(clipboard_page, live_server):
    page = clipboard_page
    page.goto(live_server + "/search?q=xie+feng")
    card = page.locator("ol.results li").first
    card.locator(".card-copy button", has_text="Copy characters").click()
    assert copied(page) == "谢锋"
    card.locator(".card-copy button", has_text="Copy pinyin").click()
    assert copied(page) == "Xiè Fēng"


def test_copy_from_results_that_came_as_you_typed(clipboard_page, live_server):
    page = clipboard_page
    page.goto(live_server + "/")
    page.locator("#q").type("cai cuihong", delay=30)
    card = page.locator("#live-results ol.results li").first
    button = card.locator(".card-copy button", has_text="Copy characters")
    button.wait_for()  # shown: the script reveals the buttons of results it puts in the page
    button.click()
    assert copied(page) == "蔡翠红"


def test_did_you_mean_leads_to_the_entry(page, live_server):
    page.goto(live_server + "/search?q=xie+fneg")
    link = page.locator("p.did-you-mean a")
    assert link.inner_text() == "xie feng"
    link.click()
    page.wait_for_url(re.compile(r"q=xie\+feng"))
    assert page.locator("ol.results .english").first.inner_text() == "Xie Feng"


def test_did_you_mean_as_you_type(page, live_server):
    page.goto(live_server + "/")
    page.locator("#q").type("race to teh top", delay=30)
    from playwright.sync_api import expect  # (the browser fixture skips without playwright)

    expect(page.locator("#live-results p.did-you-mean a")).to_have_text("race to the top")


def test_the_entry_form_adds_a_form_as_an_alias(browser, live_server, live_editor, artifacts):
    context = browser.new_context(locale="en-US", viewport={"width": 1100, "height": 900})
    page = context.new_page()
    log_in(page, live_server, live_editor)
    page.goto(live_server + "/entries/new")
    page.select_option("#kind", "person")
    page.locator("#simplified").type("周伯文", delay=50)
    offer = page.locator("#suggestions .paste-forms .offer", has_text="Surname in capitals")
    offer.wait_for()
    assert offer.locator(".offered").inner_text() == "ZHOU Bowen"
    offer.locator("button.add-alias").click()
    assert page.input_value("#aliases") == "ZHOU Bowen"
    page.locator("#suggestions").screenshot(path=artifacts / "paste-entry-form.png")
    context.close()


@pytest.mark.parametrize("size", sorted(SIZES))
def test_screenshots(browser, live_server, artifacts, size):
    width, height = SIZES[size]
    context = browser.new_context(
        locale="en-US", viewport={"width": width, "height": height}, is_mobile=size == "phone"
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page = context.new_page()
    page.goto(live_server + "/search?q=xie+feng")
    page.screenshot(path=artifacts / f"paste-results-{size}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.goto(live_server + "/search?q=xie+fneg")
    page.screenshot(path=artifacts / f"did-you-mean-{size}.png", full_page=True)
    page.goto(live_server + "/search?q=xie+feng")
    page.locator("ol.results a.card-link").first.click()
    page.wait_for_url("**/entries/*")
    page.locator("section.paste-forms").scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=artifacts / f"paste-entry-{size}.png", full_page=True)
    context.close()
