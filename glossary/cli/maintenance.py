"""The `glossary backup`, `glossary restore` and `glossary check` commands: thin skins over
maintenance.py (and replication.py, for a restore from a Litestream replica)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from glossary import replication
from glossary.store import maintenance


def _holdings(result: maintenance.Check) -> str:
    counts = result.counts
    return (
        f"{counts.get('entry', 0)} entries, {counts.get('revision', 0)} revisions,"
        f" {counts.get('account', 0)} accounts"
    )


def _report(result: maintenance.Check) -> None:
    for note in result.notes:
        click.echo(f"note: {note}")


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(file: str) -> None:
    """Copy the database to FILE (safe while the glossary serves), checked before it is kept."""
    database = current_app.config["DATABASE"]
    try:
        result = maintenance.backup(database, file)
    except maintenance.Refused as error:
        raise click.ClickException(f"no backup was made: {error}") from error
    _report(result)
    size = Path(file).stat().st_size / 1024 / 1024
    click.echo(f"Backed up {database} to {file} ({size:.1f} MB): {_holdings(result)}; checked.")


@click.command("restore")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--from-replica",
    "replica",
    metavar="URL",
    help="Restore from Litestream's replica at URL instead of a FILE (see serve --replicate).",
)
@click.option(
    "--timestamp",
    metavar="T",
    help="With --from-replica: the glossary as it was at T (2026-12-06T21:30:00Z; UTC unless"
    " an offset is given), not the latest.",
)
@click.option(
    "--force", is_flag=True, help="With --from-replica: replace a database that has entries."
)
@with_appcontext
def restore_command(
    file: str | None, replica: str | None, timestamp: str | None, force: bool
) -> None:
    """Replace the database's contents with the backup FILE, after checking it (a damaged
    file is refused); the database as it was is kept beside it first. With --from-replica,
    restore from a Litestream replica instead, checked the same way."""
    database = current_app.config["DATABASE"]
    source = file or replica
    if source is None or (file and replica):
        raise click.UsageError("give either a backup FILE or --from-replica URL")
    if replica is None and (timestamp or force):
        raise click.UsageError("--timestamp and --force go with --from-replica")
    kept: Path | None
    try:
        if replica is None:
            result, kept = maintenance.restore(database, source)
        else:
            result, kept = _from_replica(database, replica, timestamp, force)
    except maintenance.Refused as error:
        raise click.ClickException(str(error)) from error
    _report(result)
    click.echo(f"Restored {source} into {database}: {_holdings(result)}.")
    if kept is not None:
        click.echo(f"The database as it was before is kept in {kept}.")
    if not result.ok:
        raise click.ClickException(
            "the restored database has problems:\n" + "\n".join(result.problems)
        )


def _from_replica(
    database: str, url: str, timestamp: str | None, force: bool
) -> tuple[maintenance.Check, Path | None]:
    """Restore from a Litestream replica; what cannot be done is refused, saying why."""
    try:
        moment = replication.parse_timestamp(timestamp) if timestamp else None
        restored = replication.restore(database, url, moment, force)
    except (replication.Unavailable, ValueError) as error:
        raise maintenance.Refused(str(error)) from error
    return restored.check, restored.kept


@click.command("check")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@with_appcontext
def check_command(file: str | None) -> None:
    """Check the database (or FILE, such as a backup): SQLite's integrity and foreign keys, the
    full-text indexes, and every entry's search keys; exit with 1 on any problem."""
    path = file or current_app.config["DATABASE"]
    result = maintenance.check(path)
    _report(result)
    if not result.ok:
        for problem in result.problems:
            click.echo(f"problem: {problem}", err=True)
        raise click.ClickException(f"{path}: {len(result.problems)} problem(s) found")
    click.echo(f"{path}: ok ({_holdings(result)})")


COMMANDS = (backup_command, restore_command, check_command)
