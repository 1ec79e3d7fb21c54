"""The `glossary backup`, `glossary restore` and `glossary check` commands: thin skins over
maintenance.py."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

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
@click.argument("file", type=click.Path(dir_okay=False))
@with_appcontext
def restore_command(file: str) -> None:
    """Replace the database's contents with the backup FILE, after checking it (a damaged
    file is refused); the database as it was is kept beside it first."""
    database = current_app.config["DATABASE"]
    try:
        result, kept = maintenance.restore(database, file)
    except maintenance.Refused as error:
        raise click.ClickException(str(error)) from error
    _report(result)
    click.echo(f"Restored {file} into {database}: {_holdings(result)}.")
    click.echo(f"The database as it was before is kept in {kept}.")
    if not result.ok:
        raise click.ClickException(
            "the restored database has problems:\n" + "\n".join(result.problems)
        )


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
