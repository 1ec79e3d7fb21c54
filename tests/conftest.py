"""Fixtures: an app on a temporary database holding the seed data, its client and CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from glossary import create_app
from glossary.config import SEED_PATH
from glossary.exchange import importer
from glossary.store.connection import connect
from tests.helpers import PASSWORD, login

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs() -> None:
    """Compile missing or stale .mo files, as `make compile-translations` does."""
    for po in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as f:
                catalog = read_po(f)
            with mo.open("wb") as f:
                write_mo(f, catalog)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file with the seed data, built once and copied for each test."""
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    database = connect(str(path))
    importer.load_seed(database, SEED_PATH)
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.conn.close()
    return path


@pytest.fixture
def app(tmp_path: Path, seeded_template: Path):
    """The application on a fresh copy of the seeded database."""
    path = tmp_path / "glossary.db"
    shutil.copy(seeded_template, path)
    return create_app(
        {"TESTING": True, "DATABASE": str(path), "SECRET_KEY": "test", "SEED": str(SEED_PATH)}
    )


@pytest.fixture
def empty_app(tmp_path: Path):
    """The application on a database that does not exist yet."""
    return create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "new.db"),
            "SECRET_KEY": "test",
            "SEED": str(SEED_PATH),
        }
    )


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    """A connection to the app's database, for asserting on rows."""
    database = connect(app.config["DATABASE"])
    yield database
    database.conn.close()


ROLES = (("ed", "editor"), ("rev", "reviewer"), ("adm", "admin"))


@pytest.fixture(scope="session")
def account_rows(tmp_path_factory: pytest.TempPathFactory) -> list[tuple]:
    """The rows of the three test accounts, hashed once (scrypt is slow on purpose)."""
    from glossary import accounts

    database = connect(str(tmp_path_factory.mktemp("accounts") / "accounts.db"))
    for name, role in ROLES:
        accounts.add_account(database, name, role, PASSWORD)
    rows = database.execute("SELECT * FROM account ORDER BY id").fetchall()
    database.conn.close()
    return rows


@pytest.fixture
def accounts_app(app, account_rows):
    """The app with one account of each role: ed (editor), rev (reviewer), adm (admin)."""
    database = connect(app.config["DATABASE"])
    placeholders = ", ".join("?" * len(account_rows[0]))
    database.conn.executemany(f"INSERT INTO account VALUES ({placeholders})", account_rows)
    database.conn.close()
    return app


@pytest.fixture
def editor_client(accounts_app):
    """A test client logged in as the editor ed."""
    client = accounts_app.test_client()
    assert login(client, "ed").status_code == 302
    return client


@pytest.fixture
def reviewer_client(accounts_app):
    """A test client logged in as the reviewer rev."""
    client = accounts_app.test_client()
    assert login(client, "rev").status_code == 302
    return client


@pytest.fixture
def admin_client(accounts_app):
    """A test client logged in as the admin adm."""
    client = accounts_app.test_client()
    assert login(client, "adm").status_code == 302
    return client
