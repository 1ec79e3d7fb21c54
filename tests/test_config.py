"""The settings table (glossary/config.py): every GLOSSARY_* variable, its default, how its text
is read, and the README's table made from it."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from glossary import config, create_app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
GLOSSARY = Path(sys.executable).parent / "glossary"

# The variables and their defaults are contracts: deployments set them.
VARIABLES = {
    "GLOSSARY_DATABASE",
    "GLOSSARY_SEED",
    "GLOSSARY_SECRET_KEY",
    "GLOSSARY_WORKERS",
    "GLOSSARY_WORKER_CLASS",
    "GLOSSARY_THREADS",
    "GLOSSARY_SECURE_COOKIES",
    "GLOSSARY_SESSION_IDLE_DAYS",
    "GLOSSARY_ANSWER_CACHE_MB",
    "GLOSSARY_CARD_CACHE_MB",
    "GLOSSARY_IMPORT_JOB_KB",
    "GLOSSARY_PROXIES",
    "GLOSSARY_TRUST_FORWARDED_HOST",
    "GLOSSARY_LITESTREAM",
    "GLOSSARY_CHECKPOINTS",
}


def test_the_table_holds_every_variable():
    assert {setting.variable for setting in config.SETTINGS} == VARIABLES


def test_the_package_names_no_variable_outside_the_table():
    named = set()
    for path in (ROOT / "glossary").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                named |= set(re.findall(r"\bGLOSSARY_[A-Z_]+\b", node.value))
    assert named <= VARIABLES


def test_the_defaults(tmp_path):
    defaults = config.defaults(str(tmp_path))
    assert defaults["DATABASE"] == str(tmp_path / "glossary.db")
    assert defaults["SEED"] == str(config.SEED_PATH)
    assert defaults["SECRET_KEY"] is None
    assert defaults["SESSION_COOKIE_SECURE"] is False
    assert defaults["REMEMBER_COOKIE_SECURE"] is False
    assert defaults["SESSION_IDLE_DAYS"] == 14
    assert defaults["ANSWER_CACHE_MB"] == 16
    assert defaults["PROXIES"] == 0
    assert defaults["TRUST_FORWARDED_HOST"] is False
    assert config.value("WORKERS", {}) == (os.cpu_count() or 1) + 1
    assert config.value("WORKER_CLASS", {}) == "sync"
    assert config.value("THREADS", {}) == 1
    assert config.value("LITESTREAM", {}) is None
    assert config.value("CHECKPOINTS", {}) is None


def test_unset_and_empty_variables_leave_the_defaults():
    assert config.from_environment({}) == {}
    assert config.from_environment({variable: "" for variable in VARIABLES}) == {}
    assert config.from_environment({"GLOSSARY_PROXIES": "  "}) == {}
    assert config.from_environment({"HOME": "/root", "GLOSSARY": "x"}) == {}


# Reading a variable's text: what each takes, and what it is read as -------------------------


@pytest.mark.parametrize(
    ("variable", "text", "expected"),
    [
        ("GLOSSARY_DATABASE", "/var/lib/glossary/g.db", {"DATABASE": "/var/lib/glossary/g.db"}),
        ("GLOSSARY_SEED", "seed.json", {"SEED": "seed.json"}),
        ("GLOSSARY_SECRET_KEY", "s3cret", {"SECRET_KEY": "s3cret"}),
        # a switch sets both cookies' flag
        (
            "GLOSSARY_SECURE_COOKIES",
            "1",
            {"SESSION_COOKIE_SECURE": True, "REMEMBER_COOKIE_SECURE": True},
        ),
        (
            "GLOSSARY_SECURE_COOKIES",
            " Off ",
            {"SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False},
        ),
        ("GLOSSARY_TRUST_FORWARDED_HOST", "yes", {"TRUST_FORWARDED_HOST": True}),
        ("GLOSSARY_TRUST_FORWARDED_HOST", "TRUE", {"TRUST_FORWARDED_HOST": True}),
        ("GLOSSARY_TRUST_FORWARDED_HOST", "on", {"TRUST_FORWARDED_HOST": True}),
        ("GLOSSARY_TRUST_FORWARDED_HOST", "0", {"TRUST_FORWARDED_HOST": False}),
        ("GLOSSARY_TRUST_FORWARDED_HOST", "no", {"TRUST_FORWARDED_HOST": False}),
        ("GLOSSARY_PROXIES", "0", {"PROXIES": 0}),
        ("GLOSSARY_PROXIES", " 1 ", {"PROXIES": 1}),
        ("GLOSSARY_PROXIES", "10", {"PROXIES": 10}),
        ("GLOSSARY_SESSION_IDLE_DAYS", "0.5", {"SESSION_IDLE_DAYS": 0.5}),
        ("GLOSSARY_SESSION_IDLE_DAYS", "3650", {"SESSION_IDLE_DAYS": 3650.0}),
        ("GLOSSARY_ANSWER_CACHE_MB", "0", {"ANSWER_CACHE_MB": 0.0}),
        ("GLOSSARY_ANSWER_CACHE_MB", "2.5", {"ANSWER_CACHE_MB": 2.5}),
        ("GLOSSARY_ANSWER_CACHE_MB", "4096", {"ANSWER_CACHE_MB": 4096.0}),
        # read where they are used, not kept in the app's config
        ("GLOSSARY_WORKERS", "3", {}),
        ("GLOSSARY_CHECKPOINTS", "litestream", {}),
    ],
)
def test_a_variable_is_read(variable, text, expected):
    assert config.from_environment({variable: text}) == expected


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("WORKERS", "1", 1),
        ("WORKERS", "64", 64),
        ("THREADS", "8", 8),
        ("WORKER_CLASS", "gthread", "gthread"),
        ("WORKER_CLASS", " Sync ", "sync"),
        ("LITESTREAM", "/usr/local/bin/litestream", "/usr/local/bin/litestream"),
        ("CHECKPOINTS", "Litestream", "litestream"),
    ],
)
def test_a_setting_read_where_it_is_used(name, text, expected):
    assert config.value(name, {f"GLOSSARY_{name}": text}) == expected


WRONG = [
    ("GLOSSARY_PROXIES", "one", "a number of proxies, 0 to 10"),
    ("GLOSSARY_PROXIES", "-1", "a number of proxies, 0 to 10"),
    ("GLOSSARY_PROXIES", "11", "a number of proxies, 0 to 10"),
    ("GLOSSARY_PROXIES", "1.0", "a number of proxies, 0 to 10"),
    ("GLOSSARY_SESSION_IDLE_DAYS", "0", "days, more than 0 and at most 3650"),
    ("GLOSSARY_SESSION_IDLE_DAYS", "-1", "days, more than 0 and at most 3650"),
    ("GLOSSARY_SESSION_IDLE_DAYS", "4000", "days, more than 0 and at most 3650"),
    ("GLOSSARY_SESSION_IDLE_DAYS", "forever", "days, more than 0 and at most 3650"),
    ("GLOSSARY_SESSION_IDLE_DAYS", "nan", "days, more than 0 and at most 3650"),
    ("GLOSSARY_SESSION_IDLE_DAYS", "inf", "days, more than 0 and at most 3650"),
    ("GLOSSARY_ANSWER_CACHE_MB", "lots", "megabytes, 0 to 4096"),
    ("GLOSSARY_ANSWER_CACHE_MB", "-1", "megabytes, 0 to 4096"),
    ("GLOSSARY_ANSWER_CACHE_MB", "5000", "megabytes, 0 to 4096"),
    ("GLOSSARY_IMPORT_JOB_KB", "-1", "kilobytes, 0 or more"),
    ("GLOSSARY_IMPORT_JOB_KB", "lots", "kilobytes, 0 or more"),
    ("GLOSSARY_SECURE_COOKIES", "maybe", "1 or 0 (also yes or no, true or false, on or off)"),
    ("GLOSSARY_TRUST_FORWARDED_HOST", "2", "1 or 0 (also yes or no, true or false, on or off)"),
    ("GLOSSARY_WORKERS", "abc", "a number of worker processes, 1 to 64"),
    ("GLOSSARY_WORKERS", "0", "a number of worker processes, 1 to 64"),
    ("GLOSSARY_WORKERS", "65", "a number of worker processes, 1 to 64"),
    ("GLOSSARY_THREADS", "0", "a number of threads, 1 to 64"),
    ("GLOSSARY_WORKER_CLASS", "gevent", "sync or gthread"),
    ("GLOSSARY_CHECKPOINTS", "sqlite", "litestream"),
]


@pytest.mark.parametrize(("variable", "text", "accepts"), WRONG)
def test_a_wrong_value_says_which_variable_and_what_it_must_be(variable, text, accepts):
    with pytest.raises(config.SettingError) as raised:
        config.from_environment({variable: text})
    assert str(raised.value) == f"{variable} must be {accepts}: {text!r}"


@pytest.mark.parametrize(
    ("variable", "text"), [("GLOSSARY_PROXIES", "one"), ("GLOSSARY_WORKERS", "abc")]
)
def test_a_wrong_value_stops_the_app_at_start(tmp_path, monkeypatch, variable, text):
    monkeypatch.setenv(variable, text)
    with pytest.raises(config.SettingError, match=f"^{variable} must be "):
        create_app({"DATABASE": str(tmp_path / "g.db"), "SECRET_KEY": "x"})


@pytest.mark.parametrize(
    ("variable", "text", "arguments"),
    [
        ("GLOSSARY_PROXIES", "one", ["check"]),
        ("GLOSSARY_WORKERS", "abc", ["serve", "--port", "1"]),
        ("GLOSSARY_SESSION_IDLE_DAYS", "forever", ["--help"]),
    ],
)
def test_a_wrong_value_stops_the_command_with_a_message(tmp_path, variable, text, arguments):
    environment = {**os.environ, "GLOSSARY_DATABASE": str(tmp_path / "g.db"), variable: text}
    done = subprocess.run(
        [GLOSSARY, *arguments], env=environment, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    accepts = next(a for v, t, a in WRONG if (v, t) == (variable, text))
    assert done.stderr == f"Error: {variable} must be {accepts}: {text!r}\n"
    assert done.stdout == ""
    assert not (tmp_path / "g.db").exists()


# The README's table is made from the settings table -----------------------------------------


def test_the_readme_table_is_made_from_the_settings_table():
    readme = README.read_text(encoding="utf-8")
    table = readme.split(config.README_START + "\n", 1)[1].split(config.README_END, 1)[0]
    assert table == config.markdown_table(), "stale: run `make settings`"


def test_the_readme_table_names_each_variable_with_its_default():
    rows = {
        row.split(" | ")[0].strip("| `"): row.split(" | ")[1]
        for row in config.markdown_table().splitlines()[2:]
    }
    assert rows == {
        "GLOSSARY_DATABASE": "`instance/glossary.db` (Flask's instance folder)",
        "GLOSSARY_SEED": "`data/glossary.json`",
        "GLOSSARY_SECRET_KEY": "generated once into `instance/secret_key`",
        "GLOSSARY_WORKERS": "one per core, plus one",
        "GLOSSARY_WORKER_CLASS": "`sync`",
        "GLOSSARY_THREADS": "1",
        "GLOSSARY_SECURE_COOKIES": "off",
        "GLOSSARY_SESSION_IDLE_DAYS": "14",
        "GLOSSARY_ANSWER_CACHE_MB": "16",
        "GLOSSARY_CARD_CACHE_MB": "16",
        "GLOSSARY_IMPORT_JOB_KB": "256",
        "GLOSSARY_PROXIES": "0",
        "GLOSSARY_TRUST_FORWARDED_HOST": "off",
        "GLOSSARY_LITESTREAM": "`litestream` on `PATH`",
        "GLOSSARY_CHECKPOINTS": "SQLite's own",
    }


def test_the_deploying_guide_gives_the_same_defaults():
    """docs/deploying.md's table of server settings says what the settings table says."""
    guide = (ROOT / "docs" / "deploying.md").read_text(encoding="utf-8")
    shown = {}
    for row in guide.splitlines():
        if match := re.match(r"\| [^|]*`(GLOSSARY_\w+)` \| ([^|]+) \|", row):
            shown[match[1]] = match[2].strip()
    assert shown == {
        variable: config.shown_default(config.BY_NAME[variable.removeprefix("GLOSSARY_")])
        for variable in ("GLOSSARY_WORKERS", "GLOSSARY_WORKER_CLASS", "GLOSSARY_THREADS")
    }
