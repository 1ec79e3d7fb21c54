"""The entry page."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask.typing import ResponseReturnValue

from glossary.store.entries import get_entry
from glossary.web.db import get_db

bp = Blueprint("entries", __name__)


@bp.get("/entries/<int:entry_id>")
def show(entry_id: int) -> ResponseReturnValue:
    """Every form of an entry, its sources, affiliations and related entries."""
    entry = get_entry(get_db(), entry_id)
    if entry is None:
        abort(404)
    if entry["deleted"]:  # gone, but say when, by whom and why, and keep its history
        return render_template("entries/deleted.html", entry=entry), 410
    return render_template("entries/entry.html", entry=entry)
