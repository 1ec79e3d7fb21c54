"""Search answers kept in each worker's memory until the data changes.

People search as they type, and many look up the same names and terms, so the same few
thousand searches come again and again. A search's page (or its JSON) is the same for every
anonymous visitor who asks in the same language, until an entry or the dictionary changes: the
answer is kept, keyed by its address, its language and the database's version
(store.Database.version: any commit, by any process, changes it), and sent again as it was.
Stale answers are never looked up again; they age out of the LRU (cachetools) that bounds the
memory. A logged-in editor's pages, which show their name and forms, are never kept.

GLOSSARY_ANSWER_CACHE_MB sets the memory each worker gives it (0 turns it off).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar, cast

from cachetools import LRUCache
from flask import Flask, current_app, make_response, request, session
from flask.typing import ResponseReturnValue

from glossary import i18n
from glossary.db import get_db

F = TypeVar("F", bound=Callable[..., ResponseReturnValue])
EXTENSION = "glossary.answers"
OVERHEAD = 200  # bytes counted for each answer besides its body: its key and the tuple


class Answers:
    """Kept answers (body, content type) by key, at most max_bytes of them; thread-safe."""

    def __init__(self, max_bytes: int):
        self._cache: LRUCache[tuple[Any, ...], tuple[bytes, str]] = LRUCache(
            maxsize=max_bytes, getsizeof=lambda answer: len(answer[0]) + OVERHEAD
        )
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple[Any, ...]) -> tuple[bytes, str] | None:
        with self._lock:
            answer = self._cache.get(key)
            if answer is None:
                self.misses += 1
            else:
                self.hits += 1
            return answer

    def put(self, key: tuple[Any, ...], answer: tuple[bytes, str]) -> None:
        if len(answer[0]) + OVERHEAD > self._cache.maxsize:
            return  # larger than the whole cache: not kept
        with self._lock:
            self._cache[key] = answer

    def __len__(self) -> int:
        return len(self._cache)


def init_app(app: Flask) -> None:
    """Give the app its answer cache, of ANSWER_CACHE_MB megabytes (none for 0)."""
    megabytes = app.config["ANSWER_CACHE_MB"]
    if megabytes:
        app.extensions[EXTENSION] = Answers(int(megabytes * 1024 * 1024))


def answers() -> Answers | None:
    """This app's answer cache, or None when it is turned off."""
    return cast("Answers | None", current_app.extensions.get(EXTENSION))


def kept(view: F) -> F:
    """Keep a GET view's successful answers to anonymous visitors, and send them again."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        cache = answers()
        # An empty session: nobody is logged in, and no message waits to be shown.
        if cache is None or request.method not in ("GET", "HEAD") or session:
            return view(*args, **kwargs)
        key = (
            request.path,
            request.query_string,
            request.headers.get("X-Requested-With"),  # the live results' fragment
            None if request.blueprint == "api" else i18n.select_locale(),  # JSON is English
            get_db().version(),  # type: ignore[attr-defined]  # store.Database
        )
        answer = cache.get(key)
        if answer is not None:
            body, content_type = answer
            return current_app.response_class(body, content_type=content_type)
        response = make_response(view(*args, **kwargs))
        if response.status_code == 200 and not response.is_streamed and not session:
            cache.put(key, (response.get_data(), response.content_type or ""))
        return response

    return cast(F, wrapper)
