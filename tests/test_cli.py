"""The `glossary` command line: init-db, import, and the database it builds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from glossary.cli import first_run_notes
from glossary.dictionary import cedict
from glossary.store.connection import connect
from glossary.store.schema import SCHEMA_VERSION


def test_init_db_creates_and_seeds_an_empty_database(empty_app):
    result = empty_app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert "60 created" in result.output
    database = connect(empty_app.config["DATABASE"])
    assert database.execute("SELECT count(*) FROM entry").fetchone()[0] == 60
    assert database.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert database.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_init_db_again_keeps_what_editors_added(runner, db):
    db.execute("UPDATE entry SET notes = 'an editor wrote this' WHERE import_key = 'fu-ying'")
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0
    assert "nothing was loaded" in result.output
    notes = db.execute("SELECT notes FROM entry WHERE import_key = 'fu-ying'").fetchone()[0]
    assert notes == "an editor wrote this"


def test_import_reports_what_it_did(runner, tmp_path):
    path = tmp_path / "one.json"
    path.write_text(
        json.dumps(
            {
                "format": "glossary/1",
                "entries": [
                    {
                        "key": "wang-yi",
                        "kind": "person",
                        "english": "Wang Yi",
                        "simplified": "王毅",
                        "pinyin": "Wáng Yì",
                        "sources": [
                            {"quote": "Wang Yi said so.", "title": "Example", "published": "2026"}
                        ],
                    }
                ],
            },
            ensure_ascii=False,
        )
    )
    result = runner.invoke(args=["import", str(path), "--dry-run"])
    assert result.exit_code == 0
    assert result.output.startswith("Dry run, nothing written: would have 1 created")
    result = runner.invoke(args=["import", str(path)])
    assert result.output.startswith("1 created, 0 updated, 0 unchanged")


def test_import_of_a_bad_file_exits_non_zero_naming_the_field(runner, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "format": "glossary/1",
                "entries": [
                    {
                        "key": "x",
                        "kind": "person",
                        "english": "X",
                        "simplified": "none",
                        "sources": [{"quote": "q", "title": "t", "published": "2026"}],
                    }
                ],
            }
        )
    )
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert "nothing was imported" in result.output
    assert "entry 1 (x): 'none' has no Chinese characters" in result.output


def test_console_script_lists_its_commands(tmp_path):
    glossary = Path(sys.executable).parent / "glossary"
    env = {**os.environ, "GLOSSARY_DATABASE": str(tmp_path / "g.db")}
    result = subprocess.run(
        [glossary, "--help"], capture_output=True, text=True, env=env, check=True
    )
    for command in ("init-db", "import", "serve"):
        assert command in result.stdout


def test_migrations_are_idempotent(tmp_path):
    path = str(tmp_path / "twice.db")
    connect(path).conn.close()
    database = connect(path)
    assert database.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "entry" in database.table_names()


def test_serve_says_what_a_new_installation_lacks_and_how_to_mend_it(app):
    assert first_run_notes(app) == [
        "No account yet: nobody can edit. Make one with"
        " `glossary user add NAME --role admin` (in .venv/bin).",
        "The base dictionary (CC-CEDICT) is not loaded: `glossary import-cedict` loads it"
        " (about 15 seconds).",
    ]


def test_serve_says_accounts_exist_and_which_dictionary_is_loaded(accounts_app, tmp_path):
    cedict_file = tmp_path / "cedict.u8"
    cedict_file.write_text(
        "#! date=2023-11-07T06:42:16Z\n謝 谢 [xie4] /to thank/\n鋒 锋 [feng1] /edge/\n",
        encoding="utf-8",
    )
    database = connect(accounts_app.config["DATABASE"])
    try:
        cedict.import_cedict(database, cedict_file)
    finally:
        database.conn.close()
    notes = first_run_notes(accounts_app)
    assert notes[0] == "Accounts: editors can log in at /login."
    assert notes[1] == "Base dictionary: CC-CEDICT, 2 entries."
