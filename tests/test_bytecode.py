"""`make bytecode` (build_backend/bytecode.py): the package and the libraries it runs on are
compiled, so that a server starts without compiling them where Python may not write bytecode."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import flask
import werkzeug

ROOT = Path(__file__).resolve().parent.parent


def _bytecode():
    sys.path.insert(0, str(ROOT / "build_backend"))
    try:
        import bytecode
    finally:
        sys.path.remove(str(ROOT / "build_backend"))
    return bytecode


def test_the_libraries_are_those_the_package_runs_on():
    names = set(_bytecode().runtime_distributions())
    # What it asks for, and what those ask for (werkzeug for flask, markupsafe for jinja2).
    assert {"glossary", "flask", "werkzeug", "jinja2", "markupsafe", "gunicorn"} <= names
    assert {"pypinyin", "sqlite-utils", "flask-babel", "rapidfuzz"} <= names
    # Not the tools of its extras (tests, development), nor pip.
    assert not {"pytest", "playwright", "mypy", "ruff", "pip"} & names


def test_a_library_module_without_bytecode_gets_it(tmp_path):
    module = Path(werkzeug.__file__).with_name("exceptions.py")
    cached = Path(importlib.util.cache_from_source(str(module)))
    cached.unlink(missing_ok=True)
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "build_backend/bytecode.py"], cwd=ROOT, env=environment, check=False
    )
    assert done.returncode == 0
    assert cached.is_file()
    assert Path(importlib.util.cache_from_source(flask.__file__)).is_file()
    assert Path(importlib.util.cache_from_source(str(ROOT / "glossary/search.py"))).is_file()


def test_make_bytecode_runs_it():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\nbytecode:", 1)[1].split("\n\n", 1)[0]
    assert "build_backend/bytecode.py" in recipe
