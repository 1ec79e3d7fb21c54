"""How often reading(name, "person") gives exactly the right pinyin, against plain pypinyin.

Reads bench/names/people.tsv (real people, each with a cited source) and writes
bench/results/names-accuracy.json and .md. Run with `make bench`.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from glossary.text import romanize

HERE = Path(__file__).resolve().parent
PEOPLE = HERE / "names" / "people.tsv"
RESULTS = HERE / "results"


def people() -> list[dict[str, str]]:
    """Return the rows of the people table."""
    with PEOPLE.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


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
    ]
    (RESULTS / "names-accuracy.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    result = measure()
    write(result)
    print(
        f"names: {result['ours_accuracy']:.1%} exact ({result['ours_exact']}/{result['people']}),"
        f" plain pypinyin {result['pypinyin_accuracy']:.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
