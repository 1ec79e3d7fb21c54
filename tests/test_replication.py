"""Replication with Litestream: `glossary serve --replicate URL` and `glossary restore
--from-replica URL [--timestamp T]`, tested by losing the machine.

The server runs under Litestream replicating to a directory (file://, standing in for object
storage) while a writer creates entries through the API and records when each was sent and
acknowledged; then the server and Litestream are killed with SIGKILL and the database, its WAL
and Litestream's own files are deleted. What a restore brings back is compared with what was
acknowledged: everything acknowledged more than replication.LAG before the kill, and, as of a
moment T in the middle, exactly what was acknowledged by then (within LAG).

`make test` installs Litestream into .tools/ (make litestream); where it cannot be had these
tests are skipped, and on CI (CI=true) they fail.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from glossary import replication, store
from glossary.store.connection import connect
from tests.factories import new_entry
from tests.helpers import Server, prepare_database, run_glossary, start_server

ROOT = Path(__file__).resolve().parents[1]
INSTALLED = ROOT / ".tools/node_modules/@flydotio/litestream-linux-x64/litestream"
WRITING = 4.0  # seconds of writes before the kill; the moment restored to is in the middle


def litestream_program() -> str:
    """Litestream as the tests find it: GLOSSARY_LITESTREAM, .tools/ (make litestream), PATH."""
    named = os.environ.get(replication.PROGRAM_VARIABLE) or (
        str(INSTALLED) if INSTALLED.is_file() else shutil.which("litestream")
    )
    if named and os.access(named, os.X_OK):
        return named
    reason = "Litestream is not installed: `make litestream` installs it into .tools/"
    if os.environ.get("CI") == "true":
        pytest.fail(f"replication tests cannot run on CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def litestream() -> dict[str, str]:
    """The environment that names Litestream to the glossary."""
    return {replication.PROGRAM_VARIABLE: litestream_program()}


def markers(path: Path) -> set[str]:
    """The markers (notes) of the measured entries in a database file, read as it is."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT notes FROM entry WHERE english LIKE 'load r%'").fetchall()
        return {row[0] for row in rows}
    finally:
        conn.close()


@dataclass
class Write:
    """One write through the API: its marker, when it was sent and when it was acknowledged
    (None: no answer came, the server died first)."""

    marker: str
    sent: float
    acked: float | None


@dataclass
class Lost:
    """A replicated server that was killed: its replica, its writes, and the moments."""

    url: str
    writes: list[Write]
    middle: float  # a moment during the writes, to restore to
    killed: float
    folder: Path

    def acked_before(self, moment: float) -> set[str]:
        return {w.marker for w in self.writes if w.acked is not None and w.acked < moment}

    def sent_by(self, moment: float) -> set[str]:
        return {w.marker for w in self.writes if w.sent <= moment}


def write_until(server: Server, token: str, seconds: float) -> tuple[list[Write], float]:
    """Create entries one after another for seconds; return them and a moment in the middle."""
    for number in range(4):  # each worker's first request is slow: not part of the measure
        assert server.request("POST", "/api/entries", new_entry(f"w{number}"), token)[0] == 201
    writes: list[Write] = []
    started = time.time()
    middle = started + seconds / 2
    while time.time() < started + seconds:
        marker = f"r{len(writes)}"
        sent = time.time()
        status, _ = server.request("POST", "/api/entries", new_entry(marker), token)
        assert status == 201
        writes.append(Write(marker, sent, time.time()))
    return writes, middle


@pytest.fixture(scope="module")
def lost(tmp_path_factory, seeded_template, litestream) -> Lost:
    """Serve a database under Litestream, write to it, kill everything, delete the database."""
    folder = tmp_path_factory.mktemp("lost")
    database = folder / "g.db"
    [token] = prepare_database(seeded_template, database, editors=1)
    url = f"file://{folder / 'replica'}"
    server = start_server(database, folder / "server.log", 2, "--replicate", url, env=litestream)
    try:
        writes, middle = write_until(server, token, WRITING)
        last = f"r{len(writes)}"  # one more, in flight at the kill: never acknowledged
        writes.append(Write(last, time.time(), None))
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        body = json.dumps(new_entry(last))
        connection.request("POST", "/api/entries", body=body, headers=headers)
        killed = time.time()
    finally:
        server.kill()  # SIGKILL to the process group: Litestream, gunicorn and its workers
    connection.close()
    for lost_file in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        lost_file.unlink()
    shutil.rmtree(folder / ".g.db-litestream")  # Litestream's own files went with the disk
    return Lost(url, writes, middle, killed, folder)


def restore(database: Path, *args: str, env: dict[str, str]):
    return run_glossary(database, "restore", "--from-replica", *args, env=env)


def stamp(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).isoformat()


# Losing the machine ------------------------------------------------------------------------------


def test_a_restore_after_the_kill_has_every_write_acknowledged_before_the_lag(lost, litestream):
    database = lost.folder / "g.db"
    restored = restore(database, lost.url, env=litestream)
    assert restored.returncode == 0, restored.stderr
    assert "kept" not in restored.stdout  # there was no database to keep
    checked = run_glossary(database, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    present = markers(database)
    assert lost.acked_before(lost.killed - replication.LAG) <= present
    assert present <= lost.sent_by(lost.killed)
    assert len(lost.acked_before(lost.killed)) >= 10  # the writes were in full flow


def test_a_restore_as_of_a_moment_has_what_was_acknowledged_by_then(lost, litestream):
    database = lost.folder / "as-of.db"
    restored = restore(database, lost.url, "--timestamp", stamp(lost.middle), env=litestream)
    assert restored.returncode == 0, restored.stderr
    present = markers(database)
    assert lost.acked_before(lost.middle - replication.LAG) <= present
    assert present <= lost.sent_by(lost.middle)  # nothing sent after the moment
    assert lost.acked_before(lost.middle - replication.LAG)  # the moment is not at the start


def test_a_moment_after_the_last_write_restores_the_latest(lost, litestream):
    database = lost.folder / "later.db"
    later = stamp(lost.killed + 3600)  # Litestream itself finds no copy this late
    restored = restore(database, lost.url, "--timestamp", later, env=litestream)
    assert restored.returncode == 0, restored.stderr
    present = markers(database)
    assert lost.acked_before(lost.killed - replication.LAG) <= present
    assert present <= lost.sent_by(lost.killed)


def test_a_database_with_entries_is_replaced_only_with_force(lost, litestream, seeded_template):
    database = lost.folder / "existing.db"
    shutil.copy(seeded_template, database)
    refused = restore(database, lost.url, env=litestream)
    assert refused.returncode == 1
    assert "holds" in refused.stderr and "--force" in refused.stderr
    assert markers(database) == set()  # unchanged
    forced = restore(database, lost.url, "--force", env=litestream)
    assert forced.returncode == 0, forced.stderr
    [kept] = lost.folder.glob("existing-before-restore-*.db")
    assert markers(kept) == set() and store_counts(kept)["entry"] > 0
    assert lost.acked_before(lost.killed - replication.LAG) <= markers(database)


def test_a_moment_before_the_replica_began_restores_nothing(lost, litestream):
    database = lost.folder / "too-early.db"
    early = restore(database, lost.url, "--timestamp", "2001-01-01T00:00:00Z", env=litestream)
    assert early.returncode == 1
    assert "Litestream restored nothing from" in early.stderr
    assert not database.exists()


def store_counts(path: Path) -> dict[str, int]:
    db = store.open_file(path, read_only=True)
    try:
        return store.row_counts(db)
    finally:
        db.conn.close()


# Without Litestream ------------------------------------------------------------------------------


def test_serve_without_litestream_names_both_places_it_looks(tmp_path):
    env = {"PATH": "/nonexistent", replication.PROGRAM_VARIABLE: ""}
    served = run_glossary(tmp_path / "g.db", "serve", "--replicate", "file:///tmp/r", env=env)
    assert served.returncode == 1
    assert "Litestream was not found" in served.stderr
    assert "PATH" in served.stderr and "GLOSSARY_LITESTREAM" in served.stderr
    assert not (tmp_path / "g.db").exists()  # refused before the database was created


def test_a_litestream_that_is_not_a_program_is_named(tmp_path):
    env = {replication.PROGRAM_VARIABLE: str(tmp_path / "nothing")}
    restored = run_glossary(tmp_path / "g.db", "restore", "--from-replica", "file:///r", env=env)
    assert restored.returncode == 1
    assert f"GLOSSARY_LITESTREAM names {tmp_path / 'nothing'}" in restored.stderr


@pytest.mark.parametrize(
    "url, reason",
    [
        # not a scheme Litestream takes
        ("/srv/replica", "is not a replica URL"),
        ("http://example.org/replica", "is not a replica URL"),
        # a file replica needs an absolute path
        ("file://replica", "give an absolute path"),
        ("file:replica", "give an absolute path"),
        # object storage needs a bucket
        ("s3:///path", "names no bucket or host"),
    ],
)
def test_a_url_litestream_does_not_take_is_refused(url, reason):
    with pytest.raises(ValueError, match=reason):
        replication.check_url(url)


@pytest.mark.parametrize(
    "url", ["file:///srv/replica", "s3://bucket/glossary", "sftp://backup.example.org/g"]
)
def test_urls_litestream_takes_are_accepted(url):
    assert replication.check_url(url) == url


@pytest.mark.parametrize(
    "text, moment",
    [
        ("2026-12-06T21:30:00Z", datetime(2026, 12, 6, 21, 30, tzinfo=UTC)),
        ("2026-12-06T21:30:00", datetime(2026, 12, 6, 21, 30, tzinfo=UTC)),  # UTC by default
        ("2026-12-07T05:30:00+08:00", datetime(2026, 12, 6, 21, 30, tzinfo=UTC)),
    ],
)
def test_timestamps_are_iso_8601(text, moment):
    assert replication.parse_timestamp(text) == moment


def test_a_timestamp_that_is_not_a_time_is_refused(runner):
    result = runner.invoke(
        args=["restore", "--from-replica", "file:///r", "--timestamp", "yesterday"]
    )
    assert result.exit_code == 1
    assert "'yesterday' is not a time" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "give either a backup FILE or --from-replica URL"),
        (["b.db", "--from-replica", "file:///r"], "give either a backup FILE or --from-replica"),
        (["b.db", "--force"], "--timestamp and --force go with --from-replica"),
    ],
)
def test_restore_takes_a_file_or_a_replica(runner, args, message):
    result = runner.invoke(args=["restore", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_the_configuration_holds_the_chosen_settings(tmp_path):
    written = replication.config(tmp_path / "g.db", "s3://bucket/glossary")
    assert written.splitlines()[1:] == [
        "dbs:",
        f'  - path: "{tmp_path / "g.db"}"',
        "    monitor-interval: 250ms",
        "    replicas:",
        '      - url: "s3://bucket/glossary"',
        "        sync-interval: 500ms",
        "        snapshot-interval: 24h",
        "        retention: 168h",
    ]


def test_the_server_litestream_runs_is_the_same_server(tmp_path, monkeypatch):
    monkeypatch.setenv(replication.PROGRAM_VARIABLE, "/bin/true")
    command = replication.replicate_command(
        tmp_path / "g.db", "file:///r", ["glossary", "serve", "--access-log="]
    )
    config = tmp_path / "g.db.litestream.yml"
    assert command == [
        "/bin/true",
        "replicate",
        "-no-expand-env",
        "-config",
        str(config),
        "-exec",
        "glossary serve --access-log=",
    ]
    assert config.read_text() == replication.config(tmp_path / "g.db", "file:///r")


def test_checkpoints_are_left_to_litestream_only_while_it_replicates(tmp_path, monkeypatch):
    def autocheckpoint() -> int:
        db = connect(str(tmp_path / "g.db"))
        try:
            return int(db.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
        finally:
            db.conn.close()

    assert autocheckpoint() == 1000  # SQLite's own
    monkeypatch.setenv(replication.CHECKPOINTS_VARIABLE, "litestream")
    assert autocheckpoint() == 0


def test_restoring_a_backup_leaves_litestreams_tables_alone(runner, app, tmp_path):
    """A replicated database has Litestream's tables; a backup made before it was replicated
    has not: the restore copies the glossary's tables only."""
    backup = tmp_path / "backup.db"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    db = connect(app.config["DATABASE"])
    db.execute("CREATE TABLE _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER)")
    db.execute("INSERT INTO _litestream_seq VALUES (1, 7)")
    db.conn.close()
    result = runner.invoke(args=["restore", str(backup)])
    assert result.exit_code == 0, result.output
    db = connect(app.config["DATABASE"])
    try:
        assert db.execute("SELECT seq FROM _litestream_seq").fetchall() == [(7,)]
    finally:
        db.conn.close()
