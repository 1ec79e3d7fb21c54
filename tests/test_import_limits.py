"""Imports (issue 16, findings 7 and 10): the duplicate check does work in proportion to the
records, and an import keeps to the counts the form and the API keep to (50 aliases, 20 tags,
50 sources, 50 affiliations, 50 related). One TSV made an entry with 59,999 aliases; 1,000
records sharing characters read each other's entries half a million times."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import glossary.store
import glossary.store.entries
from glossary import exchange
from glossary.entries import validate
from glossary.exchange import importer
from glossary.model import SCHEMA_PATH
from tests.helpers import WorkExceeded

SOURCE = {"quote": "A quotation.", "title": "A title", "published": "2026-05"}


def _entry(number: int, **more) -> dict:
    return {
        "key": f"test-{number}",
        "kind": "term",
        "english": f"Test term {number}",
        "simplified": "测试词",
        "sources": [SOURCE],
        **more,
    }


def _document(entries: list[dict]) -> bytes:
    return json.dumps({"format": "glossary/1", "entries": entries}).encode()


@pytest.fixture
def entry_reads(monkeypatch):
    """Count the entries read in full (store.get_entry), stopping past a budget."""
    reads = {"count": 0, "budget": 0}
    real = glossary.store.entries.get_entry

    def counted(db, entry_id):
        reads["count"] += 1
        if reads["count"] > reads["budget"]:
            raise WorkExceeded(f"more than {reads['budget']} entries read")
        return real(db, entry_id)

    monkeypatch.setattr(glossary.store.entries, "get_entry", counted)
    monkeypatch.setattr(glossary.store, "get_entry", counted)
    return reads


def test_1000_new_records_sharing_characters_read_no_entry_for_duplicates(db, entry_reads):
    entry_reads["budget"] = 1000  # a few reads per record at most; it was 500,000
    raw = _document([_entry(n) for n in range(1000)])
    report, _ = exchange.import_bytes(db, raw, "json", "many.json")
    assert len(report.created) == 1000
    assert db.execute("SELECT count(*) FROM entry WHERE simplified = '测试词'").fetchone() == (
        1000,
    )


def test_a_tsv_of_1000_lines_sharing_characters_adopts_kinds_once(db, entry_reads):
    entry_reads["budget"] = 1000
    raw = "".join(f"Test term {n}\t测试词\tnote {n}\n" for n in range(1000)).encode()
    report, _ = exchange.import_bytes(db, raw, "tsv", "many.tsv")
    assert len(report.created) == 1000


def test_duplicates_of_an_existing_entry_are_found_once_each(db, entry_reads):
    exchange.import_bytes(db, _document([_entry(0)]), "json", "one.json")
    entry_reads["count"], entry_reads["budget"] = 0, 3000
    raw = _document([_entry(n, english=f"Other {n}") for n in range(1, 1001)])
    report, _ = exchange.import_bytes(db, raw, "json", "more.json", on_duplicate="skip")
    assert len(report.duplicates) == 1000


def test_merging_past_the_counts_is_refused(db) -> None:
    exchange.import_bytes(db, _document([_entry(0)]), "json", "one.json")
    raw = _document([_entry(n, aliases=[f"alias {n}"]) for n in range(1, 52)])
    with pytest.raises(importer.InvalidData) as refused:
        exchange.import_bytes(db, raw, "json", "more.json", on_duplicate="merge")
    (message,) = refused.value.errors
    assert message.startswith("entry 51 (test-51): the aliases would have 51 items once merged")
    assert message.endswith("; at most 50 are allowed")


@pytest.mark.parametrize(
    ("more", "message"),
    [
        (
            {"aliases": [f"a{n}" for n in range(51)]},
            "the aliases: 51 items, more than the 50 allowed",
        ),
        ({"tags": [f"t{n}" for n in range(21)]}, "the tags: 21 items, more than the 20 allowed"),
        (
            {"sources": [{**SOURCE, "title": f"T{n}"} for n in range(51)]},
            "the sources: 51 items, more than the 50 allowed",
        ),
    ],
)
def test_a_json_import_keeps_to_the_counts(db, more, message: str) -> None:
    with pytest.raises(importer.InvalidData) as refused:
        exchange.import_bytes(db, _document([_entry(0, **more)]), "json", "big.json")
    assert len(refused.value.errors) == 1
    assert refused.value.errors[0].startswith(f"entry 1 (test-0): {message}")
    assert "allowed" in refused.value.errors[0]


def test_a_tsv_of_one_term_in_60_spellings_is_refused_not_stored(db) -> None:
    raw = "".join(f"Term {n}\t测试词\n" for n in range(60)).encode()
    with pytest.raises(importer.InvalidData) as refused:
        exchange.import_bytes(db, raw, "tsv", "aliases.tsv")
    assert refused.value.errors == [
        "line 1 (tsv-term-0): the aliases: 59 items, more than the 50 allowed"
    ]
    assert db.execute("SELECT count(*) FROM entry WHERE simplified = '测试词'").fetchone() == (0,)


def test_a_value_too_long_is_named_not_repeated(db) -> None:
    with pytest.raises(importer.InvalidData) as refused:
        exchange.import_bytes(db, _document([_entry(0, notes="n" * 50_000)]), "json", "n.json")
    assert refused.value.errors == [
        "entry 1 (test-0): the notes: 50000 characters, more than the 4000 allowed"
    ]


def test_the_data_schema_keeps_the_counts_of_the_form_and_api() -> None:
    schema = json.loads(Path(SCHEMA_PATH).read_text())
    properties = schema["$defs"]["entry"]["properties"]
    assert {name: properties[name]["maxItems"] for name in validate.COUNTS} == validate.COUNTS
