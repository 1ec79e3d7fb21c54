"""The `glossary` command (also `python -m glossary`): loads the command line, then runs it."""

from __future__ import annotations

import gc
import os


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
        from glossary import cli
    finally:
        gc.freeze()
        gc.enable()
    cli.main()


if __name__ == "__main__":
    main()
