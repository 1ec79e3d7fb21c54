"""The search benchmark runs end to end on a tiny database and writes a well-formed report.

Timings are the benchmark's business (`make bench`), never asserted here: this only keeps the
benchmark's code from rotting. Its HTTP part needs wrk, which `make test` installs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bench import cedict_import, http_load, queries, search_speed
from tests.test_dictionary import CEDICT

MEASURES = [
    "in-process p99, slowest kind",
    "app/raw p50, all queries",
    "/api/search at 16 connections",
    "/api/search p99 at 16 connections",
    "/search (HTML) at 16 connections",
    "cold start",
    "CC-CEDICT import",
    "CC-CEDICT import peak memory",
    "memory per worker (RSS, largest)",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    """One run of the benchmark, as short as it goes, on the seed glossary and 16 entries."""
    if http_load.wrk_path() is None:
        reason = "wrk is not installed (make test installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("bench")
    (folder / "cedict.u8").write_text(CEDICT, encoding="utf-8")
    database, results = folder / "bench.db", folder / "results"
    arguments = ["--database", str(database), "--file", str(folder / "cedict.u8")]
    assert cedict_import.main([*arguments, "--runs", "1", "--results", str(results)]) == 0
    result = search_speed.run(
        database,
        results,
        per_kind=2,
        passes=1,
        runs=1,
        seconds=1,
        connections=(16,),
        settings={"workers": 1, "threads": 1, "worker_class": "sync"},
    )
    readme = folder / "README.md"
    readme.write_text("before\n<!-- bench:search -->\nold\n<!-- /bench:search -->\nafter\n")
    search_speed.write(result, results, readme)
    return result, folder


def test_every_kind_of_query_is_timed_in_process_and_raw(report):
    result, _ = report
    kinds = result["in_process"]["kinds"]
    assert sorted(kinds) == sorted(queries.KINDS)
    for figures in [*kinds.values(), result["in_process"]["all"]]:
        for side in ("app", "raw"):
            percentiles = figures[side]
            assert list(percentiles) == ["p50", "p95", "p99", "max"]
            assert percentiles["p50"] <= percentiles["p95"] <= percentiles["p99"]
            assert percentiles["p99"] <= percentiles["max"]
        assert figures["ratio_p50"] > 0


def test_both_endpoints_answer_every_request_under_load(report):
    result, _ = report
    endpoints = result["http"]["endpoints"]
    assert list(endpoints) == ["/api/search", "/search"]
    for by_count in endpoints.values():
        assert list(by_count) == ["16"]
        assert by_count["16"]["requests"] > 0
        assert by_count["16"]["errors"] == 0
    assert len(result["http"]["workers"]) == 1
    assert result["cold_start"]["seconds"] > 0


def test_the_load_is_measured_with_answers_kept_and_with_every_answer_computed(report):
    result, folder = report
    assert result["http"]["answer_cache_mb"] is None  # the server's default: answers kept
    assert result["http_computed"]["answer_cache_mb"] == 0
    for measured in (result["http"], result["http_computed"]):
        for by_count in measured["endpoints"].values():
            assert by_count["16"]["errors"] == 0
            assert by_count["16"]["server_cpu_ms"] > 0
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "| /api/search at 16 connections, every answer computed |" in readme
    assert "| /search (HTML) at 16 connections, every answer computed |" in readme
    markdown = (folder / "results" / "search.md").read_text(encoding="utf-8")
    assert "| `/api/search` | computed | 16 |" in markdown
    assert "| `/search` | kept | 16 |" in markdown


def test_every_target_is_checked(report):
    result, _ = report
    measures = [t["measure"] for t in result["targets"]]
    assert [m.split(" (")[0] if m.startswith("in-process") else m for m in measures] == MEASURES
    assert all(t["met"] in (True, False) for t in result["targets"])


def test_the_report_is_written_and_the_readme_shows_it(report):
    result, folder = report
    written = json.loads((folder / "results" / "search.json").read_text(encoding="utf-8"))
    assert written["targets"] == result["targets"]
    markdown = (folder / "results" / "search.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Searching at dictionary scale\n")
    assert "| hostile | 2 |" in markdown
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("before\n<!-- bench:search -->\nMeasured ")
    assert readme.endswith("<!-- /bench:search -->\nafter\n")
    assert "| cold start |" in readme and "\nold\n" not in readme
