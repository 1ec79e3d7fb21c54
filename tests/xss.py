"""Script and event-handler payloads in every field an editor writes, stored straight into a
database (bypassing validation, as an old or tampered row would), for the escaping tests."""

from __future__ import annotations

from typing import Any

from glossary import store
from glossary.store.connection import connect

MARK = "xssprobe"  # a word every payload starts with, to search for


def payload(field: str) -> str:
    """A payload naming its field: an inline script, an event handler, and an attribute break."""
    return (
        f"{MARK} {field} <script>console.log('XSS-RAN {field}')</script>"
        f"<img src=x onerror=\"console.log('XSS-RAN {field}')\">"
        f"\"'><svg onload=\"console.log('XSS-RAN {field}')\">"
        f"javascript:console.log('XSS-RAN {field}')"
    )


def source(number: int) -> dict[str, Any]:
    return {
        "quote": payload(f"quote{number}"),
        "quote_zh": "谢" + payload(f"quote_zh{number}"),
        "title": payload(f"title{number}"),
        "publisher": payload(f"publisher{number}"),
        # An address that passes the http(s) check but breaks out of an attribute if unescaped.
        "url": f"https://example.org/\"><script>console.log('XSS-RAN-url{number}')</script>",
        "published": payload(f"published{number}"),
        "accessed": payload(f"accessed{number}"),
    }


def record(kind: str, field_prefix: str = "") -> dict[str, Any]:
    """An entry with a payload in every text field."""
    return {
        "kind": kind,
        "english": payload(f"{field_prefix}english"),
        "aliases": [payload(f"{field_prefix}alias")],
        "simplified": "谢" + payload(f"{field_prefix}simplified"),
        "traditional": "謝" + payload(f"{field_prefix}traditional"),
        "pinyin": payload(f"{field_prefix}pinyin"),
        "romanization": payload(f"{field_prefix}romanization"),
        "romanization_system": payload(f"{field_prefix}romanization_system"),
        "description": payload(f"{field_prefix}description"),
        "notes": payload(f"{field_prefix}notes"),
        "tags": [payload(f"{field_prefix}tag")],
        "status": "preferred",
        "sources": [source(1), {**source(2), "url": "javascript:console.log('XSS-RAN url')"}],
        "affiliations": [],
        "related": [],
    }


def store_hostile_entries(database_path: str) -> dict[str, int]:
    """Store hostile entries: an edited term, a person with an affiliation to a hostile
    organization, and a deleted entry with a hostile reason; return their ids by name."""
    db = connect(database_path)
    try:
        ids = {"organization": store.create_entry(db, record("organization", "org "), author="ed")}
        ids["term"] = store.create_entry(
            db, record("term"), author="ed", comment=payload("comment")
        )
        person = {
            **record("person", "person "),
            "affiliations": [
                {
                    "organization_id": ids["organization"],
                    "role": payload("role"),
                    "as_of": payload("as_of"),
                    "source": 0,
                }
            ],
            "related": [ids["term"]],
        }
        ids["person"] = store.create_entry(db, person, author="ed")
        edited = {**record("term"), "notes": payload("edited notes")}
        store.edit_entry(
            db, ids["term"], edited, base_revision=1, author="ed", comment=payload("edit comment")
        )
        ids["deleted"] = store.create_entry(db, record("term", "deleted "), author="ed")
        store.set_deleted(db, ids["deleted"], deleted=True, author="ed", reason=payload("reason"))
        return ids
    finally:
        db.conn.close()
