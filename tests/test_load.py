"""Concurrent editors under load, on a real server (gunicorn, several workers, loopback only):
8 writers create and edit entries, racing each other on shared ones, while 8 readers search;
a backup is taken and later restored while the server serves.

Asserted: no 5xx; every acknowledged write present with its revision, author and comment;
every conflicting edit either applied (in the history) or refused with 409 (and nowhere in
it); integrity_check ok; the search index consistent with the entries; the backup holds every
write acknowledged before it began, and restoring it while serving gives exactly it back.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from glossary.store import maintenance
from glossary.store.connection import connect
from tests.factories import new_entry
from tests.helpers import Server, prepare_database, run_glossary, start_server

WRITERS = 8
READERS = 8
WORKERS = 4
ROUNDS = 5  # per writer: create, edit own, stale edit of own, race on a shared entry
SHARED = ("Xie Feng", "Fu Ying")  # seed entries every writer edits
QUERIES = ["load", "xie feng", "谢锋", "fu ying", "负载测试", "w3-c", "term", "傅莹", "ai"]


@dataclass
class Write:
    """A write the server acknowledged (2xx) or refused (409)."""

    entry_id: int
    revision: int | None
    marker: str
    author: str


@dataclass
class Outcomes:
    statuses: Counter = field(default_factory=Counter)
    acked: list[Write] = field(default_factory=list)
    refused: list[Write] = field(default_factory=list)
    stale_answers: list[int] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, status: int, where: str, body: object = None) -> None:
        with self.lock:
            self.statuses[status] += 1
            if status >= 500:
                self.unexpected.append(f"{where}: {status} {body!r:.300}")


def writer(
    server: Server,
    number: int,
    token: str,
    shared: list[int],
    out: Outcomes,
    together: threading.Barrier,
):
    author = f"w{number}"
    for round_ in range(ROUNDS):
        marker = f"{author}-c{round_}"
        status, created = server.request("POST", "/api/entries", new_entry(marker), token)
        out.note(status, "create", created)
        if status != 201:
            out.unexpected.append(f"create {marker}: {status} {created!r:.300}")
            continue
        with out.lock:
            out.acked.append(Write(created["id"], created["revision"], marker, author))
        path = f"/api/entries/{created['id']}"
        marker = f"{author}-e{round_}"
        status, edited = server.request(
            "PUT", path, {**created, "notes": marker, "comment": marker}, token
        )
        out.note(status, "edit", edited)
        if status == 200:
            with out.lock:
                out.acked.append(Write(created["id"], edited["revision"], marker, author))
        else:
            out.unexpected.append(f"edit {marker}: {status} {edited!r:.300}")
        # The revision it was created at is stale now: refused, never applied.
        status, _ = server.request("PUT", path, {**created, "notes": "stale"}, token)
        out.note(status, "stale edit")
        with out.lock:
            out.stale_answers.append(status)
        # Race the other writers on a shared entry: read it, then save over what was read. In
        # the first round all read the first one, then all save at once: one wins, 7 are 409.
        target = shared[0 if round_ == 0 else (number + round_) % len(shared)]
        status, current = server.request("GET", f"/api/entries/{target}")
        out.note(status, "read shared", current)
        if round_ == 0:
            together.wait(timeout=60)
        marker = f"{author}-s{round_}"
        status, saved = server.request(
            "PUT", f"/api/entries/{target}", {**current, "notes": marker, "comment": marker}, token
        )
        out.note(status, "shared edit", saved)
        with out.lock:
            if status == 200:
                out.acked.append(Write(target, saved["revision"], marker, author))
            elif status == 409:
                out.refused.append(Write(target, None, marker, author))
            else:
                out.unexpected.append(f"shared edit {marker}: {status} {saved!r:.300}")


def reader(server: Server, number: int, shared: list[int], out: Outcomes, stop):
    count = 0
    while not stop.is_set() or count < 5:
        query = quote_plus(QUERIES[(number + count) % len(QUERIES)])
        for path in (f"/api/search?q={query}&limit=50", f"/search?q={query}"):
            status, body = server.request("GET", path)
            out.note(status, f"GET {path}", body)
            if status != 200:
                out.unexpected.append(f"GET {path}: {status}")
        status, body = server.request("GET", f"/api/entries/{shared[count % len(shared)]}")
        out.note(status, "GET entry", body)
        count += 1


def guarded(function: Callable[..., None], out: Outcomes) -> Callable[..., None]:
    """Run a client thread's function; an exception in it is an unexpected outcome."""

    def run(*args: object) -> None:
        try:
            function(*args)
        except Exception as error:  # noqa: BLE001 - reported, and the test fails on it
            out.unexpected.append(f"{function.__name__}: {error!r}")

    return run


def run_threads(targets: list[threading.Thread]) -> None:
    for thread in targets:
        thread.start()
    for thread in targets:
        thread.join(timeout=120)
        assert not thread.is_alive(), "a client thread did not finish in time"


def revision_rows(database: Path) -> dict[tuple[int, int], tuple[str, str, str]]:
    """Every revision: (entry, revision) → (author, comment, notes in its snapshot)."""
    db = connect(str(database))
    try:
        rows = db.execute("SELECT entry_id, revision, author, comment, snapshot FROM revision")
        return {(e, r): (a, c, json.loads(s)["notes"]) for e, r, a, c, s in rows.fetchall()}
    finally:
        db.conn.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, seeded_template: Path):
    """One server for the module's tests (starting gunicorn's workers takes seconds)."""
    folder = tmp_path_factory.mktemp("load")
    database = folder / "load.db"
    tokens = prepare_database(seeded_template, database, WRITERS)
    server = start_server(database, folder / "server.log", WORKERS)
    yield server, database, tokens
    server.stop()


def test_concurrent_editors_and_readers_lose_nothing(served, tmp_path):
    server, database, tokens = served
    started = time.monotonic()
    shared = []
    for english in SHARED:
        results = server.request("GET", f"/api/search?q={english.replace(' ', '+')}")[1]
        shared.append(next(r["id"] for r in results["results"] if r["english"] == english))
    out, stop = Outcomes(), threading.Event()
    backup = tmp_path / "mid-load.db"
    before_backup: list[Write] = []

    def back_up_mid_load():
        while len(out.acked) < WRITERS * ROUNDS and not stop.is_set():
            time.sleep(0.05)
        with out.lock:
            before_backup.extend(out.acked)
        result = run_glossary(database, "backup", str(backup))
        assert result.returncode == 0, result.stderr

    readers = [
        threading.Thread(target=guarded(reader, out), args=(server, n, shared, out, stop))
        for n in range(READERS)
    ]
    for thread in readers:
        thread.start()
    backing_up = threading.Thread(target=back_up_mid_load)
    together = threading.Barrier(WRITERS)
    run_threads(
        [
            *(
                threading.Thread(
                    target=guarded(writer, out), args=(server, n, tokens[n], shared, out, together)
                )
                for n in range(WRITERS)
            ),
            backing_up,
        ]
    )
    stop.set()
    for thread in readers:
        thread.join(timeout=120)

    # No 5xx, nothing unexpected; every stale edit refused.
    assert out.unexpected == []
    assert [s for s in out.statuses if s >= 500] == []
    assert out.stale_answers == [409] * (WRITERS * ROUNDS)
    # Every acknowledged write is in the history as written, by its author.
    history = revision_rows(database)
    assert len(out.acked) >= WRITERS * ROUNDS * 2
    for write in out.acked:
        assert history[(write.entry_id, write.revision)] == (
            write.author,
            write.marker,
            write.marker,
        )
    # Every refused conflicting edit is nowhere; the shared entries' histories have no gaps,
    # and hold exactly the edits that were acknowledged.
    first_race = [w.marker for w in out.acked if w.marker.endswith("-s0")]
    assert (len(first_race), len([w for w in out.refused if w.marker.endswith("-s0")])) == (1, 7)
    comments = {comment for _, comment, _ in history.values()}
    assert [w.marker for w in out.refused if w.marker in comments] == []
    assert len(out.refused) + sum(1 for w in out.acked if w.marker.split("-")[1][0] == "s") == (
        WRITERS * ROUNDS
    )
    for entry in shared:
        numbers = sorted(r for e, r in history if e == entry)
        assert numbers == list(range(1, len(numbers) + 1))
        acked = [w for w in out.acked if w.entry_id == entry]
        assert len(numbers) == len(acked) + 1  # and the seed revision
    # The database is sound and its search index matches its entries.
    check = maintenance.check(database)
    assert (check.problems, check.notes) == ([], [])
    # The mid-load backup holds every write acknowledged before it began, and checks clean.
    backed_up = revision_rows(backup)
    assert before_backup and all((w.entry_id, w.revision) in backed_up for w in before_backup)
    assert maintenance.check(backup).ok
    assert time.monotonic() - started < 90


def test_restore_while_serving(served, tmp_path):
    server, database, tokens = served
    backup = tmp_path / "before.db"
    assert run_glossary(database, "backup", str(backup)).returncode == 0
    status, kept = server.request("POST", "/api/entries", new_entry("kept"), tokens[0])
    assert status == 201
    status, gone = server.request("POST", "/api/entries", new_entry("undone"), tokens[1])
    assert status == 201
    out, stop = Outcomes(), threading.Event()
    readers = [
        threading.Thread(target=guarded(reader, out), args=(server, n, [1, 2], out, stop))
        for n in (0, 1)
    ]
    for thread in readers:
        thread.start()
    restored = run_glossary(database, "restore", str(backup))
    stop.set()
    for thread in readers:
        thread.join(timeout=60)
    assert restored.returncode == 0, restored.stderr
    assert out.unexpected == []
    # The server now serves the backup: what came after it is gone from the live database…
    assert server.request("GET", f"/api/entries/{gone['id']}")[0] == 404
    assert server.request("GET", "/api/search?q=load+undone")[1]["total"] == 0
    # …and kept in the copy of the database as it was before the restore.
    kept_path = Path(restored.stdout.split("is kept in ")[1].strip().rstrip("."))
    assert {(kept["id"], 1), (gone["id"], 1)} <= set(revision_rows(kept_path))
    assert run_glossary(database, "check").returncode == 0
    status, again = server.request("POST", "/api/entries", new_entry("after"), tokens[2])
    assert status == 201 and again["id"] == kept["id"]  # ids go on from the restored state
