"""Fixtures: an app on a temporary database holding the seed data, its client and CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from glossary import create_app, importer
from glossary.config import SEED_PATH
from glossary.db import connect

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
    importer.import_file(database, SEED_PATH)
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


def html(response) -> BeautifulSoup:
    """Parse a response's HTML."""
    assert response.content_type.startswith("text/html")
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def entry_id(client, english: str) -> int:
    """Return the id of the entry whose English form is english."""
    results = client.get("/api/search", query_string={"q": english, "limit": 100}).get_json()
    ids = [r["id"] for r in results["results"] if r["english"] == english]
    assert ids, f"no entry {english!r}"
    return ids[0]
