"""A pytest plugin for `make mutate`: each test session starts with the package's caches empty.

mutmut tests each mutant in a process forked from its own, where the tests have already run
once: what the package cached there (the name tables read once, the lru_cache of parsed pinyin)
would answer the mutant's tests without running the mutated code. Emptying the caches is
cheaper than forking from a process that has imported nothing: the libraries stay loaded
(pypinyin's and rjieba's dictionaries, half a second a mutant).
"""

from __future__ import annotations

import sys
from typing import Any


def pytest_sessionstart(session: Any) -> None:
    for name, module in list(sys.modules.items()):
        if name == "glossary" or name.startswith("glossary."):
            for value in list(vars(module).values()):
                # Asked of the value's type: a proxy of Flask's (current_app, g) would look
                # its attribute up in an app context there is none of.
                if hasattr(type(value), "cache_clear") and value.__module__ == name:
                    value.cache_clear()
