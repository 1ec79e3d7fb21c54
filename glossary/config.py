"""Configuration defaults, overridden by GLOSSARY_* environment variables."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# An installed wheel carries the seed and the compiled catalogs inside the package (setup.py
# puts them there); a checkout has them at the top of the repository.
INSTALLED = (HERE / "data" / "glossary.json").is_file()
#: The shipped seed data: data/glossary.json.
SEED_PATH = (HERE if INSTALLED else HERE.parent) / "data" / "glossary.json"
TRANSLATIONS = (HERE if INSTALLED else HERE.parent) / "translations"


def defaults(instance_path: str) -> dict[str, Any]:
    """Return the default settings for an app whose instance folder is instance_path."""
    return {
        "SECRET_KEY": None,
        "DATABASE": os.path.join(instance_path, "glossary.db"),
        "SEED": str(SEED_PATH),
        # An editor may keep a form open for hours: the CSRF token lasts as long as the session.
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # How many reverse proxies stand before the app: their X-Forwarded-For and -Proto are
        # then believed (login throttling by address, https links). None: served directly.
        "PROXIES": 0,
        # Whether their X-Forwarded-Host is believed too (the feed's links name that host):
        # only for a proxy that sets it itself, as the documented nginx does not.
        "TRUST_FORWARDED_HOST": False,
        # A session ends after this many days without a request (the cookie is renewed on each).
        "SESSION_IDLE_DAYS": 14,
        "SESSION_COOKIE_HTTPONLY": True,
        # Secure cookies are sent over HTTPS only: set GLOSSARY_SECURE_COOKIES=1 when the site is
        # served over HTTPS (behind a proxy that terminates TLS, the app itself sees plain HTTP).
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "PAGE_SIZE": 20,
        "MAX_PAGE_SIZE": 100,
        "MAX_QUERY_LENGTH": 200,
        # Memory each worker keeps search answers in (answers.py); 0 keeps none.
        "ANSWER_CACHE_MB": 16,
        # The largest request body, an upload on /import included (a larger one gets 413).
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        # Uploads kept between an import's dry run and its confirmation, and import jobs' files.
        "IMPORT_FOLDER": os.path.join(instance_path, "imports"),
        # An upload larger than this (in KB) is checked and imported as a job, in a process of
        # its own, not in the request (exchange/jobs.py): see README, "Export and import".
        "IMPORT_JOB_KB": 256,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(TRANSLATIONS),
    }


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """Read GLOSSARY_DATABASE, GLOSSARY_SECRET_KEY, GLOSSARY_SEED, GLOSSARY_SECURE_COOKIES,
    GLOSSARY_PROXIES, GLOSSARY_TRUST_FORWARDED_HOST, GLOSSARY_SESSION_IDLE_DAYS,
    GLOSSARY_ANSWER_CACHE_MB and GLOSSARY_IMPORT_JOB_KB."""
    settings: dict[str, Any] = {}
    for name in ("DATABASE", "SECRET_KEY", "SEED"):
        value = environ.get(f"GLOSSARY_{name}")
        if value:
            settings[name] = value
    secure = environ.get("GLOSSARY_SECURE_COOKIES", "").strip().lower()
    if secure:
        settings["SESSION_COOKIE_SECURE"] = settings["REMEMBER_COOKIE_SECURE"] = secure in TRUE
    proxies = environ.get("GLOSSARY_PROXIES", "").strip()
    if proxies:
        settings["PROXIES"] = int(proxies) if proxies.isdigit() else proxies
    forwarded_host = environ.get("GLOSSARY_TRUST_FORWARDED_HOST", "").strip().lower()
    if forwarded_host:
        settings["TRUST_FORWARDED_HOST"] = forwarded_host in TRUE
    for name, variable in (
        ("ANSWER_CACHE_MB", "GLOSSARY_ANSWER_CACHE_MB"),
        ("SESSION_IDLE_DAYS", "GLOSSARY_SESSION_IDLE_DAYS"),
        ("IMPORT_JOB_KB", "GLOSSARY_IMPORT_JOB_KB"),
    ):
        value = environ.get(variable, "").strip()
        if value:
            settings[name] = _number(value)
    return settings


def _number(value: str) -> float | str:
    """A number setting as a float; as given when it is none, for create_app to refuse."""
    try:
        return float(value)
    except ValueError:
        return value


TRUE = ("1", "true", "yes", "on")


def secret_key(instance_path: str) -> str:
    """Return the secret key kept in the instance folder, creating it on first use."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
