"""The "Read an article" page: the article with what the glossary knows marked, the entries
found, the names and terms it could add; editors tick drafts and create them together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from glossary import articles
from glossary.articles import Draft, Known, drafting, extract
from glossary.articles import files as article_files
from glossary.entries import service
from glossary.messages import Problem
from glossary.model import KINDS
from glossary.store.common import StorageFull
from glossary.store.entries import EntryForms, entry_forms, get_entry
from glossary.text import hanzi, numbers
from glossary.web.db import get_db
from glossary.web.errors import cannot_save_now
from glossary.web.forms import MAX_DRAFTS, ArticleForm, DraftsForm
from glossary.web.login import role_required

bp = Blueprint("articles", __name__)
SOURCE = ("title", "publisher", "url", "published")


class Named(EntryForms):
    """An entry an article names, with how many times it does."""

    count: int


def pieces(text: str, known: Sequence[Known], drafts: Sequence[Draft]) -> list[Any]:
    """Split text into plain runs and marked runs: ("", run), ("known", run, mark) or
    ("draft", run, index). Marks of known entries win over the drafts they overlap."""
    spans: list[tuple[int, int, str, Any]] = [(m["start"], m["end"], "known", m) for m in known]
    for index, draft in enumerate(drafts):
        if not any(s < draft["end"] and draft["start"] < e for s, e, *_ in spans):
            spans.append((draft["start"], draft["end"], "draft", index))
    spans.sort(key=lambda span: span[0])
    result: list[Any] = []
    position = 0
    for start, end, what, detail in spans:
        if start < position:
            continue
        if start > position:
            result.append(("", text[position:start]))
        result.append((what, text[start:end], detail))
        position = end
    if position < len(text):
        result.append(("", text[position:]))
    return result


def _render(form: ArticleForm, status: int = 200, **page: Any) -> ResponseReturnValue:
    page.setdefault("result", None)
    page.setdefault("drafts_form", None)
    return render_template("articles/read.html", form=form, **page), status


@bp.get("/read")
def read_page() -> ResponseReturnValue:
    """The empty form: paste an article or upload one."""
    return _render(ArticleForm())


@bp.post("/read")
def read_article() -> ResponseReturnValue:
    """Read the article sent: marks, the entries found, and the drafts it offers."""
    if (request.content_length or 0) > article_files.MAX_BYTES:  # refused before it is read
        form = ArticleForm(formdata=None)
        form.file.errors = [_too_large()]
        return _render(form, 413)
    # A body sent without its length stops being read past the limit (413 from Werkzeug); a
    # pasted article counts as much as an uploaded one.
    request.max_content_length = request.max_form_memory_size = article_files.MAX_BYTES
    form = ArticleForm()
    if not form.validate():
        form.form_errors.append(_("The form had expired. Please send the article again."))
        return _render(form, 400)
    text, details = form.text.data or "", dict[str, str]()
    upload = form.file.data
    if upload is not None and upload.filename:
        try:
            raw = upload.read(article_files.MAX_BYTES + 1)
            text, details = article_files.read(upload.filename, raw, article_files.MAX_LENGTH)
        except article_files.Unreadable as error:
            form.file.errors = [error.words(_)]
            return _render(form, 413 if isinstance(error, article_files.TooLong) else 400)
    if not text.strip():
        form.text.errors = [_("Paste an article, or upload one as a file.")]
        return _render(form, 400)
    if len(text) > article_files.MAX_LENGTH:
        form.text.errors = [
            _(
                "The article is longer than %(max)s characters. Send it in parts.",
                max=article_files.MAX_LENGTH,
            )
        ]
        return _render(form, 413)
    form.text.data = text
    marker = articles.marker(get_db(), current_app.config["DATABASE"])
    result = articles.read(get_db(), text, marker)
    named = {mark["entry_id"] for mark in result["known"]}
    records = {entry["id"]: entry for entry in entry_forms(get_db(), named)}
    # An entry deleted since the marker was built is not named.
    result["known"] = [mark for mark in result["known"] if mark["entry_id"] in records]
    found: dict[int, Named] = {}
    for mark in result["known"]:
        entry = found.setdefault(mark["entry_id"], Named(**records[mark["entry_id"]], count=0))
        entry["count"] += 1
    drafts_form = None
    if current_user.is_authenticated and current_user.can("editor"):
        drafts_form = DraftsForm(
            formdata=None, data={**details, "drafts": _rows(result["candidates"])}
        )
    return _render(
        form,
        result=result,
        pieces=pieces(text, result["known"], result["candidates"]),
        entries=found,
        drafts_form=drafts_form,
    )


def _too_large() -> str:
    """Say how large an upload may be."""
    return _(
        "The file is larger than %(size)s MB. Send the article in parts.",
        size=f"{article_files.MAX_BYTES / 1024 / 1024:g}",
    )


class DraftRow(TypedDict):
    """A row of the drafts form (forms.DraftForm's data), as a candidate fills it in."""

    kind: str
    english: str
    simplified: str
    traditional: str
    pinyin: str
    romanization: str
    aliases: str  # one a line
    affiliation: str
    quote: str
    organization_id: int | str  # "" for none
    existing_entry_id: int | str
    romanized: str  # "1": the English spells the characters
    written_pinyin: str
    action: str
    selected: bool


def _rows(candidates: Sequence[Draft]) -> list[DraftRow]:
    """The drafts form's rows: every candidate, ticked unless the glossary has it already."""
    rows = []
    for candidate in candidates:
        rows.append(
            DraftRow(
                kind=candidate["kind"],
                english=candidate["english"],
                simplified=candidate["simplified"],
                traditional=candidate["traditional"],
                pinyin=candidate["pinyin"],
                romanization=candidate["romanization"],
                aliases="\n".join(candidate["aliases"]),
                affiliation=candidate["affiliation"],
                quote=candidate["context"],
                organization_id=candidate["affiliation_entry_id"] or "",
                existing_entry_id=candidate["existing_entry_id"] or "",
                romanized="1" if candidate["romanized"] else "",
                written_pinyin=candidate["written_pinyin"],
                action="source" if candidate["existing_same_english"] else "new",
                selected=False,
            )
        )
    return rows


def _row_data(row: Any) -> dict[str, object]:
    """A drafts form row's data by field, with its aliases as a list and its ids as numbers."""
    data = dict(row.data)
    data["aliases"] = [line for line in (data["aliases"] or "").splitlines() if line.strip()]
    data["organization_id"] = numbers.whole_number(data.get("organization_id"), 1)
    data["existing_entry_id"] = numbers.whole_number(data.get("existing_entry_id"), 1)
    return data


def _refused(form: ArticleForm, status: int, drafts_form: DraftsForm) -> ResponseReturnValue:
    """Show the drafts again, with their errors and what the checks find in them now."""
    return _render(form, status, drafts_form=drafts_form, checks=_checks(drafts_form))


def _checks(drafts_form: DraftsForm) -> list[Draft | None]:
    """Check each draft as the editor left it (its romanization, an entry it may duplicate),
    as the article's reading did; None for a draft with no characters or no English."""
    checked: list[Draft | None] = []
    for row in drafts_form.drafts:
        english = (row.english.data or "").strip()
        simplified = (row.simplified.data or "").strip()
        if not english or not hanzi.has_cjk(simplified):
            checked.append(None)
            continue
        candidate = extract.Candidate(
            english=english,
            simplified=simplified,
            traditional=(row.traditional.data or "").strip(),
            start=0,
            end=0,
            surface="",
            kind=row.kind.data if row.kind.data in KINDS else "term",
            written_pinyin=(row.written_pinyin.data or "").strip(),
            romanized=row.romanized.data == "1",
        )
        checked.append(articles.draft(get_db(), candidate))
    return checked


def _place(form: DraftsForm, index: int, problems: list[Problem]) -> None:
    """Put the rule book's problems beside the fields they name, in the editor's language:
    a source's (the article's) beside the article's fields, the rest in the draft's row."""
    row = form.drafts[index]
    for problem in problems:
        message = problem.words(_)
        name = problem.field if problem.path[:1] == ("sources",) else str(problem.path[0])
        if problem.path[:1] == ("sources",) and name in SOURCE:
            target = form[name]
        else:
            target = row.form._fields.get(name, row.form.selected)
        if message not in target.errors:  # a source error is every ticked draft's
            target.errors = [*target.errors, message]


@bp.post("/read/drafts")
@role_required("editor")
def create_drafts() -> ResponseReturnValue:
    """Create the ticked drafts together, each with the article as its source."""
    drafts_form = DraftsForm()
    form = ArticleForm(formdata=None)
    if not drafts_form.validate():
        drafts_form.form_errors.append(_("The form had expired. Please save again."))
        return _refused(form, 400, drafts_form)
    chosen = [(i, row) for i, row in enumerate(drafts_form.drafts) if row.selected.data]
    if not chosen:
        drafts_form.form_errors.append(_("Tick the drafts to create."))
        return _refused(form, 400, drafts_form)
    article = {name: (drafts_form[name].data or "").strip() for name in SOURCE}
    plans, errors = drafting.plan(get_db(), [_row_data(row) for _, row in chosen], article)
    if errors:
        for position, problems in errors.items():
            _place(drafts_form, chosen[position][0], problems)
        drafts_form.form_errors.append(_("Nothing was saved: correct the drafts marked below."))
        return _refused(form, 400, drafts_form)
    try:
        done = drafting.create(
            get_db(), plans, author=current_user.name, comment=article["title"][:500]
        )
    except service.Conflict:
        drafts_form.form_errors.append(
            _("An entry changed while you worked, so nothing was saved. Read the article again.")
        )
        return _refused(form, 409, drafts_form)
    except StorageFull:
        drafts_form.form_errors.append(cannot_save_now())
        return _refused(form, 503, drafts_form)
    flash(
        ngettext(
            "Saved %(num)s draft. New entries are unverified until a reviewer checks them.",
            "Saved %(num)s drafts. New entries are unverified until a reviewer checks them.",
            len(done),
        ),
        "success",
    )
    ids = ",".join(str(entry_id) for _, entry_id in done)
    return redirect(url_for("articles.created", ids=ids))


@bp.get("/read/created")
@role_required("editor")
def created() -> ResponseReturnValue:
    """The entries an article's drafts just created or added to."""
    entries = []
    for value in request.args.get("ids", "").split(",")[:MAX_DRAFTS]:
        if (entry_id := numbers.whole_number(value, 1)) is not None:
            entry = get_entry(get_db(), entry_id)
            if entry is not None:
                entries.append(entry)
    return render_template("articles/created.html", entries=entries)
