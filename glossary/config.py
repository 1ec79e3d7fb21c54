"""Settings: one table of the GLOSSARY_* environment variables, read and checked at start.

Each setting names its variable, its default, how its text is read and what it does; the README's
table of settings is made from the same table (`make settings`; tests/test_config.py fails when
it is stale). A variable that holds a value its setting cannot take stops the start with a message
naming the variable and what it must be.
"""

from __future__ import annotations

import math
import os
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# An installed wheel carries the seed and the compiled catalogs inside the package (setup.py
# puts them there); a checkout has them at the top of the repository.
INSTALLED = (HERE / "data" / "glossary.json").is_file()
#: The shipped seed data: data/glossary.json.
SEED_PATH = (HERE if INSTALLED else HERE.parent) / "data" / "glossary.json"
TRANSLATIONS = (HERE if INSTALLED else HERE.parent) / "translations"


class SettingError(ValueError):
    """An environment variable holds a value its setting cannot take."""


@dataclass(frozen=True)
class Parser:
    """How a variable's text is read: what it must be (as errors and the README say it), and
    the function that reads it, raising ValueError when the text is not that."""

    accepts: str
    read: Callable[[str], Any]


def _as_given(text: str) -> str:
    return text


SWITCH_WORDS = {"1": True, "true": True, "yes": True, "on": True}
SWITCH_WORDS |= {"0": False, "false": False, "no": False, "off": False}


def _switch(text: str) -> bool:
    word = text.strip().lower()
    if word not in SWITCH_WORDS:
        raise ValueError(text)
    return SWITCH_WORDS[word]


def _number(
    low: float, high: float, *, whole: bool, above_low: bool = False
) -> Callable[[str], float]:
    """A reader of numbers from low (or above it) to high, whole or not."""

    def read(text: str) -> float:
        text = text.strip()
        if whole and not re.fullmatch(r"[0-9]+", text):
            raise ValueError(text)
        number = int(text) if whole else float(text)
        if math.isnan(number) or number < low or number > high or above_low and number == low:
            raise ValueError(text)
        return number

    return read


def _choice(*options: str) -> Callable[[str], str]:
    """A reader of one of options, in any case."""

    def read(text: str) -> str:
        word = text.strip().lower()
        if word not in options:
            raise ValueError(text)
        return word

    return read


PATH = Parser("a path", _as_given)
TEXT = Parser("text", _as_given)
SWITCH = Parser("1 or 0 (also yes or no, true or false, on or off)", _switch)


@dataclass(frozen=True)
class Setting:
    """One setting: its variable, its default, how its text is read, and what it does."""

    name: str
    #: Its value when the variable is unset or empty; a function of the instance folder when it
    #: depends on it; None when the code that uses it makes its own.
    default: Any
    parse: Parser
    help: str
    #: The app.config keys the setting fills; none when it is read where it is used.
    keys: tuple[str, ...] = ()
    #: The default as the README says it, when it is not the value itself.
    shown: str = ""

    @property
    def variable(self) -> str:
        """The environment variable that sets it."""
        return f"GLOSSARY_{self.name}"

    def read(self, text: str) -> Any:
        """The value of the variable's text; SettingError when it is not one."""
        try:
            return self.parse.read(text)
        except ValueError:
            raise SettingError(f"{self.variable} must be {self.parse.accepts}: {text!r}") from None

    def default_for(self, instance_path: str) -> Any:
        """Its default for an app whose instance folder is instance_path."""
        return self.default(instance_path) if callable(self.default) else self.default


def _workers(instance_path: str) -> int:
    return (os.cpu_count() or 1) + 1


SETTINGS = (
    Setting(
        "DATABASE",
        lambda instance_path: os.path.join(instance_path, "glossary.db"),
        PATH,
        "the SQLite database; created and seeded on first start",
        keys=("DATABASE",),
        shown="`instance/glossary.db` (Flask's instance folder)",
    ),
    Setting(
        "SEED",
        str(SEED_PATH),
        PATH,
        "the seed data loaded into an empty database",
        keys=("SEED",),
        shown="`data/glossary.json`",
    ),
    Setting(
        "SECRET_KEY",
        None,
        TEXT,
        "signs sessions and pending imports: the same on every server, kept with the backups",
        keys=("SECRET_KEY",),
        shown="generated once into `instance/secret_key`",
    ),
    Setting(
        "WORKERS",
        _workers,
        Parser("a number of worker processes, 1 to 64", _number(1, 64, whole=True)),
        "gunicorn worker processes of `glossary serve` (its `--workers`)",
        shown="one per core, plus one",
    ),
    Setting(
        "WORKER_CLASS",
        "sync",
        Parser("sync or gthread", _choice("sync", "gthread")),
        "gunicorn's worker class (`--worker-class`): see docs/deploying.md",
    ),
    Setting(
        "THREADS",
        1,
        Parser("a number of threads, 1 to 64", _number(1, 64, whole=True)),
        "threads per `gthread` worker (`--threads`)",
    ),
    Setting(
        "SECURE_COOKIES",
        False,
        SWITCH,
        "`1` when the site is served over HTTPS (also behind a proxy that terminates TLS): the"
        " session and language cookies are then sent over HTTPS only (`Secure`)",
        keys=("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"),
    ),
    Setting(
        "SESSION_IDLE_DAYS",
        14,
        Parser(
            "days, more than 0 and at most 3650",
            _number(0, 3650, whole=False, above_low=True),
        ),
        "a login ends after this many days without a request (fractions allowed)",
        keys=("SESSION_IDLE_DAYS",),
    ),
    Setting(
        "ANSWER_CACHE_MB",
        16,
        Parser("megabytes, 0 to 4096", _number(0, 4096, whole=False)),
        "memory each worker keeps anonymous search answers in (`/api/search`, `/search`), sent"
        " again until any entry or the dictionary changes; `0` keeps none",
        keys=("ANSWER_CACHE_MB",),
    ),
    Setting(
        "CARD_CACHE_MB",
        16,
        Parser("megabytes, 0 to 4096", _number(0, 4096, whole=False)),
        "memory each worker keeps results' cards in, each by what it shows (the entry as found,"
        " its marked match, the language), so an edit changes only its own entry's card; `0`"
        " keeps none",
        keys=("CARD_CACHE_MB",),
    ),
    Setting(
        "IMPORT_JOB_KB",
        256,
        Parser("kilobytes, 0 or more", _number(0, 10**9, whole=False)),
        "an upload on `/import` larger than this many kilobytes is checked and imported as a job,"
        " in a process of its own (see [Export and import](#export-and-import)); `0` makes every"
        " upload one",
        keys=("IMPORT_JOB_KB",),
    ),
    Setting(
        "PROXIES",
        0,
        Parser("a number of proxies, 0 to 10", _number(0, 10, whole=True)),
        "behind a reverse proxy, how many stand before the app (usually `1`): the client's"
        " address and scheme are then read from their `X-Forwarded-For` and `X-Forwarded-Proto`"
        " (Werkzeug's `ProxyFix`), so that login throttling counts each client, not the proxy",
        keys=("PROXIES",),
    ),
    Setting(
        "TRUST_FORWARDED_HOST",
        False,
        SWITCH,
        "`1` to take the host (in the feed's links) from the proxy's `X-Forwarded-Host` too:"
        " only for a proxy that sets that header itself (the nginx in `docs/deploying.md` does"
        " not)",
        keys=("TRUST_FORWARDED_HOST",),
    ),
    Setting(
        "LITESTREAM",
        None,
        PATH,
        "the Litestream program that `glossary serve --replicate` and `glossary restore"
        " --from-replica` run",
        shown="`litestream` on `PATH`",
    ),
    Setting(
        "CHECKPOINTS",
        None,
        Parser("litestream", _choice("litestream")),
        "`litestream` leaves checkpoints of the database's log to Litestream; `glossary serve"
        " --replicate` sets it for the server it starts (docs/deploying.md)",
        shown="SQLite's own",
    ),
)
BY_NAME = {setting.name: setting for setting in SETTINGS}


def defaults(instance_path: str) -> dict[str, object]:
    """Return the default settings for an app whose instance folder is instance_path."""
    settings: dict[str, object] = {
        # An editor may keep a form open for hours: the CSRF token lasts as long as the session.
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "PAGE_SIZE": 20,
        "MAX_PAGE_SIZE": 100,
        "MAX_QUERY_LENGTH": 200,
        # The largest request body, an upload on /import included (a larger one gets 413).
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        # Uploads kept between an import's dry run and its confirmation, and import jobs' files.
        "IMPORT_FOLDER": os.path.join(instance_path, "imports"),
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(TRANSLATIONS),
    }
    for setting in SETTINGS:
        for key in setting.keys:
            settings[key] = setting.default_for(instance_path)
    return settings


def from_environment(environ: Mapping[str, str]) -> dict[str, object]:
    """Read every GLOSSARY_* setting that environ sets; return the app.config values of those
    the app keeps. Raise SettingError for the first variable that holds a wrong value."""
    settings: dict[str, object] = {}
    for setting in SETTINGS:
        text = environ.get(setting.variable, "")
        if text.strip():
            value = setting.read(text)
            settings |= dict.fromkeys(setting.keys, value)
    return settings


def value(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """One setting's value, from environ (the process's environment by default), else its
    default."""
    setting = BY_NAME[name]
    text = (os.environ if environ is None else environ).get(setting.variable, "")
    return setting.read(text) if text.strip() else setting.default_for("")


def secret_key(instance_path: str) -> str:
    """Return the secret key kept in the instance folder, creating it on first use."""
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


# The README's table of settings -------------------------------------------------------------

README_START = "<!-- settings: made by `make settings` from glossary/config.py -->"
README_END = "<!-- /settings -->"


def shown_default(setting: Setting) -> str:
    """The setting's default as the README says it."""
    if setting.shown:
        return setting.shown
    if isinstance(setting.default, bool):
        return "on" if setting.default else "off"
    if isinstance(setting.default, str):
        return f"`{setting.default}`"
    return str(setting.default)


def markdown_table() -> str:
    """The README's table of settings: variable, default, value, what it does."""
    rows = ["| variable | default | value | what it does |", "| --- | --- | --- | --- |"]
    for setting in SETTINGS:
        cells = (f"`{setting.variable}`", shown_default(setting), setting.parse.accepts)
        rows.append(f"| {' | '.join(cells)} | {setting.help} |")
    return "\n".join(rows) + "\n"


def write_readme_table(readme: Path) -> None:
    """Write the table of settings into the README, between its markers."""
    text = readme.read_text(encoding="utf-8")
    before, rest = text.split(README_START + "\n", 1)
    _, after = rest.split(README_END, 1)
    readme.write_text(before + README_START + "\n" + markdown_table() + README_END + after)
