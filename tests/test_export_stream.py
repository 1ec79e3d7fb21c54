"""Exports are written as they are read: the first bytes after a batch of entries, not after
every entry, and the same bytes as an export of entries read whole."""

from __future__ import annotations

import io
import itertools
import json
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from glossary import exchange, store
from glossary.entries import service
from glossary.exchange import importer
from glossary.store import finding
from glossary.store.connection import connect
from tests.factories import EVERYTHING, add_tricky

TODAY = "2026-06-02"
TEXT_FORMATS = ("json", "csv", "tbx", "tsv")
ADDED = 230  # beside the seed's 60: batches of 20, then of 50


def many(count: int) -> list[dict]:
    """Entries of distinct characters (three of ten), each with a source."""
    characters = itertools.product("中国人大小山水火木金", repeat=3)
    return [
        {
            "key": f"stream-{number}",
            "kind": "term",
            "english": f"stream term {number}",
            "simplified": "".join(next(characters)),
            "sources": [{"quote": "A quotation.", "title": "Stream test", "published": "2026-05"}],
        }
        for number in range(count)
    ]


@pytest.fixture
def grown(db, monkeypatch):
    """The seed with ADDED more entries, read 50 at a time."""
    importer.import_document(db, {"format": "glossary/1", "entries": many(ADDED)})
    monkeypatch.setattr(exchange, "BATCH", 50)
    return db


def first_chunk(db, format: str) -> tuple[list[int], list[str]]:
    """The ids taken and the statements run before an export's first bytes; then the rest
    is read, and every id is taken."""
    taken: list[int] = []
    browse_ids = store.browse_ids

    def counted(*args, **kwargs):
        for entry_id in browse_ids(*args, **kwargs):
            taken.append(entry_id)
            yield entry_id

    ran: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(finding, "browse_ids", counted)
        chunks = exchange.export_chunks(db, EVERYTHING, format, today=TODAY)
        db.conn.set_trace_callback(ran.append)
        try:
            assert next(chunks)
        finally:
            db.conn.set_trace_callback(None)
        first = list(taken)
        b"".join(chunks)
    assert len(taken) == store.count_entries(db)
    return first, ran


@pytest.mark.parametrize("format", TEXT_FORMATS)
def test_the_first_bytes_follow_one_batch_of_entries(grown, format):
    taken, ran = first_chunk(grown, format)
    # JSON's head and CSV's header go out before any entry is read; TBX and TSV after the
    # first batch (smaller than the others).
    assert len(taken) == {"json": 0, "csv": 0, "tbx": 20, "tsv": 20}[format]
    assert not [sql for sql in ran if "FROM entry" in sql and "WHERE" not in sql]
    # Twice the entries (each after the first batch in English order), the same statements.
    importer.import_document(grown, {"format": "glossary/1", "entries": many(2 * ADDED)[ADDED:]})
    assert store.count_entries(grown) == 60 + 2 * ADDED
    assert first_chunk(grown, format) == (taken, ran)


def test_an_export_download_is_a_stream(app, client):
    response = client.get("/export.csv", buffered=False)
    assert response.status_code == 200
    assert response.is_streamed
    assert response.get_data().startswith(b"\xef\xbb\xbfkey,kind,english,")


def sheet(written: bytes) -> list[tuple]:
    """An XLSX export's rows (the file itself carries the time it was written)."""
    return list(load_workbook(io.BytesIO(written)).active.iter_rows(values_only=True))


@pytest.mark.parametrize("format", (*TEXT_FORMATS, "xlsx"))
@pytest.mark.parametrize(
    "request_",
    [EVERYTHING, replace(EVERYTHING, kind="person"), replace(EVERYTHING, q="xie")],
    ids=["all", "people", "search"],
)
def test_a_streamed_export_is_the_export_of_the_entries_read_whole(
    db, monkeypatch, format, request_
):
    # Batches of two: links (a person's organizations, related entries) cross batches, and an
    # entry's made key ("wang-yi-<id>") is another exported entry's import key.
    add_tricky(db)
    wang = service.check(db, {"kind": "person", "english": "Wang Yi", "simplified": "王毅"})
    wang_id, _ = service.save(db, wang.record, author="editor")
    importer.import_document(db, {"format": "glossary/1", "entries": many(1)})
    # (An import would take "wang-yi-<id>" for Wang Yi's own key: given it, as an old one was.)
    db.execute(
        "UPDATE entry SET import_key = ? WHERE import_key = 'stream-0'", [f"wang-yi-{wang_id}"]
    )
    monkeypatch.setattr(exchange, "BATCH", 2)
    whole = exchange.export_bytes(exchange.found_entries(db, request_), format, today=TODAY)
    streamed = b"".join(exchange.export_chunks(db, request_, format, today=TODAY))
    if format == "xlsx":
        assert sheet(streamed) == sheet(whole)
    else:
        assert streamed == whole
    if format == "json" and request_ is EVERYTHING:
        keys = [entry["key"] for entry in json.loads(streamed)["entries"]]
        assert f"wang-yi-{wang_id}-x" in keys  # the made key gave way to the import key
        assert f"wang-yi-{wang_id}" in keys


# What an export asks of the store (store.finding): by ids or keys read 500 at a time --------


def sourced(key: str, kind: str, sources: int, **fields) -> dict:
    """A glossary/1 entry with a number of sources."""
    return {
        "key": key,
        "kind": kind,
        "english": key.title(),
        "simplified": {"red": "红", "blue": "蓝", "plain": "白"}[key],
        "sources": [
            {"quote": f"Quotation {n}.", "title": "Sources test", "published": "2026-05"}
            for n in range(sources)
        ],
        **fields,
    }


@pytest.fixture
def sourced_db(tmp_path):
    """A glossary of three entries: a term of three sources tagged red, a verified person of
    two tagged blue, a person of one."""
    db = connect(str(tmp_path / "sources.db"))
    importer.import_document(db, {"format": "glossary/1", "entries": [
        sourced("red", "term", 3, tags=["red"]),
        sourced("blue", "person", 2, tags=["blue"], verified=True),
        sourced("plain", "person", 1),
    ]}, verified_by="rev")  # fmt: skip
    yield db
    db.conn.close()


def ids_by_key(db) -> dict[str, int]:
    return dict(db.execute("SELECT import_key, id FROM entry").fetchall())


def test_the_most_sources_of_some_entries(sourced_db):
    ids = ids_by_key(sourced_db)
    red, blue, plain = ids["red"], ids["blue"], ids["plain"]
    assert finding.most_sources(sourced_db, [red, plain]) == 3
    assert finding.most_sources(sourced_db, [blue, plain]) == 2
    assert finding.most_sources(sourced_db, [plain]) == 1
    assert finding.most_sources(sourced_db, [10**6]) == 0  # no entry, no source
    assert finding.most_sources(sourced_db, []) == 0
    # past the first chunks of ids
    assert finding.most_sources(sourced_db, [*range(10**6, 10**6 + 1200), red]) == 3


def test_the_most_sources_of_the_entries_browsing_lists(sourced_db):
    assert finding.most_sources_browsed(sourced_db, None, None) == 3
    assert finding.most_sources_browsed(sourced_db, "person", None) == 2
    assert finding.most_sources_browsed(sourced_db, None, "blue") == 2
    assert finding.most_sources_browsed(sourced_db, None, None, verified=True) == 2
    # 1 when none has more than one, or there is none
    assert finding.most_sources_browsed(sourced_db, "person", "red") == 1
    assert finding.most_sources_browsed(sourced_db, "organization", None) == 1


def test_import_keys_are_matched_to_their_entries_however_many(sourced_db):
    ids = ids_by_key(sourced_db)
    unknown = [f"nobody-{n}" for n in range(1200)]
    assert finding.import_key_owners(sourced_db, ["red", "blue", "nobody"]) == {
        "red": ids["red"],
        "blue": ids["blue"],
    }
    assert finding.import_key_owners(sourced_db, [*unknown, "plain"]) == {"plain": ids["plain"]}


def test_browsing_lists_the_entries_a_filter_leaves_in_english_order(sourced_db):
    ids = ids_by_key(sourced_db)
    red, blue, plain = ids["red"], ids["blue"], ids["plain"]
    assert list(finding.browse_ids(sourced_db, None, None)) == [blue, plain, red]
    assert list(finding.browse_ids(sourced_db, "person", None)) == [blue, plain]
    assert list(finding.browse_ids(sourced_db, None, "red")) == [red]
    assert list(finding.browse_ids(sourced_db, None, None, verified=True)) == [blue]


def test_which_of_some_entries_browsing_lists(sourced_db):
    ids = ids_by_key(sourced_db)
    red, blue, plain = ids["red"], ids["blue"], ids["plain"]
    every = [red, blue, plain]
    assert finding.browsed_among(sourced_db, every, None, None) == {red, blue, plain}
    assert finding.browsed_among(sourced_db, every, "person", None) == {blue, plain}
    assert finding.browsed_among(sourced_db, every, None, "blue") == {blue}
    assert finding.browsed_among(sourced_db, every, None, None, verified=True) == {blue}
    far = [*range(10**6, 10**6 + 1200), red]  # past the first chunks of ids
    assert finding.browsed_among(sourced_db, far, None, None) == {red}


def test_what_an_entrys_key_in_an_export_is_made_from(sourced_db):
    ids = ids_by_key(sourced_db)
    red, plain = ids["red"], ids["plain"]
    names = [
        {"id": plain, "import_key": "plain", "english": "Plain"},
        {"id": red, "import_key": "red", "english": "Red"},
    ]
    assert finding.export_names(sourced_db, [plain, 10**6, red]) == names  # in their order
    far = [*range(10**6, 10**6 + 1200), red]  # past the first chunks of ids
    assert finding.export_names(sourced_db, far) == names[1:]
