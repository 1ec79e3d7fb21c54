"""The layout holds its shape: who may import what, read from the imports with ast."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "glossary"

WEB_LIBRARIES = {"flask", "werkzeug", "jinja2", "markupsafe", "wtforms", "feedgen"}
WEB_LIBRARIES |= {"flask_babel", "flask_login", "flask_wtf"}
SQLITE = {"sqlite3", "sqlite_utils"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@cache
def imports(module: str) -> tuple[tuple[str, bool], ...]:
    """Every module that module imports, with whether the import is only for type checking."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only |= {id(child) for child in ast.walk(node)}
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in typing_only) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from glossary.text import keys` imports the module glossary.text.keys, as
            # `import glossary.text.keys` does; it takes a name from glossary.text's own
            # __init__ only when a name is not a module of its own.
            submodules = [f"{node.module}.{alias.name}" for alias in node.names]
            submodules = [name for name in submodules if name in MODULES]
            if len(submodules) < len(node.names):
                found.append((node.module, id(node) in typing_only))
            found += [(name, id(node) in typing_only) for name in submodules]
    return tuple(found)


def top(name: str) -> str:
    return name.split(".")[0]


def inside(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def offenders(rule) -> list[str]:
    return sorted(
        f"{module} imports {name}"
        for module in MODULES
        for name, typing_only in imports(module)
        if not typing_only and rule(module, name)
    )


def test_only_the_web_shell_imports_flask_and_its_friends():
    def breaks(module: str, name: str) -> bool:
        if top(name) not in WEB_LIBRARIES:
            return False
        if inside(module, "glossary.web") or module == "glossary":
            return False
        # Passwords are hashed by werkzeug.security, whose format the stored hashes are in: a
        # hashing library that happens to ship with werkzeug, not the web.
        if module == "glossary.accounts" and name == "werkzeug.security":
            return False
        # the command line may use Flask's command-line helpers, and nothing else of it; the
        # `glossary` command itself (glossary.__main__) runs the app's command line
        command_line = inside(module, "glossary.cli") or module == "glossary.__main__"
        return not (command_line and name in ("flask.cli", "flask"))

    assert offenders(breaks) == []


def test_the_command_line_takes_only_the_app_context_from_flask():
    """Commands run in the app's context (current_app); pages and requests are the web's."""
    taken = set()
    for module in MODULES:
        if inside(module, "glossary.cli"):
            tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module == "flask":
                    taken |= {alias.name for alias in node.names}
    assert taken <= {"current_app", "Flask"}  # Flask only for type hints


def test_only_the_store_imports_sqlite():
    def breaks(module: str, name: str) -> bool:
        return top(name) in SQLITE and not inside(module, "glossary.store")

    assert offenders(breaks) == []


def test_one_module_imports_pypinyin():
    users = {m for m in MODULES for name, _ in imports(m) if top(name) == "pypinyin"}
    assert users == {"glossary.text.romanize"}


@pytest.mark.parametrize("core", ["glossary.text", "glossary.model", "glossary.messages"])
def test_the_pure_core_imports_nothing_else_of_the_package(core):
    def breaks(module: str, name: str) -> bool:
        return inside(module, core) and top(name) == "glossary" and not inside(name, core)

    if not any(inside(m, core) for m in MODULES):
        pytest.skip(f"{core} does not exist yet")
    assert offenders(breaks) == []


def test_no_folder_is_crowded():
    counts: dict[Path, int] = {}
    for path in MODULES.values():
        counts[path.parent] = counts.get(path.parent, 0) + 1
    assert counts[PACKAGE] <= 12
    assert {str(p.relative_to(ROOT)): n for p, n in counts.items() if n > 15} == {}


def run_time_imports() -> dict[str, set[str]]:
    """Each module of the package with the modules of the package it imports at run time, at
    the top of the file or inside a function alike (only TYPE_CHECKING imports are left out)."""
    return {
        m: {n for n, typing_only in imports(m) if n in MODULES and n != m and not typing_only}
        for m in MODULES
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, round a loop (Tarjan's algorithm)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for name in sorted(graph[module]):
            if name not in order:
                visit(name)
                low[module] = min(low[module], low[name])
            elif name in stack:
                low[module] = min(low[module], order[name])
        if low[module] == order[module]:
            group = stack[stack.index(module) :]
            del stack[stack.index(module) :]
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return found


def test_no_modules_import_each_other_round_a_loop():
    # A loop has no bottom: its modules load in whichever order the first import comes, and
    # the depth below counts nothing reliable for them.
    assert cycles(run_time_imports()) == []


def test_the_package_imports_the_store_modules_not_the_store_package():
    """glossary.store's __init__ names its modules' functions for tests and the shell; the
    package's own modules import the store module they use, so that each shows what it needs."""
    assert sorted(m for m, names in run_time_imports().items() if "glossary.store" in names) == []


def test_the_imports_are_at_most_ten_levels_deep():
    graph = run_time_imports()
    if cycles(graph):
        pytest.skip("the modules import each other round a loop")
    chains: dict[str, list[str]] = {}

    def chain(module: str) -> list[str]:
        """The longest chain of imports from module down to a module that imports none."""
        if module not in chains:
            below = [chain(name) for name in sorted(graph[module])]
            chains[module] = [module, *max(below, key=len, default=[])]
        return chains[module]

    deepest = max((chain(m) for m in sorted(MODULES)), key=len)
    assert len(deepest) <= 10, " -> ".join(deepest)


def test_the_readme_names_every_module():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([\w/]+\.py|[\w/]+/)`", layout))
    missing = []
    for path in MODULES.values():
        relative = str(path.relative_to(PACKAGE))
        folder = path.parent.name + "/"
        if path.name == "__init__.py" and path.parent != PACKAGE:
            continue  # a package is named by its folder
        if relative not in named and path.name not in named:
            missing.append(relative)
        if path.parent != PACKAGE and folder not in named:
            missing.append(folder)
    assert sorted(set(missing)) == []


# The tests' own layout ------------------------------------------------------------------------
# Shared test code lives in two modules; fixtures in conftest.py. A test module that imports
# another (or a conftest) runs that module's tests' setup, hides where a helper lives, and breaks
# when the other is renamed. tests/browser/ follows the same rules: its conftest.py holds its
# fixtures, its helpers (log_in, unavailable) are in tests/helpers.py.

TESTS = ROOT / "tests"
SHARED = {"tests.helpers", "tests.factories"}
WHERE = (
    "shared test code is in tests/helpers.py (requests, pages, log-in, API, database, answers to "
    "hostile input, TBX checks, a live server, counting work) and tests/factories.py (entries, "
    "sources, the CC-CEDICT slice, hostile input); fixtures stay in conftest.py"
)


def imports_of_tests(path: Path) -> list[str]:
    """The modules of tests/ that a file under tests/ imports, wherever the import stands."""
    package = ".".join(path.relative_to(ROOT).parent.parts)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            # `from tests import helpers` imports the module tests.helpers
            found += [
                f"{base}.{alias.name}" if base in ("tests", "tests.browser") else base
                for alias in node.names
            ]
    return [name for name in found if top(name) == "tests"]


def test_test_modules_import_only_the_shared_helpers():
    offending = sorted(
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted(TESTS.rglob("*.py"))
        for name in imports_of_tests(path)
        if not any(inside(name, shared) for shared in SHARED)
    )
    assert offending == [], WHERE


def test_conftest_holds_only_fixtures():
    def is_fixture(node: ast.FunctionDef) -> bool:
        return node.name.startswith("pytest_") or any(
            "fixture" in ast.unparse(decorator) for decorator in node.decorator_list
        )

    others = sorted(
        f"{path.relative_to(ROOT)}: {node.name}"
        for path in sorted(TESTS.rglob("conftest.py"))
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.FunctionDef | ast.ClassDef)
        and not (isinstance(node, ast.FunctionDef) and is_fixture(node))
    )
    assert others == [], WHERE


# The entry and its neighbours are typed records (glossary/model.py), not dict[str, Any]:
# this many are left (the OpenAPI schemas, a JSON document before it is checked, the rows
# ranking reads, a few named aliases for what really is arbitrary: model.JSONObject,
# store.common.Row). Lower it as they go; never raise it.
MOST_LOOSE_DICTS = 8


def loose_dicts(source: str) -> int:
    """How many times a module's source writes dict[str, Any] (or typing's Dict), in code or
    in an annotation, however Any is spelled (typing.Any, t.Any)."""
    found = 0
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Subscript) or not isinstance(node.slice, ast.Tuple):
            continue
        container = ast.unparse(node.value).rsplit(".", 1)[-1]
        names = [ast.unparse(part).rsplit(".", 1)[-1] for part in node.slice.elts]
        found += container in ("dict", "Dict") and names == ["str", "Any"]
    return found


def test_the_counter_finds_every_spelling_of_a_loose_dict():
    source = (
        "import typing\n"
        "def f(a: dict[str, Any], b: typing.Dict[str, typing.Any]) -> list[dict[str, Any]]:\n"
        "    return cast(dict[str, Any], a)\n"
        "x: dict[str, object] = {}  # dict[str, Any] in a comment does not count\n"
    )
    assert loose_dicts(source) == 4


def test_loose_dicts_do_not_creep_back():
    counts = {
        str(path.relative_to(ROOT)): count
        for path in sorted(PACKAGE.rglob("*.py"))
        if (count := loose_dicts(path.read_text(encoding="utf-8")))
    }
    assert sum(counts.values()) <= MOST_LOOSE_DICTS, (
        f"{sum(counts.values())} dict[str, Any] in glossary/ (at most {MOST_LOOSE_DICTS}):"
        f" {counts}. Use (or add) a typed record in glossary/model.py."
    )
