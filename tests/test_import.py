"""Importing data files: validate everything first, name the record and field, never half-write."""

from __future__ import annotations

import copy
import json

import pytest

from glossary import store
from glossary.config import SEED_PATH
from glossary.exchange import importer
from glossary.model import SCHEMA_PATH

SOURCE = {
    "quote": "Former Vice Minister of Foreign Affairs FU Ying (傅莹) urged cooperation.",
    "title": "China-US launch AI dialogue. Chinese experts are cautiously optimistic.",
    "published": "2026-05",
}


def document(*entries: dict) -> dict:
    return {"format": "glossary/1", "entries": list(entries)}


def record(**fields) -> dict:
    base = {
        "key": "fu-ying-2",
        "kind": "person",
        "english": "Fu Ying",
        "simplified": "傅莹",
        "pinyin": "Fù Yíng",
        "sources": [SOURCE],
    }
    return {**base, **fields}


def entry_count(db) -> int:
    return db.execute("SELECT count(*) FROM entry").fetchone()[0]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            {"simplified": "Fu Ying"},
            "entry 2 (fu-ying-2): 'Fu Ying' has no Chinese characters",
        ),
        ({"kind": "animal"}, "entry 2 (fu-ying-2): 'animal' is not a kind of entry: person,"),
        ({"sources": []}, "entry 2 (fu-ying-2): the entry has no source"),
        (
            {"pinyin": "Fu Yinq"},
            "entry 2 (fu-ying-2): 'Fu Yinq' is not Hanyu Pinyin",
        ),
        (
            {"sources": [{**SOURCE, "published": "2026-02-30"}]},
            "entry 2 (fu-ying-2): '2026-02-30' is not a real date such as 2026, 2026-05 or",
        ),
        (
            {"sources": [{**SOURCE, "url": "javascript:alert(1)"}]},
            "entry 2 (fu-ying-2): 'javascript:alert(1)' is not a web address starting with",
        ),
        (
            {"related": ["nobody"]},
            "entry 2 (fu-ying-2): 'nobody' is not the key of an entry in this file",
        ),
        (
            {"affiliations": [{"organization": "fu-ying-1"}]},
            "entry 2 (fu-ying-2): 'fu-ying-1' is not the key of an organization in this file",
        ),
        (
            {"key": "fu-ying-1"},
            "entry 2 (fu-ying-1): the key 'fu-ying-1' is an earlier entry's too",
        ),
        (
            {"colour": "red"},
            "entry 2 (fu-ying-2): the field 'colour' is not in the glossary's format",
        ),
    ],
)
def test_a_bad_record_is_named_and_nothing_is_written(db, bad, message):
    before = entry_count(db)
    good = record(key="fu-ying-1")
    with pytest.raises(importer.InvalidData) as raised:
        importer.import_document(db, document(good, record(**bad)))
    assert any(error.startswith(message) for error in raised.value.errors), raised.value.errors
    assert entry_count(db) == before


def test_every_problem_is_reported_at_once(db):
    with pytest.raises(importer.InvalidData) as raised:
        importer.import_document(
            db, document(record(key="a", simplified="x"), record(key="b", pinyin="qqq"))
        )
    assert raised.value.errors == [
        "entry 1 (a): 'x' has no Chinese characters",
        "entry 2 (b): 'qqq' is not Hanyu Pinyin",
    ]


def test_invalid_json_is_refused_with_a_message(tmp_path, db):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "glossary/1", "entries": [')
    with pytest.raises(importer.InvalidData) as raised:
        importer.import_file(db, path)
    assert "not valid JSON" in raised.value.errors[0]


def test_nan_is_refused(tmp_path, db):
    path = tmp_path / "nan.json"
    path.write_text('{"format": "glossary/1", "entries": [], "x": NaN}')
    with pytest.raises(importer.InvalidData):
        importer.import_file(db, path)


# A person the seed does not have (Fu Ying is there already: a second one is a duplicate).
WANG = {"key": "wang-xiaohui", "english": "Wang Xiaohui", "simplified": "王晓晖"}


def test_a_new_record_is_written_with_its_rows(db):
    report = importer.import_document(db, document(record(**WANG, pinyin="Wáng Xiǎohuī")))
    assert report.created == ["wang-xiaohui"]
    rows = list(
        db.query(
            "SELECT english, simplified, traditional, pinyin, revision FROM entry"
            " WHERE import_key = 'wang-xiaohui'"
        )
    )
    # The traditional form is derived when the record leaves it out.
    assert rows == [
        {
            "english": "Wang Xiaohui",
            "simplified": "王晓晖",
            "traditional": "王曉暉",
            "pinyin": "Wáng Xiǎohuī",
            "revision": 1,
        }
    ]


def test_reimporting_the_seed_changes_nothing(db):
    report = importer.import_file(db, SEED_PATH)
    assert report.created == report.updated == report.kept == []
    assert len(report.unchanged) == entry_count(db)


def test_reimport_updates_an_entry_no_editor_changed(db, tmp_path):
    seed = json.loads(SEED_PATH.read_text())
    changed = copy.deepcopy(seed)
    xie = next(e for e in changed["entries"] if e["key"] == "xie-feng")
    xie["description"] = "Ambassador of China to the United States"
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(changed, ensure_ascii=False))
    report = importer.import_file(db, path)
    assert report.updated == ["xie-feng"]
    row = db.execute(
        "SELECT description, revision FROM entry WHERE import_key = 'xie-feng'"
    ).fetchone()
    assert row == ("Ambassador of China to the United States", 2)


def test_reimport_never_overwrites_an_editors_change(db, tmp_path):
    # An editor's change bumps the revision past the imported one.
    db.execute(
        "UPDATE entry SET description = 'edited', revision = revision + 1"
        " WHERE import_key = 'xie-feng'"
    )
    seed = json.loads(SEED_PATH.read_text())
    xie = next(e for e in seed["entries"] if e["key"] == "xie-feng")
    xie["description"] = "from the file"
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed, ensure_ascii=False))
    report = importer.import_file(db, path)
    assert report.kept == ["xie-feng"]
    assert db.execute("SELECT description FROM entry WHERE import_key = 'xie-feng'").fetchone() == (
        "edited",
    )


def test_dry_run_reports_and_writes_nothing(db, tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(document(record(**WANG, pinyin=None)), ensure_ascii=False))
    before = entry_count(db)
    report = importer.import_file(db, path, dry_run=True)
    assert report.created == ["wang-xiaohui"]
    assert entry_count(db) == before


def test_search_finds_an_imported_entry(db):
    importer.import_document(
        db, document(record(key="new", english="Wang Yi", simplified="王毅", pinyin="Wáng Yì"))
    )
    from glossary.text import keys

    total, results = store.find(db, keys.parse_query("wang4 yi4"), None, None, 5, 0)
    assert total == 0  # Wáng has the second tone
    total, results = store.find(db, keys.parse_query("wang2 yi4"), None, None, 5, 0)
    assert [r["english"] for r in results] == ["Wang Yi"]


# The rule book of the form and the API --------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"english": "   "}, "entry 1 (fu-ying-2): the English is empty"),
        ({"aliases": ["Madam Fu", "  "]}, "entry 1 (fu-ying-2): alias 2 is empty"),
        ({"aliases": ["Madam Fu", "Madam Fu "]}, "entry 1 (fu-ying-2): alias 2 is listed twice"),
        (
            {"sources": [{**SOURCE, "title": " "}]},
            "entry 1 (fu-ying-2): the title of source 1 is empty",
        ),
    ],
)
def test_what_the_form_refuses_an_import_refuses(db, bad, message):
    """Blank texts passed the data schema's minLength and were stored as they were."""
    with pytest.raises(importer.InvalidData) as raised:
        importer.import_document(db, document(record(**bad)))
    assert raised.value.errors == [message]


def test_an_import_stores_texts_as_the_form_does(db):
    spaced = record(
        key="wang-yi",
        english=" Wang Yi ",
        simplified="王毅",
        pinyin="  ",
        aliases=[" Minister Wang"],
        notes="a\nb \n",
    )
    report = importer.import_document(db, document(spaced))
    assert report.created == ["wang-yi"]
    entry = store.get_entry(db, store.import_state(db, "wang-yi")["id"])
    assert (entry["english"], entry["aliases"], entry["notes"]) == (
        "Wang Yi",
        ["Minister Wang"],
        "a\nb",
    )
    assert entry["pinyin"] == ""  # blank is as a record without pinyin, not "  "


SCHEMA_REFUSES = [
    {"colour": "red"},
    {"key": "Fu Ying"},
    {"key": "f" * 101},
    {"key": None},
    {"verified": "yes"},
    {"status": None},
    {"status": "superseded"},
    {"aliases": None},
    {"aliases": ["Madam Fu", "Madam Fu"]},
    {"tags": [""]},
    {"sources": [{**SOURCE, "page": 3}]},
    {"sources": [{**SOURCE, "url": "ftp://example.org"}]},
    {"sources": [{**SOURCE, "published": "0000-13"}]},
    {"affiliations": [{"role": "ambassador"}]},
    {"related": [7]},
    {"english": "e" * 501},
    {"pinyin": 5},
]


@pytest.mark.parametrize("bad", SCHEMA_REFUSES, ids=[str(b)[:40] for b in SCHEMA_REFUSES])
def test_the_importer_refuses_what_the_data_schema_refuses(db, bad):
    """The importer checks with the rule book, no longer with glossary/schema.json: the two
    are written from the same model and agree."""
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text())
    assert not jsonschema.Draft202012Validator(schema).is_valid(document(record(**bad)))
    with pytest.raises(importer.InvalidData):
        importer.import_document(db, document(record(**bad)))
