"""The extractor meets its targets on the benchmark's articles (quality, not speed)."""

from __future__ import annotations

from bench import extract_accuracy


def test_drafts_and_flags_meet_the_targets() -> None:
    result = extract_accuracy.measure()
    drafts, flags = result["drafts"], result["mismatch_flags"]
    assert drafts["expected"] == 305
    assert drafts["precision"] >= 0.95 and drafts["recall"] >= 0.95, result["misses"]
    assert flags["recall"] == 1.0, result["misses"]  # every misspelling flagged


def test_the_report_names_each_difference() -> None:
    result = {
        "drafts": {"expected": 2, "found": 2, "correct": 1, "precision": 0.5, "recall": 0.5},
        "mismatch_flags": {"expected": 0, "found": 0, "correct": 0, "precision": 1, "recall": 1},
        "misses": [{"article": "a.txt", "draft": ("wang yi", "王毅"), "wrong": False}],
        "target": 0.95,
    }
    report = extract_accuracy.report(result)
    assert "| Drafts | 2 | 2 | 1 | 50.0% | 50.0% |" in report
    assert "- a.txt: missed draft ('wang yi', '王毅')" in report
