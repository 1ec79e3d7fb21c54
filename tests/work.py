"""Counting the work code does, never its time: Python lines run, and characters scanned.

A test gives a budget; the count stops the code (WorkExceeded) as soon as it is spent, so code
that is quadratic fails at once instead of running for minutes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")


class WorkExceeded(AssertionError):
    """The code did more work than the test's budget allows."""


def within_lines(budget: int, function: Callable[..., T], *args: Any) -> tuple[T, int]:
    """Run function(*args) counting the Python lines it runs (its callees' included); raise
    WorkExceeded once more than budget have run. Return its result and the count."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
            if count > budget:
                raise WorkExceeded(f"more than {budget} lines run")
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        result = function(*args)
    finally:
        sys.settrace(previous)
    return result, count


class ScannedText(str):
    """A text that counts the characters its count(), find() and index() look through (work
    in C that counting lines does not see), and stops past a budget."""

    budget = 0
    scanned = 0

    def _scan(self) -> None:
        ScannedText.scanned += len(self)
        if ScannedText.scanned > ScannedText.budget:
            raise WorkExceeded(f"more than {ScannedText.budget} characters scanned")

    def count(self, *args: Any) -> int:  # type: ignore[override]
        self._scan()
        return str.count(self, *args)

    def find(self, *args: Any) -> int:  # type: ignore[override]
        self._scan()
        return str.find(self, *args)

    def index(self, *args: Any) -> int:  # type: ignore[override]
        self._scan()
        return str.index(self, *args)
