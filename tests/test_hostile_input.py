"""Hostile input, a property suite: search (pages and API), every other reading route, and the
write API answer arbitrary Unicode and bytes with a 2xx or a 4xx that says why: never a 5xx,
never a traceback. FTS5 syntax and LIKE wildcards are searched for as text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary import store
from tests.factories import NASTY, TEXT, WIRE
from tests.helpers import PROPERTY, api_token, assert_answered, entry_id, html, query

SEARCH_PARAMETERS = ("q", "kind", "tag", "limit", "offset", "page", "verified")


# Search ---------------------------------------------------------------------------------------


@PROPERTY
@given(st.dictionaries(st.sampled_from(SEARCH_PARAMETERS), WIRE, min_size=1))
def test_search_answers_anything(client, parameters):
    for path in ("/search", "/api/search", "/export.csv"):
        response = client.get(f"{path}?{query(parameters)}")
        assert_answered(response, allowed=(200, 400))


@pytest.mark.parametrize("text", NASTY)
def test_search_syntax_is_searched_as_text(client, text):
    """Quotes, operators, column filters and wildcards never reach FTS5 or LIKE as syntax."""
    response = client.get("/api/search", query_string={"q": text.encode("utf-8", "replace")})
    assert_answered(response, allowed=(200, 400))
    if response.status_code == 400:  # only what is too long or holds NUL
        assert response.get_json()["error"] in (
            "parameter 'q': must be at most 200 characters long",
            "parameter 'q': must not contain NUL characters",
        )


@pytest.mark.parametrize("wildcard", ["%", "_", "%%", "_%_", "*", "**"])
def test_wildcards_match_nothing_by_themselves(client, wildcard):
    assert client.get("/api/search", query_string={"q": wildcard}).get_json()["total"] == 0


def test_a_query_of_ten_thousand_characters_is_refused_with_the_limit(client):
    response = client.get("/search", query_string={"q": "谢锋" * 5_000})
    assert response.status_code == 400
    assert html(response).select_one(".error-detail").get_text() == (
        "Parameter “q” must be at most 200 characters long."
    )


# Every other route that reads parameters -------------------------------------------------------

READING = [
    ("/check-name", ("english", "hanzi")),
    ("/api/check-name", ("english", "hanzi")),
    ("/api/romanize", ("hanzi", "kind", "region")),
    ("/entries/suggest", ("hanzi", "kind", "english", "exclude")),
    ("/entries/{id}/diff", ("from", "to")),
    ("/entries/{id}/export.tsv", ("source", "target")),
    ("/export.tbx", ("q", "kind", "tag", "verified")),
    ("/", ("lang",)),
    ("/login", ("next",)),
]


@pytest.mark.parametrize(("path", "names"), READING)
def test_reading_routes_answer_anything(client, path, names):
    url = path.format(id=entry_id(client, "Xie Feng"))

    @PROPERTY
    @given(st.dictionaries(st.sampled_from(names), WIRE, min_size=1))
    def check(parameters):
        assert_answered(client.get(f"{url}?{query(parameters)}"), allowed=(200, 400))

    check()


@PROPERTY
@given(TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_paths_answer_anything(client, segment):
    for template in ("/entries/{}", "/api/entries/{}", "/dictionary/{}", "/{}"):
        path = template.format(segment.hex() if len(segment) > 100 else segment.decode("latin-1"))
        response = client.get(path.replace("?", "%3F").replace("#", "%23"))
        assert_answered(response, allowed=(200, 308, 400, 404, 405))


# The write API -------------------------------------------------------------------------------

ENTRY = {
    "kind": "term",
    "english": "hostile input",
    "simplified": "恶意输入",
    "sources": [{"quote": "A quotation.", "title": "A title", "published": "2026-05"}],
}
JSON_VALUE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
FIELDS = [*ENTRY, "aliases", "tags", "pinyin", "traditional", "notes", "description", "related"]
FIELDS += ["affiliations", "status", "romanization", "comment", "revision", "sources"]


@pytest.fixture
def token(app, db) -> str:
    store.insert_account(db, "hostile", "reviewer", "!", "session")
    return api_token(app, "hostile")


def write(client, token: str, body: bytes, content_type: str = "application/json"):
    """POST the body as a new entry and PUT it over the first seed entry."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": content_type}
    for method, path in (("POST", "/api/entries"), ("PUT", "/api/entries/1")):
        response = client.open(path, method=method, data=body, headers=headers)
        assert_answered(response, allowed=(200, 201, 400, 409, 413))


@PROPERTY
@given(st.dictionaries(st.sampled_from(FIELDS), JSON_VALUE, max_size=4))
def test_the_write_api_answers_any_entry(client, token, changes):
    # ensure_ascii: lone surrogates travel as \ud800 escapes, as a hostile client sends them
    write(client, token, json.dumps({**ENTRY, **changes}, ensure_ascii=True).encode())


@PROPERTY
@given(st.binary(max_size=200), st.sampled_from(["application/json", "text/plain", ""]))
def test_the_write_api_answers_any_bytes(client, token, body, content_type):
    write(client, token, body, content_type)


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (
            b'{"english": "a", "english": "b"}',
            "the body is not valid JSON: duplicate key 'english'",
        ),
        (b'{"revision": NaN}', "the body is not valid JSON: NaN is not a JSON number"),
        (b'{"revision": Infinity}', "the body is not valid JSON: Infinity is not a JSON number"),
        (
            b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
            "the body is not valid JSON: nested too deeply",
        ),
        (b'"\xc3\x28"', "the body must be encoded as UTF-8"),
        (
            json.dumps({**ENTRY, "notes": "x" * 1_048_577}).encode(),
            "the body is larger than 1048576 bytes",
        ),
    ],
)
def test_the_write_api_refuses_bodies_with_the_reason(client, token, body, error):
    response = client.post(
        "/api/entries",
        data=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert response.get_json() == {"error": error}


@pytest.mark.parametrize(
    ("field", "value", "fields"),
    [
        ("english", 42, {"english": "must be text"}),
        ("english", ["a"], {"english": "must be text"}),
        ("aliases", "one", {"aliases": "must be a list"}),
        ("sources", {"quote": "q"}, {"sources": "must be a list"}),
        ("related", [True], {"related[0]": "no such entry"}),
        ("english", "x" * 501, {"english": "must be at most 500 characters long"}),
        ("notes", "x" * 4001, {"notes": "must be at most 4000 characters long"}),
        ("simplified", "谢" * 201, {"simplified": "must be at most 200 characters long"}),
        ("pinyin", "xie4 " * 201, {"pinyin": "must be at most 1000 characters long"}),
        ("tags", ["t"] * 21, {"tags": "must have at most 20 items"}),
        ("aliases", ["a" * 501], {"aliases[0]": "must be at most 500 characters long"}),
        ("comment", "c" * 501, {"comment": "must be at most 500 characters long"}),
    ],
)
def test_wrong_types_and_lengths_are_refused_by_field(client, token, field, value, fields):
    response = client.post(
        "/api/entries", json={**ENTRY, field: value}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 400
    assert response.get_json()["fields"] == fields


# Reading an article through the API -------------------------------------------------------------


@PROPERTY
@given(TEXT)
def test_extract_answers_any_text(client, text):
    body = json.dumps({"text": text}, ensure_ascii=True).encode()
    response = client.post("/api/extract", data=body, content_type="application/json")
    assert_answered(response, allowed=(200, 400, 413))
    if response.status_code == 200:
        for mark in response.get_json()["known"] + response.get_json()["candidates"]:
            assert text[mark["start"] : mark["end"]] == mark["surface"]


@PROPERTY
@given(st.binary(max_size=200), st.sampled_from(["application/json", "text/plain", ""]))
def test_extract_answers_any_bytes(client, body, content_type):
    response = client.post("/api/extract", data=body, content_type=content_type)
    assert_answered(response, allowed=(200, 400, 413))


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b'{"text": "a", "text": "b"}', "the body is not valid JSON: duplicate key 'text'"),
        (b'{"text": NaN}', "the body is not valid JSON: NaN is not a JSON number"),
        (b'{"text": ["XIE Feng"]}', "text is required: the article as a string"),
        (b'{"text": {"a": 1}}', "text is required: the article as a string"),
    ],
)
def test_extract_refuses_bodies_with_the_reason(client, body, error):
    response = client.post("/api/extract", data=body, content_type="application/json")
    assert (response.status_code, response.get_json()) == (400, {"error": error})
