"""Search answers kept in memory: sent again until the data changes, never an editor's page."""

from __future__ import annotations

import pytest

from glossary import create_app, store
from glossary.store.connection import connect, kept_connection
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


def test_hits_and_misses_are_counted(app, client):
    for _ in range(3):
        client.get("/api/search?q=xie")
    client.get("/api/search?q=fu+ying")
    assert (cache_of(app).hits, cache_of(app).misses) == (2, 2)


def test_the_memory_counts_each_body_and_its_overhead():
    cache = answers.Answers(max_bytes=3 * (100 + answers.OVERHEAD))
    for number in range(3):
        cache.put(("key", number), ("200 OK", [], b"x" * 100))  # exactly full
    assert len(cache) == 3
    assert cache._cache.currsize == 3 * (100 + answers.OVERHEAD)
    cache.put(("key", 3), ("200 OK", [], b"x" * 100))
    assert len(cache) == 3  # the least recently used one let go
    assert cache.get(("key", 0)) is None
    # An answer of exactly the whole memory is kept; a byte more, never.
    whole = answers.Answers(max_bytes=100 + answers.OVERHEAD)
    whole.put("fits", ("200 OK", [], b"x" * 100))
    whole.put("too large", ("200 OK", [], b"x" * 101))
    assert (whole.get("fits"), whole.get("too large")) == (("200 OK", [], b"x" * 100), None)


def test_a_remember_me_cookie_is_answered_by_the_app(app, client):
    client.set_cookie("remember_token", "someone")
    client.get("/search?q=xie")
    client.get("/search?q=xie")
    assert (cache_of(app).hits, len(cache_of(app))) == (0, 0)


def test_a_language_chosen_first_in_the_query_is_answered_by_the_app(app, client):
    for _ in range(2):
        response = client.get("/search?lang=zh_Hans&q=xie")
        assert "lang=zh_Hans" in response.headers["Set-Cookie"]
    assert len(cache_of(app)) == 0


def test_a_page_kept_for_the_language_cookie_is_not_sent_without_it(app, client):
    chinese = app.test_client()
    chinese.set_cookie("lang", "zh_Hans")
    assert html(chinese.get("/search?q=xie")).find("html")["lang"] == "zh-Hans"
    assert html(client.get("/search?q=xie")).find("html")["lang"] == "en"
    assert html(chinese.get("/search?q=xie")).find("html")["lang"] == "zh-Hans"
    assert (cache_of(app).hits, len(cache_of(app))) == (1, 2)


def test_answers_are_kept_apart_by_scheme_and_script_root(app, client):
    pages = [
        client.get("/search?q=xie", base_url=base).data
        for base in ("http://localhost", "https://localhost", "http://localhost/glossary")
    ]
    assert (cache_of(app).hits, len(cache_of(app))) == (0, 3)
    assert b'href="/glossary/' in pages[2] and b'href="/glossary/' not in pages[0]


def kept_answers_around(body: list[bytes], headers: list[tuple[str, str]]):
    """The middleware around a WSGI app that answers every request with body and headers,
    and the list it records each iterable's closing in."""
    closed: list[bool] = []

    class Body(list):
        def close(self):
            closed.append(True)

    def wsgi_app(environ, start_response):
        start_response("200 OK", list(headers))
        return Body(body)

    class App:  # what KeptAnswers reads of the Flask app
        config = {"DATABASE": ":memory:", "SESSION_COOKIE_NAME": "session"}

    middleware = answers.KeptAnswers(wsgi_app, App(), answers.Answers(1 << 20))
    middleware.key = lambda environ: ("one key",)  # type: ignore[method-assign]
    return middleware, closed


def test_a_kept_answer_is_the_whole_body_sent_with_its_status():
    middleware, closed = kept_answers_around([b"<p>", b"kept", b"</p>"], [("X-A", "1")])
    started = []
    for _ in range(2):
        body = middleware({}, lambda status, headers, *exc: started.append((status, headers)))
        assert b"".join(body) == b"<p>kept</p>"
    assert started == [("200 OK", [("X-A", "1")])] * 2
    assert closed == [True]  # the app's own iterable, closed once read
    assert middleware.answers.hits == 1


@pytest.mark.parametrize("name", ["Set-Cookie", "set-cookie", "SET-COOKIE"])
def test_an_answer_that_sets_a_cookie_is_not_kept(name):
    middleware, _ = kept_answers_around([b"page"], [(name, "a=b")])
    for _ in range(2):
        middleware({}, lambda *started: None)
    assert (middleware.answers.hits, len(middleware.answers)) == (0, 0)


def test_a_key_is_the_address_the_language_and_the_data_version(app):
    middleware = answers.KeptAnswers(lambda *_: [], app, answers.Answers(1 << 20))
    version = kept_connection(app.config["DATABASE"]).version()
    # The least a WSGI server gives: no query string, script name, scheme or host.
    bare = {"REQUEST_METHOD": "GET", "PATH_INFO": "/search"}
    assert middleware.key(bare) == (None, None, "", "/search", "", None, "en", version)
    full = {
        **bare,
        "wsgi.url_scheme": "https",
        "HTTP_HOST": "glossary.example",
        "SCRIPT_NAME": "/g",
        "QUERY_STRING": "q=xie",
        "HTTP_COOKIE": "lang=zh_Hant",
        "HTTP_X_REQUESTED_WITH": "glossary-search",
    }
    assert middleware.key(full) == (
        "https",
        "glossary.example",
        "/g",
        "/search",
        "q=xie",
        "glossary-search",
        "zh_Hant",
        version,
    )
    # A language chosen in the query sets a cookie: answered by the app, never looked up.
    for query in ("lang=zh_Hans&q=xie", "q=xie&lang=zh_Hans"):
        assert middleware.key({**full, "QUERY_STRING": query}) is None
    assert middleware.key({**full, "QUERY_STRING": "q=lang"})[4] == "q=lang"
    # The API's JSON is the same in every language; other paths and methods are never kept.
    assert middleware.key({**full, "PATH_INFO": "/api/search"})[6] is None
    assert middleware.key({**full, "PATH_INFO": "/changes"}) is None
    assert middleware.key({**full, "REQUEST_METHOD": "POST"}) is None
