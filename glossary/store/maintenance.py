"""Backing up, restoring and checking the glossary's database (`glossary backup|restore|check`).

Plain functions over file paths, usable while the glossary serves; the SQL is in backups
and integrity. Messages are English, like every command's.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from glossary.entries import contents
from glossary.store import backups, integrity
from glossary.store.common import reading
from glossary.store.connection import connect
from glossary.store.schema import SCHEMA_VERSION
from glossary.text import keys

if TYPE_CHECKING:
    import sqlite_utils


class Refused(Exception):
    """A backup or restore that was not done; the message says why."""


@dataclass
class Check:
    """What a check found: problems (none when all is well), notes, and what the file holds."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Tell whether nothing is wrong."""
        return not self.problems


def readable_problems(path: str | Path) -> tuple[list[str], int]:
    """What makes a file unfit to restore from, and its schema version: not a SQLite database,
    damaged (integrity_check), not a glossary's, or made by a newer glossary."""
    if not Path(path).is_file():
        return [f"{path} does not exist or is not a file"], 0
    try:
        db = backups.open_file(path, read_only=True)
        try:
            problems = integrity.integrity_problems(db)
            version, tables = backups.schema_facts(db)
        finally:
            db.conn.close()
    except sqlite3.DatabaseError as error:
        return [f"{path} cannot be read as a SQLite database: {error}"], 0
    if problems:
        return problems, version
    if not {"entry", "source", "search_key"} <= tables:
        return [f"{path} is a SQLite database, but not a glossary's (it has no entry table)"], 0
    if version > SCHEMA_VERSION:
        return [
            f"{path} has schema version {version}, newer than this glossary's"
            f" ({SCHEMA_VERSION}): restore it with the version that made it"
        ], version
    if version == SCHEMA_VERSION and (missing := sorted(schema_tables() - tables)):
        return [f"{path} lacks tables of the glossary's schema: {', '.join(missing)}"], version
    return [], version


@cache
def schema_tables() -> set[str]:
    """The tables of a glossary database at this schema version."""
    db = connect(":memory:")
    try:
        return backups.schema_facts(db)[1]
    finally:
        db.conn.close()


def check(path: str | Path) -> Check:
    """Check a database file: SQLite's integrity and foreign keys, then (when the schema is
    this glossary's) the full-text indexes and every entry's search keys against its forms."""
    problems, version = readable_problems(path)
    if problems:
        return Check(problems)
    result = Check()
    try:
        _check_contents(path, version, result)
    except sqlite3.DatabaseError as error:  # damage integrity_check did not see
        result.problems.append(f"{path}: {error}")
    return result


def _check_contents(path: str | Path, version: int, result: Check) -> None:
    db = backups.open_file(path)
    try:
        if version != SCHEMA_VERSION:
            result.counts = backups.row_counts(db)
            result.notes.append(
                f"schema version {version}, not {SCHEMA_VERSION}: the glossary migrates it when"
                " it opens it; the search index is checked after that"
            )
            return
        result.problems += integrity.fts_problems(db)  # each in a transaction of its own
        # The rest reads one snapshot: on a database being written to, rows read by different
        # statements would otherwise disagree, and the check report problems that are not there.
        with reading(db):
            result.counts = backups.row_counts(db)
            result.problems += integrity.dictionary_problems(db)
            unservable = _unservable(db)
            result.problems += unservable
            stored_version = integrity.keys_version(db)
            if stored_version != keys.KEYS_VERSION:
                result.notes.append(
                    f"search keys of version {stored_version}, not {keys.KEYS_VERSION}: the"
                    " glossary rebuilds them when it opens the database; they are checked after"
                    " that"
                )
            elif unservable:  # the keys are derived from those values: mend them first
                result.notes.append("the search index is checked once those values are mended")
            else:
                result.problems += integrity.index_problems(db)
    finally:
        db.conn.close()


def _unservable(db: sqlite_utils.Database) -> list[str]:
    """The values a database holds that the glossary cannot serve (entries.contents' rules)."""
    return contents.problems(integrity.stored_values(db), integrity.revision_snapshots(db))


def backup(database: str | Path, target: str | Path) -> Check:
    """Copy the database to target with SQLite's online backup API (safe while serving), check
    the copy, and only then put it in place; return the copy's check."""
    database, target = Path(database), Path(target)
    if not database.is_file():
        raise Refused(f"there is no database at {database}")
    if target.exists() and (target.is_dir() or target.samefile(database)):
        raise Refused(f"{target} is the database itself or a directory: name a new file")
    if target.name in (f"{database.name}-wal", f"{database.name}-shm"):
        raise Refused(f"{target} is one of the database's own files: name a new file")
    if not target.parent.is_dir():
        raise Refused(f"the directory {target.parent} does not exist")
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    try:
        source = backups.open_file(database, read_only=True)
        try:
            backups.copy_to(source, partial)
        finally:
            source.conn.close()
        result = check(partial)
        if not result.ok:
            raise Refused("the copy failed its check:\n" + "\n".join(result.problems))
        _sync(partial)
        os.replace(partial, target)
        _sync(target.parent)
    except sqlite3.DatabaseError as error:
        raise Refused(f"the database cannot be read: {error}") from error
    finally:
        partial.unlink(missing_ok=True)
    return result


def restore(database: str | Path, source: str | Path) -> tuple[Check, Path]:
    """Replace the database's contents with a backup's, in one transaction, after checking the
    backup (a damaged one is refused); the database as it was is first kept beside it.
    Return the restored database's check and where the old one was kept."""
    database, source = Path(database), Path(source)
    problems, _ = readable_problems(source)
    if problems:
        raise Refused(f"{source} was not restored:\n" + "\n".join(problems))
    if database.exists() and source.samefile(database):
        raise Refused(f"{source} is the database itself")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = database.with_name(f"{database.stem}-before-restore-{stamp}.db")
    while kept.exists():  # two restores within a second: keep both databases as they were
        kept = kept.with_name(f"{database.stem}-before-restore-{stamp}-{secrets.token_hex(2)}.db")
    prepared = database.with_name(f".{database.name}.{secrets.token_hex(4)}.restoring")
    try:
        reader = backups.open_file(source, read_only=True)
        try:
            backups.copy_to(reader, prepared)
        finally:
            reader.conn.close()
        ready = connect(str(prepared))  # migrated to this schema, search keys refreshed
        try:
            if unservable := _unservable(ready):  # restored, they would answer 500
                raise Refused(
                    f"{source} was not restored: it holds values the glossary cannot serve:\n"
                    + "\n".join(unservable)
                )
            if integrity.index_problems(ready):  # the index is derived: rebuild it, don't refuse
                integrity.rebuild_index(ready)
            ready.execute("PRAGMA journal_mode = DELETE")  # one file, to attach
        finally:
            ready.conn.close()
        live = connect(str(database))
        try:
            backups.replace_contents(live, prepared, kept)
        finally:
            live.conn.close()
    except (ValueError, sqlite3.DatabaseError) as error:
        raise Refused(f"{source} was not restored: {error}") from error
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{prepared}{suffix}").unlink(missing_ok=True)
    return check(database), kept


def _sync(path: Path) -> None:
    """Flush a file (or a directory's entries) to disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
