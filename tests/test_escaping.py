"""Every field an editor writes is shown escaped everywhere: pages (highlights included), the
Atom feed and the exports. Payloads are stored straight into the database (tests/factories.py), so
that escaping is tested on its own, whatever validation lets in."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from tests.factories import MARK, store_hostile_entries
from tests.helpers import html

PAGES = [
    "/entries/{term}",
    "/entries/{person}",
    "/entries/{organization}",
    "/entries/{deleted}",
    "/entries/{term}/history",
    "/entries/{term}/diff?from=1&to=2",
    "/entries/{term}/edit",
    '/entries/new?english=<script>x</script>&simplified="><svg onload=x>',
    "/changes",
    "/review",
    f"/search?q={MARK}",
    f"/search?q={MARK}+english+script",
    "/search?q=谢xssprobe",
    "/search?kind=person",
    "/check-name?english=<script>x</script>&hanzi=谢<b>锋</b>",
    "/",
]


@pytest.fixture
def hostile(app) -> dict[str, int]:
    return store_hostile_entries(app.config["DATABASE"])


def assert_inert(page) -> None:
    """Nothing in the page can run: scripts only from /static, no handlers, no injected tags."""
    assert [s.get("src", "") for s in page.find_all("script")] in (
        ["/static/glossary.js"],
        ["/static/glossary.js", "/static/editing.js"],
    )
    handlers = [(t.name, a) for t in page.find_all(True) for a in t.attrs if a.startswith("on")]
    assert handlers == []
    assert page.find_all(["img", "svg", "iframe", "object", "embed"]) == []
    schemes = {urlsplit(a["href"].strip()).scheme.lower() for a in page.select("a[href]")}
    assert schemes <= {"", "http", "https"}  # a path on the site, or a web address


@pytest.mark.parametrize("path", PAGES)
def test_pages_show_payloads_as_text(admin_client, hostile, path):
    response = admin_client.get(path.format(**hostile))
    assert response.status_code in (200, 410)
    page = html(response)
    assert_inert(page)
    if "xssprobe" in path or "{" in path:
        assert "XSS-RAN" in page.get_text()  # the payload is there, as text


def test_the_results_as_you_type_are_escaped(client, hostile):
    response = client.get(
        "/search", query_string={"q": MARK}, headers={"X-Requested-With": "glossary-search"}
    )
    page = html(response)
    assert page.find_all(["script", "img", "svg"]) == []
    marked = [m.get_text() for m in page.select("mark")]
    assert marked and all("xssprobe" in m.lower() for m in marked)
    assert "<script>console.log('XSS-RAN english')</script>" in page.get_text()


def test_source_links_keep_to_their_attribute(client, hostile):
    page = html(client.get(f"/entries/{hostile['term']}"))
    links = [a["href"] for a in page.select("a[href^='https://example.org']")]
    assert links == ["https://example.org/\"><script>console.log('XSS-RAN-url1')</script>"]


def test_the_feed_carries_payloads_as_text(client, hostile):
    response = client.get("/changes.atom")
    root = ET.fromstring(response.data)
    names = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert not names & {"script", "img", "svg", "div"}
    types = {e.get("type") for e in root.iter() if e.tag.endswith(("title", "summary"))}
    assert types <= {None, "text"}  # text, never HTML a feed reader would render
    titles = [e.text or "" for e in root.iter() if e.tag.endswith("title")]
    assert any("<script>console.log('XSS-RAN english')</script>" in t for t in titles)
    assert response.get_data(as_text=True).count("<script>") == 0  # escaped as &lt;script&gt;


@pytest.mark.parametrize("format_", ["json", "csv", "tbx", "tsv"])
def test_exports_are_downloads_never_pages(client, hostile, format_):
    response = client.get(f"/entries/{hostile['term']}/export.{format_}")
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype != "text/html"


def test_the_tbx_export_holds_payloads_as_text(client, hostile):
    root = ET.fromstring(client.get(f"/entries/{hostile['term']}/export.tbx").data)
    assert not {e.tag for e in root.iter()} & {"script", "img", "svg"}
    terms = [e.text for e in root.iter("term")]
    assert any(t and t.startswith("xssprobe english <script>") for t in terms)


def test_the_json_export_holds_payloads_as_strings(client, hostile):
    document = json.loads(client.get(f"/entries/{hostile['term']}/export.json").data)
    assert document["entries"][0]["english"].startswith("xssprobe english <script>")


def test_an_article_and_its_marks_are_escaped(client, hostile):
    """The article as sent, the glossary's payloads in its marks and lists, and the drafts."""
    from tests.factories import payload
    from tests.helpers import csrf_token

    text = f"{payload('english')} said; {payload('article')} XIE Feng (谢锋) {MARK} (谢锋)"
    token = csrf_token(client, "/read")
    page = html(client.post("/read", data={"text": text, "csrf_token": token}))
    assert_inert(page)
    assert page.select(".article-body a.known")  # the hostile entry is marked, as text
    assert "XSS-RAN english" in page.select_one(".article-body").get_text()
    answer = client.post("/api/extract", json={"text": text}).get_json()
    assert answer["known"]
