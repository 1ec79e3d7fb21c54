"""Search answers kept in each worker's memory until the data changes, and results' cards
kept by what they show.

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

Cards: any edit empties the kept answers, so in a working newsroom most results pages are
written anew, and through Jinja the cards were half of a page's cost beyond the JSON answer's
(bench/results/grown-pages.md). A card is a function of what it shows: the entry as the search
gave it (every field), the marks of its match (computed for each request from the query), the
interface language and the macro that writes it; it is kept by exactly those, so an edit to an
entry changes its key and leaves every other card as it was. The search, its ranking and the
marking are done for every request; only the writing of a card seen before is not.
GLOSSARY_CARD_CACHE_MB sets the memory each worker gives them (0 turns it off).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from itertools import islice
from typing import Any
from wsgiref.types import WSGIEnvironment

from cachetools import LRUCache
from flask import Flask
from jinja2.runtime import Macro
from werkzeug.http import parse_cookie

from glossary.store.connection import kept_connection
from glossary.web import display, highlight, i18n

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


CARDS = "glossary.cards"
CARD_OVERHEAD = 512  # bytes counted for each card besides its text, its key and their values
WRITTEN_BYTES = 1024  # the cards written once noted: at most one for each KB of the cards' memory


def marks(entry: Mapping[str, Any], query: str) -> tuple[tuple[str, bool], ...]:
    """What a card shows of its match, as (text, marked) segments: the description where the
    match is in it, else the form matched; none for an entry found without a match."""
    match = entry.get("match")
    if not match:
        return ()
    shown = entry.get("description") if match["field"] == "description" else match["form"]
    return tuple(highlight.highlight(shown, query)) if shown else ()


class Cards:
    """Results' cards as their macros write them, kept by what they show, in at most
    max_bytes (the cards, their keys and the values the keys hold, as sys.getsizeof counts
    them, and CARD_OVERHEAD for the rest). When they would take more, the older half is let
    go. A card is kept the second time it is written, not the first: one written once (for a
    search nobody repeats, or an answer the answer cache then keeps) takes no memory but a
    number. Thread-safe: a lookup is one read of a dict, and keeping a card takes a lock (the
    hits and misses, counted for tests and benchmarks, may miss a count between threads).

    A plain dict, not an LRU: cachetools' lookup (its lock, its order kept on every hit, three
    hashes of a key that holds a whole entry) cost a third of what a kept card saves."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = self.hits = self.misses = 0
        self._kept: dict[Key, tuple[str, int]] = {}
        self._fields: dict[tuple[str, ...], tuple[str, ...]] = {}  # each entry shape once
        self._written: set[int] = set()  # the hashes of the keys of cards written once
        self._lock = threading.Lock()

    def card(self, macro: Macro, entry: Mapping[str, Any], query: str) -> str:
        """The card (Markup) macro(entry, marks) writes for an entry a search found with this
        query."""
        marked = marks(entry, query)
        fields = tuple(entry)
        try:
            key = (
                macro.name,
                display.current_locale(),
                marked,
                self._fields.setdefault(fields, fields),
                *[tuple(v.items()) if type(v) is dict else v for v in entry.values()],
            )
            found = self._kept.get(key)
        except TypeError:  # a value that cannot be a key (a list): written every time
            return macro(entry, marked)
        if found is not None:
            self.hits += 1
            return found[0]
        self.misses += 1
        card = macro(entry, marked)
        self._keep(key, card)
        return card

    def _keep(self, key: Key, card: str) -> None:
        written = hash(key)
        if written not in self._written:  # the first time: noted, not kept
            if len(self._written) >= self.max_bytes // WRITTEN_BYTES:
                self._written.clear()
            self._written.add(written)
            return
        size = (
            CARD_OVERHEAD + sys.getsizeof(card) + sys.getsizeof(key) + sum(map(sys.getsizeof, key))
        )
        if size > self.max_bytes:
            return
        with self._lock:
            if self.size + size > self.max_bytes:
                for old in list(islice(self._kept, len(self._kept) // 2 + 1)):
                    self.size -= self._kept.pop(old)[1]
            if key not in self._kept:
                self._kept[key] = (card, size)
                self.size += size

    def __len__(self) -> int:
        return len(self._kept)


def written_card(macro: Macro, entry: Mapping[str, Any], query: str) -> str:
    """The card (Markup) macro(entry, marks) writes, written anew (no cards are kept)."""
    return macro(entry, marks(entry, query))


def init_app(app: Flask) -> None:
    """Put the answer cache of ANSWER_CACHE_MB megabytes (none for 0) before the app, and give
    the templates `card`, which keeps cards in CARD_CACHE_MB megabytes (none for 0). Cards are
    not kept where templates are reloaded when they change (TEMPLATES_AUTO_RELOAD, debug)."""
    megabytes = app.config["ANSWER_CACHE_MB"]
    if megabytes:
        answers = app.extensions[EXTENSION] = Answers(int(megabytes * 1024 * 1024))
        app.wsgi_app = KeptAnswers(app.wsgi_app, app, answers)  # type: ignore[method-assign]
    card_megabytes = app.config["CARD_CACHE_MB"]
    if card_megabytes and not app.jinja_env.auto_reload:
        cards = app.extensions[CARDS] = Cards(int(card_megabytes * 1024 * 1024))
        app.add_template_global(cards.card, "card")
    else:
        app.add_template_global(written_card, "card")
