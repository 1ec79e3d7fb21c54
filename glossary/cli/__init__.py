"""The `glossary` command's own commands: init-db, serve and user.

The others are in a module each (exchange: import, export; dictionary: import-cedict;
maintenance: backup, restore, check); each module lists its COMMANDS, which create_app adds.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click
from flask import current_app
from flask.cli import with_appcontext

from glossary import accounts, replication
from glossary.cli import serve as server
from glossary.exchange import importer
from glossary.store import accounts as account_rows
from glossary.store.connection import connect
from glossary.store.dictionary import dictionary_info

if TYPE_CHECKING:
    import sqlite_utils
    from flask import Flask

T = TypeVar("T")


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


def first_run_notes(app: Flask) -> list[str]:
    """What a new installation lacks, each with the command that mends it: an account to edit
    with, the base dictionary."""
    database = connect(app.config["DATABASE"])
    try:
        has_account = bool(account_rows.accounts(database))
        dictionary = dictionary_info(database)
    finally:
        database.conn.close()
    notes = []
    if has_account:
        notes.append("Accounts: editors can log in at /login.")
    else:
        notes.append(
            "No account yet: nobody can edit. Make one with"
            " `glossary user add NAME --role admin` (in .venv/bin)."
        )
    if dictionary:
        notes.append(f"Base dictionary: {dictionary['name']}, {dictionary['entries']} entries.")
    else:
        notes.append(
            "The base dictionary (CC-CEDICT) is not loaded: `glossary import-cedict` loads it"
            " (about 15 seconds)."
        )
    return notes


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=server.default_workers,
    type=click.IntRange(1, 64),
    help="gunicorn worker processes  [default: GLOSSARY_WORKERS, else 1 per core + 1]",
)
@click.option(
    "--threads",
    default=server.default_threads,
    type=click.IntRange(1, 64),
    help="threads per gthread worker  [default: GLOSSARY_THREADS, else 1]",
)
@click.option(
    "--worker-class",
    default=server.default_worker_class,
    type=click.Choice(server.WORKER_CLASSES),
    help="gunicorn worker class  [default: GLOSSARY_WORKER_CLASS, else sync]",
)
@click.option(
    "--access-log",
    default="-",
    show_default=True,
    help="Where gunicorn logs each request: a file, - for standard output, '' for nowhere.",
)
@click.option(
    "--replicate",
    metavar="URL",
    help="Run under Litestream, which ships every transaction to URL (file:///dir, s3://bucket/"
    "path, …): see docs/deploying.md.",
)
@with_appcontext
def serve_command(
    host: str,
    port: int,
    workers: int,
    threads: int,
    worker_class: str,
    access_log: str,
    replicate: str | None,
) -> None:
    """Serve the glossary with gunicorn, creating and seeding the database first if needed."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if replicate:  # checked before the database is created
        _checked(lambda: replication.usable(replicate))
    count, report = init_database(app)
    if report is not None:
        click.echo(f"Loaded the seed data: {report.summary()}.")
    if replicate:  # the same server, run by Litestream: this process becomes Litestream
        click.echo(f"Replicating {app.config['DATABASE']} to {replicate} with Litestream.")
        served = [f"--host={host}", f"--port={port}", f"--workers={workers}"]
        served += [f"--threads={threads}", f"--worker-class={worker_class}"]
        served.append(f"--access-log={access_log}")
        _checked(lambda: replication.run_replicated(app.config["DATABASE"], replicate, served))
    click.echo(f"Serving {count} entries from {app.config['DATABASE']} on http://{host}:{port}/")
    for line in first_run_notes(app):
        click.echo(line)
    server.serve(app, server.options(host, port, workers, threads, worker_class, access_log))


def _checked(action: Callable[[], T]) -> T:
    """Run action, turning Litestream's absence or a bad replica URL into a command error."""
    try:
        return action()
    except (replication.Unavailable, ValueError) as error:
        raise click.ClickException(str(error)) from error


@click.group("user")
def user_group() -> None:
    """Manage accounts: add, passwd, token, list."""


def _read_password(confirm: bool = True) -> str:
    """Read a password from standard input when it is not a terminal, else prompt for it."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=confirm))


def _accounts_call(action: Callable[[sqlite_utils.Database], T]) -> T:
    database = connect(current_app.config["DATABASE"])
    try:
        return action(database)
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from error
    finally:
        database.conn.close()


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(accounts.ROLES), required=True)
@with_appcontext
def user_add(name: str, role: str) -> None:
    """Create an account; the password comes from standard input or a prompt."""
    password = _read_password()
    account = _accounts_call(lambda db: accounts.add_account(db, name, role, password))
    click.echo(f"Created {account.role} {account.name}.")


@user_group.command("passwd")
@click.argument("name")
@with_appcontext
def user_passwd(name: str) -> None:
    """Set a new password (ending the account's sessions)."""
    password = _read_password()
    _accounts_call(lambda db: accounts.change_password(db, name, password))
    click.echo(f"Changed the password of {name}; its sessions have ended.")


@user_group.command("token")
@click.argument("name")
@click.option("--revoke", is_flag=True, help="Revoke every API token of the account instead.")
@click.option(
    "--expires-in",
    type=click.IntRange(1, 3650),
    metavar="DAYS",
    help="The token stops working this many days from now  [default: it does not expire]",
)
@with_appcontext
def user_token(name: str, revoke: bool, expires_in: int | None) -> None:
    """Print a new API token on the last line (it is stored only hashed), or revoke them."""
    if revoke:
        count = _accounts_call(lambda db: accounts.revoke_tokens(db, name))
        click.echo(f"Revoked {count} token(s) of {name}.")
        return
    token = _accounts_call(lambda db: accounts.issue_token(db, name, expires_in))
    until = f", valid for {expires_in} day(s)" if expires_in else ""
    click.echo(f"A new API token for {name}{until} (shown only now):")
    click.echo(token)


@user_group.command("list")
@with_appcontext
def user_list() -> None:
    """List the accounts: name, role, state, live API tokens and when the first expires."""
    rows = _accounts_call(account_rows.accounts)
    if not rows:
        click.echo("No accounts. Create one with: glossary user add NAME --role admin")
    for row in rows:
        state = "disabled" if row["disabled"] else "active"
        tokens = f"{row['tokens']} token(s)"
        if row["tokens_expire"]:
            tokens += f", the first expires {row['tokens_expire']}"
        click.echo(f"{row['name']}\t{row['role']}\t{state}\t{tokens}")


COMMANDS = (init_db_command, serve_command, user_group)
