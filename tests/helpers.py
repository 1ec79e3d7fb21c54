"""What tests do with the app: read its pages, fill in its forms, log in, call its API, check
its answers and exports, run it as a real server, and count the work it does.

Shared by every test module, with factories.py (what tests store and send). Test modules never
import each other, and conftest.py holds only fixtures (tests/test_layout.py checks both).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar
from urllib.parse import quote_from_bytes

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, settings
from lxml import etree

from glossary import accounts, store
from glossary.exchange.formats import tbx
from glossary.store.connection import connect

T = TypeVar("T")

# Pages and requests ---------------------------------------------------------------------------


def html(response) -> BeautifulSoup:
    """Parse a response's HTML."""
    assert response.content_type.startswith("text/html")
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text(tag) -> str:
    """A tag's text as read, or "" when there is no tag."""
    return tag.get_text(" ", strip=True) if tag else ""


def fields(form: Tag) -> dict[str, str]:
    """What a form would send as it is shown: each field's value, the chosen option of each
    select; unticked checkboxes and buttons send nothing."""
    data = {}
    for node in form.select("input[name], textarea[name], select[name]"):
        if node.name == "select":
            chosen = node.select_one("option[selected]") or node.select_one("option")
            data[node["name"]] = chosen["value"] if chosen else ""
        elif node.name == "textarea":
            data[node["name"]] = node.get_text().removeprefix("\n")  # as a browser drops it
        elif node.get("type") not in ("checkbox", "submit"):
            data[node["name"]] = node.get("value", "")
    return data


def entry_id(client, english: str) -> int:
    """Return the id of the entry whose English form is english."""
    results = client.get("/api/search", query_string={"q": english, "limit": 100}).get_json()
    ids = [r["id"] for r in results["results"] if r["english"] == english]
    assert ids, f"no entry {english!r}"
    return ids[0]


def api_search(client, query: str, **params) -> dict:
    """The JSON answer of GET /api/search, which must be a 200."""
    response = client.get("/api/search", query_string={"q": query, **params})
    assert response.status_code == 200
    return response.get_json()


def bearer(token: str) -> dict[str, str]:
    """The header that sends an API token."""
    return {"Authorization": f"Bearer {token}"}


# Accounts and logging in ----------------------------------------------------------------------

PASSWORD = "correct horse battery staple"


def add_account(app, name: str, role: str, password: str = PASSWORD) -> None:
    """Create an account directly in the app's database."""
    database = connect(app.config["DATABASE"])
    try:
        accounts.add_account(database, name, role, password)
    finally:
        database.conn.close()


def csrf_token(client, path: str = "/login") -> str:
    """Return the CSRF token of the form on a page, as a browser would send it back."""
    page = html(client.get(path))
    return page.select_one("input[name=csrf_token]")["value"]


def login(client, name: str, password: str = PASSWORD):
    """Log in through the login form, CSRF token included; return the response."""
    return client.post(
        "/login", data={"name": name, "password": password, "csrf_token": csrf_token(client)}
    )


def api_token(app, name: str) -> str:
    """Issue an API token for an account."""
    database = connect(app.config["DATABASE"])
    try:
        return accounts.issue_token(database, name)
    finally:
        database.conn.close()


def log_in(page, live_server: str, account: tuple[str, str]) -> None:
    """Log in through the login form in the browser, as a person would."""
    page.goto(live_server + "/login")
    page.fill("#name", account[0])
    page.fill("#password", account[1])
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_selector(".account .who")


# The database -----------------------------------------------------------------------------------


def id_of(db, english: str) -> int:
    """The id of the entry whose English form is english, read from the database."""
    return db.execute("SELECT id FROM entry WHERE english = ?", [english]).fetchone()[0]


def entry_by_key(db, key: str) -> dict:
    """The full entry imported under key."""
    entry = store.get_entry(db, store.import_state(db, key)["id"])
    assert entry is not None
    return entry


def edit(db, entry_id: int, author: str = "ed", comment: str = "", **changes) -> int:
    """Save changes to an entry as the author would from the form; return the new revision."""
    entry = store.get_entry(db, entry_id)
    record = {**store.snapshot(entry), **changes}
    return store.edit_entry(
        db, entry_id, record, base_revision=entry["revision"], author=author, comment=comment
    )


# Answers to hostile input ---------------------------------------------------------------------

# Bounded (max_examples, no deadline) and repeatable (derandomize): the suites run in `make test`.
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def encoded(value: bytes) -> str:
    """Percent-encode bytes for a query string or a form body."""
    return quote_from_bytes(value, safe="")


def query(parameters: dict[str, bytes]) -> str:
    """A query string of raw bytes: ?name=value&…"""
    return "&".join(f"{name}={encoded(value)}" for name, value in parameters.items())


def assert_answered(response, *, allowed: tuple[int, ...]) -> None:
    """The answer is one of the allowed statuses, shows no traceback, and a refusal says why."""
    body = response.get_data(as_text=True)
    assert response.status_code < 500, body[:500]
    assert response.status_code in allowed, (response.status_code, body[:500])
    assert "Traceback" not in body and 'File "' not in body
    if response.status_code >= 400:
        if response.mimetype == "application/json":
            assert response.get_json()["error"]
        else:
            assert response.mimetype == "text/html"
            assert "<h1>" in body


# Exports: the TBX-Basic structure ---------------------------------------------------------------

# TBX-Basic (TBXBasicXCSV02): where each data category may stand, and its allowed values.
AUX = {"descrip", "descripGrp", "admin", "adminGrp", "transacGrp", "note", "ref", "xref"}
DESCRIP = {
    "termEntry": {"subjectField", "definition"},
    "langSet": {"definition"},
    "tig": {"context"},
}
TERM_NOTES = {
    "termType": set(tbx.TERM_TYPES),
    "administrativeStatus": {
        "preferredTerm-admn-sts",
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "supersededTerm-admn-sts",
    },
    "partOfSpeech": {"noun", "verb", "adjective", "adverb", "properNoun", "other"},
}
ADMIN = {"source", "customerSubset", "projectSubset"}
# LISA's TBX-Basic core structure DTD (2009); tests/fixtures/README.md says where it is from.
TBX_BASIC_DTD = Path(__file__).parent / "fixtures" / "TBXBasiccoreStructV02.dtd"


def tbx_basic_dtd_errors(document: str | bytes) -> list[str]:
    """Validate a document against TBX-Basic's DTD with lxml; return its errors, one a line."""
    raw = document.encode() if isinstance(document, str) else document
    dtd = etree.DTD(str(TBX_BASIC_DTD))
    if dtd.validate(etree.fromstring(raw)):
        return []
    return [f"line {error.line}: {error.message}" for error in dtd.error_log]


def tbx_problems(document: str) -> list[str]:
    """Check a document against TBX-Basic: its DTD, then the data categories and values the
    DTD leaves to the XCS; return what does not fit."""
    root = ET.fromstring(document)  # well-formed, or this raises
    problems = tbx_basic_dtd_errors(document)

    def check(condition: bool, message: str) -> None:
        if not condition:
            problems.append(message)

    check(root.tag == "martif" and root.get("type") == "TBX-Basic", "root")
    check(root.get(tbx.LANG) is not None, "martif xml:lang")
    check([c.tag for c in root] == ["martifHeader", "text"], "martif children")
    header = root.find("martifHeader")
    check(header is not None and header.find("fileDesc/sourceDesc/p") is not None, "sourceDesc")
    check(root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "glossary.xcs", "XCS")
    ids = [e.get("id") for e in root.iterfind("text/body/termEntry")]
    check(len(ids) == len(set(ids)) and all(ids), "termEntry ids unique")
    check([c.tag for c in root.find("text/body")] == ["termEntry"] * len(ids), "body")
    for entry in root.iterfind("text/body/termEntry"):
        where = f"termEntry {entry.get('id')}"
        check(re.fullmatch(r"[A-Za-z_][\w.-]*", entry.get("id") or "") is not None, where + " id")
        tags = [c.tag for c in entry]
        first_lang = tags.index("langSet") if "langSet" in tags else len(tags)
        check(set(tags[:first_lang]) <= AUX, f"{where}: {tags[:first_lang]}")
        check(set(tags[first_lang:]) == {"langSet"}, f"{where}: langSets last")
        _check_aux(entry, "termEntry", where, check)
        for ref in entry.findall("ref"):
            check(ref.get("type") == "crossReference" and ref.get("target") in ids, where + " ref")
        for group in entry.findall("transacGrp"):
            check(
                group.findtext("transac[@type='transactionType']")
                in ("origination", "modification"),
                where + " transac",
            )
            check(
                re.fullmatch(r"\d{4}-\d{2}-\d{2}", group.findtext("date") or "") is not None,
                where + " date",
            )
        for lang_set in entry.findall("langSet"):
            lang = lang_set.get(tbx.LANG)
            check(lang in ("en", "zh-Hans", "zh-Hant"), f"{where}: xml:lang {lang}")
            tags = [c.tag for c in lang_set]
            first_tig = tags.index("tig") if "tig" in tags else len(tags)
            check(first_tig < len(tags) and set(tags[first_tig:]) == {"tig"}, where + " tigs")
            check(set(tags[:first_tig]) <= AUX, where + " langSet aux")
            _check_aux(lang_set, "langSet", where, check)
            for tig in lang_set.findall("tig"):
                tags = [c.tag for c in tig]
                check(tags[0] == "term" and (tig.findtext("term") or "").strip() != "", where)
                notes = [i for i, t in enumerate(tags) if t == "termNote"]
                check(notes == list(range(1, len(notes) + 1)), where + " termNotes follow term")
                check(set(tags[1 + len(notes) :]) <= AUX, where + " tig aux")
                for note in tig.findall("termNote"):
                    allowed = TERM_NOTES.get(note.get("type") or "", set())
                    check(note.text in allowed, f"{where}: termNote {note.get('type')}={note.text}")
                _check_aux(tig, "tig", where, check)
    return problems


def _check_aux(element: ET.Element, level: str, where: str, check) -> None:
    for descrip in element.findall("descrip"):
        check(descrip.get("type") in DESCRIP[level], f"{where}: descrip {descrip.get('type')}")
    for group in element.findall("descripGrp"):
        check(level == "tig" and group[0].tag == "descrip", f"{where}: descripGrp")
        check(group[0].get("type") == "context", f"{where}: descripGrp context")
        check(set(c.tag for c in group[1:]) <= {"admin"}, f"{where}: grp")
        check(all(a.get("type") in ADMIN for a in group.findall("admin")), where + " admin")
    for admin in element.findall("admin"):
        check(admin.get("type") in ADMIN, f"{where}: admin {admin.get('type')}")


# A real server: `glossary serve` (gunicorn, several workers) on a database of the test's own ---

GLOSSARY = Path(sys.executable).parent / "glossary"


def free_port() -> int:
    """A loopback port free at the time of asking."""
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


def server_environment(database: Path) -> dict[str, str]:
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


def start_server(
    database: Path, log: Path, workers: int, *options: str, env: dict[str, str] | None = None
) -> Server:
    """Start `glossary serve` on database (with these options, and these variables added to
    its environment) and wait until it answers."""
    port = free_port()
    with log.open("ab") as output:
        process = subprocess.Popen(
            [GLOSSARY, "serve", "--port", str(port), "--workers", str(workers), *options],
            env={**server_environment(database), **(env or {})},
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


def run_glossary(
    database: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run a `glossary` command on database (with these variables added to its environment)."""
    return subprocess.run(
        [GLOSSARY, *args],
        env={**server_environment(database), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def unavailable(reason: str) -> None:
    """Skip a browser test that cannot run, or fail it on CI, where it must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser test cannot run on CI: {reason}")
    pytest.skip(reason)


# Counting work, never time: Python lines run, and characters scanned -------------------------
# A test gives a budget; the count stops the code (WorkExceeded) as soon as it is spent, so code
# that is quadratic fails at once instead of running for minutes.


class WorkExceeded(AssertionError):
    """The code did more work than the test's budget allows."""


def within_lines(budget: int, function: Callable[..., T], *args: Any) -> tuple[T, int]:
    """Run function(*args) counting the Python lines it runs (its callees' included); raise
    WorkExceeded once more than budget have run. Return its result and the count."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
            if count > budget:
                raise WorkExceeded(f"more than {budget} lines run")
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        result = function(*args)
    finally:
        sys.settrace(previous)
    return result, count


class ScannedText(str):
    """A text that counts the characters its count(), find() and index() look through (work
    in C that counting lines does not see), and stops past a budget."""

    budget = 0
    scanned = 0

    def _scan(self) -> None:
        ScannedText.scanned += len(self)
        if ScannedText.scanned > ScannedText.budget:
            raise WorkExceeded(f"more than {ScannedText.budget} characters scanned")

    def count(self, *args: Any) -> int:  # type: ignore[override]
        self._scan()
        return str.count(self, *args)

    def find(self, *args: Any) -> int:  # type: ignore[override]
        self._scan()
        return str.find(self, *args)

    def index(self, *args: Any) -> int:  # type: ignore[override]
        self._scan()
        return str.index(self, *args)


@contextmanager
def traced(db: Any) -> Iterator[list[str]]:
    """The statements run on a database's connection within the block, in order."""
    ran: list[str] = []
    db.conn.set_trace_callback(ran.append)
    try:
        yield ran
    finally:
        db.conn.set_trace_callback(None)
