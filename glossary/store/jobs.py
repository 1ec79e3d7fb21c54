"""Import jobs: a large upload's dry run or import, run by a process of its own (exchange.runner).

A job is waiting until its process claims it, running while that process beats (its heartbeat
is written with its counts), then done, failed, or interrupted when the beat stopped: its
process died, and its one transaction with it, so nothing of it was written.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

from glossary.store.common import Row, now, records, transaction

COLUMNS = (
    "id, account_id, file_name, format, on_duplicate, skip_invalid, dry_run, state, phase,"
    " read, checked, written, outcome, created, heartbeat, finished"
)
LIVE_JOB_STATES = ("waiting", "running")


def ago(seconds: float) -> str:
    """The time seconds ago, written as now() writes times (so that they compare as text)."""
    moment = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=seconds)
    return moment.isoformat().replace("+00:00", "Z")


def insert_job(
    db: sqlite_utils.Database,
    job_id: str,
    account_id: int,
    *,
    file_name: str,
    format: str,
    on_duplicate: str,
    skip_invalid: bool,
    dry_run: bool,
) -> None:
    """Record a new job, waiting for its process."""
    timestamp = now()
    with transaction(db):
        db.execute(
            """INSERT INTO import_job (id, account_id, file_name, format, on_duplicate,
                   skip_invalid, dry_run, created, heartbeat) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                job_id,
                account_id,
                file_name,
                format,
                on_duplicate,
                int(skip_invalid),
                int(dry_run),
                timestamp,
                timestamp,
            ],
        )


def get_job(db: sqlite_utils.Database, job_id: str) -> Row | None:
    """Return a job's row, or None."""
    rows = records(db, f"SELECT {COLUMNS} FROM import_job WHERE id = ?", [job_id])
    return rows[0] if rows else None


def claim_job(db: sqlite_utils.Database, job_id: str) -> Row | None:
    """Mark a waiting job running and return it; None if it is not waiting (already claimed,
    ended, or interrupted before its process started)."""
    with transaction(db):
        cursor = db.execute(
            """UPDATE import_job SET state = 'running', heartbeat = ?
               WHERE id = ? AND state = 'waiting'""",
            [now(), job_id],
        )
        if cursor.rowcount != 1:
            return None
    return get_job(db, job_id)


def beat(
    db: sqlite_utils.Database, job_id: str, phase: str, read: int, checked: int, written: int
) -> None:
    """Record a running job's phase and counts, and that it is alive."""
    with transaction(db):
        db.execute(
            """UPDATE import_job SET phase = ?, read = ?, checked = ?, written = ?, heartbeat = ?
               WHERE id = ? AND state = 'running'""",
            [phase, read, checked, written, now(), job_id],
        )


def finish_job(db: sqlite_utils.Database, job_id: str, state: str, outcome: str) -> None:
    """Record how a running job ended (done or failed) and its outcome (JSON)."""
    with transaction(db):
        db.execute(
            """UPDATE import_job SET state = ?, outcome = ?, finished = ?, heartbeat = ?
               WHERE id = ? AND state = 'running'""",
            [state, outcome, now(), now(), job_id],
        )


def silent_jobs(db: sqlite_utils.Database, silent_for: float) -> list[str]:
    """The ids of the jobs waiting or running whose row has had no beat for silent_for
    seconds (a process writing in its transaction beats elsewhere: see exchange.runner)."""
    rows = db.execute(
        "SELECT id FROM import_job WHERE state IN ('waiting', 'running') AND heartbeat < ?",
        [ago(silent_for)],
    ).fetchall()
    return [row[0] for row in rows]


def interrupt_job(db: sqlite_utils.Database, job_id: str, silent_for: float) -> bool:
    """Mark a job interrupted if it is still waiting or running with no beat in its row for
    silent_for seconds; tell whether it was."""
    with transaction(db):
        cursor = db.execute(
            """UPDATE import_job SET state = 'interrupted', finished = ?
               WHERE id = ? AND state IN ('waiting', 'running') AND heartbeat < ?""",
            [now(), job_id, ago(silent_for)],
        )
    return cursor.rowcount == 1


def live_jobs(db: sqlite_utils.Database, account_id: int | None = None) -> int:
    """Count the jobs waiting or running (of one account, if given)."""
    sql = "SELECT count(*) FROM import_job WHERE state IN ('waiting', 'running')"
    params: list[Any] = []
    if account_id is not None:
        sql += " AND account_id = ?"
        params.append(account_id)
    return int(db.execute(sql, params).fetchone()[0])


def old_jobs(db: sqlite_utils.Database, older_than: float) -> list[str]:
    """The ids of the jobs that ended (or were made) more than older_than seconds ago."""
    cutoff = ago(older_than)
    rows = db.execute(
        """SELECT id FROM import_job WHERE state NOT IN ('waiting', 'running')
               AND coalesce(finished, created) < ?""",
        [cutoff],
    ).fetchall()
    return [row[0] for row in rows]


def delete_jobs(db: sqlite_utils.Database, job_ids: list[str]) -> None:
    """Forget these jobs."""
    if not job_ids:
        return
    with transaction(db):
        db.conn.executemany("DELETE FROM import_job WHERE id = ?", [[i] for i in job_ids])
