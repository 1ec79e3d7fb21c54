"""A real server for the load and crash tests: `glossary serve` (gunicorn, several workers) on a
free loopback port and a database of the test's own, with API tokens for its writers."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary import accounts, store
from glossary.store.connection import connect

GLOSSARY = Path(sys.executable).parent / "glossary"
SOURCE = {"quote": "A quotation.", "title": "Load test", "published": "2026-05"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare_database(seeded: Path, path: Path, editors: int) -> list[str]:
    """Copy the seeded database to path and give it editors w0…wN-1 (reviewers, so that they
    may also verify); return their API tokens."""
    shutil.copy(seeded, path)
    database = connect(str(path))
    try:
        tokens = []
        for number in range(editors):
            store.insert_account(database, f"w{number}", "reviewer", "!", "session")
            tokens.append(accounts.issue_token(database, f"w{number}"))
        return tokens
    finally:
        database.conn.close()


def environment(database: Path) -> dict[str, str]:
    return {**os.environ, "GLOSSARY_DATABASE": str(database), "GLOSSARY_SECRET_KEY": "load"}


@dataclass
class Server:
    """A running `glossary serve`, in a process group of its own (gunicorn and its workers)."""

    process: subprocess.Popen
    port: int
    log: Path

    def request(
        self, method: str, path: str, body: Any = None, token: str | None = None
    ) -> tuple[int, Any]:
        """Send a request; return the status and the decoded JSON (or text) of the answer."""
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            data = json.dumps(body).encode() if body is not None else None
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            raw = response.read()
        finally:
            connection.close()
        if response.getheader("Content-Type", "").startswith("application/json"):
            return response.status, json.loads(raw)
        return response.status, raw.decode("utf-8", "replace")

    def kill(self) -> None:
        """SIGKILL gunicorn and every worker at once: nothing is flushed or finished."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def start(
    database: Path, log: Path, workers: int, *options: str, env: dict[str, str] | None = None
) -> Server:
    """Start `glossary serve` on database (with these options, and these variables added to
    its environment) and wait until it answers."""
    port = free_port()
    with log.open("ab") as output:
        process = subprocess.Popen(
            [GLOSSARY, "serve", "--port", str(port), "--workers", str(workers), *options],
            env={**environment(database), **(env or {})},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, to kill gunicorn and workers
        )
    server = Server(process, port, log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if server.request("GET", "/api/search?q=xie")[0] == 200:
                return server
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"glossary serve exited:\n{log.read_text()}") from None
            time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"glossary serve did not answer:\n{log.read_text()}")


def cli(
    database: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run a `glossary` command on database (with these variables added to its environment)."""
    return subprocess.run(
        [GLOSSARY, *args],
        env={**environment(database), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def new_entry(marker: str) -> dict[str, Any]:
    """An entry to create, its English and notes made unique by marker."""
    return {
        "kind": "term",
        "english": f"load {marker}",
        "simplified": "负载测试",
        "notes": marker,
        "sources": [SOURCE],
        "comment": marker,
    }
