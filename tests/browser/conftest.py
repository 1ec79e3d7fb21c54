"""Browser tests: the real server (`glossary serve`, gunicorn) driven by Debian's Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import free_port, unavailable

CHROMIUM = os.environ.get("GLOSSARY_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
# Without these, Chromium tries to reach Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def live_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The live server's environment: its own database in a temporary directory."""
    database = str(tmp_path_factory.mktemp("live") / "g.db")
    # Every upload on /import runs as a job (test_import_jobs.py), however small.
    return {**os.environ, "GLOSSARY_DATABASE": database, "GLOSSARY_IMPORT_JOB_KB": "0"}


@pytest.fixture(scope="session")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, live_env: dict[str, str]
) -> Iterator[str]:
    """`glossary serve` on a free loopback port with a new database; yields its base URL."""
    port = free_port()
    env = live_env
    glossary = Path(sys.executable).parent / "glossary"
    log = tmp_path_factory.mktemp("log") / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [glossary, "serve", "--port", str(port), "--workers", "2"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/", timeout=1).close()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"glossary serve exited:\n{log.read_text()}")
                time.sleep(0.1)
        else:
            pytest.fail(f"glossary serve did not answer:\n{log.read_text()}")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright."""
    if not os.path.exists(CHROMIUM):
        unavailable(f"{CHROMIUM} is not installed (make test installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as error:  # noqa: BLE001 - any launch failure means no browser here
            unavailable(f"Chromium did not start: {error}")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-US", viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


EDITOR = ("editor", "correct horse battery staple")


@pytest.fixture(scope="session")
def live_editor(live_server: str, live_env: dict[str, str]) -> tuple[str, str]:
    """An editor account in the live server's database, made with `glossary user add`."""
    name, password = EDITOR
    subprocess.run(
        [Path(sys.executable).parent / "glossary", "user", "add", name, "--role", "editor"],
        input=password + "\n",
        env=live_env,
        text=True,
        capture_output=True,
        check=True,
    )
    return EDITOR
