"""The entry page."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from glossary import store
from glossary.db import get_db

bp = Blueprint("entries", __name__)


@bp.get("/entries/<int:entry_id>")
def show(entry_id: int) -> str:
    """Every form of an entry, its sources, affiliations and related entries."""
    entry = store.get_entry(get_db(), entry_id)
    if entry is None:
        abort(404)
    return render_template("entries/entry.html", entry=entry)
