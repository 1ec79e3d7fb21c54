"""Operations (issue 16, finding 12): a full disk answers 503 "cannot save now" and the entry
form keeps the editor's text; uploads kept between a dry run and its confirmation have a quota.
A full disk is simulated: the store's writes raise SQLite's own error."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

import glossary.store.history
from glossary import store
from glossary.web import uploads
from tests.helpers import api_token, csrf_token, entry_id, fields, html

FULL = "database or disk is full"
CANNOT = "The glossary cannot save now: its server has no room left."


@pytest.fixture
def full_disk(monkeypatch):
    """Every revision written fails as SQLite fails when the disk is full."""

    def full(*args, **kwargs):
        raise sqlite3.OperationalError(FULL)

    monkeypatch.setattr(glossary.store.history, "record_revision", full)


def test_a_full_disk_rolls_the_write_back_and_says_so(db, full_disk) -> None:
    before = db.execute("SELECT count(*) FROM entry").fetchone()
    record = {
        "kind": "term",
        "english": "Tea",
        "simplified": "茶",
        "sources": [{"quote": "q", "title": "t", "published": "2026"}],
    }
    with pytest.raises(store.StorageFull):
        store.create_entry(db, record, author="ed")
    assert db.execute("SELECT count(*) FROM entry").fetchone() == before
    assert not db.conn.in_transaction


def test_other_database_errors_are_left_as_they_are(db) -> None:
    with pytest.raises(sqlite3.OperationalError), store.transaction(db):
        db.execute("SELECT * FROM no_such_table")


def test_the_edit_form_keeps_the_text_when_the_disk_is_full(editor_client, full_disk) -> None:
    xie = entry_id(editor_client, "Xie Feng")
    data = fields(html(editor_client.get(f"/entries/{xie}/edit")).select_one("form.entry-form"))
    data["notes"] = "My careful notes."
    data["description"] = "A description I wrote for an hour."
    response = editor_client.post(f"/entries/{xie}/edit", data=data)
    assert response.status_code == 503
    page = html(response)
    assert page.select_one(".form-error").get_text().startswith(CANNOT)
    assert page.select_one("textarea[name=description]").get_text().strip() == (
        "A description I wrote for an hour."
    )
    assert page.select_one("textarea[name=notes]").get_text().strip() == "My careful notes."


def test_the_api_answers_503_when_the_disk_is_full(app, client, db, full_disk) -> None:
    store.insert_account(db, "api", "editor", "!", "session")
    token = api_token(app, "api")
    document = {
        "kind": "term",
        "english": "Tea",
        "simplified": "茶",
        "sources": [{"quote": "q", "title": "t", "published": "2026"}],
    }
    response = client.post(
        "/api/entries", json=document, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 503
    assert response.get_json()["error"].startswith("cannot save now: the server's disk is full")


def test_other_pages_answer_503_saying_why(editor_client, full_disk) -> None:
    xie = entry_id(editor_client, "Xie Feng")
    token = csrf_token(editor_client, f"/entries/{xie}")
    response = editor_client.post(
        f"/entries/{xie}/delete", data={"csrf_token": token, "reason": "duplicate"}
    )
    assert response.status_code == 503
    assert html(response).select_one("h1").get_text().startswith(CANNOT)


# The quota of kept uploads ----------------------------------------------------------------------


def _kept(folder: Path) -> list[str]:
    return sorted(path.stem for path in folder.glob("*.upload"))


def test_keeping_one_more_upload_drops_the_oldest(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(uploads, "MAX_KEPT", 3)
    names = []
    for number in range(3):
        names.append(uploads.keep(tmp_path, b"x" * 10, {"at": number}))
        then = int((time.time() - 100 + number) * 10**9)  # in their hour, oldest first
        os.utime(tmp_path / f"{names[-1]}.upload", ns=(then, then))
    newest = uploads.keep(tmp_path, b"y", {"at": 9})
    assert _kept(tmp_path) == sorted([names[1], names[2], newest])
    assert not (tmp_path / f"{names[0]}.json").exists()


def test_the_bytes_kept_stay_within_the_quota(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(uploads, "MAX_KEPT_BYTES", 100)
    first = uploads.keep(tmp_path, b"a" * 60, {})
    then = int((time.time() - 100) * 10**9)
    os.utime(tmp_path / f"{first}.upload", ns=(then, then))
    second = uploads.keep(tmp_path, b"b" * 30, {})
    third = uploads.keep(tmp_path, b"c" * 30, {})  # 120 bytes with the first: it goes
    assert _kept(tmp_path) == sorted([second, third])
    assert sum(p.stat().st_size for p in tmp_path.glob("*.upload")) == 60
    assert json.loads((tmp_path / f"{third}.json").read_text()) == {}


def test_the_quota_is_a_few_full_uploads() -> None:
    assert (uploads.MAX_KEPT, uploads.MAX_KEPT_BYTES) == (20, 50 * 1024 * 1024)
