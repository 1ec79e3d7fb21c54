"""The JSON API: /api/search and /api/entries/<id>. Field names are a contract."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify, render_template
from flask.typing import ResponseReturnValue

from glossary import search, store
from glossary.db import get_db
from glossary.views.search import checked_request

bp = Blueprint("api", __name__, url_prefix="/api")

SUMMARY_FIELDS = (
    "id",
    "kind",
    "english",
    "simplified",
    "traditional",
    "pinyin",
    "description",
    "url",
)


def summary(entry: dict[str, Any]) -> dict[str, Any]:
    """The fields every search result and entry share."""
    return {name: entry[name] for name in SUMMARY_FIELDS}


@bp.get("/search")
def api_search() -> ResponseReturnValue:
    """Search (or browse): {"query", "total", "results"}."""
    request = checked_request()
    found = search.run(get_db(), request)
    results = []
    for entry in found.entries:
        result = summary(entry)
        if "match" in entry:
            result["match"] = {"field": entry["match"]["field"], "form": entry["match"]["form"]}
        results.append(result)
    return jsonify(
        query=request.q,
        kind=request.kind,
        tag=request.tag,
        limit=request.limit,
        offset=request.offset,
        total=found.total,
        results=results,
    )


@bp.get("/entries/<int:entry_id>")
def api_entry(entry_id: int) -> ResponseReturnValue:
    """One entry in full."""
    entry = store.get_entry(get_db(), entry_id)
    if entry is None:
        abort(404, description=f"no entry with id {entry_id}")
    document = summary(entry)
    document.update(
        aliases=entry["aliases"],
        notes=entry["notes"],
        tags=entry["tags"],
        status=entry["status"],
        verified=entry["verified"],
        sources=[
            {
                k: source[k]
                for k in ("quote", "quote_zh", "title", "publisher", "url", "published", "accessed")
            }
            for source in entry["sources"]
        ],
        affiliations=[
            {
                "organization": summary(a["entry"]),
                "role": a["role"],
                "as_of": a["as_of"],
                "source": a["source"],
            }
            for a in entry["affiliations"]
        ],
        members=[
            {"person": summary(a["entry"]), "role": a["role"], "as_of": a["as_of"]}
            for a in entry["members"]
        ],
        related=[summary(r) for r in entry["related"]],
        created=entry["created"],
        updated=entry["updated"],
        revision=entry["revision"],
    )
    return jsonify(document)


@bp.route("/<path:anything>")
def api_not_found(anything: str) -> ResponseReturnValue:
    """Unknown API paths answer JSON, not an HTML page."""
    abort(404, description=f"no API route /api/{anything}")


@bp.get("")
def docs() -> ResponseReturnValue:
    """A readable description of the API."""
    return render_template("api.html")
