"""What every text goes through before it is stored: Unicode NFC, and no NUL or lone surrogate.

NFC makes one spelling of what looks the same ("é" typed as e + U+0301 is stored as U+00E9), so
that a search, a duplicate check and a diff see equal text as equal. NUL and lone surrogates are
refused, with a message: SQLite and UTF-8 cannot keep them faithfully. Pure functions.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from glossary.messages import N_

UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
UNSTORABLE_MESSAGE = N_("must not contain NUL or unpaired surrogate characters")


def normalise(value: str) -> str:
    """Return text as it is stored: NFC (what cannot be stored is left for problem() to say)."""
    if value.isascii():
        return value
    return unicodedata.normalize("NFC", value)


def problem(value: str) -> str | None:
    """Say why a text cannot be stored (an English message id), or None if it can."""
    return UNSTORABLE_MESSAGE if UNSTORABLE.search(value) else None


def normalise_all(document: Any) -> Any:
    """Return a JSON-like document with every string in it (keys too) normalised."""
    if isinstance(document, str):
        return normalise(document)
    if isinstance(document, list):
        return [normalise_all(item) for item in document]
    if isinstance(document, dict):
        return {normalise_all(k): normalise_all(v) for k, v in document.items()}
    return document


def problems(document: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """Find every string of a JSON-like document that cannot be stored: (its path, why)."""
    if isinstance(document, str):
        found = problem(document)
        return [(path, found)] if found else []
    found_all: list[tuple[tuple[Any, ...], str]] = []
    if isinstance(document, list):
        for index, item in enumerate(document):
            found_all += problems(item, (*path, index))
    elif isinstance(document, dict):
        for key, value in document.items():
            if isinstance(key, str) and problem(key):
                found_all.append(((*path, key), "the field name " + UNSTORABLE_MESSAGE))
            found_all += problems(value, (*path, key))
    return found_all


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build a JSON object, refusing a key given twice (json.loads' object_pairs_hook): which
    of the two was meant cannot be known, and readers that keep the first would see otherwise."""
    document = dict(pairs)
    if len(document) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key[:100]!r}")
            seen.add(key)
    return document
