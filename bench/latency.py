"""In-process search latency by kind of query, beside the raw SQL floor for the same queries.

The app's figure is `search.run` for the first page (what /api/search runs), request checking
included. The raw floor is the cheapest SQL that returns a first page for the same query: its
keys (parsed beforehand, outside the timing) looked up as prefixes in the dictionary's and the
glossary's key indexes, its words in the full-text index and its characters in the character
index, in one statement, unranked and uncounted, 20 rows with their display columns, on a bare
sqlite3 connection. app/raw is the ratio of the medians.
"""

from __future__ import annotations

import gc
import random
import sqlite3
import statistics
import time
from typing import Any

from glossary import search
from glossary.text import keys

MAX = "\U0010ffff"


def percentile(samples: list[float], share: float) -> float:
    """The nearest-rank percentile of samples (share from 0 to 1)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def summary(samples: list[float]) -> dict[str, float]:
    """p50, p95, p99 and max of samples in ms, rounded to a microsecond."""
    return {
        "p50": round(percentile(samples, 0.50), 3),
        "p95": round(percentile(samples, 0.95), 3),
        "p99": round(percentile(samples, 0.99), 3),
        "max": round(max(samples), 3),
    }


def request(query: str) -> search.Request:
    """The request /api/search makes of ?q=query."""
    return search.parse_request({"q": query}, default_limit=20, max_limit=100, max_query=200)


def raw_sql(query: str) -> tuple[str, list[Any]]:
    """The raw floor's one statement for a query, and its parameters."""
    parsed = keys.parse_query(" ".join(query.split()))
    dictionary: list[str] = []
    glossary: list[str] = []
    dictionary_params: list[Any] = []
    glossary_params: list[Any] = []
    for key_type, key in dict.fromkeys([*parsed.prefix, *parsed.inner]):
        dictionary.append(
            "SELECT dictionary_id AS id FROM dictionary_key WHERE type = ? AND key >= ? AND key < ?"
        )
        glossary.append(
            "SELECT entry_id AS id FROM search_key WHERE type = ? AND key >= ? AND key < ?"
        )
        dictionary_params += [key_type, key, key + MAX]
        glossary_params += [key_type, key, key + MAX]
    if parsed.words:
        dictionary.append("SELECT rowid FROM dictionary_fts WHERE dictionary_fts MATCH ?")
        dictionary_params.append(parsed.words)
    for substring in parsed.substrings:
        dictionary.append(
            "SELECT dictionary_id FROM dictionary_char WHERE ch = ?"
            " AND (instr(simplified, ?) > 0 OR instr(traditional, ?) > 0)"
        )
        dictionary_params += [substring[0], substring, substring]
    none = "SELECT NULL AS id WHERE 0"
    sql = f"""SELECT d.id, d.simplified, d.traditional, d.pinyin, d.english
        FROM ({" UNION ALL ".join(dictionary) or none} LIMIT 20) h
        JOIN dictionary d ON d.id = h.id
        UNION ALL
        SELECT e.id, e.simplified, e.traditional, e.pinyin, e.english
        FROM ({" UNION ALL ".join(glossary) or none} LIMIT 20) h
        JOIN entry e ON e.id = h.id"""
    return sql, dictionary_params + glossary_params


def _timed(function: Any, *args: Any) -> float:
    """Milliseconds that function(*args) takes, its rows read to the end."""
    started = time.perf_counter()
    answer = function(*args)
    if isinstance(answer, sqlite3.Cursor):
        answer.fetchall()
    return (time.perf_counter() - started) * 1000


def measure(
    database: Any, path: str, mix: list[dict], passes: int, seed: int = 8
) -> dict[str, Any]:
    """Time every query of the mix `passes` times (in a shuffled order each pass) through the
    app and through the raw floor; return the percentiles by kind and over all."""
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA query_only = 1")
    prepared = [(item, request(item["q"]), raw_sql(item["q"])) for item in mix]
    for _, req, (sql, params) in prepared:  # warm both: caches, prepared statements
        search.run(database, req)
        raw.execute(sql, params).fetchall()
    app: dict[str, list[float]] = {}
    floor: dict[str, list[float]] = {}
    rng = random.Random(seed)
    order = list(prepared)
    gc.disable()  # a collection would land on whichever query is running
    try:
        for _ in range(passes):
            rng.shuffle(order)
            for item, req, (sql, params) in order:
                # Whichever runs second finds the query's pages in the operating system's
                # cache, read there by the first: each goes first half of the time.
                app_first = rng.random() < 0.5
                if not app_first:
                    floor.setdefault(item["kind"], []).append(_timed(raw.execute, sql, params))
                app.setdefault(item["kind"], []).append(_timed(search.run, database, req))
                if app_first:
                    floor.setdefault(item["kind"], []).append(_timed(raw.execute, sql, params))
            gc.collect()
    finally:
        gc.enable()
        raw.close()
    kinds = {}
    for kind in app:
        kinds[kind] = {
            "queries": len(app[kind]) // passes,
            "app": summary(app[kind]),
            "raw": summary(floor[kind]),
            "ratio_p50": round(
                statistics.median(app[kind]) / max(statistics.median(floor[kind]), 1e-6), 2
            ),
        }
    every_app = [t for samples in app.values() for t in samples]
    every_raw = [t for samples in floor.values() for t in samples]
    return {
        "passes": passes,
        "kinds": kinds,
        "all": {
            "queries": len(mix),
            "app": summary(every_app),
            "raw": summary(every_raw),
            "ratio_p50": round(statistics.median(every_app) / statistics.median(every_raw), 2),
        },
    }
