"""A reviewer's path: an entry's history, the difference between two revisions, a revert, the
recent changes and the review queue, in Chromium, without relying on JavaScript."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from glossary import store
from glossary.store.connection import connect
from tests.helpers import log_in

pytestmark = pytest.mark.browser

REVIEWER = ("reviewer", "correct horse battery staple")
NOTE = "Chinese media write 特朗普; Taiwan and Hong Kong write 川普."


@pytest.fixture(scope="session")
def live_reviewer(live_server: str, live_env: dict[str, str]) -> tuple[str, str]:
    """A reviewer account in the live server's database, made with `glossary user add`."""
    name, password = REVIEWER
    subprocess.run(
        [Path(sys.executable).parent / "glossary", "user", "add", name, "--role", "reviewer"],
        input=password + "\n",
        env=live_env,
        text=True,
        capture_output=True,
        check=True,
    )
    return REVIEWER


def edit_notes(live_env: dict[str, str], english: str, notes: str, comment: str) -> int:
    """Save a change to an entry's notes straight into the live database; return its id."""
    db = connect(live_env["GLOSSARY_DATABASE"])
    try:
        entry_id = db.execute("SELECT id FROM entry WHERE english = ?", [english]).fetchone()[0]
        entry = store.get_entry(db, entry_id)
        record = {**store.snapshot(entry), "notes": notes}
        store.edit_entry(
            db, entry_id, record, base_revision=entry["revision"], author="ed", comment=comment
        )
        return int(entry_id)
    finally:
        db.conn.close()


def test_compare_revisions_revert_and_see_the_change_listed(
    page, live_server, live_env, live_reviewer, artifacts
):
    entry_id = edit_notes(live_env, "Donald Trump", NOTE, "Note the Chinese press usage")
    edit_notes(live_env, "Donald Trump", NOTE + " Avoid 川普 in mainland copy.", "Add advice")
    log_in(page, live_server, live_reviewer)

    page.goto(f"{live_server}/entries/{entry_id}")
    page.click(".entry-review a:text('History')")
    rows = page.locator("table.revisions tbody tr")
    assert rows.count() == 3
    assert rows.first.locator(".comment").inner_text() == "Add advice"
    page.screenshot(path=artifacts / "history-donald-trump.png", full_page=True)

    # Compare the import with the newest revision: the radios and a plain GET form.
    page.check("input[name=from][value='1']")
    page.check("input[name=to][value='3']")
    page.click("button[form=compare]")
    page.wait_for_url("**/diff?*")
    assert page.locator("table.diff tbody th").all_inner_texts() == ["Notes for translators"]
    # Chinese is compared by characters: 特朗 is new, 普 was there (川普) already.
    assert page.locator("td.new ins [lang=zh]").first.inner_text() == "特朗"
    assert "特朗普" in page.locator("td.new").first.inner_text()
    page.screenshot(path=artifacts / "diff-donald-trump.png", full_page=True)

    # Revert to the import: a new revision, back on the entry page.
    page.goto(f"{live_server}/entries/{entry_id}/history")
    page.click("tr#revision-1 button:text('Revert to this')")
    page.wait_for_url(f"**/entries/{entry_id}")
    assert "Reverted to revision 1, as revision 4." in page.locator(".flash-success").inner_text()
    assert "Avoid 川普 in mainland copy" not in page.locator("article.entry").inner_text()

    page.click("nav.site-nav a:text('Recent changes')")
    first = page.locator("table.changes tbody tr").first
    assert first.locator(".entry-name .english").inner_text() == "Donald Trump"
    assert first.locator(".action").inner_text() == "reverted"
    assert first.locator(".author").inner_text() == "reviewer"
    page.screenshot(path=artifacts / "recent-changes.png", full_page=True)

    page.click("nav.account a:text('Review queue')")
    card = page.locator(".review-queue .card").first
    assert card.locator(".english").inner_text() == "Donald Trump"
    assert card.locator("button.verify").is_visible()
