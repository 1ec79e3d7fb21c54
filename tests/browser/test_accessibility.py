"""No serious or critical accessibility violations on any page, as axe-core finds them in Chromium.

axe-core is injected by axe-playwright-python (it ships axe.min.js); the pages are the real
server's, logged in where a page needs a role, with the base dictionary loaded for its pages.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import log_in

pytestmark = pytest.mark.browser

CEDICT = """#! date=2023-11-07T06:42:16Z
電腦 电脑 [dian4 nao3] /computer/CL:臺|台[tai2]/
臺 台 [tai2] /platform/stage/
謝 谢 [xie4] /to thank/
"""

ADMIN = ("axe-admin", "correct horse battery staple admin")

# (page, what it needs): "" anyone, "editor", "admin" (who may also review)
PAGES = [
    ("/", ""),
    ("/search?q=xie", ""),
    ("/search?q=computer", ""),
    ("/entries/1", ""),
    ("/entries/1/history", ""),
    ("/dictionary/1", ""),
    ("/check-name?hanzi=谢锋&english=Xie+Feng", ""),
    ("/read", ""),
    ("/api", ""),
    ("/login", ""),
    ("/changes", ""),
    ("/entries/new", "editor"),
    ("/entries/1/edit", "editor"),
    ("/import", "editor"),
    ("/entries/2/diff?from=1&to=2", "editor"),
    ("/review", "admin"),
    ("/admin/accounts", "admin"),
]


def glossary_command(live_env: dict[str, str], *args: str, input: str = "") -> None:
    subprocess.run(
        [Path(sys.executable).parent / "glossary", *args],
        input=input,
        env=live_env,
        text=True,
        capture_output=True,
        check=True,
    )


@pytest.fixture(scope="module")
def prepared(live_server, live_env, tmp_path_factory, live_editor):
    """The dictionary loaded, an admin account, and a second revision of entry 1."""
    cedict = tmp_path_factory.mktemp("cedict") / "cedict.u8"
    cedict.write_text(CEDICT, encoding="utf-8")
    glossary_command(live_env, "import-cedict", "--file", str(cedict))
    glossary_command(live_env, "user", "add", ADMIN[0], "--role", "admin", input=ADMIN[1] + "\n")
    return live_server


def serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(("path", "role"), PAGES)
def test_no_serious_violations(page, prepared, live_editor, path, role):
    if role == "editor":
        log_in(page, prepared, live_editor)
        if "/diff" in path:  # a second revision to compare with (entry 1 is the history test's)
            page.goto(prepared + "/entries/2/edit")
            page.fill("#notes", "Checked for the accessibility test.")
            page.click("form.entry-form button.primary")
            page.wait_for_load_state()
    elif role == "admin":
        log_in(page, prepared, ADMIN)
    page.goto(prepared + path)
    assert page.locator("main").count() == 1
    if "/diff" in path:
        assert page.locator("table.diff").count() == 1
    assert serious(page) == []
