"""An editor's draft: the entry form read into the record the rule book checks, a stored entry
written into the form, and the rule book's problems placed beside the fields they name."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from flask_babel import gettext as _
from wtforms import SelectChoice

from glossary.messages import Problem
from glossary.model import Fields, Source, StoredEntry
from glossary.text import numbers

if TYPE_CHECKING:  # the form is the caller's: this module only reads and fills it
    from glossary.web.forms import EntryForm

# (typed text, hidden id, kind or None) → the id of the entry meant, or None.
Resolve = Callable[[str, str, str | None], int | None]
TAG_SEPARATORS = r"[,，、;；\n]"


class FormAffiliation(TypedDict):
    """An affiliation as the form's row says it: the organization typed may name no entry
    (None), the source chosen no row shown (-1)."""

    organization_id: int | None
    role: str
    as_of: str
    source: int | None


class FormRecord(Fields):
    """The record the form's fields make, for the rule book to check: a related entry typed
    that names no entry is its text."""

    sources: list[Source]
    affiliations: list[FormAffiliation]
    related: list[int | str]


@dataclass
class Draft:
    """The record to check, and where each of its list items came from in the form."""

    record: FormRecord
    alias_lines: list[int] = field(default_factory=list)  # record index → line number
    source_rows: list[int] = field(default_factory=list)  # record index → form row
    affiliation_rows: list[int] = field(default_factory=list)
    related_rows: list[int] = field(default_factory=list)


def _blank(*values: Any) -> bool:
    return not any(str(value or "").strip() for value in values)


def read_form(form: EntryForm, resolve: Resolve) -> Draft:
    """Read the form as the record check_entry expects; blank rows and lines are left out."""
    data = form.data
    lines = Draft(FormRecord(**_scalars(data), sources=[], affiliations=[], related=[]))
    record = lines.record
    for number, line in enumerate((data["aliases"] or "").splitlines(), start=1):
        if line.strip():
            record["aliases"].append(line)
            lines.alias_lines.append(number)
    tags = re.split(TAG_SEPARATORS, data["tags"] or "")
    record["tags"] = [tag for tag in tags if tag.strip()]
    for row, typed in enumerate(data["sources"]):
        if not _blank(*typed.values()):
            record["sources"].append(typed)
            lines.source_rows.append(row)
    for row, affiliation in enumerate(data["affiliations"]):
        if _blank(affiliation["organization"], affiliation["role"], affiliation["as_of"]):
            continue  # the hidden id alone does not count: clearing what is seen removes a row
        chosen = str(affiliation["source"] or "")
        source: int | None = None
        if chosen:  # the source's number as shown, of the rows shown; -1 if there is no such row
            position = (numbers.whole_number(chosen, 1, 9999) or 0) - 1
            source = lines.source_rows.index(position) if position in lines.source_rows else -1
        record["affiliations"].append(
            FormAffiliation(
                organization_id=resolve(
                    affiliation["organization"] or "",
                    affiliation["organization_id"] or "",
                    "organization",
                ),
                role=affiliation["role"] or "",
                as_of=affiliation["as_of"] or "",
                source=source,
            )
        )
        lines.affiliation_rows.append(row)
    for row, link in enumerate(data["related"]):
        if _blank(link["entry"]):
            continue
        entry_id = resolve(link["entry"] or "", link["entry_id"] or "", None)
        record["related"].append(link["entry"] if entry_id is None else entry_id)
        lines.related_rows.append(row)
    return lines


def _scalars(data: Mapping[str, Any]) -> Fields:
    """The form's own fields, each text as typed ("" for none); aliases and tags read after."""
    return Fields(
        kind=data["kind"] or "",
        english=data["english"] or "",
        aliases=[],
        simplified=data["simplified"] or "",
        traditional=data["traditional"] or "",
        pinyin=data["pinyin"] or "",
        romanization=data["romanization"] or "",
        romanization_system=data["romanization_system"] or "",
        description=data["description"] or "",
        notes=data["notes"] or "",
        tags=[],
        status=data["status"] or "",
    )


class AffiliationRow(TypedDict):
    """An affiliation as the form's row shows it: the organization's English and id, and the
    source's number as shown (from 1), as texts."""

    organization: str
    organization_id: str
    role: str
    as_of: str
    source: str


class RelatedRow(TypedDict):
    """A related entry as the form's row shows it."""

    entry: str
    entry_id: str


class FormData(TypedDict):
    """A stored entry as the entry form's data: every field a text, aliases one a line."""

    kind: str
    english: str
    aliases: str
    simplified: str
    traditional: str
    pinyin: str
    romanization: str
    romanization_system: str
    description: str
    notes: str
    tags: str
    status: str
    sources: list[Source]
    affiliations: list[AffiliationRow]
    related: list[RelatedRow]
    revision: str


def form_data(entry: StoredEntry) -> FormData:
    """Write a stored entry as the entry form's data."""
    return FormData(
        kind=entry["kind"] or "",
        english=entry["english"] or "",
        aliases="\n".join(entry["aliases"]),
        simplified=entry["simplified"] or "",
        traditional=entry["traditional"] or "",
        pinyin=entry["pinyin"] or "",
        romanization=entry["romanization"] or "",
        romanization_system=entry["romanization_system"] or "",
        description=entry["description"] or "",
        notes=entry["notes"] or "",
        tags=", ".join(entry["tags"]),
        status=entry["status"] or "",
        sources=[
            Source(
                quote=source["quote"] or "",
                quote_zh=source["quote_zh"] or "",
                title=source["title"] or "",
                publisher=source["publisher"] or "",
                url=source["url"] or "",
                published=source["published"] or "",
                accessed=source["accessed"] or "",
            )
            for source in entry["sources"]
        ],
        affiliations=[
            AffiliationRow(
                organization=a["entry"]["english"],
                organization_id=str(a["entry"]["id"]),
                role=a["role"] or "",
                as_of=a["as_of"] or "",
                source="" if a["source_index"] is None else str(a["source_index"] + 1),
            )
            for a in entry["affiliations"]
        ],
        related=[RelatedRow(entry=r["english"], entry_id=str(r["id"])) for r in entry["related"]],
        revision=str(entry["revision"]),
    )


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
