"""Who may do what: every write route, form and API, for anonymous, editor, reviewer and admin."""

from __future__ import annotations

import pytest

from tests.helpers import api_token, csrf_token, entry_id, login

IDENTITIES = ("anonymous", "editor", "reviewer", "admin")
ACCOUNT = {"editor": "ed", "reviewer": "rev", "admin": "adm"}
RANK = {"anonymous": 0, "editor": 1, "reviewer": 2, "admin": 3}

# (method, path, least role); {id} is the Xie Feng entry.
PAGES = [
    ("GET", "/entries/new", "editor"),
    ("POST", "/entries/new", "editor"),
    ("GET", "/entries/{id}/edit", "editor"),
    ("POST", "/entries/{id}/edit", "editor"),
    ("POST", "/entries/{id}/revert", "editor"),
    ("POST", "/entries/{id}/delete", "editor"),
    ("POST", "/entries/{id}/restore", "reviewer"),
    ("POST", "/entries/{id}/verify", "reviewer"),
    ("GET", "/review", "reviewer"),
    ("GET", "/admin/accounts", "admin"),
    ("POST", "/admin/accounts", "admin"),
    ("POST", "/admin/accounts/ed/role", "admin"),
    ("POST", "/admin/accounts/ed/disable", "admin"),
    ("POST", "/admin/accounts/ed/enable", "admin"),
    ("POST", "/admin/accounts/ed/revoke-tokens", "admin"),
    ("POST", "/read/drafts", "editor"),
    ("GET", "/read/created", "editor"),
]
API = [
    ("POST", "/api/entries", "editor"),
    ("PUT", "/api/entries/{id}", "editor"),
    ("DELETE", "/api/entries/{id}", "editor"),
    ("POST", "/api/entries/{id}/verify", "reviewer"),
    ("POST", "/api/entries/{id}/restore", "reviewer"),
]


def revision_of(client, xie: int) -> int:
    return client.get(f"/api/entries/{xie}").get_json()["revision"]


@pytest.mark.parametrize("identity", IDENTITIES)
@pytest.mark.parametrize(("method", "path", "least"), PAGES)
def test_pages(accounts_app, identity, method, path, least):
    client = accounts_app.test_client()
    xie = entry_id(client, "Xie Feng")
    if identity != "anonymous":
        login(client, ACCOUNT[identity])
    url = path.format(id=xie)
    before = revision_of(client, xie)
    token_page = "/login" if identity == "anonymous" else "/"
    data = {"csrf_token": csrf_token(client, token_page)} if method == "POST" else None
    response = client.open(url, method=method, data=data)
    if identity == "anonymous":
        assert response.status_code == 302
        assert response.location.startswith("/login?next=")
    elif RANK[identity] < RANK[least]:
        assert response.status_code == 403
    else:
        assert response.status_code not in (401, 403), response.status_code
        assert not (response.status_code == 302 and "/login" in response.location)
    if identity == "anonymous" or RANK[identity] < RANK[least]:
        assert revision_of(client, xie) == before  # refused: nothing changed


@pytest.mark.parametrize("identity", IDENTITIES)
@pytest.mark.parametrize(("method", "path", "least"), API)
def test_api(accounts_app, identity, method, path, least):
    client = accounts_app.test_client()
    xie = entry_id(client, "Xie Feng")
    headers = {}
    if identity != "anonymous":
        headers["Authorization"] = f"Bearer {api_token(accounts_app, ACCOUNT[identity])}"
    before = revision_of(client, xie)
    response = client.open(path.format(id=xie), method=method, json={}, headers=headers)
    if identity == "anonymous":
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    elif RANK[identity] < RANK[least]:
        assert response.status_code == 403
    else:
        assert response.status_code not in (401, 403), response.get_json()
    if identity == "anonymous" or RANK[identity] < RANK[least]:
        assert revision_of(client, xie) == before


@pytest.mark.parametrize(("method", "path", "least"), [p for p in PAGES if p[0] == "POST"])
def test_every_form_post_needs_a_csrf_token(admin_client, method, path, least):
    xie = entry_id(admin_client, "Xie Feng")
    response = admin_client.post(path.format(id=xie), data={})
    assert response.status_code == 400


def test_a_session_cookie_does_not_authenticate_the_api(editor_client):
    response = editor_client.post("/api/entries", json={})
    assert response.status_code == 401
