"""The database connection of a request: the thread's kept connection, tidied at the end."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Flask, current_app, g

from glossary.store.connection import kept_connection

if TYPE_CHECKING:
    import sqlite_utils


def get_db() -> sqlite_utils.Database:
    """Return the database connection for this request.

    Each thread keeps one connection open between requests: opening one (and checking the
    schema) costs more than most searches. It is opened again when the app's database is
    another file, or the file was replaced (a restore), or the process was forked.
    """
    if "db" not in g:
        g.db = kept_connection(current_app.config["DATABASE"])
    return g.db


def close_db(exception: BaseException | None = None) -> None:
    """End this request's use of the connection; a transaction left open is rolled back."""
    database = g.pop("db", None)
    if database is not None and database.conn.in_transaction:
        database.conn.rollback()


def init_app(app: Flask) -> None:
    """Close the connection at the end of each request."""
    app.teardown_appcontext(close_db)
