"""The review queue in Chromium: a page of previews, Verify, Undo, and the verification seen in
recent changes; no serious axe violations, no sideways scrolling on a phone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import log_in

pytestmark = pytest.mark.browser

REVIEWER = ("queue-reviewer", "correct horse battery staple review")


@pytest.fixture(scope="module")
def reviewer(live_server, live_env) -> tuple[str, str]:
    """A reviewer account in the live server's database, made with `glossary user add`."""
    subprocess.run(
        [
            Path(sys.executable).parent / "glossary",
            "user",
            "add",
            REVIEWER[0],
            "--role",
            "reviewer",
        ],
        input=REVIEWER[1] + "\n",
        env=live_env,
        text=True,
        capture_output=True,
        check=True,
    )
    return REVIEWER


def serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_verify_then_undo_from_the_queue(page, live_server, reviewer):
    log_in(page, live_server, reviewer)
    page.goto(live_server + "/review")
    first = page.locator(".review-queue > li").first
    english = first.locator(".english").inner_text()
    assert first.locator(".review-preview").count() == 1
    first.locator("button.verify").click()
    page.wait_for_load_state()

    notice = page.locator(".flash-undo")
    assert notice.locator("span").inner_text() == f"Verified “{english}”."
    assert english not in page.locator(".review-queue .english").all_inner_texts()
    assert serious(page) == []

    page.goto(live_server + "/changes")
    row = page.locator("table.changes tbody tr").first
    assert row.locator(".action").inner_text() == "verified"
    assert row.locator(".author").inner_text() == reviewer[0]

    # The offer to undo stays with its message: shown once, on the page Verify led to.
    page.goto(live_server + "/review")
    assert page.locator(".flash-undo").count() == 0


def test_undo_puts_the_entry_back_in_the_queue(page, live_server, reviewer):
    log_in(page, live_server, reviewer)
    page.goto(live_server + "/review")
    first = page.locator(".review-queue > li").first
    english = first.locator(".english").inner_text()
    first.locator("button.verify").click()
    page.wait_for_load_state()
    page.locator(".flash-undo button.undo").click()
    page.wait_for_load_state()
    assert page.url == live_server + "/review"
    assert page.locator(".flash").first.inner_text() == f"Undid the verification of “{english}”."
    assert page.locator(".review-queue .english").first.inner_text() == english

    page.goto(live_server + "/changes")
    actions = page.locator("table.changes tbody tr .action").all_inner_texts()
    assert actions[:2] == ["verification undone", "verified"]


def test_the_queue_fits_a_phone(browser, live_server, reviewer):
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    log_in(phone, live_server, reviewer)
    phone.goto(live_server + "/review")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()


def test_the_preview_marks_the_words_changed_since_the_last_verification(
    browser, live_server, live_editor, reviewer
):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log_in(page, live_server, live_editor)
    page.goto(live_server + "/entries/5/edit")  # Fu Ying: verified in the seed
    page.fill("#notes", "Chaired the Foreign Affairs Committee.")
    page.click("form.entry-form button.primary")
    page.wait_for_load_state()
    context.close()
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log_in(page, live_server, reviewer)
    page.goto(live_server + "/review")
    card = page.locator(".review-queue > li").first
    assert card.locator(".english").inner_text() == "Fu Ying"
    preview = card.locator("table.diff.preview")
    assert preview.locator("caption").inner_text() == (
        "Changed since revision 1, the one last verified"
    )
    assert preview.locator("tr.field-notes td.new ins").count() >= 1
    assert serious(page) == []
    context.close()
