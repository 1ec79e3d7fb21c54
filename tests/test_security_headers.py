"""Output defences: security headers on every response, cookies, CSRF on every form, no state
change on GET, no inline script or style, and only http(s) source links."""

from __future__ import annotations

import hashlib

import pytest
from flask import Response

from glossary import config
from glossary.web import security
from tests.helpers import entry_id, html, login

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# What each kind of URL converter is given when every route is visited.
SAMPLE = {
    "format": "csv",
    "dictionary_id": "1",
    "filename": "glossary.css",
    "name": "ed",
    "anything": "anything",
    "job_id": "no-such-job",
    "verification_id": "1",  # the seed's first: undoable, were the token not checked
}


def fingerprint(db) -> str:
    """A hash of every row of the database, to tell whether anything was written."""
    return hashlib.sha256("\n".join(db.conn.iterdump()).encode()).hexdigest()


def url_of(rule, xie: int) -> str:
    path = rule.rule
    for argument in rule.arguments:
        value = str(xie) if argument == "entry_id" else SAMPLE[argument]
        path = path.replace(f"<int:{argument}>", value)
        for converter in ("any(json, csv, tbx, tsv)", "path", "string"):
            path = path.replace(f"<{converter}:{argument}>", value)
        path = path.replace(f"<{argument}>", value)
    return path


# Headers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?q=xie",
        "/api",
        "/api/search?q=xie",
        "/api/entries/999999",  # a JSON error
        "/no-such-page",  # an HTML error
        "/static/glossary.js",
        "/export.csv",
        "/changes.atom",
        "/login",
    ],
)
def test_every_response_carries_the_security_headers(client, path):
    with client.get(path) as response:
        assert {name: response.headers.get(name) for name in HEADERS} == HEADERS


def test_pages_for_a_logged_in_editor_are_not_stored(editor_client, client):
    assert editor_client.get("/entries/new").headers["Cache-Control"] == "private, no-store"
    assert editor_client.get("/search?q=xie").headers["Cache-Control"] == "private, no-store"
    assert "Cache-Control" not in client.get("/search?q=xie").headers


def test_a_logged_in_editors_files_keep_their_own_caching_rule(editor_client):
    """Only a response that says nothing of caching is made private: a stylesheet keeps the
    rule it came with (revalidate, with its ETag)."""
    with editor_client.get("/static/glossary.css") as response:
        assert response.headers.getlist("Cache-Control") == ["no-cache"]


def test_a_header_the_response_already_has_is_kept_not_doubled(app):
    """Header names are read in any case: a response that set its own frame rule keeps it."""
    with app.test_request_context():
        response = security.add_headers(Response("x", headers={"x-frame-options": "SAMEORIGIN"}))
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers.getlist("Referrer-Policy") == ["same-origin"]


def test_the_policy_allows_no_inline_script_or_style():
    policy = security.CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


PAGES = [
    "/",
    "/search?q=xie",
    "/search?kind=person",
    "/entries/{xie}",
    "/entries/{xie}/history",
    "/entries/{xie}/edit",
    "/entries/new",
    "/changes",
    "/review",
    "/check-name?english=Xie+Feng&hanzi=谢锋",
    "/api",
    "/import",
    "/admin/accounts",
    "/login",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_inline_script_style_or_handlers(admin_client, client, path):
    page = html(admin_client.get(path.format(xie=entry_id(client, "Xie Feng"))))
    assert [s for s in page.find_all("script") if not s.get("src") or s.string] == []
    assert page.find_all("style") == []
    inline = [
        (tag.name, attribute)
        for tag in page.find_all(True)
        for attribute in tag.attrs
        if attribute == "style" or attribute.startswith("on")
    ]
    assert inline == []
    assert [a["href"] for a in page.select("a[href]") if ":" in a["href"].split("/")[0]] == []


# Cookies ------------------------------------------------------------------------------------------


def cookie_header(response, name: str) -> str:
    headers = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "=")]
    assert len(headers) == 1, response.headers.getlist("Set-Cookie")
    return headers[0]


def test_the_session_cookie_is_httponly_and_lax_not_secure_by_default(accounts_app):
    client = accounts_app.test_client()
    header = cookie_header(login(client, "ed"), "session")
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Secure" not in header


def test_secure_cookies_are_a_setting(app, accounts_app):
    settings = config.from_environment({"GLOSSARY_SECURE_COOKIES": "1"})
    assert settings == {"SESSION_COOKIE_SECURE": True, "REMEMBER_COOKIE_SECURE": True}
    accounts_app.config.update(settings)
    client = accounts_app.test_client()
    header = cookie_header(login(client, "ed"), "session")
    assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header
    assert "Secure" in cookie_header(client.get("/?lang=zh_Hans"), "lang")


@pytest.mark.parametrize(("value", "secure"), [("0", False), ("false", False), ("yes", True)])
def test_the_secure_cookie_setting_reads_yes_and_no(value, secure):
    assert config.from_environment({"GLOSSARY_SECURE_COOKIES": value}) == {
        "SESSION_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_SECURE": secure,
    }


def test_the_language_cookie_is_httponly_and_lax(client):
    header = cookie_header(client.get("/?lang=zh_Hant"), "lang")
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Secure" not in header


# CSRF on every form; no state change on GET ------------------------------------------------------


def form_routes(app):
    return sorted(
        (rule for rule in app.url_map.iter_rules() if "POST" in rule.methods),
        key=lambda rule: rule.rule,
    )


def test_every_form_route_is_csrf_protected(accounts_app, admin_client, client, db):
    xie = entry_id(client, "Xie Feng")
    checked = []
    for rule in form_routes(accounts_app):
        if rule.rule.startswith("/api/"):
            continue  # the API takes bearer tokens, never the session cookie
        before = fingerprint(db)
        response = admin_client.post(url_of(rule, xie), data={"reason": "x", "name": "ed"})
        assert response.status_code == 400, rule.rule
        assert "The CSRF token is missing." in response.get_data(as_text=True), rule.rule
        assert fingerprint(db) == before, rule.rule
        checked.append(rule.rule)
    assert len(checked) == 19  # every form: a new route must be seen here


def test_a_get_of_every_page_changes_nothing(accounts_app, admin_client, client, db):
    xie = entry_id(client, "Xie Feng")
    before = fingerprint(db)
    visited = []
    for rule in accounts_app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        with admin_client.get(url_of(rule, xie), query_string={"from": 1, "to": 1}) as response:
            assert response.status_code < 500, rule.rule
        visited.append(rule.rule)
    assert fingerprint(db) == before
    assert len(visited) >= 25


def test_logging_out_needs_a_post(admin_client):
    assert admin_client.get("/logout").status_code == 405
    assert admin_client.get("/admin/accounts").status_code == 200


# Links ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//example.org", None),
        ("https://exa mple.org", None),
        ("", None),
        (None, None),
    ],
)
def test_web_address(url, linked):
    assert security.web_address(url) == linked


def test_a_stored_javascript_url_is_not_linked(client, db):
    xie = entry_id(client, "Xie Feng")
    db.execute("UPDATE source SET url = 'javascript:alert(1)' WHERE entry_id = ?", [xie])
    page = html(client.get(f"/entries/{xie}"))
    assert [a["href"] for a in page.select("a[href^=javascript]")] == []
    assert page.select_one(".sources cite, cite") is not None
