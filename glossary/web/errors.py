"""Error pages: JSON under /api, HTML elsewhere; never a traceback."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError, NotFound

from glossary.store.common import StorageFull


def handle_http_error(error: HTTPException) -> ResponseReturnValue:
    """Render an HTTP error as JSON for the API and as a page for people."""
    code = error.code or 500
    # Keep the headers the error carries (Allow on a 405, WWW-Authenticate on a 401).
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    if request.path.startswith("/api/"):
        # No catch-all route answers unknown API paths: one would add its methods to every
        # path's Allow and turn /api/entries/abc into a 405.
        if isinstance(error, NotFound) and error.description == NotFound.description:
            return jsonify(error=f"no API route {request.path}"), code, headers
        return jsonify(error=error.description or error.name), code, headers
    messages = {
        400: _("The request was not understood."),
        404: _("There is no such page."),
        405: _("That action is not allowed here."),
        413: _("What you sent is too large."),
        500: _("Something went wrong on our side. Please try again."),
    }
    message = messages.get(code) or _("That did not work (error %(code)s).", code=code)
    # Only a reason we wrote ourselves (already translated) is shown, never Werkzeug's English.
    custom = error.description != type(error).description
    detail = error.description if code in (400, 413) and custom else None
    page = render_template("error.html", code=code, message=message, detail=detail)
    return page, code, headers


def cannot_save_now() -> str:
    """Say that nothing was saved because the server's disk is full (in the reader's language)."""
    return _(
        "The glossary cannot save now: its server has no room left. Nothing was saved; "
        "please try again later."
    )


def handle_storage_full(error: StorageFull) -> ResponseReturnValue:
    """A write refused for want of room: 503, saying so (the form views keep their text)."""
    current_app.logger.error("Cannot save on %s %s: the disk is full", request.method, request.path)
    if request.path.startswith("/api/"):
        message = "cannot save now: the server's disk is full; nothing was saved, try again later"
        return jsonify(error=message), 503
    page = render_template("error.html", code=503, message=cannot_save_now(), detail=None)
    return page, 503


def handle_unexpected(error: Exception) -> ResponseReturnValue:
    """Turn any unhandled exception into a 500 page, logged but never shown."""
    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    return handle_http_error(InternalServerError())


def init_app(app: Flask) -> None:
    """Register the error handlers."""
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(StorageFull, handle_storage_full)
    app.register_error_handler(Exception, handle_unexpected)
