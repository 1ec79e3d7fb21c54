"""Home page, search results and browsing by kind."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext as _

from glossary import search
from glossary.messages import BadParameter
from glossary.store.dictionary import dictionary_info
from glossary.store.entries import count_entries, counts_by_kind, featured
from glossary.web.db import get_db

bp = Blueprint("search", __name__)


def checked_request() -> search.Request:
    """Read the search parameters of this request, answering 400 with the reason if bad."""
    config = current_app.config
    try:
        return search.parse_request(
            request.args,
            default_limit=config["PAGE_SIZE"],
            max_limit=config["MAX_PAGE_SIZE"],
            max_query=config["MAX_QUERY_LENGTH"],
        )
    except BadParameter as error:
        if request.blueprint == "api":  # API errors stay English
            abort(400, description=str(error))
        reason = _(error.reason, **error.values)
        abort(
            400, description=_("Parameter “%(name)s” %(reason)s.", name=error.name, reason=reason)
        )


@bp.get("/")
def home() -> str:
    """The search box, counts by kind and a few featured entries."""
    db = get_db()
    return render_template(
        "search/home.html",
        counts=counts_by_kind(db),
        total=count_entries(db),
        featured=featured(db, 6),
        dictionary=dictionary_info(db),
    )


@bp.get("/search")
def results() -> str:
    """Search results, or the browse listing when the query is empty."""
    found = search.run(get_db(), checked_request())
    if request.headers.get("X-Requested-With") == "glossary-search":
        return render_template("search/_results.html", results=found)
    return render_template("search/results.html", results=found, counts=counts_by_kind(get_db()))
