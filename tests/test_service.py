"""The save service: one rule book, one way to write and record a revision, exists in one
query; problems travel up as Problems and become words at the edge."""

from __future__ import annotations

import pytest

from glossary import store
from glossary.entries import service
from glossary.messages import Problem, by_key

SOURCE = {"quote": "A quotation.", "title": "A title", "published": "2026-05"}
TERM = {"kind": "term", "english": "model term", "simplified": "模型", "sources": [SOURCE]}


def statements(db, work) -> list[str]:
    """The SQL statements work runs on db."""
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        work()
    finally:
        db.conn.set_trace_callback(None)
    return seen


def test_exists_is_one_query(db) -> None:
    entry_id, _ = service.save(db, service.check(db, TERM).record, author="editor")
    assert len(statements(db, lambda: service.exists(db, entry_id))) == 1
    assert service.exists(db, entry_id) is True
    assert service.exists(db, entry_id, "term") is True
    assert service.exists(db, entry_id, "organization") is False
    assert service.exists(db, 2**63) is False
    assert service.exists(db, 0) is False
    service.delete(db, entry_id, author="editor", reason="gone")
    assert service.exists(db, entry_id) is False


def test_save_creates_then_edits_and_records_each_revision(db) -> None:
    checked = service.check(db, TERM, comment="  first  ")
    assert checked.problems == []
    assert checked.comment == "first"
    entry_id, revision = service.save(db, checked.record, author="editor", comment="first")
    assert revision == 1
    edited = service.check(db, {**TERM, "english": "model terms"}).record
    assert service.save(db, edited, author="editor", entry_id=entry_id, base_revision=1) == (
        entry_id,
        2,
    )
    with pytest.raises(service.Conflict):
        service.save(db, edited, author="editor", entry_id=entry_id, base_revision=1)
    history = [(r["revision"], r["action"], r["comment"]) for r in store.revisions(db, entry_id)]
    assert history == [(2, "edit", ""), (1, "create", "first")]
    assert store.get_entry(db, entry_id)["english"] == "model terms"


def test_problems_name_their_place_and_are_put_into_words_at_the_edge(db) -> None:
    draft = {
        **TERM,
        "english": "",
        "aliases": ["ok", 5],
        "sources": [{**SOURCE, "url": "javascript:alert(1)"}],
        "related": [10**9],
    }
    checked = service.check(db, draft, comment="x" * 501)
    assert {p.path: p.message for p in checked.problems} == {
        ("english",): "is required",
        ("aliases", 1): "must be text",
        ("sources", 0, "url"): "must be an http or https address",
        ("related", 0): "no such entry",
        ("comment",): "must be at most %(max)s characters long",
    }
    assert by_key(checked.problems) == {
        "english": "is required",
        "aliases[1]": "must be text",
        "sources[0].url": "must be an http or https address",
        "related[0]": "no such entry",
        "comment": "must be at most 500 characters long",
    }


def test_a_problem_knows_its_key_and_field() -> None:
    problem = Problem(("affiliations", 2, "as_of"), "must be a real date")
    assert (problem.key, problem.field) == ("affiliations[2].as_of", "as_of")
    assert Problem(("tags", 0), "x").key == "tags[0]"
    assert Problem((), "x").key == ""
    limit = Problem(("notes",), "must be at most %(max)s characters long", {"max": 4000})
    assert limit.english() == "must be at most 4000 characters long"
    assert limit.words(lambda message, **values: f"«{message % values}»") == (
        "«must be at most 4000 characters long»"
    )
