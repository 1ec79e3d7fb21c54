"""Logging in on the site: Flask-Login loads a session's account and sends others to /login;
the decorator that keeps editing to those allowed, and where to go once logged in."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Flask, abort, url_for
from flask_babel import gettext
from flask_login import LoginManager, current_user, login_required
from werkzeug.urls import iri_to_uri

from glossary.accounts import Account, load_account
from glossary.messages import N_
from glossary.web.db import get_db

F = TypeVar("F", bound=Callable[..., Any])


def init_app(app: Flask) -> None:
    """Set up Flask-Login: sessions load accounts; anonymous editors are sent to /login."""
    manager = LoginManager(app)
    manager.login_view = "auth.login"
    manager.login_message = N_("Please log in to edit the glossary.")
    manager.login_message_category = "info"
    manager.session_protection = "basic"
    manager.localize_callback = gettext

    @manager.user_loader
    def _load(session_id: str) -> Account | None:
        return load_account(get_db(), session_id)


def role_required(role: str) -> Callable[[F], F]:
    """Send anonymous people to /login?next=…; refuse (403) accounts below the role."""

    def decorator(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.can(role):
                abort(403)
            return view(*args, **kwargs)

        return cast(F, wrapped)

    return decorator


def safe_next(target: str | None) -> str:
    """Return target if it is a path on this site, else the home page.

    What is checked is the Location werkzeug will send (iri_to_uri drops tabs and newlines, as
    browsers do: "/\t/evil.example" would leave as "//evil.example"), and a target with any
    control character or backslash (which browsers read as a slash) is refused outright.
    """
    if not target or "\\" in target or any(unicodedata.category(c) == "Cc" for c in target):
        return url_for("search.home")
    sent = iri_to_uri(target)
    if sent.startswith("/") and not sent.startswith("//"):
        return sent
    return url_for("search.home")
