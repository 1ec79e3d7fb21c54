"""Logging in on the site: Flask-Login loads a session's account and sends others to /login."""

from __future__ import annotations

from flask import Flask
from flask_babel import gettext
from flask_login import LoginManager

from glossary.accounts import Account, load_account
from glossary.messages import N_
from glossary.web.db import get_db


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
