"""The README's screenshots, taken anew: `make screenshots` (or python docs/screenshots.py).

Builds a temporary database from the seed with CC-CEDICT loaded and an admin account, serves it
on a free port with `glossary serve`, edits one verified entry (so that the review queue shows
a preview), and photographs in headless Chromium, at 1280×800: search results for a Chinese
query, an entry, the review queue and the article reader; at 390×844 the search results on a
phone. Each PNG is made small with pngquant where it is installed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

DOCS = Path(__file__).resolve().parent
GLOSSARY = Path(sys.executable).parent / "glossary"
CHROMIUM = os.environ.get("GLOSSARY_CHROMIUM", "/usr/bin/chromium")
ADMIN = ("screenshots", "correct horse battery staple screenshots")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
ARTICLE = (
    "Vice Foreign Minister XIE Feng (谢锋) said the two sides would keep talking. FU Ying, who "
    "chaired the Foreign Affairs Committee, and XIAO Qian (肖茜) of Tsinghua University's Center "
    "for International Security and Strategy (CISS) spoke of a race to the top in AI safety, "
    "and of constructive strategic stability between China and the United States."
)


def free_port() -> int:
    """A port nobody listens on now, above 5100 (5000 is the one `make run` takes)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return max(int(probe.getsockname()[1]), 5101)


def glossary(env: dict[str, str], *args: str, stdin: str = "") -> None:
    """Run a `glossary` command against the temporary database."""
    subprocess.run([GLOSSARY, *args], env=env, input=stdin, text=True, check=True)


def wait_for(url: str) -> None:
    """Wait until the server answers (at most a minute)."""
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer")


def shoot(page, url: str | None, name: str) -> None:
    """Open a page (or keep the one open, with url None), let it settle, photograph the
    screen and make the PNG small."""
    if url is not None:
        page.goto(url)
    page.wait_for_load_state("networkidle")
    path = DOCS / name
    page.screenshot(path=str(path))
    if shutil.which("pngquant"):
        subprocess.run(
            [
                "pngquant",
                "--force",
                "--skip-if-larger",
                "--quality",
                "70-95",
                "--output",
                path,
                path,
            ],
            check=False,
        )
    print(f"{path.relative_to(DOCS.parent)}: {path.stat().st_size // 1024} KB")


def log_in(page, base: str) -> None:
    page.goto(base + "/login")
    page.fill("#name", ADMIN[0])
    page.fill("#password", ADMIN[1])
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_selector(".account .who")


def photograph(base: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        desktop = browser.new_context(locale="en-US", viewport=DESKTOP)
        page = desktop.new_page()
        shoot(page, base + "/search?q=战略", "search.png")
        shoot(page, base + "/entries/4", "entry.png")
        log_in(page, base)
        page.goto(base + "/entries/5/edit")  # Fu Ying, verified in the seed
        page.fill("#notes", "Chaired the Foreign Affairs Committee of the NPC.")
        page.click("form.entry-form button.primary")
        page.wait_for_load_state()
        shoot(page, base + "/review", "review.png")
        page.goto(base + "/read")
        page.fill("textarea[name=text]", ARTICLE)
        page.click("form.article-form button[type=submit]")
        page.wait_for_selector(".article-result")
        page.evaluate("document.querySelector('.article-result').scrollIntoView()")
        shoot(page, None, "read.png")
        phone = browser.new_context(
            locale="en-US", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=1
        ).new_page()
        shoot(phone, base + "/search?q=战略", "phone.png")
        browser.close()


def main() -> None:
    if len(sys.argv) > 1:  # a server that is up already, with the ADMIN account
        photograph(sys.argv[1].rstrip("/"))
        return
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "GLOSSARY_DATABASE": str(Path(work) / "glossary.db")}
        glossary(env, "init-db")
        glossary(env, "import-cedict")
        glossary(env, "user", "add", ADMIN[0], "--role", "admin", stdin=ADMIN[1] + "\n")
        port = free_port()
        server = subprocess.Popen(
            [GLOSSARY, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/")
            photograph(base)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
