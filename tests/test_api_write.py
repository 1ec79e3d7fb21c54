"""The write API: POST, PUT, DELETE /api/entries, verify, restore, revisions; bearer tokens."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary import accounts, store
from glossary.store.connection import connect
from glossary.web.api import input as api_input
from tests.factories import NEW_TERM, QUOTE
from tests.helpers import api_token, bearer, entry_id

WRITES = [
    ("post", "/api/entries"),
    ("put", "/api/entries/{id}"),
    ("delete", "/api/entries/{id}?reason=duplicate"),
    ("post", "/api/entries/{id}/verify"),
    ("post", "/api/entries/{id}/restore"),
]


@pytest.fixture
def tokens(app):
    """A live API token for each of ed (editor), rev (reviewer) and adm (admin).

    The accounts have no usable password: hashing three would make every test slow.
    """
    database = connect(app.config["DATABASE"])
    for name, role in (("ed", "editor"), ("rev", "reviewer"), ("adm", "admin")):
        store.insert_account(database, name, role, "!", "session")
    database.conn.close()
    return {name: api_token(app, name) for name in ("ed", "rev", "adm")}


@pytest.fixture
def api(app):
    return app.test_client()


def create(api, token, document=None):
    response = api.post("/api/entries", json=document or NEW_TERM, headers=bearer(token))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


# Create, read, edit ----------------------------------------------------------------------------


def test_create_answers_201_with_the_entry_and_its_location(api, tokens):
    response = api.post("/api/entries", json=NEW_TERM, headers=bearer(tokens["ed"]))
    assert response.status_code == 201
    document = response.get_json()
    assert response.headers["Location"] == f"/api/entries/{document['id']}"
    assert {k: document[k] for k in ("english", "simplified", "traditional", "pinyin")} == {
        "english": "confidence-building measures",
        "simplified": "建立信任措施",
        "traditional": "建立信任措施",
        "pinyin": "jiànlì xìnrèn cuòshī",
    }
    assert document["revision"] == 1
    assert document["verified"] is False and document["verified_by"] is None
    assert document["deleted"] is None
    assert document["sources"] == [
        {
            "quote": QUOTE,
            "quote_zh": None,
            "title": "Notes on the dialogue",
            "publisher": None,
            "url": "https://example.org/notes",
            "published": "2026-05",
            "accessed": None,
        }
    ]
    assert api.get(response.headers["Location"]).get_json() == document


def test_a_new_entry_is_found_by_search(api, tokens):
    create(api, tokens["ed"])
    results = api.get("/api/search", query_string={"q": "CBMs"}).get_json()["results"]
    assert [r["simplified"] for r in results] == ["建立信任措施"]


def test_what_get_returns_can_be_put_back(api, tokens):
    created = create(api, tokens["ed"])
    document = api.get(f"/api/entries/{created['id']}").get_json()
    response = api.put(f"/api/entries/{created['id']}", json=document, headers=bearer(tokens["ed"]))
    assert response.status_code == 200
    edited = response.get_json()
    assert edited["revision"] == 2
    assert {k: v for k, v in edited.items() if k not in ("revision", "updated")} == {
        k: v for k, v in document.items() if k not in ("revision", "updated")
    }


def test_every_seed_entry_can_be_put_back_unchanged(api, tokens):
    ids = [r["id"] for r in api.get("/api/search", query_string={"limit": 100}).json["results"]]
    assert len(ids) == 60
    changing = {"revision", "updated", "verified", "verified_by", "verified_at"}
    for id_ in ids:
        document = api.get(f"/api/entries/{id_}").get_json()
        response = api.put(f"/api/entries/{id_}", json=document, headers=bearer(tokens["ed"]))
        assert response.status_code == 200, (document["english"], response.get_json())
        edited = response.get_json()
        assert {k for k in document if document[k] != edited[k]} <= changing, document["english"]


def test_an_edit_saves_a_new_revision_and_needs_verifying_again(api, tokens):
    id_ = entry_id(api, "Xiao Qian")
    document = api.get(f"/api/entries/{id_}").get_json()
    assert document["verified"] is True
    document.update(english="XIAO Qian", comment="House style")
    response = api.put(f"/api/entries/{id_}", json=document, headers=bearer(tokens["ed"]))
    assert response.status_code == 200
    edited = response.get_json()
    assert (edited["english"], edited["revision"], edited["verified"]) == ("XIAO Qian", 2, False)
    [affiliation] = edited["affiliations"]  # its source, given as GET shows it, is kept
    assert affiliation["source"]["title"] == document["sources"][0]["title"]


def test_related_entries_as_ids_or_summaries(api, tokens):
    ciss = api.get(
        f"/api/entries/{entry_id(api, 'Center for International Security and Strategy')}"
    )
    xie = entry_id(api, "Xie Feng")
    document = create(api, tokens["ed"], {**NEW_TERM, "related": [xie, ciss.get_json()]})
    assert sorted(r["english"] for r in document["related"]) == [
        "Center for International Security and Strategy",
        "Xie Feng",
    ]


def test_a_stale_edit_is_refused_with_the_current_entry(api, tokens):
    created = create(api, tokens["ed"])
    url = f"/api/entries/{created['id']}"
    first = api.put(url, json={**created, "notes": "first"}, headers=bearer(tokens["ed"]))
    assert first.status_code == 200
    second = api.put(url, json={**created, "notes": "second"}, headers=bearer(tokens["adm"]))
    assert second.status_code == 409
    body = second.get_json()
    assert body["error"] == (
        f"entry {created['id']} is at revision 2, not 1: it changed since you read it;"
        " apply your change to the current entry"
    )
    assert body["current"] == api.get(url).get_json()
    assert body["current"]["notes"] == "first"


def test_an_edit_must_say_which_revision_it_edits(api, tokens):
    created = create(api, tokens["ed"])
    del created["revision"]
    response = api.put(f"/api/entries/{created['id']}", json=created, headers=bearer(tokens["ed"]))
    assert response.status_code == 400
    assert response.get_json()["fields"] == {"revision": "is required: the revision you edited"}


def test_revisions_list(api, tokens):
    created = create(api, tokens["ed"], {**NEW_TERM, "comment": "From the dialogue notes"})
    url = f"/api/entries/{created['id']}"
    api.put(
        url, json={**created, "notes": "CBMs", "comment": "A note"}, headers=bearer(tokens["adm"])
    )
    revisions = api.get(f"{url}/revisions").get_json()["revisions"]
    assert [{k: r[k] for k in ("revision", "author", "action", "comment")} for r in revisions] == [
        {"revision": 2, "author": "adm", "action": "edit", "comment": "A note"},
        {"revision": 1, "author": "ed", "action": "create", "comment": "From the dialogue notes"},
    ]
    assert all(r["at"].endswith("Z") for r in revisions)


def test_revisions_of_a_seed_entry(api):
    revisions = api.get(f"/api/entries/{entry_id(api, 'Xie Feng')}/revisions").get_json()
    assert [(r["revision"], r["author"], r["action"]) for r in revisions["revisions"]] == [
        (1, "seed data", "import")
    ]


# Delete, restore, verify ---------------------------------------------------------------------


def test_delete_then_get_is_410_and_search_hides_it(api, tokens):
    created = create(api, tokens["ed"])
    url = f"/api/entries/{created['id']}"
    response = api.delete(url, query_string={"reason": "a duplicate"}, headers=bearer(tokens["ed"]))
    assert response.status_code == 200
    assert response.get_json()["deleted"]["reason"] == "a duplicate"
    gone = api.get(url)
    assert gone.status_code == 410
    assert gone.get_json() == {"error": f"entry {created['id']} was deleted: a duplicate"}
    assert api.get("/api/search", query_string={"q": "CBMs"}).get_json()["total"] == 0
    again = api.delete(url, json={"reason": "again"}, headers=bearer(tokens["ed"]))
    assert again.status_code == 409
    assert again.get_json() == {"error": f"entry {created['id']} is already deleted: a duplicate"}
    edit = api.put(url, json=created, headers=bearer(tokens["ed"]))
    assert edit.status_code == 410


def test_delete_takes_its_reason_from_a_json_body(api, tokens):
    created = create(api, tokens["ed"])
    url = f"/api/entries/{created['id']}"
    response = api.delete(url, json={"reason": "out of scope"}, headers=bearer(tokens["ed"]))
    assert response.status_code == 200
    revisions = api.get(f"{url}/revisions").get_json()["revisions"]
    assert (revisions[0]["action"], revisions[0]["comment"]) == ("delete", "out of scope")


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_delete_needs_a_reason(api, tokens, reason):
    created = create(api, tokens["ed"])
    response = api.delete(
        f"/api/entries/{created['id']}",
        query_string={} if reason is None else {"reason": reason},
        headers=bearer(tokens["ed"]),
    )
    assert response.status_code == 400
    assert response.get_json()["fields"] == {"reason": "is required"}
    assert api.get(f"/api/entries/{created['id']}").status_code == 200


def test_restore_brings_an_entry_back(api, tokens):
    created = create(api, tokens["ed"])
    url = f"/api/entries/{created['id']}"
    api.delete(url, query_string={"reason": "by mistake?"}, headers=bearer(tokens["ed"]))
    response = api.post(
        f"{url}/restore", json={"reason": "not a duplicate"}, headers=bearer(tokens["rev"])
    )
    assert response.status_code == 200
    assert response.get_json()["deleted"] is None
    assert api.get(url).get_json()["revision"] == 3
    assert api.get("/api/search", query_string={"q": "CBMs"}).get_json()["total"] == 1
    again = api.post(f"{url}/restore", headers=bearer(tokens["rev"]))
    assert again.status_code == 409
    assert again.get_json() == {"error": f"entry {created['id']} is not deleted"}


def test_verify(api, tokens):
    created = create(api, tokens["ed"])
    url = f"/api/entries/{created['id']}"
    response = api.post(f"{url}/verify", json={"revision": 1}, headers=bearer(tokens["rev"]))
    assert response.status_code == 200
    document = response.get_json()
    assert (document["verified"], document["verified_by"]) == (True, "rev")
    assert document["revision"] == 1  # verifying is not a new revision
    # Kept as every verification is: the feed and recent changes list it.
    feed = api.get("/changes.atom").get_data(as_text=True)
    assert f"<title>{created['english']} {created['simplified']}: verified</title>" in feed


@pytest.mark.parametrize("action", ["verify", "restore"])
@pytest.mark.parametrize(("query", "revision"), [("0", 1), ("1", None)])
def test_a_wrong_revision_in_the_query_or_the_body_is_refused(api, tokens, action, query, revision):
    created = create(api, tokens["ed"])
    url = f"/api/entries/{created['id']}/{action}?revision={query}"
    response = api.post(url, json={"revision": revision}, headers=bearer(tokens["rev"]))
    assert response.status_code == 400
    assert response.get_json()["fields"] == {"revision": "must be a whole number of at least 1"}
    assert api.get(f"/api/entries/{created['id']}").get_json()["verified"] is False


@pytest.mark.parametrize(
    ("action", "document"),
    [("verify", {"revision": 1, "colour": "red"}), ("restore", {"reason": "x", "colour": "red"})],
)
def test_a_body_field_the_request_does_not_take_is_refused(api, tokens, action, document):
    created = create(api, tokens["ed"])
    url = f"/api/entries/{created['id']}/{action}"
    response = api.post(url, json=document, headers=bearer(tokens["rev"]))
    assert response.status_code == 400
    assert response.get_json()["fields"] == {"colour": "is not a field of this request"}


def test_verifying_a_revision_that_is_no_longer_current_is_409(api, tokens):
    created = create(api, tokens["ed"])
    url = f"/api/entries/{created['id']}"
    api.put(url, json={**created, "notes": "changed"}, headers=bearer(tokens["ed"]))
    response = api.post(f"{url}/verify", json={"revision": 1}, headers=bearer(tokens["rev"]))
    assert response.status_code == 409
    assert response.get_json()["current"]["notes"] == "changed"
    assert api.get(url).get_json()["verified"] is False


@pytest.mark.parametrize(("method", "path"), WRITES[1:] + [("get", "/api/entries/{id}/revisions")])
def test_an_unknown_entry_is_404(api, tokens, method, path):
    response = getattr(api, method)(
        path.format(id=424242), json={"revision": 1}, headers=bearer(tokens["adm"])
    )
    assert response.status_code == 404
    assert response.get_json() == {"error": "no entry with id 424242"}


# Tokens and roles -----------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path"), WRITES)
@pytest.mark.parametrize(
    ("authorization", "message"),
    [
        (None, "an API token is required: send the header Authorization: Bearer TOKEN"),
        (
            "Bearer glo_not-a-real-token",
            "the API token is not valid: unknown, expired, revoked, or of a disabled account",
        ),
        ("Bearer ", "the Authorization header must be: Bearer TOKEN"),
        ("Basic ZWQ6cGFzc3dvcmQ=", "the Authorization header must be: Bearer TOKEN"),
    ],
)
def test_no_valid_token_is_401(api, method, path, authorization, message):
    headers = {"Authorization": authorization} if authorization else {}
    response = getattr(api, method)(path.format(id=1), json=NEW_TERM, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.get_json() == {"error": message}


def test_a_revoked_token_is_401(app, api, tokens):
    create(api, tokens["ed"])
    database = connect(app.config["DATABASE"])
    assert accounts.revoke_tokens(database, "ed") == 1
    database.conn.close()
    response = api.post("/api/entries", json=NEW_TERM, headers=bearer(tokens["ed"]))
    assert response.status_code == 401


def test_a_disabled_accounts_token_is_401(app, api, tokens):
    database = connect(app.config["DATABASE"])
    accounts.set_disabled(database, "ed", True)
    database.conn.close()
    response = api.post("/api/entries", json=NEW_TERM, headers=bearer(tokens["ed"]))
    assert response.status_code == 401


def test_the_session_cookie_is_not_enough(editor_client):
    response = editor_client.post("/api/entries", json=NEW_TERM)
    assert response.status_code == 401


@pytest.mark.parametrize("action", ["verify", "restore"])
def test_an_editor_may_not_verify_or_restore(api, tokens, action):
    id_ = entry_id(api, "Xie Feng")
    response = api.post(f"/api/entries/{id_}/{action}", headers=bearer(tokens["ed"]))
    assert response.status_code == 403
    assert response.get_json() == {"error": "this needs the reviewer role or higher; ed is editor"}


# Invalid entries ---------------------------------------------------------------------------------


def test_invalid_fields_are_400_with_a_message_for_each(api, tokens):
    document = {
        **NEW_TERM,
        "simplified": "CBMs",
        "sources": [{**NEW_TERM["sources"][0], "url": "ftp://example.org/notes"}],
    }
    response = api.post("/api/entries", json=document, headers=bearer(tokens["ed"]))
    assert response.status_code == 400
    assert response.get_json() == {
        "error": "the entry is not valid: 2 field(s) to correct",
        "fields": {
            "simplified": "must contain Chinese characters",
            "sources[0].url": "must be an http or https address",
        },
    }


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        (
            {"kind": "animal"},
            {"kind": "must be one of person, organization, term, place, document, event"},
        ),
        ({"english": ""}, {"english": "is required"}),
        ({"pinyin": "hello world"}, {"pinyin": "must be Hanyu Pinyin syllables"}),
        ({"sources": []}, {"sources": "at least one source is required"}),
        ({"related": [424242]}, {"related[0]": "no such entry"}),
        ({"related": [2**70]}, {"related[0]": "no such entry"}),
        ({"related": [True]}, {"related[0]": "no such entry"}),
        (
            {"affiliations": [{"organization": 1}]},
            {"affiliations": "only a person has affiliations"},
        ),
        ({"comment": "x" * 501}, {"comment": "must be at most 500 characters long"}),
        ({"englsh": "typo"}, {"englsh": "is not a field of an entry"}),
        ({"\ud800": 1}, {"\\ud800": "is not a field of an entry"}),
        (
            {"english": "\ud800"},
            {"english": "must not contain NUL or unpaired surrogate characters"},
        ),
    ],
)
def test_invalid_entries(api, tokens, change, fields):
    response = api.post(
        "/api/entries",
        data=json.dumps({**NEW_TERM, **change}),  # \u escapes: lone surrogates can be sent
        content_type="application/json",
        headers=bearer(tokens["ed"]),
    )
    assert response.status_code == 400
    assert response.get_json()["fields"] == fields


def test_an_affiliation_must_name_an_organization(api, tokens):
    xie = entry_id(api, "Xie Feng")
    document = {
        **NEW_TERM,
        "kind": "person",
        "english": "Zhang San",
        "simplified": "张三",
        "affiliations": [{"organization": {"id": xie}, "role": "adviser"}],
    }
    response = api.post("/api/entries", json=document, headers=bearer(tokens["ed"]))
    assert response.get_json()["fields"] == {
        "affiliations[0].organization": "must be an organization in the glossary"
    }


# Malformed bodies: a message, never a 500 --------------------------------------------------------

MALFORMED = [
    # what is sent is not JSON
    (
        "text/plain",
        b'{"english": "x"}',
        400,
        "the body must be a JSON object sent with Content-Type: application/json",
    ),
    (
        "application/x-www-form-urlencoded",
        b"english=x",
        400,
        "the body must be a JSON object sent with Content-Type: application/json",
    ),
    (None, b"", 400, "the body must be a JSON object sent with Content-Type: application/json"),
    (
        "application/json",
        b"",
        400,
        "the body is not valid JSON: Expecting value: line 1 column 1 (char 0)",
    ),
    (
        "application/json",
        b'{"english": ',
        400,
        "the body is not valid JSON: Expecting value: line 1 column 13 (char 12)",
    ),
    ("application/json", b"\xff\xfe{}", 400, "the body must be encoded as UTF-8"),
    (
        "application/json",
        b"\xef\xbb\xbf{}",
        400,
        "the body is not valid JSON: Unexpected UTF-8 BOM (decode using utf-8-sig):"
        " line 1 column 1 (char 0)",
    ),
    # JSON, but not an object
    ("application/json", b"[]", 400, "the body must be a JSON object, not an array"),
    ("application/json", b"null", 400, "the body must be a JSON object, not null"),
    ("application/json", b'"entry"', 400, "the body must be a JSON object, not a string"),
    ("application/json", b"42", 400, "the body must be a JSON object, not a number"),
    # numbers JSON does not have
    (
        "application/json",
        b'{"revision": NaN}',
        400,
        "the body is not valid JSON: NaN is not a JSON number",
    ),
    (
        "application/json",
        b'{"revision": Infinity}',
        400,
        "the body is not valid JSON: Infinity is not a JSON number",
    ),
    (
        "application/json",
        b'{"revision": -Infinity}',
        400,
        "the body is not valid JSON: -Infinity is not a JSON number",
    ),
    # too much
    (
        "application/json",
        b"[" * 100_000 + b"]" * 100_000,
        400,
        "the body is not valid JSON: nested too deeply",
    ),
    (
        "application/json",
        b'{"notes": "' + b"x" * (1024 * 1024) + b'"}',
        413,
        "the body is larger than 1048576 bytes",
    ),
]


@pytest.mark.parametrize(("content_type", "data", "status", "message"), MALFORMED)
@pytest.mark.parametrize(
    ("method", "path"), [("post", "/api/entries"), ("put", "/api/entries/{id}")]
)
def test_malformed_bodies(api, tokens, method, path, content_type, data, status, message):
    headers = {**bearer(tokens["ed"]), **({"Content-Type": content_type} if content_type else {})}
    response = getattr(api, method)(path.format(id=1), data=data, headers=headers)
    assert (response.status_code, response.get_json()) == (status, {"error": message})


def test_a_number_too_long_to_read(api, tokens):
    data = b'{"related": [' + b"9" * 5000 + b"]}"
    headers = {**bearer(tokens["ed"]), "Content-Type": "application/json"}
    response = api.post("/api/entries", data=data, headers=headers)
    assert response.status_code == 400
    assert response.get_json()["error"].startswith("the body is not valid JSON: Exceeds the limit")


@pytest.mark.parametrize(
    ("content_type", "data", "message"),
    [
        (
            "text/plain",
            b"duplicate",
            "the body must be a JSON object sent with Content-Type: application/json",
        ),
        ("application/json", b"[]", "the body must be a JSON object, not an array"),
        (
            "application/json",
            b'{"reason": 5}',
            "'reason' must be text: say why the entry goes, as ?reason= or {\"reason\": …}",
        ),
        (
            "application/json",
            b'{"reason": "dup", "revision": "one"}',
            "'revision' must be a whole number of at least 1:"
            " the revision of the entry you started from",
        ),
    ],
)
def test_malformed_delete_bodies(api, tokens, content_type, data, message):
    response = api.delete(
        "/api/entries/1", data=data, headers={**bearer(tokens["ed"]), "Content-Type": content_type}
    )
    assert (response.status_code, response.get_json()["error"]) == (400, message)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from([*api_input.WRITABLE, "organization", "id", "quote", "url"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(st.sampled_from([*api_input.WRITABLE, *api_input.ROUTE_FIELDS]), JSON_VALUES)
)
def test_any_json_object_is_answered_without_a_500(api, tokens, document):
    body = json.dumps({**NEW_TERM, **document})
    for method, path in (("post", "/api/entries"), ("put", "/api/entries/1")):
        response = getattr(api, method)(
            path, data=body, content_type="application/json", headers=bearer(tokens["ed"])
        )
        assert response.status_code in (200, 201, 400, 409), response.get_json()
        assert "error" in response.get_json() or response.status_code < 300


# Reading what clients send (pure) ---------------------------------------------------------------


def test_entry_input_takes_what_get_returns():
    document = {
        "id": 7,
        "url": "/entries/7",
        "english": "Xiao Qian",
        "related": [{"id": 33, "english": "AI race narrative"}, 8],
        "sources": [{"title": "T", "publisher": None, "url": None, "published": "2026-05"}],
        "affiliations": [
            {
                "organization": {"id": 14, "english": "CISS"},
                "role": "deputy director",
                "source": {"title": "T", "publisher": None, "url": None, "published": "2026-05"},
            },
            {"organization": 15, "source": {"title": "elsewhere"}},
        ],
        "members": [],
        "created": "2026-05-12T00:00:00Z",
        "revision": 1,
        "comment": "why",
    }
    data, unknown = api_input.entry_input(document)
    assert unknown == {}
    assert data["related"] == [33, 8]
    assert data["affiliations"] == [
        {"organization": {"id": 14, "english": "CISS"}, "role": "deputy director", "source": 0},
        {"organization": 15, "organization_id": 15, "source": {"title": "elsewhere"}},
    ]
    assert set(data) == {"english", "related", "sources", "affiliations"}


@pytest.mark.parametrize(
    ("value", "revision"),
    [
        (1, 1),
        ("12", 12),
        (0, None),
        (-1, None),
        (True, None),
        ("1.0", None),
        (1.0, None),
        (2**63, None),
        ("١", None),
    ],
)
def test_revision_number(value, revision):
    assert api_input.revision_number(value) == revision


def test_an_empty_delete_body_is_no_body(api, tokens):
    created = create(api, tokens["ed"])
    response = api.delete(
        f"/api/entries/{created['id']}",
        query_string={"reason": "duplicate"},
        content_type="application/json",
        headers=bearer(tokens["ed"]),
    )
    assert response.status_code == 200


# What the mutation review found unguarded (shared/reviews/mutation-sample-2026-12-06.md) ---------


def test_an_entry_created_without_a_status_is_preferred(api, tokens):
    document = {k: v for k, v in NEW_TERM.items() if k != "status"}
    assert create(api, tokens["ed"], document)["status"] == "preferred"


def test_an_edit_from_a_revision_the_entry_never_reached_is_refused(api, tokens):
    created = create(api, tokens["ed"])
    url = f"/api/entries/{created['id']}"
    ahead = api.put(
        url, json={**created, "revision": 2, "notes": "x"}, headers=bearer(tokens["ed"])
    )
    assert ahead.status_code == 409
    assert api.get(url).get_json()["revision"] == 1


def test_a_stale_delete_is_refused(api, tokens):
    created = create(api, tokens["ed"])
    url = f"/api/entries/{created['id']}"
    assert (
        api.put(url, json={**created, "notes": "x"}, headers=bearer(tokens["ed"])).status_code
        == 200
    )
    stale = api.delete(url, json={"reason": "dup", "revision": 1}, headers=bearer(tokens["ed"]))
    assert stale.status_code == 409
    assert api.get(url).status_code == 200  # still there


@pytest.mark.parametrize(
    "url", ["https://example.org/a b", "https://", "ftp://example.org/", "example.org/page"]
)
def test_a_source_address_must_be_a_whole_web_address(api, tokens, url):
    source = {**NEW_TERM["sources"][0], "url": url}
    response = api.post(
        "/api/entries", json={**NEW_TERM, "sources": [source]}, headers=bearer(tokens["ed"])
    )
    assert response.status_code == 400
    assert response.get_json()["fields"] == {"sources[0].url": "must be an http or https address"}


def test_an_affiliation_cites_only_a_source_the_entry_has(api, tokens):
    org = entry_id(api, "Ministry of Foreign Affairs")
    document = {
        **NEW_TERM,
        "kind": "person",
        "english": "Zhang San",
        "simplified": "张三",
        "pinyin": "Zhāng Sān",
        "affiliations": [{"organization": {"id": org}, "role": "adviser", "source": 1}],
    }
    response = api.post("/api/entries", json=document, headers=bearer(tokens["ed"]))
    assert response.status_code == 400
    assert list(response.get_json()["fields"]) == ["affiliations[0].source"]
    document["affiliations"][0]["source"] = 0
    cited = create(api, tokens["ed"], document)["affiliations"][0]["source"]
    assert cited["title"] == "Notes on the dialogue"
