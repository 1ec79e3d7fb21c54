"""`glossary backup`, `glossary restore` and `glossary check`: copies that are checked before
they are kept, restores that refuse a damaged file and keep the old database, checks that find
a damaged file or a search index out of step with the entries."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import stat
from pathlib import Path

import pytest

from glossary import store
from glossary.store import maintenance
from glossary.store.connection import connect
from glossary.store.schema import ENTRY_MASK, SCHEMA_VERSION
from tests.helpers import entry_id

NEW_TERM = {
    "kind": "term",
    "english": "written after the backup",
    "simplified": "备份后",
    "sources": [{"quote": "A quotation.", "title": "A title", "published": "2026-05"}],
}


def fingerprint(path: Path) -> str:
    database = connect(str(path))
    try:
        return hashlib.sha256("\n".join(database.conn.iterdump()).encode()).hexdigest()
    finally:
        database.conn.close()


def english_of(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # as it is: no migration, no WAL
    try:
        return [row[0] for row in conn.execute("SELECT english FROM entry ORDER BY id")]
    finally:
        conn.close()


def damaged_copy(source: Path, target: Path) -> Path:
    """A copy of a database with one of its b-tree pages overwritten."""
    data = bytearray(source.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 3 : page * 4] = b"\xa5" * page  # the fourth page: garbage
    target.write_bytes(bytes(data))
    return target


@pytest.fixture
def backup_file(runner, tmp_path) -> Path:
    path = tmp_path / "backup.db"
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    return path


# check ------------------------------------------------------------------------------------------


def test_check_finds_nothing_wrong_with_a_sound_database(runner):
    result = runner.invoke(args=["check"])
    assert result.exit_code == 0, result.output
    assert result.output.endswith(": ok (60 entries, 60 revisions, 0 accounts)\n")


@pytest.mark.parametrize(
    ("tamper", "problems"),
    [
        (
            "DELETE FROM search_key WHERE entry_id = :id AND field = 'english'",
            ["search keys out of date for entry {id}"],
        ),
        (
            "UPDATE entry SET english = 'Someone Else' WHERE id = :id",  # the index left as it was
            ["search keys out of date for entry {id}", "full-text row out of date for entry {id}"],
        ),
        (
            "DELETE FROM entry_char WHERE entry_id = :id",
            ["character index out of date for entry {id}"],
        ),
        (
            "DELETE FROM search_char WHERE entry_id = :id AND ch = '锋'",
            ["substring index out of date for entry {id}"],
        ),
        (
            "UPDATE search_char SET standing = 3 WHERE entry_id = :id",
            ["substring index out of date for entry {id}"],
        ),
        (
            # (a full-text row's rowid holds its entry's id in its low bits: store.schema)
            f"UPDATE entry_fts SET names = 'nobody' WHERE rowid & {ENTRY_MASK} = :id",
            ["full-text row out of date for entry {id}"],
        ),
        (
            "INSERT INTO entry_fts (rowid, names, description) VALUES (999999, 'ghost', '')",
            ["full-text row of a missing entry 999999"],
        ),
    ],
)
def test_check_finds_a_search_index_out_of_step(runner, client, db, tamper, problems):
    xie = entry_id(client, "Xie Feng")
    db.execute(tamper, {"id": xie})
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    found = [line for line in result.output.splitlines() if line.startswith("problem: ")]
    assert found == [f"problem: {problem.format(id=xie)}" for problem in problems]
    assert f"{len(problems)} problem(s) found" in result.output


def test_check_reads_the_index_in_batches_and_misses_nothing(runner, db, monkeypatch):
    # Batches of 7 entries: problems in the first, a middle and the last batch, rows of entries
    # missing below the first id, between batches and past the last, all found, in id order.
    from glossary.store import integrity

    monkeypatch.setattr(integrity, "INDEX_BATCH", 7)
    ids = [row[0] for row in db.execute("SELECT id FROM entry ORDER BY id")]
    first, middle, last = ids[0], ids[30], ids[-1]
    for entry in (first, middle, last):
        db.execute("DELETE FROM entry_char WHERE entry_id = ?", [entry])
    db.execute("DELETE FROM entry WHERE id = ?", [ids[14]])  # its full-text row stays behind
    for ghost in (-5, 999999):
        db.execute(
            "INSERT INTO entry_fts (rowid, names, description) VALUES (?, 'ghost', '')", [ghost]
        )
    result = runner.invoke(args=["check"])
    found = [line for line in result.output.splitlines() if line.startswith("problem: ")]
    assert found == [
        f"problem: character index out of date for entry {first}",
        f"problem: character index out of date for entry {middle}",
        f"problem: character index out of date for entry {last}",
        "problem: full-text row of a missing entry -5",
        f"problem: full-text row of a missing entry {ids[14]}",
        "problem: full-text row of a missing entry 999999",
    ]


def test_check_finds_a_broken_foreign_key(runner, db):
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("INSERT INTO related VALUES (1, 999999)")
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert "problem: foreign key: related row None refers to a missing entry row" in result.output


def test_check_of_a_damaged_file(runner, app, backup_file, tmp_path):
    damaged = damaged_copy(backup_file, tmp_path / "damaged.db")
    result = runner.invoke(args=["check", str(damaged)])
    assert result.exit_code == 1
    assert re.search(r"problem: .*(integrity_check|malformed)", result.output), result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"not a database at all" * 100,
            "cannot be read as a SQLite database: file is not a database",
        ),
        (b"", "is a SQLite database, but not a glossary's (it has no entry table)"),
    ],
)
def test_check_of_a_file_that_is_no_glossary(runner, tmp_path, content, message):
    path = tmp_path / "other.db"
    path.write_bytes(content)
    result = runner.invoke(args=["check", str(path)])
    assert result.exit_code == 1
    assert message in result.output


# backup -----------------------------------------------------------------------------------------


def test_a_backup_is_a_checked_copy_in_one_file(app, backup_file, runner):
    assert english_of(backup_file) == english_of(Path(app.config["DATABASE"]))
    beside = [p.name for p in backup_file.parent.iterdir() if "backup" in p.name]
    assert beside == ["backup.db"]  # no write-ahead log, no partial copy left over
    conn = sqlite3.connect(backup_file)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()
    assert runner.invoke(args=["check", str(backup_file)]).exit_code == 0


@pytest.fixture
def umask_022():
    """Files are created as on most systems: readable by everyone unless made otherwise."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_and_its_backups_are_the_owners_alone(umask_022, runner, tmp_path):
    database = tmp_path / "new" / "glossary.db"
    connect(str(database)).conn.close()
    written = connect(str(database))
    store.create_entry(written, {**NEW_TERM, "traditional": "備份後"}, author="ed")
    beside = sorted(p.name for p in database.parent.iterdir())
    assert beside == ["glossary.db", "glossary.db-shm", "glossary.db-wal"]
    assert {p.name: mode(p) for p in database.parent.iterdir()} == dict.fromkeys(beside, 0o600)
    maintenance.backup(database, tmp_path / "backup.db")
    assert mode(tmp_path / "backup.db") == 0o600
    written.conn.close()
    _, kept = maintenance.restore(database, tmp_path / "backup.db")
    assert mode(kept) == 0o600


def test_a_backup_reports_what_it_holds(runner, tmp_path):
    result = runner.invoke(args=["backup", str(tmp_path / "b.db")])
    assert re.fullmatch(
        r"Backed up .*glossary\.db to .*b\.db \(0\.\d MB\): 60 entries, 60 revisions,"
        r" 0 accounts; checked\.\n",
        result.output,
    )


def test_a_backup_replaces_an_older_one(app, runner, backup_file, db):
    store.create_entry(db, {**NEW_TERM, "traditional": "備份後"}, author="ed")
    assert runner.invoke(args=["backup", str(backup_file)]).exit_code == 0
    assert english_of(backup_file)[-1] == "written after the backup"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("{database}", "is the database itself or a directory: name a new file"),
        ("{database}-wal", "is one of the database's own files: name a new file"),
        ("{tmp}/no/such/dir/b.db", "does not exist"),
    ],
)
def test_a_backup_is_refused_where_it_would_do_harm(app, runner, tmp_path, target, message):
    database = app.config["DATABASE"]
    before = fingerprint(Path(database))
    result = runner.invoke(args=["backup", target.format(database=database, tmp=tmp_path)])
    assert result.exit_code == 1
    assert "no backup was made" in result.output and message in result.output
    assert fingerprint(Path(database)) == before


# restore ----------------------------------------------------------------------------------------


def test_restore_brings_back_the_backup_and_keeps_the_database_as_it_was(
    app, runner, backup_file, db
):
    database = Path(app.config["DATABASE"])
    store.create_entry(db, {**NEW_TERM, "traditional": "備份後"}, author="ed")
    result = runner.invoke(args=["restore", str(backup_file)])
    assert result.exit_code == 0, result.output
    assert "60 entries, 60 revisions, 0 accounts." in result.output
    kept = Path(re.search(r"is kept in (.*)\.\n", result.output).group(1))
    assert kept.parent == database.parent and kept.name.startswith("glossary-before-restore-")
    assert "written after the backup" not in english_of(database)
    assert english_of(kept)[-1] == "written after the backup"
    assert runner.invoke(args=["check"]).exit_code == 0


def test_the_restored_glossary_is_searchable(app, runner, backup_file, client, db):
    xie = entry_id(client, "Xie Feng")
    db.execute("UPDATE entry SET english = 'Changed' WHERE id = ?", [xie])
    store.reindex(db, xie)
    assert runner.invoke(args=["restore", str(backup_file)]).exit_code == 0
    assert entry_id(client, "Xie Feng") == xie


def test_restore_rebuilds_a_search_index_out_of_step(app, runner, backup_file):
    conn = sqlite3.connect(backup_file)
    conn.execute("DELETE FROM search_key")
    conn.commit()
    conn.close()
    assert runner.invoke(args=["restore", str(backup_file)]).exit_code == 0
    assert runner.invoke(args=["check"]).exit_code == 0


def test_restore_refuses_a_damaged_file_and_changes_nothing(app, runner, backup_file, tmp_path):
    database = Path(app.config["DATABASE"])
    before = fingerprint(database)
    damaged = damaged_copy(backup_file, tmp_path / "damaged.db")
    result = runner.invoke(args=["restore", str(damaged)])
    assert result.exit_code == 1
    assert f"{damaged} was not restored:" in result.output
    assert fingerprint(database) == before
    assert [p.name for p in database.parent.iterdir() if "before-restore" in p.name] == []


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        (
            "PRAGMA user_version = 99",
            f"has schema version 99, newer than this glossary's ({SCHEMA_VERSION})",
        ),
        ("DROP TABLE entry_char", "lacks tables of the glossary's schema: entry_char"),
    ],
)
def test_restore_refuses_a_file_it_cannot_use(app, runner, backup_file, prepare, message):
    conn = sqlite3.connect(backup_file)
    conn.execute(prepare)
    conn.commit()
    conn.close()
    database = Path(app.config["DATABASE"])
    before = fingerprint(database)
    result = runner.invoke(args=["restore", str(backup_file)])
    assert result.exit_code == 1
    assert message in result.output
    assert fingerprint(database) == before


def test_restore_of_a_missing_file(runner, tmp_path):
    result = runner.invoke(args=["restore", str(tmp_path / "nothing.db")])
    assert result.exit_code == 1
    assert "nothing.db does not exist or is not a file" in result.output


def test_maintenance_functions_work_without_flask(app, tmp_path):
    database = app.config["DATABASE"]
    copy = maintenance.backup(database, tmp_path / "copy.db")
    assert (copy.ok, copy.counts) == (True, {"entry": 60, "revision": 60, "account": 0})
    restored, kept = maintenance.restore(database, tmp_path / "copy.db")
    assert (restored.ok, restored.counts) == (True, copy.counts)
    assert maintenance.check(kept).ok
