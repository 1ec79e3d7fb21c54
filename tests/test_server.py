"""glossary serve: gunicorn inside the command's process, each request in a context of its own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import start_server


@pytest.fixture
def server(tmp_path: Path):
    """`glossary serve` with one worker on a new database; yields its base URL."""
    running = start_server(tmp_path / "g.db", tmp_path / "serve.log", workers=1)
    try:
        yield f"http://127.0.0.1:{running.port}"
    finally:
        running.stop()


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


def test_the_app_loads_without_what_only_some_pages_and_commands_use(tmp_path):
    # The server's cold start waits for every module the app imports: these load when the page
    # or command that uses them is asked for (the feed, reading an article, import-cedict).
    script = (
        "import sys\n"
        "from glossary import cli, create_app\n"
        "create_app()\n"
        "print(' '.join(sorted(set(sys.argv[1:]) & set(sys.modules))))\n"
    )
    deferred = ["feedgen", "lxml", "rapidfuzz", "multiprocessing", "glossary.dictionary.cedict"]
    loaded = subprocess.run(
        [sys.executable, "-c", script, *deferred],
        env={**os.environ, "GLOSSARY_DATABASE": str(tmp_path / "g.db")},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert loaded == []


def test_the_command_collects_garbage_again_once_loaded():
    # glossary.__main__ pauses the cyclic collector while the modules load, then freezes them.
    script = (
        "import gc\n"
        "from glossary import __main__\n"
        "__main__.run = lambda: print(gc.isenabled(), gc.get_freeze_count() > 0)\n"
        "__main__.main()\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert shown.split() == ["True", "True"]
