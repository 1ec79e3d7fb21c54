"""How often reading(name, "person") gives exactly the right pinyin, against plain pypinyin;
and how often a name published in another romanization system is found by search and recognised
by the name checker.

Reads bench/names/people.tsv and bench/names/systems.tsv (real people, each with a cited source)
and writes bench/results/names-accuracy.json and .md. Run with `make bench`.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from glossary import search
from glossary.exchange import importer
from glossary.store.connection import connect
from glossary.text import hanzi, names, romanize

HERE = Path(__file__).resolve().parent
PEOPLE = HERE / "names" / "people.tsv"
SYSTEMS = HERE / "names" / "systems.tsv"
SYSTEM_ORDER = ("wade_giles", "taiwan", "hong_kong", "macau")
RESULTS = HERE / "results"


def people(path: Path = PEOPLE) -> list[dict[str, str]]:
    """Return the rows of a people table (people.tsv, or systems.tsv)."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def glossary_of(rows: list[dict[str, str]]) -> Any:
    """A glossary in memory holding each person once, entered as a translator would: the
    characters, the computed pinyin, the pinyin as English; no other romanization."""
    db = connect(":memory:")
    entries = []
    for index, hanzi_text in enumerate(dict.fromkeys(row["hanzi"] for row in rows)):
        simplified = hanzi.to_simplified(hanzi_text)
        pinyin = romanize.reading(simplified, "person")
        entries.append(
            {
                "key": f"person-{index}",
                "kind": "person",
                "english": romanize.toneless(pinyin),
                "simplified": simplified,
                "traditional": hanzi_text,
                "pinyin": pinyin,
                "sources": [{"quote": pinyin, "title": "bench", "published": "2026"}],
            }
        )
    importer.import_document(db, {"format": "glossary/1", "entries": entries})
    return db


def found_first(db: Any, query: str, simplified: str) -> bool:
    """Tell whether searching for query finds the person with these characters first."""
    request = search.Request(q=query, kind=None, tag=None, limit=5, offset=0)
    results = search.run(db, request).entries
    return bool(results) and results[0]["simplified"] == simplified


def measure_systems() -> dict[str, Any]:
    """Score search and the name checker on each system's published forms, regular forms and
    personal spellings apart."""
    rows = people(SYSTEMS)
    db = glossary_of(rows)
    tally: dict[str, dict[str, dict[str, Any]]] = {}
    for row in rows:
        simplified = hanzi.to_simplified(row["hanzi"])
        check = names.check(row["form"], row["hanzi"], [])
        found = found_first(db, row["form"], simplified)
        counts = tally.setdefault(row["system"], {}).setdefault(
            row["spelling"], {"rows": 0, "found": 0, "recognised": 0, "close": 0, "misses": []}
        )
        counts["rows"] += 1
        counts["found"] += found
        counts["recognised"] += check.match
        counts["close"] += check.close is not None
        if not (found and check.match):
            counts["misses"].append(
                {
                    "hanzi": row["hanzi"],
                    "form": row["form"],
                    "ours": romanize.systems(row["hanzi"], "person")[row["system"]],
                    "found": found,
                    "recognised": check.match,
                    "close": check.close.form if check.close else None,
                }
            )
    for by_spelling in tally.values():
        for counts in by_spelling.values():
            for measure in ("found", "recognised", "close"):
                counts[f"{measure}_share"] = round(counts[measure] / counts["rows"], 4)
    return {system: tally[system] for system in SYSTEM_ORDER if system in tally}


def syllables(pinyin: str) -> list[str]:
    """Lower-case toned syllables of a pinyin string, ignoring grouping and capitals."""
    parsed = romanize.parse(pinyin) or []
    return [romanize.mark(s, t) for word in parsed for s, t in word]


def measure() -> dict:
    """Score our reading (exact string) and plain pypinyin (syllables) on every row."""
    rows = people()
    ours = plain = 0
    misses = []
    for row in rows:
        reading = romanize.reading(row["hanzi"], "person")
        if reading == row["pinyin"]:
            ours += 1
        else:
            misses.append({"hanzi": row["hanzi"], "expected": row["pinyin"], "got": reading})
        if romanize.everyday_syllables(row["hanzi"]) == syllables(row["pinyin"]):
            plain += 1
    heteronyms = sum(1 for row in rows if row["heteronym"] == "yes")
    return {
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "people": len(rows),
        "with_heteronym": heteronyms,
        "ours_exact": ours,
        "ours_accuracy": round(ours / len(rows), 4),
        "pypinyin_exact_syllables": plain,
        "pypinyin_accuracy": round(plain / len(rows), 4),
        "misses": misses,
    }


def write(result: dict) -> None:
    """Write the JSON result and a markdown summary to bench/results/."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "names-accuracy.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    lines = [
        "# Name readings: exact accuracy",
        "",
        f"Measured {result['measured']} on {result['people']} real people "
        f"({result['with_heteronym']} with a heteronym surname or given-name character).",
        "",
        "| reader | exactly right | accuracy |",
        "| --- | --- | --- |",
        f'| glossary `reading(…, "person")` (tones, grouping, capitals) | '
        f"{result['ours_exact']} | {result['ours_accuracy']:.1%} |",
        f"| plain pypinyin (syllables and tones only) | "
        f"{result['pypinyin_exact_syllables']} | {result['pypinyin_accuracy']:.1%} |",
        "",
        "Misses:",
        "",
        *[f"- {m['hanzi']}: expected {m['expected']}, got {m['got']}" for m in result["misses"]],
        "",
        *system_lines(result.get("systems", {})),
    ]
    (RESULTS / "names-accuracy.md").write_text("\n".join(lines), encoding="utf-8")


def system_lines(systems: dict[str, Any]) -> list[str]:
    """The markdown table of each system's forms: found by search, recognised, close."""
    lines = [
        "# Other romanization systems: search and the name checker",
        "",
        "Each published form (bench/names/systems.tsv) searched in a glossary that holds the person"
        " with only pinyin (found: the person is the first result), and checked with"
        " `/api/check-name` (recognised: a match; close: one syllable from a system's spelling).",
        "",
        "| system | spelling | forms | found by search | recognised | close |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for system, by_spelling in systems.items():
        for spelling, counts in by_spelling.items():
            lines.append(
                f"| {system} | {spelling} | {counts['rows']} | {counts['found_share']:.1%} |"
                f" {counts['recognised_share']:.1%} | {counts['close_share']:.1%} |"
            )
    lines += ["", "Regular forms missed:", ""]
    for system, by_spelling in systems.items():
        for miss in by_spelling.get("regular", {}).get("misses", []):
            lines.append(f"- {system}: {miss['hanzi']} {miss['form']} (ours: {miss['ours']})")
    return [*lines, ""]


def main() -> int:
    result = measure()
    result["systems"] = measure_systems()
    write(result)
    print(
        f"names: {result['ours_accuracy']:.1%} exact ({result['ours_exact']}/{result['people']}),"
        f" plain pypinyin {result['pypinyin_accuracy']:.1%}"
    )
    for system, by_spelling in result["systems"].items():
        regular = by_spelling.get("regular", {})
        print(
            f"  {system}: regular forms found {regular.get('found_share', 0):.1%},"
            f" recognised {regular.get('recognised_share', 0):.1%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
