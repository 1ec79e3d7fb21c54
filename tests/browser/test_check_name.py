"""A journalist checks a name as an article wrote it against its characters."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_check_a_misspelt_name(page, live_server, artifacts):
    page.goto(live_server + "/")
    page.click("nav.site-nav a[href='/check-name']")
    page.fill("#english", "Wang Xiaojun")
    page.fill("#hanzi", "王晓晖")
    page.click(".check-form button[type=submit]")
    page.wait_for_selector(".check-result")
    assert page.inner_text(".check-result h2") == "The name does not match its characters"
    assert page.inner_text(".differences li") == "晖 reads huī, not “jun”."
    expected = page.locator(".check-result .form-row").nth(2).locator(".form-value").inner_text()
    assert expected == "Wang Xiaohui"
    page.screenshot(path=artifacts / "check-name-wang-xiaojun.png", full_page=True)


def test_check_a_glossary_name_in_house_style(page, live_server):
    page.goto(live_server + "/check-name?english=XIE+Feng&hanzi=%E8%AC%9D%E9%8B%92")
    assert page.inner_text(".check-result h2") == "The name matches its characters"
    assert page.inner_text(".check-result .known a") == "Xie Feng"
