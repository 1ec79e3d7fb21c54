"""Copying whole databases: a backup while the glossary serves, and a restore in one transaction.

A backup uses SQLite's online backup API in one step: one consistent snapshot, taken in a read
transaction that writers (WAL) do not wait for. A restore copies every table of a prepared
database into the live one inside one write transaction, so that every process sees either the
glossary as it was or as restored, never a mix, and a crash half-way leaves it as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from glossary.store.common import create_private

#: The tables Litestream adds to a database it replicates.
LITESTREAM_TABLES = ("_litestream_seq", "_litestream_lock")


def open_file(path: str | Path, *, read_only: bool = False) -> sqlite_utils.Database:
    """Open an existing database file as it is: no schema change, no key rebuild."""
    mode = "ro" if read_only else "rw"
    uri = f"file:{quote(str(Path(path).resolve()))}?mode={mode}"
    conn = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 30000")
    return sqlite_utils.Database(conn)


def copy_to(source: sqlite_utils.Database, target: str | Path) -> None:
    """Copy a database to the file target (which must not exist) as one consistent snapshot;
    the copy keeps no write-ahead log beside it: it is one self-contained file, which only its
    owner may read."""
    create_private(target)
    conn = sqlite3.connect(str(target), isolation_level=None)
    try:
        source.conn.backup(conn)  # pages=-1: every page in one step, from one snapshot
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


def schema_facts(db: sqlite_utils.Database) -> tuple[int, set[str]]:
    """The schema version recorded in a database and the names of its tables."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return version, tables


def row_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """How many entries, revisions and accounts a database holds."""
    return {
        table: int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in ("entry", "revision", "account")
    }


def _copied_tables(db: sqlite_utils.Database) -> list[tuple[str, list[str]]]:
    """The tables whose rows a restore copies, with their columns: every ordinary table, the
    full-text indexes' own tables included (so an index comes back exactly as it was backed
    up), but not the virtual tables that read them, nor Litestream's own (_litestream_seq,
    _litestream_lock: its bookkeeping for the database it replicates, not the glossary's)."""
    tables = []
    for name, sql in db.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall():
        if sql.upper().startswith("CREATE VIRTUAL TABLE") or name in LITESTREAM_TABLES:
            continue
        columns = [row[1] for row in db.execute(f'PRAGMA main.table_info("{name}")').fetchall()]
        tables.append((name, columns))
    return tables


def replace_contents(live: sqlite_utils.Database, prepared: str | Path, keep: str | Path) -> None:
    """Replace every row of the live database with those of prepared (a database of the same
    schema version), in one write transaction; first copy the live database, as it is at that
    moment, to the file keep. Raise ValueError, changing nothing, if the result would break a
    foreign key."""
    live.execute("PRAGMA foreign_keys = OFF")  # checked as a whole before the commit
    live.execute("ATTACH DATABASE ? AS restored", [str(prepared)])
    try:
        live.execute("BEGIN IMMEDIATE")  # from here no one else writes until the commit
        try:
            # Another connection reads the last committed state (WAL lets it, while we hold the
            # write lock), so that nothing written before the restore is missing from keep.
            reader = open_file(live_path(live), read_only=True)
            try:
                copy_to(reader, keep)
            finally:
                reader.conn.close()
            for name, columns in _copied_tables(live):
                listed = ", ".join(f'"{c}"' for c in columns)
                live.execute(f'DELETE FROM main."{name}"')
                live.execute(
                    f'INSERT INTO main."{name}" ({listed}) SELECT {listed} FROM restored."{name}"'
                )
            broken = live.execute("PRAGMA main.foreign_key_check").fetchall()
            if broken:
                raise ValueError(f"the restored rows break {len(broken)} foreign key(s)")
        except BaseException:
            live.execute("ROLLBACK")
            raise
        live.execute("COMMIT")
    finally:
        live.execute("DETACH DATABASE restored")
        live.execute("PRAGMA foreign_keys = ON")


def live_path(db: sqlite_utils.Database) -> str:
    """The file of a database connection's main database."""
    row = db.execute("SELECT file FROM pragma_database_list WHERE name = 'main'").fetchone()
    return str(row[0])


def replicated_by_litestream(db: sqlite_utils.Database) -> bool:
    """Tell whether Litestream has replicated this database (its tables are in it)."""
    row = db.execute(
        "SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name IN (?, ?)",
        list(LITESTREAM_TABLES),
    ).fetchone()
    return bool(row[0])
