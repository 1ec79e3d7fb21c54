"""The `glossary export` and `glossary import` commands: thin skins over exchange.py."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from flask import current_app
from flask.cli import with_appcontext

from glossary import accounts, exchange, search
from glossary.exchange import duplicates, formats, importer
from glossary.messages import BadParameter
from glossary.model import KINDS
from glossary.store.connection import connect

if TYPE_CHECKING:
    import sqlite_utils


class FormatChoice(click.Choice):
    """The registered formats' names, asked each time, so that a format registered after
    this module was loaded is a choice too."""

    def __init__(self) -> None:
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        return formats.names()

    @choices.setter
    def choices(self, _: object) -> None:
        pass


@click.command("export")
@click.option(
    "--format",
    "format_",
    type=FormatChoice(),
    default="json",
    show_default=True,
    help="The file's format: json is the data/ format, tbx TBX-Basic, xlsx an Excel workbook.",
)
@click.option("--query", "-q", default="", help="Export what this search finds, as on the site.")
@click.option("--kind", type=click.Choice(KINDS), help="Only entries of this kind.")
@click.option("--tag", help="Only entries with this tag.")
@click.option("--verified", is_flag=True, help="Only entries a reviewer has verified.")
@click.option(
    "--source",
    type=click.Choice(formats.LANGUAGES),
    default="en",
    show_default=True,
    help="TSV: the language of the first column.",
)
@click.option(
    "--target",
    type=click.Choice(formats.LANGUAGES),
    default="zh-Hans",
    show_default=True,
    help="TSV: the language of the second column.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here, not to stdout.")
@with_appcontext
def export_command(
    format_: str,
    query: str,
    kind: str | None,
    tag: str | None,
    verified: bool,
    source: str,
    target: str,
    output: str | None,
) -> None:
    """Export the glossary, or what a search finds, in one of the formats."""
    if source == target:
        raise click.BadParameter("--source and --target must differ", param_hint="--target")
    config = current_app.config
    args = {"q": query, "kind": kind or "", "tag": tag or "", "verified": "1" if verified else ""}
    try:
        request = search.parse_request(
            args,
            default_limit=config["PAGE_SIZE"],
            max_limit=config["MAX_PAGE_SIZE"],
            max_query=config["MAX_QUERY_LENGTH"],
        )
    except BadParameter as error:
        raise click.ClickException(str(error)) from error
    database = connect(config["DATABASE"])
    try:
        chunks = exchange.export_chunks(database, request, format_, source=source, target=target)
        if output:  # written as it is read: a large glossary is never held at once
            with Path(output).open("wb") as file:
                file.writelines(chunks)
            count = len(exchange.found_ids(database, request))
            click.echo(f"Wrote {count} entries to {output}.", err=True)
        else:
            sys.stdout.flush()
            for chunk in chunks:
                sys.stdout.buffer.write(chunk)
            sys.stdout.buffer.flush()
    finally:
        database.conn.close()


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "format_",
    type=FormatChoice(),
    help="The file's format  [default: from the file name's extension]",
)
@click.option(
    "--dry-run", is_flag=True, help="Validate and report what would change; write nothing."
)
@click.option(
    "--on-duplicate",
    type=click.Choice(duplicates.CHOICES),
    default="skip",
    show_default=True,
    help="A new entry with the characters and kind of an existing one: leave that "
    "one, merge the new aliases, sources and tags into it, or replace its fields.",
)
@click.option(
    "--source",
    type=click.Choice(formats.LANGUAGES),
    help="TSV: the language of the first column  [default: the one without Chinese]",
)
@click.option(
    "--target",
    type=click.Choice(formats.LANGUAGES),
    help="TSV: the language of the second column.",
)
@click.option(
    "--verified-by",
    metavar="NAME",
    help="Keep the file's verified marks, as verified by this reviewer or admin account  "
    "[default: every entry imported or changed is unverified]",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Import the valid records and list the problems of the others (exit 0); without it, "
    "one invalid record means nothing is imported.",
)
@with_appcontext
def import_command(
    path: str,
    format_: str | None,
    dry_run: bool,
    on_duplicate: str,
    source: str | None,
    target: str | None,
    verified_by: str | None,
    skip_invalid: bool,
) -> None:
    """Import a file in one of the formats, validated in full before anything is written.

    Its revisions are recorded as made on the command line."""
    format_ = format_ or exchange.guess_format(path)
    if format_ is None:
        raise click.BadParameter(
            "cannot tell the format from the file name; give --format", param_hint="--format"
        )
    database = connect(current_app.config["DATABASE"])
    try:
        if verified_by is not None:
            verified_by = _verifier(database, verified_by)
        report, parsed = exchange.import_bytes(
            database,
            Path(path).read_bytes(),
            format_,
            Path(path).name,
            dry_run=dry_run,
            on_duplicate=on_duplicate,
            source=source,
            target=target,
            verified_by=verified_by,
            skip_invalid=skip_invalid,
            parallel=True,  # the command runs no other thread
        )
    except importer.InvalidData as error:
        raise click.ClickException(
            f"nothing was imported; {len(error.errors)} problem(s):\n"
            + "\n".join(importer.first_problems(error.errors))
        ) from error
    finally:
        database.conn.close()
    for warning in parsed.warnings:
        click.echo(f"Note: {warning}.")
    prefix = "Dry run, nothing written: would have " if dry_run else ""
    click.echo(prefix + report.summary() + ".")
    for key in report.kept:
        click.echo(f"  kept {key}: changed by an editor since it was imported")
    for key in report.duplicates:
        click.echo(f"  duplicate {key}: an entry with its characters and kind exists")
    for problem in report.rejected:
        click.echo(f"  left out {problem}")


def _verifier(database: sqlite_utils.Database, name: str) -> str:
    """The reviewer or admin --verified-by names; a usage error for anyone else."""
    try:
        return accounts.verifier(database, name)
    except accounts.AccountError as error:
        raise click.BadParameter(str(error), param_hint="--verified-by") from error


COMMANDS = (export_command, import_command)
