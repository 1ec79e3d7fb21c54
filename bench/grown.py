"""The grown glossary: 100,000 entries imported beside CC-CEDICT, measured beside the seed alone.

Generates a glossary/1 file of COUNT entries from CC-CEDICT's (deterministically: the file's
order, one entry per simplified form, each with its dictionary as the source; every seventh
verified, every 53rd deprecated), imports it with `glossary import` into a copy of the search
benchmark's database (seed glossary + CC-CEDICT, bench/work/bench.db), timing the import and
its peak memory, then measures the seed database and the grown one alike: the search
benchmark's 14-kind mix in process (first page, as /api/search runs it), /api/search and
/search under `glossary serve` at 16 connections with every answer computed and with answers
kept, the pages that read many entries (in process, through the test client, their bodies read
to the end), and each worker's memory. Writes bench/results/grown.json and grown.md, and the
side-by-side table into README.md between <!-- bench:grown --> and <!-- /bench:grown -->.
The machine may be shared: the load average is written beside the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import http_load, latency, queries
from bench.search_speed import SERVER, build_database, environment
from glossary.dictionary import cedict
from glossary.entries.validate import pinyin_problem
from glossary.text import hanzi

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
WORK = HERE / "work"
README = HERE.parent / "README.md"
COUNT = 100_000
GLOSSARY = Path(sys.executable).parent / "glossary"
# The pages that read many entries, each timed PAGE_RUNS times (median and slowest).
PAGES = (
    "/changes",
    "/?page=200",
    "/review",
    "/changes.atom",
    "/export.json",
    "/export.csv",
    "/export.tbx",
    "/export.tsv",
)
PAGE_RUNS = 5
TARGETS = {
    "p99_ms": 2.0,
    "api_computed_rps": 1000.0,
    "api_computed_p99_ms": 25.0,
    "html_computed_rps": 500.0,
    "html_cost_ratio": 1.5,
    "page_ms": 50.0,
    "worker_mb": 200.0,
    "import_seconds": 30.0,
    "import_mb": 500.0,
}


def generate(path: Path, count: int = COUNT) -> int:
    """Write a glossary/1 file of count entries made from CC-CEDICT's; return how many."""
    with cedict.open_file(cedict.packaged_path()) as lines:
        records, _ = cedict.read_records(lines)
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, record in enumerate(records, start=1):
        if len(entries) == count:
            break
        entry = _entry(number, record)
        if entry is None or entry["simplified"] in seen:
            continue
        seen.add(entry["simplified"])
        entries.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"format": "glossary/1", "entries": entries}
    path.write_text(json.dumps(document, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(entries)


def _entry(number: int, record: cedict.Record) -> dict[str, Any] | None:
    """A glossary entry made from a dictionary entry, or None when it would be refused."""
    definitions = [d for d in record.definitions if not hanzi.has_cjk(d) and "[" not in d]
    if not definitions or not hanzi.has_cjk(record.simplified) or len(record.simplified) > 200:
        return None
    english = definitions[0][:500]
    pinyin, _ = cedict.convert_pinyin(record.pinyin_numbered, record.simplified)
    if not pinyin or pinyin_problem(pinyin, record.simplified) is not None:
        return None  # pinyin the rule book refuses (CC-CEDICT has some it does not read)
    traditional = record.traditional if record.traditional != record.simplified else None
    return {
        "key": f"cedict-{number}",
        "kind": "term",
        "english": english,
        "aliases": list(dict.fromkeys(d[:500] for d in definitions[1:3] if d != english)),
        "simplified": record.simplified,
        "traditional": traditional,
        "pinyin": pinyin,
        "description": "; ".join(definitions)[:500],
        "status": "deprecated" if number % 53 == 0 else "preferred",
        "verified": number % 7 == 0,
        "sources": [
            {
                "quote": "; ".join(record.definitions)[:4000],
                "title": "CC-CEDICT",
                "publisher": "MDBG",
                "url": "https://cc-cedict.org/",
                "published": "2023-11-07",
            }
        ],
    }


def import_grown(
    seed: Path, grown: Path, data: Path, skip_invalid: bool, baseline: Path | None = None
) -> dict[str, Any]:
    """Copy the seed database to grown and import data into it with `glossary import`, in a
    process of its own: its wall-clock time, processor time and peak memory (maximum resident
    set). With baseline (a checkout's folder holding the package, such as main's), the same
    import by that code runs at the same time, into a copy of its own, under the same load."""
    runs = [("after", grown, None)]
    if baseline is not None:
        runs.append(("before", grown.with_name(f"{grown.stem}-before.db"), baseline))
    load = os.getloadavg()[0]
    started = {}
    for name, database, code in runs:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(seed, database)
        measured = database.with_suffix(".peak.json")
        command = [sys.executable, str(HERE / "peak.py"), str(measured)]  # see bench/peak.py
        command += [sys.executable, "-m", "glossary", "import", str(data)]
        command += ["--skip-invalid"] if skip_invalid else []
        env = {**os.environ, "GLOSSARY_DATABASE": str(database)}
        if code is not None:
            env["PYTHONPATH"] = str(code)
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=code
        )
        started[name] = (process, time.perf_counter(), measured)
    figures = {}
    for name, (process, began, measured) in started.items():
        output = process.stdout.read() if process.stdout else b""
        status = process.wait()
        seconds = time.perf_counter() - began
        if status != 0:
            raise RuntimeError(f"glossary import ({name}) failed:\n{output.decode()[-2000:]}")
        figures[name] = {
            "seconds": round(seconds, 2),
            **json.loads(measured.read_text(encoding="utf-8")),
            "output": output.decode().splitlines()[:3],
        }
    result = {**figures.pop("after"), "load_average_before": round(load, 2)}
    result["load_average_after"] = round(os.getloadavg()[0], 2)
    if "before" in figures:
        result["before"] = {**figures["before"], "code": str(baseline)}
    return result


def import_only(args: argparse.Namespace) -> int:
    """Measure the import alone (with --baseline, beside the baseline's) and put its figures
    into grown.json, grown.md and the README in place of the last run's import figures."""
    env = environment()
    generated = generate(args.data, args.count)
    imported = import_grown(args.database, args.grown, args.data, args.skip_invalid, args.baseline)
    imported.update(generated=generated, measured=env["measured"], commit=env["commit"])
    result = json.loads((RESULTS / "grown.json").read_text(encoding="utf-8"))
    result["import"] = imported
    kept = [row for row in result["checks"] if not row["measure"].startswith("import ")]
    fresh = checks(result["seed"], result["grown"], imported)
    result["checks"] = kept + [row for row in fresh if row["measure"].startswith("import ")]
    write(result, None if args.no_readme else README)
    print(json.dumps(imported, indent=1))
    return 0


def pages_only(args: argparse.Namespace) -> int:
    """Measure the pages of the seed database and of the grown one (imported before), and
    print them as JSON with the commit and the load average before and after."""
    if not args.grown.exists():
        raise SystemExit(f"{args.grown} does not exist: run bench/grown.py without --pages-only")
    env = environment()
    found = {"seed": pages(args.database), "grown": pages(args.grown)}
    env["load_average_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps({"environment": env, **found}, indent=1))
    return 0


def pages(database: Path, runs: int = PAGE_RUNS) -> dict[str, Any]:
    """Each page of PAGES in process (a reviewer's session, answers not kept): ms, median and
    slowest of runs after one unmeasured request, and to the first bytes of the body; an
    export (the whole glossary) is read once, its first bytes being what a person waits for."""
    from glossary import accounts, create_app
    from glossary.store.connection import connect

    db = connect(str(database))
    name = "bench-reviewer"
    if db.execute("SELECT 1 FROM account WHERE name = ?", [name]).fetchone() is None:
        accounts.add_account(db, name, "reviewer", "a long bench password 1")
    row = db.execute("SELECT id, session_token FROM account WHERE name = ?", [name]).fetchone()
    session_id = f"{row[0]}:{row[1]}"
    db.conn.close()
    app = create_app({"DATABASE": str(database), "ANSWER_CACHE_MB": 0, "TESTING": True})
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = session_id
        session["_fresh"] = True
    found: dict[str, Any] = {}
    for page in PAGES:
        export = page.startswith("/export")
        if not export:
            client.get(page).close()
        first: list[float] = []
        timings: list[float] = []
        first_cpu: list[float] = []
        cpu: list[float] = []  # processor time, which a busy machine stretches less
        size = 0
        for _ in range(1 if export else runs):  # an export read whole once: it is long
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(page, buffered=False)
            chunks = iter(response.response)
            body = next(chunks, b"")
            first.append((time.perf_counter() - started) * 1000)
            first_cpu.append((time.process_time() - started_cpu) * 1000)
            size = len(body) + sum(len(chunk) for chunk in chunks)
            response.close()
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        found[page] = {
            "status": response.status_code,
            "p50_ms": round(statistics.median(timings), 1),
            "max_ms": round(max(timings), 1),
            "first_byte_ms": round(statistics.median(first), 1),
            "cpu_ms": round(statistics.median(cpu), 1),
            "first_byte_cpu_ms": round(statistics.median(first_cpu), 1),
            "bytes": size,
        }
    return found


# What a worker keeps about every entry, each measured in a fresh process: CPU to build, the
# process's resident memory before and after, and (the article marker) the automaton's size.
KEPT = """
import json, sys, time
from glossary import articles, store
from glossary.store import finding, words
from glossary.store.connection import connect

def rss():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS"))

db = connect(sys.argv[1])
found = {}
for name, build in (
    ("vocabulary", lambda: finding._vocabulary(db)),
    ("lexicon", lambda: words._lexicon(db)),
    ("article marker", lambda: articles.Marker(store.entry_forms(db))),
):
    before, started = rss(), time.process_time()
    kept = build()
    found[name] = {
        "cpu_s": round(time.process_time() - started, 2),
        "rss_before_mb": round(before, 1),
        "rss_after_mb": round(rss(), 1),
        "kept": kept is not None,
    }
    if isinstance(kept, articles.Marker):
        found[name].update(forms=kept.forms, automaton_mb=round(kept.size / 2**20, 1))
print(json.dumps(found))
"""


def kept_by_a_worker(database: Path) -> dict[str, Any]:
    """The vocabulary, the lexicon and the article marker built in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", KEPT, str(database)],
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE.parent,
    )
    return json.loads(done.stdout)


def checked(database: Path) -> dict[str, Any]:
    """`glossary check` of the database: wall-clock and CPU time, peak memory."""
    env = {**os.environ, "GLOSSARY_DATABASE": str(database)}
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(GLOSSARY), "check"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_megabytes": round(usage.ru_maxrss / 1024, 1),
        "ok": os.waitstatus_to_exitcode(status) == 0,
        "output": output.decode().splitlines()[-1:],
    }


def measure(
    database: Path, mix: list[dict], passes: int, seconds: float, runs: int
) -> dict[str, Any]:
    """In-process latency by kind, HTTP computed and kept, pages and worker memory."""
    from glossary.store.connection import connect

    db = connect(str(database))
    entries = db.execute("SELECT count(*) FROM entry WHERE deleted IS NULL").fetchone()[0]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    in_process = latency.measure(db, str(database), mix, passes)
    db.conn.close()
    result: dict[str, Any] = {"entries": entries, "in_process": in_process}
    log = RESULTS / "grown-server.log.tmp"
    if http_load.wrk_path() is not None:
        for name, cache, cards, endpoints in (
            ("http_computed", 0, None, ("/api/search", "/search")),
            ("http_kept", None, None, ("/api/search", "/search")),
            # Every answer computed and every card written anew: what the results' cards kept
            # by what they show (web/answers.py) save.
            ("http_written", 0, 0, ("/search",)),
        ):
            result[name] = http_load.load(
                database,
                SERVER,
                mix,
                connections=(16,),
                seconds=seconds,
                runs=runs,
                log=log,
                answer_cache_mb=cache,
                card_cache_mb=cards,
                measured_endpoints=endpoints,
            )
        log.unlink(missing_ok=True)
    result["pages"] = pages(database)
    result["kept"] = kept_by_a_worker(database)
    result["check"] = checked(database)
    return result


def cpu_by_kind(database: Path, mix: list[dict], passes: int) -> dict[str, Any]:
    """Processor time of search.run by kind (ms: p50, p99), which a busy machine stretches
    far less than the wall clock: the thread's own time, the query's SQL included."""
    import gc

    from glossary import search
    from glossary.store.connection import connect

    db = connect(str(database))
    requests = [(item["kind"], latency.request(item["q"])) for item in mix]
    for _, request in requests:
        search.run(db, request)
    samples: dict[str, list[float]] = {}
    gc.disable()
    try:
        for _ in range(passes):
            for kind, request in requests:
                started = time.thread_time()
                search.run(db, request)
                samples.setdefault(kind, []).append((time.thread_time() - started) * 1000)
            gc.collect()
    finally:
        gc.enable()
        db.conn.close()
    every = [t for times in samples.values() for t in times]
    return {
        kind: {"p50": latency.summary(times)["p50"], "p99": latency.summary(times)["p99"]}
        for kind, times in [*samples.items(), ("all", every)]
    }


def only(args: argparse.Namespace) -> int:
    """Measure one part alone, on databases built before (the seed's and the grown one):
    the mix in process (wall clock and processor time by kind) or the HTTP load (answers
    computed). Prints the figures and writes them to --out (as JSON) if given; grown.json,
    grown.md and the README are left as they are."""
    from glossary.store.connection import connect

    db = connect(str(args.database))
    mix = queries.build(db.conn, queries.PER_KIND)
    db.conn.close()
    env = environment()
    found: dict[str, Any] = {"environment": env, "only": args.only}
    for name, database in (("seed", args.database), ("grown", args.grown)):
        if args.only == "in-process":
            db = connect(str(database))
            found[name] = {"in_process": latency.measure(db, str(database), mix, args.passes)}
            db.conn.close()
            found[name]["cpu"] = cpu_by_kind(database, mix, args.passes)
        else:
            log = RESULTS / "grown-server.log.tmp"
            found[name] = http_load.load(
                database,
                SERVER,
                mix,
                connections=(16,),
                seconds=args.seconds,
                runs=args.runs,
                log=log,
                answer_cache_mb=0,
            )
            log.unlink(missing_ok=True)
    env["load_average_after"] = round(os.getloadavg()[0], 2)
    text = json.dumps(found, ensure_ascii=False, indent=1)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


def checks(seed: dict[str, Any], grown: dict[str, Any], imported: dict[str, Any]) -> list[dict]:
    """The issue's targets against the grown run (and the seed run, for the ratio)."""
    rows = []

    def check(measure: str, seed_value: Any, value: Any, target: str, met: bool | None) -> None:
        rows.append(
            {"measure": measure, "seed": seed_value, "grown": value, "target": target, "met": met}
        )

    for kind, figures in grown["in_process"]["kinds"].items():
        seed_p99 = seed["in_process"]["kinds"].get(kind, {}).get("app", {}).get("p99")
        p99 = figures["app"]["p99"]
        check(f"in-process p99, {kind} (ms)", seed_p99, p99, "≤ 2", p99 <= TARGETS["p99_ms"])
    for endpoint, least in (("/api/search", "api"), ("/search", "html")):
        for name, label in (("http_computed", "computed"), ("http_kept", "answers kept")):
            run, seed_run = _at_16(grown, name, endpoint), _at_16(seed, name, endpoint)
            if not run or not seed_run:
                continue
            target = TARGETS.get(f"{least}_computed_rps") if name == "http_computed" else None
            check(
                f"{endpoint} at 16 connections, {label} (req/s)",
                seed_run["rps"],
                run["rps"],
                f"≥ {target:,.0f}" if target else "—",
                run["rps"] >= target if target else None,
            )
            most = 2 * seed_run["p99_ms"]
            if endpoint == "/api/search" and name == "http_computed":
                most = min(most, TARGETS["api_computed_p99_ms"])
            check(
                f"{endpoint} p99, {label} (ms)",
                seed_run["p99_ms"],
                run["p99_ms"],
                f"≤ {most:g}",
                run["p99_ms"] <= most,
            )
    for name, label, most in (
        ("http_computed", "computed", TARGETS["html_cost_ratio"]),
        ("http_written", "computed, no cards kept", None),
    ):
        ratio = _cost_ratio(grown, name)
        if ratio is None:
            continue
        check(
            f"/search cost ÷ /api/search cost, {label}",
            _cost_ratio(seed, name),
            ratio,
            f"≤ {most:g}" if most else "—",
            ratio <= most if most else None,
        )
    for page, figures in grown["pages"].items():
        # An export is the whole glossary: what is held to the target is its first bytes.
        measure = "first_byte_ms" if page.startswith("/export") else "p50_ms"
        seed_ms = seed["pages"].get(page, {}).get(measure)
        ok = figures["status"] == 200 and figures[measure] <= TARGETS["page_ms"]
        what = "first bytes" if page.startswith("/export") else "median"
        check(f"page {page} (ms, {what})", seed_ms, figures[measure], "≤ 50", ok)
        if page.startswith("/export"):
            check(f"page {page} whole (s)", None, round(figures["p50_ms"] / 1000, 1), "—", None)
    for name, label in (("http_computed", "computed"), ("http_kept", "answers kept")):
        workers = grown.get(name, {}).get("workers")
        seed_workers = seed.get(name, {}).get("workers")
        if workers and seed_workers:
            largest = max(w["rss_mb"] for w in workers)
            check(
                f"memory per worker, {label} (RSS MB, largest)",
                max(w["rss_mb"] for w in seed_workers),
                largest,
                "≤ 200",
                largest <= TARGETS["worker_mb"],
            )
    for name, figures in grown.get("kept", {}).items():
        seed_figures = seed.get("kept", {}).get(name, {})
        grew = round(figures["rss_after_mb"] - figures["rss_before_mb"], 1)
        seed_grew = seed_figures and round(
            seed_figures["rss_after_mb"] - seed_figures["rss_before_mb"], 1
        )
        check(f"{name}: memory it takes (RSS MB)", seed_grew, grew, "—", None)
        check(f"{name}: CPU to build (s)", seed_figures.get("cpu_s"), figures["cpu_s"], "—", None)
    if "check" in grown:
        for measure, key in (("CPU (s)", "cpu_seconds"), ("peak memory (MB)", "peak_megabytes")):
            seed_value = seed.get("check", {}).get(key)
            check(f"glossary check, {measure}", seed_value, grown["check"][key], "—", None)
    check(
        "import of the grown file (s)",
        None,
        imported["seconds"],
        "≤ 30",
        imported["seconds"] <= TARGETS["import_seconds"],
    )
    check(
        "import peak memory (MB)",
        None,
        imported["peak_megabytes"],
        "≤ 500",
        imported["peak_megabytes"] <= TARGETS["import_mb"],
    )
    return rows


def _at_16(result: dict[str, Any], load: str, endpoint: str) -> dict[str, Any] | None:
    """A load's figures for an endpoint at 16 connections, or None where it was not measured."""
    found: dict[str, Any] | None = result.get(load, {}).get("endpoints", {}).get(endpoint, {})
    return found.get("16") if found else None


def _cost_ratio(result: dict[str, Any], load: str) -> float | None:
    """What a page costs beside the API's answer to the same query: the ratio of their requests
    a second at 16 connections, the API's with every answer computed, the page's in `load`."""
    api, page = _at_16(result, "http_computed", "/api/search"), _at_16(result, load, "/search")
    return round(api["rps"] / page["rps"], 2) if api and page and page["rps"] else None


def summary(result: dict[str, Any]) -> str:
    """The README's table: the seed run and the grown run side by side, against the targets."""
    env = result["environment"]
    lines = [
        f"Measured {env['measured']} on {env['cores']} cores (load average"
        f" {env['load_average']} before, {env.get('load_average_after')} after) at commit"
        f" `{env['commit']}`: the seed glossary ({result['seed']['entries']} entries) and the"
        f" grown one ({result['grown']['entries']:,} entries), each beside CC-CEDICT; in-process"
        f" figures over {result['passes']} passes of the mix, HTTP the median of"
        f" {result['runs']} run(s) of {result['seconds']:g} s, pages in process (median of"
        f" {PAGE_RUNS}). Details in `bench/results/grown.md`." + _import_note(result["import"]),
        "",
        "| measure | seed | 100,000 entries | target | met |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in result["checks"]:
        met = "—" if row["met"] is None else ("yes" if row["met"] else "**no**")
        seed = "—" if row["seed"] is None else f"{row['seed']:,}"
        lines.append(f"| {row['measure']} | {seed} | {row['grown']:,} | {row['target']} | {met} |")
    return "\n".join(lines) + "\n"


def _import_note(imported: dict[str, Any]) -> str:
    """Say when the import was measured, if apart from the rest (bench.grown --import-only),
    and what the baseline's import took beside it."""
    note = ""
    if "measured" in imported:
        busy = max(imported["load_average_before"], imported["load_average_after"]) >= 2
        note += (
            f" The import was measured apart, {imported['measured']} at commit"
            f" `{imported['commit']}` (load average {imported['load_average_before']} before,"
            f" {imported['load_average_after']} after"
            f"{'; noisy: the machine was shared' if busy else ''}):"
            f" {imported['seconds']:,} s, {imported['cpu_seconds']:,} s of processor time."
        )
    if "before" in imported:
        before = imported["before"]
        note += (
            f" The code before it (`{Path(before['code']).name}`), importing the same file at"
            f" the same time: {before['seconds']:,} s, {before['cpu_seconds']:,} s of processor"
            f" time, {before['peak_megabytes']:,} MB at most."
        )
    return note


def write(result: dict[str, Any], readme: Path | None) -> None:
    """Write grown.json and grown.md, and the summary into readme (if given)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "grown.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    details = ["# The grown glossary", "", summary(result), "## Import", ""]
    details.append("```\n" + json.dumps(result["import"], ensure_ascii=False, indent=1) + "\n```")
    details += ["", "## In process, by kind (ms)", ""]
    details += [
        "| kind | seed p50 | seed p99 | grown p50 | grown p99 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for kind, figures in result["grown"]["in_process"]["kinds"].items():
        seed = result["seed"]["in_process"]["kinds"].get(kind, {}).get("app", {})
        details.append(
            f"| {kind} | {seed.get('p50')} | {seed.get('p99')} | {figures['app']['p50']}"
            f" | {figures['app']['p99']} |"
        )
    for name in ("seed", "grown"):
        details += [
            "",
            f"## Pages, {name}",
            "",
            "| page | status | median ms | max ms | first bytes ms | bytes |",
        ]
        details.append("| --- | --- | --- | --- | --- | --- |")
        for page, p in result[name]["pages"].items():
            details.append(
                f"| {page} | {p['status']} | {p['p50_ms']} | {p['max_ms']} | {p['first_byte_ms']}"
                f" | {p['bytes']:,} |"
            )
    (RESULTS / "grown.md").write_text("\n".join(details) + "\n", encoding="utf-8")
    if readme is not None:
        text = readme.read_text(encoding="utf-8")
        start, end = "<!-- bench:grown -->", "<!-- /bench:grown -->"
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        readme.write_text(f"{head}{start}\n{summary(result)}{end}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", type=Path, default=WORK / "bench.db")
    parser.add_argument("--grown", type=Path, default=WORK / "grown.db")
    parser.add_argument("--data", type=Path, default=WORK / "grown.json")
    parser.add_argument("--count", type=int, default=COUNT)
    parser.add_argument("--passes", type=int, default=5, help="in-process passes over the mix")
    parser.add_argument("--runs", type=int, default=1, help="runs of each HTTP measurement")
    parser.add_argument("--seconds", type=float, default=6, help="length of each wrk run")
    parser.add_argument("--skip-invalid", action="store_true", help="import with --skip-invalid")
    parser.add_argument("--no-readme", action="store_true", help="leave README.md as it is")
    parser.add_argument(
        "--import-only", action="store_true", help="measure the import alone (see import_only)"
    )
    parser.add_argument(
        "--baseline", type=Path, help="with --import-only: a checkout to import with beside it"
    )
    parser.add_argument(
        "--only",
        choices=("in-process", "http"),
        help="measure this part alone on the databases already built (see only)",
    )
    parser.add_argument("--out", type=Path, help="with --only: write the figures here (JSON)")
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="measure the pages alone, of the seed and the grown database as they are (no"
        " import), and print their figures with the load average, writing nothing",
    )
    args = parser.parse_args(argv)
    if args.only:
        return only(args)
    if not args.database.exists():
        args.database.parent.mkdir(parents=True, exist_ok=True)
        build_database(args.database, RESULTS, None, runs=1)
    if args.import_only:
        return import_only(args)
    if args.pages_only:
        return pages_only(args)
    env = environment()
    generated = generate(args.data, args.count)
    imported = import_grown(args.database, args.grown, args.data, args.skip_invalid)
    imported["generated"] = generated
    from glossary.store.connection import connect

    db = connect(str(args.database))
    mix = queries.build(db.conn, queries.PER_KIND)  # the seed's mix, asked of both
    db.conn.close()
    seed = measure(args.database, mix, args.passes, args.seconds, args.runs)
    grown = measure(args.grown, mix, args.passes, args.seconds, args.runs)
    env["load_average_after"] = round(os.getloadavg()[0], 2)
    result = {
        "environment": env,
        "passes": args.passes,
        "runs": args.runs,
        "seconds": args.seconds,
        "import": imported,
        "seed": seed,
        "grown": grown,
        "checks": checks(seed, grown, imported),
    }
    write(result, None if args.no_readme else README)
    print(summary(result))
    missed = [row["measure"] for row in result["checks"] if row["met"] is False]
    print("targets not met: " + ", ".join(missed) if missed else "every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
