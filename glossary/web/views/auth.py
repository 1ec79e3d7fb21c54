"""Logging in and out, and the decorator that keeps editing to those allowed."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.urls import iri_to_uri

from glossary import accounts
from glossary.web.db import get_db
from glossary.web.forms import LoginForm

bp = Blueprint("auth", __name__)
F = TypeVar("F", bound=Callable[..., Any])


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


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """The login form; throttled after repeated failures."""
    form = LoginForm(next=request.args.get("next", ""))
    status = 200
    if form.validate_on_submit():
        try:
            account = accounts.authenticate(
                get_db(), form.name.data or "", form.password.data or "", request.remote_addr or ""
            )
        except accounts.Throttled as error:
            form.form_errors.append(_(error.message, **error.values))
            status = 429
        except accounts.AccountError as error:
            form.form_errors.append(_(error.message, **error.values))
            status = 401
        else:
            session.clear()  # a new session at login: nothing carries over from before
            # Permanent: renewed with each request, it ends after SESSION_IDLE_DAYS idle.
            session.permanent = True
            login_user(account)
            flash(_("Logged in as %(name)s.", name=account.name), "success")
            return redirect(safe_next(form.next.data))
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """End the session (every session of the account: its session token changes)."""
    if current_user.is_authenticated:
        accounts.end_sessions(get_db(), current_user.id)
    logout_user()
    session.clear()
    flash(_("Logged out."), "success")
    return redirect(url_for("search.home"))
