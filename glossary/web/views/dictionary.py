"""The base dictionary's entry page: every form and definition of a CC-CEDICT entry."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from glossary.dictionary import notation
from glossary.store.dictionary import dictionary_ids, dictionary_info, get_dictionary_entry
from glossary.web.db import get_db

bp = Blueprint("dictionary", __name__)


@bp.get("/dictionary/<int:dictionary_id>")
def show(dictionary_id: int) -> str:
    """A dictionary entry: both scripts, pinyin, definitions, and where it comes from."""
    db = get_db()
    entry = get_dictionary_entry(db, dictionary_id)
    if entry is None:
        abort(404)
    definitions = [notation.read(d) for d in entry["definitions"]]
    cited = [(c.simplified, c.numbered) for d in definitions for c in d.citations]
    return render_template(
        "dictionary/entry.html",
        entry=entry,
        definitions=definitions,
        cited=dictionary_ids(db, cited),
        info=dictionary_info(db),
    )
