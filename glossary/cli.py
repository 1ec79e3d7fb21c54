"""The `glossary` command: init-db, serve, import, plus Flask's own commands."""

from __future__ import annotations

import os
import shutil
import sys

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from glossary import importer
from glossary.db import connect


def init_database(app: Flask) -> tuple[int, importer.Report | None]:
    """Create or migrate the schema; load the seed data when the database has no entries."""
    database = connect(app.config["DATABASE"])
    try:
        return importer.seed_if_empty(database, app.config["SEED"])
    finally:
        database.conn.close()


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create the database schema and load the seed data if the database is empty."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    try:
        count, report = init_database(app)
    except importer.InvalidData as error:
        raise click.ClickException(f"the seed data is invalid:\n{error}") from error
    click.echo(f"Database: {app.config['DATABASE']}")
    if report is None:
        click.echo(f"It already holds {count} entries; nothing was loaded.")
    else:
        click.echo(f"Loaded the seed data from {app.config['SEED']}: {report.summary()}.")


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--dry-run", is_flag=True, help="Validate and report what would change; write nothing."
)
@with_appcontext
def import_command(path: str, dry_run: bool) -> None:
    """Import a data file in the data/ format (validated in full before anything is written)."""
    database = connect(current_app.config["DATABASE"])
    try:
        report = importer.import_file(database, path, dry_run=dry_run)
    except importer.InvalidData as error:
        raise click.ClickException(
            f"nothing was imported; {len(error.errors)} problem(s):\n" + str(error)
        ) from error
    finally:
        database.conn.close()
    prefix = "Dry run, nothing written: would have " if dry_run else ""
    click.echo(prefix + report.summary() + ".")
    for key in report.kept:
        click.echo(f"  kept {key}: changed by an editor since it was imported")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=lambda: int(os.environ.get("GLOSSARY_WORKERS", 2 * (os.cpu_count() or 1))),
    type=click.IntRange(1, 64),
    help="gunicorn worker processes  [default: 2 per core]",
)
@with_appcontext
def serve_command(host: str, port: int, workers: int) -> None:
    """Serve the glossary with gunicorn, creating and seeding the database first if needed."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    count, report = init_database(app)
    if report is not None:
        click.echo(f"Loaded the seed data: {report.summary()}.")
    click.echo(f"Serving {count} entries from {app.config['DATABASE']} on http://{host}:{port}/")
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
    os.execv(
        gunicorn,
        [
            gunicorn,
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "glossary:create_app()",
        ],
    )


def init_app(app: Flask) -> None:
    """Register the glossary commands on the app's command line."""
    for command in (init_db_command, import_command, serve_command):
        app.cli.add_command(command)


def main() -> None:
    """Run the `glossary` console script."""
    from glossary import create_app

    cli = FlaskGroup(create_app=create_app, add_default_commands=True, add_version_option=False)
    cli.help = "glossary: a bilingual English–Chinese glossary and name reference."
    cli()
