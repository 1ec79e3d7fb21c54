"""Searching at dictionary scale: in-process latency by kind of query beside the raw SQL floor,
HTTP throughput and latency under gunicorn, memory per worker, cold start, import and size.

Uses the database that bench.cedict_import built (the seed glossary and CC-CEDICT, kept at
bench/work/bench.db), building it first if it is missing, and that run's import figures.
Writes bench/results/search.json and search.md, and the summary into README.md between
<!-- bench:search --> and <!-- /bench:search -->. Run with `make bench`; every figure is the
median of several runs (the report says how many), since the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import http_load, latency, queries
from bench.report import markdown, readme_summary, targets
from glossary.store.connection import connect

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
WORK = HERE / "work"
README = HERE.parent / "README.md"
# The production server's settings, chosen from `python -m bench.search_speed --explore`
# (bench/results/workers.md); glossary serve's defaults are the same.
SERVER = {"workers": 3, "threads": 1, "worker_class": "sync"}
EXPLORE = (
    {"workers": 2, "threads": 1, "worker_class": "sync"},
    {"workers": 3, "threads": 1, "worker_class": "sync"},
    {"workers": 4, "threads": 1, "worker_class": "sync"},
    {"workers": 2, "threads": 4, "worker_class": "gthread"},
    {"workers": 3, "threads": 4, "worker_class": "gthread"},
    {"workers": 4, "threads": 2, "worker_class": "gthread"},
)


def build_database(path: Path, results: Path, cedict_file: str | None, runs: int) -> None:
    """Build the benchmark's database with bench.cedict_import (which times the import)."""
    command = [sys.executable, "-m", "bench.cedict_import", "--database", str(path)]
    command += ["--runs", str(runs), "--results", str(results)]
    subprocess.run(
        [*command, *(["--file", cedict_file] if cedict_file else [])], check=True, cwd=HERE.parent
    )


def environment() -> dict[str, Any]:
    """What the figures were measured on."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE
    ).stdout.strip()
    return {
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
        "python": sys.version.split()[0],
        "commit": commit,
    }


def run(
    database: Path,
    results: Path,
    *,
    per_kind: int,
    passes: int,
    runs: int,
    seconds: float,
    connections: tuple[int, ...],
    settings: dict[str, Any],
) -> dict[str, Any]:
    """Measure everything on database; return the result (results/ holds the import's)."""
    env = environment()
    db = connect(str(database))
    mix = queries.build(db.conn, per_kind)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    in_process = latency.measure(db, str(database), mix, passes)
    db.conn.close()
    result: dict[str, Any] = {
        "environment": env,
        "database_megabytes": round(os.path.getsize(database) / 1e6, 1),
        "mix": {"seed": queries.SEED, "per_kind": per_kind, "queries": mix},
        "in_process": in_process,
    }
    imported = results / "cedict-import.json"
    if imported.exists():
        result["import"] = json.loads(imported.read_text(encoding="utf-8"))
    if http_load.wrk_path() is None:
        result["http"] = {"skipped": "wrk is not installed (make bench installs it)"}
    else:
        log = results / "server.log.tmp"
        starts = http_load.cold_starts(database, settings, runs, log)
        result["cold_start"] = {"seconds": http_load.median(starts), "each": starts}
        result["http"] = {
            "runs": runs,
            "seconds": seconds,
            **http_load.load(
                database,
                settings,
                mix,
                connections=connections,
                seconds=seconds,
                runs=runs,
                log=log,
            ),
        }
        # The same load with every answer computed (no answer kept in memory): what searches
        # never asked before cost, the in-process figures' counterpart under HTTP.
        result["http_computed"] = {
            "runs": runs,
            "seconds": seconds,
            **http_load.load(
                database,
                settings,
                mix,
                connections=connections[:1],
                seconds=seconds,
                runs=runs,
                log=log,
                answer_cache_mb=0,
            ),
        }
        log.unlink(missing_ok=True)
    result["targets"] = targets(result)
    result["environment"]["load_average_after"] = round(os.getloadavg()[0], 2)
    return result


def explore(database: Path, results: Path, seconds: float, runs: int) -> dict[str, Any]:
    """Throughput of /api/search and /search at 16 and 64 connections for each of EXPLORE: one
    run of every setting, then the next, so that a change in the machine's load falls on all
    of them alike; each figure is the median of the runs."""
    db = connect(str(database))
    mix = queries.build(db.conn)
    db.conn.close()
    log = results / "server.log.tmp"
    rounds = [
        [
            http_load.load(
                database, settings, mix, connections=(16, 64), seconds=seconds, runs=1, log=log
            )
            for settings in EXPLORE
        ]
        for _ in range(runs)
    ]
    log.unlink(missing_ok=True)
    found = []
    for index, settings in enumerate(EXPLORE):
        measured = [one_round[index] for one_round in rounds]
        endpoints = {
            endpoint: {
                count: http_load.median_run([m["endpoints"][endpoint][count] for m in measured])
                for count in ("16", "64")
            }
            for endpoint in ("/api/search", "/search")
        }
        found.append(
            {"settings": settings, "endpoints": endpoints, "workers": measured[-1]["workers"]}
        )
    return {"environment": environment(), "runs": runs, "seconds": seconds, "settings": found}


def write(result: dict[str, Any], results: Path, readme: Path | None) -> None:
    """Write search.json and search.md to results, and the summary into readme (if given)."""
    results.mkdir(parents=True, exist_ok=True)
    (results / "search.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    (results / "search.md").write_text(markdown(result), encoding="utf-8")
    if readme is not None:
        text = readme.read_text(encoding="utf-8")
        start, end = "<!-- bench:search -->", "<!-- /bench:search -->"
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        readme.write_text(f"{head}{start}\n{readme_summary(result)}{end}{tail}", encoding="utf-8")


def write_workers(found: dict[str, Any], results: Path) -> None:
    """Write workers.json and workers.md: the server settings compared."""
    (results / "workers.json").write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
    lines = [
        "# Server settings compared",
        "",
        f"Measured {found['environment']['measured']} on {found['environment']['cores']} cores"
        f" (load average {found['environment']['load_average']} before), with wrk on loopback"
        f" over the benchmark's query mix: requests per second, median of {found['runs']}"
        f" runs of {found['seconds']:g} s each (every setting's first run, then every"
        " setting's second…); p99 latency of the median run.",
        "",
        "| workers | class | threads | /api/search 16 | /api/search 64 | /search 16 | /search 64 "
        "| memory per worker (RSS / PSS) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for entry in found["settings"]:
        s, e = entry["settings"], entry["endpoints"]
        cells = [
            f"{e[endpoint][count]['rps']:,.0f}/s, p99 {e[endpoint][count]['p99_ms']} ms"
            for endpoint in ("/api/search", "/search")
            for count in ("16", "64")
        ]
        rss = max(w["rss_mb"] for w in entry["workers"])
        pss = max(w["pss_mb"] for w in entry["workers"])
        lines.append(
            f"| {s['workers']} | {s['worker_class']} | {s['threads']} | "
            + " | ".join(cells)
            + f" | {rss} / {pss} MB |"
        )
    (results / "workers.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", type=Path, default=WORK / "bench.db")
    parser.add_argument("--cedict", help="the CC-CEDICT file to build the database from")
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--per-kind", type=int, default=queries.PER_KIND)
    # 10 passes: 300 samples of each kind, so that its p99 is not merely its second-largest.
    parser.add_argument("--passes", type=int, default=10, help="in-process passes over the mix")
    parser.add_argument("--runs", type=int, default=3, help="runs of each HTTP measurement")
    parser.add_argument("--seconds", type=float, default=10, help="length of each wrk run")
    parser.add_argument("--explore", action="store_true", help="compare server settings")
    parser.add_argument("--no-readme", action="store_true", help="leave README.md as it is")
    args = parser.parse_args(argv)
    if not args.database.exists():
        args.database.parent.mkdir(parents=True, exist_ok=True)
        build_database(args.database, args.results, args.cedict, runs=1)
    if args.explore:
        write_workers(explore(args.database, args.results, args.seconds, args.runs), args.results)
        print((args.results / "workers.md").read_text(encoding="utf-8"))
        return 0
    result = run(
        args.database,
        args.results,
        per_kind=args.per_kind,
        passes=args.passes,
        runs=args.runs,
        seconds=args.seconds,
        connections=(16, 64),
        settings=SERVER,
    )
    write(result, args.results, None if args.no_readme else README)
    print(readme_summary(result))
    missed = [t["measure"] for t in result["targets"] if t["met"] is False]
    print("targets not met: " + ", ".join(missed) if missed else "every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
