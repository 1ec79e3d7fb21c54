"""Search answers kept in memory: sent again until the data changes, never an editor's page."""

from __future__ import annotations

import pytest

from glossary import create_app, store
from glossary.store.connection import connect
from glossary.web import answers
from tests.helpers import html, login


def cache_of(app) -> answers.Answers:
    return app.extensions[answers.EXTENSION]


def record(english: str, simplified: str) -> dict:
    return {"kind": "term", "english": english, "simplified": simplified, "sources": []}


def englishes(response) -> list[str]:
    return [result["english"] for result in response.get_json()["results"]]


def test_the_same_search_is_answered_from_memory_the_second_time(app, client):
    first = client.get("/api/search?q=xie+feng")
    second = client.get("/api/search?q=xie+feng")
    cache = cache_of(app)
    assert (cache.hits, cache.misses) == (1, 1)
    assert second.data == first.data
    assert second.content_type == "application/json"
    assert englishes(second)[0] == "Xie Feng"
    # The kept answer still gets this response's headers.
    assert second.headers["X-Content-Type-Options"] == "nosniff"


def test_an_entry_added_by_another_process_shows_in_the_next_answer(app, client, db):
    assert englishes(client.get("/api/search?q=kept+answer")) == []
    store.create_entry(db, record("kept answer", "缓存"), author="ed")  # another connection
    assert englishes(client.get("/api/search?q=kept+answer")) == ["kept answer"]
    assert cache_of(app).hits == 0


def test_an_entry_added_through_the_app_shows_in_the_next_answer(app, client):
    assert englishes(client.get("/api/search?q=kept+answer")) == []
    with app.app_context():
        from glossary.web.db import get_db

        store.create_entry(get_db(), record("kept answer", "缓存"), author="ed")  # this one
    assert englishes(client.get("/api/search?q=kept+answer")) == ["kept answer"]


def test_each_language_gets_its_own_page(app, client):
    english = html(client.get("/search?q=xie", headers={"Accept-Language": "en"}))
    chinese = html(client.get("/search?q=xie", headers={"Accept-Language": "zh-CN"}))
    again = html(client.get("/search?q=xie", headers={"Accept-Language": "zh-CN"}))
    assert english.find("html")["lang"] == "en"
    assert chinese.find("html")["lang"] == again.find("html")["lang"] == "zh-Hans"
    assert cache_of(app).hits == 1


def test_the_live_results_fragment_is_kept_apart_from_the_page(client):
    page = client.get("/search?q=xie")
    fragment = client.get("/search?q=xie", headers={"X-Requested-With": "glossary-search"})
    assert b"<html" in page.data
    assert b"<html" not in fragment.data
    assert (
        b"<html"
        not in client.get("/search?q=xie", headers={"X-Requested-With": "glossary-search"}).data
    )


def test_an_editors_pages_are_never_kept(accounts_app):
    client = accounts_app.test_client()
    login(client, "ed")
    for _ in range(2):
        page = html(client.get("/search?q=xie"))
        assert page.select_one(".who").get_text().startswith("ed")
    cache = cache_of(accounts_app)
    assert (cache.hits, cache.misses, len(cache)) == (0, 0, 0)
    # Nor does anybody else get the editor's page.
    assert html(accounts_app.test_client().get("/search?q=xie")).select_one(".who") is None


def test_refused_searches_are_not_kept(app, client):
    assert client.get("/api/search?limit=0").status_code == 400
    assert client.get("/api/search?limit=0").status_code == 400
    assert len(cache_of(app)) == 0


def test_the_memory_is_bounded(tmp_path, seeded_template):
    import shutil

    path = tmp_path / "glossary.db"
    shutil.copy(seeded_template, path)
    app = create_app(
        {"TESTING": True, "DATABASE": str(path), "SECRET_KEY": "t", "ANSWER_CACHE_MB": 0.01}
    )
    client = app.test_client()
    for query in ("xie", "fu ying", "xiao qian", "sun", "ai", "china", "安全", "清华"):
        client.get("/search", query_string={"q": query})
    cache = cache_of(app)
    assert 0 < len(cache) < 8
    assert cache._cache.currsize <= 0.01 * 1024 * 1024


def test_a_size_of_zero_keeps_nothing(tmp_path, seeded_template):
    import shutil

    path = tmp_path / "glossary.db"
    shutil.copy(seeded_template, path)
    app = create_app(
        {"TESTING": True, "DATABASE": str(path), "SECRET_KEY": "t", "ANSWER_CACHE_MB": 0}
    )
    assert app.test_client().get("/api/search?q=xie").status_code == 200
    assert answers.EXTENSION not in app.extensions


@pytest.mark.parametrize("value", ["lots", "-1", "5000"])
def test_a_bad_size_is_refused_at_start(tmp_path, monkeypatch, value):
    monkeypatch.setenv("GLOSSARY_ANSWER_CACHE_MB", value)
    with pytest.raises(ValueError, match="GLOSSARY_ANSWER_CACHE_MB must be megabytes"):
        create_app({"DATABASE": str(tmp_path / "g.db"), "SECRET_KEY": "t"})


def test_the_size_is_read_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSSARY_ANSWER_CACHE_MB", "2.5")
    app = create_app({"DATABASE": str(tmp_path / "g.db"), "SECRET_KEY": "t"})
    assert cache_of(app)._cache.maxsize == int(2.5 * 1024 * 1024)


def test_a_database_version_changes_with_any_commit(app, db):
    before = db.version()
    assert db.version() == before
    other = connect(app.config["DATABASE"])
    store.create_entry(other, record("versioned", "版本"), author="ed")
    after_other = db.version()
    assert after_other != before
    store.create_entry(db, record("versioned too", "版本二"), author="ed")
    assert db.version() != after_other


def test_a_language_choice_is_answered_by_the_app_which_sets_its_cookie(app, client):
    for _ in range(2):
        response = client.get("/search?q=xie&lang=zh_Hant")
        assert "lang=zh_Hant" in response.headers["Set-Cookie"]
        assert html(response).find("html")["lang"] == "zh-Hant"
    assert len(cache_of(app)) == 0
    # The cookie now chooses the language of the kept page.
    client.get("/search?q=xie")
    assert html(client.get("/search?q=xie")).find("html")["lang"] == "zh-Hant"
    assert cache_of(app).hits == 1


def test_a_query_that_merely_contains_lang_is_kept(app, client):
    client.get("/api/search?q=language")
    client.get("/api/search?q=language")
    assert cache_of(app).hits == 1


def test_answers_are_kept_apart_by_host(app, client):
    client.get("/api/search?q=xie", headers={"Host": "glossary.example"})
    client.get("/api/search?q=xie", headers={"Host": "evil.example"})
    assert (cache_of(app).hits, len(cache_of(app))) == (0, 2)


def test_a_kept_answer_is_the_whole_response(app, client):
    first = client.get("/search?q=xie")
    second = client.get("/search?q=xie")
    assert cache_of(app).hits == 1
    assert second.data == first.data
    for name in ("Content-Type", "Content-Security-Policy", "Vary", "Content-Length"):
        assert second.headers[name] == first.headers[name]
