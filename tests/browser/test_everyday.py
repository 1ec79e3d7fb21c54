"""Everyday pages in Chromium: a phone, the keyboard, tone colours, dark mode, print."""

from __future__ import annotations

import pytest

from tests.helpers import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

PAGES = [
    "/",
    "/search?q=xie",
    "/search?q=race+to+the+top",
    "/entries/1",
    "/entries/1/history",
    "/check-name?hanzi=谢锋&english=Xie+Feng",
    "/read",
    "/api",
    "/login",
    "/changes",
]


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="en-US", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def overflow(page) -> int:
    """How far the page is wider than the screen, in CSS pixels (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_on_a_phone(phone, live_server, path):
    phone.goto(live_server + path)
    assert overflow(phone) <= 0


def test_no_sideways_scrolling_on_the_editors_pages(phone, live_server, live_editor):
    log_in(phone, live_server, live_editor)
    for path in ("/entries/new", "/entries/1/edit", "/import"):
        phone.goto(live_server + path)
        assert (path, overflow(phone)) == (path, 0)


def test_the_header_is_compact_on_a_phone(phone, live_server):
    phone.goto(live_server + "/search?q=xie")
    first = phone.locator("ol.results li").first.bounding_box()
    header = phone.locator("header.site").bounding_box()
    assert header["height"] <= 160
    # Below the header: the page's title, the kinds in one line, the verified filter, the count.
    assert first["y"] <= 300


def test_arrow_down_from_the_search_box_walks_the_results_and_enter_opens_one(page, live_server):
    page.goto(live_server + "/search?q=xie")
    page.focus("#q")
    page.keyboard.press("ArrowDown")
    first = page.locator("ol.results .card-link").first
    assert page.evaluate("document.activeElement.classList.contains('card-link')")
    assert page.evaluate("document.activeElement.href") == first.evaluate("a => a.href")
    page.keyboard.press("ArrowDown")
    second = page.locator("ol.results .card-link").nth(1).evaluate("a => a.href")
    assert page.evaluate("document.activeElement.href") == second
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.press("ArrowDown")
    target = first.evaluate("a => a.href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == target


def test_tone_colours_are_a_choice_kept_across_pages(page, live_server):
    page.goto(live_server + "/entries/1")
    syllables = page.locator(".form-value .tone4")
    assert syllables.count() >= 1
    colour_before = syllables.first.evaluate("s => getComputedStyle(s).color")
    switch = page.locator("button.tone-switch")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    assert switch.get_attribute("aria-pressed") == "true"
    colour_after = syllables.first.evaluate("s => getComputedStyle(s).color")
    assert colour_after != colour_before
    page.goto(live_server + "/search?q=xie")  # another page remembers it
    assert page.evaluate("document.documentElement.classList.contains('tone-colours')")
    assert page.locator("button.tone-switch").get_attribute("aria-pressed") == "true"
    page.locator("button.tone-switch").click()
    page.reload()
    assert not page.evaluate("document.documentElement.classList.contains('tone-colours')")


def test_dark_mode_follows_the_system(browser, live_server):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(live_server + "/entries/1")
        colours[scheme] = page.evaluate(
            "getComputedStyle(document.documentElement).backgroundColor"
        )
        context.close()
    assert colours == {"light": "rgb(245, 246, 249)", "dark": "rgb(15, 19, 26)"}


def test_an_entry_prints_as_a_card_with_its_sources(page, live_server):
    page.goto(live_server + "/entries/1")
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible()
    assert not page.locator("footer.site").is_visible()
    assert page.locator("h1").is_visible()
    assert page.locator("section[aria-labelledby=sources-heading]").is_visible()
    page.emulate_media(media="screen")
    assert page.locator("header.site").is_visible()


def test_the_favicon_and_the_citation(page, live_server):
    page.goto(live_server + "/entries/1")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(live_server + icon).status == 200
    citation = page.locator(".cite .citation-line").inner_text()
    assert citation.startswith("“")
    assert f"{live_server}/entries/1" in citation
    permalink = page.locator(".cite a.permalink")
    assert permalink.get_attribute("href") == "/entries/1"
    assert permalink.inner_text() == f"{live_server}/entries/1"
