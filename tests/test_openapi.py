"""/api/openapi.json is a valid OpenAPI 3.1 document and true of the live app; /api shows it."""

from __future__ import annotations

import json
import re
import shutil
from typing import Any

import pytest
import schemathesis
import schemathesis.checks
from hypothesis import HealthCheck, settings
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from schemathesis.config import SchemathesisConfig

from glossary import config, create_app, store
from glossary.config import SEED_PATH
from glossary.store.connection import connect
from glossary.web.api import input as api_input
from glossary.web.api import openapi
from tests.helpers import api_token, html

API = openapi.document(config.defaults(""))
OPERATIONS = {operation["operationId"]: operation for operation in openapi.operations(API)}
BASE = "urn:glossary:openapi"
REGISTRY = Registry().with_resource(BASE, Resource.from_contents(API, DRAFT202012))
MAX_ID = 2**63 - 1
ENTRY = {
    "kind": "term",
    "english": "confidence-building measures",
    "simplified": "建立信任措施",
    "sources": [
        {
            "quote": "Both sides discussed confidence-building measures.",
            "title": "Notes on the dialogue",
            "published": "2026-05",
        }
    ],
}


def pointer(*parts: object) -> str:
    """A JSON pointer into the document."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def response_schema(operation_id: str, status: int | str) -> Draft202012Validator:
    """A validator for the JSON an operation answers with this status, $refs resolved."""
    operation = OPERATIONS[operation_id]
    method = operation["method"].lower()
    where = pointer("paths", operation["path"], method, "responses", status, "content", "")
    return Draft202012Validator(
        {"$ref": f"{BASE}#{where}application~1json/schema"},
        registry=REGISTRY,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


@pytest.fixture(scope="module")
def reader(tmp_path_factory, seeded_template):
    """A client of one app for the tests that only read: its database is never written."""
    path = tmp_path_factory.mktemp("openapi") / "glossary.db"
    shutil.copy(seeded_template, path)
    settings = {
        "TESTING": True,
        "DATABASE": str(path),
        "SECRET_KEY": "test",
        "SEED": str(SEED_PATH),
    }
    return create_app(settings).test_client()


@pytest.fixture
def tokens(app) -> dict[str, str]:
    """A live API token of ed (editor) and rev (reviewer); no passwords (slow to hash)."""
    database = connect(app.config["DATABASE"])
    for name, role in (("ed", "editor"), ("rev", "reviewer")):
        store.insert_account(database, name, role, "!", "session")
    database.conn.close()
    return {name: api_token(app, name) for name in ("ed", "rev")}


# The document itself ------------------------------------------------------------------------------


def test_the_document_is_valid_openapi_3_1():
    validate(API)
    assert API["openapi"] == "3.1.0"


def test_the_app_serves_the_document(client, app):
    response = client.get("/api/openapi.json")
    assert (response.status_code, response.content_type) == (200, "application/json")
    assert response.get_json() == json.loads(json.dumps(openapi.document(app.config)))
    assert response.get_json() == json.loads(json.dumps(API))  # what the tests below check


def api_routes(app) -> set[tuple[str, str]]:
    """Every JSON route of the app under /api/, as (METHOD, OpenAPI path)."""
    return {
        (method, re.sub(r"<(?:\w+:)?(\w+)>", "{\\1}", rule.rule).replace("{entry_id}", "{id}"))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/") and rule.endpoint != "api.api_not_found"
        for method in rule.methods or ()
        if method not in ("HEAD", "OPTIONS")
    }


def test_every_api_route_is_documented_and_every_documented_route_exists(app):
    documented = {(o["method"], o["path"]) for o in OPERATIONS.values()}
    assert api_routes(app) == documented
    assert ("GET", "/api/openapi.json") in documented


def test_every_write_route_needs_a_bearer_token():
    assert API["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "A token from `glossary user token NAME`.",
    }
    # Every method but GET writes, except /api/extract: it reads an article sent as a body.
    for operation in OPERATIONS.values():
        writes = operation["method"] != "GET" and operation["operationId"] != "extract"
        assert ("security" in operation) == writes, operation["operationId"]
        assert (operation["tags"] == ["writing"]) == writes


def test_every_example_fits_its_schema():
    examples = [
        (name, status, content["example"])
        for name, operation in OPERATIONS.items()
        for status, response in operation["responses"].items()
        for content in response.get("content", {}).values()
        if "example" in content
    ]
    assert len(examples) == sum(len(by_status) for by_status in openapi.examples().values())
    for name, status, example in examples:
        response_schema(name, status).validate(example)


@pytest.mark.parametrize("operation_id", ["search", "romanize", "checkName"])
def test_a_documented_example_is_what_the_app_answers(reader, operation_id):
    operation = OPERATIONS[operation_id]
    arguments = {p["name"]: p["example"] for p in operation["parameters"] if "example" in p}
    response = reader.get(operation["path"], query_string=arguments)
    assert response.get_json() == operation["responses"]["200"]["content"][openapi.JSON]["example"]


# Every documented parameter: its limits are the app's ---------------------------------------------


def base_arguments(operation: dict[str, Any]) -> dict[str, str]:
    """The required parameters of an operation, filled with their examples."""
    return {p["name"]: p["example"] for p in operation["parameters"] if p.get("required")}


def boundary_cases() -> list[tuple[str, str, object, int]]:
    """(operationId, parameter, value, expected status) at and beyond each documented limit."""
    cases: list[tuple[str, str, object, int]] = []
    for name, operation in OPERATIONS.items():
        if operation["method"] != "GET":
            continue
        for parameter in operation["parameters"]:
            schema, where = parameter["schema"], parameter["name"]
            if parameter["in"] != "query":
                continue
            if "enum" in schema:
                cases += [(name, where, value, 200) for value in schema["enum"]]
                cases.append((name, where, "nonsense", 400))
            if "maximum" in schema:
                cases += [(name, where, schema["maximum"], 200)]
                cases += [(name, where, schema["maximum"] + 1, 400)]
            if "minimum" in schema:
                cases += [(name, where, schema["minimum"], 200)]
                cases += [(name, where, schema["minimum"] - 1, 400)]
            if schema.get("type") == "integer":
                cases.append((name, where, "ten", 400))
            if "maxLength" in schema:
                letter = str(parameter.get("example", "a"))[0]
                cases += [(name, where, letter * schema["maxLength"], 200)]
                cases += [(name, where, letter * (schema["maxLength"] + 1), 400)]
            if parameter.get("required"):
                cases.append((name, where, None, 400))
    return cases


@pytest.mark.parametrize(("operation_id", "name", "value", "status"), boundary_cases())
def test_documented_parameter_limits_are_the_apps(reader, operation_id, name, value, status):
    operation = OPERATIONS[operation_id]
    arguments = {**base_arguments(operation), name: value}
    response = reader.get(
        operation["path"], query_string={k: v for k, v in arguments.items() if v is not None}
    )
    assert response.status_code == status, response.get_json()
    response_schema(operation_id, status).validate(response.get_json())
    if status == 400:
        assert response.get_json()["error"].startswith(f"parameter '{name}': ")


# Every documented status of every route, with its schema and headers ------------------------------

TOO_LARGE = b'{"notes": "' + b"x" * api_input.MAX_BODY + b'"}'
# operationId, status, method, path ({live}, {stale}, {deleted}, {missing}), request, token
STATUS_CASES: list[tuple[str, int, str, str, dict[str, Any], str | None]] = [
    ("search", 200, "get", "/api/search", {"query_string": {"q": "xie feng"}}, None),
    ("search", 400, "get", "/api/search", {"query_string": {"limit": "0"}}, None),
    ("getEntry", 200, "get", "/api/entries/{live}", {}, None),
    ("getEntry", 200, "get", "/api/entries/{person}", {}, None),
    ("getEntry", 200, "get", "/api/entries/{organization}", {}, None),
    ("getEntry", 404, "get", "/api/entries/{missing}", {}, None),
    ("getEntry", 410, "get", "/api/entries/{deleted}", {}, None),
    ("listRevisions", 200, "get", "/api/entries/{deleted}/revisions", {}, None),
    ("listRevisions", 404, "get", "/api/entries/{missing}/revisions", {}, None),
    ("romanize", 200, "get", "/api/romanize", {"query_string": {"hanzi": "干"}}, None),
    ("romanize", 400, "get", "/api/romanize", {"query_string": {"hanzi": "Xie"}}, None),
    (
        "checkName",
        200,
        "get",
        "/api/check-name",
        {"query_string": {"english": "Xie Feng", "hanzi": "谢锋"}},
        None,
    ),
    ("checkName", 400, "get", "/api/check-name", {}, None),
    ("openapi", 200, "get", "/api/openapi.json", {}, None),
    ("extract", 200, "post", "/api/extract", {"json": {"text": "XIE Feng (谢锋) said."}}, None),
    ("extract", 400, "post", "/api/extract", {"json": {"text": " "}}, None),
    ("extract", 413, "post", "/api/extract", {"json": {"text": "x" * 200_001}}, None),
    ("createEntry", 201, "post", "/api/entries", {"json": ENTRY}, "ed"),
    ("createEntry", 400, "post", "/api/entries", {"json": {**ENTRY, "simplified": "CBMs"}}, "ed"),
    ("createEntry", 400, "post", "/api/entries", {"json": []}, "ed"),
    ("createEntry", 401, "post", "/api/entries", {"json": ENTRY}, None),
    ("createEntry", 413, "post", "/api/entries", {"data": TOO_LARGE}, "ed"),
    ("editEntry", 200, "put", "/api/entries/{live}", {"json": {**ENTRY, "revision": 1}}, "ed"),
    ("editEntry", 400, "put", "/api/entries/{live}", {"json": ENTRY}, "ed"),
    ("editEntry", 401, "put", "/api/entries/{live}", {"json": ENTRY}, None),
    ("editEntry", 404, "put", "/api/entries/{missing}", {"json": ENTRY}, "ed"),
    ("editEntry", 409, "put", "/api/entries/{stale}", {"json": {**ENTRY, "revision": 1}}, "ed"),
    ("editEntry", 410, "put", "/api/entries/{deleted}", {"json": ENTRY}, "ed"),
    ("editEntry", 413, "put", "/api/entries/{live}", {"data": TOO_LARGE}, "ed"),
    (
        "deleteEntry",
        200,
        "delete",
        "/api/entries/{live}",
        {"query_string": {"reason": "dup"}},
        "ed",
    ),
    ("deleteEntry", 200, "delete", "/api/entries/{live}", {"json": {"reason": "dup"}}, "ed"),
    ("deleteEntry", 400, "delete", "/api/entries/{live}", {}, "ed"),
    ("deleteEntry", 400, "delete", "/api/entries/{live}", {"json": []}, "ed"),
    ("deleteEntry", 401, "delete", "/api/entries/{live}", {}, None),
    ("deleteEntry", 404, "delete", "/api/entries/{missing}", {"json": {"reason": "x"}}, "ed"),
    ("deleteEntry", 409, "delete", "/api/entries/{deleted}", {"json": {"reason": "x"}}, "ed"),
    (
        "deleteEntry",
        409,
        "delete",
        "/api/entries/{stale}",
        {"query_string": {"reason": "x", "revision": "1"}},
        "ed",
    ),
    ("deleteEntry", 413, "delete", "/api/entries/{live}", {"data": TOO_LARGE}, "ed"),
    ("verifyEntry", 200, "post", "/api/entries/{live}/verify", {}, "rev"),
    ("verifyEntry", 400, "post", "/api/entries/{live}/verify", {"json": {"revision": 0}}, "rev"),
    ("verifyEntry", 401, "post", "/api/entries/{live}/verify", {}, None),
    ("verifyEntry", 403, "post", "/api/entries/{live}/verify", {}, "ed"),
    ("verifyEntry", 404, "post", "/api/entries/{missing}/verify", {}, "rev"),
    ("verifyEntry", 409, "post", "/api/entries/{stale}/verify", {"json": {"revision": 1}}, "rev"),
    ("verifyEntry", 410, "post", "/api/entries/{deleted}/verify", {}, "rev"),
    ("verifyEntry", 413, "post", "/api/entries/{live}/verify", {"data": TOO_LARGE}, "rev"),
    ("restoreEntry", 200, "post", "/api/entries/{deleted}/restore", {}, "rev"),
    ("restoreEntry", 400, "post", "/api/entries/{deleted}/restore", {"json": {"reason": 5}}, "rev"),
    ("restoreEntry", 401, "post", "/api/entries/{deleted}/restore", {}, None),
    ("restoreEntry", 403, "post", "/api/entries/{deleted}/restore", {}, "ed"),
    ("restoreEntry", 404, "post", "/api/entries/{missing}/restore", {}, "rev"),
    ("restoreEntry", 409, "post", "/api/entries/{live}/restore", {}, "rev"),
    (
        "restoreEntry",
        409,
        "post",
        "/api/entries/{deleted}/restore",
        {"json": {"revision": 1}},
        "rev",
    ),
    ("restoreEntry", 413, "post", "/api/entries/{deleted}/restore", {"data": TOO_LARGE}, "rev"),
]


def test_every_documented_status_is_checked():
    documented = {
        (name, int(status))
        for name, operation in OPERATIONS.items()
        for status in operation["responses"]
    }
    assert {(case[0], case[1]) for case in STATUS_CASES} == documented


def entry_in(state: str, app, client, token: str) -> int:
    """The id of an entry in this state: live (at revision 1), stale (edited since revision 1),
    deleted, missing (no such entry), or a seed person or organization with affiliations."""
    if state == "missing":
        return 424242
    if state in ("person", "organization"):
        database = connect(app.config["DATABASE"])
        row = database.execute(f"SELECT min({state}_id) FROM affiliation").fetchone()
        database.conn.close()
        return int(row[0])
    headers = {"Authorization": f"Bearer {token}"}
    response = client.post("/api/entries", json=ENTRY, headers=headers)
    assert response.status_code == 201
    entry_id = int(response.get_json()["id"])
    if state == "stale":
        client.put(f"/api/entries/{entry_id}", json={**ENTRY, "revision": 1}, headers=headers)
    if state == "deleted":
        client.delete(
            f"/api/entries/{entry_id}", query_string={"reason": "a test"}, headers=headers
        )
    return entry_id


@pytest.mark.parametrize(
    ("operation_id", "status", "method", "path", "request_", "who"),
    STATUS_CASES,
    ids=[f"{case[0]}-{case[1]}-{index}" for index, case in enumerate(STATUS_CASES)],
)
def test_every_documented_status_answers_as_documented(
    app, client, tokens, operation_id, status, method, path, request_, who
):
    operation = OPERATIONS[operation_id]
    assert (method.upper(), re.sub(r"\{\w+\}", "{id}", path)) == (
        operation["method"],
        operation["path"],
    )
    ids = {
        name: entry_in(name, app, client, tokens["ed"]) for name in re.findall(r"\{(\w+)\}", path)
    }
    headers = {"Authorization": f"Bearer {tokens[who]}"} if who else {}
    if "data" in request_:
        headers["Content-Type"] = "application/json"
    response = getattr(client, method)(path.format(**ids), headers=headers, **request_)
    assert response.status_code == status, response.get_json()
    assert response.content_type == "application/json"
    response_schema(operation_id, status).validate(response.get_json())
    for name, header in operation["responses"][str(status)].get("headers", {}).items():
        assert name in response.headers or not header.get("required"), name
        if "const" in header["schema"]:
            assert response.headers[name] == header["schema"]["const"]


# Generated requests (schemathesis): no 5xx, only documented statuses and shapes -------------------

GENERATED = schemathesis.openapi.from_dict(
    json.loads(json.dumps(API)),
    config=SchemathesisConfig.from_dict(
        {
            "seed": 20260512,
            "generation": {"max-examples": 6, "deterministic": True, "database": "none"},
            # a text too long for /api/extract is 413, as documented
            "checks": {
                "negative_data_rejection": {
                    "expected-statuses": [400, 401, 403, 404, 405, 406, 409, 413, 415, 422]
                }
            },
        }
    ),
)
# Every check schemathesis has but two: positive_data_acceptance, because the entry's rule book
# says what a schema cannot (Chinese characters in simplified, no control characters, only a
# person has affiliations: the server answers 400 with each field's reason), and ignored_auth,
# whose probe needs a server's URL rather than the app (test_every_write_route_needs_a_bearer_
# token asks the same of every write route).
CHECKS = [
    getattr(schemathesis.checks, name)
    for name in (
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
        "negative_data_rejection",
        "missing_required_header",
        "unsupported_method",
        "use_after_free",
        "ensure_resource_availability",
    )
]


@GENERATED.parametrize()
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_generated_requests_are_answered_as_documented(case, app, tokens):
    """Every generated case, whatever its id: a non-integer or too large id is 404 (documented)
    on every route, as test_a_non_integer_id_is_404_whatever_the_method pins."""
    case.call_and_validate(
        app=app, headers={"Authorization": f"Bearer {tokens['rev']}"}, checks=CHECKS
    )


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/entries/{id}"),
        ("GET", "/api/entries/{id}/revisions"),
        ("PUT", "/api/entries/{id}"),
        ("DELETE", "/api/entries/{id}"),
        ("POST", "/api/entries/{id}/verify"),
        ("POST", "/api/entries/{id}/restore"),
    ],
)
def test_an_id_too_large_for_sqlite_is_404_whatever_the_method(reader, method, path):
    response = reader.open(path.format(id=MAX_ID + 1), method=method)
    assert response.status_code == 404
    assert response.get_json() == {"error": f"no API route {path.format(id=MAX_ID + 1)}"}


# The page -----------------------------------------------------------------------------------------


def test_the_api_page_shows_every_operation_from_the_document(reader):
    page = html(reader.get("/api"))
    for name, operation in OPERATIONS.items():
        section = page.select_one(f"section#{name}")
        title = f"{operation['method']} {operation['path']}".replace("{", "<").replace("}", ">")
        assert section.h3.get_text() == title
        assert section.select_one("p[lang=en]").get_text() == operation["summary"]
        parameters = [row.th.code.get_text() for row in section.select("tr.api-parameter")]
        assert parameters == [p["name"] for p in operation["parameters"]]
        statuses = [row.th.get_text() for row in section.select("tr.api-response")]
        assert statuses == list(operation["responses"])
        assert bool(section.select_one(".api-role")) == ("x-role" in operation)


def test_the_api_page_shows_every_schema(reader):
    page = html(reader.get("/api"))
    for name, schema in API["components"]["schemas"].items():
        section = page.select_one(f"section#schema-{name}")
        fields = [row.th.code.get_text() for row in section.select("tr.api-field")]
        assert fields == list(schema["properties"]), name


def test_the_api_page_shows_types_and_limits(reader):
    page = html(reader.get("/api"))
    search = {
        row.th.code.get_text(): row.select("td")[0].get_text()
        for row in page.select("section#search tr.api-parameter")
    }
    assert search["limit"] == "integer, 1–100, default 20"
    assert search["q"] == "string, at most 200 characters"
    assert search["kind"] == "person | organization | term | place | document | event"
    assert page.select_one("a[href='/api/openapi.json']").get_text() == "/api/openapi.json"
