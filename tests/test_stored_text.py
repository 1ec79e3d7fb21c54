"""Stored text: NFC before storage on every path (form, API, import); NUL and lone surrogates
refused with a message; JSON with a key given twice refused."""

from __future__ import annotations

import json

import pytest

from glossary import exchange, store
from glossary.entries import stored_text
from glossary.exchange import importer
from tests.helpers import api_token, csrf_token, entry_id, html

NFD_CAFE = "Cafe\u0301 society"  # e + combining acute accent
NFC_CAFE = "Caf\u00e9 society"
DOCUMENT = {
    "kind": "term",
    "english": NFC_CAFE,
    "simplified": "咖啡社会",
    "sources": [{"quote": "A quotation.", "title": "A title", "published": "2026-05"}],
}


# The functions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("Cafe\u0301", "Caf\u00e9"),  # composed
        (
            "Zha\u0300nlu\u0308e\u0300",
            "Zh\u00e0nl\u00fc\u00e8",
        ),  # pinyin typed with combining marks
        ("\uf900", "\u8c48"),  # a CJK compatibility ideograph is its unified ideograph
        ("ＸＩＥ", "ＸＩＥ"),  # full-width letters are kept as written (only keys fold them)
        ("谢\u200b锋", "谢\u200b锋"),  # invisible characters are kept (only keys drop them)
        ("plain ASCII", "plain ASCII"),
    ],
)
def test_normalise(text, stored):
    assert stored_text.normalise(text) == stored


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a\x00b", "must not contain NUL or unpaired surrogate characters"),
        ("a\ud800b", "must not contain NUL or unpaired surrogate characters"),
        ("\udfff", "must not contain NUL or unpaired surrogate characters"),
        ("a\U0001f600b", None),  # a paired character beyond the BMP is fine
        ("\u202e谢锋", None),
    ],
)
def test_problem(text, problem):
    assert stored_text.problem(text) == problem


def test_problems_name_every_path():
    document = {"entries": [{"english": "ok", "aliases": ["x\x00"]}], "bad\ud800": "y"}
    assert stored_text.problems(document) == [
        (("entries", 0, "aliases", 0), "must not contain NUL or unpaired surrogate characters"),
        (("bad\ud800",), "the field name must not contain NUL or unpaired surrogate characters"),
    ]


def test_a_key_given_twice_is_refused():
    with pytest.raises(ValueError, match="duplicate key 'english'"):
        json.loads('{"english": "a", "english": "b"}', object_pairs_hook=stored_text.unique_keys)


# Every way in stores NFC ------------------------------------------------------------------------


def test_the_write_api_stores_nfc(app, client, db):
    store.insert_account(db, "api", "editor", "!", "session")
    token = api_token(app, "api")
    body = {**DOCUMENT, "english": NFD_CAFE, "comment": "Cafe\u0301"}
    response = client.post("/api/entries", json=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201
    assert response.get_json()["english"] == NFC_CAFE
    revisions = client.get(f"/api/entries/{response.get_json()['id']}/revisions").get_json()
    assert revisions["revisions"][0]["comment"] == "Caf\u00e9"


def test_the_entry_form_stores_nfc(editor_client, db):
    form = {
        "csrf_token": csrf_token(editor_client, "/entries/new"),
        "kind": "term",
        "english": NFD_CAFE,
        "simplified": "咖啡社会",
        "status": "preferred",
        "sources-0-quote": "A quotation.",
        "sources-0-title": "A title",
        "sources-0-published": "2026-05",
    }
    response = editor_client.post("/entries/new", data=form)
    assert response.status_code == 302
    rows = db.execute("SELECT english FROM entry WHERE simplified = '咖啡社会'").fetchall()
    assert rows == [(NFC_CAFE,)]


def test_an_import_stores_nfc(db):
    document = {
        "format": "glossary/1",
        "entries": [{**DOCUMENT, "key": "cafe", "english": NFD_CAFE}],
    }
    raw = json.dumps(document).encode()
    exchange.import_bytes(db, raw, "json", "cafe.json")
    rows = db.execute("SELECT english FROM entry WHERE import_key = 'cafe'").fetchall()
    assert rows == [(NFC_CAFE,)]


def test_an_import_stores_every_text_of_a_record_nfc(db):
    record = {
        **DOCUMENT,
        "key": "cafe",
        "english": f" {NFD_CAFE} ",
        "aliases": ["cafe\u0301", " Cafe\u0301s "],
        "tags": ["re\u0301sume\u0301"],
        "notes": "Cafe\u0301\nnotes",
        "sources": [
            {
                "quote": "A quotation about cafe\u0301s.",
                "title": "Cafe\u0301 ",
                "publisher": "",
                "published": "2026-05",
            }
        ],
    }
    exchange.import_bytes(
        db, json.dumps({"format": "glossary/1", "entries": [record]}).encode(), "json", "cafe.json"
    )
    row = db.execute(
        "SELECT english, aliases, tags, notes FROM entry WHERE import_key = 'cafe'"
    ).fetchone()
    assert row == (
        NFC_CAFE,
        '["caf\u00e9", "Caf\u00e9s"]',
        '["r\u00e9sum\u00e9"]',
        "Caf\u00e9\nnotes",
    )
    sources = db.execute(
        "SELECT quote, title, publisher FROM source JOIN entry e ON e.id = entry_id"
        " WHERE e.import_key = 'cafe'"
    ).fetchall()
    assert sources == [("A quotation about caf\u00e9s.", "Caf\u00e9", None)]


def test_a_search_finds_nfd_typed_text(client, db):
    document = {"format": "glossary/1", "entries": [{**DOCUMENT, "key": "cafe"}]}
    exchange.import_bytes(db, json.dumps(document).encode(), "json", "cafe.json")
    results = client.get("/api/search", query_string={"q": "cafe\u0301 soc"}).get_json()
    assert [r["english"] for r in results["results"]] == [NFC_CAFE]


# NUL and lone surrogates are refused with a message ---------------------------------------------


@pytest.mark.parametrize("field", ["english", "simplified", "traditional", "pinyin", "notes"])
def test_the_write_api_refuses_a_lone_surrogate(app, client, db, field):
    store.insert_account(db, "api", "editor", "!", "session")
    token = api_token(app, "api")
    body = json.dumps({**DOCUMENT, field: "谢\ud800锋"})  # JSON escapes carry lone surrogates
    response = client.post(
        "/api/entries",
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert response.get_json()["fields"] == {
        field: "must not contain NUL or unpaired surrogate characters"
    }


def test_an_import_refuses_nul_naming_the_record_and_field(db):
    document = {"format": "glossary/1", "entries": [{**DOCUMENT, "key": "cafe", "notes": "a\x00b"}]}
    with pytest.raises(importer.InvalidData) as refused:
        exchange.import_bytes(db, json.dumps(document).encode(), "json", "cafe.json")
    assert refused.value.errors == [
        "entry 1 (cafe): the notes must not contain NUL or unpaired surrogate characters"
    ]


def test_a_csv_import_refuses_nul(db):
    raw = "english,simplified\nTea\x00,茶\n".encode()
    with pytest.raises(importer.InvalidData) as refused:
        exchange.import_bytes(db, raw, "csv", "tea.csv")
    assert refused.value.errors == ["tea.csv: the file contains NUL bytes and is not UTF-16 text"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            b'{"format": "glossary", "format": "glossary/1", "entries": []}',
            "duplicate key 'format'",
        ),
        (b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
    ],
)
def test_an_import_refuses_ambiguous_or_deep_json(db, raw, message):
    with pytest.raises(importer.InvalidData) as refused:
        exchange.import_bytes(db, raw, "json", "bad.json")
    assert refused.value.errors == [f"bad.json: not valid JSON ({message})"]


def test_the_entry_form_refuses_nul_beside_the_field(editor_client, db):
    form = {
        "csrf_token": csrf_token(editor_client, "/entries/new"),
        "kind": "term",
        "english": "Tea\x00",
        "simplified": "茶",
        "sources-0-quote": "A quotation.",
        "sources-0-title": "A title",
        "sources-0-published": "2026-05",
        "comment": "why\x00",
    }
    page = html(editor_client.post("/entries/new", data=form))
    errors = [e.get_text(" ", strip=True) for e in page.select(".field-error, .error")]
    assert "must not contain NUL or unpaired surrogate characters" in " ".join(errors)
    assert db.execute("SELECT count(*) FROM entry WHERE simplified = '茶'").fetchone() == (0,)


def test_a_delete_reason_with_nul_is_refused(editor_client, client):
    xie = entry_id(client, "Xie Feng")
    token = csrf_token(editor_client, f"/entries/{xie}")
    response = editor_client.post(
        f"/entries/{xie}/delete", data={"csrf_token": token, "reason": "dup\x00licate"}
    )
    assert response.status_code == 400
    assert "The reason must not contain NUL characters." in response.get_data(as_text=True)
    assert client.get(f"/api/entries/{xie}").status_code == 200


def test_a_restore_comment_too_long_is_refused_not_cut(reviewer_client, client, db):
    xie = entry_id(client, "Xie Feng")
    store.set_deleted(db, xie, deleted=True, author="rev", reason="test")
    token = csrf_token(reviewer_client, f"/entries/{xie}")
    response = reviewer_client.post(
        f"/entries/{xie}/restore", data={"csrf_token": token, "comment": "x" * 501}
    )
    assert response.status_code == 400
    assert "The reason must be at most 500 characters." in response.get_data(as_text=True)
    assert client.get(f"/api/entries/{xie}").status_code == 410
