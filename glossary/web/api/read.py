"""The JSON API: /api/search and /api/entries/<id>. Field names are a contract."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Blueprint, abort, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from glossary import articles, search
from glossary.articles import files as article_files
from glossary.messages import BadParameter
from glossary.store.dictionary import name_readings
from glossary.store.entries import entries_with_characters, get_entry
from glossary.text import names
from glossary.web import params
from glossary.web.api import input as api_input
from glossary.web.api import openapi
from glossary.web.api.documents import Match, Result, deleted_message, entry_document, summary
from glossary.web.db import get_db
from glossary.web.views.search import checked_request

bp = Blueprint("api", __name__, url_prefix="/api")
T = TypeVar("T")


@bp.get("/search")
def api_search() -> ResponseReturnValue:
    """Search (or browse): {"query", "total", "results"}."""
    search_request = checked_request()
    found = search.run(get_db(), search_request)
    results = []
    for entry in found.entries:
        result = Result(**summary(entry), collection=entry["collection"])
        if "match" in entry:
            match = entry["match"]
            result["match"] = Match(
                field=match["field"], form=match["form"], system=match["system"]
            )
        results.append(result)
    return jsonify(
        query=search_request.q,
        kind=search_request.kind,
        tag=search_request.tag,
        verified=search_request.verified,
        limit=search_request.limit,
        offset=search_request.offset,
        total=found.total,
        total_is_lower_bound=found.total_is_lower_bound,
        results=results,
        did_you_mean=found.did_you_mean,  # queries that find something, when this one finds nothing
    )


@bp.post("/extract")
def api_extract() -> ResponseReturnValue:
    """Read an article ({"text": "…"}): the entries it names, and the drafts it offers."""
    if (request.content_length or 0) > api_input.MAX_BODY:  # refused before it is read
        abort(413, description=f"the body is larger than {api_input.MAX_BODY} bytes")
    request.max_content_length = api_input.MAX_BODY + 1  # json_object says why, in its words
    try:
        document = api_input.json_object(request.get_data(cache=False))
    except api_input.BadBody as error:
        abort(error.status, description=str(error))
    text = document.get("text")
    if not isinstance(text, str):
        abort(400, description="text is required: the article as a string")
    if not text.strip():
        abort(400, description="text is empty: send the article's text")
    if len(text) > article_files.MAX_LENGTH:
        abort(
            413,
            description=f"text is longer than {article_files.MAX_LENGTH} characters;"
            " send the article in parts",
        )
    if "\x00" in text or not text.isprintable() and _has_surrogates(text):
        abort(400, description="text must not contain NUL characters or lone surrogates")
    marks = articles.marker(get_db(), current_app.config["DATABASE"])
    return jsonify(articles.read(get_db(), text, marks))


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@bp.get("/entries/<int:entry_id>")
def api_entry(entry_id: int) -> ResponseReturnValue:
    """One entry in full; a deleted entry is gone (410), with the reason."""
    entry = get_entry(get_db(), entry_id)
    if entry is None:
        abort(404, description=f"no entry with id {entry_id}")
    if entry["deleted"]:
        abort(410, description=deleted_message(entry))
    return jsonify(entry_document(entry))


@bp.get("")
def docs() -> ResponseReturnValue:
    """A readable description of the API, drawn from its OpenAPI document."""
    document = openapi.document(current_app.config)
    return render_template("api.html", api=document, operations=openapi.operations(document))


@bp.get("/openapi.json")
def api_openapi() -> ResponseReturnValue:
    """The OpenAPI 3.1 description of every /api route."""
    return jsonify(openapi.document(current_app.config))


def _checked(read: Callable[[], T]) -> T:
    """Run a parameter check, answering 400 with the reason in English when it fails."""
    try:
        return read()
    except BadParameter as error:
        abort(400, description=str(error))


@bp.get("/romanize")
def api_romanize() -> ResponseReturnValue:
    """Readings of Chinese text: both scripts, pinyin, tone numbers, house styles."""
    text = _checked(lambda: params.hanzi_parameter(request.args))
    # kind= and region= are refused, as the description's enums refuse them
    kind = _checked(lambda: params.kind_parameter(request.args, empty_ok=False))
    region = _checked(lambda: params.region_parameter(request.args, empty_ok=False))
    return jsonify(names.romanization(text, kind, region))


@bp.get("/check-name")
def api_check_name() -> ResponseReturnValue:
    """Check a written name against its characters, syllable by syllable."""
    english = _checked(lambda: params.english_parameter(request.args))
    text = _checked(lambda: params.hanzi_parameter(request.args))
    db = get_db()
    known = entries_with_characters(db, "person", text)
    result = names.check(english, text, known, name_readings(db, text))
    return jsonify(
        match=result.match,
        english=result.english,
        hanzi=result.hanzi,
        reading=result.reading,
        expected=result.expected,
        pinyin=result.pinyin,
        published=result.published,
        differences=[
            {
                "syllable": d.character,
                "position": d.position,
                "written": d.written,
                "reads": d.reads,
                "other_readings": d.other_readings,
            }
            for d in result.differences
        ],
        entry=summary(result.entry) if result.entry else None,
        system=result.system,
        close=(
            {
                "system": result.close.system,
                "form": result.close.form,
                "differences": [
                    {
                        "syllable": d.character,
                        "position": d.position,
                        "written": d.written,
                        "spelt": d.reads,
                    }
                    for d in result.close.differences
                ],
            }
            if result.close
            else None
        ),
        notes=result.notes,
        message=result.message(),
    )
