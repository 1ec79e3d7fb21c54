"""`glossary check` and `glossary restore` on what a database holds (issue 16, findings 8 and
12): one snapshot, so a check on a live database reports no phantom problems; values that would
answer 500 once served (control characters, a 50 MB note, a snapshot that is not JSON) are
reported by check and refused by restore; a change to an entry a restore took away is 404."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import glossary.text.keys
from glossary import store
from glossary.entries import contents
from glossary.store import maintenance
from glossary.store.connection import connect
from tests.helpers import api_token, entry_id

NEW_TERM = {
    "kind": "term",
    "english": "written during the check",
    "simplified": "检查中",
    "sources": [{"quote": "A quotation.", "title": "A title", "published": "2026-05"}],
}


def test_check_reads_one_snapshot_while_the_glossary_is_written(app, monkeypatch) -> None:
    database = app.config["DATABASE"]
    real = glossary.text.keys.entry_keys
    written = []

    def entry_keys_while_someone_saves(*args, **options):
        if not written:  # between reading the entries and reading their search keys
            written.append(True)  # before saving, which derives keys too
            writer = connect(database)
            try:
                store.create_entry(writer, NEW_TERM, author="ed")
            finally:
                writer.conn.close()
        return real(*args, **options)

    monkeypatch.setattr(glossary.text.keys, "entry_keys", entry_keys_while_someone_saves)
    result = maintenance.check(database)
    assert written
    assert store.count_entries(connect(database)) == 61
    assert result.problems == []
    assert result.counts["entry"] == 60  # as it was when the check began


# What cannot be served ------------------------------------------------------------------------


TAMPERING = [
    (
        "UPDATE revision SET comment = 'why' || char(27) WHERE entry_id = :id",
        "a revision of entry {id}: comment must not contain control characters",
    ),
    (
        "UPDATE entry SET english = 'Xie' || char(11) || 'Feng' WHERE id = :id",
        "entry {id}: english must not contain control characters",
    ),
    (
        "UPDATE entry SET notes = :big WHERE id = :id",
        "entry {id}: notes is 50000000 characters long; at most 4000 are allowed",
    ),
    (
        "UPDATE entry SET aliases = '[1, 2]' WHERE id = :id",
        "entry {id}: aliases is not a JSON list of texts",
    ),
    (
        "UPDATE revision SET snapshot = 'garbage{' WHERE entry_id = :id",
        "revision 1 of entry {id}: the snapshot is not JSON",
    ),
    (
        "UPDATE revision SET snapshot = '{\"sources\": 5}' WHERE entry_id = :id",
        "revision 1 of entry {id}: the snapshot has sources that are not a list",
    ),
    (
        "UPDATE source SET title = x'00ff' WHERE entry_id = :id",
        "a source of entry {id}: title is not text",
    ),
]


def _tamper(path: Path | str, sql: str, xie: int) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(sql, {"id": xie, "big": "n" * 50_000_000})
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize(("sql", "problem"), TAMPERING)
def test_check_reports_values_that_cannot_be_served(runner, app, client, sql, problem) -> None:
    xie = entry_id(client, "Xie Feng")
    _tamper(app.config["DATABASE"], sql, xie)
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    found = [line for line in result.output.splitlines() if line.startswith("problem: ")]
    assert f"problem: {problem.format(id=xie)}" in found, result.output


@pytest.mark.parametrize(("sql", "problem"), TAMPERING[:1] + TAMPERING[2:3] + TAMPERING[4:5])
def test_restore_refuses_a_file_holding_what_cannot_be_served(
    runner, app, client, tmp_path, sql, problem
) -> None:
    xie = entry_id(client, "Xie Feng")
    backup = tmp_path / "backup.db"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    _tamper(backup, sql, xie)
    result = runner.invoke(args=["restore", str(backup)])
    assert result.exit_code == 1
    assert f"{backup} was not restored: it holds values the glossary cannot serve" in (
        result.output
    )
    assert problem.format(id=xie) in result.output
    database = Path(app.config["DATABASE"])
    assert [p.name for p in database.parent.iterdir() if "before-restore" in p.name] == []


def test_a_sound_database_has_nothing_that_cannot_be_served(db) -> None:
    assert contents.problems(store.stored_values(db), store.revision_snapshots(db)) == []


def test_many_problems_are_counted_not_listed(db) -> None:
    db.execute("UPDATE entry SET english = english || char(27)")
    found = contents.problems(store.stored_values(db), store.revision_snapshots(db))
    assert len(found) == contents.MAX_LISTED + 1
    assert found[-1] == "… and 40 more values that cannot be served"


@pytest.mark.parametrize(
    ("snapshot", "problem"),
    [
        ("[]", "is not a JSON object"),
        ('{"related": ["x"]}', "has links that are not entry ids"),
        ('{"affiliations": [5]}', "has affiliations that are not objects"),
        ('{"english": 5}', "has english that is not text"),
        ('{"sources": [{"quote": 5}]}', "has quote that is not text"),
        (json.dumps({"notes": "n" * 4001}), "has notes that is 4001 characters long; at most"),
        ('{"english": "a\\u001bb"}', "has english that must not contain control characters"),
        (json.dumps({"english": "Xie Feng", "sources": [], "related": [3]}), None),
    ],
)
def test_snapshot_problem(snapshot: str, problem: str | None) -> None:
    found = contents.snapshot_problem(snapshot)
    assert found == problem if problem is None else found.startswith(problem)


# A change to an entry that went away while it was asked for -----------------------------------


@pytest.mark.parametrize(
    ("method", "path", "role", "body"),
    [
        ("put", "/api/entries/{id}", "editor", {**NEW_TERM, "revision": 1}),
        ("delete", "/api/entries/{id}?reason=gone", "editor", None),
        ("post", "/api/entries/{id}/verify", "reviewer", None),
    ],
)
def test_a_change_to_an_entry_a_restore_removed_is_404(
    app, client, db, monkeypatch, method, path, role, body
) -> None:
    from glossary.web.api import write as api_write

    store.insert_account(db, "someone", role, "!", "session")
    token = api_token(app, "someone")
    # As if a restore took the entry away between the route's look and its write
    monkeypatch.setattr(api_write, "existing", lambda entry_id, live=True: {})
    response = getattr(client, method)(
        path.format(id=999_999),
        json=body,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 404
    assert response.get_json() == {"error": "no entry with id 999999"}
