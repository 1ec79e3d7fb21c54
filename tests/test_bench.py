"""The search benchmark runs end to end on a tiny database and writes a well-formed report.

Timings are the benchmark's business (`make bench`), never asserted here: this only keeps the
benchmark's code from rotting. Its HTTP part needs wrk, which `make test` installs.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from bench import cedict_import, http_load, queries, replication, search_speed
from tests.factories import CEDICT

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


def test_the_replication_report_checks_the_goals_and_the_readme_shows_it(tmp_path):
    """bench.replication's report from a result of the shape it measures (the measuring itself
    is the kill test's, tests/test_replication.py)."""
    result = {
        "kill": {
            "seconds": 8,
            "writers": 4,
            "acknowledged": 300,
            "lost": 12,
            "lost_oldest_before_kill": 0.61,
            "lost_more_than_goal_before_kill": 0,
        },
        "restore": {
            "seconds": 12.5,
            "cpu_seconds": 4.1,
            "database_megabytes": 137.5,
            "replica_megabytes": 60.2,
            "entries": 60,
            "dictionary_entries": 122143,
        },
        "throughput": {
            "seconds": 8,
            "writers": 4,
            "plain_each": [50.0],
            "replicated_each": [47.5],
            "plain": 50.0,
            "replicated": 47.5,
            "cost_percent": 5.0,
        },
        "environment": {
            "measured": "2026-12-06T22:00:00+00:00",
            "cores": 2,
            "load_average": 1.0,
            "load_average_after": 2.0,
            "commit": "abc1234",
            "litestream": "v0.3.13",
            "settings": {"monitor_interval": "250ms", "sync_interval": "500ms"},
        },
    }
    result["targets"] = replication.targets(result)
    assert [t["met"] for t in result["targets"]] == [True, False, True]
    readme = tmp_path / "README.md"
    readme.write_text("a\n<!-- bench:replication -->\nold\n<!-- /bench:replication -->\nb\n")
    replication.write(result, tmp_path / "results", readme)
    shown = readme.read_text(encoding="utf-8")
    assert shown.startswith("a\n<!-- bench:replication -->\nMeasured 2026-12-06T22:00:00+00:00")
    assert "| 12.5 s (4.1 s CPU) | ≤ 10 s | **no** |" in shown
    assert "0 of 300 (lost in all: 12, the oldest 0.61 s before the kill)" in shown
    assert shown.endswith("<!-- /bench:replication -->\nb\n") and "\nold\n" not in shown
    written = json.loads((tmp_path / "results" / "replication.json").read_text(encoding="utf-8"))
    assert written["targets"] == result["targets"]
    markdown = (tmp_path / "results" / "replication.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Replication with Litestream\n")


def test_a_phrase_is_typed_with_the_letters_of_its_capitalised_words():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE dictionary (id, simplified, traditional, pinyin, english)")
    conn.execute("CREATE TABLE entry (id, simplified, traditional, pinyin, english, deleted)")
    conn.execute(
        "INSERT INTO dictionary VALUES (1, '大邱', '大邱', 'Da4 qiu1', ?)",
        ["Daegu; Korea capital Daegu"],
    )
    mix = queries.build(conn, per_kind=3)
    phrases = {query["q"] for query in mix if query["kind"] == "english phrase"}
    assert phrases == {"korea capital", "capital daegu", "korea capital daegu"}


def test_the_grown_benchmark_checks_what_a_page_costs_beside_the_api():
    from bench import grown

    def http(api: float | None, page: float) -> dict:
        endpoints = {"/search": {"16": {"rps": page, "p99_ms": 10.0}}}
        if api is not None:
            endpoints["/api/search"] = {"16": {"rps": api, "p99_ms": 10.0}}
        return {"endpoints": endpoints}

    def run(api: float, computed: float, written: float) -> dict:
        return {
            "in_process": {"kinds": {}},
            "pages": {},
            "http_computed": http(api, computed),
            "http_written": http(None, written),
        }

    rows = grown.checks(
        run(1500.0, 1200.0, 1000.0),
        run(1450.0, 1000.0, 870.0),
        {"seconds": 25.0, "peak_megabytes": 300.0},
    )
    ratios = {row["measure"]: row for row in rows if "÷" in row["measure"]}
    assert ratios["/search cost ÷ /api/search cost, computed"] == {
        "measure": "/search cost ÷ /api/search cost, computed",
        "seed": 1.25,
        "grown": 1.45,
        "target": "≤ 1.5",
        "met": True,
    }
    assert ratios["/search cost ÷ /api/search cost, computed, no cards kept"] == {
        "measure": "/search cost ÷ /api/search cost, computed, no cards kept",
        "seed": 1.5,
        "grown": 1.67,
        "target": "—",
        "met": None,
    }
    slower = grown.checks(
        run(1500.0, 1200.0, 1000.0), run(1450.0, 950.0, 870.0), {"seconds": 1, "peak_megabytes": 1}
    )
    assert [
        row["met"] for row in slower if row["measure"].endswith("÷ /api/search cost, computed")
    ] == [False]
