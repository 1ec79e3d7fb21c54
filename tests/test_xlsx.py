"""Excel workbooks (issue 19): the export's sheet, what Excel writes read back, hostile files."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from glossary import exchange, search
from glossary.exchange import importer
from glossary.exchange.formats import csv as csv_format
from glossary.exchange.formats import xlsx
from glossary.store.connection import connect
from tests.factories import PERSON
from tests.helpers import csrf_token, html

TODAY = "2026-06-02"
EVERYTHING = search.Request(q="", kind=None, tag=None, limit=20, offset=0)
FORMULA_ALIAS = '=HYPERLINK("http://example.com","x")'
ENTRY = {
    "key": "xie-feng",
    "kind": "person",
    "english": "Xie Feng",
    "aliases": [FORMULA_ALIAS, "謝鋒大使"],
    "simplified": "谢锋",
    "traditional": "謝鋒",
    "pinyin": "Xiè Fēng",
    "description": "Ambassador to the United States\nfrom 2021",
    "tags": ["diplomats"],
    "sources": [
        {
            "quote": "Ambassador Xie Feng said…",
            "quote_zh": "谢锋大使说……",
            "title": "Embassy notes",
            "published": "2026-05",
        }
    ],
}


@pytest.fixture
def exported(db):
    """The seed and ENTRY exported as a workbook, opened again with openpyxl."""
    importer.import_document(db, {"format": "glossary/1", "entries": [ENTRY]})
    raw = exchange.export_bytes(exchange.found_entries(db, EVERYTHING), "xlsx", today=TODAY)
    return load_workbook(io.BytesIO(raw))


def rows_of(workbook) -> list[tuple]:
    return list(workbook.active.iter_rows(values_only=True))


def test_one_sheet_with_the_csv_columns(exported):
    assert exported.sheetnames == ["Glossary"]
    header, *rows = rows_of(exported)
    assert list(header[:15]) == list(csv_format.ENTRY_COLUMNS)
    assert list(header) == csv_format.columns(len(header[15:]) // 7)
    assert len(rows) == 60  # the seed's, Xie Feng as ENTRY has him
    xie = next(row for row in rows if row[0] == "xie-feng")
    assert xie[2:6] == ("Xie Feng", "谢锋", "謝鋒", "Xiè Fēng")
    assert xie[header.index("source_1_published")] == "2026-05"  # text, not a date


def test_the_header_is_frozen_and_filtered(exported):
    sheet = exported.active
    assert sheet.freeze_panes == "A2"
    last = sheet.cell(row=1, column=sheet.max_column).column_letter
    assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
    assert sheet.cell(row=1, column=1).font.b is True


def test_columns_are_as_wide_as_their_text_and_chinese_is_in_a_cjk_font(exported):
    sheet = exported.active
    header = [cell.value for cell in sheet[1]]
    widths = {
        name: sheet.column_dimensions[cell.column_letter].width
        for name, cell in zip(header, sheet[1], strict=True)
    }
    # "verified" holds yes and no: its header (8) and filter button (3) set its width
    assert widths["verified"] == 8 + 3 + 1
    # the description's longest line, not the whole cell
    assert widths["description"] >= xlsx.width("Ambassador to the United States") + 1
    assert widths["notes"] <= xlsx.WIDEST + 1
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "xie-feng")
    cells = dict(zip(header, row, strict=True))
    assert cells["simplified"].font.name == "Microsoft YaHei"
    assert cells["traditional"].font.name == "Microsoft JhengHei"
    assert cells["source_1_quote_zh"].font.name == "Microsoft YaHei"
    assert cells["english"].font.name != "Microsoft YaHei"


def test_a_cell_that_looks_like_a_formula_is_text(exported):
    header, *rows = rows_of(exported)
    xie = next(row for row in rows if row[0] == "xie-feng")
    assert xie[header.index("aliases")] == f"{FORMULA_ALIAS} | 謝鋒大使"
    sheet = exported.active
    cells = [c for r in sheet.iter_rows(min_row=2) for c in r if c.value == FORMULA_ALIAS]
    assert cells == []  # the alias is inside its list cell, never a cell of its own
    aliases = [c for r in sheet.iter_rows(min_row=2) for c in r if str(c.value).startswith("=")]
    assert aliases and {c.data_type for c in aliases} == {"s"}


def test_the_streamed_export_is_the_same_sheet(db, exported):
    streamed = b"".join(exchange.export_chunks(db, EVERYTHING, "xlsx", today=TODAY))
    assert rows_of(load_workbook(io.BytesIO(streamed))) == rows_of(exported)


# Reading what Excel and LibreOffice write -----------------------------------------------------


def workbook_bytes(*rows: tuple, sheets: tuple[str, ...] = ()) -> bytes:
    """A workbook as a person makes one in Excel: typed cells, any header."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    for title in sheets:
        book.create_sheet(title)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(raw: bytes, name: str = "terms.xlsx"):
    return exchange.formats.read(raw, "xlsx", name, TODAY)


def test_headers_in_any_case_and_order_unknown_and_empty_columns_and_rows():
    raw = workbook_bytes(
        ("Simplified", "ENGLISH", "Reviewer note", "Pinyin", None, None),
        ("谢锋", "Xie Feng", "checked", "Xiè Fēng", None, None),
        (None, None, None, None, None, None),
        (),
        ("外交部", "foreign ministry", None, None, None, None),
        (None, None, None, None, None, None),
    )
    parsed = read(raw)
    records = parsed.document["entries"]
    assert [(r["english"], r["simplified"], r["pinyin"]) for r in records] == [
        ("Xie Feng", "谢锋", "Xiè Fēng"),
        ("foreign ministry", "外交部", None),
    ]
    assert parsed.places == ["row 2", "row 5"]
    assert [r["key"] for r in records] == ["xlsx-xie-feng", "xlsx-foreign-ministry"]
    assert parsed.warnings == [
        "columns not among the glossary's spreadsheet columns ignored: reviewer note"
    ]
    # a row without sources cites the file, as CSV's do
    assert records[0]["sources"] == [
        {"quote": "Xie Feng = 谢锋", "title": "terms.xlsx", "published": TODAY}
    ]


def test_typed_cells_read_as_the_csv_would_hold_them():
    raw = workbook_bytes(
        ("english", "simplified", "verified", "notes", "source_1_quote", "source_1_title")
        + ("source_1_published", "source_1_accessed"),
        ("Xie Feng", "谢锋", True, True, "He said.", "Notes", 2026)
        + (datetime.datetime(2026, 5, 12),),
        ("Fu Ying", "傅莹", False, False, "She said.", "Notes", 2026.0, 2026.5),
    )
    xie, fu = read(raw).document["entries"]
    assert (xie["verified"], xie["notes"], fu["verified"], fu["notes"]) == (
        True,
        "yes",
        False,
        "no",
    )
    assert [r["sources"][0]["published"] for r in (xie, fu)] == ["2026", "2026"]
    assert [r["sources"][0]["accessed"] for r in (xie, fu)] == ["2026-05-12", "2026.5"]


def test_a_whole_number_stored_with_a_decimal_point_reads_as_the_number():
    """LibreOffice and some scripts store 2026 as 2026.0: it reads as Excel shows it."""
    notes = '<c r="C1" t="inlineStr"><is><t>notes</t></is></c></row>'
    row = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Xie Feng</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>谢锋</t></is></c><c r="C2"><v>2026.0</v></c></row>'
    )
    [record] = read(with_sheet(SHEET.format(HEADER.replace("</row>", notes) + row))).document[
        "entries"
    ]
    assert record["notes"] == "2026"


@pytest.mark.parametrize(
    ("rows", "cells", "data_rows"),
    [
        (3, 100, 2),  # as many rows as are read
        (10, 6, 2),  # as many cells: three rows of two
    ],
)
def test_a_sheet_as_large_as_an_import_reads_is_read_and_one_row_more_is_not(
    monkeypatch, rows, cells, data_rows
):
    monkeypatch.setattr(xlsx, "MOST_ROWS", rows)
    monkeypatch.setattr(xlsx, "MOST_CELLS", cells)
    people = [("Xie Feng", "谢锋"), ("Fu Ying", "傅莹"), ("Wang Yi", "王毅")]
    header = ("english", "simplified")
    assert len(read(workbook_bytes(header, *people[:data_rows])).document["entries"]) == 2
    message = (
        f"the sheet has more than {rows:,} rows or {cells:,} cells, more than one import reads"
    )
    assert refusal(workbook_bytes(header, *people[: data_rows + 1])) == f"hostile.xlsx: {message}"


@pytest.mark.parametrize("others", [("Old",), ("Old", "Ideas")])
def test_only_the_first_sheet_is_read_and_a_note_says_so(others):
    raw = workbook_bytes(("english", "simplified"), ("Xie Feng", "谢锋"), sheets=others)
    parsed = read(raw)
    assert len(parsed.document["entries"]) == 1
    ignored = ", ".join(others)
    assert parsed.warnings == [f"only the first sheet was read; other sheets ignored: {ignored}"]


def test_problems_name_the_row_and_the_column(db):
    raw = workbook_bytes(("english", "simplified", "pinyin"), ("Xie Feng", "谢锋", "xie fneg"))
    with pytest.raises(importer.InvalidData) as raised:
        exchange.import_bytes(db, raw, "xlsx", "terms.xlsx")
    assert raised.value.errors == ["row 2, column pinyin: 'xie fneg' is not Hanyu Pinyin"]


def test_a_sheet_without_the_two_columns_says_which_is_missing():
    with pytest.raises(importer.InvalidData) as raised:
        read(workbook_bytes(("English", "Hanzi"), ("Xie Feng", "谢锋")))
    assert raised.value.errors == ["row 1, field 'simplified': the column is missing"]


def test_the_export_round_trips_as_the_csv_does(db, tmp_path):
    importer.import_document(db, {"format": "glossary/1", "entries": [ENTRY]})
    entries = exchange.found_entries(db, EVERYTHING)
    found = {}
    for format in ("csv", "xlsx"):
        fresh = connect(str(tmp_path / f"{format}.db"))
        raw = exchange.export_bytes(entries, format, today=TODAY)
        report, _ = exchange.import_bytes(fresh, raw, format, f"x.{format}", today=TODAY)
        assert len(report.created) == 60
        found[format] = sorted(
            (
                importer.export_record(e, e["import_key"])
                for e in exchange.found_entries(fresh, EVERYTHING)
            ),
            key=lambda r: r["key"],
        )
        fresh.conn.close()
    assert found["xlsx"] == found["csv"]
    xie = next(r for r in found["xlsx"] if r["key"] == "xie-feng")
    assert xie["aliases"] == [FORMULA_ALIAS, "謝鋒大使"]


def test_reimporting_the_export_changes_nothing(db):
    raw = exchange.export_bytes(exchange.found_entries(db, EVERYTHING), "xlsx", today=TODAY)
    report, _ = exchange.import_bytes(db, raw, "xlsx", "glossary.xlsx", today=TODAY)
    assert len(report.unchanged) == 60
    assert (report.created, report.updated, report.duplicates) == ([], [], [])


# Hostile workbooks: refused with a reason, and early ---------------------------------------------


def with_sheet(xml: str) -> bytes:
    """A real workbook whose first sheet's XML is replaced."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes(("english", "simplified"))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = xml.encode()
            target.writestr(member.filename, data)
    return out.getvalue()


SHEET = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>{}</sheetData></worksheet>"
)
HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>english</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>simplified</t></is></c></row>'
)


def refusal(raw: bytes) -> str:
    with pytest.raises(importer.InvalidData) as raised:
        read(raw, "hostile.xlsx")
    [error] = raised.value.errors
    return error


def test_a_zip_bomb_is_refused_before_it_is_opened():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * 20_000_000 + b"/>")
    assert refusal(out.getvalue()) == (
        "hostile.xlsx: the workbook expands to 19 MB, more than 40 times its size: it is refused"
        " as a zip bomb would be"
    )


def test_a_workbook_that_expands_exactly_as_far_as_allowed_is_read(monkeypatch):
    raw = workbook_bytes(("english", "simplified"), ("Xie Feng", "谢锋"))
    expanded = sum(member.file_size for member in zipfile.ZipFile(io.BytesIO(raw)).infolist())
    monkeypatch.setattr(xlsx, "MOST_EXPANDED", expanded)
    assert len(read(raw).document["entries"]) == 1
    monkeypatch.setattr(xlsx, "MOST_EXPANDED", expanded - 1)
    assert refusal(raw).startswith("hostile.xlsx: the workbook expands to 0 MB")


def test_a_sheet_broken_past_its_first_rows_is_refused_as_unreadable():
    row = '<row r="2"><c r="A2" t="n"><v>not a number</v></c></row>'
    assert refusal(with_sheet(SHEET.format(HEADER + row))) == f"hostile.xlsx: {xlsx.UNREADABLE}"


def test_a_row_numbered_a_million_is_refused_not_filled_in():
    raw = with_sheet(
        SHEET.format(
            HEADER + '<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>'
        )
    )
    assert "more than 200,000 rows or 5,000,000 cells" in refusal(raw)


def test_rows_as_wide_as_excel_allows_are_refused():
    wide = "".join(f'<row r="{n}"><c r="XFD{n}"/></row>' for n in range(2, 400))
    raw = with_sheet(SHEET.format(HEADER + wide))
    assert "more than 200,000 rows or 5,000,000 cells" in refusal(raw)


def test_an_entity_in_a_sheet_is_refused():
    entity = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>'
    raw = with_sheet(entity + SHEET.format(HEADER.replace(">english<", ">&a;<")))
    assert refusal(raw) == f"hostile.xlsx: {xlsx.UNREADABLE}"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"english,simplified\n", "not an Excel workbook (.xlsx is a zip file)"),
        (b"", "not an Excel workbook (.xlsx is a zip file)"),
    ],
)
def test_what_is_not_a_workbook_is_refused(raw, message):
    assert refusal(raw) == f"hostile.xlsx: {message}"


def test_an_empty_sheet_is_refused_for_the_columns_it_lacks():
    with pytest.raises(importer.InvalidData) as raised:
        read(workbook_bytes())
    assert raised.value.errors == [
        "row 1, field 'english': the column is missing",
        "row 1, field 'simplified': the column is missing",
    ]


def test_a_workbook_without_a_worksheet_is_refused():
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes(("english", "simplified"))))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data)
            target.writestr(member.filename, data)
    assert refusal(out.getvalue()) == "hostile.xlsx: the workbook has no sheet"


def test_a_formula_is_read_as_the_value_excel_last_worked_out():
    row = (
        '<row r="2"><c r="A2" t="str"><f>"Xie "&amp;"Feng"</f><v>Xie Feng</v></c>'
        '<c r="B2" t="inlineStr"><is><t>谢锋</t></is></c></row>'
    )
    [record] = read(with_sheet(SHEET.format(HEADER + row))).document["entries"]
    assert record["english"] == "Xie Feng"


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert refusal(out.getvalue()) == f"hostile.xlsx: {xlsx.UNREADABLE}"


def test_the_upload_page_refuses_a_zip_bomb_with_a_reason(editor_client):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * 20_000_000 + b"/>")
    data = {
        "csrf_token": csrf_token(editor_client, "/import"),
        "file": (io.BytesIO(out.getvalue()), "terms.xlsx"),
    }
    response = editor_client.post("/import", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    [problem] = [li.text for li in html(response).select(".import-problems li")]
    assert problem.startswith("terms.xlsx: the workbook expands to 19 MB")


def test_the_upload_page_imports_a_workbook(editor_client):
    raw = workbook_bytes(("English", "Simplified"), ("AI safety", "AI安全"))
    data = {
        "csrf_token": csrf_token(editor_client, "/import"),
        "file": (io.BytesIO(raw), "terms.xlsx"),
    }
    page = html(editor_client.post("/import", data=data, content_type="multipart/form-data"))
    assert page.select_one(".count-created dd").text == "1"
    assert "xlsx-ai-safety" in page.select_one(".import-created").text


def workbook_of(entry: dict, monkeypatch=None, chunk: int | None = None) -> tuple[list, Workbook]:
    """One entry written as a workbook: the chunks written, and the workbook read back."""
    from glossary.exchange import formats

    if chunk is not None:
        monkeypatch.setattr(xlsx, "CHUNK", chunk)
    found = formats.Found([(entry, "k")], {}, lambda: 1)
    chunks = list(xlsx.write(formats.Export(lambda: found, TODAY)))
    return chunks, load_workbook(io.BytesIO(b"".join(chunks)))


def widths_of(workbook) -> dict[str, float]:
    sheet = workbook.active
    return {c.value: sheet.column_dimensions[c.column_letter].width for c in sheet[1]}


def test_a_column_is_as_wide_as_its_widest_line_a_chinese_character_two_digits():
    entry = {
        **PERSON,
        "simplified": "中华人民共和国外交部",  # 10 characters, 20 digit widths
        "description": "Chinese Ambassador to the United States.",  # 40
        "notes": "Not 峰.\nA line longer than the first.",  # 29; the whole cell's 36
    }
    _, workbook = workbook_of(entry)
    widths = widths_of(workbook)
    # the widest text and one digit of margin; headers (with a filter button, 3) are narrower
    assert (widths["simplified"], widths["description"], widths["notes"]) == (21, 41, 30)
    assert widths["english"] == len("english") + 3 + 1  # "Xie Feng" is narrower


def test_the_workbook_is_a_whole_zip_written_a_chunk_at_a_time(monkeypatch):
    chunks, workbook = workbook_of(PERSON, monkeypatch, chunk=1000)
    assert len(chunks) > 1 and {len(c) for c in chunks[:-1]} == {1000}
    raw = b"".join(chunks)
    assert raw.startswith(b"PK\x03\x04")
    assert zipfile.ZipFile(io.BytesIO(raw)).testzip() is None
    assert workbook.active.cell(row=2, column=3).value == "Xie Feng"


def test_text_that_starts_like_a_formula_is_text_in_every_column():
    entry = {**PERSON, "description": "=1+1", "notes": "=SUM(A1:A2)"}
    _, workbook = workbook_of(entry)
    header, row = workbook.active.iter_rows(max_row=2)
    cells = {h.value: c for h, c in zip(header, row, strict=True)}
    for column, text in (("description", "=1+1"), ("notes", "=SUM(A1:A2)")):
        assert (cells[column].value, cells[column].data_type) == (text, "s")
