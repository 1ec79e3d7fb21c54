"""Replication with Litestream: what losing the server costs, how long a restore takes, and what
replicating costs the writers.

Three measures, against the goals of issue 22:
- writes lost in a kill: `glossary serve --replicate file://…` on the seed glossary, writers
  creating entries through the API, then SIGKILL to the server and Litestream, the database
  and its WAL deleted, `glossary restore --from-replica`: how many acknowledged writes are
  missing, and how long before the kill the oldest of them was acknowledged (goal: none
  acknowledged more than 1 s before);
- the time of `glossary restore --from-replica` (Litestream's restore, the check, putting the
  file in place) of the seed glossary with CC-CEDICT (--database, bench/work/bench.db, which
  bench.cedict_import builds) onto a machine that has no database (goal ≤ 10 s);
- write throughput of the server with and without --replicate: WRITERS threads creating
  entries for --seconds, runs alternating (goal: within 10 %).

Writes bench/results/replication.json and .md, and the summary into README.md between
<!-- bench:replication --> and <!-- /bench:replication -->. Run with `make bench` (which
installs Litestream into .tools/); figures are wall-clock on a shared machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from glossary import accounts, replication, store
from glossary.config import SEED_PATH
from glossary.exchange import importer
from glossary.store.connection import connect

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
README = HERE.parent / "README.md"
GLOSSARY = Path(sys.executable).parent / "glossary"
INSTALLED = HERE.parent / ".tools/node_modules/@flydotio/litestream-linux-x64/litestream"
WRITERS = 4
GOAL_LOST_BEFORE = 1.0  # seconds: no write acknowledged longer before the kill may be lost
GOAL_RESTORE = 10.0  # seconds
GOAL_THROUGHPUT = 10.0  # per cent fewer writes a second with replication, at most
SOURCE = {"quote": "A quotation.", "title": "Replication bench", "published": "2026-12"}


def litestream() -> str:
    """Litestream: GLOSSARY_LITESTREAM, else .tools/ (make litestream), else PATH."""
    found = os.environ.get(replication.PROGRAM_VARIABLE) or (
        str(INSTALLED) if INSTALLED.is_file() else shutil.which("litestream")
    )
    if not found:
        raise SystemExit("Litestream is not installed: run `make litestream`")
    return found


class Server:
    """`glossary serve` (with --replicate or not) in a process group of its own."""

    def __init__(self, database: Path, log: Path, *options: str) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.log = log
        command = [GLOSSARY, "serve", "--port", str(self.port), "--access-log", "", *options]
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                command,
                env=environment(database),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/api/search?q=xie")[0] == 200:
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"glossary serve exited:\n{self.log.read_text()}") from None
                time.sleep(0.1)
        raise RuntimeError(f"glossary serve did not answer:\n{self.log.read_text()}")

    def request(self, method: str, path: str, body: Any = None, token: str = "") -> tuple:
        """Send a request; return the status and the answer's body."""
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            data = json.dumps(body) if body is not None else None
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def signal(self, number: int) -> None:
        """Send a signal to the whole group (Litestream, gunicorn, its workers); wait."""
        os.killpg(self.process.pid, number)
        self.process.wait(timeout=60)


def environment(database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "GLOSSARY_DATABASE": str(database),
        "GLOSSARY_SECRET_KEY": "bench",
        replication.PROGRAM_VARIABLE: litestream(),
    }


def seeded(path: Path, writers: int) -> list[str]:
    """A new database at path with the seed glossary and writers' accounts; their tokens."""
    db = connect(str(path))
    try:
        importer.import_file(db, SEED_PATH)
        tokens = []
        for number in range(writers):
            store.insert_account(db, f"bench{number}", "editor", "!", "session")
            tokens.append(accounts.issue_token(db, f"bench{number}"))
        return tokens
    finally:
        db.conn.close()


def new_entry(marker: str) -> dict[str, Any]:
    return {
        "kind": "term",
        "english": f"bench {marker}",
        "simplified": "复制测试",
        "notes": marker,
        "sources": [SOURCE],
    }


def write_for(server: Server, tokens: list[str], seconds: float) -> list[tuple[str, float]]:
    """WRITERS threads create entries for seconds; return (marker, acknowledged at) of each."""
    acked: list[tuple[str, float]] = []
    lock = threading.Lock()
    until = time.time() + seconds

    def writer(number: int, token: str) -> None:
        count = 0
        while time.time() < until:
            marker = f"b{number}-{count}"
            count += 1
            try:
                status, _ = server.request("POST", "/api/entries", new_entry(marker), token)
            except (OSError, http.client.HTTPException):
                return  # the server is gone
            if status == 201:
                with lock:
                    acked.append((marker, time.time()))

    threads = [threading.Thread(target=writer, args=pair) for pair in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return acked


def warm_up(server: Server, tokens: list[str]) -> None:
    """Each worker's first write is slow (it loads the write path): not part of a measure."""
    for number, token in enumerate(tokens):
        server.request("POST", "/api/entries", new_entry(f"warm{number}"), token)


def markers(path: Path) -> set[str]:
    db = store.open_file(path, read_only=True)
    try:
        rows = db.execute("SELECT notes FROM entry WHERE english LIKE 'bench b%'").fetchall()
        return {row[0] for row in rows}
    finally:
        db.conn.close()


def restore(database: Path, url: str) -> tuple[float, float]:
    """Run `glossary restore --from-replica url` into database; return its wall-clock time and
    the CPU time of the command and of Litestream's restore, which it waits for."""
    started, cpu = time.perf_counter(), children_cpu()
    subprocess.run(
        [GLOSSARY, "restore", "--from-replica", url],
        env=environment(database),
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started, children_cpu() - cpu


def children_cpu() -> float:
    """CPU time of the finished child processes (and theirs, which they waited for)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def kill(folder: Path, seconds: float) -> dict[str, Any]:
    """Write under replication, SIGKILL everything, lose the disk, restore: what is missing."""
    database, url = folder / "kill.db", f"file://{folder / 'kill-replica'}"
    tokens = seeded(database, WRITERS)
    server = Server(database, folder / "kill.log", "--workers", "3", "--replicate", url)
    warm_up(server, tokens)
    acked, killed = write_until_killed(server, tokens, seconds)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink()
    shutil.rmtree(folder / ".kill.db-litestream")
    restore(database, url)
    present = markers(database)
    lost = [(marker, killed - at) for marker, at in acked if marker not in present]
    return {
        "seconds": seconds,
        "writers": WRITERS,
        "acknowledged": len(acked),
        "lost": len(lost),
        "lost_oldest_before_kill": round(max((age for _, age in lost), default=0.0), 3),
        "lost_more_than_goal_before_kill": sum(age > GOAL_LOST_BEFORE for _, age in lost),
    }


def write_until_killed(
    server: Server, tokens: list[str], seconds: float
) -> tuple[list[tuple[str, float]], float]:
    """Write until a timer SIGKILLs the server's group after seconds; return the writes
    acknowledged and the moment of the kill."""
    moment: list[float] = []

    def kill_now() -> None:
        moment.append(time.time())
        server.signal(signal.SIGKILL)

    timer = threading.Timer(seconds, kill_now)
    timer.start()
    acked = write_for(server, tokens, seconds + 5)  # the writers stop when the server dies
    timer.join()
    return acked, moment[0]


def throughput(folder: Path, seconds: float, runs: int) -> dict[str, Any]:
    """Writes a second with and without --replicate, runs alternating; the median of each."""
    found: dict[str, list[float]] = {"plain": [], "replicated": []}
    for run in range(runs):
        for mode in ("plain", "replicated"):
            database = folder / f"{mode}{run}.db"
            tokens = seeded(database, WRITERS)
            options = ["--workers", "3"]
            if mode == "replicated":
                options += ["--replicate", f"file://{folder / f'{mode}{run}-replica'}"]
            server = Server(database, folder / f"{mode}.log", *options)
            try:
                warm_up(server, tokens)
                acked = write_for(server, tokens, seconds)
            finally:
                server.signal(signal.SIGTERM)
            found[mode].append(round(len(acked) / seconds, 1))
    plain, replicated = (statistics.median(found[mode]) for mode in ("plain", "replicated"))
    return {
        "seconds": seconds,
        "writers": WRITERS,
        "plain_each": found["plain"],
        "replicated_each": found["replicated"],
        "plain": plain,
        "replicated": replicated,
        "cost_percent": round(100 * (plain - replicated) / plain, 1),
    }


def restore_time(folder: Path, source: Path) -> dict[str, Any]:
    """Replicate a copy of source (serve --replicate until the snapshot is on the replica),
    then time its restore onto a machine with no database."""
    database, url = folder / "big.db", f"file://{folder / 'big-replica'}"
    shutil.copy(source, database)
    server = Server(database, folder / "big.log", "--workers", "1", "--replicate", url)
    snapshots = folder / "big-replica" / "generations"
    deadline = time.monotonic() + 300
    while not list(snapshots.glob("*/snapshots/*.lz4")) and time.monotonic() < deadline:
        time.sleep(0.5)
    server.signal(signal.SIGTERM)
    restored = folder / "restored" / "glossary.db"
    seconds, cpu = restore(restored, url)
    with_check = store.open_file(restored, read_only=True)
    try:
        counts = store.row_counts(with_check)
        dictionary = with_check.execute("SELECT count(*) FROM dictionary").fetchone()[0]
    finally:
        with_check.conn.close()
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "database_megabytes": round(source.stat().st_size / 1e6, 1),
        "replica_megabytes": round(folder_size(folder / "big-replica") / 1e6, 1),
        "entries": counts["entry"],
        "dictionary_entries": dictionary,
    }


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def measure(database: Path, seconds: float, runs: int) -> dict[str, Any]:
    """Every measure, in a temporary folder; with what it was measured on."""
    load_before = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory(prefix="bench-replication-") as work:
        folder = Path(work)
        result = {
            "kill": kill(folder, seconds),
            "restore": restore_time(folder, database),
            "throughput": throughput(folder, seconds, runs),
        }
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE
    ).stdout.strip()
    result["environment"] = {
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "load_average": load_before,
        "load_average_after": round(os.getloadavg()[0], 2),
        "commit": commit,
        "litestream": subprocess.run(
            [litestream(), "version"], capture_output=True, text=True
        ).stdout.strip(),
        "settings": {
            "monitor_interval": replication.MONITOR_INTERVAL,
            "sync_interval": replication.SYNC_INTERVAL,
        },
    }
    result["targets"] = targets(result)
    return result


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's goals, each with the value measured and whether it is met."""
    kill, restored, writes = result["kill"], result["restore"], result["throughput"]
    return [
        {
            "measure": f"writes acknowledged > {GOAL_LOST_BEFORE:g} s before the kill, lost",
            "value": f"{kill['lost_more_than_goal_before_kill']} of {kill['acknowledged']}"
            f" (lost in all: {kill['lost']}, the oldest {kill['lost_oldest_before_kill']} s"
            " before the kill)",
            "target": "none",
            "met": kill["lost_more_than_goal_before_kill"] == 0,
        },
        {
            "measure": "restore of the seed glossary with CC-CEDICT (`restore --from-replica`)",
            "value": f"{restored['seconds']} s ({restored['cpu_seconds']} s CPU)",
            "target": f"≤ {GOAL_RESTORE:g} s",
            "met": restored["seconds"] <= GOAL_RESTORE,
        },
        {
            "measure": f"write throughput, {WRITERS} writers, replicated vs not",
            "value": f"{writes['replicated']:g} vs {writes['plain']:g} writes/s"
            f" ({cost(writes['cost_percent'])})",
            "target": f"≤ {GOAL_THROUGHPUT:g} % fewer",
            "met": writes["cost_percent"] <= GOAL_THROUGHPUT,
        },
    ]


def cost(percent: float) -> str:
    """What replicating costs the writers, in words: fewer writes a second, or more (noise)."""
    return f"{percent:g} % fewer" if percent >= 0 else f"{-percent:g} % more"


def summary(result: dict[str, Any]) -> str:
    """The table the README shows."""
    env = result["environment"]
    lines = [
        f"Measured {env['measured']} on {env['cores']} cores (load average"
        f" {env['load_average']} before, {env['load_average_after']} after) at commit"
        f" `{env['commit']}`, Litestream {env['litestream']} (monitor every"
        f" {env['settings']['monitor_interval']}, sync every {env['settings']['sync_interval']})."
        " Details in `bench/results/replication.md`.",
        "",
        "| measure | latest | goal | met |",
        "| --- | --- | --- | --- |",
        *[
            f"| {t['measure']} | {t['value']} | {t['target']} | {'yes' if t['met'] else '**no**'} |"
            for t in result["targets"]
        ],
        "",
    ]
    return "\n".join(lines)


def markdown(result: dict[str, Any]) -> str:
    """The full report."""
    kill, restored, writes = result["kill"], result["restore"], result["throughput"]
    return "\n".join(
        [
            "# Replication with Litestream",
            "",
            summary(result),
            f"Kill: {kill['writers']} writers creating entries through the API for"
            f" {kill['seconds']:g} s under `glossary serve --replicate file://…` (3 workers),"
            f" then SIGKILL to Litestream, gunicorn and its workers; the database, its WAL and"
            f" Litestream's files deleted; `glossary restore --from-replica`."
            f" {kill['acknowledged']} writes acknowledged, {kill['lost']} missing after the"
            " restore.",
            "",
            f"Restore: the seed glossary with CC-CEDICT ({restored['database_megabytes']} MB;"
            f" {restored['entries']} entries, {restored['dictionary_entries']:,} dictionary"
            f" entries), replicated to a directory ({restored['replica_megabytes']} MB"
            " compressed), restored onto a machine with no database: Litestream's restore, the"
            f" check `glossary check` makes, the file put in place: {restored['seconds']} s,"
            f" the command's wall-clock time ({restored['cpu_seconds']} s of CPU, Litestream's"
            " included: on a busy machine the wall clock stretches, the CPU time hardly).",
            "",
            f"Throughput: {writes['writers']} writers for {writes['seconds']:g} s a run, the"
            f" server with and without --replicate alternating; writes a second, each run:"
            f" plain {writes['plain_each']}, replicated {writes['replicated_each']} (median"
            f" {writes['plain']:g} and {writes['replicated']:g}). Each write is a commit with"
            " `synchronous = FULL`; the writers, the server and Litestream share the machine.",
            "",
        ]
    )


def write(result: dict[str, Any], results: Path, readme: Path | None) -> None:
    """Write replication.json and .md to results, and the summary into readme (if given)."""
    results.mkdir(parents=True, exist_ok=True)
    (results / "replication.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    (results / "replication.md").write_text(markdown(result), encoding="utf-8")
    if readme is not None:
        text = readme.read_text(encoding="utf-8")
        start, end = "<!-- bench:replication -->", "<!-- /bench:replication -->"
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        readme.write_text(f"{head}{start}\n{summary(result)}{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", type=Path, default=HERE / "work" / "bench.db")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--seconds", type=float, default=8, help="length of each write run")
    parser.add_argument("--runs", type=int, default=3, help="throughput runs of each mode")
    parser.add_argument("--no-readme", action="store_true", help="leave README.md as it is")
    args = parser.parse_args(argv)
    result = measure(args.database, args.seconds, args.runs)
    write(result, args.results, None if args.no_readme else README)
    print(summary(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
