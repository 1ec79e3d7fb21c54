"""Imports that run as jobs: a large upload's dry run or import, in a process of its own.

The import page keeps the upload in the instance folder (0600, named by the job's random id),
records the job (job_rows.insert_job), starts that process (`python -m glossary.exchange.runner
DATABASE FOLDER JOB`, see exchange/runner.py) and answers at once: no request waits for the
import, so none outlives the server's worker timeout, whichever worker serves it. The process
beats as it goes: its phase and counts go to the job's row, or, while its write transaction
holds the database, to a small file beside the upload (nothing else can write the database
then). A job silent for STALE seconds lost its process, and its transaction with it: it is
marked interrupted, with nothing written. Here is what the pages need; the import itself is
the runner's.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, cast

from glossary.store import jobs as job_rows

if TYPE_CHECKING:
    import sqlite_utils

STALE = 60  # seconds without a beat before a job counts as interrupted
# A finished dry run's upload is kept this long for its import; every job ends within it too.
KEPT = 3600
FORGOTTEN = 7 * 24 * 3600  # a job's row is deleted this long after it ended
MAX_LIVE = 2  # jobs waiting or running at once on the whole site (each takes a core)


class Job(TypedDict):
    """A job as its page reads it: its row (store.jobs.COLUMNS), the counts as its process last
    wrote them, there or beside the upload."""

    id: str
    account_id: int
    file_name: str
    format: str
    on_duplicate: str
    skip_invalid: int  # 0 or 1, as SQLite keeps a truth
    dry_run: int
    state: str  # waiting, running, done, failed or interrupted
    phase: str  # reading, checking or writing; "" before the first beat
    read: int
    checked: int
    written: int
    outcome: str | None  # JSON, once it ended: the runner's Outcome
    created: str
    heartbeat: str
    finished: str | None


class Progress(TypedDict):
    """What a job's process writes beside its upload while its transaction holds the database."""

    phase: str
    read: int
    checked: int
    written: int
    at: float  # when, as time.time() says


class Busy(Exception):
    """No job can start now: the account has one running, or the site has MAX_LIVE."""

    def __init__(self, own: bool):
        super().__init__("own" if own else "site")
        self.own = own


def _folder(folder: str | Path) -> Path:
    path = Path(folder) / "jobs"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def upload_path(folder: str | Path, job_id: str) -> Path:
    """Where a job's upload is kept."""
    return _folder(folder) / f"{job_id}.upload"


def progress_path(folder: str | Path, job_id: str) -> Path:
    """Where a job's process writes its progress while its transaction is open."""
    return _folder(folder) / f"{job_id}.progress"


def write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner may read (0600), replacing it whole."""
    temporary = path.with_name(f"{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
    os.replace(temporary, path)


def start(
    db: sqlite_utils.Database,
    folder: str | Path,
    raw: bytes,
    *,
    account_id: int,
    file_name: str,
    format: str,
    on_duplicate: str,
    skip_invalid: bool,
    dry_run: bool = True,
) -> str:
    """Keep an upload and record its job (not yet started: see launch); return the job's id.
    Raises Busy when the account has a job waiting or running, or the site has MAX_LIVE."""
    tidy(db, folder)
    if job_rows.live_jobs(db, account_id):
        raise Busy(own=True)
    if job_rows.live_jobs(db) >= MAX_LIVE:
        raise Busy(own=False)
    job_id = secrets.token_urlsafe(18)
    write_private(upload_path(folder, job_id), raw)
    job_rows.insert_job(
        db,
        job_id,
        account_id,
        file_name=file_name,
        format=format,
        on_duplicate=on_duplicate,
        skip_invalid=skip_invalid,
        dry_run=dry_run,
    )
    return job_id


def start_import(db: sqlite_utils.Database, folder: str | Path, dry_run_id: str) -> str | None:
    """Record the import of a finished dry run's upload, as a new job; return its id, or None
    when the upload is gone (imported already, or kept too long). Raises Busy as start does."""
    job = job_rows.get_job(db, dry_run_id)
    kept = upload_path(folder, dry_run_id)
    if job is None or not job["dry_run"] or job["state"] != "done" or not kept.exists():
        return None
    try:
        raw = kept.read_bytes()
    except OSError:
        return None
    job_id = start(
        db,
        folder,
        raw,
        account_id=job["account_id"],
        file_name=job["file_name"],
        format=job["format"],
        on_duplicate=job["on_duplicate"],
        skip_invalid=bool(job["skip_invalid"]),
        dry_run=False,
    )
    kept.unlink(missing_ok=True)
    return job_id


def launch(database: str, folder: str | Path, job_id: str) -> subprocess.Popen[bytes]:
    """Start a job's process, in a session of its own (a worker's restart does not end it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "glossary.exchange.runner", database, str(folder), job_id],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )


def status(db: sqlite_utils.Database, folder: str | Path, job_id: str) -> Job | None:
    """A job as its page shows it: its row, with the progress its process wrote beside it
    while writing, and marked interrupted if it has been silent for STALE seconds."""
    job = _row(db, job_id)
    if job is None or job["state"] not in job_rows.LIVE_JOB_STATES:
        return job
    progress = _progress(folder, job_id)
    if progress is not None and progress["at"] > time.time() - STALE:
        return _with(job, progress)
    if job_rows.interrupt_job(db, job_id, STALE):
        return _row(db, job_id)
    return job if progress is None else _with(job, progress)


def _row(db: sqlite_utils.Database, job_id: str) -> Job | None:
    return cast(Job | None, job_rows.get_job(db, job_id))  # store.jobs.COLUMNS, as Job says


def _with(job: Job, progress: Progress) -> Job:
    """The job with the phase and counts its process wrote beside the upload."""
    return {
        **job,
        "phase": progress["phase"],
        "read": progress["read"],
        "checked": progress["checked"],
        "written": progress["written"],
    }


def _progress(folder: str | Path, job_id: str) -> Progress | None:
    try:
        progress = json.loads(progress_path(folder, job_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return cast(Progress, progress) if isinstance(progress, dict) else None  # the runner's


def tidy(db: sqlite_utils.Database, folder: str | Path) -> None:
    """Mark silent jobs interrupted, delete the uploads and progress files no job needs any
    more, and forget jobs that ended long ago."""
    for job_id in job_rows.silent_jobs(db, STALE):
        status(db, folder, job_id)
    job_rows.delete_jobs(db, job_rows.old_jobs(db, FORGOTTEN))
    for path in _folder(folder).iterdir():
        job_id = path.name.split(".", 1)[0]
        try:
            old = path.stat().st_mtime < time.time() - KEPT
        except OSError:
            continue
        job = job_rows.get_job(db, job_id)
        if job is None or old and job["state"] not in job_rows.LIVE_JOB_STATES:
            path.unlink(missing_ok=True)
