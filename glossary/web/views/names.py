"""The "Check a name" page for journalists."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from glossary.messages import BadParameter
from glossary.store.dictionary import name_readings
from glossary.store.entries import entries_with_characters
from glossary.text import names
from glossary.web import params
from glossary.web.db import get_db

bp = Blueprint("names", __name__)


@bp.get("/check-name")
def check_name() -> tuple[str, int] | str:
    """Compare a romanized name with its characters, syllable by syllable."""
    if not request.args.get("english") and not request.args.get("hanzi"):
        return render_template("names/check.html", result=None, errors={})
    values, errors = {}, {}
    for name, read in (("english", params.english_parameter), ("hanzi", params.hanzi_parameter)):
        try:
            values[name] = read(request.args)
        except BadParameter as error:
            errors[name] = _(error.reason, **error.values)
    if errors:
        return render_template("names/check.html", result=None, errors=errors), 400
    db = get_db()
    known = entries_with_characters(db, "person", values["hanzi"])
    dictionary = name_readings(db, values["hanzi"])
    result = names.check(values["english"], values["hanzi"], known, dictionary)
    return render_template("names/check.html", result=result, errors={})
