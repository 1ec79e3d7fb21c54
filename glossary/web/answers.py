"""Search answers kept in each worker's memory until the data changes.

People search as they type, and many look up the same names and terms, so the same few
thousand searches come again and again. A search's page (or its JSON) is the same for every
anonymous visitor who asks in the same language, until an entry or the dictionary changes: the
whole answer (status, headers, body) is kept, keyed by its address, its language and the
database's version (store.Database.version: any commit, by any process, changes it), and sent
again as it was, before the request reaches Flask. Stale answers are never looked up again;
they age out of the LRU (cachetools) that bounds the memory. A request with a session or
remember-me cookie (an editor, or a message waiting to be shown) or a ?lang= choice (which
sets a cookie) is always answered by the app, and an answer that sets a cookie is not kept.

GLOSSARY_ANSWER_CACHE_MB sets the memory each worker gives it (0 turns it off).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.types import WSGIEnvironment

from cachetools import LRUCache
from flask import Flask
from werkzeug.http import parse_cookie

from glossary.store.connection import kept_connection
from glossary.web import i18n

EXTENSION = "glossary.answers"
OVERHEAD = 1000  # bytes counted for each answer besides its body: its key and headers
# The paths whose answers are kept, and whether they depend on the interface language (the
# JSON's field names and messages are English).
KEPT_PATHS = {"/search": True, "/api/search": False}

Key = tuple[Any, ...]
Answer = tuple[str, list[tuple[str, str]], bytes]  # status, headers, body


class Answers:
    """Kept answers by key, at most max_bytes of them; thread-safe."""

    def __init__(self, max_bytes: int):
        self._cache: LRUCache[Key, Answer] = LRUCache(
            maxsize=max_bytes, getsizeof=lambda answer: len(answer[2]) + OVERHEAD
        )
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Key) -> Answer | None:
        with self._lock:
            answer = self._cache.get(key)
            if answer is None:
                self.misses += 1
            else:
                self.hits += 1
            return answer

    def put(self, key: Key, answer: Answer) -> None:
        if len(answer[2]) + OVERHEAD > self._cache.maxsize:
            return  # larger than the whole cache: not kept
        with self._lock:
            self._cache[key] = answer

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def __len__(self) -> int:
        return len(self._cache)


class KeptAnswers:
    """WSGI middleware around the app: sends kept answers, and keeps the app's new ones."""

    def __init__(self, wsgi_app: Callable[..., Iterable[bytes]], app: Flask, answers: Answers):
        self.wsgi_app = wsgi_app
        self.database = app.config["DATABASE"]
        self.cookies = (app.config["SESSION_COOKIE_NAME"], "remember_token")  # Flask-Login's
        self.answers = answers

    def __call__(self, environ: WSGIEnvironment, start_response: Callable[..., Any]) -> Any:
        key = self.key(environ)
        if key is None:
            return self.wsgi_app(environ, start_response)
        answer = self.answers.get(key)
        if answer is not None:
            status, headers, body = answer
            start_response(status, list(headers))
            return [body]
        started: list[tuple[str, list[tuple[str, str]]]] = []

        def keep_start(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            started.append((status, headers))
            return start_response(status, headers, *exc_info)

        iterable = self.wsgi_app(environ, keep_start)
        try:
            body = b"".join(iterable)
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
        if started:
            status, headers = started[-1]
            if status.startswith("200 ") and all(n.lower() != "set-cookie" for n, _ in headers):
                self.answers.put(key, (status, list(headers), body))
        return [body]

    def key(self, environ: WSGIEnvironment) -> Key | None:
        """What a kept answer to this request is found by, or None if none may be sent."""
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") != "GET" or path not in KEPT_PATHS:
            return None
        query = environ.get("QUERY_STRING", "")
        if query.startswith("lang=") or "&lang=" in query:  # sets the language cookie
            return None
        cookies = parse_cookie(environ) if environ.get("HTTP_COOKIE") else {}
        if any(name in cookies for name in self.cookies):
            return None
        language = None
        if KEPT_PATHS[path]:  # as i18n.select_locale chooses, from the cookie or the header
            chosen = cookies.get(i18n.COOKIE)
            language = chosen if chosen in i18n.LOCALES else None
            language = language or i18n.locale_for(environ.get("HTTP_ACCEPT_LANGUAGE")) or "en"
        return (
            environ.get("wsgi.url_scheme"),
            environ.get("HTTP_HOST"),
            environ.get("SCRIPT_NAME", ""),
            path,
            query,
            environ.get("HTTP_X_REQUESTED_WITH"),  # the live results' fragment
            language,
            kept_connection(self.database).version(),  # type: ignore[attr-defined]
        )


def init_app(app: Flask) -> None:
    """Put the answer cache of ANSWER_CACHE_MB megabytes (none for 0) before the app."""
    megabytes = app.config["ANSWER_CACHE_MB"]
    if megabytes:
        answers = app.extensions[EXTENSION] = Answers(int(megabytes * 1024 * 1024))
        app.wsgi_app = KeptAnswers(app.wsgi_app, app, answers)  # type: ignore[method-assign]
