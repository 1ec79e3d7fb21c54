"""An import job's own process: it claims the job, imports (or dry-runs) its upload in one
transaction as the command line does, beats as it goes, and records the outcome.

`python -m glossary.exchange.runner DATABASE FOLDER JOB`, started by exchange.jobs.launch; the
pages read what it records through exchange.jobs, and never load the import itself.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, cast

from glossary import accounts, exchange
from glossary.exchange import formats, importer, jobs, wording
from glossary.store import jobs as job_rows
from glossary.store.accounts import account_by_id
from glossary.store.common import StorageFull
from glossary.store.connection import connect

if TYPE_CHECKING:
    import sqlite_utils

BEAT = 1.0  # seconds between two beats at most as often
log = logging.getLogger(__name__)


class Outcome(TypedDict, total=False):
    """How a job ended, as its row keeps it (JSON) for its page: its report, or why it failed."""

    report: Mapping[str, object]  # importer.Report.as_json()
    names: dict[str, tuple[str, str]]  # each record's key: its English and its characters
    rejected: Sequence[Mapping[str, object]]  # the records left out, as wording.to_json keeps them
    problem: str  # why nothing was imported: account, not_text, storage_full or error
    problems: list[str]  # or the file's first problems, in English
    refusals: Sequence[Mapping[str, object]]  # and as wording.to_json keeps them, to be said later
    count: int  # how many problems the file has in all


class Beat:
    """A job's progress callback (importer.Progress): its phase and counts, written at most
    every BEAT seconds, and at each change of phase."""

    def __init__(self, db: sqlite_utils.Database, folder: str | Path, job_id: str) -> None:
        self.db, self.folder, self.job_id = db, folder, job_id
        self.counts = {"read": 0, "checked": 0, "written": 0}
        self.phase = ""
        self.last = 0.0

    def __call__(self, phase: str, count: int) -> None:
        column = {"reading": "read", "checking": "checked", "writing": "written"}[phase]
        self.counts[column] = count
        self.counts["read"] = max(self.counts["read"], count)
        if phase == self.phase and time.monotonic() - self.last < BEAT:
            return
        self.phase, self.last = phase, time.monotonic()
        self.write()

    def write(self) -> None:
        """Write the phase and counts where they can be read now."""
        if self.db.conn.in_transaction:
            record = {"phase": self.phase, **self.counts, "at": time.time()}
            jobs.write_private(
                jobs.progress_path(self.folder, self.job_id), json.dumps(record).encode()
            )
        else:
            job_rows.beat(self.db, self.job_id, self.phase, **self.counts)


def run(database: str, folder: str | Path, job_id: str) -> str | None:
    """Do a job: claim it, import (or dry-run) its upload, record the outcome; return the
    state it ended in, or None if it was not waiting."""
    db = connect(database)
    try:
        job = cast(jobs.Job | None, job_rows.claim_job(db, job_id))  # store.jobs.COLUMNS
        if job is None:
            return None
        beat = Beat(db, folder, job_id)
        state, outcome = _outcome(db, folder, job, beat)
        beat.write()  # the last counts, which the transaction kept from the row
        job_rows.finish_job(db, job_id, state, json.dumps(outcome, ensure_ascii=False))
        jobs.progress_path(folder, job_id).unlink(missing_ok=True)
        if state != "done" or not job["dry_run"]:
            jobs.upload_path(folder, job_id).unlink(missing_ok=True)
        return state
    finally:
        db.conn.close()


def _outcome(
    db: sqlite_utils.Database, folder: str | Path, job: jobs.Job, beat: Beat
) -> tuple[str, Outcome]:
    """Import a job's upload: ("done", its report) or ("failed", why)."""
    account = account_by_id(db, job["account_id"])
    if account is None or account["disabled"]:
        return "failed", {"problem": "account"}
    may_verify = accounts.ROLES.index(account["role"]) >= accounts.ROLES.index("reviewer")
    try:
        raw = jobs.upload_path(folder, job["id"]).read_bytes()
        report, parsed = exchange.import_bytes(
            db,
            raw,
            job["format"],
            job["file_name"],
            dry_run=bool(job["dry_run"]),
            on_duplicate=job["on_duplicate"],
            author=account["name"],
            verified_by=account["name"] if may_verify else None,
            skip_invalid=bool(job["skip_invalid"]),
            progress=beat,
            parallel=True,  # a process of its own, which runs no other thread
        )
    except formats.NotText:
        return "failed", {"problem": "not_text"}
    except importer.InvalidData as error:
        problems = importer.first_problems(error.errors)
        kept = [wording.to_json(refusal) for refusal in error.refusals[: wording.LIMIT]]
        return "failed", {"problems": problems, "refusals": kept, "count": len(error.errors)}
    except StorageFull:
        return "failed", {"problem": "storage_full"}
    except Exception:  # noqa: BLE001 - the job must end, and say so, whatever went wrong
        log.exception("import job %s failed", job["id"])
        return "failed", {"problem": "error"}
    names = {r["key"]: (r["english"], r["simplified"]) for r in parsed.document["entries"]}
    rejected = [wording.to_json(refusal) for refusal in report.refusals]
    return "done", {"report": report.as_json(), "names": names, "rejected": rejected}


def main(argv: list[str]) -> int:
    """python -m glossary.exchange.runner DATABASE FOLDER JOB"""
    logging.basicConfig(level=logging.INFO)
    database, folder, job_id = argv
    with contextlib.suppress(OSError):
        os.nice(5)  # searches first: the import can wait for the processor
    state = run(database, folder, job_id)
    log.info("import job %s: %s", job_id, state)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
