"""This request's g, read without Flask's proxy.

flask.g (as request and current_app) is a proxy that looks the request's object up again on
each use. The helpers a page calls for each of its links and labels (the catalog, the locale,
the page's address, the kept links) read g some 150 times a results page: the request's own g
is kept in a context variable from the start of the request to its teardown, and read there.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from flask import Flask, g

_G: ContextVar[Any] = ContextVar("glossary_request_g", default=None)


def request_g() -> Any:
    """This request's g itself; flask.g where no request kept it (a template rendered in a
    request context pushed by hand, as tests do)."""
    found = _G.get()
    return g if found is None else found


def init_app(app: Flask) -> None:
    """Keep each request's g from the start of the request (this is the first before_request
    function: init_app is called before the others) to its teardown."""
    app.before_request(_keep)
    app.teardown_request(_forget)


def _keep() -> None:
    g._glossary_scope = _G.set(g._get_current_object())  # type: ignore[attr-defined]


def _forget(_error: BaseException | None) -> None:
    token = g.pop("_glossary_scope", None)
    if token is not None:
        _G.reset(token)
