"""The `glossary user` commands: add, passwd, token, list; passwords from standard input."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from glossary import accounts
from glossary.store.connection import connect
from tests.helpers import PASSWORD

NEW_PASSWORD = "a new and longer passphrase"
ENTRY = {
    "kind": "term",
    "english": "confidence-building measures",
    "simplified": "建立信任措施",
    "sources": [{"quote": "CBMs were discussed.", "title": "Notes", "published": "2026-05"}],
}


@pytest.fixture
def runner(accounts_app):
    """A CLI runner on the app with the accounts ed (editor), rev (reviewer), adm (admin)."""
    return accounts_app.test_cli_runner()


def can_log_in(app, name: str, password: str) -> bool:
    database = connect(app.config["DATABASE"])
    try:
        accounts.authenticate(database, name, password, "127.0.0.1")
    except accounts.AccountError:
        return False
    finally:
        database.conn.close()
    return True


# user add ----------------------------------------------------------------------------------------


def test_add_reads_the_password_from_standard_input(runner, accounts_app):
    result = runner.invoke(args=["user", "add", "tr", "--role", "editor"], input=PASSWORD + "\n")
    assert (result.exit_code, result.output) == (0, "Created editor tr.\n")
    assert can_log_in(accounts_app, "tr", PASSWORD)


def test_add_with_the_console_script(tmp_path):
    """The installed `glossary` command, the password piped in as a script would."""
    database = tmp_path / "accounts.db"
    env = {**os.environ, "GLOSSARY_DATABASE": str(database), "GLOSSARY_SECRET_KEY": "test"}
    result = subprocess.run(
        [Path(sys.executable).parent / "glossary", "user", "add", "chief", "--role", "admin"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "Created admin chief.\n", "")
    connection = connect(str(database))
    assert accounts.authenticate(connection, "chief", PASSWORD, "127.0.0.1").role == "admin"
    connection.conn.close()


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("tr", "password1", "Error: Password is too common or too easy to guess.\n"),
        ("tr", "short", "Error: Password must be at least 8 characters long.\n"),
        ("tr", "", "Error: Password must be at least 8 characters long.\n"),
        ("ed", PASSWORD, "Error: An account named ed exists already.\n"),
        ("ED", PASSWORD, "Error: An account named ED exists already.\n"),
        (
            "two words",
            PASSWORD,
            "Error: Name must be 1 to 50 letters, digits, dots, hyphens or underscores.\n",
        ),
    ],
)
def test_add_refuses(runner, accounts_app, name, password, message):
    result = runner.invoke(args=["user", "add", name, "--role", "editor"], input=password + "\n")
    assert (result.exit_code, result.output) == (1, message)
    rows = runner.invoke(args=["user", "list"]).output.splitlines()
    assert [row.split("\t")[0] for row in rows] == ["adm", "ed", "rev"]


@pytest.mark.parametrize("role", [["--role", "emperor"], []])
def test_add_needs_a_known_role(runner, role):
    result = runner.invoke(args=["user", "add", "tr", *role], input=PASSWORD + "\n")
    assert result.exit_code == 2
    assert "--role" in result.output


# user passwd -------------------------------------------------------------------------------------


def test_passwd_sets_a_new_password(runner, accounts_app):
    result = runner.invoke(args=["user", "passwd", "ed"], input=NEW_PASSWORD + "\n")
    assert (result.exit_code, result.output) == (
        0,
        "Changed the password of ed; its sessions have ended.\n",
    )
    assert can_log_in(accounts_app, "ed", NEW_PASSWORD)
    assert not can_log_in(accounts_app, "ed", PASSWORD)


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("ed", "password1", "Error: Password is too common or too easy to guess.\n"),
        ("ed", "short", "Error: Password must be at least 8 characters long.\n"),
        ("nobody", NEW_PASSWORD, "Error: There is no account named nobody.\n"),
    ],
)
def test_passwd_refuses(runner, accounts_app, name, password, message):
    result = runner.invoke(args=["user", "passwd", name], input=password + "\n")
    assert (result.exit_code, result.output) == (1, message)
    assert can_log_in(accounts_app, "ed", PASSWORD)


# user token --------------------------------------------------------------------------------------


def issue(runner, name: str = "ed") -> str:
    result = runner.invoke(args=["user", "token", name])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:-1] == [f"A new API token for {name} (shown only now):"]
    return lines[-1]


def test_a_token_works_against_the_api(runner, accounts_app):
    token = issue(runner)
    client = accounts_app.test_client()
    response = client.post("/api/entries", json=ENTRY, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201
    revisions = client.get(f"{response.headers['Location']}/revisions").get_json()["revisions"]
    assert [(r["author"], r["action"]) for r in revisions] == [("ed", "create")]


def test_tokens_are_stored_hashed(runner, accounts_app):
    token = issue(runner)
    path = Path(accounts_app.config["DATABASE"])
    stored = b"".join(file.read_bytes() for file in (path, Path(f"{path}-wal")) if file.exists())
    assert token.encode() not in stored
    assert accounts.token_hash(token).encode() in stored


def test_token_revoke(runner, accounts_app):
    tokens = [issue(runner), issue(runner)]
    result = runner.invoke(args=["user", "token", "ed", "--revoke"])
    assert (result.exit_code, result.output) == (0, "Revoked 2 token(s) of ed.\n")
    client = accounts_app.test_client()
    for token in tokens:
        headers = {"Authorization": f"Bearer {token}"}
        assert client.post("/api/entries", json=ENTRY, headers=headers).status_code == 401


@pytest.mark.parametrize("revoke", [[], ["--revoke"]])
def test_token_of_an_unknown_account(runner, revoke):
    result = runner.invoke(args=["user", "token", "nobody", *revoke])
    assert (result.exit_code, result.output) == (1, "Error: There is no account named nobody.\n")


def test_a_token_can_be_given_an_expiry(runner, accounts_app):
    result = runner.invoke(args=["user", "token", "ed", "--expires-in", "30"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:-1] == ["A new API token for ed, valid for 30 day(s) (shown only now):"]
    database = connect(accounts_app.config["DATABASE"])
    [(created, expires)] = database.execute("SELECT created, expires FROM api_token").fetchall()
    database.conn.close()
    start = datetime.fromisoformat(created.replace("Z", "+00:00"))
    end = datetime.fromisoformat(expires.replace("Z", "+00:00"))
    assert timedelta(days=30) <= end - start <= timedelta(days=30, seconds=5)
    headers = {"Authorization": f"Bearer {lines[-1]}"}
    client = accounts_app.test_client()
    assert client.post("/api/entries", json=ENTRY, headers=headers).status_code == 201


def test_an_expired_token_is_401(runner, accounts_app):
    token = issue(runner)
    database = connect(accounts_app.config["DATABASE"])
    database.execute("UPDATE api_token SET expires = '2026-01-01T00:00:00Z'")
    database.conn.close()
    client = accounts_app.test_client()
    response = client.post("/api/entries", json=ENTRY, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert runner.invoke(args=["user", "list"]).output.splitlines()[1] == (
        "ed\teditor\tactive\t0 token(s)"
    )


@pytest.mark.parametrize("days", ["0", "-1", "soon", "3651"])
def test_a_token_expiry_must_be_days(runner, days):
    result = runner.invoke(args=["user", "token", "ed", "--expires-in", days])
    assert result.exit_code == 2
    assert "Invalid value for '--expires-in'" in result.output


# user list ---------------------------------------------------------------------------------------


def test_list(runner, accounts_app):
    issue(runner, "ed")
    runner.invoke(args=["user", "token", "adm", "--expires-in", "7"])
    database = connect(accounts_app.config["DATABASE"])
    accounts.set_disabled(database, "rev", True)
    database.execute("UPDATE api_token SET expires = '2999-02-03T04:05:06Z' WHERE expires")
    database.conn.close()
    result = runner.invoke(args=["user", "list"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "adm\tadmin\tactive\t1 token(s), the first expires 2999-02-03T04:05:06Z",
        "ed\teditor\tactive\t1 token(s)",
        "rev\treviewer\tdisabled\t0 token(s)",
    ]


def test_list_without_accounts(app):
    result = app.test_cli_runner().invoke(args=["user", "list"])
    assert (result.exit_code, result.output) == (
        0,
        "No accounts. Create one with: glossary user add NAME --role admin\n",
    )
