"""Accounts: roles, passwords, API tokens and login throttling, with Flask-Login sessions.

Passwords are hashed with werkzeug's scrypt (a slow KDF) and judged by zxcvbn, whose lists of
common passwords refuse "password1" and the like. API tokens are random and stored as SHA-256
hashes: a token is shown once, when it is issued.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from werkzeug.security import check_password_hash, generate_password_hash

from glossary.entries import stored_text
from glossary.messages import N_
from glossary.store import accounts as account_rows
from glossary.store.accounts import AccountRow
from glossary.store.common import transaction

if TYPE_CHECKING:
    import sqlite_utils

ROLES = ("editor", "reviewer", "admin")
MIN_PASSWORD = 8
MAX_PASSWORD = 200
MIN_SCORE = 2  # zxcvbn's: 0 and 1 are guessed within 10^6 guesses
# zxcvbn judges the first 72 characters (4.5 refuses a longer password, and takes long over
# one): what follows them only makes a password stronger.
JUDGED = 72
# What an attacker tries first with a site's accounts: its name (and the account's own).
SITE_WORDS = ("glossary",)
# Throttling, per account name and address together, so that nobody can lock anyone else out:
# a name may fail FREE_FAILURES times from an address; after that each attempt from there waits
# FIRST_DELAY seconds after the last failure, twice as long with each further failure, at most
# MAX_DELAY. Failures are remembered for a day, or until a login of the name from the address.
FREE_FAILURES = 5
FIRST_DELAY = 15
MAX_DELAY = 15 * 60
MEMORY = 24 * 60 * 60


@cache
def _dummy_hash() -> str:
    """A hash to check against when the name is unknown, so a miss costs as long as a wrong
    password (made on first use: scrypt takes a tenth of a second, too long for every start)."""
    return generate_password_hash(secrets.token_hex(16))


class AccountError(ValueError):
    """An account operation that cannot be done; the message (an English msgid) says why."""

    def __init__(self, message: str, **values: Any):
        super().__init__(message % values)
        self.message = message
        self.values = values


class Throttled(AccountError):
    """Too many failed logins lately."""


@dataclass
class Account:
    """A logged-in person (or API client) and what their role allows. It answers what
    Flask-Login asks of a user (web/login.py): a loaded account is an active, logged-in one."""

    id: int
    name: str
    role: str
    session_token: str
    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        """The session identifies the account and its current session token."""
        return f"{self.id}:{self.session_token}"

    def can(self, role: str) -> bool:
        """Tell whether this account has the given role or a higher one."""
        return ROLES.index(self.role) >= ROLES.index(role)

    @classmethod
    def from_row(cls, row: AccountRow) -> Account:
        return cls(row["id"], row["name"], row["role"], row["session_token"])


def name_problem(name: str) -> str | None:
    """Say what is wrong with an account name, or None."""
    if not re.fullmatch(r"[\w.\-]{1,50}", name):
        return N_("must be 1 to 50 letters, digits, dots, hyphens or underscores")
    if not re.search(r"[^\W_]", name):  # "." and ".." would be paths, "-" an option
        return N_("must have at least one letter or digit")
    return None


def password_problem(password: str, name: str) -> str | None:
    """Say what is wrong with a new password, or None: at least 8 characters, not common, and
    not built on the site's name or the account's."""
    if len(password) < MIN_PASSWORD:
        return N_("must be at least 8 characters long")
    if len(password) > MAX_PASSWORD:
        return N_("must be at most 200 characters long")
    words = [word for word in (name.lower(), *SITE_WORDS) if len(word) >= 3]
    if _guessable(password, words):
        return N_("is too common or too easy to guess")
    rest = re.sub("|".join(re.escape(word) for word in words), "", password, flags=re.IGNORECASE)
    if rest != password and _guessable(rest, words):
        return N_("must not be built on the site's name or the account's name")
    return None


def _guessable(password: str, words: list[str]) -> bool:
    """Tell whether zxcvbn scores a password below MIN_SCORE, knowing the words an attacker
    would try first."""
    import zxcvbn  # its word lists load on import: only when a password is set

    return int(zxcvbn.zxcvbn(password[:JUDGED], user_inputs=words)["score"]) < MIN_SCORE


def add_account(db: sqlite_utils.Database, name: str, role: str, password: str) -> Account:
    """Create an account; raise AccountError if the name, role or password will not do."""
    name = stored_text.normalise(name)
    if problem := name_problem(name):
        raise AccountError(N_("Name %(problem)s."), problem=problem)
    if role not in ROLES:
        raise AccountError(N_("Role must be one of %(roles)s."), roles=", ".join(ROLES))
    if account_rows.account_by_name(db, name):
        raise AccountError(N_("An account named %(name)s exists already."), name=name)
    if problem := password_problem(password, name):
        raise AccountError(N_("Password %(problem)s."), problem=problem)
    account_id = account_rows.insert_account(
        db, name, role, generate_password_hash(password), secrets.token_hex(16)
    )
    row = account_rows.account_by_id(db, account_id)
    assert row is not None
    return Account.from_row(row)


def _existing(db: sqlite_utils.Database, name: str) -> AccountRow:
    row = account_rows.account_by_name(db, stored_text.normalise(name))
    if row is None:
        raise AccountError(N_("There is no account named %(name)s."), name=name)
    return row


def verifier(db: sqlite_utils.Database, name: str) -> str:
    """Return the name of an enabled reviewer or admin account, who may vouch for a file's
    verified marks; raise AccountError for any other name."""
    row = _existing(db, name)
    if row["disabled"]:
        raise AccountError(N_("The account %(name)s is disabled."), name=row["name"])
    if not Account.from_row(row).can("reviewer"):
        raise AccountError(
            N_("%(name)s is an editor: only reviewers and admins may verify."), name=row["name"]
        )
    return str(row["name"])


def change_password(db: sqlite_utils.Database, name: str, password: str) -> None:
    """Set a new password, which also ends every session of the account."""
    row = _existing(db, name)
    if problem := password_problem(password, name):
        raise AccountError(N_("Password %(problem)s."), problem=problem)
    account_rows.set_account(
        db,
        row["id"],
        password_hash=generate_password_hash(password),
        session_token=secrets.token_hex(16),
    )


def set_role(db: sqlite_utils.Database, name: str, role: str) -> None:
    """Give an account another role."""
    if role not in ROLES:
        raise AccountError(N_("Role must be one of %(roles)s."), roles=", ".join(ROLES))
    account_rows.set_account(db, _existing(db, name)["id"], role=role)


def set_disabled(db: sqlite_utils.Database, name: str, disabled: bool) -> None:
    """Disable an account (ending its sessions and tokens) or enable it again."""
    row = _existing(db, name)
    account_rows.set_account(
        db, row["id"], disabled=int(disabled), session_token=secrets.token_hex(16)
    )
    if disabled:
        account_rows.revoke_tokens(db, row["id"])


def end_sessions(db: sqlite_utils.Database, account_id: int) -> None:
    """End every session of an account (at logout): the old session token no longer loads."""
    account_rows.set_account(db, account_id, session_token=secrets.token_hex(16))


def token_hash(token: str) -> str:
    """Hash an API token for storage and lookup."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(db: sqlite_utils.Database, name: str, expires_in_days: int | None = None) -> str:
    """Create a new API token for an account and return it (it is stored only hashed); with
    expires_in_days, it stops working that many days from now."""
    row = _existing(db, name)
    token = "glo_" + secrets.token_urlsafe(32)
    expires = None
    if expires_in_days is not None:
        moment = datetime.now(UTC).replace(microsecond=0) + timedelta(days=expires_in_days)
        expires = moment.isoformat().replace("+00:00", "Z")
    account_rows.insert_token(db, row["id"], token_hash(token), expires)
    return token


def revoke_tokens(db: sqlite_utils.Database, name: str) -> int:
    """Revoke every API token of an account; return how many."""
    return account_rows.revoke_tokens(db, _existing(db, name)["id"])


def account_for_token(db: sqlite_utils.Database, token: str) -> Account | None:
    """Return the account an API token belongs to, or None for an unknown or revoked token."""
    row = account_rows.account_for_token(db, token_hash(token))
    return Account.from_row(row) if row else None


def authenticate(
    db: sqlite_utils.Database, name: str, password: str, address: str, at: float | None = None
) -> Account:
    """Check a login; raise Throttled after repeated failures, AccountError when it is wrong.

    The attempt is recorded as a failure before the password is checked, in the transaction
    that counts the earlier ones: attempts at once wait their turn, and never all pass a check
    that none has yet been counted in. A successful login clears the name's failures from
    that address.
    """
    at = time.time() if at is None else at
    name = stored_text.normalise(name)
    if stored_text.problem(name):  # no account has such a name, and it is not worth storing
        raise AccountError(N_("Wrong name or password."))
    with transaction(db):
        failures, last = account_rows.login_failures(db, name, address, since=at - MEMORY)
        if last is not None and (wait := math.ceil(last + delay(failures) - at)) > 0:
            raise Throttled(
                N_("Too many failed logins for this name from here. Try again in %(seconds)s s."),
                seconds=wait,
            )
        account_rows.record_login_failure(db, name, address, at)
    row = account_rows.account_by_name(db, name)
    if row is None or row["disabled"]:
        check_password_hash(_dummy_hash(), password)
        raise AccountError(N_("Wrong name or password."))
    if not check_password_hash(row["password_hash"], password):
        raise AccountError(N_("Wrong name or password."))
    account_rows.forget_login_failures(db, name, address)
    return Account.from_row(row)


def delay(failures: int) -> float:
    """Seconds to wait after the last of so many failed logins (of one name from one address)."""
    if failures < FREE_FAILURES:
        return 0
    return float(min(MAX_DELAY, FIRST_DELAY * 2 ** min(failures - FREE_FAILURES, 20)))


def load_account(db: sqlite_utils.Database, session_id: str) -> Account | None:
    """Load the account of a session id ("id:token"), if that session is still current."""
    account_id, _, session_token = session_id.partition(":")
    if not account_id.isdigit():
        return None
    row = account_rows.account_by_id(db, int(account_id))
    if (
        row is None
        or row["disabled"]
        or not secrets.compare_digest(row["session_token"], session_token)
    ):
        return None
    return Account.from_row(row)
