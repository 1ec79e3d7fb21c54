"""Reading a whole number someone sent (a form field, a query parameter, a file's header): ASCII
digits only, within a range. Pure.

Python's own tests are too generous for this: "²".isdigit() is true but int("²") fails, and
int() also takes "٣", "1_000", "+5" and spaces. Every number a request or a file gives is read
here, so that none of them can reach int() unchecked.
"""

from __future__ import annotations

import re

DIGITS = re.compile(r"[0-9]{1,18}")  # ASCII only ([0-9], not \d); 18 digits fit in SQLite's 64 bits
LARGEST = 2**63 - 1  # SQLite's largest integer: the largest id or revision there can be


def whole_number(raw: object, low: int = 0, high: int = LARGEST) -> int | None:
    """Return raw read as a whole number from low to high, or None if it is not one.

    Surrounding spaces are ignored; anything else that is not an ASCII digit makes it None.
    """
    if not isinstance(raw, str) or not DIGITS.fullmatch(raw := raw.strip(" \t")):
        return None
    value = int(raw)
    return value if low <= value <= high else None
