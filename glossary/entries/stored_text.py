"""What every text goes through before it is stored: Unicode NFC, and only characters that
every page, file and feed can carry.

NFC makes one spelling of what looks the same ("é" typed as e + U+0301 is stored as U+00E9), so
that a search, a duplicate check and a diff see equal text as equal. NUL and lone surrogates are
refused, with a message: SQLite and UTF-8 cannot keep them faithfully. So are control characters
(C0 but tab and line breaks, DEL, C1) and U+FFFE and U+FFFF: XML cannot carry most of them, so
one \x1b in a comment made the Atom feed fail for everyone; and tabs and line breaks only in the
fields that hold more than one line (a tab in a name would break a TSV export). This is the one
place the rule lives: the form, the API, every importer, `glossary check` and restore use it.
Pure functions.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from glossary.messages import N_
from glossary.model import JSONObject

UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
UNSTORABLE_MESSAGE = N_("must not contain NUL or unpaired surrogate characters")
CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
LINE_BREAK = re.compile(r"[\t\n\r]")
CONTROL_MESSAGE = N_("must not contain control characters")
# The fields (and a revision's comment, a deletion's reason) that may hold tabs and line breaks.
MULTILINE = frozenset({"description", "notes", "quote", "quote_zh", "comment", "reason"})
# In a document written as JSON (_as_text): anything problem() may refuse in some field, an
# escape (json writes C0 controls as escapes) or a character it writes as it is. A document
# without any can be stored anywhere; one with an escaped backslash is looked at closely.
SUSPECT = re.compile(r"\\[nrtbfu]|[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What XML 1.0 cannot carry at all: the feed and TBX replace it, should a row hold it anyway.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def normalise(value: str) -> str:
    """Return text as it is stored: NFC (what cannot be stored is left for problem() to say)."""
    if value.isascii():
        return value
    return unicodedata.normalize("NFC", value)


# Anything problem() may refuse, in a field of one line or of many: one search of each text
# that can be stored (nearly all), where the three patterns took three.
REFUSED_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
REFUSED_IN_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def problem(value: str, *, multiline: bool = True) -> str | None:
    """Say why a text cannot be stored (an English message id), or None if it can; a text
    that is not multiline may not hold tabs or line breaks either."""
    if not (REFUSED_IN_LINES if multiline else REFUSED_IN_LINE).search(value):
        return None
    if UNSTORABLE.search(value):
        return UNSTORABLE_MESSAGE
    if CONTROL.search(value) or not multiline and LINE_BREAK.search(value):
        return CONTROL_MESSAGE
    return None


def field_problem(name: str, value: str) -> str | None:
    """Say why a text cannot be stored in the field so named ("notes", "aliases[2]",
    "sources[0].quote"), or None if it can."""
    field = re.sub(r"\[\d+\]$", "", name.rsplit(".", 1)[-1])
    return problem(value, multiline=field in MULTILINE)


def for_xml(value: str) -> str:
    """Return text with what XML cannot carry replaced by U+FFFD (for text stored before the
    rule, or written into the database by hand)."""
    return NOT_XML.sub("\ufffd", value)


def _as_text(document: Any) -> str | None:
    """The document as JSON text, or None if it is not JSON-like: json writes every C0
    control character as an escape (a backslash and a letter)."""
    try:
        return json.dumps(document, ensure_ascii=False)
    except (TypeError, ValueError):
        return None


def problems(document: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """Find every string of a JSON-like document that cannot be stored: (its path, why)."""
    text = None if path else _as_text(document)
    if text is not None and not SUSPECT.search(text):
        return []  # the common case, found in one search; else each string says where
    return _problems(document, path)


def _problems(document: Any, path: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], str]]:
    if isinstance(document, str):
        field = next((step for step in reversed(path) if isinstance(step, str)), "")
        found = problem(document, multiline=field in MULTILINE)
        return [(path, found)] if found else []
    found_all: list[tuple[tuple[Any, ...], str]] = []
    if isinstance(document, list):
        for index, item in enumerate(document):
            found_all += _problems(item, (*path, index))
    elif isinstance(document, dict):
        for key, value in document.items():
            if isinstance(key, str) and (found := problem(key, multiline=False)):
                found_all.append(((*path, key), "the field name " + found))
            found_all += _problems(value, (*path, key))
    return found_all


def unique_keys(pairs: list[tuple[str, Any]]) -> JSONObject:
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
