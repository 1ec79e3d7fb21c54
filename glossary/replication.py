"""Continuous replication with Litestream: `glossary serve --replicate URL` and
`glossary restore --from-replica URL [--timestamp T]`.

Litestream (a separate program, found on PATH or at GLOSSARY_LITESTREAM) ships every committed
transaction of the database to a replica: a directory (file://), object storage (s3://, gcs://,
abs://) or another host (sftp://). It also checkpoints the write-ahead log: while it replicates,
the glossary's connections leave checkpoints to it (GLOSSARY_CHECKPOINTS=litestream, which
store/connection.py reads). The settings chosen, and why, are in docs/deploying.md,
"Replication with Litestream". Messages are English, like every command's.
"""

from __future__ import annotations

import json
import os
import secrets
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from glossary import config as settings
from glossary.store import maintenance
from glossary.store.backups import open_file, row_counts

#: The environment variable naming the Litestream program, when it is not on PATH.
PROGRAM_VARIABLE = "GLOSSARY_LITESTREAM"
#: Set for the server Litestream supervises: its connections leave checkpoints to Litestream.
CHECKPOINTS_VARIABLE = "GLOSSARY_CHECKPOINTS"
LEFT_TO_LITESTREAM = "litestream"
#: The replica URLs Litestream 0.3 takes.
SCHEMES = ("file", "s3", "gcs", "abs", "sftp")

# How Litestream replicates (docs/deploying.md, "Replication with Litestream", says why each):
# it looks at the write-ahead log every MONITOR_INTERVAL and sends what is new every
# SYNC_INTERVAL, so a committed write is on the replica within about LAG; a full snapshot
# every SNAPSHOT_INTERVAL bounds what a restore replays; RETENTION is how far back a
# point-in-time restore reaches.
MONITOR_INTERVAL = "250ms"
SYNC_INTERVAL = "500ms"
LAG = 1.0  # seconds: MONITOR_INTERVAL + SYNC_INTERVAL, and time to copy
SNAPSHOT_INTERVAL = "24h"
RETENTION = "168h"


class Unavailable(Exception):
    """Litestream cannot be run; the message says where it was looked for."""


@dataclass
class Restored:
    """What a restore from a replica did: the restored database's check, and where the
    database it replaced was kept (None when there was none)."""

    check: maintenance.Check
    kept: Path | None


def program() -> str:
    """The Litestream program: GLOSSARY_LITESTREAM when set, else `litestream` on PATH."""
    named = (settings.value("LITESTREAM") or "").strip()
    if named:
        if not (os.path.isfile(named) and os.access(named, os.X_OK)):
            raise Unavailable(f"{PROGRAM_VARIABLE} names {named}, which is not an executable file")
        return named
    found = shutil.which("litestream")
    if found is None:
        raise Unavailable(
            "Litestream was not found: install it (https://litestream.io/install/) so that"
            f" `litestream` is on PATH ({os.environ.get('PATH', '')}), or set"
            f" {PROGRAM_VARIABLE} to the path of the program"
        )
    return found


def check_url(url: str) -> str:
    """Return url if it is a replica URL Litestream takes, else raise ValueError saying why."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        schemes = ", ".join(f"{scheme}://" for scheme in SCHEMES)
        raise ValueError(f"{url!r} is not a replica URL: it must start with one of {schemes}")
    if parts.scheme == "file" and (parts.netloc or not parts.path.startswith("/")):
        raise ValueError(
            f"{url!r} is not a file replica URL: give an absolute path, file:///srv/replica"
        )
    if parts.scheme != "file" and not parts.netloc:
        raise ValueError(f"{url!r} names no bucket or host after {parts.scheme}://")
    return url


def usable(url: str) -> str:
    """The Litestream program, once it is found and url is a replica URL it takes; raise
    Unavailable or ValueError saying what is wrong."""
    litestream = program()
    check_url(url)
    return litestream


def parse_timestamp(text: str) -> datetime:
    """Read an ISO 8601 time (2026-12-06T21:30:00Z, or with an offset; without one it is
    UTC, as in Litestream's logs); raise ValueError saying what is expected."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"{text!r} is not a time: write it as 2026-12-06T21:30:00Z (ISO 8601; UTC when no"
            " offset is given)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def config(database: str | Path, url: str) -> str:
    """The Litestream configuration (YAML) that replicates database to url."""
    lines = [
        "# Written by `glossary serve --replicate` at each start: edits here are lost.",
        "dbs:",
        f"  - path: {_quoted(Path(database).resolve())}",
        f"    monitor-interval: {MONITOR_INTERVAL}",
        "    replicas:",
        f"      - url: {_quoted(url)}",
        f"        sync-interval: {SYNC_INTERVAL}",
        f"        snapshot-interval: {SNAPSHOT_INTERVAL}",
        f"        retention: {RETENTION}",
    ]
    return "\n".join(lines) + "\n"


def _quoted(value: object) -> str:
    """A YAML scalar in double quotes (JSON's escapes are YAML's)."""
    return json.dumps(str(value))


def config_path(database: str | Path) -> Path:
    """Where `serve --replicate` writes Litestream's configuration: beside the database."""
    database = Path(database)
    return database.with_name(f"{database.name}.litestream.yml")


def replicate_command(database: str | Path, url: str, serve: list[str]) -> list[str]:
    """The command that runs `serve` (a command line) under Litestream replicating database
    to url; the configuration is written beside the database first."""
    litestream = program()
    path = config_path(database)
    path.write_text(config(database, check_url(url)))
    # -no-expand-env: the paths and URL are used as they are, a $ in them included.
    return [
        litestream,
        "replicate",
        "-no-expand-env",
        "-config",
        str(path),
        "-exec",
        shlex.join(serve),
    ]


def server_command(options: list[str]) -> list[str]:
    """The `glossary serve` command line, with these options, that Litestream starts."""
    return [sys.executable, "-m", "glossary", "serve", *options]


def run_replicated(database: str | Path, url: str, options: list[str]) -> None:
    """Become Litestream replicating database to url and running `glossary serve options`;
    it stops when the server stops, and passes SIGTERM and SIGINT on to it."""
    command = replicate_command(database, url, server_command(options))
    environment = {
        **os.environ,
        "GLOSSARY_DATABASE": str(Path(database).resolve()),
        CHECKPOINTS_VARIABLE: LEFT_TO_LITESTREAM,
    }
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(command[0], command, environment)


def restore(
    database: str | Path, url: str, timestamp: datetime | None = None, force: bool = False
) -> Restored:
    """Restore the replica at url (its latest state, or as of timestamp) into database: the copy
    is checked first, and a database holding entries is replaced only with force (it is kept
    beside it first, as `glossary restore FILE` keeps it)."""
    database = Path(database)
    litestream = usable(url)
    held = _entries_held(database)
    if held and not force:
        raise maintenance.Refused(
            f"{database} holds {held} entries: nothing was restored. Give --force to replace"
            " them (the database as it is is kept beside it first)"
        )
    prepared = database.with_name(f".{database.name}.{secrets.token_hex(4)}.from-replica")
    database.parent.mkdir(parents=True, exist_ok=True)
    try:
        _litestream_restore(litestream, url, prepared, timestamp)
        result = maintenance.check(prepared)
        if not result.ok:
            raise maintenance.Refused(
                f"the copy restored from {url} failed its check; {database} was not changed:\n"
                + "\n".join(result.problems)
            )
        if database.exists():
            return Restored(*maintenance.restore(database, prepared))
        _put_in_place(prepared, database)  # the same file: checked once is enough
        return Restored(result, None)
    finally:
        for suffix in ("", "-wal", "-shm", ".tmp", ".tmp-wal", ".tmp-shm"):
            Path(f"{prepared}{suffix}").unlink(missing_ok=True)


def _entries_held(database: Path) -> int:
    """How many entries the database holds (0 when there is none); refuse when it cannot be
    read, saying how to set it aside."""
    if not database.exists():
        for stray in (Path(f"{database}-wal"), Path(f"{database}-shm")):
            if stray.exists():
                raise maintenance.Refused(
                    f"{stray} is left from a database that is gone, and SQLite would apply it"
                    " to the restored one: move it away, then restore again"
                )
        return 0
    problems, _ = maintenance.readable_problems(database)
    if problems:  # damaged, or not a glossary's: the operator sets it aside
        raise maintenance.Refused(
            f"{database} cannot be read as a glossary, so it is not replaced:\n"
            + "\n".join(problems)
            + "\nMove it and its -wal and -shm files away, then restore again"
        )
    db = open_file(database, read_only=True)
    try:
        return row_counts(db)["entry"]
    finally:
        db.conn.close()


def _litestream_restore(
    litestream: str, url: str, output: Path, timestamp: datetime | None
) -> None:
    """Run `litestream restore` from url into the new file output."""
    finished = _run_restore(litestream, url, output, timestamp)
    if finished.returncode != 0 and timestamp and _after_last_write(litestream, url, timestamp):
        # Litestream finds no copy as of a moment after the replica's last write (nothing
        # changed since): the glossary as it was then is the latest.
        finished = _run_restore(litestream, url, output, None)
    if finished.returncode != 0 or not output.is_file():
        said = (finished.stderr or finished.stdout).strip().splitlines()[-3:]
        when = f" as of {timestamp.isoformat()}" if timestamp else ""
        raise maintenance.Refused(
            f"Litestream restored nothing from {url}{when}:\n" + "\n".join(said or ["(no output)"])
        )


def _run_restore(
    litestream: str, url: str, output: Path, timestamp: datetime | None
) -> subprocess.CompletedProcess[str]:
    """`litestream restore` from url into output, as of timestamp or the latest."""
    command = [litestream, "restore", "-o", str(output)]
    if timestamp is not None:
        moment = timestamp.astimezone(UTC).isoformat(timespec="microseconds")
        command += ["-timestamp", moment.replace("+00:00", "Z")]
    return subprocess.run([*command, url], capture_output=True, text=True, check=False)


def _after_last_write(litestream: str, url: str, timestamp: datetime) -> bool:
    """Tell whether timestamp is after the last write the replica at url holds (to the
    second: `litestream generations` lists each generation's first and last write)."""
    listed = subprocess.run(
        [litestream, "generations", url], capture_output=True, text=True, check=False
    ).stdout.splitlines()
    ends = []
    for line in listed[1:]:  # name, generation, lag, start, end
        fields = line.split()
        try:
            ends.append(datetime.fromisoformat(fields[-1]))
        except (IndexError, ValueError):
            continue
    return bool(ends) and timestamp >= max(ends)


def _put_in_place(prepared: Path, database: Path) -> None:
    """Move the checked copy to database, where there is none, durably."""
    os.replace(prepared, database)
    descriptor = os.open(database.parent, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
