"""How well the extractor drafts entries from articles: precision and recall of drafts and of
romanization-mismatch flags, on the articles in bench/extract/articles/ and their expected pairs.

Run with `make bench` (or `python -m bench.extract_accuracy`); results go to bench/results/.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from glossary import articles
from glossary.articles import extract
from glossary.text import keys

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "extract" / "articles"
EXPECTED = HERE / "extract" / "expected.json"
RESULTS = HERE / "results"
TARGET = 0.95


def pair(english: str, simplified: str) -> tuple[str, str]:
    """The key a draft is matched on: its English folded, and its simplified characters."""
    return keys.english_key(english), simplified


def score(found: set[Any], expected: set[Any]) -> dict[str, Any]:
    hits = len(found & expected)
    return {
        "expected": len(expected),
        "found": len(found),
        "correct": hits,
        "precision": hits / len(found) if found else 1.0,
        "recall": hits / len(expected) if expected else 1.0,
    }


def measure(articles_folder: Path = ARTICLES, expected_file: Path = EXPECTED) -> dict[str, Any]:
    """Run the extractor on every article and compare with the expected drafts and flags."""
    expected_all = json.loads(expected_file.read_text(encoding="utf-8"))["articles"]
    drafts_found, drafts_expected, flags_found, flags_expected = set(), set(), set(), set()
    misses: list[dict[str, Any]] = []
    for name, rows in sorted(expected_all.items()):
        text = (articles_folder / name).read_text(encoding="utf-8")
        found = {}
        for candidate in extract.candidates(text):
            key = (name, *pair(candidate.english, candidate.simplified))
            found[key] = candidate
            if articles.mismatch(candidate)[0]:
                flags_found.add(key)
        expected = {(name, *pair(e, s)): flag for e, s, flag in rows}
        drafts_found |= set(found)
        drafts_expected |= set(expected)
        flags_expected |= {key for key, flag in expected.items() if flag}
        for key in sorted(set(found) ^ set(expected)):
            misses.append({"article": name, "draft": key[1:], "wrong": key in found})
    drafts = score(drafts_found, drafts_expected)
    flags = score(flags_found, flags_expected)
    for key in sorted(flags_found ^ flags_expected):
        misses.append({"article": key[0], "flag": key[1:], "wrong": key in flags_found})
    return {"drafts": drafts, "mismatch_flags": flags, "misses": misses, "target": TARGET}


def report(result: dict[str, Any]) -> str:
    lines = [
        "# Drafts from articles",
        "",
        f"{len(list(ARTICLES.glob('*.txt')))} articles written for this benchmark "
        "(bench/extract/articles), expected pairs in bench/extract/expected.json.",
        "",
        "| | expected | found | correct | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, name in (("Drafts", "drafts"), ("Mismatch flags", "mismatch_flags")):
        row = result[name]
        lines.append(
            f"| {label} | {row['expected']} | {row['found']} | {row['correct']} | "
            f"{row['precision']:.1%} | {row['recall']:.1%} |"
        )
    lines += ["", f"Target: ≥ {TARGET:.0%} precision and recall on drafts; every mismatch flagged."]
    if result["misses"]:
        lines += ["", "## Differences", ""]
        for miss in result["misses"]:
            what = "draft" if "draft" in miss else "flag"
            kind = "wrong" if miss["wrong"] else "missed"
            lines.append(f"- {miss['article']}: {kind} {what} {miss.get('draft') or miss['flag']}")
    return "\n".join(lines) + "\n"


def main() -> int:
    result = measure()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "extract-accuracy.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (RESULTS / "extract-accuracy.md").write_text(report(result), encoding="utf-8")
    print(report(result))
    drafts, flags = result["drafts"], result["mismatch_flags"]
    met = min(drafts["precision"], drafts["recall"]) >= TARGET and flags["recall"] == 1.0
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
