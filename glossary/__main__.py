"""The `glossary` command (also `python -m glossary`): loads the command line, then runs it."""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    """Run the `glossary` console script."""
    # pytz checks that each of its 600 time zone files exists the first time a zone is asked
    # for, which babel does as it loads: 12-20 ms of every start. pytz's own switch skips the
    # check; the files come with it.
    os.environ.setdefault("PYTZ_SKIPEXISTSCHECK", "1")
    # The modules loaded now live as long as the process. Collecting while they load would
    # scan their objects again and again, and every later collection once more: pause the
    # collector, then set what was loaded aside for good (freeze). 2 % of the server's start.
    gc.disable()
    try:
        # the commands, loaded with the collector paused
        from glossary import cli  # noqa: F401
        from glossary.cli import dictionary, exchange, maintenance  # noqa: F401
    finally:
        gc.freeze()
        gc.enable()
    run()


def run() -> None:
    """Check the settings, then run the command line of the app create_app makes."""
    import click
    from flask.cli import FlaskGroup

    from glossary import config, create_app

    try:  # before any command, --help included: a wrong setting is named, never a traceback
        config.from_environment(os.environ)
    except config.SettingError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)

    command = FlaskGroup(create_app=create_app, add_default_commands=True, add_version_option=False)
    command.help = "glossary: a bilingual English–Chinese glossary and name reference."
    command()


if __name__ == "__main__":
    main()
