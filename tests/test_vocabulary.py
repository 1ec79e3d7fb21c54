"""The glossary's vocabulary in memory: a search leaves out the lookups it says cannot find
anything, and finds exactly what it found asking SQLite every lookup."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary import store
from glossary.store import finding
from glossary.text import keys
from tests.factories import NEW_TERM
from tests.helpers import PROPERTY, api_token, bearer


def find_both_ways(db, query: str, monkeypatch) -> tuple:
    """What finding.find finds with the glossary's vocabulary, and asking SQLite every lookup."""
    parsed = keys.parse_query(query)
    kept = finding.find(db, parsed, None, None, 100, 0)
    with monkeypatch.context() as patched:
        patched.setattr(finding, "vocabulary", lambda db: None)
        asked = finding.find(db, parsed, None, None, 100, 0)
    return kept, asked


@pytest.fixture
def forms(db) -> list[str]:
    """Every form of every glossary entry: English, both scripts, pinyin, description, aliases."""
    forms = []
    for row in db.execute(
        "SELECT english, simplified, traditional, pinyin, description, aliases FROM entry"
    ):
        forms += [form for form in row[:5] if form]
        forms += json.loads(row[5] or "[]")
    return forms


@PROPERTY
@given(data=st.data())
def test_a_search_finds_the_same_with_its_vocabulary_as_without(db, forms, monkeypatch, data):
    form = data.draw(st.sampled_from(forms))
    start = data.draw(st.integers(0, max(0, len(form) - 1)))
    end = data.draw(st.integers(start + 1, len(form)))
    query = form[start:end]
    query = data.draw(st.sampled_from([query, query.upper(), query.replace(" ", ""), form]))
    kept, asked = find_both_ways(db, query, monkeypatch)
    assert kept == asked


@pytest.mark.parametrize(
    "query",
    [
        "xie feng",
        "xiefeng",
        "xf",
        "谢",
        "謝鋒",
        "xie4 feng1",
        "CISS",
        "top race",
        "race to th",
        "strategic",
        "stabil",
        "Tsinghua",
        "tsai ingwen",
        "intelligence",
        "zzz",
        "国",
        "ai",
        "a",
    ],
)
def test_what_people_type_is_found_alike(db, monkeypatch, query):
    kept, asked = find_both_ways(db, query, monkeypatch)
    assert kept == asked


def test_the_vocabulary_holds_keys_characters_and_terms_by_column(db):
    known = finding.vocabulary(db)
    assert known is not None
    assert known.has_key("hanzi", "谢锋", "exact")
    assert known.has_key("hanzi", "谢", "prefix") and not known.has_key("hanzi", "谢锋", "prefix")
    assert known.has_key("py", "xiefe", "inner") and not known.has_key("py", "xiefengz", "inner")
    assert "锋" in known.characters and "a" not in known.characters
    assert known.may_match("names", ["xie", "fe"]) and not known.may_match("names", ["xie", "zzz"])
    assert not known.may_match("names", ["zzzq"])
    assert known.may_match("names", ["жж"])  # not ASCII: left to FTS5


def test_a_large_glossary_is_searched_without_it(db, monkeypatch):
    expected = finding.find(db, keys.parse_query("xie feng"), None, None, 20, 0)
    assert expected[1][0]["english"] == "Xie Feng"
    monkeypatch.setattr(finding, "VOCABULARY_KEYS", 10)
    db.memo.clear()
    assert finding.vocabulary(db) is None
    assert finding.find(db, keys.parse_query("xie feng"), None, None, 20, 0) == expected


def test_an_entry_written_elsewhere_is_found_at_once(app, db):
    def total(query: str) -> int:
        return finding.find(db, keys.parse_query(query), None, None, 20, 0)[0]

    assert (total("confidence-building"), total("CBMs"), total("建立信任")) == (0, 0, 0)
    store.insert_account(db, "ed", "editor", "!", "session")
    token = api_token(app, "ed")
    response = app.test_client().post("/api/entries", json=NEW_TERM, headers=bearer(token))
    assert response.status_code == 201
    assert (total("confidence-building"), total("CBMs"), total("建立信任")) == (1, 1, 1)
    assert total("confidence buil") == 1  # the last word a prefix, in the full-text index
