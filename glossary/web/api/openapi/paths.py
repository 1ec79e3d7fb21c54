"""The routes of the OpenAPI description: each path, method, parameter and response.

The limits are the ones the API checks (search.parse_request, names.*_parameter, model.LIMITS,
api_input.MAX_BODY); tests/test_openapi.py checks each documented limit against the live app.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from glossary.articles import files as article_files
from glossary.model import KINDS, LIMITS
from glossary.text import hanzi, names
from glossary.web.api import input as api_input
from glossary.web.api.openapi.schemas import MAX_ID, Schema, ref, text

JSON = "application/json"
HANZI_LIMIT = 100  # params.hanzi_parameter and params.english_parameter
TAG_LIMIT = 100  # search.parse_request
MAX_OFFSET = 1_000_000
MAX_PAGE = 10_000


def parameter(
    name: str, schema: Schema, description: str, where: str = "query", **more: Any
) -> Schema:
    """A parameter of an operation."""
    return {"name": name, "in": where, "description": description, "schema": schema, **more}


def answer(description: str, schema: Schema | None = None, **headers: Schema) -> Schema:
    """A response: its description, the JSON it carries and its headers."""
    response: Schema = {"description": description}
    if headers:
        response["headers"] = {name.replace("_", "-"): header for name, header in headers.items()}
    if schema is not None:
        response["content"] = {JSON: {"schema": schema}}
    return response


def error(description: str) -> Schema:
    """An error response: {"error": "…"}."""
    return answer(description, ref("Error"))


def read(name: str, summary: str, responses: Mapping[str, Schema], *parameters: Schema) -> Schema:
    """A read operation."""
    return {
        "operationId": name,
        "tags": ["reading"],
        "summary": summary,
        **({"parameters": list(parameters)} if parameters else {}),
        "responses": dict(responses),
    }


def write(
    name: str,
    summary: str,
    role: str,
    responses: Mapping[str, Schema],
    body: Schema,
    *parameters: Schema,
) -> Schema:
    """A write operation: a bearer token of this role or above; 401, 413 (and 403 where a role
    is above every account's, editor) besides."""
    operation: Schema = {
        "operationId": name,
        "tags": ["writing"],
        "summary": summary,
        "security": [{"bearerAuth": []}],
        "x-role": role,
        **({"parameters": list(parameters)} if parameters else {}),
        "requestBody": body,
        "responses": {
            **responses,
            **({"403": error(f"The account's role is below {role}.")} if role != "editor" else {}),
            "401": answer(
                "No token, or one unknown, revoked or of a disabled account.",
                ref("Error"),
                WWW_Authenticate={"schema": {"const": "Bearer"}, "required": True},
            ),
            "413": error(f"The body is larger than {api_input.MAX_BODY} bytes."),
        },
    }
    operation["responses"] = dict(sorted(operation["responses"].items()))
    return operation


def json_body(schema: Schema, description: str, *, required: bool = False) -> Schema:
    """A request body: one JSON object."""
    return {"required": required, "description": description, "content": {JSON: {"schema": schema}}}


ENTRY_ID = parameter(
    "id",
    {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    "The entry's id.",
    "path",
    required=True,
    example=4,
)
REVISION = parameter(
    "revision",
    {"type": "integer", "minimum": 1},
    "The revision the change starts from; 409 if it is no longer current. Also in the body.",
)
REASON = parameter(
    "reason",
    text(maxLength=LIMITS["comment"]),
    "Why, for the entry's history. Also in the body.",
)
# DELETE refuses an empty reason; a client may send it in the body instead, but the description
# asks for it here, so that what the schema allows the server takes.
DELETE_REASON = parameter(
    "reason",
    text(minLength=1, maxLength=LIMITS["comment"]),
    "Why, for the entry's history: required (here or in the body).",
    required=True,
)
BAD_PARAMETER = error("A bad parameter, and why.")
NOT_FOUND = error("No entry has this id.")
GONE = error("The entry was deleted; the reason is given.")
BAD_BODY = answer(
    "Invalid fields (a message for each), or a body that is not a JSON object.",
    {"anyOf": [ref("ValidationError"), ref("Error")]},
)
CONFLICT = answer("The entry changed since the revision sent; this is it now.", ref("Conflict"))
EITHER_CONFLICT = {"anyOf": [ref("Conflict"), ref("Error")]}
ENTRY = answer("The entry as it is now.", ref("Entry"))
REASON_BODY = json_body(ref("Reason"), "Optional: reason and revision.")


def paths(config: Mapping[str, Any]) -> dict[str, Schema]:
    """Every /api route and method."""
    created = answer(
        "Created: the entry with its id and revision 1.",
        ref("Entry"),
        Location={"description": "The entry's API address.", "schema": text(), "required": True},
    )
    return {
        "/api/search": {"get": search_operation(config)},
        "/api/entries": {
            "post": write(
                "createEntry",
                "Create an entry; it is unverified until a reviewer verifies it.",
                "editor",
                {"201": created, "400": BAD_BODY},
                json_body(
                    ref("EntryInput"),
                    "An entry as GET /api/entries/{id} shows it, and an optional comment.",
                    required=True,
                ),
            )
        },
        "/api/entries/{id}": {
            "parameters": [ENTRY_ID],
            "get": read(
                "getEntry", "One entry in full.", {"200": ENTRY, "404": NOT_FOUND, "410": GONE}
            ),
            "put": write(
                "editEntry",
                "Save an edit of the revision the body names.",
                "editor",
                {"200": ENTRY, "400": BAD_BODY, "404": NOT_FOUND, "409": CONFLICT, "410": GONE},
                json_body(
                    ref("EntryEdit"),
                    "The entry as edited, with the revision it started from.",
                    required=True,
                ),
            ),
            "delete": write(
                "deleteEntry",
                "Delete an entry, giving a reason; it is kept and can be restored.",
                "editor",
                {
                    "200": answer("The entry, deleted: {at, reason}.", ref("Entry")),
                    "400": BAD_BODY,
                    "404": NOT_FOUND,
                    "409": answer("Already deleted, or changed since.", EITHER_CONFLICT),
                },
                REASON_BODY,
                DELETE_REASON,
                REVISION,
            ),
        },
        "/api/entries/{id}/revisions": {
            "parameters": [ENTRY_ID],
            "get": read(
                "listRevisions",
                "An entry's revisions, newest first; kept after a delete.",
                {"200": answer("Every revision.", ref("Revisions")), "404": NOT_FOUND},
            ),
        },
        "/api/entries/{id}/verify": {
            "parameters": [ENTRY_ID],
            "post": write(
                "verifyEntry",
                "Mark an entry verified; with a revision, only if it is still current.",
                "reviewer",
                {"200": ENTRY, "400": BAD_BODY, "404": NOT_FOUND, "409": CONFLICT, "410": GONE},
                json_body(ref("BaseRevision"), "Optional: the revision reviewed."),
                REVISION,
            ),
        },
        "/api/entries/{id}/restore": {
            "parameters": [ENTRY_ID],
            "post": write(
                "restoreEntry",
                "Bring a deleted entry back, as a new revision.",
                "reviewer",
                {
                    "200": ENTRY,
                    "400": BAD_BODY,
                    "404": NOT_FOUND,
                    "409": answer("Not deleted, or changed since.", EITHER_CONFLICT),
                },
                REASON_BODY,
                REASON,
                REVISION,
            ),
        },
        "/api/romanize": {"get": romanize_operation()},
        "/api/check-name": {"get": check_name_operation()},
        "/api/extract": {"post": extract_operation()},
        "/api/openapi.json": {
            "get": read(
                "openapi",
                "This description of the API (OpenAPI 3.1).",
                {"200": answer("The OpenAPI document.", {"type": "object"})},
            )
        },
    }


def search_operation(config: Mapping[str, Any]) -> Schema:
    """GET /api/search."""
    return read(
        "search",
        "Search, or browse every entry when the query is empty.",
        {
            "200": answer(
                "One page of results and the total found; each says which form matched.",
                ref("SearchResponse"),
            ),
            "400": BAD_PARAMETER,
        },
        parameter(
            "q",
            text(maxLength=config["MAX_QUERY_LENGTH"]),
            "Characters, pinyin (tone marks, numbers or none) or English; empty browses."
            " Whitespace is collapsed first.",
            example="谢锋",
        ),
        parameter("kind", {"enum": list(KINDS)}, "Only entries of this kind."),
        parameter("tag", text(maxLength=TAG_LIMIT), "Only entries with this tag."),
        parameter(
            "verified",
            {"enum": ["1", "true", "on", "0", "false", "off"]},
            "1, true or on: only entries a reviewer has verified.",
        ),
        parameter(
            "limit",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": config["MAX_PAGE_SIZE"],
                "default": config["PAGE_SIZE"],
            },
            "Results per page.",
        ),
        parameter(
            "offset",
            {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
            "Results to skip.",
        ),
        parameter(
            "page",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            "A page number, when offset is not given: offset = (page − 1) × limit.",
        ),
    )


def hanzi_parameter(example: str = "谢锋") -> Schema:
    """The hanzi parameter of /api/romanize and /api/check-name."""
    return parameter(
        "hanzi",
        text(minLength=1, maxLength=HANZI_LIMIT, pattern=hanzi.CJK.pattern),
        "Chinese characters, in either script.",
        required=True,
        example=example,
    )


def romanize_operation() -> Schema:
    """GET /api/romanize."""
    return read(
        "romanize",
        "Both scripts, a name-aware pinyin reading, tone numbers and house styles.",
        {"200": answer("The readings.", ref("Romanization")), "400": BAD_PARAMETER},
        hanzi_parameter(),
        parameter(
            "kind",
            {"enum": list(names.KINDS_READ), "default": "person"},
            "How to read the characters: a person's name reads its surname as a surname.",
        ),
        parameter(
            "region",
            {"enum": [region for region in hanzi.REGIONS if region]},
            "Whose conventions give simplified input its traditional form: tw (Taiwan) or"
            " hk (Hong Kong); none, OpenCC's standard forms. Traditional input is kept.",
        ),
    )


def check_name_operation() -> Schema:
    """GET /api/check-name."""
    return read(
        "checkName",
        "Check a name as written against its characters, syllable by syllable.",
        {
            "200": answer(
                "The outcome, and the glossary's entry with these characters, if any.",
                ref("CheckName"),
            ),
            "400": BAD_PARAMETER,
        },
        parameter(
            "english",
            text(minLength=1, maxLength=HANZI_LIMIT),
            "The name as written: order, capitals, hyphens and tone marks do not matter.",
            required=True,
            example="Wang Xiaojun",
        ),
        hanzi_parameter("王晓晖"),
    )


def extract_operation() -> Schema:
    """POST /api/extract."""
    return {
        "operationId": "extract",
        "tags": ["reading"],
        "summary": "Read an article: where it names glossary entries, and drafts of the names"
        " and terms it writes with their characters, each checked.",
        "requestBody": json_body(ref("ExtractRequest"), "The article's text.", required=True),
        "responses": {
            "200": answer("The entries named, and the drafts.", ref("Extraction")),
            "400": error("No text, an empty one, or a body that is not a JSON object."),
            "413": error(
                f"A text longer than {article_files.MAX_LENGTH} characters, or a body larger than"
                f" {api_input.MAX_BODY} bytes."
            ),
        },
    }
