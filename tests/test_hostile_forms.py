"""Hostile input, a property suite: every form (login, entry, review, accounts, import) answers
arbitrary Unicode and bytes in every field with its page, a redirect or a 4xx that says why:
never a 5xx, never a traceback, never a change without a valid form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import TEXT, WIRE
from tests.helpers import PROPERTY, assert_answered, csrf_token, encoded, entry_id, html

ENTRY_FIELDS = [
    "kind",
    "english",
    "simplified",
    "traditional",
    "pinyin",
    "romanization",
    "romanization_system",
    "description",
    "notes",
    "aliases",
    "tags",
    "status",
    "comment",
    "add",
    "revision",
    *(f"sources-0-{name}" for name in ("quote", "quote_zh", "title", "publisher", "url")),
    *(f"sources-0-{name}" for name in ("published", "accessed")),
    *(f"affiliations-0-{name}" for name in ("organization", "organization_id", "role", "as_of")),
    "affiliations-0-source",
    "related-0-entry",
    "related-0-entry_id",
    "sources-99-quote",
]
VALID = {
    "kind": b"term",
    "english": b"hostile form",
    "simplified": "恶意表单".encode(),
    "status": b"preferred",
    "sources-0-quote": b"A quotation.",
    "sources-0-title": b"A title",
    "sources-0-published": b"2026-05",
}


def post(client, path: str, fields: dict[str, bytes], token: str):
    """Post a form of raw bytes, with the CSRF token, as a browser encodes it."""
    body = "&".join(f"{name}={encoded(value)}" for name, value in fields.items())
    body += f"&csrf_token={token}"
    return client.post(path, data=body, content_type="application/x-www-form-urlencoded")


@pytest.fixture
def xie(client) -> int:
    return entry_id(client, "Xie Feng")


@PROPERTY
@given(st.dictionaries(st.sampled_from(ENTRY_FIELDS), WIRE, min_size=1, max_size=6))
def test_the_new_entry_form_answers_anything(editor_client, changes):
    token = csrf_token(editor_client, "/entries/new")
    response = post(editor_client, "/entries/new", {**VALID, **changes}, token)
    assert_answered(response, allowed=(200, 302, 400))
    if response.status_code == 400 and "revision" not in changes:
        errors = html(response).select(".field-error, .form-error")
        assert errors, f"a refused form says what to correct: {changes!r:.300}"


@PROPERTY
@given(st.dictionaries(st.sampled_from(ENTRY_FIELDS), WIRE, min_size=1, max_size=6))
def test_the_edit_form_answers_anything(editor_client, xie, changes):
    path = f"/entries/{xie}/edit"
    token = csrf_token(editor_client, path)
    revision = str(editor_client.get(f"/api/entries/{xie}").get_json()["revision"]).encode()
    response = post(editor_client, path, {**VALID, "revision": revision, **changes}, token)
    assert_answered(response, allowed=(200, 302, 400, 409))


@PROPERTY
@given(WIRE, WIRE, st.sampled_from(["", "next"]), WIRE)
def test_the_login_form_answers_anything(accounts_app, name, password, extra, value):
    client = accounts_app.test_client()
    fields = {"name": name, "password": password, **({extra: value} if extra else {})}
    response = post(client, "/login", fields, csrf_token(client))
    assert_answered(response, allowed=(302, 400, 401, 429))


REVIEW_FORMS = [
    ("/entries/{id}/delete", ("reason", "revision")),
    ("/entries/{id}/restore", ("comment",)),
    ("/entries/{id}/verify", ("revision", "next")),
    ("/entries/{id}/revert", ("to", "revision")),
]


@pytest.mark.parametrize(("path", "names"), REVIEW_FORMS)
def test_the_review_forms_answer_anything(admin_client, xie, path, names):
    url = path.format(id=xie)
    token = csrf_token(admin_client, f"/entries/{xie}")

    @PROPERTY
    @given(st.dictionaries(st.sampled_from(names), WIRE))
    def check(fields):
        response = post(admin_client, url, fields, token)
        assert_answered(response, allowed=(302, 400, 404, 409))

    check()


ACCOUNT_FORMS = [
    ("/admin/accounts", ("name", "role", "password", "confirm")),
    ("/admin/accounts/{name}/role", ("role",)),
    ("/admin/accounts/{name}/disable", ()),
    ("/admin/accounts/{name}/revoke-tokens", ()),
]


@pytest.mark.parametrize(("path", "names"), ACCOUNT_FORMS)
def test_the_account_forms_answer_anything(admin_client, path, names):
    token = csrf_token(admin_client, "/admin/accounts")

    @PROPERTY
    @given(TEXT, st.dictionaries(st.sampled_from(names or ("x",)), WIRE))
    def check(name, fields):
        segment = encoded(name.encode("utf-8", "surrogatepass")) or "x"
        response = post(admin_client, path.replace("{name}", segment), fields, token)
        assert_answered(response, allowed=(200, 302, 400, 404))

    check()


@PROPERTY
@given(
    st.binary(max_size=2000),
    TEXT.filter(lambda t: '"' not in t and "\r" not in t and "\n" not in t),
    st.sampled_from(["", "json", "csv", "tbx", "tsv", "xml", "x" * 300]),
    st.sampled_from(["skip", "merge", "replace", "", "all"]),
)
def test_the_import_upload_answers_any_file(
    editor_client, tmp_path, content, filename, format_, duplicate
):
    editor_client.application.config["IMPORT_FOLDER"] = str(tmp_path / "imports")
    token = csrf_token(editor_client, "/import")
    name = filename.encode("utf-8", "surrogatepass")
    body = (
        b'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
        + token.encode()
        + b'\r\n--b\r\nContent-Disposition: form-data; name="format"\r\n\r\n'
        + format_.encode()
        + b'\r\n--b\r\nContent-Disposition: form-data; name="on_duplicate"\r\n\r\n'
        + duplicate.encode()
        + b'\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="'
        + name
        + b'"\r\n\r\n'
        + content
        + b"\r\n--b--\r\n"
    )
    response = editor_client.post(
        "/import", data=body, content_type="multipart/form-data; boundary=b"
    )
    assert_answered(response, allowed=(200, 400))


@PROPERTY
@given(WIRE)
def test_the_import_confirmation_answers_any_upload_name(editor_client, tmp_path, upload):
    editor_client.application.config["IMPORT_FOLDER"] = str(tmp_path / "imports")
    token = csrf_token(editor_client, "/import")
    response = post(editor_client, "/import/confirm", {"upload": upload}, token)
    assert_answered(response, allowed=(302, 400))


# Reading an article, and creating its drafts -------------------------------------------------

DRAFT_FIELDS = [
    "title",
    "publisher",
    "url",
    "published",
    *(
        f"drafts-{row}-{name}"
        for row in (0, 1, 299, 300)
        for name in ("selected", "action", "kind", "english", "simplified", "traditional")
    ),
    *(f"drafts-0-{name}" for name in ("pinyin", "romanization", "affiliation", "aliases")),
    *(f"drafts-0-{name}" for name in ("quote", "organization_id", "existing_entry_id")),
]
DRAFT = {
    "title": b"An article",
    "published": b"2026-05",
    "drafts-0-selected": b"y",
    "drafts-0-action": b"new",
    "drafts-0-kind": b"person",
    "drafts-0-english": b"Zhou Bowen",
    "drafts-0-simplified": "周伯文".encode(),
    "drafts-0-quote": b"ZHOU Bowen spoke.",
}


@PROPERTY
@given(WIRE, st.binary(max_size=300), TEXT.filter(lambda t: '"' not in t and "\n" not in t))
def test_the_article_form_answers_anything(client, text, content, filename):
    token = csrf_token(client, "/read")
    response = post(client, "/read", {"text": text}, token)
    assert_answered(response, allowed=(200, 400, 413))
    body = (
        b'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
        + token.encode()
        + b'\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="'
        + filename.encode("utf-8", "surrogatepass")
        + b'"\r\n\r\n'
        + content
        + b"\r\n--b--\r\n"
    )
    response = client.post("/read", data=body, content_type="multipart/form-data; boundary=b")
    assert_answered(response, allowed=(200, 400, 413))


@PROPERTY
@given(st.dictionaries(st.sampled_from(DRAFT_FIELDS), WIRE, min_size=1, max_size=6))
def test_the_drafts_form_answers_anything(editor_client, changes):
    token = csrf_token(editor_client, "/read")
    response = post(editor_client, "/read/drafts", {**DRAFT, **changes}, token)
    assert_answered(response, allowed=(302, 400, 409))
    if response.status_code == 400:
        errors = html(response).select(".field-error, .form-error")
        assert errors, f"a refused form says what to correct: {changes!r:.300}"
