"""How well the extractor drafts entries from articles: precision and recall of drafts and of
romanization-mismatch flags, on the articles in bench/extract/articles/ and their expected pairs;
and on published passages (bench/extract/published/), recall, precision, the English, the kind
and the pinyin of each found pair, beside the figures of the reader before issue 24.

Run with `make bench` (or `python -m bench.extract_accuracy`); results go to bench/results/.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from glossary import articles
from glossary.articles import extract
from glossary.text import hanzi, keys, romanize

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "extract" / "articles"
EXPECTED = HERE / "extract" / "expected.json"
PASSAGES = HERE / "extract" / "published"
PUBLISHED = HERE / "extract" / "published.json"
RESULTS = HERE / "results"
# The published passages measured with the reader as it was before issue 24 (main at d08de3d),
# and the second batch measured unseen, before any change made for it.
BEFORE = RESULTS / "extract-published-before.json"
UNSEEN = RESULTS / "extract-published-unseen.json"
TARGET = 0.95
# On published passages: the share of found pairs whose English is what a translator would enter.
ENGLISH_TARGET = 0.90


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


def _pinyin_key(pinyin: str) -> str:
    """Fold written pinyin for comparison: tones, case, spaces and apostrophes ignored."""
    return "".join(c for c in romanize.toneless(pinyin).lower() if c.isalpha())


def _published_pair(candidate: extract.Candidate, pair: list[Any]) -> dict[str, bool]:
    """Compare a draft with the pair a passage writes: English, kind and pinyin right?"""
    english, _, pinyin, kind = pair
    accepted = english if isinstance(english, list) else [english]
    return {
        "english": keys.english_key(candidate.english) in {keys.english_key(e) for e in accepted},
        "kind": candidate.kind == kind,
        "pinyin": not pinyin or _pinyin_key(candidate.written_pinyin) == _pinyin_key(pinyin),
    }


def measure_published(
    passages_folder: Path = PASSAGES, expected_file: Path = PUBLISHED
) -> dict[str, Any]:
    """Run the extractor on every published passage and compare with the pairs it writes."""
    passages = json.loads(expected_file.read_text(encoding="utf-8"))["passages"]
    counts = dict.fromkeys(
        ("expected", "drafts", "found", "english", "kind", "pinyin_expected", "pinyin"), 0
    )
    counts["without_characters"] = counts["from_names_without_characters"] = 0
    misses: list[dict[str, Any]] = []
    for name, passage in sorted(passages.items()):
        text = (passages_folder / name).read_text(encoding="utf-8")
        pairs = {hanzi.to_simplified(p[1]): p for p in passage["pairs"]}
        without = {keys.english_key(n) for n in passage["without_characters"]}
        counts["expected"] += len(pairs)
        counts["without_characters"] += len(without)
        counts["pinyin_expected"] += sum(1 for p in pairs.values() if p[2])
        drafted = set()
        for candidate in extract.candidates(text):
            counts["drafts"] += 1
            if keys.english_key(candidate.english) in without:
                counts["from_names_without_characters"] += 1
            pair = pairs.get(candidate.simplified)
            if pair is None or candidate.simplified in drafted:
                misses.append({"passage": name, "wrong": _draft(candidate)})
                continue
            drafted.add(candidate.simplified)
            counts["found"] += 1
            right = _published_pair(candidate, pair)
            counts["english"] += right["english"]
            counts["kind"] += right["kind"]
            counts["pinyin"] += bool(pair[2]) and right["pinyin"]
            if not all(right.values()):
                misses.append({"passage": name, "expected": pair, "drafted": _draft(candidate)})
        for simplified, pair in pairs.items():
            if simplified not in drafted:
                misses.append({"passage": name, "missed": pair})
    return {"counts": counts, "rates": _rates(counts), "misses": misses}


def _draft(candidate: extract.Candidate) -> list[str]:
    return [candidate.english, candidate.simplified, candidate.written_pinyin, candidate.kind]


def _rates(counts: dict[str, int]) -> dict[str, float]:
    found = counts["found"]
    return {
        "recall": found / counts["expected"] if counts["expected"] else 1.0,
        "precision": found / counts["drafts"] if counts["drafts"] else 1.0,
        "english_right": counts["english"] / found if found else 1.0,
        "kind_right": counts["kind"] / found if found else 1.0,
        "pinyin_right": counts["pinyin"] / counts["pinyin_expected"]
        if counts["pinyin_expected"]
        else 1.0,
    }


PUBLISHED_ROWS = (
    ("Recall (pairs found)", "recall", TARGET),
    ("Precision (drafts that are pairs)", "precision", TARGET),
    ("English right, of found pairs", "english_right", ENGLISH_TARGET),
    ("Kind right, of found pairs", "kind_right", TARGET),
    ("Written pinyin kept, of pairs that write it", "pinyin_right", None),
)


def published_report(result: dict[str, Any], before: dict[str, Any] | None) -> list[str]:
    """The published passages' table, beside the figures before issue 24 where known."""
    counts = result["counts"]
    passages = len(json.loads(PUBLISHED.read_text(encoding="utf-8"))["passages"])
    lines = [
        "## Published passages",
        "",
        f"{passages} short passages of published prose (newsletters, think-tank and news sites, "
        "Taiwanese and Hong Kong outlets, encyclopedias), each with its source in "
        f"bench/extract/published.json: {counts['expected']} pairs, and "
        f"{counts['without_characters']} names written without characters.",
        "",
        "| | before issue 24 | now | target |",
        "|---|---:|---:|---:|",
    ]
    for label, name, target in PUBLISHED_ROWS:
        then = f"{before['rates'][name]:.1%}" if before else "–"
        goal = f"≥ {target:.0%}" if target else "–"
        lines.append(f"| {label} | {then} | {result['rates'][name]:.1%} | {goal} |")
    then = str(before["counts"]["from_names_without_characters"]) if before else "–"
    now = counts["from_names_without_characters"]
    lines.append(f"| Drafts from names written without characters | {then} | {now} | 0 |")
    if UNSEEN.exists():
        unseen = json.loads(UNSEEN.read_text(encoding="utf-8"))
        rates = unseen["rates"]
        lines += [
            "",
            f"Batch 2 ({unseen['counts']['expected']} pairs), collected after the first changes "
            f"and measured before any change for it: recall {rates['recall']:.1%}, precision "
            f"{rates['precision']:.1%}, English {rates['english_right']:.1%}, kinds "
            f"{rates['kind_right']:.1%}. Expect figures like these on prose of new kinds.",
        ]
    if result["misses"]:
        lines += ["", "### Differences", ""]
        for miss in result["misses"]:
            lines.append(f"- {miss['passage']}: {_describe(miss)}")
    return lines


def _describe(miss: dict[str, Any]) -> str:
    if "missed" in miss:
        return f"missed {miss['missed']}"
    if "wrong" in miss:
        return f"wrong draft {miss['wrong']}"
    return f"drafted {miss['drafted']}, expected {miss['expected']}"


def published_met(result: dict[str, Any]) -> bool:
    """Tell whether the published passages meet every target."""
    rates = result["rates"]
    return (
        min(rates["recall"], rates["precision"], rates["kind_right"]) >= TARGET
        and rates["english_right"] >= ENGLISH_TARGET
        and result["counts"]["from_names_without_characters"] == 0
    )


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
    if "published" in result:
        lines += ["", *published_report(result["published"], result.get("published_before"))]
    return "\n".join(lines) + "\n"


def main() -> int:
    result = measure()
    result["published"] = measure_published()
    if BEFORE.exists():
        result["published_before"] = json.loads(BEFORE.read_text(encoding="utf-8"))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "extract-accuracy.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (RESULTS / "extract-accuracy.md").write_text(report(result), encoding="utf-8")
    print(report(result))
    drafts, flags = result["drafts"], result["mismatch_flags"]
    met = min(drafts["precision"], drafts["recall"]) >= TARGET and flags["recall"] == 1.0
    met = met and published_met(result["published"])
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
