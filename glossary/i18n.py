"""Interface language: flask-babel, with the locale chosen per request."""

from __future__ import annotations

from flask import Flask, request
from flask_babel import Babel

LOCALES = ("en", "zh_Hans", "zh_Hant")


def select_locale() -> str:
    """Choose the interface language: ?lang=, then the lang cookie, else English."""
    for choice in (request.args.get("lang"), request.cookies.get("lang")):
        if choice in LOCALES:
            return choice
    return "en"


def init_app(app: Flask) -> None:
    """Attach flask-babel to the app."""
    Babel(app, locale_selector=select_locale)
