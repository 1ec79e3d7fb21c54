"""An editor reads an article: sees what the glossary knows, ticks two drafts, creates them,
and finds them by pinyin."""

from __future__ import annotations

import pytest

from tests.helpers import log_in

pytestmark = pytest.mark.browser

ARTICLE = (
    "In an interview, the Chinese Ambassador to the United States, XIE Feng (谢锋), signaled "
    "support for talks.\n\n"
    "Its chief engineer, Wang Xiaojun (王晓晖), said tests were voluntary. The Shanghai AI "
    "Laboratory (上海人工智能实验室, SHLAB) presented its work, and ZHOU Bowen (周伯文), "
    "director of SHLAB, spoke. A researcher named Li Hongwei did not give his characters."
)


def test_read_an_article_and_create_two_drafts(browser, live_server, live_editor, artifacts):
    context = browser.new_context(locale="en-US", viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    log_in(page, live_server, live_editor)

    page.click("nav.site-nav >> text=Read an article")
    page.wait_for_url("**/read")
    page.fill("#text", ARTICLE)
    page.click("form.article-form button[type=submit]")
    page.wait_for_selector(".article-body")

    # What the glossary knows is marked, with characters and pinyin on hover
    known = page.locator(".article-body a.known")
    assert known.first.inner_text().startswith("XIE Feng")
    assert not known.first.locator(".gloss").is_visible()
    known.first.hover()
    assert known.first.locator(".gloss").inner_text() == "谢锋 謝鋒 Xiè Fēng"
    assert page.locator(".found-list li").first.locator("span[lang=en]").inner_text() == "Xie Feng"

    # The drafts: the misspelling flagged, the known name linked, no draft for Li Hongwei
    cards = page.locator(".draft-card")
    assert cards.count() == 4
    assert "晖 reads huī, not “jun”." in cards.nth(1).locator(".check.mismatch").inner_text()
    assert cards.nth(0).locator(".check.existing a").inner_text() == "Xie Feng"
    assert "Li Hongwei" not in page.locator(".drafts").inner_text()
    page.screenshot(path=artifacts / "read-article.png", full_page=True)

    page.fill("#title", "Beijing's AI safety institutions")
    page.fill("#publisher", "Example News")
    page.fill("#url", "https://example.org/ai-safety")
    page.fill("#published", "2026-05-13")
    page.check("#drafts-2-selected")
    page.check("#drafts-3-selected")
    page.fill("#drafts-3-english", "Zhou Bowen")  # corrected inline
    page.click("form.drafts-form button[type=submit]")
    page.wait_for_url("**/read/created**")
    created = page.locator(".results .english")
    assert created.all_inner_texts() == ["Shanghai AI Laboratory", "Zhou Bowen"]
    assert page.locator(".flash-success").inner_text().startswith("Saved 2 drafts.")
    page.screenshot(path=artifacts / "read-article-created.png", full_page=True)

    # Found by pinyin, toneless and with tone numbers
    page.goto(live_server + "/search?q=zhou+bowen")
    first = page.locator("ol.results li").first
    assert first.locator(".english").inner_text() == "Zhou Bowen"
    assert first.locator(".pinyin").inner_text() == "Zhōu Bówén"
    page.goto(live_server + "/search?q=shang4hai3+ren2gong1")
    assert page.locator("ol.results li").first.locator(".english").inner_text() == (
        "Shanghai AI Laboratory"
    )
    assert errors == []
    context.close()
