"""Accounts, API tokens and failed logins."""

from __future__ import annotations

from typing import Any, TypedDict, cast

import sqlite_utils

from glossary.store.common import now

ACCOUNT_COLUMNS = "id, name, role, password_hash, session_token, disabled, created"


class AccountRow(TypedDict):
    """An account as the store keeps it."""

    id: int
    name: str
    role: str
    password_hash: str
    session_token: str
    disabled: int
    created: str


class AccountListed(TypedDict):
    """An account as the admin page lists it, with its live API tokens."""

    id: int
    name: str
    role: str
    disabled: int
    created: str
    tokens: int  # neither revoked nor expired
    tokens_expire: str | None  # when the first of them expires


def insert_account(
    db: sqlite_utils.Database, name: str, role: str, password_hash: str, session_token: str
) -> int:
    """Create an account; return its id. The name must be new (case-insensitive)."""
    cursor = db.execute(
        """INSERT INTO account (name, role, password_hash, session_token, created)
           VALUES (?, ?, ?, ?, ?)""",
        [name, role, password_hash, session_token, now()],
    )
    return int(cursor.lastrowid or 0)


def _one(db: sqlite_utils.Database, where: str, value: Any) -> AccountRow | None:
    rows = list(db.query(f"SELECT {ACCOUNT_COLUMNS} FROM account WHERE {where}", [value]))
    return cast(AccountRow, rows[0]) if rows else None


def account_by_name(db: sqlite_utils.Database, name: str) -> AccountRow | None:
    """Return the account with this name (case-insensitive), or None."""
    return _one(db, "name = ?", name)


def account_by_id(db: sqlite_utils.Database, account_id: int) -> AccountRow | None:
    """Return the account with this id, or None."""
    return _one(db, "id = ?", account_id)


LIVE_TOKEN = "t.revoked IS NULL AND (t.expires IS NULL OR t.expires > ?)"


def accounts(db: sqlite_utils.Database) -> list[AccountListed]:
    """Return every account, by name, with how many live API tokens each has (neither revoked
    nor expired) and when the first of them to expire does (None if none will)."""
    return cast(
        list[AccountListed],
        list(
            db.query(
                f"""SELECT a.id, a.name, a.role, a.disabled, a.created,
                      (SELECT count(*) FROM api_token t
                       WHERE t.account_id = a.id AND {LIVE_TOKEN}) AS tokens,
                      (SELECT min(t.expires) FROM api_token t
                       WHERE t.account_id = a.id AND {LIVE_TOKEN}) AS tokens_expire
               FROM account a ORDER BY a.name COLLATE NOCASE""",
                [now(), now()],
            )
        ),
    )


def set_account(db: sqlite_utils.Database, account_id: int, **changes: Any) -> None:
    """Change some of an account's role, password_hash, session_token and disabled."""
    allowed = {"role", "password_hash", "session_token", "disabled"}
    assert set(changes) <= allowed, set(changes) - allowed
    assignments = ", ".join(f"{name} = ?" for name in changes)
    db.execute(f"UPDATE account SET {assignments} WHERE id = ?", [*changes.values(), account_id])


def insert_token(
    db: sqlite_utils.Database, account_id: int, token_hash: str, expires: str | None = None
) -> None:
    """Store the hash of a new API token for an account, and when it expires (or None)."""
    db.execute(
        "INSERT INTO api_token (account_id, token_hash, created, expires) VALUES (?, ?, ?, ?)",
        [account_id, token_hash, now(), expires],
    )


def revoke_tokens(db: sqlite_utils.Database, account_id: int) -> int:
    """Revoke every live API token of an account; return how many were revoked."""
    cursor = db.execute(
        "UPDATE api_token SET revoked = ? WHERE account_id = ? AND revoked IS NULL",
        [now(), account_id],
    )
    return cursor.rowcount


def account_for_token(db: sqlite_utils.Database, token_hash: str) -> AccountRow | None:
    """Return the enabled account that owns a live token (neither revoked nor expired) with
    this hash, or None."""
    rows = list(
        db.query(
            f"""SELECT {", ".join("a." + c for c in ACCOUNT_COLUMNS.split(", "))}
                FROM api_token t JOIN account a ON a.id = t.account_id
                WHERE t.token_hash = ? AND {LIVE_TOKEN} AND NOT a.disabled""",
            [token_hash, now()],
        )
    )
    return cast(AccountRow, rows[0]) if rows else None


def record_login_failure(db: sqlite_utils.Database, name: str, address: str, at: float) -> None:
    """Remember a login attempt as failed, for throttling (until it succeeds); forget those older
    than a day."""
    db.execute(
        "INSERT INTO login_failure (name, address, at) VALUES (?, ?, ?)", [name, address, at]
    )
    db.execute("DELETE FROM login_failure WHERE at < ?", [at - 86400])


def login_failures(
    db: sqlite_utils.Database, name: str, address: str, *, since: float
) -> tuple[int, float | None]:
    """Count the failed logins of a name from an address since a time; return the count and
    when the latest was (None if there was none)."""
    row = db.execute(
        """SELECT count(*), max(at) FROM login_failure
           WHERE name = ? AND address = ? AND at >= ?""",
        [name, address, since],
    ).fetchone()
    return int(row[0]), row[1]


def forget_login_failures(db: sqlite_utils.Database, name: str, address: str) -> None:
    """Clear the failed logins of a name from an address, after a successful one."""
    db.execute("DELETE FROM login_failure WHERE name = ? AND address = ?", [name, address])
