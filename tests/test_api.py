"""The JSON API contract: field names, shapes and errors."""

from __future__ import annotations

import pytest

from tests.helpers import entry_id

SUMMARY = {"id", "kind", "english", "simplified", "traditional", "pinyin", "description", "url"}


def test_search_document_shape(client):
    document = client.get("/api/search", query_string={"q": "谢锋"}).get_json()
    assert document["query"] == "谢锋"
    assert document["total"] == 1
    [result] = document["results"]
    assert set(result) >= SUMMARY
    assert {k: result[k] for k in ("kind", "english", "simplified", "traditional", "pinyin")} == {
        "kind": "person",
        "english": "Xie Feng",
        "simplified": "谢锋",
        "traditional": "謝鋒",
        "pinyin": "Xiè Fēng",
    }
    assert result["url"] == f"/entries/{result['id']}"


def test_json_is_utf8_not_escaped(client):
    response = client.get("/api/search", query_string={"q": "谢锋"})
    assert response.content_type == "application/json"
    assert "谢锋" in response.get_data(as_text=True)


def test_entry_document(client):
    document = client.get(f"/api/entries/{entry_id(client, 'Xiao Qian')}").get_json()
    assert SUMMARY | {
        "aliases",
        "notes",
        "status",
        "verified",
        "sources",
        "affiliations",
        "revision",
    } <= set(document)
    assert document["aliases"] == ["XIAO Qian"]
    assert document["verified"] is True
    assert document["status"] == "preferred"
    assert document["revision"] == 1
    [source] = document["sources"]
    assert set(source) >= {"quote", "quote_zh", "title", "publisher", "url", "published"}
    assert (
        source["title"] == "China-US launch AI dialogue. Chinese experts are cautiously optimistic."
    )
    assert source["quote"].startswith("XIAO Qian (肖茜), deputy director of Tsinghua University’s")
    [affiliation] = document["affiliations"]
    assert affiliation["role"] == "deputy director"
    assert affiliation["as_of"] == "2026-05-12"
    assert (
        affiliation["organization"]["english"] == "Center for International Security and Strategy"
    )
    assert affiliation["organization"]["simplified"] == "清华大学战略与安全研究中心"


def test_unknown_entry_is_404_json(client):
    response = client.get("/api/entries/424242")
    assert response.status_code == 404
    assert response.get_json() == {"error": "no entry with id 424242"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"limit": "0"}, "parameter 'limit': must be a whole number from 1 to 100"),
        ({"limit": "101"}, "parameter 'limit': must be a whole number from 1 to 100"),
        ({"limit": "ten"}, "parameter 'limit': must be a whole number from 1 to 100"),
        ({"offset": "-1"}, "parameter 'offset': must be a whole number from 0 to 1000000"),
        (
            {"kind": "animal"},
            "parameter 'kind': must be one of person, organization, term, place, document, event",
        ),
        ({"q": "x" * 201}, "parameter 'q': must be at most 200 characters long"),
        ({"q": "a\x00b"}, "parameter 'q': must not contain NUL characters"),
    ],
)
def test_bad_parameters_are_400_with_the_reason(client, params, message):
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 400
    assert response.get_json() == {"error": message}


def test_unknown_api_route_is_json_404(client):
    response = client.get("/api/nothing/here")
    assert response.status_code == 404
    assert response.get_json() == {"error": "no API route /api/nothing/here"}


def test_empty_query_lists_every_entry(client, db):
    document = client.get("/api/search", query_string={"limit": 100}).get_json()
    assert document["total"] == db.execute("SELECT count(*) FROM entry").fetchone()[0]
    assert len(document["results"]) == document["total"]


def test_api_page_documents_both_routes(client):
    text = client.get("/api").get_data(as_text=True)
    assert "GET /api/search" in text and "GET /api/entries/&lt;id&gt;" in text


def test_method_not_allowed_says_which_methods_are(client):
    response = client.post("/api/search")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "HEAD"}
    assert response.get_json() == {"error": "The method is not allowed for the requested URL."}
