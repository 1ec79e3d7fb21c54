"""Accounts and sessions: login, logout, throttling, password policy, CSRF."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from glossary import accounts, config, create_app
from glossary.store.accounts import account_by_name
from glossary.store.connection import connect
from tests.helpers import PASSWORD, csrf_token, html, login


@pytest.fixture
def database(accounts_app):
    database = connect(accounts_app.config["DATABASE"])
    yield database
    database.conn.close()


COMMON = "is too common or too easy to guess"
LONG_PASSPHRASE = ("correct horse battery staple, " * 7)[:200]
BUILT_ON_NAMES = "must not be built on the site's name or the account's name"


# Password policy: at least 8 characters, not common (zxcvbn's lists, a score of 2 or more),
# not built on the site's name or the account's.
@pytest.mark.parametrize(
    ("password", "name", "problem"),
    [
        ("short", "ed", "must be at least 8 characters long"),
        ("x" * 201, "ed", "must be at most 200 characters long"),
        # a long passphrase, up to 200 characters (zxcvbn judges its first 72)
        (LONG_PASSPHRASE, "ed", None),
        (LONG_PASSPHRASE[:73], "ed", None),
        # zxcvbn scores these 1: guessed within a million guesses
        ("password1", "ed", COMMON),
        ("qwertyuiop", "ed", COMMON),
        ("12345678", "ed", COMMON),
        ("Password1!", "ed", COMMON),
        ("football1", "ed", COMMON),
        ("letmein99", "ed", COMMON),
        # the names an attacker tries first
        ("Glossary2026", "ed", COMMON),
        ("glossary-admin", "admin", BUILT_ON_NAMES),
        ("glossary-admin", "adm", BUILT_ON_NAMES),
        ("margaret-glossary", "margaret", BUILT_ON_NAMES),
        ("Margaret_1987!", "margaret", BUILT_ON_NAMES),
        ("Kai_1987!", "kai", BUILT_ON_NAMES),  # a name of three letters counts
        ("qixuan-nauxiq", "qixuan", BUILT_ON_NAMES),  # the rest is the name backwards
        (PASSWORD, "ed", None),
        ("purple123!", "ed", None),  # zxcvbn scores it 2, the lowest accepted
        ("Tr0ub4dor&3-glossary", "ed", None),
        ("correct horse glossary battery", "ed", None),
    ],
)
def test_password_policy(password, name, problem):
    assert accounts.password_problem(password, name) == problem


# Account names: letters, digits, dots, hyphens, underscores, with a letter or digit among them.
@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("ed", None),
        ("li.wei", None),
        ("_7", None),
        ("王伟", None),
        (".", "must have at least one letter or digit"),
        ("..", "must have at least one letter or digit"),
        ("-", "must have at least one letter or digit"),
        ("_.-", "must have at least one letter or digit"),
        ("", "must be 1 to 50 letters, digits, dots, hyphens or underscores"),
        ("a/b", "must be 1 to 50 letters, digits, dots, hyphens or underscores"),
        ("x" * 51, "must be 1 to 50 letters, digits, dots, hyphens or underscores"),
    ],
)
def test_account_names(name, problem):
    assert accounts.name_problem(name) == problem


def test_an_account_named_dot_dot_is_refused(database):
    with pytest.raises(accounts.AccountError, match=r"Name must have at least one letter"):
        accounts.add_account(database, "..", "editor", PASSWORD)


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        ("li", "owner", PASSWORD, "Role must be one of editor, reviewer, admin."),
        ("ed", "editor", PASSWORD, "An account named ed exists already."),
        # built on the new account's own name
        (
            "margaret",
            "editor",
            "Margaret_1987!",
            "Password must not be built on the site's name or the account's name.",
        ),
    ],
)
def test_a_new_account_is_refused_with_the_reason(database, name, role, password, message):
    with pytest.raises(accounts.AccountError) as refused:
        accounts.add_account(database, name, role, password)
    assert str(refused.value) == message
    assert database.execute("SELECT count(*) FROM account").fetchone()[0] == 3  # ed, rev, adm


def test_passwords_are_stored_with_a_slow_kdf(database):
    row = database.execute("SELECT password_hash FROM account WHERE name = 'ed'").fetchone()
    assert row[0].startswith("scrypt:")
    assert PASSWORD not in row[0]


def test_no_account_exists_by_default(app):
    database = connect(app.config["DATABASE"])
    assert database.execute("SELECT count(*) FROM account").fetchone()[0] == 0
    database.conn.close()


def test_login_page_has_a_csrf_protected_form(client):
    page = html(client.get("/login"))
    assert page.h1.get_text() == "Log in"
    assert page.select_one("form input[name=csrf_token]")["value"]


def test_login_without_csrf_token_is_refused(accounts_app):
    client = accounts_app.test_client()
    response = client.post("/login", data={"name": "ed", "password": PASSWORD})
    assert response.status_code == 400
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_login_and_logout(accounts_app):
    client = accounts_app.test_client()
    response = login(client, "ed")
    assert response.status_code == 302 and response.location == "/"
    page = html(client.get("/"))
    assert page.select_one(".account .who").get_text(" ", strip=True) == "ed (editor)"
    token = csrf_token(client, "/")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert html(client.get("/")).select_one(".account a[href^='/login']") is not None


def test_login_redirects_to_next_on_this_site_only(accounts_app):
    client = accounts_app.test_client()
    response = client.post(
        "/login?next=/search%3Fq%3Dxie",
        data={
            "name": "ed",
            "password": PASSWORD,
            "csrf_token": csrf_token(client, "/login?next=/search%3Fq%3Dxie"),
        },
    )
    assert response.location == "/search?q=xie"
    other = accounts_app.test_client()
    response = other.post(
        "/login",
        data={
            "name": "ed",
            "password": PASSWORD,
            "next": "//evil.example/",
            "csrf_token": csrf_token(other),
        },
    )
    assert response.location == "/"


@pytest.mark.parametrize(
    "next_path",
    [
        "/%09/evil.example",  # a tab, which URL parsing drops: "//evil.example"
        "/%0A/evil.example",
        "/%0D/evil.example",
        "/%0D%0ALocation:%20https://evil.example",
        "/%00/evil.example",
        "/%1B/evil.example",
        "%09//evil.example",
        "/%5C/evil.example",  # a backslash, which browsers read as a slash
        "https://evil.example/",
    ],
)
def test_login_never_redirects_off_the_site(accounts_app, next_path):
    client = accounts_app.test_client()
    response = client.post(
        f"/login?next={next_path}",
        data={"name": "ed", "password": PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert (response.status_code, response.headers["Location"]) == (302, "/")


def test_login_redirects_to_a_path_with_chinese_characters(accounts_app):
    client = accounts_app.test_client()
    response = client.post(
        "/login?next=/search%3Fq%3D%E8%B0%A2",
        data={"name": "ed", "password": PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert response.headers["Location"] == "/search?q=%E8%B0%A2"


def test_wrong_password_is_refused_with_a_message(accounts_app):
    client = accounts_app.test_client()
    response = login(client, "ed", "wrong password here")
    assert response.status_code == 401
    assert html(response).select_one(".form-error").get_text() == "Wrong name or password."


def test_a_new_session_at_login(accounts_app):
    client = accounts_app.test_client()
    csrf_token(client)
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    login(client, "ed")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"].partition(":")[2]  # "id:session token"


def logged_in_as(client) -> str | None:
    who = html(client.get("/")).select_one(".account .who")
    return who.get_text(" ", strip=True) if who else None


def test_a_session_ends_after_the_idle_days_without_a_request(accounts_app, monkeypatch):
    from itsdangerous import TimestampSigner

    day = 24 * 60 * 60
    start = TimestampSigner.get_timestamp(None)
    clock = {"now": start}
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: clock["now"])
    assert accounts_app.config["SESSION_IDLE_DAYS"] == 14
    client = accounts_app.test_client()
    login(client, "ed")
    clock["now"] = start + 13 * day
    assert logged_in_as(client) == "ed (editor)"  # and the request renews the session
    clock["now"] = start + 26 * day
    assert logged_in_as(client) == "ed (editor)"
    clock["now"] = start + 41 * day
    assert logged_in_as(client) is None


@pytest.mark.parametrize(("value", "days"), [("1", 1.0), ("0.5", 0.5), ("30", 30.0)])
def test_the_idle_days_from_the_environment(tmp_path, value, days):
    settings = config.from_environment({"GLOSSARY_SESSION_IDLE_DAYS": value})
    app = create_app({"DATABASE": str(tmp_path / "g.db"), "SECRET_KEY": "x", **settings})
    assert app.permanent_session_lifetime.total_seconds() == days * 24 * 60 * 60


@pytest.mark.parametrize("value", ["0", "-1", "forever", "4000"])
def test_wrong_idle_days_stop_the_start_with_a_message(tmp_path, monkeypatch, value):
    monkeypatch.setenv("GLOSSARY_SESSION_IDLE_DAYS", value)
    with pytest.raises(ValueError, match="GLOSSARY_SESSION_IDLE_DAYS must be days"):
        create_app({"DATABASE": str(tmp_path / "g.db"), "SECRET_KEY": "x"})


def test_logout_ends_the_session_even_for_a_copied_cookie(accounts_app):
    client = accounts_app.test_client()
    login(client, "ed")
    with client.session_transaction() as session:
        stolen = dict(session)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    thief = accounts_app.test_client()
    with thief.session_transaction() as session:
        session.update(stolen)
    assert html(thief.get("/")).select_one(".account .who") is None


def test_throttling_delays_a_name_from_an_address_after_five_failures(accounts_app, monkeypatch):
    # The clock stands still, so that a slow machine does not take a second off the wait.
    monkeypatch.setattr(accounts.time, "time", lambda: 1_000_000.0)
    client = accounts_app.test_client()
    for _ in range(accounts.FREE_FAILURES):
        assert login(client, "ed", "not the password").status_code == 401
    response = login(client, "ed")  # from here, even the right password waits now
    assert response.status_code == 429
    assert html(response).select_one(".form-error").get_text() == (
        "Too many failed logins for this name from here. Try again in 15 s."
    )


def failures(database, name: str, address: str, count: int, at: float = 1000.0) -> float:
    """Fail to log in as name from address count times, each once it may; return when the last
    failure was."""
    for number in range(count):
        if number:
            at += accounts.MAX_DELAY
        with pytest.raises(accounts.AccountError) as refused:
            accounts.authenticate(database, name, "not the password", address, at=at)
        assert type(refused.value) is accounts.AccountError  # wrong, not throttled
    return at


def test_nobody_can_lock_the_right_password_out_from_elsewhere(database):
    failures(database, "ed", "10.0.0.9", 10)
    assert accounts.authenticate(database, "ed", PASSWORD, "10.0.0.8", at=1001.0).name == "ed"


def test_many_names_from_one_address_do_not_throttle_another_name(database):
    for attempt in range(25):
        failures(database, f"nobody{attempt}", "10.0.0.9", 1)
    assert accounts.authenticate(database, "ed", PASSWORD, "10.0.0.9", at=1001.0).name == "ed"


# Each failure past the fifth doubles the wait, up to 15 minutes.
@pytest.mark.parametrize(
    ("failed", "wait"),
    [(0, 0), (4, 0), (5, 15), (6, 30), (7, 60), (10, 480), (11, 900), (12, 900), (1000, 900)],
)
def test_the_delay_grows_with_each_failure(failed, wait):
    assert accounts.delay(failed) == wait


def test_a_throttled_attempt_may_try_again_once_the_delay_has_passed(database):
    last = failures(database, "ed", "10.0.0.9", accounts.FREE_FAILURES)
    with pytest.raises(accounts.Throttled) as throttled:
        accounts.authenticate(database, "ed", PASSWORD, "10.0.0.9", at=last + 10)
    assert throttled.value.values == {"seconds": 5}
    assert accounts.authenticate(database, "ed", PASSWORD, "10.0.0.9", at=last + 15).name == "ed"


def test_the_wait_is_rounded_up_to_a_whole_second(database):
    last = failures(database, "ed", "10.0.0.9", accounts.FREE_FAILURES)
    with pytest.raises(accounts.Throttled) as throttled:
        accounts.authenticate(database, "ed", PASSWORD, "10.0.0.9", at=last + 14.5)
    assert throttled.value.values == {"seconds": 1}


def test_failed_logins_are_forgotten_once_more_than_a_day_old(database):
    failures(database, "ed", "10.0.0.9", 1, at=1000.0)
    failures(database, "nobody", "10.0.0.8", 1, at=1000.0 + 24 * 60 * 60)
    remembered = "SELECT name FROM login_failure ORDER BY at"
    assert [row[0] for row in database.execute(remembered)] == ["ed", "nobody"]  # a day: kept
    failures(database, "nobody", "10.0.0.8", 1, at=1001.0 + 24 * 60 * 60)
    assert [row[0] for row in database.execute(remembered)] == ["nobody", "nobody"]


# A refused login says the same whatever was wrong: it never tells which names exist.
@pytest.mark.parametrize(
    ("name", "password"),
    [
        ("ed", "not the password"),
        ("nobody", PASSWORD),
        ("ed\x1b", PASSWORD),  # a name no account can have
        ("disabled", PASSWORD),
    ],
)
def test_a_refused_login_never_says_whether_the_name_exists(database, name, password):
    accounts.add_account(database, "disabled", "editor", PASSWORD)
    accounts.set_disabled(database, "disabled", True)
    with pytest.raises(accounts.AccountError) as refused:
        accounts.authenticate(database, name, password, "10.0.0.9", at=1000.0)
    assert str(refused.value) == "Wrong name or password."


def test_a_successful_login_clears_the_failures(database):
    last = failures(database, "ed", "10.0.0.9", accounts.FREE_FAILURES - 1)
    assert accounts.authenticate(database, "ed", PASSWORD, "10.0.0.9", at=last).name == "ed"
    failures(database, "ed", "10.0.0.9", accounts.FREE_FAILURES, at=last)  # none throttled
    count = "SELECT count(*) FROM login_failure WHERE name = 'ed'"
    assert database.execute(count).fetchone()[0] == accounts.FREE_FAILURES


def test_attempts_at_once_are_counted_before_any_is_checked(accounts_app):
    """Each attempt is recorded before its password is checked, in the transaction that counts
    the others: eight guesses at once get five answers and three waits, not eight answers."""
    barrier = threading.Barrier(8)

    def guess(number: int) -> str:
        database = connect(accounts_app.config["DATABASE"])
        try:
            barrier.wait()
            accounts.authenticate(database, "ed", f"guess {number}", "10.0.0.9", at=1000.0)
        except accounts.Throttled:
            return "throttled"
        except accounts.AccountError:
            return "wrong"
        finally:
            database.conn.close()
        return "in"

    with ThreadPoolExecutor(8) as pool:
        outcomes = sorted(pool.map(guess, range(8)))
    assert outcomes == ["throttled"] * 3 + ["wrong"] * 5


def test_a_disabled_account_cannot_log_in(accounts_app, database):
    accounts.set_disabled(database, "ed", True)
    assert login(accounts_app.test_client(), "ed").status_code == 401


def test_disabling_ends_the_sessions_for_good(accounts_app, database):
    """A cookie from before an account was disabled (perhaps stolen) does not work again once
    the account is enabled."""
    client = accounts_app.test_client()
    login(client, "ed")
    accounts.set_disabled(database, "ed", True)
    assert logged_in_as(client) is None
    accounts.set_disabled(database, "ed", False)
    assert logged_in_as(client) is None
    assert login(accounts_app.test_client(), "ed").status_code == 302  # a new login works


def test_disabling_revokes_the_api_tokens_for_good(database):
    token = accounts.issue_token(database, "ed")
    accounts.set_disabled(database, "ed", True)
    assert accounts.account_for_token(database, token) is None
    accounts.set_disabled(database, "ed", False)
    assert accounts.account_for_token(database, token) is None


def session_id(database, name: str) -> str:
    row = account_by_name(database, name)
    return f"{row['id']}:{row['session_token']}"


def test_a_session_token_is_128_random_bits_new_at_each_change(database):
    """The token in a session's cookie: a new one when the account is made, at a new password,
    at a disable or an enable, and at logout."""
    tokens = [accounts.add_account(database, "li", "editor", PASSWORD).session_token]
    accounts.change_password(database, "li", "another fine passphrase")
    tokens.append(account_by_name(database, "li")["session_token"])
    for disabled in (True, False):
        accounts.set_disabled(database, "li", disabled)
        tokens.append(account_by_name(database, "li")["session_token"])
    accounts.end_sessions(database, account_by_name(database, "li")["id"])
    tokens.append(account_by_name(database, "li")["session_token"])
    assert all(re.fullmatch(r"[0-9a-f]{32}", token) for token in tokens), tokens
    assert len(set(tokens)) == 5


def test_a_session_loads_its_account_while_it_is_current(database):
    current = session_id(database, "ed")
    assert accounts.load_account(database, current).name == "ed"
    accounts.end_sessions(database, account_by_name(database, "ed")["id"])
    assert accounts.load_account(database, current) is None


# Session ids that load no account: not "id:token", an account that does not exist (deleted
# since, say), a token that is not the account's.
@pytest.mark.parametrize("session", ["", "1", "x:y", "999:0123456789abcdef", "1:", "-1:x"])
def test_a_session_of_no_current_account_loads_none(database, session):
    assert accounts.load_account(database, session) is None


def test_a_new_password_ends_other_sessions(accounts_app, database):
    client = accounts_app.test_client()
    login(client, "ed")
    accounts.change_password(database, "ed", "another fine passphrase")
    assert html(client.get("/")).select_one(".account .who") is None


def test_an_api_token_is_glo_and_256_random_bits(database):
    tokens = {accounts.issue_token(database, "ed") for _ in range(3)}
    assert all(re.fullmatch(r"glo_[A-Za-z0-9_-]{43}", token) for token in tokens), tokens
    assert len(tokens) == 3


def test_a_token_expires_that_many_days_from_now_in_utc_to_the_second(database):
    before = datetime.now(UTC).replace(microsecond=0)
    accounts.issue_token(database, "ed", expires_in_days=30)
    after = datetime.now(UTC)
    expires = database.execute("SELECT expires FROM api_token").fetchone()[0]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", expires), expires
    assert before + timedelta(days=30) <= datetime.fromisoformat(expires)
    assert datetime.fromisoformat(expires) <= after + timedelta(days=30)


def test_tokens_are_stored_hashed(database):
    token = accounts.issue_token(database, "ed")
    stored = [row[0] for row in database.execute("SELECT token_hash FROM api_token")]
    assert token not in stored and accounts.token_hash(token) in stored
    assert accounts.account_for_token(database, token).name == "ed"
    accounts.revoke_tokens(database, "ed")
    assert accounts.account_for_token(database, token) is None


def test_an_account_is_given_another_role(database):
    accounts.set_role(database, "ed", "admin")
    assert account_by_name(database, "ed")["role"] == "admin"
    assert account_by_name(database, "rev")["role"] == "reviewer"  # the others keep theirs


@pytest.mark.parametrize(
    ("name", "role", "message"),
    [
        ("ed", "owner", "Role must be one of editor, reviewer, admin."),
        ("nobody", "admin", "There is no account named nobody."),
    ],
)
def test_a_role_that_is_none_of_ours_or_a_name_without_an_account_is_refused(
    database, name, role, message
):
    with pytest.raises(accounts.AccountError) as refused:
        accounts.set_role(database, name, role)
    assert str(refused.value) == message
    assert account_by_name(database, "ed")["role"] == "editor"


# Who may vouch for a file's verified marks (an import's verified-by): an enabled reviewer or
# admin, named as stored.
@pytest.mark.parametrize("name", ["rev", "adm"])
def test_a_reviewer_or_an_admin_may_verify(database, name):
    assert accounts.verifier(database, name) == name


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ed", "ed is an editor: only reviewers and admins may verify."),
        ("nobody", "There is no account named nobody."),
    ],
)
def test_an_editor_or_a_name_without_an_account_may_not_verify(database, name, message):
    with pytest.raises(accounts.AccountError) as refused:
        accounts.verifier(database, name)
    assert str(refused.value) == message


def test_a_disabled_reviewer_may_not_verify(database):
    accounts.set_disabled(database, "rev", True)
    with pytest.raises(accounts.AccountError) as refused:
        accounts.verifier(database, "rev")
    assert str(refused.value) == "The account rev is disabled."
    accounts.set_disabled(database, "rev", False)
    assert accounts.verifier(database, "rev") == "rev"
