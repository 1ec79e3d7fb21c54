"""Control characters (issue 16, finding 6): refused at every entrance with a message, and the
Atom feed serves a row that holds them anyway. One \\x1b in a comment made /changes.atom answer
500 for everyone."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from glossary import exchange, store
from glossary.entries import stored_text
from glossary.exchange import importer
from tests.helpers import api_token, csrf_token, entry_id, html

CONTROL = "must not contain control characters"
DOCUMENT = {
    "kind": "term",
    "english": "Tea",
    "simplified": "茶",
    "sources": [{"quote": "A quotation.", "title": "A title", "published": "2026-05"}],
}


@pytest.mark.parametrize(
    ("text", "multiline", "expected"),
    [
        # C0 controls but tab and line breaks, DEL, C1 controls, the two noncharacters
        ("a\x0bb", True, CONTROL),
        ("\x1b[31mred", True, CONTROL),
        ("a\x01", True, CONTROL),
        ("a\x7f", True, CONTROL),
        ("next\x85line", True, CONTROL),
        ("a\x9fb", True, CONTROL),
        ("\ufffe", True, CONTROL),
        ("\uffff", True, CONTROL),
        # Tabs and line breaks: in multi-line fields only
        ("one\ttwo\r\nthree\n", True, None),
        ("one\ttwo", False, CONTROL),
        ("one\ntwo", False, CONTROL),
        ("one\rtwo", False, CONTROL),
        # NUL and lone surrogates keep their own message
        ("a\x00", True, "must not contain NUL or unpaired surrogate characters"),
        # What is text stays text
        ("谢锋 Xiè Fēng — «café» \u200b\u00a0", False, None),
    ],
)
def test_problem(text: str, multiline: bool, expected: str | None) -> None:
    assert stored_text.problem(text, multiline=multiline) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("notes", None),
        ("description", None),
        ("sources[0].quote", None),
        ("sources[3].quote_zh", None),
        ("english", CONTROL),
        ("aliases[2]", CONTROL),
        ("sources[0].title", CONTROL),
        ("affiliations[0].role", CONTROL),
    ],
)
def test_which_fields_hold_lines(name: str, expected: str | None) -> None:
    assert stored_text.field_problem(name, "one\ntwo") == expected


def test_for_xml_replaces_what_xml_cannot_carry() -> None:
    assert stored_text.for_xml("a\x0bb\x1bc\ufffe\td\n") == "a\ufffdb\ufffdc\ufffd\td\n"


# Every entrance -------------------------------------------------------------------------------


def _post_entry(app, client, db, document):
    store.insert_account(db, "api", "editor", "!", "session")
    token = api_token(app, "api")
    return client.post(
        "/api/entries",
        data=json.dumps(document),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"english": "Tea\x1b[0m"}, "english"),
        ({"notes": "a\x0bb"}, "notes"),
        ({"english": "Tea\ntime"}, "english"),
        ({"aliases": ["c\u0085ha"]}, "aliases[0]"),
        ({"comment": "why\x0cnot"}, "comment"),
    ],
)
def test_the_write_api_refuses_control_characters(app, client, db, changes, field) -> None:
    response = _post_entry(app, client, db, {**DOCUMENT, **changes})
    assert response.status_code == 400
    assert response.get_json()["fields"] == {field: CONTROL}


def test_the_entry_form_refuses_control_characters_beside_the_field(editor_client, db) -> None:
    form = {
        "csrf_token": csrf_token(editor_client, "/entries/new"),
        "kind": "term",
        "english": "Tea",
        "simplified": "茶",
        "notes": "a\x1bb",
        "sources-0-quote": "A quotation.",
        "sources-0-title": "A title",
        "sources-0-published": "2026-05",
    }
    response = editor_client.post("/entries/new", data=form)
    assert response.status_code == 400
    assert html(response).select_one("#notes-error").get_text(" ", strip=True) == CONTROL
    assert db.execute("SELECT count(*) FROM entry WHERE simplified = '茶'").fetchone() == (0,)


def test_a_json_import_refuses_control_characters(db) -> None:
    entry = {**DOCUMENT, "key": "tea", "description": "a\x1bb"}
    document = {"format": "glossary/1", "entries": [entry]}
    with pytest.raises(importer.InvalidData) as refused:
        exchange.import_bytes(db, json.dumps(document).encode(), "json", "tea.json")
    assert refused.value.errors == [f"entry 1 (tea): the description {CONTROL}"]


@pytest.mark.parametrize(
    ("raw", "format"),
    [
        (
            "english,simplified,source_1_quote,source_1_title,source_1_published\n"
            "Tea\x1b,茶,A quotation.,A title,2026-05\n",
            "csv",
        ),
        ("Tea\x1b\t茶\n", "tsv"),
    ],
)
def test_delimited_imports_refuse_control_characters(db, raw: str, format: str) -> None:
    with pytest.raises(importer.InvalidData) as refused:
        exchange.import_bytes(db, raw.encode(), format, f"tea.{format}")
    assert any(CONTROL in error for error in refused.value.errors), refused.value.errors


def test_a_delete_reason_with_a_control_character_is_refused(editor_client, client) -> None:
    xie = entry_id(client, "Xie Feng")
    token = csrf_token(editor_client, f"/entries/{xie}")
    response = editor_client.post(
        f"/entries/{xie}/delete", data={"csrf_token": token, "reason": "dup\x1blicate"}
    )
    assert response.status_code == 400
    assert "The reason must not contain control characters." in response.get_data(as_text=True)
    assert client.get(f"/api/entries/{xie}").status_code == 200


# The feed carries what was stored before the rule ----------------------------------------------


def test_the_feed_serves_a_row_holding_control_characters(client, db) -> None:
    xie = entry_id(client, "Xie Feng")
    db.execute("UPDATE entry SET english = 'Xie\x0bFeng' WHERE id = ?", [xie])
    db.execute(
        "INSERT INTO revision (entry_id, revision, author, at, action, comment, snapshot)"
        " VALUES (?, 99, 'ed\x1b', '2099-01-01T00:00:00Z', 'edit', 'why\x0c\ufffe', '{}')",
        [xie],
    )
    db.conn.commit()
    response = client.get("/changes.atom")
    assert response.status_code == 200
    feed = ET.fromstring(response.data)
    atom = "{http://www.w3.org/2005/Atom}"
    first = feed.find(f"{atom}entry")
    assert first.find(f"{atom}title").text.startswith("Xie\ufffdFeng 谢锋")
    assert first.find(f"{atom}author/{atom}name").text == "ed\ufffd"
    assert first.find(f"{atom}summary").text.endswith("why\ufffd\ufffd")
