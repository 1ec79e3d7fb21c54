"""The search benchmark's report: its targets checked, the markdown summary, the README's table."""

from __future__ import annotations

from typing import Any

from bench import queries


def _check(measure: str, value: float | None, target: float, unit: str, most: bool) -> dict:
    """One target: the value measured (None if not measured), the bound, and whether it is met."""
    met = None if value is None else (value <= target if most else value >= target)
    return {
        "measure": measure,
        "value": value,
        "unit": unit,
        "target": f"{'≤' if most else '≥'} {target:,g} {unit}".strip(),
        "met": met,
    }


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Check the issue's targets against a result."""
    kinds = result["in_process"]["kinds"]
    worst = max(kinds, key=lambda kind: kinds[kind]["app"]["p99"])
    http = result.get("http", {}).get("endpoints", {})
    api = http.get("/api/search", {}).get("16", {})
    page = http.get("/search", {}).get("16", {})
    workers = result.get("http", {}).get("workers") or []
    imported = result.get("import", {})
    slowest = kinds[worst]["app"]["p99"]
    found = [
        _check(f"in-process p99, slowest kind ({worst})", slowest, 2, "ms", True),
        _check("app/raw p50, all queries", result["in_process"]["all"]["ratio_p50"], 3, "", True),
        _check("/api/search at 16 connections", api.get("rps"), 2000, "requests/s", False),
        _check("/api/search p99 at 16 connections", api.get("p99_ms"), 25, "ms", True),
        _check("/search (HTML) at 16 connections", page.get("rps"), 1000, "requests/s", False),
        _check("cold start", result.get("cold_start", {}).get("seconds"), 1, "s", True),
        _check("CC-CEDICT import", imported.get("seconds"), 15, "s", True),
        _check("CC-CEDICT import peak memory", imported.get("peak_megabytes"), 500, "MB", True),
        _check(
            "memory per worker (RSS, largest)",
            max((w["rss_mb"] for w in workers), default=None),
            150,
            "MB",
            True,
        ),
    ]
    return found


def computed(result: dict[str, Any]) -> list[dict[str, Any]]:
    """What the same load measured with every answer computed (none kept in memory): shown
    beside the targets, which the production server (answers kept) is held to."""
    endpoints = result.get("http_computed", {}).get("endpoints", {})
    rows = []
    for endpoint, label in (("/api/search", "/api/search"), ("/search", "/search (HTML)")):
        run = endpoints.get(endpoint, {}).get("16")
        if run:
            rows.append(
                {
                    "measure": f"{label} at 16 connections, every answer computed",
                    "value": run["rps"],
                    "unit": "requests/s",
                    "target": "(shown beside)",
                    "met": None,
                }
            )
    return rows


def _value(target: dict[str, Any]) -> str:
    if target["value"] is None:
        return "not measured"
    value = target["value"]
    return f"{value:,g} {target['unit']}".strip()


def _met(target: dict[str, Any]) -> str:
    return {True: "yes", False: "**no**", None: "—"}[target["met"]]


def readme_summary(result: dict[str, Any]) -> str:
    """The table the README shows: every target and what the latest run measured."""
    env = result["environment"]
    http = result.get("http", {})
    runs = f"in-process figures over {result['in_process']['passes']} passes of the mix"
    if "runs" in http:
        runs += f"; HTTP and cold start the median of {http['runs']} runs"
    if "import" in result:
        runs += f"; the import the median of {result['import']['runs']} runs"
    lines = [
        f"Measured {env['measured']} on {env['cores']} cores (load average"
        f" {env['load_average']} before, {env.get('load_average_after', '?')} after) at commit"
        f" `{env['commit']}`: {len(result['mix']['queries'])} queries of"
        f" {len(result['in_process']['kinds'])} kinds; {runs}. Details in"
        " `bench/results/search.md`.",
        "",
        "| measure | latest | target | met |",
        "| --- | --- | --- | --- |",
        *[
            f"| {t['measure']} | {_value(t)} | {t['target']} | {_met(t)} |"
            for t in [*result["targets"], *computed(result)]
        ],
        "",
    ]
    if "http" in result and "endpoints" in result["http"]:
        lines += [
            "The HTTP targets are measured on the production server, which keeps anonymous"
            " search answers in memory until the data changes (`GLOSSARY_ANSWER_CACHE_MB`):"
            ' the mix repeats its queries, as people typing do. The rows "every answer'
            ' computed" are the same load with none kept.',
            "",
        ]
    return "\n".join(lines)


def markdown(result: dict[str, Any]) -> str:
    """The full report: targets, latency by kind, HTTP, memory, cold start, size, import."""
    in_process = result["in_process"]
    lines = [
        "# Searching at dictionary scale",
        "",
        readme_summary(result),
        f"Database (seed glossary and CC-CEDICT): {result['database_megabytes']} MB.",
        "",
        "## In-process latency by kind of query",
        "",
        f"`search.run` for the first page of 20 (what `/api/search` runs), every query of the"
        f" mix {in_process['passes']} times in a shuffled order, beside the raw SQL floor for"
        " the same query (its keys, words and characters looked up in one unranked, uncounted"
        " statement of 20 rows on a bare connection: see bench/latency.py). Milliseconds.",
        "",
        "| kind | queries | p50 | p95 | p99 | max | raw p50 | raw p99 | app/raw p50 | examples |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    mix = result["mix"]["queries"]
    for kind in [*queries.KINDS, "all"]:
        figures = in_process["all"] if kind == "all" else in_process["kinds"].get(kind)
        if figures is None:
            continue
        examples = ", ".join(
            f"`{item['q'][:24]}`" for item in mix if item["kind"] == kind and "`" not in item["q"]
        )
        app, raw = figures["app"], figures["raw"]
        lines.append(
            f"| {kind} | {figures['queries']} | {app['p50']} | {app['p95']} | {app['p99']} "
            f"| {app['max']} | {raw['p50']} | {raw['p99']} | {figures['ratio_p50']} "
            f"| {examples[:120] if kind != 'all' else ''} |"
        )
    http = result.get("http", {})
    if "endpoints" in http:
        settings = http["settings"]
        lines += [
            "",
            "## HTTP under gunicorn",
            "",
            f"`glossary serve` with {settings['workers']} {settings['worker_class']} workers"
            f" × {settings['threads']} threads, wrk (one thread) on loopback cycling through the"
            f" mix's URLs, {http['seconds']:g} s per run; the run with the median throughput"
            f" of {http['runs']}. Answers kept: the production server, which keeps anonymous"
            " search answers in memory until the data changes; computed: the same with"
            " `GLOSSARY_ANSWER_CACHE_MB=0`. Server CPU: the CPU time of gunicorn's processes"
            " per request, which other work on the machine hardly changes.",
            "",
            "| endpoint | answers | connections | requests/s (each run) | p50 | p90 | p99 | max"
            " | server CPU | errors |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for answers, measured in (("kept", http), ("computed", result.get("http_computed"))):
            for endpoint, by_count in (measured or {}).get("endpoints", {}).items():
                for count, run in by_count.items():
                    each = ", ".join(f"{r:,.0f}" for r in run["rps_each"])
                    lines.append(
                        f"| `{endpoint}` | {answers} | {count} | {run['rps']:,.0f} ({each})"
                        f" | {run['p50_ms']} ms | {run['p90_ms']} ms | {run['p99_ms']} ms"
                        f" | {run['max_ms']} ms | {run.get('server_cpu_ms', '—')} ms"
                        f" | {run['errors']} |"
                    )
        workers = ", ".join(f"{w['rss_mb']} MB / {w['pss_mb']} MB" for w in http["workers"])
        lines += [
            "",
            f"Memory of each worker after the load (RSS / PSS, PSS counting shared pages"
            f" shared): {workers}.",
            "",
            f"Cold start (starting `glossary serve` to the first answer to a search):"
            f" {result['cold_start']['seconds']} s, median of"
            f" {', '.join(str(s) for s in result['cold_start']['each'])} s.",
        ]
    elif http:
        lines += ["", f"HTTP not measured: {http['skipped']}."]
    imported = result.get("import")
    if imported:
        lines += [
            "",
            f"CC-CEDICT import (bench/results/cedict-import.md): {imported['seconds']} s wall"
            f" clock, {imported['cpu_seconds']} s CPU (median of {imported['runs']}:"
            f" {', '.join(str(s) for s in imported['seconds_each'])} s), peak"
            f" {imported['peak_megabytes']} MB.",
        ]
    return "\n".join(lines) + "\n"
