"""An editor's path: add a name by typing its characters, find it, and meet an edit conflict."""

from __future__ import annotations

import re

import pytest

from tests.helpers import log_in

pytestmark = pytest.mark.browser

ENTRY_PAGE = re.compile(r"/entries/[0-9]+$")
QUOTE = "Shan Jixiang, former director of the Palace Museum, spoke at the forum."


def test_add_an_entry_find_it_and_meet_an_edit_conflict(
    browser, live_server, live_editor, artifacts
):
    context = browser.new_context(locale="en-US", viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    log_in(page, live_server, live_editor)

    page.click(".account a.new-entry")
    page.wait_for_url("**/entries/new")
    page.select_option("#kind", "person")
    page.locator("#simplified").type("单霁翔", delay=50)
    suggested = page.locator("#suggestions .offered[lang=zh-Latn-pinyin]")
    suggested.wait_for()
    assert suggested.inner_text() == "Shàn Jìxiáng"
    assert page.input_value("#pinyin") == "Shàn Jìxiáng"  # filled while not typed in
    assert page.input_value("#traditional") == "單霽翔"
    page.fill("#english", "Shan Jixiang")
    page.fill("#sources-0-quote", QUOTE)
    page.fill("#sources-0-title", "Forum report")
    page.fill("#sources-0-url", "https://example.org/forum")
    page.fill("#sources-0-published", "2026-05-14")
    page.fill("#affiliations-0-organization", "Ministry of Foreign Affairs")
    from playwright.sync_api import expect  # (the browser fixture skips without playwright)

    # Chosen by typing: the typeahead found the organization and kept its id. (expect, not
    # wait_for_function: the Content-Security-Policy forbids evaluating strings.)
    expect(page.locator("#affiliations-0-organization_id")).not_to_have_value("")
    page.fill("#affiliations-0-role", "Adviser")
    page.screenshot(path=artifacts / "editing-new-entry.png", full_page=True)

    page.click("form.entry-form button.primary")
    page.wait_for_url(ENTRY_PAGE)
    assert page.locator("h1 .english").inner_text() == "Shan Jixiang"
    assert page.locator(".flash-success").inner_text().startswith("Added Shan Jixiang.")
    assert "Ministry of Foreign Affairs" in page.locator(".affiliations").inner_text()
    entry_url = page.url

    page.goto(live_server + "/search?q=shan+jixiang")
    first = page.locator("ol.results li").first
    assert first.locator(".english").inner_text() == "Shan Jixiang"
    assert first.locator(".hanzi[lang=zh-Hans]").inner_text() == "单霁翔"

    # The same entry open in two tabs: the first save wins, the second meets the conflict.
    first_tab, second_tab = page, context.new_page()
    for tab in (first_tab, second_tab):
        tab.goto(entry_url + "/edit")
    first_tab.fill("#description", "Former director of the Palace Museum.")
    first_tab.click("form.entry-form button.primary")
    first_tab.wait_for_url(entry_url)

    second_tab.fill("#notes", "Shàn, not Dān, as a surname.")
    with second_tab.expect_response(lambda r: r.request.method == "POST") as answer:
        second_tab.click("form.entry-form button.primary")
    assert answer.value.status == 409
    second_tab.wait_for_load_state()
    assert second_tab.locator("h1").inner_text() == "This entry changed while you were editing it"
    change = second_tab.locator(".conflict-changes .change[data-field=description]")
    assert "Former director of the Palace Museum." in change.locator(".after").inner_text()
    assert second_tab.input_value("#notes") == "Shàn, not Dān, as a surname."  # nothing lost
    second_tab.screenshot(path=artifacts / "editing-conflict.png", full_page=True)

    # Saving from the conflict page applies the editor's text on purpose.
    second_tab.click("form.entry-form button.primary")
    second_tab.wait_for_url(entry_url)
    assert "Shàn, not Dān, as a surname." in second_tab.locator(".notes").inner_text()
    assert errors == []
    context.close()


def test_the_form_on_a_phone(browser, live_server, live_editor, artifacts):
    context = browser.new_context(
        locale="en-US", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    log_in(page, live_server, live_editor)
    page.goto(live_server + "/entries/new")
    page.locator("#simplified").type("谢锋", delay=50)
    page.locator("#duplicates a").first.wait_for()
    assert page.locator("#duplicates a").first.inner_text() == "Xie Feng"
    page.click("button.add-row[value=sources]")  # a copy of the row, without a round trip
    assert page.locator("fieldset[data-row=sources]").count() == 2
    assert page.locator("fieldset[data-row=sources] legend").nth(1).inner_text() == "Source 2"
    assert page.url.endswith("/entries/new")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=artifacts / "editing-new-entry-phone.png", full_page=True)

    page.fill("#sources-1-url", "javascript:alert(1)")
    page.click("form.entry-form button.primary")
    page.wait_for_selector("#sources-1-url-error")
    assert page.locator("#sources-1-url-error").inner_text() == "must be an http or https address"
    assert page.locator("#english-error").inner_text() == "is required"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=artifacts / "editing-errors-phone.png", full_page=True)
    context.close()


def test_affiliations_are_for_people_only(browser, live_server, live_editor):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    log_in(page, live_server, live_editor)
    page.goto(live_server + "/entries/new")
    assert page.locator("#affiliations").is_visible()
    page.select_option("#kind", "term")
    assert not page.locator("#affiliations").is_visible()
    page.locator("#simplified").type("干", delay=50)
    page.locator("#suggestions .ambiguous").wait_for()
    assert "乾 幹 榦" in page.locator("#suggestions .ambiguous").inner_text()
    context.close()


def test_the_form_works_without_javascript(browser, live_server, live_editor):
    context = browser.new_context(locale="en-US", java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server, live_editor)
    page.goto(live_server + "/entries/new")
    page.fill("#simplified", "王毅")
    page.click("button.add-row[value=sources]")
    page.wait_for_selector("#sources-1-quote")
    assert page.input_value("#simplified") == "王毅"  # the form came back as typed
    page.fill("#english", "Wang Yi (no JS)")
    page.fill("#sources-1-quote", "Wang Yi met the delegation.")
    page.fill("#sources-1-title", "Meeting report")
    page.fill("#sources-1-published", "2026")
    page.fill("#affiliations-0-organization", "Ministry of Foreign Affairs")
    page.click("form.entry-form button.primary")
    page.wait_for_url(ENTRY_PAGE)
    assert page.locator("h1 .english").inner_text() == "Wang Yi (no JS)"
    forms = page.locator("section[aria-labelledby=forms-heading]")
    assert forms.locator(".form-value[lang=zh-Latn-pinyin]").inner_text() == "Wáng Yì"
    assert "Ministry of Foreign Affairs" in page.locator(".affiliations").inner_text()
    context.close()
