"""Downloads of the glossary, of a search and of an entry in each export format; the import page."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path, PurePath
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from glossary import exchange, search
from glossary.exchange import formats, importer, jobs, wording
from glossary.messages import N_
from glossary.model import StoredEntry
from glossary.store.entries import get_entry
from glossary.web import display, errors, i18n, uploads
from glossary.web.db import get_db
from glossary.web.forms import ConfirmImportForm, ImportForm
from glossary.web.login import role_required
from glossary.web.views.search import checked_request

bp = Blueprint("exchange", __name__)
FORMAT = "<format:format>"  # a registered format's name (web/converters.py)


@bp.app_template_global()
def export_formats() -> tuple[formats.Format, ...]:
    """Every format, for the download links."""
    return formats.every()


@bp.app_template_global()
def export_links(found: search.Request) -> list[tuple[str, str]]:
    """The links that download everything a search or listing finds, one in each format:
    (label, address), each label from this request's catalog."""
    query = {
        "q": found.q or None,
        "kind": found.kind,
        "tag": found.tag,
        "verified": 1 if found.verified else None,
    }
    catalog = i18n.translations()
    return [
        (
            catalog.ugettext(format.label),
            display.query_url("exchange.export_results", {"format": format.name}, query),
        )
        for format in formats.every()
    ]


def _languages() -> tuple[str, str]:
    """The TSV's source and target languages the request asks for; 400 unless two of them."""
    source = request.args.get("source", "en")
    target = request.args.get("target", "zh-Hans")
    if source not in formats.LANGUAGES or target not in formats.LANGUAGES or source == target:
        languages = ", ".join(formats.LANGUAGES)
        abort(
            400,
            description=_("Source and target must be two of %(languages)s.", languages=languages),
        )
    return source, target


def _download(entries: list[StoredEntry], format: str, name: str) -> Response:
    source, target = _languages()
    written = exchange.export_bytes(entries, format, source=source, target=target)
    response = Response(written, content_type=formats.named(format).media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get(f"/export.{FORMAT}")
def export_results(format: str) -> Response:
    """Every entry the search (or browse) with these parameters finds, as a file, sent as
    it is written (a glossary of 100,000 entries is never held at once)."""
    search_request = checked_request()
    source, target = _languages()
    chunks = exchange.export_chunks(get_db(), search_request, format, source=source, target=target)
    response = Response(stream_with_context(chunks), content_type=formats.named(format).media_type)
    name = exchange.download_name(format, query=search_request.q)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get(f"/entries/<int:entry_id>/export.{FORMAT}")
def export_entry(entry_id: int, format: str) -> Response:
    """One entry as a file."""
    entry = get_entry(get_db(), entry_id)
    if entry is None:
        abort(404)
    if entry["deleted"]:
        abort(410)
    return _download([entry], format, exchange.download_name(format, entry=entry))


def _folder() -> Path:
    return Path(current_app.config["IMPORT_FOLDER"])


def _import(
    raw: bytes, format: str, name: str, on_duplicate: str, *, dry_run: bool, skip_invalid: bool
) -> tuple[importer.Report, dict[str, tuple[str, str]], list[str]] | list[str]:
    """Import (or dry-run) a file in the current account's name; return the report, entry
    names and the reader's notes in the user's language, or the problems. The file's verified
    marks count only if the account may verify."""
    try:
        report, parsed = exchange.import_bytes(
            get_db(),
            raw,
            format,
            name,
            dry_run=dry_run,
            on_duplicate=on_duplicate,
            author=current_user.name,
            verified_by=current_user.name if current_user.can("reviewer") else None,
            skip_invalid=skip_invalid,
        )
    except formats.NotText:
        return [_not_text(name)]
    except importer.InvalidData as error:
        return wording.first(error.words(_), _)
    report.rejected = wording.say(report.refusals, _)  # in the user's language
    names = {r["key"]: (r["english"], r["simplified"]) for r in parsed.document["entries"]}
    return report, names, [_said(note) for note in parsed.warnings]


def _said(note: formats.Note) -> str:
    """A reader's note in the user's language ("columns … ignored: reviewer note")."""
    return _(note.message, **note.values)


def _not_text(name: str) -> str:
    return _(
        "%(name)s is not UTF-8 or UTF-16 text, and it does not read clearly as GB18030 "
        "or Big5. Save it as UTF-8 (in Excel: “CSV UTF-8”) and upload it again.",
        name=name,
    )


def _megabytes() -> str:
    return f"{current_app.config['MAX_CONTENT_LENGTH'] / 1024 / 1024:g}"


def _page(**context: Any) -> str:
    return render_template(
        "exchange/import.html", max_size=_megabytes(), accept=formats.accepted(), **context
    )


@bp.route("/import", methods=["GET", "POST"])
@role_required("editor")
def import_page() -> ResponseReturnValue:
    """Upload a file: first a dry run says what importing it would do."""
    form = ImportForm()
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return _page(form=form), status
    upload = form.file.data
    name = PurePath(upload.filename or "").name[:200] or "upload"
    raw = upload.read()
    format = form.format.data or exchange.guess_format(name)
    if format is None:
        form.format.errors = [_("The file name does not say which format it is: choose one.")]
        return _page(form=form), 400
    on_duplicate = form.on_duplicate.data or "skip"
    skip_invalid = bool(form.skip_invalid.data)
    if len(raw) > current_app.config["IMPORT_JOB_KB"] * 1024:
        return _start_job(form, raw, name, format, on_duplicate, skip_invalid)
    outcome = _import(raw, format, name, on_duplicate, dry_run=True, skip_invalid=skip_invalid)
    if isinstance(outcome, list):
        return _page(form=form, problems=outcome), 400
    report, names, notes = outcome
    details = uploads.Details(
        account_id=current_user.id,
        name=name,
        format=format,
        at=time.time(),
        on_duplicate=on_duplicate,
        skip_invalid=skip_invalid,
    )
    kept = uploads.keep(_folder(), raw, details)
    return _page(
        form=form,
        report=report,
        names=names,
        notes=notes,
        file_name=name,
        confirm=ConfirmImportForm(upload=kept),
    )


@bp.post("/import/confirm")
@role_required("editor")
def confirm_import() -> ResponseReturnValue:
    """Import a file whose dry run the editor has read."""
    confirm = ConfirmImportForm()
    kept = None
    if confirm.validate_on_submit():
        kept = uploads.take(_folder(), confirm.upload.data or "", current_user.id)
    if kept is None:
        flash(
            _("That upload has expired or was imported already. Please upload it again."), "error"
        )
        return redirect(url_for("exchange.import_page"))
    raw, details = kept
    skip_invalid = bool(details.get("skip_invalid", False))
    outcome = _import(
        raw,
        details["format"],
        details["name"],
        details["on_duplicate"],
        dry_run=False,
        skip_invalid=skip_invalid,
    )
    form = ImportForm(
        formdata=None,
        format=details["format"],
        on_duplicate=details["on_duplicate"],
        skip_invalid=skip_invalid,
    )
    if isinstance(outcome, list):
        return _page(form=form, problems=outcome), 400
    report, names, notes = outcome
    return _page(
        form=form,
        report=report,
        names=names,
        notes=notes,
        file_name=details["name"],
        done=True,
    )


def launch_job(job_id: str) -> None:
    """Start a job's process; a thread of this worker waits for it to end (so that it leaves
    no zombie behind), the request does not."""
    try:
        process = jobs.launch(current_app.config["DATABASE"], _folder(), job_id)
    except OSError:  # the job stays waiting, and its page says it was interrupted
        current_app.logger.exception("could not start import job %s", job_id)
        return
    threading.Thread(target=process.wait, daemon=True).start()


def _start_job(
    form: ImportForm, raw: bytes, name: str, format: str, on_duplicate: str, skip_invalid: bool
) -> ResponseReturnValue:
    """Keep a large upload and start its dry run as a job; send the editor to its page."""
    try:
        job_id = jobs.start(
            get_db(),
            _folder(),
            raw,
            account_id=current_user.id,
            file_name=name,
            format=format,
            on_duplicate=on_duplicate,
            skip_invalid=skip_invalid,
        )
    except jobs.Busy as busy:
        return _busy(busy), 409 if busy.own else 503
    launch_job(job_id)
    return redirect(url_for("exchange.job_page", job_id=job_id), 303)


def _busy(busy: jobs.Busy) -> str:
    """The import page, saying why no job can start now."""
    if busy.own:
        message = _("You have an import running: wait for it to end, then upload the next file.")
    else:
        message = _("Other imports are running: upload the file again in a few minutes.")
    flash(message, "error")
    return _page(form=ImportForm(formdata=None))


def _job(job_id: str) -> jobs.Job:
    """The job as its page shows it; 404 unless the current account started it or is an
    admin (another editor learns nothing, not even that it exists)."""
    job = jobs.status(get_db(), _folder(), job_id)
    if job is None or job["account_id"] != current_user.id and not current_user.can("admin"):
        abort(404)
    return job


JOB_PROBLEMS = {
    "account": N_("The account that started this import is disabled: nothing was imported."),
    "storage_full": N_("The disk is full: nothing was imported. Try again later."),
    "error": N_("The import failed on the server: nothing was imported."),
}


@bp.get("/import/jobs/<job_id>")
@role_required("editor")
def job_page(job_id: str) -> ResponseReturnValue:
    """A job's progress while it runs (the page refreshes itself), then its report."""
    job = _job(job_id)
    if job["state"] in ("waiting", "running", "interrupted"):
        return render_template("exchange/job.html", job=job, job_phase=_phase(job))
    outcome = json.loads(job["outcome"] or "{}")
    form = ImportForm(
        formdata=None,
        format=job["format"],
        on_duplicate=job["on_duplicate"],
        skip_invalid=bool(job["skip_invalid"]),
    )
    if "report" not in outcome:
        problem = outcome.get("problem")
        if problem == "not_text":
            problems = [_not_text(job["file_name"])]
        elif problem in JOB_PROBLEMS:
            problems = [_(JOB_PROBLEMS[problem])]
        elif outcome.get("refusals"):  # in the reader's language
            refusals = [wording.from_json(kept) for kept in outcome["refusals"]]
            problems = wording.say(refusals, _)
            if outcome["count"] > len(problems):
                problems.append(_("and %(num)s more", num=outcome["count"] - len(problems)))
        else:
            problems = outcome.get("problems") or [_(JOB_PROBLEMS["error"])]
        return _page(form=form, problems=problems)
    confirm = None
    mine = job["account_id"] == current_user.id
    if job["dry_run"] and mine and jobs.upload_path(_folder(), job_id).exists():
        confirm = ConfirmImportForm(upload=job_id)
    report = importer.Report(**outcome["report"])
    if "rejected" in outcome:  # in the reader's language
        report.rejected = wording.say(map(wording.from_json, outcome["rejected"]), _)
    return _page(
        form=form,
        report=report,
        names=outcome["names"],
        file_name=job["file_name"],
        done=not job["dry_run"],
        confirm=confirm,
        confirm_action=url_for("exchange.import_job", job_id=job_id),
    )


@bp.get("/import/jobs/<job_id>/progress")
@role_required("editor")
def job_progress(job_id: str) -> ResponseReturnValue:
    """A job's state, phase and counts, for the job page's script."""
    job = _job(job_id)
    return jsonify(
        state=job["state"],
        phase=job["phase"],
        read=job["read"],
        checked=job["checked"],
        written=job["written"],
        dry_run=bool(job["dry_run"]),
        phase_label=_phase(job),
    )


def _phase(job: jobs.Job) -> str:
    """What a job is doing, in words."""
    if job["state"] == "waiting":
        return _("Waiting to start")
    if job["phase"] == "writing" and job["dry_run"]:
        return _("Trying the import: nothing is kept")
    labels = {
        "reading": _("Reading the file"),
        "checking": _("Checking each record"),
        "writing": _("Writing the entries"),
    }
    return labels.get(job["phase"], _("Reading the file"))


@bp.post("/import/jobs/<job_id>/import")
@role_required("editor")
def import_job(job_id: str) -> ResponseReturnValue:
    """Import the file of a dry run the editor has read, as a job of its own."""
    confirm = ConfirmImportForm()
    job = _job(job_id)
    if job["account_id"] != current_user.id:
        abort(404)
    if not confirm.validate_on_submit() or confirm.upload.data != job_id:
        abort(400)
    try:
        new_id = jobs.start_import(get_db(), _folder(), job_id)
    except jobs.Busy as busy:
        return _busy(busy), 409 if busy.own else 503
    if new_id is None:
        flash(
            _("That upload has expired or was imported already. Please upload it again."), "error"
        )
        return redirect(url_for("exchange.import_page"))
    launch_job(new_id)
    return redirect(url_for("exchange.job_page", job_id=new_id), 303)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> ResponseReturnValue:
    """Say how large a file may be."""
    detail = _("The file is larger than %(size)s MB, the most one import takes.", size=_megabytes())
    return errors.handle_http_error(RequestEntityTooLarge(description=detail))
