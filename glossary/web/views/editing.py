"""Adding and editing entries: the entry form, live suggestions, and edit conflicts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_login import current_user

from glossary.entries import revisions, service, suggest, validate
from glossary.messages import N_, BadParameter
from glossary.model import KINDS, LIMITS, STATUSES, Entry, StoredEntry
from glossary.store import history
from glossary.store.entries import get_entry
from glossary.text import numbers, romanize
from glossary.web import display, params
from glossary.web import entry_form as drafts
from glossary.web.db import get_db
from glossary.web.errors import cannot_save_now
from glossary.web.forms import EntryForm
from glossary.web.login import role_required

bp = Blueprint("editing", __name__)


def _resolve(text: str, entry_id: str, kind: str | None) -> int | None:
    return suggest.resolve_entry(get_db(), text, entry_id, kind)


def _render(
    template: str, form: EntryForm, entry: StoredEntry | None, status: int = 200, **extra: Any
) -> ResponseReturnValue:
    """Show the form as typed, with a warning about possible duplicates."""
    drafts.prepare(form)
    characters = (form.simplified.data or form.traditional.data or "").strip()[:200]
    duplicates = suggest.duplicates(
        get_db(),
        characters=characters,
        kind=form.kind.data,
        english=(form.english.data or "").strip()[:500],
        exclude=entry["id"] if entry else None,
    )
    page = render_template(
        template, form=form, entry=entry, duplicates=duplicates, refused=status == 400, **extra
    )
    return page, status


def _checked(form: EntryForm) -> service.Checked | None:
    """Check the submitted form; return the clean record, or None with the problems placed."""
    if not form.validate():  # the CSRF token; every other field is the rule book's to judge
        form.form_errors.append(_("The form had expired. Please save again."))
        return None
    draft = drafts.read_form(form, _resolve)
    checked = service.check(get_db(), draft.record, comment=form.comment.data or "")
    if checked.problems:
        drafts.place_problems(form, draft, checked.problems)
        return None
    return checked


@bp.route("/entries/new", methods=["GET", "POST"])
@role_required("editor")
def new() -> ResponseReturnValue:
    """Add an entry: every field, at least one source."""
    if request.method == "GET":
        prefill = {
            name: request.args.get(name, "")[:200]
            for name in ("kind", "english", "simplified")
            if request.args.get(name)
        }
        return _render("editing/form.html", EntryForm(data=prefill), None)
    form = EntryForm()
    if drafts.add_row(form, request.form.get("add", "")):
        return _render("editing/form.html", form, None)
    checked = _checked(form)
    if checked is None:
        return _render("editing/form.html", form, None, 400)
    try:
        entry_id, _revision = service.save(
            get_db(), checked.record, author=current_user.name, comment=checked.comment
        )
    except service.StorageFull:
        form.form_errors.append(cannot_save_now())
        return _render("editing/form.html", form, None, 503)
    flash(
        _(
            "Added %(english)s. It is unverified until a reviewer checks it.",
            english=checked.record["english"],
        ),
        "success",
    )
    return redirect(url_for("entries.show", entry_id=entry_id))


def _editable(entry_id: int) -> StoredEntry:
    entry = get_entry(get_db(), entry_id)
    if entry is None:
        abort(404)
    return entry


@bp.route("/entries/<int:entry_id>/edit", methods=["GET", "POST"])
@role_required("editor")
def edit(entry_id: int) -> ResponseReturnValue:
    """Edit an entry; refused with the conflict page if it changed since the edit began."""
    entry = _editable(entry_id)
    if request.method == "GET":
        if entry["deleted"]:
            message = _("This entry has been deleted. Restore it before editing it.")
            return render_template("error.html", code=404, message=message, detail=None), 404
        return _render("editing/form.html", EntryForm(data=drafts.form_data(entry)), entry)
    form = EntryForm()
    base = numbers.whole_number(form.revision.data or "", 1)
    if base is None:
        abort(400, description=_("The form does not say which revision it started from."))
    if entry["deleted"]:  # deleted while it was being edited: keep the editor's text on show
        return _conflict(form, entry, base)
    if drafts.add_row(form, request.form.get("add", "")):
        return _render("editing/form.html", form, entry)
    checked = _checked(form)
    if checked is None:
        return _render("editing/form.html", form, entry, 400)
    try:
        _id, revision = service.save(
            get_db(),
            checked.record,
            author=current_user.name,
            comment=checked.comment,
            entry_id=entry_id,
            base_revision=base,
        )
    except service.NotFound:
        abort(404)
    except service.Conflict as conflict:
        return _conflict(form, conflict.entry, base, checked.record)
    except service.StorageFull:  # the editor's text stays on show, to save once there is room
        form.form_errors.append(cannot_save_now())
        return _render("editing/form.html", form, entry, 503)
    flash(_("Saved revision %(revision)s.", revision=revision), "success")
    return redirect(url_for("entries.show", entry_id=entry_id))


def _conflict(
    form: EntryForm, current: StoredEntry, base: int, record: Entry | None = None
) -> ResponseReturnValue:
    """The edit started from an older revision: show what changed since, the entry as it is
    now, and the editor's own text, to save again over the current revision on purpose.

    Each change says whether the editor changed that field too, or would undo it by saving.
    """
    db = get_db()
    before = history.revision_snapshot(db, current["id"], base)
    now = history.snapshot(current)
    linked = history.entry_names(db, revisions.linked_ids(now, *([before] if before else [])))
    wording = {
        "accessed": _("(accessed %(date)s)", date="%(date)s"),
        "as_of": _("as of %(date)s", date="%(date)s"),
        "source": _("source %(number)s", number="%(number)s"),
        "separator": pgettext("between details", ", "),
        "cited": _("%(line)s (%(source)s)"),
    }
    changes = revisions.diff(_shown(before), _shown(now), linked, wording) if before else None
    if changes is not None and record is not None and before is not None:
        mine = {**record, "related": sorted(record["related"])}
        touched = {change["field"] for change in revisions.diff(before, mine)}
        for change in changes:
            change["mine"] = change["field"] in touched
    shown: Mapping[str, object] = _shown(now)  # read by the name of each field
    entry_now = [
        {"field": name, "value": revisions.lines(name, shown[name], linked, wording)}
        if name in revisions.LIST_FIELDS
        else {"field": name, "value": shown[name]}
        for name in revisions.FIELDS
    ]
    others = [r for r in history.revisions(db, current["id"]) if r["revision"] > base]
    form.revision.data = str(current["revision"])
    return _render(
        "editing/conflict.html",
        form,
        current,
        409,
        changes=changes,
        current=entry_now,
        others=others,
        base=base,
    )


def _shown(snapshot: Entry) -> Entry:
    """The snapshot with its kind and status in the interface language."""
    shown = snapshot.copy()
    if shown.get("kind") in KINDS:
        shown["kind"] = display.kind_label(shown["kind"])
    if shown.get("status") in STATUSES:
        shown["status"] = display.status_label(shown["status"])
    return shown


def _bad(error: BadParameter) -> ResponseReturnValue:
    return jsonify(error=str(error)), 400


@bp.get("/entries/suggest")
def suggestions() -> ResponseReturnValue:
    """What the entry form suggests for characters and English as they are typed (JSON)."""
    args = request.args
    try:
        kind = params.kind_parameter(args)
        characters = params.hanzi_parameter(args) if (args.get("hanzi") or "").strip() else ""
        english = " ".join((args.get("english") or "").split())
        if len(english) > LIMITS["english"] or "\x00" in english:
            raise BadParameter(
                "english",
                N_("must be at most %(max)s characters long"),
                max=LIMITS["english"],
            )
        if not characters and not english:
            raise BadParameter("hanzi", N_("is required"))
        exclude = numbers.whole_number(args.get("exclude") or "0")
        if exclude is None:
            raise BadParameter("exclude", N_("must be a whole number"))
        pinyin = _typed_pinyin(args)
    except BadParameter as error:
        return _bad(error)
    result = suggest.suggestions(
        get_db(),
        characters=characters,
        kind=kind,
        english=english,
        exclude=exclude or None,
        pinyin=pinyin,
    )
    for form in result["forms"]:  # the names of the forms, in the editor's language
        form["label"] = str(display.PASTE_LABELS.get(form["name"], form["name"]))
    return jsonify(result)


def _typed_pinyin(args: Any) -> str:
    """The pinyin the editor typed, when it reads as pinyin (else the suggested one is used)."""
    pinyin = " ".join((args.get("pinyin") or "").split())
    if len(pinyin) > LIMITS["pinyin"] or "\x00" in pinyin:
        raise BadParameter(
            "pinyin",
            N_("must be at most %(max)s characters long"),
            max=LIMITS["pinyin"],
        )
    return validate.with_tone_marks(pinyin) if pinyin and romanize.parse(pinyin) else ""
