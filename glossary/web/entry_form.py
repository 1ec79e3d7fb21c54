"""An editor's draft: the entry form read into the record the rule book checks, a stored entry
written into the form, and the rule book's problems placed beside the fields they name."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _
from wtforms import SelectChoice

from glossary.messages import Problem
from glossary.model import FIELDS, LIST_FIELDS
from glossary.text import numbers

if TYPE_CHECKING:  # the form is the caller's: this module only reads and fills it
    from glossary.web.forms import EntryForm

# (typed text, hidden id, kind or None) → the id of the entry meant, or None.
Resolve = Callable[[str, str, str | None], int | None]
# The fields read as they are; aliases and tags are lists, read line by line or split.
SCALARS = tuple(name for name in FIELDS if name not in LIST_FIELDS)
TAG_SEPARATORS = r"[,，、;；\n]"


@dataclass
class Draft:
    """The record to check, and where each of its list items came from in the form."""

    record: dict[str, Any]
    alias_lines: list[int] = field(default_factory=list)  # record index → line number
    source_rows: list[int] = field(default_factory=list)  # record index → form row
    affiliation_rows: list[int] = field(default_factory=list)
    related_rows: list[int] = field(default_factory=list)


def _blank(*values: Any) -> bool:
    return not any(str(value or "").strip() for value in values)


def read_form(form: EntryForm, resolve: Resolve) -> Draft:
    """Read the form as the record check_entry expects; blank rows and lines are left out."""
    data = form.data
    draft = Draft({name: data[name] or "" for name in SCALARS})
    aliases = []
    for number, line in enumerate((data["aliases"] or "").splitlines(), start=1):
        if line.strip():
            aliases.append(line)
            draft.alias_lines.append(number)
    draft.record["aliases"] = aliases
    tags = re.split(TAG_SEPARATORS, data["tags"] or "")
    draft.record["tags"] = [tag for tag in tags if tag.strip()]
    sources = []
    for row, typed in enumerate(data["sources"]):
        if not _blank(*typed.values()):
            sources.append(typed)
            draft.source_rows.append(row)
    draft.record["sources"] = sources
    affiliations = []
    for row, affiliation in enumerate(data["affiliations"]):
        if _blank(affiliation["organization"], affiliation["role"], affiliation["as_of"]):
            continue  # the hidden id alone does not count: clearing what is seen removes a row
        chosen = str(affiliation["source"] or "")
        source: int | None = None
        if chosen:  # the source's number as shown, of the rows shown; -1 if there is no such row
            position = (numbers.whole_number(chosen, 1, 9999) or 0) - 1
            source = draft.source_rows.index(position) if position in draft.source_rows else -1
        affiliations.append(
            {
                "organization_id": resolve(
                    affiliation["organization"] or "",
                    affiliation["organization_id"] or "",
                    "organization",
                ),
                "role": affiliation["role"] or "",
                "as_of": affiliation["as_of"] or "",
                "source": source,
            }
        )
        draft.affiliation_rows.append(row)
    draft.record["affiliations"] = affiliations
    related: list[Any] = []
    for row, link in enumerate(data["related"]):
        if _blank(link["entry"]):
            continue
        entry_id = resolve(link["entry"] or "", link["entry_id"] or "", None)
        related.append(link["entry"] if entry_id is None else entry_id)
        draft.related_rows.append(row)
    draft.record["related"] = related
    return draft


def form_data(entry: Mapping[str, Any]) -> dict[str, Any]:
    """Write a stored entry as the entry form's data."""
    data: dict[str, Any] = {name: entry[name] or "" for name in SCALARS}
    data["aliases"] = "\n".join(entry["aliases"])
    data["tags"] = ", ".join(entry["tags"])
    data["sources"] = [
        {name: value or "" for name, value in source.items() if name != "id"}
        for source in entry["sources"]
    ]
    data["affiliations"] = [
        {
            "organization": a["entry"]["english"],
            "organization_id": str(a["entry"]["id"]),
            "role": a["role"] or "",
            "as_of": a["as_of"] or "",
            "source": "" if a["source_index"] is None else str(a["source_index"] + 1),
        }
        for a in entry["affiliations"]
    ]
    data["related"] = [{"entry": r["english"], "entry_id": str(r["id"])} for r in entry["related"]]
    data["revision"] = str(entry["revision"])
    return data


def prepare(form: EntryForm) -> None:
    """Ready the form to show: an empty affiliation and related row to type into, and each
    affiliation's choice of source numbered after the source rows."""
    if not form.affiliations.entries:
        form.affiliations.append_entry()
    if not form.related.entries:
        form.related.append_entry()
    numbers = [str(n) for n in range(1, len(form.sources.entries) + 1)]
    for row in form.affiliations.entries:
        chosen = row.form.source.data or ""
        extra = [chosen] if chosen and chosen not in numbers else []
        row.form.source.choices = [SelectChoice("", "—")] + [
            SelectChoice(n, _("Source %(number)s", number=n)) for n in [*numbers, *extra]
        ]


def add_row(form: EntryForm, group: str) -> bool:
    """Add an empty row to sources, affiliations or related (the no-JavaScript "add" button)."""
    rows = {"sources": form.sources, "affiliations": form.affiliations, "related": form.related}
    if group not in rows:
        return False
    rows[group].append_entry()
    return True


def _add_error(target: Any, message: str) -> None:
    target.errors = [*target.errors, message]


def place_problems(form: EntryForm, draft: Draft, problems: list[Problem]) -> None:
    """Show each problem, in the editor's language, beside the field its path names
    (("sources", 0, "url") → that row's URL)."""
    for problem in problems:
        message = problem.words(_)
        name, index, part = (*problem.path, None, None)[:3]
        if not isinstance(name, str) or index is not None and not isinstance(index, int):
            form.form_errors.append(message)
            continue
        if index is None:
            if name in ("sources", "affiliations", "related"):
                form.group_errors.setdefault(name, []).append(message)
            elif name in form:
                _add_error(form[name], message)
            else:
                form.form_errors.append(message)
            continue
        position = int(index)
        if name == "aliases":
            number = draft.alias_lines[position]
            _add_error(
                form.aliases, _("Line %(number)s: %(message)s", number=number, message=message)
            )
        elif name == "tags":
            number = position + 1
            _add_error(form.tags, _("Tag %(number)s: %(message)s", number=number, message=message))
        elif name == "sources" and part:
            row = form.sources.entries[draft.source_rows[position]]
            _add_error(row.form[part], message)
        elif name == "affiliations" and part:
            row = form.affiliations.entries[draft.affiliation_rows[position]]
            _add_error(row.form[part], message)
        elif name == "related":
            row = form.related.entries[draft.related_rows[position]]
            _add_error(row.form.entry, message)
        else:
            form.form_errors.append(message)
