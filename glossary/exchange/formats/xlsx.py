"""Excel workbooks: CSV's columns on one sheet, read back from what Excel and LibreOffice save.

Translators open glossaries in Excel, where a CSV's encoding and delimiter depend on the
locale; a workbook has neither problem. Written with openpyxl's write-only workbook (rows go
to a temporary file as they are read) and read with its read-only one, behind bounds on what
a hostile upload can make it do: how far the zip expands, how many rows and cells it holds.
"""

from __future__ import annotations

import datetime
import io
import json
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, TypedDict

from glossary.exchange.formats import csv
from glossary.exchange.formats.records import (
    Export,
    InvalidData,
    Note,
    Parsed,
    Reading,
    refused,
)
from glossary.messages import N_

if TYPE_CHECKING:
    from openpyxl import Workbook

NAME = "xlsx"
LABEL = N_("Excel")
CHOICE = N_("Excel workbook (.xlsx)")
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTENSIONS = (".xlsx",)

SHEET = "Glossary"
# Whatever openpyxl (or defusedxml, which refuses entities and DTDs) raised about a broken or
# hostile part says nothing a translator can act on.
UNREADABLE = N_(
    "not an Excel workbook that can be read (broken, or with XML that is refused); "
    "save it again as .xlsx from Excel or LibreOffice"
)
UNKNOWN = N_("columns not among the glossary's spreadsheet columns ignored: %(columns)s")


class Face(TypedDict):
    """A font for Chinese cells: its name and the character set Excel picks it for."""

    name: str
    charset: int


# Chinese in fonts that have its characters, as Office installs them: YaHei for simplified
# (and the columns that mix scripts), JhengHei for traditional; everything else as the
# workbook's default. Office elsewhere picks a font with the same glyphs.
# (openpyxl loads only when a workbook is written or read: the command starts without it.)
SIMPLIFIED_FONT = Face(name="Microsoft YaHei", charset=134)  # GB2312's character set
TRADITIONAL_FONT = Face(name="Microsoft JhengHei", charset=136)  # Big5's
HEADER_FONT = {"bold": True}
CHINESE_COLUMNS = {"simplified": SIMPLIFIED_FONT, "aliases": SIMPLIFIED_FONT}
CHINESE_COLUMNS["traditional"] = TRADITIONAL_FONT
WIDEST = 60  # a column is as wide as its longest line, up to this many digit widths
FILTER_BUTTON = 3  # the header's filter button takes about as much room as three digits
CHUNK = 64 * 1024

# What reading a workbook may cost. A zip's members are decompressed no further than the sizes
# its directory declares (zipfile stops there, and a lie fails its CRC), so summing those bounds
# the expansion. Excel's own files shrink 5 to 10 times; a zip bomb, a thousand.
MOST_EXPANDED = 256 * 1024 * 1024
MOST_EXPANSION = 40  # times the file's size
MOST_ROWS = 200_000  # empty rows count: a row numbered 1,000,000 makes the 999,998 before it
MOST_CELLS = 5_000_000  # a row counts as wide as its last cell's column


# Writing -------------------------------------------------------------------------------------


def write(export: Export) -> Iterator[bytes]:
    """Write CSV's header and rows on one sheet: the header frozen and filtered, each column
    as wide as its text, Chinese in a CJK font, every cell text (never a formula)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        widths = _spooled(csv.rows(export), spool)
        spool.seek(0)
        with tempfile.TemporaryFile() as out:
            _workbook((json.loads(line) for line in spool), widths).save(out)
            out.seek(0)
            yield from iter(lambda: out.read(CHUNK), b"")


def _spooled(rows: Iterator[list[str]], spool: IO[str]) -> list[int]:
    """Write each row to spool, a JSON array a line; return each column's width (the header's
    with room for its filter button)."""
    widths: list[int] = []
    room = FILTER_BUTTON
    for row in rows:
        spool.write(json.dumps(row, ensure_ascii=False) + "\n")
        widths += [0] * (len(row) - len(widths))
        for column, cell in enumerate(row):
            widths[column] = max(widths[column], width(cell) + room)
        room = 0
    return widths


def width(cell: str) -> int:
    """How many digit widths a cell's longest line needs: a Chinese character takes two."""
    return max(
        sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
        for line in cell.split("\n")
    )


def _workbook(rows: Iterator[list[str]], widths: list[int]) -> Workbook:
    """A write-only workbook of the rows, the first a header, ready to save."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    sheet.freeze_panes = "A2"
    for column, most in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(most, WIDEST) + 1

    def cell(value: str, font: Any) -> Any:
        """A text cell (openpyxl would take "=…" for a formula); None when empty."""
        if not value:
            return None
        if font is None and not value.startswith("="):
            return value
        written = WriteOnlyCell(sheet, value=value)
        written.data_type = "s"
        if font is not None:
            written.font = font
        return written

    header = next(rows)
    bold = Font(**HEADER_FONT)
    sheet.append([cell(name, bold) for name in header])
    fonts = [Font(**font) if (font := _font(name)) else None for name in header]
    count = 1
    for row in rows:
        sheet.append([cell(value, font) for value, font in zip(row, fonts, strict=True)])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count}"
    return workbook


def _font(column: str) -> Face | None:
    """The font of a column's cells: a CJK one for those that hold Chinese."""
    if column.endswith("_quote_zh"):
        return SIMPLIFIED_FONT
    return CHINESE_COLUMNS.get(column)


# Reading -------------------------------------------------------------------------------------


def read(raw: bytes, reading: Reading) -> Parsed:
    """Read the first sheet: a header row with CSV's columns (in any case and order), then a
    row per entry; other sheets, unknown columns and empty rows are read past."""
    from openpyxl import load_workbook

    name = reading.name
    _check_expansion(raw, name)
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises what the broken part made its parser raise
        raise InvalidData.of([refused(name, UNREADABLE)]) from error
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise InvalidData.of([refused(name, N_("the workbook has no sheet"))])
        sheet = sheets[0]
        sheet.reset_dimensions()  # its declared size is not believed: only its cells count
        rows = _bounded(sheet.iter_rows(values_only=True), name)
        try:
            first = Note(N_("row %(number)s"), number=1)
            _, header = next(rows, (first, []))
            parsed = csv.table(
                header, rows, reading, prefix=NAME, header_place=first, unknown_note=UNKNOWN
            )
        except InvalidData:
            raise
        except Exception as error:  # a sheet broken past its first rows
            raise InvalidData.of([refused(name, UNREADABLE)]) from error
    finally:
        workbook.close()
    if len(sheets) > 1:
        others = ", ".join(sheet.title for sheet in sheets[1:])
        message = N_("only the first sheet was read; other sheets ignored: %(sheets)s")
        parsed.warnings.append(Note(message, sheets=others))
    return parsed


def _check_expansion(raw: bytes, name: str) -> None:
    """Refuse a file that is not a zip, or whose members would expand too far."""
    try:
        members = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        message = N_("not an Excel workbook (.xlsx is a zip file)")
        raise InvalidData.of([refused(name, message)]) from error
    expanded = sum(member.file_size for member in members)
    most = min(MOST_EXPANDED, MOST_EXPANSION * len(raw))
    if expanded > most:
        message = N_(
            "the workbook expands to %(megabytes)s MB, more than %(times)s times its size: "
            "it is refused as a zip bomb would be"
        )
        megabytes = f"{expanded / 2**20:,.0f}"
        raise InvalidData.of([refused(name, message, megabytes=megabytes, times=MOST_EXPANSION)])


def _bounded(rows: Iterator[tuple[Any, ...]], name: str) -> Iterator[tuple[str, list[str]]]:
    """Each row with its place ("row 2") as text cells, the header taken first; refuse a
    sheet with more rows or cells than an import reads."""
    cells = 0
    for number, row in enumerate(rows, start=1):
        cells += len(row)
        if number > MOST_ROWS or cells > MOST_CELLS:
            message = N_(
                "the sheet has more than %(rows)s rows or %(cells)s cells, more than one "
                "import reads"
            )
            most = {"rows": f"{MOST_ROWS:,}", "cells": f"{MOST_CELLS:,}"}
            raise InvalidData.of([refused(name, message, **most)])
        # An empty cell is read without a call: a row as wide as Excel allows is mostly empty.
        texts = [_text(value) if value is not None else "" for value in row]
        yield Note(N_("row %(number)s"), number=number), texts


def _text(value: Any) -> str:
    """A cell's value (not empty) as the text CSV would hold: dates as ISO dates, TRUE as yes."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)
