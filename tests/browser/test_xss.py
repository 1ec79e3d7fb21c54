"""Script and event-handler payloads in every field, in Chromium: on every page that shows them
(entries, results as you type, history, differences, recent changes, the edit form and its
conflict page) nothing runs: no dialog, no console output of theirs, no policy violation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from glossary import accounts, store
from glossary.store.connection import connect
from tests.factories import MARK, payload, store_hostile_entries
from tests.helpers import log_in, start_server

pytestmark = pytest.mark.browser
EDITOR = ("xss-editor", "correct horse battery staple")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict, Path]]:
    """A server of its own (its entries would show up in other tests' searches), seeded, with
    hostile entries and an editor; yields its URL, the entries' ids and the database."""
    folder = tmp_path_factory.mktemp("xss")
    database = folder / "xss.db"
    server = start_server(database, folder / "server.log", 2)  # creates and seeds the database
    try:
        db = connect(str(database))
        try:
            accounts.add_account(db, EDITOR[0], "editor", EDITOR[1])
        finally:
            db.conn.close()
        yield f"http://127.0.0.1:{server.port}", store_hostile_entries(str(database)), database
    finally:
        server.stop()


@pytest.fixture
def watched(page) -> Iterator[tuple]:
    """The page, with every dialog (dismissed) and console message recorded."""
    dialogs: list[str] = []
    console: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: console.append(message.text))
    yield page, dialogs, console
    assert dialogs == []
    assert [m for m in console if "XSS-RAN" in m or "Content Security Policy" in m] == []


def test_nothing_runs_on_the_reading_pages(watched, hostile_server, artifacts):
    page, _, _ = watched
    url, ids, _ = hostile_server
    for path in (
        f"/entries/{ids['term']}",
        f"/entries/{ids['person']}",
        f"/entries/{ids['organization']}",
        f"/entries/{ids['deleted']}",
        f"/entries/{ids['term']}/history",
        f"/entries/{ids['term']}/diff?from=1&to=2",
        "/changes",
        f"/search?q={MARK}",
        f"/search?q={MARK}+english",
    ):
        page.goto(url + path)
        page.wait_for_load_state("load")
        assert "XSS-RAN" in page.locator("main").inner_text(), path  # shown, as text
    page.goto(f"{url}/entries/{ids['term']}")
    page.screenshot(path=artifacts / "xss-entry.png", full_page=True)


def test_nothing_runs_in_results_as_you_type(watched, hostile_server):
    page, _, _ = watched
    url, _, _ = hostile_server
    page.goto(url + "/")
    page.locator("#q").type(f"{MARK} eng", delay=20)
    first = page.locator("#live-results ol.results li").first
    # Wait for the answer to the whole query: on a slow machine a pause between keystrokes can
    # show the answer to a part of it first ("xssp" finds the same entry, marked "xssp").
    expect(page.locator("#live-results mark").first).to_have_text(re.compile(f"^{MARK}", re.I))
    expect(first).to_contain_text("<script>console.log('XSS-RAN english')</script>")


def test_nothing_runs_in_the_edit_form_or_its_conflict_page(watched, hostile_server, artifacts):
    page, _, _ = watched
    url, ids, database = hostile_server
    log_in(page, url, EDITOR)
    page.goto(f"{url}/entries/{ids['term']}/edit")
    assert page.input_value("#english") == payload("english")  # in an attribute, intact
    page.wait_for_timeout(500)  # the suggestions, fetched for the characters, are shown
    page.click("form.entry-form button.primary")
    page.wait_for_load_state("load")
    assert page.locator(".field-error").count() > 0  # refused: dates, pinyin, lengths
    assert page.input_value("#notes") == payload("edited notes")

    # Make the form valid, let someone else save first, then save: the conflict page.
    for field, value in {
        "#simplified": "谢<script>console.log('XSS-RAN form')</script>",
        "#traditional": "",
        "#pinyin": "Xiè",
        "#romanization_system": "<b onmouseover=\"console.log('XSS-RAN rs')\">",
        "#tags": "<i>tag</i>",
        "#sources-0-published": "2026-05",
        "#sources-0-accessed": "",
        "#sources-1-published": "2026-05",
        "#sources-1-accessed": "",
        "#sources-1-url": "https://example.org/",
        "#comment": payload("form comment")[:400],
    }.items():
        page.fill(field, value)
    db = connect(str(database))
    try:
        entry = store.get_entry(db, ids["term"])
        changed = {**store.snapshot(entry), "description": payload("their description")}
        store.edit_entry(db, ids["term"], changed, base_revision=entry["revision"], author="other")
    finally:
        db.conn.close()
    page.click("form.entry-form button.primary")
    page.wait_for_load_state("load")
    assert "XSS-RAN their description" in page.locator("main").inner_text()
    page.screenshot(path=artifacts / "xss-conflict.png", full_page=True)
