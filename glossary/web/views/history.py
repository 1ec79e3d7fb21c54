"""An entry's history, the difference between revisions, revert, delete, restore, review."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from flask_login import current_user
from markupsafe import Markup, escape

from glossary.entries import revisions, service, stored_text
from glossary.model import StoredEntry
from glossary.store import history as stored_history
from glossary.store import review as stored_review
from glossary.store.entries import get_entry
from glossary.store.review import Queued
from glossary.text import hanzi, numbers
from glossary.web.db import get_db
from glossary.web.display import hanzi_forms, html_lang, kind_label, status_label
from glossary.web.login import role_required, safe_next

bp = Blueprint("history", __name__)
# The session's key for the verification the message after Verify offers to undo.
UNDO_KEY = "undo_verification"

CHANGES_LIMIT = 100
REVIEW_PAGE = 50  # entries on a page of the review queue
REVIEW_PAGES = 10_000  # the last page asked for that is read: 500,000 entries
MAX_REASON = 500
ACTION_LABELS = {
    "import": _l("imported"),
    "create": _l("created"),
    "edit": _l("edited"),
    "revert": _l("reverted"),
    "delete": _l("deleted"),
    "restore": _l("restored"),
    "verify": _l("verified"),
    "undo": _l("verification undone"),
}
DIFF_LABELS = {
    "kind": _l("Kind"),
    "english": _l("English"),
    "aliases": _l("Aliases and other forms"),
    "simplified": _l("Simplified"),
    "traditional": _l("Traditional"),
    "pinyin": _l("Pinyin"),
    "romanization": _l("Published romanization"),
    "romanization_system": _l("Romanization system"),
    "description": _l("Description"),
    "notes": _l("Notes for translators"),
    "tags": _l("Tags"),
    "status": _l("Status"),
    "sources": _l("Sources"),
    "affiliations": _l("Affiliations"),
    "related": _l("See also"),
}
# The language of a field's values, for fonts and screen readers; other fields are told line
# by line.
DIFF_LANGS = {
    "kind": "",  # shown translated, in the interface's language
    "status": "",
    "english": "en",
    "simplified": "zh-Hans",
    "traditional": "zh-Hant",
    "pinyin": "zh-Latn-pinyin",
    "romanization": "en",
    "romanization_system": "en",
}


_IDEOGRAPHS = "〇" + "".join(f"{chr(low)}-{chr(high)}" for low, high in hanzi.CJK_RANGES)
# A run of Chinese: ideographs with the CJK punctuation and middle dots between them.
_CHINESE_RUN = re.compile(f"[{_IDEOGRAPHS}][{_IDEOGRAPHS}\u3000-\u303f\uff00-\uffef·]*")


@bp.app_template_global()
def action_label(action: str) -> str:
    """Return the translated name of what a revision did."""
    return str(ACTION_LABELS.get(action, action))


@bp.app_template_global()
def bilingual(text: str) -> Markup:
    """Mark up free text by language: English, with each run of Chinese in it marked Chinese."""
    if not re.search("[A-Za-z]", text) and hanzi.has_cjk(text):
        return Markup('<span lang="zh">%s</span>') % text
    # Written as pieces joined once: a Markup grown by += escapes and copies it all again
    # at each run, and a review page marks up a hundred texts.
    pieces = ['<span lang="en">']
    end = 0
    for run in _CHINESE_RUN.finditer(text):
        pieces += (escape(text[end : run.start()]), '<span lang="zh">', escape(run.group()))
        pieces.append("</span>")
        end = run.end()
    pieces += (escape(text[end:]), "</span>")
    return Markup("".join(pieces))


def _entry(entry_id: int) -> StoredEntry:
    entry = get_entry(get_db(), entry_id)
    if entry is None:
        abort(404)
    return entry


def _form_number(name: str) -> int:
    number = numbers.whole_number(request.form.get(name, ""))
    if number is None:
        abort(400, description=_("Parameter “%(name)s” must be a whole number.", name=name))
    return number


def _reason(name: str) -> str:
    """A reason or comment from the form, as it is stored; 400 if it cannot be."""
    reason = stored_text.normalise(" ".join(request.form.get(name, "").split()))
    if (problem := stored_text.problem(reason)) == stored_text.UNSTORABLE_MESSAGE:
        abort(400, description=_("The reason must not contain NUL characters."))
    if problem:
        abort(400, description=_("The reason must not contain control characters."))
    if len(reason) > MAX_REASON:
        abort(400, description=_("The reason must be at most %(max)s characters.", max=MAX_REASON))
    return reason


def _conflict(entry: StoredEntry, message: str) -> ResponseReturnValue:
    return render_template("history/conflict.html", entry=entry, message=message), 409


def _stale(entry: StoredEntry) -> ResponseReturnValue:
    return _conflict(
        entry,
        _(
            "Someone else changed this entry since you opened it: it is now at revision "
            "%(revision)s. Look at its history to see what changed, then try again.",
            revision=entry["revision"],
        ),
    )


@bp.get("/entries/<int:entry_id>/history")
def history(entry_id: int) -> str:
    """Every revision of an entry, with a form to compare any two and buttons to revert."""
    entry = _entry(entry_id)
    return render_template(
        "history/history.html",
        entry=entry,
        revisions=stored_history.revisions(get_db(), entry_id),
        verifications=stored_review.verifications(get_db(), entry_id),
    )


@bp.get("/entries/<int:entry_id>/diff")
def diff(entry_id: int) -> str:
    """The fields that differ between two revisions, old and new side by side."""
    entry = _entry(entry_id)
    revisions_asked = []
    for name in ("from", "to"):
        number = numbers.whole_number(request.args.get(name, ""))
        if number is None:
            abort(400, description=_("Parameter “%(name)s” must be a whole number.", name=name))
        revisions_asked.append(number)
    low, high = sorted(revisions_asked)  # the older revision is always on the left
    by_number = {r["revision"]: r for r in stored_history.revisions(get_db(), entry_id)}
    if low not in by_number or high not in by_number:
        abort(404)
    old: Mapping[str, Any] = stored_history.revision_snapshot(get_db(), entry_id, low) or {}
    new: Mapping[str, Any] = stored_history.revision_snapshot(get_db(), entry_id, high) or {}
    names = stored_history.entry_names(get_db(), revisions.linked_ids(old, new))
    changes = [_shown(change) for change in revisions.diff(old, new, names, _wording())]
    return render_template(
        "history/diff.html",
        entry=entry,
        old=by_number[low],
        new=by_number[high],
        changes=changes,
    )


def _wording() -> dict[str, str]:
    """How a diff words the details of sources and affiliations, in the page's language."""
    return {
        "accessed": _("(accessed %(date)s)"),
        "as_of": _("as of %(date)s"),
        "source": _("source %(number)s"),
        "separator": pgettext("between details", ", "),
        "cited": _("%(line)s (%(source)s)"),
    }


class Shown(revisions.Change, total=False):
    """A change as the diff shows it: labelled, in its language, with the words that differ
    marked (old_parts, new_parts), or for a list the lines paired (old_lines, new_lines)."""

    label: str
    lang: str | None
    old_parts: revisions.Parts
    new_parts: revisions.Parts
    old_lines: dict[str, revisions.Parts]
    new_lines: dict[str, revisions.Parts]


def _shown(change: revisions.Change) -> Shown:
    """Add a change's label and language, and translate kinds and statuses."""
    field = change["field"]
    shown = Shown(**change, label=str(DIFF_LABELS[field]), lang=DIFF_LANGS.get(field))
    for side in ("old", "new"):
        value = shown[side]
        if field == "kind" and isinstance(value, str) and value:
            shown[side] = kind_label(value)
        elif field == "status" and isinstance(value, str) and value:
            shown[side] = status_label(value)
    old, new = shown["old"], shown["new"]
    if isinstance(old, str) and isinstance(new, str) and old and new:
        shown["old_parts"], shown["new_parts"] = revisions.word_parts(old, new)
    elif isinstance(old, list) and isinstance(new, list):
        pairs = revisions.paired_lines(old, new)
        shown["old_lines"] = {line: pair[0] for line, pair in pairs.items() if line in old}
        shown["new_lines"] = {line: pair[1] for line, pair in pairs.items() if line in new}
    return shown


@bp.post("/entries/<int:entry_id>/revert")
@role_required("editor")
def revert(entry_id: int) -> ResponseReturnValue:
    """Restore the fields of an earlier revision, as a new revision."""
    entry = _entry(entry_id)
    to, base = _form_number("to"), _form_number("revision")
    if entry["deleted"]:
        return _conflict(entry, _("This entry is deleted. Restore it before reverting it."))
    try:
        revision = service.revert(
            get_db(), entry_id, to, base_revision=base, author=current_user.name
        )
    except service.NotFound:
        abort(404)
    except service.Conflict as conflict:
        return _stale(conflict.entry)
    flash(
        _("Reverted to revision %(to)s, as revision %(revision)s.", to=to, revision=revision),
        "success",
    )
    return redirect(url_for("entries.show", entry_id=entry_id))


@bp.post("/entries/<int:entry_id>/delete")
@role_required("editor")
def delete(entry_id: int) -> ResponseReturnValue:
    """Delete an entry softly, with a reason; a reviewer can restore it."""
    _entry(entry_id)
    reason = _reason("reason")
    if not reason:
        abort(400, description=_("Say why the entry is being deleted."))
    base = _form_number("revision") if "revision" in request.form else None
    try:
        service.delete(
            get_db(), entry_id, author=current_user.name, reason=reason, base_revision=base
        )
    except service.NotFound:  # gone since it was read: a restore took it away
        abort(404)
    except service.WrongState as wrong:
        return _conflict(wrong.entry, _("This entry has been deleted already."))
    except service.Conflict as conflict:
        return _stale(conflict.entry)
    flash(_("Deleted. A reviewer can restore it."), "success")
    return redirect(url_for("entries.show", entry_id=entry_id))


@bp.post("/entries/<int:entry_id>/restore")
@role_required("reviewer")
def restore(entry_id: int) -> ResponseReturnValue:
    """Bring a deleted entry back, as a new revision."""
    _entry(entry_id)
    comment = _reason("comment")
    try:
        service.restore(get_db(), entry_id, author=current_user.name, reason=comment)
    except service.NotFound:
        abort(404)
    except service.WrongState as wrong:
        return _conflict(wrong.entry, _("This entry is not deleted."))
    flash(_("Restored."), "success")
    return redirect(url_for("entries.show", entry_id=entry_id))


@bp.post("/entries/<int:entry_id>/verify")
@role_required("reviewer")
def verify(entry_id: int) -> ResponseReturnValue:
    """Mark an entry verified, as it stands at the revision the reviewer read; the message
    that says so offers to undo it."""
    entry = _entry(entry_id)
    base = _form_number("revision") if "revision" in request.form else None
    if entry["deleted"]:
        return _conflict(entry, _("This entry is deleted. Restore it before verifying it."))
    try:
        verification = service.verify(
            get_db(), entry_id, reviewer=current_user.name, base_revision=base
        )
    except service.NotFound:
        abort(404)
    except service.Conflict as conflict:
        return _stale(conflict.entry)
    session[UNDO_KEY] = verification
    flash(_("Verified “%(english)s”.", english=entry["english"]), "verified")
    target = request.form.get("next")
    return redirect(safe_next(target) if target else url_for("entries.show", entry_id=entry_id))


@bp.post("/verifications/<int:verification_id>/undo")
@role_required("reviewer")
def undo_verification(verification_id: int) -> ResponseReturnValue:
    """Take a verification back: the entry returns to the state it had before it (for an entry
    verified from the queue, unverified and in the queue again), and the undo is kept."""
    try:
        entry = stored_review.undo_verification(
            get_db(), verification_id, reviewer=current_user.name
        )
    except stored_history.NotFound:
        abort(404)
    except stored_review.NotUndoable as late:
        return _conflict(
            late.entry,
            _(
                "This verification can no longer be undone: the entry has changed, or been "
                "verified again, since."
            ),
        )
    session.pop(UNDO_KEY, None)
    flash(_("Undid the verification of “%(english)s”.", english=entry["english"]), "success")
    target = request.form.get("next")
    return redirect(safe_next(target) if target else url_for("entries.show", entry_id=entry["id"]))


@bp.get("/changes")
def changes() -> str:
    """The latest changes across the glossary, newest first."""
    return render_template(
        "history/changes.html",
        changes=stored_history.recent_changes(get_db(), CHANGES_LIMIT),
        limit=CHANGES_LIMIT,
    )


@bp.get("/changes.atom")
def changes_feed() -> Response:
    """The latest changes as an Atom feed."""
    # Imported here, for the feed only: feedgen and the lxml it loads took about 15 ms of the
    # server's start, which every search waits for.
    from feedgen.feed import FeedGenerator

    changes = stored_history.recent_changes(get_db(), CHANGES_LIMIT)
    feed = FeedGenerator()
    feed.id(url_for("history.changes", _external=True))
    feed.title(_("Recent changes") + " · " + _("Glossary"))
    feed.link(href=url_for("history.changes_feed", _external=True), rel="self")
    feed.link(href=url_for("history.changes", _external=True), rel="alternate")
    feed.language(html_lang())
    feed.updated(_moment(changes[0]["at"]) if changes else datetime.now().astimezone())
    for change in changes:
        item = feed.add_entry(order="append")
        history_url = url_for("history.history", entry_id=change["id"], _external=True)
        if change["verification"]:  # its own id: a revision may be verified more than once
            item.id(f"{history_url}#verification-{change['number']}")
        else:
            item.id(f"{history_url}#revision-{change['revision']}")
        item.title(
            stored_text.for_xml(
                _(
                    "%(english)s %(chinese)s: %(action)s",
                    english=change["english"],
                    chinese=hanzi_forms(change)[0][1],  # in the feed's script
                    action=action_label(change["action"]),
                )
            )
        )
        item.link(href=url_for("entries.show", entry_id=change["id"], _external=True))
        item.author(name=stored_text.for_xml(change["author"]))
        item.updated(_moment(change["at"]))
        summary = _(
            "Revision %(revision)s, %(action)s by %(author)s.",
            revision=change["revision"],
            action=action_label(change["action"]),
            author=change["author"],
        )
        item.summary(stored_text.for_xml(f"{summary} {change['comment']}".strip()))
    return Response(feed.atom_str(pretty=True), mimetype="application/atom+xml")


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@bp.get("/review")
@role_required("reviewer")
def review() -> str:
    """Live entries no reviewer has verified since their last change, newest first, a page at
    a time, each with what changed since the revision last verified."""
    page = numbers.whole_number(request.args.get("page", "1"))
    if page is None or not 1 <= page <= REVIEW_PAGES:
        reason = _("must be a whole number from %(low)s to %(high)s", low=1, high=REVIEW_PAGES)
        abort(400, description=_("Parameter “%(name)s” %(reason)s.", name="page", reason=reason))
    total, entries = stored_review.review_queue(get_db(), REVIEW_PAGE, (page - 1) * REVIEW_PAGE)
    return render_template(
        "history/review.html",
        entries=[{**entry, "changes": changes} for entry, changes in _previews(entries)],
        total=total,
        page=page,
        pages=max(1, -(-total // REVIEW_PAGE)),
    )


def _previews(
    entries: list[Queued],
) -> list[tuple[Queued, list[Shown] | None]]:
    """Pair each entry of the queue with the fields changed since the revision last verified,
    or None where none was (or its snapshot is not kept)."""
    wanted = [
        pair
        for entry in entries
        if entry["verified_revision"] is not None
        for pair in ((entry["id"], entry["verified_revision"]), (entry["id"], entry["revision"]))
    ]
    kept = stored_review.snapshots(get_db(), wanted)
    names = stored_history.entry_names(get_db(), revisions.linked_ids(*kept.values()))
    wording = _wording()
    previews: list[tuple[Queued, list[Shown] | None]] = []
    for entry in entries:
        verified = entry["verified_revision"]
        old = kept.get((entry["id"], verified)) if verified is not None else None
        new = kept.get((entry["id"], entry["revision"]))
        if old is None or new is None:
            previews.append((entry, None))
        else:
            changes = revisions.diff(old, new, names, wording)
            previews.append((entry, [_shown(change) for change in changes]))
    return previews
