"""Whether what a database holds can be served: text that pages, the feed and exports can carry,
within the limits the form keeps to, and revision snapshots the history can read.

`glossary check` reports what is not, and `glossary restore` refuses a file that holds it: a
control character in a comment, a 50 MB note or a snapshot that is not JSON would otherwise be
restored faithfully and then answer 500. The rules are stored_text's and validate's, applied to
rows instead of requests: the rows as store.integrity reads them (stored_values,
revision_snapshots), handed in by store.maintenance. Messages are English, like every command's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from glossary.entries import stored_text
from glossary.model import COUNTS, LIMITS, SOURCE_FIELDS
from glossary.model import FIELDS as RECORD_FIELDS

MAX_LISTED = 20  # problems listed before the rest are counted
LIST_FIELDS = ("aliases", "tags")  # stored as JSON lists of texts
# Columns named otherwise than the field whose rule they keep.
RULE_OF = {"delete_reason": "reason", "author": "account name"}
SNAPSHOT_LISTS = ("aliases", "tags", "sources", "affiliations", "related")


def problems(
    values: Iterable[tuple[str, int, str, Any]], snapshots: Iterable[tuple[int, int, Any]]
) -> list[str]:
    """Every value that cannot be served, one line each, the first MAX_LISTED listed: values
    are (table, row id, column, value), snapshots (entry id, revision, snapshot)."""
    found: list[str] = []
    for table, owner, column, value in values:
        if problem := value_problem(column, value):
            where = f"entry {owner}" if table == "entry" else f"a {table} of entry {owner}"
            found.append(f"{where}: {column} {problem}")
    for entry_id, revision, snapshot in snapshots:
        if problem := snapshot_problem(snapshot):
            found.append(f"revision {revision} of entry {entry_id}: the snapshot {problem}")
    if len(found) > MAX_LISTED:
        found[MAX_LISTED:] = [f"… and {len(found) - MAX_LISTED} more values that cannot be served"]
    return found


def value_problem(column: str, value: Any) -> str | None:
    """Say what is wrong with a stored value of a column (a field's name), or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        return "is not text"
    if column in LIST_FIELDS:
        try:
            items = json.loads(value)
        except ValueError:
            return "is not a JSON list"
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            return "is not a JSON list of texts"
        if len(items) > COUNTS[column]:
            return f"has {len(items)} items; at most {COUNTS[column]} are allowed"
        return next(filter(None, (_text_problem(column, item) for item in items)), None)
    return _text_problem(RULE_OF.get(column, column), value)


def _text_problem(field: str, value: str) -> str | None:
    if problem := stored_text.field_problem(field, value):
        return problem
    limit = LIMITS.get(field, LIMITS["comment"] if field == "reason" else 500)
    if len(value) > limit:
        return f"is {len(value)} characters long; at most {limit} are allowed"
    return None


def snapshot_problem(snapshot: Any) -> str | None:
    """Say why a revision's snapshot cannot be shown in the history, or None."""
    if not isinstance(snapshot, str):
        return "is not text"
    try:
        record = json.loads(snapshot)
    except (ValueError, RecursionError):
        return "is not JSON"
    if not isinstance(record, dict):
        return "is not a JSON object"
    for name in SNAPSHOT_LISTS:
        if not isinstance(record.get(name) or [], list):
            return f"has {name} that are not a list"
    for name in ("sources", "affiliations"):
        if not all(isinstance(item, dict) for item in record.get(name) or []):
            return f"has {name} that are not objects"
    affiliations = record.get("affiliations") or []
    ids = [*(record.get("related") or []), *(a.get("organization_id") for a in affiliations)]
    if not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        return "has links that are not entry ids"
    for name in RECORD_FIELDS:
        value = record.get(name)
        if name not in SNAPSHOT_LISTS and value is not None and not isinstance(value, str):
            return f"has {name} that is not text"
    texts = [(name, record.get(name)) for name in RECORD_FIELDS if name not in SNAPSHOT_LISTS]
    for source in record.get("sources") or []:
        texts += [(name, source.get(name)) for name in SOURCE_FIELDS]
    for name, value in texts:
        if isinstance(value, str) and (problem := _text_problem(name, value)):
            return f"has {name} that {problem}"
        if value is not None and not isinstance(value, str):
            return f"has {name} that is not text"
    return None
