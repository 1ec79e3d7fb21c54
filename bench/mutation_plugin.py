"""A pytest plugin for `make mutate`: each test session starts with the package's caches empty,
and runs its quickest tests first.

mutmut tests each mutant in a process forked from its own, where the tests have already run
once: what the package cached there (the name tables read once, the lru_cache of parsed pinyin)
would answer the mutant's tests without running the mutated code. Emptying the caches is
cheaper than forking from a process that has imported nothing: the libraries stay loaded
(pypinyin's and rjieba's dictionaries, half a second a mutant).
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

# mutmut's record of each test's duration, in the folder it runs the tests in.
STATS = Path("mutmut-stats.json")


def pytest_sessionstart(session: Any) -> None:
    for name, module in list(sys.modules.items()):
        if name == "glossary" or name.startswith("glossary."):
            for value in list(vars(module).values()):
                # Asked of the value's type: a proxy of Flask's (current_app, g) would look
                # its attribute up in an app context there is none of.
                if hasattr(type(value), "cache_clear") and value.__module__ == name:
                    value.cache_clear()


def pytest_collection_modifyitems(items: list[Any]) -> None:
    """Order a mutant's tests quickest first: mutmut stops at the first failure, and most
    mutants are killed, so a mutant costs what its tests cost until one fails. The tests on the
    seeded database come after those without: the first to need it builds it (a second or so)."""
    durations = _durations()
    items.sort(
        key=lambda item: ("seeded_template" in item.fixturenames, durations.get(item.nodeid, 0))
    )


@cache
def _durations() -> dict[str, float]:
    """Each test's duration (s) as mutmut recorded it; none before it has run them all."""
    try:
        recorded = json.loads(STATS.read_text(encoding="utf-8"))["duration_by_test"]
    except (OSError, ValueError, KeyError):
        return {}
    return {name.removeprefix("mutants/"): seconds for name, seconds in recorded.items()}
