"""The extractor meets its targets on the benchmark's articles (quality, not speed)."""

from __future__ import annotations

import json

from bench import extract_accuracy


def test_drafts_and_flags_meet_the_targets() -> None:
    result = extract_accuracy.measure()
    drafts, flags = result["drafts"], result["mismatch_flags"]
    assert drafts["expected"] == 305
    assert drafts["precision"] >= 0.95 and drafts["recall"] >= 0.95, result["misses"]
    assert flags["recall"] == 1.0, result["misses"]  # every misspelling flagged


def test_published_passages_meet_the_targets() -> None:
    result = extract_accuracy.measure_published()
    counts, rates = result["counts"], result["rates"]
    assert (counts["expected"], counts["without_characters"]) == (149, 42)
    assert rates["recall"] >= 0.95 and rates["precision"] >= 0.95, result["misses"]
    assert rates["english_right"] >= 0.90, result["misses"]
    assert rates["kind_right"] >= 0.95, result["misses"]
    assert counts["from_names_without_characters"] == 0
    assert extract_accuracy.published_met(result)


def test_every_published_passage_has_its_source() -> None:
    passages = json.loads(extract_accuracy.PUBLISHED.read_text(encoding="utf-8"))["passages"]
    files = {path.name for path in extract_accuracy.PASSAGES.glob("*.txt")}
    assert set(passages) == files
    for name, passage in passages.items():
        assert passage["url"].startswith(("http://", "https://")), name
        assert passage["title"] and passage["batch"] in (1, 2), name
        for english, characters, _, kind in passage["pairs"]:
            assert english and characters in extract_accuracy.PASSAGES.joinpath(name).read_text(
                encoding="utf-8"
            ), (name, characters)
            assert kind in ("person", "organization", "place", "document", "term", "event")


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


def test_the_published_report_sets_now_beside_before() -> None:
    rates = {
        "recall": 0.5,
        "precision": 1.0,
        "english_right": 0.75,
        "kind_right": 1.0,
        "pinyin_right": 1.0,
    }
    now = {
        "counts": {"expected": 4, "without_characters": 2, "from_names_without_characters": 0},
        "rates": rates,
        "misses": [{"passage": "p.txt", "missed": ["lying flat", "躺平", "tang ping", "term"]}],
    }
    before = {"counts": {"from_names_without_characters": 1}, "rates": {**rates, "recall": 0.25}}
    lines = extract_accuracy.published_report(now, before)
    assert "| Recall (pairs found) | 25.0% | 50.0% | ≥ 95% |" in lines
    assert "| Drafts from names written without characters | 1 | 0 | 0 |" in lines
    assert "- p.txt: missed ['lying flat', '躺平', 'tang ping', 'term']" in lines
