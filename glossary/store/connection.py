"""Connections to the SQLite database: opened, migrated, and kept one per thread."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import sqlite_utils

from glossary import config
from glossary.store.common import Database, create_private
from glossary.store.entries import refresh_search_keys
from glossary.store.schema import migrate


def connect(path: str) -> sqlite_utils.Database:
    """Open the database at path, create or migrate its schema, and return it."""
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        create_private(path)  # a new database (and its -wal, -shm) is the owner's alone
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    database = Database(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 30000")
    # Up to 32 MiB of pages kept by each connection (SQLite's default is 2 MiB). With the
    # dictionary loaded, searching reads more than 2 MiB of pages: at the default, the
    # benchmark's mix read about 12 pages a search again from the operating system, at 16
    # MiB none. The pages are only kept as they are read, so a small database uses little.
    conn.execute("PRAGMA cache_size = -32768")
    if path != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: each commit is on disk before the editor is told it is saved, power cut or not
        # (NORMAL may lose the last commits in a power cut). See SECURITY.md, "Durability".
        conn.execute("PRAGMA synchronous = FULL")
        if config.value("CHECKPOINTS") == "litestream":
            # Litestream replicates the database (glossary serve --replicate, or its own
            # service): it checkpoints the log once it has copied it. A checkpoint of ours
            # while it lets go of the log could make it start again from a full snapshot.
            conn.execute("PRAGMA wal_autocheckpoint = 0")
    migrate(database)
    refresh_search_keys(database)
    return database


class _Kept(threading.local):
    """The connection this thread keeps open, and which file (and process) it is for."""

    path: str | None = None
    identity: tuple[int, int, int] | None = None
    database: sqlite_utils.Database | None = None


_kept = _Kept()


def _identity(path: str) -> tuple[int, int, int] | None:
    """The process and the file (device, inode) a connection to path is for; None if absent."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return os.getpid(), status.st_dev, status.st_ino


def kept_connection(path: str) -> sqlite_utils.Database:
    """Return the connection this thread keeps to the database at path, opening it first if
    it has none, or one to another file, or the file was replaced, or the process forked."""
    identity = _identity(path)
    if _kept.database is None or _kept.path != path or identity != _kept.identity:
        if _kept.database is not None:
            _kept.database.conn.close()
            _kept.database = None
        _kept.database = connect(path)
        _kept.path, _kept.identity = path, _identity(path)
    return _kept.database
