"""`make mutate`'s table and report (bench/mutation.py): no mutmut run here, only its facts."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import flask
import pytest

from bench import mutation, mutation_plugin

ROOT = Path(__file__).resolve().parent.parent
RANKING = "glossary/store/dictionary/ranking.py"


@pytest.mark.parametrize("name", list(mutation.GROUPS))
def test_each_group_names_modules_and_test_files_that_exist(name):
    group = mutation.GROUPS[name]
    for pattern in group.modules:
        assert sorted(ROOT.glob(pattern)), pattern
    for test_file in group.tests:
        assert (ROOT / test_file).is_file(), test_file


@pytest.mark.parametrize(
    ("mutant", "module"),
    [
        ("glossary.text.keys.x_fold__mutmut_3", "glossary/text/keys.py"),
        ("glossary.web.security.x_add_headers__mutmut_13", "glossary/web/security.py"),
        # a method: mutmut names its class between ǁ
        ("glossary.store.dictionary.ranking.xǁBranchǁadd_ids__mutmut_2", RANKING),
        # a package's own module
        ("glossary.exchange.formats.x_named__mutmut_1", "glossary/exchange/formats/__init__.py"),
    ],
)
def test_a_mutant_is_counted_in_its_module(mutant, module):
    assert mutation.module_of(mutant) == module


@pytest.mark.parametrize(
    ("counts", "rate"),
    [
        ({"killed": 17, "survived": 3}, 0.85),
        ({"killed": 16, "timeout": 1, "survived": 3, "equivalent": 4}, 0.85),
        ({"killed": 3, "not run": 5}, None),  # unfinished: no rate yet
        ({"equivalent": 2}, None),
    ],
)
def test_the_kill_rate_leaves_out_equivalent_mutants(counts, rate):
    assert mutation.rate(counts) == rate


def test_the_report_lists_each_module_and_each_survivor():
    result = {
        "groups": {
            "security": {
                "group": "security",
                "run": "2026-12-07",
                "seconds": 60,
                "modules": {"glossary/web/security.py": {"killed": 21, "equivalent": 4}},
                "survivors": [
                    {
                        "mutant": "glossary.web.security.x_add_headers__mutmut_14",
                        "status": "survived",
                        "equivalent": "Headers finds cache-control in any case",
                        "diff": "-    a\n+    b",
                    }
                ],
                "killed_since": [],
            }
        }
    }
    report = mutation.markdown(result)
    assert (
        "| glossary/web/security.py | security | 25 | 21 | 0 | 0 | 0 | 4 | 0 | 100.0% "
        "| 2026-12-07 |" in report
    )
    assert (
        "- `glossary.web.security.x_add_headers__mutmut_14` (survived): equivalent: Headers"
        " finds cache-control in any case" in report
    )
    assert "Groups not run yet: accounts, history," in report


def test_each_test_session_starts_with_the_package_caches_empty(monkeypatch):
    module = types.ModuleType("glossary.cached_for_the_test")
    exec("import functools\n@functools.cache\ndef table():\n    return object()", vars(module))
    module.app = flask.current_app  # a proxy to no app: looking into it would raise
    monkeypatch.setitem(sys.modules, module.__name__, module)
    first = module.table()
    mutation_plugin.pytest_sessionstart(session=None)
    assert module.table() is not first


@pytest.mark.parametrize("retest", [False, True])
def test_a_groups_timeouts_are_tested_again_when_asked(monkeypatch, tmp_path, retest):
    """A timeout beside other work may be the machine's: --retest-timeouts runs mutmut once
    more on the group's timeouts alone, after the group's run."""
    monkeypatch.setattr(mutation, "prepare", lambda name, group: tmp_path)
    monkeypatch.setattr(mutation, "tests_digest", lambda group: "digest")
    found = {
        "m.x_f__mutmut_1": "killed",
        "m.x_f__mutmut_2": "timeout",
        "m.x_g__mutmut_1": "timeout",
    }
    monkeypatch.setattr(mutation, "statuses", lambda folder: found)
    runs: list[tuple[str, ...]] = []

    def mutmut(folder, *args):
        runs.append(args)
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(mutation, "mutmut", mutmut)
    mutation.run("ranking", mutation.GROUPS["ranking"], 2, retest_timeouts=retest)
    assert runs[0] == ("run", "--max-children", "2")
    assert runs[1:] == (
        [("run", "--max-children", "2", "m.x_f__mutmut_2", "m.x_g__mutmut_1")] if retest else []
    )
