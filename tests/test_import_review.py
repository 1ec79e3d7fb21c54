"""Review means review: a file marks entries verified only for those who may verify, an import
that changes an entry makes it unverified, and every import names its account and is seen."""

from __future__ import annotations

import io
import json

import pytest

from glossary import exchange, store
from tests.helpers import csrf_token, html, login

SEED_ENTRY = 10
NEW_ENTRY_JSON = {
    "format": "glossary/1",
    "entries": [
        {
            "key": "new-verified-term",
            "kind": "term",
            "english": "Planted term",
            "simplified": "植入",
            "verified": True,
            "sources": [{"quote": "植入", "title": "Example Daily", "published": "2026-01-02"}],
        }
    ],
}
NEW_ENTRY_CSV = (
    "key,kind,english,simplified,verified,source_1_quote,source_1_title,source_1_published\n"
    "planted,term,Planted term,植入,yes,植入,Example Daily,2026-01-02\n"
)


@pytest.fixture(autouse=True)
def import_folder(app, tmp_path):
    """Keep uploads awaiting confirmation in the test's own folder."""
    app.config["IMPORT_FOLDER"] = str(tmp_path / "imports")


def import_through_the_site(client, raw: bytes, name: str):
    """Upload a file at /import and confirm its dry run, as a person would."""
    data = {"csrf_token": csrf_token(client, "/import"), "file": (io.BytesIO(raw), name)}
    page = html(client.post("/import", data=data, content_type="multipart/form-data"))
    confirm = page.select_one("form.confirm-import")
    assert confirm is not None, page.select_one(".problems")
    fields = {i["name"]: i["value"] for i in confirm.select("input")}
    return client.post(confirm["action"], data=fields)


def tampered_export(client) -> bytes:
    """Seed entry 10 exported as JSON, its description changed and marked verified."""
    document = json.loads(client.get(f"/entries/{SEED_ENTRY}/export.json").get_data())
    [record] = document["entries"]
    record["description"] = "Changed without review."
    record["verified"] = True
    return json.dumps(document, ensure_ascii=False).encode()


def verification(db, entry_id: int) -> tuple:
    row = db.execute(
        "SELECT verified, verified_by, updated_by FROM entry WHERE id = ?", [entry_id]
    ).fetchone()
    return tuple(row)


def by_key(db, key: str) -> int:
    return db.execute("SELECT id FROM entry WHERE import_key = ?", [key]).fetchone()[0]


# On the site ----------------------------------------------------------------------------------


def test_an_editors_file_never_marks_an_entry_verified(editor_client, db):
    assert verification(db, SEED_ENTRY)[0] == 0
    response = import_through_the_site(editor_client, tampered_export(editor_client), "x.json")
    assert response.status_code == 200
    entry = store.get_entry(db, SEED_ENTRY)
    assert entry["description"] == "Changed without review."
    assert verification(db, SEED_ENTRY) == (0, "", "ed")


def test_an_import_that_changes_a_verified_entry_makes_it_unverified(editor_client, db):
    store.verify_entry(db, SEED_ENTRY, reviewer="rev")
    import_through_the_site(editor_client, tampered_export(editor_client), "x.json")
    assert verification(db, SEED_ENTRY) == (0, "", "ed")
    row = db.execute("SELECT verified_at FROM entry WHERE id = ?", [SEED_ENTRY]).fetchone()
    assert row[0] is None


@pytest.mark.parametrize(
    ("raw", "name", "key"),
    [
        (json.dumps(NEW_ENTRY_JSON, ensure_ascii=False).encode(), "new.json", "new-verified-term"),
        (NEW_ENTRY_CSV.encode(), "new.csv", "planted"),
    ],
)
def test_an_editors_file_never_creates_a_verified_entry(editor_client, db, raw, name, key):
    import_through_the_site(editor_client, raw, name)
    assert verification(db, by_key(db, key)) == (0, "", "ed")


def test_a_reviewers_file_marks_entries_verified_in_the_reviewers_name(reviewer_client, db):
    import_through_the_site(reviewer_client, tampered_export(reviewer_client), "x.json")
    assert verification(db, SEED_ENTRY) == (1, "rev", "rev")


def test_an_import_revision_names_the_account_and_shows_everywhere(
    editor_client, accounts_app, client, db
):
    import_through_the_site(editor_client, tampered_export(editor_client), "x.json")
    [latest, *_] = store.revisions(db, SEED_ENTRY)
    assert (latest["author"], latest["action"]) == ("ed", "import")
    english = store.get_entry(db, SEED_ENTRY)["english"]
    row = html(client.get("/changes")).select_one("table.changes tbody tr")
    assert row.select_one(".entry-name .english").get_text(strip=True) == english
    assert row.select_one(".author").get_text(strip=True) == "ed"
    assert row.select_one(".action").get_text(strip=True) == "imported"
    feed = client.get("/changes.atom").get_data(as_text=True)
    assert f"/entries/{SEED_ENTRY}" in feed and "<name>ed</name>" in feed
    reviewer = accounts_app.test_client()
    login(reviewer, "rev")
    queue = html(reviewer.get("/review"))
    assert f"/entries/{SEED_ENTRY}" in {a["href"] for a in queue.select("a[href]")}


def test_the_seed_is_not_a_recent_change(client):
    assert html(client.get("/changes")).select("table.changes tbody tr") == []


# On the command line and in code ---------------------------------------------------------------


def test_importing_code_keeps_no_verified_mark_unless_told_who_vouches(db):
    raw = json.dumps(NEW_ENTRY_JSON, ensure_ascii=False).encode()
    exchange.import_bytes(db, raw, "json", "new.json")
    assert verification(db, by_key(db, "new-verified-term")) == (0, "", "command line")


def test_cli_import_drops_verified_marks_by_default(runner, db, tmp_path):
    path = tmp_path / "new.json"
    path.write_text(json.dumps(NEW_ENTRY_JSON, ensure_ascii=False))
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert verification(db, by_key(db, "new-verified-term")) == (0, "", "command line")
    [revision] = store.revisions(db, by_key(db, "new-verified-term"))
    assert (revision["author"], revision["action"]) == ("command line", "import")


def test_cli_import_keeps_verified_marks_in_a_reviewers_name(runner, accounts_app, db, tmp_path):
    path = tmp_path / "new.json"
    path.write_text(json.dumps(NEW_ENTRY_JSON, ensure_ascii=False))
    result = runner.invoke(args=["import", str(path), "--verified-by", "rev"])
    assert result.exit_code == 0, result.output
    assert verification(db, by_key(db, "new-verified-term")) == (1, "rev", "command line")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ed", "ed is an editor: only reviewers and admins may verify."),
        ("nobody", "There is no account named nobody."),
    ],
)
def test_cli_verified_by_must_name_a_reviewer(runner, accounts_app, db, tmp_path, name, message):
    path = tmp_path / "new.json"
    path.write_text(json.dumps(NEW_ENTRY_JSON, ensure_ascii=False))
    result = runner.invoke(args=["import", str(path), "--verified-by", name])
    assert result.exit_code == 2
    assert message in result.output
    assert (
        db.execute("SELECT count(*) FROM entry WHERE import_key = 'new-verified-term'").fetchone()[
            0
        ]
        == 0
    )


def test_the_import_page_says_what_becomes_of_verified_marks(editor_client, reviewer_client):
    said = html(editor_client.get("/import")).select_one(".verified-marks").get_text(strip=True)
    assert said == (
        "Every entry the import creates or changes is unverified until a reviewer verifies it, "
        "whatever the file says."
    )
    said = html(reviewer_client.get("/import")).select_one(".verified-marks").get_text(strip=True)
    assert said.startswith("Entries the file marks as verified are verified in your name")
