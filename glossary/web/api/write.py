"""The write API: create, edit, delete, restore and verify entries; list an entry's revisions.

Authenticated by a bearer token (`glossary user token NAME`), never by the session cookie, so
it is exempt from CSRF like the read API. Messages are English.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, NoReturn

from flask import Blueprint, abort, jsonify, request, url_for
from flask.typing import ResponseReturnValue

from glossary import accounts
from glossary.entries import service, validate
from glossary.messages import by_key
from glossary.model import JSONObject, StoredEntry
from glossary.store import history
from glossary.store.entries import get_entry
from glossary.web.api import input as api_input
from glossary.web.api.documents import EntryDocument, deleted_message, entry_document
from glossary.web.db import get_db

bp = Blueprint("api_write", __name__, url_prefix="/api")
View = Callable[..., ResponseReturnValue]


def fail(status: int, message: str, **more: Any) -> NoReturn:
    """Stop with a JSON error: {"error": message, …more}."""
    response = jsonify(error=message, **more)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    abort(response)


def bearer_account() -> accounts.Account:
    """The account whose token the Authorization header carries; 401 without a valid one."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.strip().partition(" ")
    if not header:
        fail(401, "an API token is required: send the header Authorization: Bearer TOKEN")
    if scheme.lower() != "bearer" or not token.strip():
        fail(401, "the Authorization header must be: Bearer TOKEN")
    account = accounts.account_for_token(get_db(), token.strip())
    if account is None:
        fail(401, "the API token is not valid: unknown, expired, revoked, or of a disabled account")
    return account


def token_required(role: str) -> Callable[[View], View]:
    """Answer 401 without a valid token, 403 below the role; pass the account to the view."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> ResponseReturnValue:
            account = bearer_account()
            if not account.can(role):
                fail(403, f"this needs the {role} role or higher; {account.name} is {account.role}")
            return view(account, *args, **kwargs)

        return wrapped

    return decorator


def body(*, required: bool = True) -> JSONObject:
    """The request's body as a JSON object; {} when it may be left out and is."""
    length = request.content_length
    if length is not None and length > api_input.MAX_BODY:
        fail(413, f"the body is larger than {api_input.MAX_BODY} bytes")
    raw = request.stream.read(api_input.MAX_BODY + 1)
    if not required and not raw.strip():
        return {}
    if not request.is_json:
        fail(400, "the body must be a JSON object sent with Content-Type: application/json")
    try:
        return api_input.json_object(raw)
    except api_input.BadBody as error:
        fail(error.status, str(error))


def body_options(*allowed: str) -> JSONObject:
    """An optional body of options; 400 naming each field it has that the request does not
    take, as the description says (no additional properties)."""
    given = body(required=False)
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        fail(
            400,
            f"the body has fields this request does not take: {', '.join(unknown)}",
            fields=dict.fromkeys(unknown, "is not a field of this request"),
        )
    return given


def existing(entry_id: int, *, live: bool = True) -> StoredEntry:
    """The entry with this id: 404 if there is none, 410 if it was deleted and live is asked."""
    entry = get_entry(get_db(), entry_id)
    if entry is None:
        fail(404, f"no entry with id {entry_id}")
    if live and entry["deleted"]:
        fail(410, deleted_message(entry))
    return entry


def checked_entry(document: Mapping[str, Any], fields: Mapping[str, str]) -> service.Checked:
    """Check an entry document by the rule book; answer 400 with every field's problem, in
    English, else return the record and the revision comment."""
    data, unknown = api_input.entry_input(document)
    checked = service.check(get_db(), data, comment=document.get("comment"))
    fields = {**unknown, **fields, **by_key(checked.problems)}
    if fields:
        fail(400, f"the entry is not valid: {len(fields)} field(s) to correct", fields=fields)
    return checked


def base_revision(options: Mapping[str, Any]) -> int | None:
    """The revision a change starts from, if given in the body or as ?revision=; else None.

    Both are checked where both are given (the body's counts): the description's limits
    hold for each, and a client that sends ?revision=0 beside a body hears that it is wrong.
    """
    given = [options["revision"]] if "revision" in options else []  # null is not a number
    if request.args.get("revision") is not None:
        given.append(request.args["revision"])
    revisions = [_revision(value) for value in given]
    return revisions[0] if revisions else None


def _revision(value: object) -> int:
    """A revision number sent by a client; 400 unless a whole number of at least 1."""
    revision = api_input.revision_number(value)
    if revision is None:
        message = "must be a whole number of at least 1"
        fail(
            400,
            f"'revision' {message}: the revision of the entry you started from",
            fields={"revision": message},
        )
    return revision


def stale(conflict: history.Conflict, base: int | None) -> NoReturn:
    """Answer 409 with the entry as it is now."""
    current = conflict.entry
    fail(
        409,
        f"entry {current['id']} is at revision {current['revision']}, not {base}:"
        " it changed since you read it; apply your change to the current entry",
        current=entry_document(current),
    )


def current_document(entry_id: int) -> EntryDocument:
    """An entry as it is now, for the answer to a change."""
    entry = get_entry(get_db(), entry_id)
    assert entry is not None
    return entry_document(entry)


@bp.post("/entries")
@token_required("editor")
def api_create(account: accounts.Account) -> ResponseReturnValue:
    """Create an entry (unverified); 201 with it and its Location."""
    checked = checked_entry(body(), {})
    entry_id, _ = service.save(
        get_db(), checked.record, author=account.name, comment=checked.comment
    )
    response = jsonify(current_document(entry_id))
    response.status_code = 201
    response.headers["Location"] = url_for("api.api_entry", entry_id=entry_id)
    return response


@bp.put("/entries/<int:entry_id>")
@token_required("editor")
def api_edit(account: accounts.Account, entry_id: int) -> ResponseReturnValue:
    """Save an edit of the revision the body names; 409 with the current entry if stale."""
    document = body()
    existing(entry_id)
    revision = api_input.revision_number(document.get("revision"))
    fields: dict[str, str] = {}
    if revision is None:
        fields["revision"] = (
            "is required: the revision you edited"
            if document.get("revision") is None
            else "must be a whole number of at least 1"
        )
    checked = checked_entry(document, fields)
    assert revision is not None
    try:
        service.save(
            get_db(),
            checked.record,
            author=account.name,
            comment=checked.comment,
            entry_id=entry_id,
            base_revision=revision,
        )
    except service.NotFound:  # gone since it was read: a restore took it away
        fail(404, f"no entry with id {entry_id}")
    except service.Conflict as conflict:
        stale(conflict, revision)
    return jsonify(current_document(entry_id))


@bp.delete("/entries/<int:entry_id>")
@token_required("editor")
def api_delete(account: accounts.Account, entry_id: int) -> ResponseReturnValue:
    """Delete an entry softly, with a reason (?reason= or {"reason": …}); it can be restored."""
    return _set_deleted(account, entry_id, deleted=True)


@bp.post("/entries/<int:entry_id>/restore")
@token_required("reviewer")
def api_restore(account: accounts.Account, entry_id: int) -> ResponseReturnValue:
    """Bring a deleted entry back, as a new revision; an optional reason is its comment."""
    return _set_deleted(account, entry_id, deleted=False)


def _set_deleted(account: accounts.Account, entry_id: int, *, deleted: bool) -> ResponseReturnValue:
    """Delete (a reason required) or restore (a reason optional) an entry as a new revision."""
    options = body_options("reason", "revision")
    reason, problem = validate.check_comment(
        options.get("reason", request.args.get("reason")), required=deleted, path=("reason",)
    )
    if problem:
        hint = ': say why the entry goes, as ?reason= or {"reason": …}' if deleted else ""
        fail(400, f"'reason' {problem.english()}{hint}", fields={"reason": problem.english()})
    revision = base_revision(options)
    existing(entry_id, live=False)
    change = service.delete if deleted else service.restore
    try:
        change(get_db(), entry_id, author=account.name, reason=reason, base_revision=revision)
    except service.WrongState as wrong:
        if wrong.entry["deleted"]:
            fail(409, f"entry {entry_id} is already deleted: {wrong.entry['delete_reason']}")
        fail(409, f"entry {entry_id} is not deleted")
    except service.NotFound:  # gone since it was read: a restore took it away
        fail(404, f"no entry with id {entry_id}")
    except service.Conflict as conflict:
        stale(conflict, revision)
    return jsonify(current_document(entry_id))


@bp.post("/entries/<int:entry_id>/verify")
@token_required("reviewer")
def api_verify(account: accounts.Account, entry_id: int) -> ResponseReturnValue:
    """Mark an entry verified; with a revision, only if it is still the one reviewed (else 409)."""
    revision = base_revision(body_options("revision"))
    existing(entry_id)
    try:
        service.verify(get_db(), entry_id, reviewer=account.name, base_revision=revision)
    except service.NotFound:  # gone since it was read: a restore took it away
        fail(404, f"no entry with id {entry_id}")
    except service.Conflict as conflict:
        stale(conflict, revision)
    return jsonify(current_document(entry_id))


@bp.get("/entries/<int:entry_id>/revisions")
def api_revisions(entry_id: int) -> ResponseReturnValue:
    """An entry's revisions, newest first (kept after a delete)."""
    existing(entry_id, live=False)
    return jsonify(revisions=history.revisions(get_db(), entry_id))
