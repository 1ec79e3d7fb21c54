"""Logging in and out."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from glossary import accounts
from glossary.web.db import get_db
from glossary.web.forms import LoginForm
from glossary.web.login import safe_next

bp = Blueprint("auth", __name__)


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
