"""Crash safety: the server (gunicorn and every worker) is killed with SIGKILL in the middle of a
burst of writes, then started again on the same database. Every write that got a 2xx answer is
there, with its revision; the database passes integrity_check and its search index matches.
"""

from __future__ import annotations

import http.client
import threading
import time
from pathlib import Path

from glossary.store import maintenance
from glossary.store.connection import connect
from tests.factories import new_entry
from tests.helpers import Server, prepare_database, start_server

WRITERS = 6
WORKERS = 3
KILL_AFTER = 40  # acknowledged writes before the kill: the burst is in full flow by then


def burst(server: Server, number: int, token: str, acked: list, lock, stop) -> None:
    """Create entries and edit each once, until the server dies; record what was acknowledged."""
    count = 0
    while not stop.is_set():
        marker = f"k{number}-{count}"
        count += 1
        try:
            status, created = server.request("POST", "/api/entries", new_entry(marker), token)
            if status != 201:
                continue
            with lock:
                acked.append((created["id"], 1, marker))
            edit = {**created, "notes": f"{marker}-e", "comment": f"{marker}-e"}
            status, edited = server.request("PUT", f"/api/entries/{created['id']}", edit, token)
            if status == 200:
                with lock:
                    acked.append((created["id"], edited["revision"], f"{marker}-e"))
        except (OSError, http.client.HTTPException, ValueError):
            return  # the server is gone: what was not answered in full was not acknowledged


def revisions(database: Path) -> dict[tuple[int, int], str]:
    db = connect(str(database))
    try:
        rows = db.execute("SELECT entry_id, revision, comment FROM revision").fetchall()
        return {(entry, revision): comment for entry, revision, comment in rows}
    finally:
        db.conn.close()


def test_connections_are_durable_wal_with_a_busy_timeout(tmp_path):
    db = connect(str(tmp_path / "g.db"))
    pragmas = [
        db.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "busy_timeout")
    ]
    db.conn.close()
    assert pragmas == ["wal", 2, 30000]  # synchronous 2 is FULL


def test_sigkill_during_a_write_burst_loses_no_acknowledged_write(tmp_path, seeded_template):
    database = tmp_path / "crash.db"
    tokens = prepare_database(seeded_template, database, WRITERS)
    server = start_server(database, tmp_path / "server.log", WORKERS)
    acked: list[tuple[int, int, str]] = []
    lock, stop = threading.Lock(), threading.Event()
    threads = [
        threading.Thread(target=burst, args=(server, n, tokens[n], acked, lock, stop))
        for n in range(WRITERS)
    ]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(acked) < KILL_AFTER and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill()  # mid-burst: writers are in the middle of requests right now
    finally:
        stop.set()
        server.stop()
        for thread in threads:
            thread.join(timeout=60)
    assert len(acked) >= KILL_AFTER

    restarted = start_server(database, tmp_path / "server.log", 1)
    try:
        for entry_id, revision, marker in acked:
            status, document = restarted.request("GET", f"/api/entries/{entry_id}")
            assert status == 200 and document["revision"] >= revision, marker
        first_id, _, first_marker = acked[0]
        status, found = restarted.request("GET", f"/api/search?q=load+{first_marker}")
        assert status == 200
        assert [r["id"] for r in found["results"]] == [first_id]  # and the index found it
    finally:
        restarted.stop()
    history = revisions(database)
    assert [m for e, r, m in acked if history.get((e, r)) != m] == []
    check = maintenance.check(database)
    assert (check.problems, check.notes) == ([], [])
