"""A pytest plugin for `make mutate`: each test session starts with the package's caches empty,
and runs its cheapest tests first.

mutmut tests each mutant in a process forked from its own, where the tests have already run
once: what the package cached there (the name tables read once, the lru_cache of parsed pinyin)
would answer the mutant's tests without running the mutated code. Emptying the caches is
cheaper than forking from a process that has imported nothing: the libraries stay loaded
(pypinyin's and rjieba's dictionaries, half a second a mutant).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

# In the folder mutmut runs the tests in: its record of each test's duration, and ours of
# what building each fixture shared by a module or the session took.
STATS = Path("mutmut-stats.json")
COSTS = Path("fixture-costs.json")
UNKNOWN = 1.0  # seconds, for a shared fixture not built yet
_built: dict[str, float] = {}


def pytest_sessionstart(session: Any) -> None:
    for name, module in list(sys.modules.items()):
        if name == "glossary" or name.startswith("glossary."):
            for value in list(vars(module).values()):
                # Asked of the value's type: a proxy of Flask's (current_app, g) would look
                # its attribute up in an app context there is none of.
                if hasattr(type(value), "cache_clear") and value.__module__ == name:
                    value.cache_clear()


def pytest_collection_modifyitems(items: list[Any]) -> None:
    """Order a mutant's tests cheapest first: mutmut stops at the first failure, and most
    mutants are killed, so a mutant costs what its tests cost until one fails. A test's cost
    is its duration as mutmut recorded it, and the building of the fixtures it shares with its
    module or the session (the seeded database, a grown glossary, the accounts' hashed
    passwords), which mutmut's durations leave out and which can take seconds."""
    durations, costs = _durations(), _costs()
    items.sort(
        key=lambda item: (
            sum(costs.get(name, UNKNOWN) for name in _shared(item)),
            durations.get(item.nodeid, 0),
        )
    )


def _shared(item: Any) -> set[str]:
    """The fixtures of the tests' own a test uses that are built once for its module or the
    session."""
    definitions = getattr(item, "_fixtureinfo", None)
    if definitions is None:
        return set()
    return {
        fixture.argname
        for fixtures in definitions.name2fixturedefs.values()
        for fixture in fixtures
        if fixture.scope != "function"
        and getattr(fixture.func, "__module__", "").startswith("tests")  # not pytest's own
        and not fixture.argname.startswith("compiled_")  # every test's: checks .mo files
    }


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef: Any, request: Any) -> Iterator[None]:
    """Time the building of each shared fixture."""
    started = time.perf_counter()
    yield
    if fixturedef.scope != "function":
        _built[fixturedef.argname] = time.perf_counter() - started


def pytest_sessionfinish(session: Any) -> None:
    """Keep what the shared fixtures took, for the next sessions' order."""
    if not _built:
        return
    costs = {**_costs(), **_built}
    written = COSTS.with_suffix(f".{os.getpid()}")
    written.write_text(json.dumps(costs), encoding="utf-8")
    written.replace(COSTS)  # whole, whichever of the processes writing it wins


def _costs() -> dict[str, float]:
    try:
        return dict(json.loads(COSTS.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


@cache
def _durations() -> dict[str, float]:
    """Each test's duration (s) as mutmut recorded it; none before it has run them all."""
    try:
        recorded = json.loads(STATS.read_text(encoding="utf-8"))["duration_by_test"]
    except (OSError, ValueError, KeyError):
        return {}
    return {name.removeprefix("mutants/"): seconds for name, seconds in recorded.items()}
