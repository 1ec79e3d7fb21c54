"""The accounts page (/admin/accounts): admins list, create and change accounts; CSRF on."""

from __future__ import annotations

import pytest

from glossary import accounts
from glossary.store.connection import connect
from glossary.web.views import admin
from tests.helpers import PASSWORD, api_token, csrf_token, html, login

PAGE = "/admin/accounts"


def rows(response) -> list[tuple[str, ...]]:
    """The accounts table as a person reads it: name, role, state, tokens."""
    return [
        tuple(
            row.select_one(selector).get_text(" ", strip=True)
            for selector in (".name", ".role", ".state", ".tokens")
        )
        for row in html(response).select("table.accounts tbody tr")
    ]


def post(client, path: str, **data):
    """Post a form from the accounts page, with its CSRF token."""
    return client.post(path, data={"csrf_token": csrf_token(client, PAGE), **data})


def flashes(response) -> list[str]:
    return [p.get_text(strip=True) for p in html(response).select(".flash")]


def new_account(client, **fields):
    data = {"name": "tr", "role": "editor", "password": PASSWORD, "confirm": PASSWORD}
    return post(client, PAGE, **{**data, **fields})


def field_errors(response) -> dict[str, str]:
    return {
        p["id"].removesuffix("-error"): p.get_text(strip=True)
        for p in html(response).select("form.new-account .field-error")
    }


# Who may see it ----------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_log_in(accounts_app):
    response = accounts_app.test_client().get(PAGE)
    assert response.status_code == 302
    assert response.location == "/login?next=%2Fadmin%2Faccounts"


@pytest.mark.parametrize("who", ["editor_client", "reviewer_client"])
def test_editors_and_reviewers_are_refused(request, who):
    client = request.getfixturevalue(who)
    assert client.get(PAGE).status_code == 403
    assert new_account(client).status_code == 403
    assert post(client, "/admin/accounts/ed/disable").status_code == 403


def test_the_header_links_to_accounts_for_admins_only(admin_client, editor_client):
    link = html(admin_client.get("/")).select_one("nav.account a[href='/admin/accounts']")
    assert link.get_text() == "Accounts"
    assert html(editor_client.get("/")).select_one("a[href='/admin/accounts']") is None


def test_the_list(accounts_app, admin_client):
    api_token(accounts_app, "ed")
    response = admin_client.get(PAGE)
    assert response.status_code == 200
    assert html(response).h1.get_text() == "Accounts"
    assert rows(response) == [
        ("adm (you)", "administrator", "active", "0"),
        ("ed", "editor", "active", "1"),
        ("rev", "reviewer", "active", "0"),
    ]


def test_an_admin_cannot_change_their_own_account_here(admin_client):
    own = html(admin_client.get(PAGE)).select_one("#account-adm")
    assert own.select("form") == []
    response = post(admin_client, "/admin/accounts/adm/disable")
    assert flashes(admin_client.get(response.location)) == [
        "You cannot change your own role or disable your own account."
    ]
    post(admin_client, "/admin/accounts/ADM/role", role="editor")
    assert rows(admin_client.get(PAGE))[0] == ("adm (you)", "administrator", "active", "0")


# Creating an account -----------------------------------------------------------------------------


def test_create_an_account(accounts_app, admin_client):
    response = new_account(admin_client, role="reviewer")
    assert response.status_code == 302 and response.location == PAGE
    page = admin_client.get(PAGE)
    assert flashes(page) == ["Created the account tr (reviewer)."]
    assert ("tr", "reviewer", "active", "0") in rows(page)
    assert login(accounts_app.test_client(), "tr").status_code == 302


def test_create_needs_the_csrf_token(admin_client):
    data = {"name": "tr", "role": "editor", "password": PASSWORD, "confirm": PASSWORD}
    assert admin_client.post(PAGE, data=data).status_code == 400
    assert "tr" not in [row[0] for row in rows(admin_client.get(PAGE))]


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"password": "password1", "confirm": "password1"},
            {"password": "Password is too common or too easy to guess."},
        ),
        (
            {"password": "short", "confirm": "short"},
            {"password": "Password must be at least 8 characters long."},
        ),
        ({"confirm": "another horse battery staple"}, {"confirm": "The two passwords differ."}),
        ({"name": "ed"}, {"name": "An account named ed exists already."}),
        ({"name": "ED"}, {"name": "An account named ED exists already."}),
        (
            {"name": "two words"},
            {"name": "Name must be 1 to 50 letters, digits, dots, hyphens or underscores."},
        ),
        ({"name": ""}, {"name": "This field is required."}),
        ({"role": "emperor"}, {"role": "Not a valid choice."}),
    ],
)
def test_refusals_show_by_their_field(admin_client, fields, errors):
    response = new_account(admin_client, **fields)
    assert response.status_code == 400
    assert field_errors(response) == errors
    assert "tr" not in [row[0] for row in rows(admin_client.get(PAGE))]


def test_refusals_are_translated_with_their_reason(monkeypatch):
    monkeypatch.setattr(admin, "_", lambda message, **values: "«" + message % values + "»")
    error = accounts.AccountError(
        "Password %(problem)s.", problem="must be at least 8 characters long"
    )
    assert admin.refusal(error) == "«Password «must be at least 8 characters long».»"


# Changing an account ---------------------------------------------------------------------------


def test_change_a_role(admin_client, editor_client):
    response = post(admin_client, "/admin/accounts/ed/role", role="reviewer")
    assert response.status_code == 302
    page = admin_client.get(PAGE)
    assert flashes(page) == ["ed is now reviewer."]
    assert ("ed", "reviewer", "active", "0") in rows(page)
    who = html(editor_client.get("/")).select_one(".account .who").get_text(" ", strip=True)
    assert who == "ed (reviewer)"


def test_an_unknown_role_is_refused(admin_client):
    assert post(admin_client, "/admin/accounts/ed/role", role="emperor").status_code == 400
    assert ("ed", "editor", "active", "0") in rows(admin_client.get(PAGE))


def test_an_unknown_account_is_404(admin_client):
    assert post(admin_client, "/admin/accounts/nobody/disable").status_code == 404
    assert post(admin_client, "/admin/accounts/nobody/revoke-tokens").status_code == 404


def test_disable_ends_sessions_and_tokens_and_enable_allows_login_again(
    accounts_app, admin_client, editor_client
):
    token = api_token(accounts_app, "ed")
    assert post(admin_client, "/admin/accounts/ed/disable").status_code == 302
    page = admin_client.get(PAGE)
    assert flashes(page) == [
        "Disabled ed: its sessions have ended and its API tokens no longer work."
    ]
    assert ("ed", "editor", "disabled", "0") in rows(page)
    assert html(editor_client.get("/")).select_one(".account .who") is None
    assert login(accounts_app.test_client(), "ed").status_code == 401
    headers = {"Authorization": f"Bearer {token}"}
    assert admin_client.post("/api/entries", json={}, headers=headers).status_code == 401

    enable = html(page).select_one("#account-ed form.state-form")
    assert enable["action"] == "/admin/accounts/ed/enable"
    assert enable.button.get_text() == "Enable"
    assert post(admin_client, "/admin/accounts/ed/enable").status_code == 302
    assert ("ed", "editor", "active", "0") in rows(admin_client.get(PAGE))
    assert login(accounts_app.test_client(), "ed").status_code == 302


def test_revoke_tokens(accounts_app, admin_client):
    tokens = [api_token(accounts_app, "ed"), api_token(accounts_app, "ed")]
    button = html(admin_client.get(PAGE)).select_one("#account-ed form.tokens-form button")
    assert button.get_text() == "Revoke API tokens"
    assert post(admin_client, "/admin/accounts/ed/revoke-tokens").status_code == 302
    page = admin_client.get(PAGE)
    assert flashes(page) == ["Revoked 2 API tokens of ed."]
    assert ("ed", "editor", "active", "0") in rows(page)
    database = connect(accounts_app.config["DATABASE"])
    assert [accounts.account_for_token(database, t) for t in tokens] == [None, None]
    database.conn.close()


def test_buttons_need_the_csrf_token(admin_client):
    assert admin_client.post("/admin/accounts/ed/disable").status_code == 400
    assert admin_client.post("/admin/accounts/ed/role", data={"role": "admin"}).status_code == 400
    assert ("ed", "editor", "active", "0") in rows(admin_client.get(PAGE))
