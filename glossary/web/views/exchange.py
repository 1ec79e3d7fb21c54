"""Downloads of the glossary, of a search and of an entry in each export format; the import page."""

from __future__ import annotations

import time
from pathlib import Path, PurePath
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
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

from glossary import exchange, store
from glossary.exchange import formats, importer
from glossary.web import errors, uploads
from glossary.web.db import get_db
from glossary.web.forms import ConfirmImportForm, ImportForm
from glossary.web.views.auth import role_required
from glossary.web.views.search import checked_request

bp = Blueprint("exchange", __name__)
FORMAT = "<format:format>"  # a registered format's name (web/converters.py)


@bp.app_template_global()
def export_formats() -> tuple[formats.Format, ...]:
    """Every format, for the download links."""
    return formats.every()


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


def _download(entries: list[dict[str, Any]], format: str, name: str) -> Response:
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
    entry = store.get_entry(get_db(), entry_id)
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
        return [
            _(
                "%(name)s is not UTF-8 or UTF-16 text, and it does not read clearly as GB18030 "
                "or Big5. Save it as UTF-8 (in Excel: “CSV UTF-8”) and upload it again.",
                name=name,
            )
        ]
    except importer.InvalidData as error:
        return importer.first_problems(error.errors)
    names = {r["key"]: (r["english"], r["simplified"]) for r in parsed.document["entries"]}
    return report, names, [_said(note) for note in parsed.warnings]


def _said(note: formats.Note) -> str:
    """A reader's note in the user's language ("columns … ignored: reviewer note")."""
    return _(note.message, **note.values)


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
    outcome = _import(raw, format, name, on_duplicate, dry_run=True, skip_invalid=skip_invalid)
    if isinstance(outcome, list):
        return _page(form=form, problems=outcome), 400
    report, names, notes = outcome
    details = {"account_id": current_user.id, "name": name, "format": format, "at": time.time()}
    choices = {"on_duplicate": on_duplicate, "skip_invalid": skip_invalid}
    kept = uploads.keep(_folder(), raw, {**details, **choices})
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


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> ResponseReturnValue:
    """Say how large a file may be."""
    detail = _("The file is larger than %(size)s MB, the most one import takes.", size=_megabytes())
    return errors.handle_http_error(RequestEntityTooLarge(description=detail))
