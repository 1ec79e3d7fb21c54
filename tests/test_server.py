"""glossary serve: gunicorn inside the command's process, each request in a context of its own."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path):
    """`glossary serve` with one worker on a new database; yields its base URL."""
    port = free_port()
    env = {**os.environ, "GLOSSARY_DATABASE": str(tmp_path / "g.db")}
    glossary = Path(sys.executable).parent / "glossary"
    command = [glossary, "serve", "--port", str(port), "--workers", "1", "--access-log", ""]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/", timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, "glossary serve exited"
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def html_lang(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        found = re.search(r'<html lang="([^"]+)">', response.read().decode())
    assert found
    return found[1]


def test_one_request_s_language_is_not_the_next_one_s(server):
    # The worker is forked from the command's process, which runs in an app context: a
    # request must still get a context (and a flask.g) of its own.
    assert html_lang(server + "/?lang=zh_Hans") == "zh-Hans"
    assert html_lang(server + "/") == "en"
    assert html_lang(server + "/?lang=zh_Hant") == "zh-Hant"
