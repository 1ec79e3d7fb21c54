"""Importing the valid records of a file with invalid ones (--skip-invalid): each record left
out is named with its field and reason; without the flag an import stays all-or-nothing."""

from __future__ import annotations

import io
import json

from glossary.exchange import importer
from tests.factories import file_record as record
from tests.helpers import csrf_token, html

RECORDS = [
    record("first-term", "First term", "甲项"),
    record("bad-pinyin", "Bad pinyin", "乙项", pinyin="xyzq"),  # not in the pinyin table
    record("bad-kind", "Bad kind", "丙项", kind="thing"),
    record("linked", "Linked", "丁项", related=["bad-kind", "first-term"]),
]


def live(db, english: str) -> int:
    sql = "SELECT count(*) FROM entry WHERE english = ? AND deleted IS NULL"
    return db.execute(sql, [english]).fetchone()[0]


def write(tmp_path, records=RECORDS):
    path = tmp_path / "terms.json"
    path.write_text(json.dumps({"format": "glossary/1", "entries": records}), encoding="utf-8")
    return path


def test_without_the_flag_nothing_is_imported(runner, db, tmp_path):
    result = runner.invoke(args=["import", str(write(tmp_path))])
    assert result.exit_code == 1
    assert "nothing was imported" in result.output
    assert live(db, "First term") == 0


def test_with_the_flag_the_valid_records_are_imported(runner, db, tmp_path):
    result = runner.invoke(args=["import", str(write(tmp_path)), "--skip-invalid"])
    assert result.exit_code == 0, result.output
    assert "2 created" in result.output
    lines = [line.strip() for line in result.output.splitlines()]
    assert "left out entry 2 (bad-pinyin): 'xyzq' is not Hanyu Pinyin" in lines
    assert any(
        line.startswith("left out entry 3 (bad-kind): 'thing' is not a kind") for line in lines
    )
    assert [live(db, name) for name in ("First term", "Bad pinyin", "Bad kind", "Linked")] == [
        1,
        0,
        0,
        1,
    ]


def test_a_link_to_a_record_left_out_is_dropped_not_the_record(db):
    report = importer.import_document(
        db, {"format": "glossary/1", "entries": RECORDS}, skip_invalid=True
    )
    assert report.created == ["first-term", "linked"]
    assert len(report.rejected) == 2
    linked = db.execute("SELECT id FROM entry WHERE english = 'Linked'").fetchone()[0]
    first = db.execute("SELECT id FROM entry WHERE english = 'First term'").fetchone()[0]
    sql = "SELECT entry_id, related_id FROM related WHERE ? IN (entry_id, related_id)"
    assert db.execute(sql, [linked]).fetchall() == [(min(first, linked), max(first, linked))]


def test_a_csv_record_left_out_is_named_by_its_line(runner, db, tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text(
        "english,simplified,kind,pinyin,source_1_quote,source_1_title,source_1_published\n"
        "Good,戊项,term,,q,t,2026\n"
        "Bad,己项,term,xyzq,q,t,2026\n",
        encoding="utf-8",
    )
    result = runner.invoke(args=["import", str(path), "--skip-invalid"])
    assert result.exit_code == 0, result.output
    assert "line 3" in result.output and "xyzq" in result.output
    assert [live(db, "Good"), live(db, "Bad")] == [1, 0]


def test_a_document_that_is_not_one_is_still_refused(runner, db, tmp_path):
    path = tmp_path / "terms.json"
    path.write_text(json.dumps({"format": "glossary/2", "entries": []}), encoding="utf-8")
    result = runner.invoke(args=["import", str(path), "--skip-invalid"])
    assert result.exit_code == 1
    assert "nothing was imported" in result.output


CSV = (
    "english,simplified,kind,pinyin,source_1_quote,source_1_title,source_1_published\n"
    "Good,戊项,term,,q,t,2026\n"
    "Bad,己项,term,xyzq,q,t,2026\n"
)


def upload(client, raw: bytes, name: str, **fields):
    data = {"csrf_token": csrf_token(client, "/import"), "file": (io.BytesIO(raw), name)}
    return client.post("/import", data={**data, **fields}, content_type="multipart/form-data")


def test_the_upload_page_refuses_the_file_without_the_choice(editor_client, db):
    response = upload(editor_client, CSV.encode(), "terms.csv")
    assert response.status_code == 400
    assert [li.text for li in html(response).select(".problems li")] == [
        "line 3, column pinyin: 'xyzq' is not Hanyu Pinyin"
    ]


def test_the_upload_page_imports_the_valid_records_when_asked(editor_client, db):
    response = upload(editor_client, CSV.encode(), "terms.csv", skip_invalid="y")
    page = html(response)
    assert response.status_code == 200
    counts = {div.dt.text: div.dd.text for div in page.select(".import-counts div")}
    assert counts["New"] == "1"
    left_out = [li.text for li in page.select(".import-rejected li")]
    assert left_out == ["line 3, column pinyin: 'xyzq' is not Hanyu Pinyin"]
    assert [live(db, "Good"), live(db, "Bad")] == [0, 0]  # a dry run first
    confirm = page.select_one("form.confirm-import")
    data = {i["name"]: i["value"] for i in confirm.select("input")}
    done = html(editor_client.post(confirm["action"], data=data))
    assert done.select_one("#report-heading").text == "Imported from terms.csv"
    assert [li.text for li in done.select(".import-rejected li")] == left_out
    assert [live(db, "Good"), live(db, "Bad")] == [1, 0]
