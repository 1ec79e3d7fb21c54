"""A large file checked in two processes at once (importer.check_records, parallel): what is
found is what one process checking every record finds, in the same order."""

from __future__ import annotations

import json

import pytest

from glossary.exchange import importer, jsonstream
from glossary.text import romanize
from tests.factories import FILE_SOURCE as SOURCE
from tests.factories import file_record as record

# Eight records, four a half: problems in each half, a key given again in the second half, a
# link from the first half to the second, a link to no record, an organization named by a
# person of the second half.
RECORDS = [
    record("one", "One", "一项", pinyin="yī xiàng"),
    record("two", "Two", "二项", related=["five"]),
    record("bad-pinyin", "Bad pinyin", "乙项", pinyin="xyzq"),
    {"key": "org", "kind": "organization", "english": "Org", "simplified": "组织",
     "sources": [SOURCE]},
    record("one", "One again", "一项又", pinyin="yī xiàng yòu"),
    record("five", "Five", "五项", pinyin="wǔ xiàng", related=["nowhere"]),
    record("bad-kind", "Bad kind", "丙项", kind="thing"),
    {"key": "person", "kind": "person", "english": "A Person", "simplified": "某人",
     "sources": [SOURCE], "affiliations": [{"organization": "org", "role": "head"}]},
]  # fmt: skip


def entries(records: list) -> jsonstream.Entries:
    """The records as an import reads a glossary/1 file: lazily, from its text."""
    text = json.dumps({"format": "glossary/1", "entries": records}, ensure_ascii=False)
    return jsonstream.load_utf8(text.encode())["entries"]


def found(checked: importer.Checked) -> dict:
    return {
        "problems": {
            index: [(r.key, r.problem.path, r.problem.message) for r in refusals]
            for index, refusals in checked.problems.items()
        },
        "kinds": list(checked.kinds.items()),
        "links": checked.links,
        "count": checked.count,
    }


@pytest.fixture
def two_processes(monkeypatch):
    monkeypatch.setattr(importer, "PARALLEL_FROM", 2)
    started = []
    real = importer._checked_in_two

    def counted(records, progress):
        started.append(len(records))
        return real(records, progress)

    monkeypatch.setattr(importer, "_checked_in_two", counted)
    return started


def test_two_processes_find_what_one_finds(two_processes):
    alone = found(importer.check_records(entries(RECORDS)))
    assert two_processes == []
    together = found(importer.check_records(entries(RECORDS), parallel=True))
    assert two_processes == [8]
    assert together == alone
    assert sorted(together["problems"]) == [2, 4, 5, 6]
    assert together["problems"][4] == [("one", ("key",), "is the key of an earlier entry too")]
    assert together["problems"][5] == [
        ("five", ("related", 0), "must be the key of an entry in this file")
    ]
    assert together["kinds"] == [
        ("one", "term"),
        ("two", "term"),
        ("bad-pinyin", "term"),
        ("org", "organization"),
        ("five", "term"),
        ("bad-kind", "thing"),
        ("person", "person"),
    ]
    assert [index for index, _ in together["links"]] == [1, 5, 7]
    assert together["count"] == 8


def test_a_small_file_or_a_list_is_checked_here(two_processes, monkeypatch):
    monkeypatch.setattr(importer, "PARALLEL_FROM", 9)
    importer.check_records(entries(RECORDS), parallel=True)
    assert two_processes == []  # eight records: fewer than PARALLEL_FROM
    monkeypatch.setattr(importer, "PARALLEL_FROM", 2)
    importer.check_records(iter(RECORDS), parallel=True)
    assert two_processes == []  # an iterator: its length is not known


def test_the_worker_s_pinyin_parses_are_kept_here(two_processes):
    with romanize.parses_kept():
        importer.check_records(entries(RECORDS), parallel=True)
        kept = romanize.kept_parses()
    assert "yī xiàng" in kept  # the first half's, parsed here
    assert "yī xiàng yòu" in kept  # the second half's, parsed by the worker
    assert kept["wǔ xiàng"] == romanize._parse_text("wǔ xiàng")


def test_if_the_worker_fails_its_half_is_checked_here(two_processes, monkeypatch):
    def failing(records, half, sending):
        raise RuntimeError("worker down")

    monkeypatch.setattr(importer, "_check_second_half", failing)
    alone = found(importer.check_records(entries(RECORDS)))
    assert found(importer.check_records(entries(RECORDS), parallel=True)) == alone


def test_the_worker_sends_nothing_when_checking_fails(monkeypatch):
    sent = []

    class Pipe:
        def send(self, value):
            sent.append(value)

        def close(self):
            sent.append("closed")

    def records():
        yield record("first", "First", "甲项")
        yield record("second", "Second", "乙项")
        raise ValueError("the file ends mid-record")

    importer._check_second_half(records(), 1, Pipe())
    assert sent == ["closed"]
    importer._check_second_half(RECORDS[:2], 1, Pipe())
    checked, parses = sent[1]
    assert (checked.count, list(checked.kinds), parses) == (1, ["one", "two"], {})


def test_the_command_line_and_the_jobs_check_in_two_processes(two_processes, runner, db, tmp_path):
    path = tmp_path / "terms.json"
    valid = [r for r in RECORDS if r["key"] not in ("bad-pinyin", "bad-kind")]
    valid[3] = record("one-again", "One again", "一项又", pinyin="yī xiàng yòu")
    valid[4] = record("five", "Five", "五项", pinyin="wǔ xiàng")
    path.write_text(json.dumps({"format": "glossary/1", "entries": valid}), encoding="utf-8")
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert two_processes == [6]
    assert "6 created" in result.output
    row = db.execute("SELECT pinyin FROM entry WHERE english = 'One again'").fetchone()
    assert row == ("yī xiàng yòu",)
