"""CSV for spreadsheets: a row per entry, every field and source; its columns are XLSX's too."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from glossary.exchange.formats.records import (
    YES_NO,
    Export,
    InvalidData,
    Note,
    Parsed,
    Reading,
    Refusal,
    encoded,
    field_place,
    keyed,
    record,
    refused,
    text,
)
from glossary.messages import N_
from glossary.model import SOURCE_FIELDS, FileRecord, FileSource

NAME = "csv"
LABEL = N_("CSV")
CHOICE = N_("CSV (spreadsheet)")
MEDIA_TYPE = "text/csv; charset=utf-8"
EXTENSIONS = (".csv",)

# One row per entry. Lists are joined with " | "; each source has its own group of columns.
LIST_SEPARATOR = " | "
ENTRY_COLUMNS = (
    "key",
    "kind",
    "english",
    "simplified",
    "traditional",
    "pinyin",
    "aliases",
    "romanization",
    "romanization_system",
    "description",
    "notes",
    "tags",
    "status",
    "verified",
    "related",
)
LIST_COLUMNS = ("aliases", "tags", "related")
SOURCE_COLUMN = re.compile(r"source_([1-9][0-9]?)_(" + "|".join(SOURCE_FIELDS) + ")")
# A cell a spreadsheet would read as a formula gets a leading apostrophe; so does a cell that
# already starts with apostrophes before such a character, so that the reader can take exactly
# one apostrophe off wherever this pattern matches after it.
FORMULA = re.compile(r"'*[=+\-@\t\r]")
# Not only at the start: Excel in a German or French locale splits a line at ";", so the cell
# "Foo;=1+2" (written unquoted: a comma-separated file needs no quotes around ";") becomes two,
# and the second runs; quoting is no defence, as that split ignores quotes that do not start a
# field. So an apostrophe also goes before a formula that follows any separator a spreadsheet
# may split at (";", ",", tab, line break), spaces and quotes between them included; and again
# one more before apostrophes already there. Group 1 is the separator, group 2 the formula.
FORMULA_INSIDE = re.compile(r"([;,\t\r\n][ \"]*)('*[=+\-@])")
NEUTRALISED_INSIDE = re.compile(r"([;,\t\r\n][ \"]*)'('*[=+\-@])")  # what restored undoes


# Writing -------------------------------------------------------------------------------------


def columns(source_count: int) -> list[str]:
    """Return the header for entries with at most source_count sources (at least one)."""
    sources = [
        f"source_{n}_{name}" for n in range(1, max(1, source_count) + 1) for name in SOURCE_FIELDS
    ]
    return [*ENTRY_COLUMNS, *sources]


def rows(export: Export) -> Iterator[list[str]]:
    """The header, then a row of cells per entry, as the entries are read."""
    found = export.found
    source_count = max(1, found.most_sources)
    yield columns(source_count)
    for entry, key in found.pairs:
        exported = record(entry, key, found.key_of)
        row = [_cell(exported, name) for name in ENTRY_COLUMNS]
        for n in range(source_count):
            source: Mapping[str, Any] = (
                exported["sources"][n] if n < len(exported["sources"]) else {}
            )
            row += [source.get(name) or "" for name in SOURCE_FIELDS]
        yield row


def write(export: Export) -> Iterator[bytes]:
    """Write one row per entry, with a byte-order mark so that Excel reads it as UTF-8."""
    return encoded(_chunks(export))


def _chunks(export: Export) -> Iterator[str]:
    """The byte-order mark and the header, then a row at a time."""
    out = io.StringIO()
    writer = csv.writer(out)
    start = "\ufeff"
    for row in rows(export):
        writer.writerow([neutralised(cell) for cell in row])
        yield start + _taken(out)
        start = ""


def neutralised(cell: str) -> str:
    """Keep a spreadsheet from running a cell, or a part of it, as a formula: "=1+1" →
    "'=1+1", "Foo;=1+2" → "Foo;'=1+2"."""
    start = "'" if FORMULA.match(cell) else ""
    return start + FORMULA_INSIDE.sub(r"\1'\2", cell)


def _taken(out: io.StringIO) -> str:
    """What out holds, emptied."""
    written = out.getvalue()
    out.seek(0)
    out.truncate()
    return written


def _cell(exported: Mapping[str, Any], name: str) -> str:
    value = exported.get(name)
    if name in LIST_COLUMNS:
        return LIST_SEPARATOR.join(value or [])
    if name == "verified":
        return "yes" if value else "no"
    return value or ""


# Reading -------------------------------------------------------------------------------------


def read(raw: bytes, reading: Reading) -> Parsed:
    """Read a CSV file with the columns write writes (key and kind may be left out).

    Cells are separated by commas, or by semicolons when the header has more of them (as Excel
    writes CSV where the comma is the decimal mark).
    """
    content = text(raw, reading.name)
    header_line = content.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
    except csv.Error as error:
        raise InvalidData.of([_unreadable(1, error)]) from error
    problems: list[Refusal] = []
    return table(header, _lines(reader, problems), reading, problems=problems, restore=restored)


def _lines(reader: Any, problems: list[Refusal]) -> Iterator[tuple[str, list[str]]]:
    """Each row with its place ("line 3"); a row csv cannot read ends them, with a problem."""
    line = reader.line_num + 1
    try:
        for row in reader:
            place = Note(N_("line %(number)s"), number=line)
            line = reader.line_num + 1
            yield place, row
    except csv.Error as error:
        problems.append(_unreadable(line, error))


def _unreadable(line: int, error: csv.Error) -> Refusal:
    """A line Python's csv cannot read (a cell past its size limit), with its reason."""
    message = N_("the CSV cannot be read from here on (%(reason)s)")
    return refused(Note(N_("line %(number)s"), number=line), message, reason=str(error))


def table(
    header: Sequence[str],
    lines: Iterable[tuple[str, Sequence[str]]],
    reading: Reading,
    *,
    prefix: str = NAME,
    problems: list[Refusal] | None = None,
    restore: Callable[[str], str] = str,
    header_place: str = Note(N_("line %(number)s"), number=1),
    unknown_note: str = N_("columns not in the glossary's CSV format ignored: %(columns)s"),
) -> Parsed:
    """Read a spreadsheet's header and rows (each with its place) as records.

    Column names are matched in any case and order; other columns are read past with one note,
    empty ones (Excel's trailing commas) silently, and so are empty rows. A row without sources
    cites the file, as TSV and TBX rows do.
    """
    header = [name.strip().lower() for name in header]
    fields = [_field(name) for name in header]
    unknown = list(dict.fromkeys(n for n, f in zip(header, fields, strict=True) if n and not f))
    problems = problems if problems is not None else []
    problems[:0] = [
        refused(field_place(header_place, column), N_("the column is missing"))
        for column in ("english", "simplified")
        if column not in fields
    ]
    if problems:
        raise InvalidData.of(problems)
    records: list[tuple[FileRecord, str]] = []
    for place, row in lines:
        if not any(cell.strip() for cell in row):
            continue
        if any(cell.strip() for cell in row[len(header) :]):
            message = N_("%(cells)s cells, but only %(columns)s columns")
            problems.append(refused(place, message, cells=len(row), columns=len(header)))
            continue
        cells = _cells(fields, [restore(cell) for cell in row])
        verified = cells.get("verified", "").strip().lower()
        if verified not in YES_NO:
            problems.append(refused(field_place(place, "verified"), N_("must be yes or no")))
            continue
        records.append((_record(cells, reading.name, reading.today), place))
    if problems:
        raise InvalidData.of(problems)
    parsed = keyed(records, prefix, rename=_column)
    parsed.columns = True
    if unknown:
        parsed.warnings.append(Note(unknown_note, columns=", ".join(unknown)))
    return parsed


def restored(cell: str) -> str:
    """Take off each apostrophe neutralised put before a formula (at the start, or after a
    separator), and no other."""
    if cell.startswith("'") and FORMULA.match(cell[1:]):
        cell = cell[1:]
    return NEUTRALISED_INSIDE.sub(r"\1\2", cell)


def _known_column(name: str) -> bool:
    return name in ENTRY_COLUMNS or SOURCE_COLUMN.fullmatch(name) is not None


MEMOQ_COLUMNS = {"entry_note": "notes", "entry_subject": "tags"}


def _field(column: str) -> str | None:
    """The field a column fills: its own name, or what a CAT tool's language column stands
    for, or None.

    memoQ names its columns after languages: a term column per term ("English", "Chinese_PRC",
    repeated for synonyms) after the language's definition ("English_Def"). English and
    Chinese terms are the entry's forms (repeats its aliases), the English definition its
    description, the entry's note and subject its notes and tag; the rest (memoQ's other
    Entry_* and Term_* columns) is read past.
    """
    if _known_column(column):
        return column
    if column in MEMOQ_COLUMNS:
        return MEMOQ_COLUMNS[column]
    definition = column.endswith("_def")
    words = [w for w in re.split(r"[^a-z]+", column.removesuffix("_def")) if w]
    if not words:
        return None
    if words[0] in ("en", "eng", "english"):
        return "description" if definition else "english"
    if words[0] not in ("zh", "zho", "chi", "chinese") or definition:
        return None
    traditional = {"tw", "hk", "mo", "hant", "taiwan", "hong", "macao", "macau", "traditional"}
    return "traditional" if traditional & set(words) else "simplified"


def _cells(fields: Sequence[str | None], row: Sequence[str]) -> dict[str, str]:
    """A row's cells by field: the first non-empty cell of a field; a term column that comes
    again (memoQ's synonyms) adds its term to the aliases."""
    cells: dict[str, str] = {}
    synonyms: list[str] = []
    for field, cell in zip(fields, row, strict=False):
        if field is None:
            continue
        if field in ("english", "simplified", "traditional") and cells.get(field, "").strip():
            synonyms.append(cell)
        elif not cells.get(field, "").strip():
            cells[field] = cell
    if any(term.strip() for term in synonyms):
        aliases = [cells.get("aliases", ""), *synonyms]
        cells["aliases"] = LIST_SEPARATOR.join(a.strip() for a in aliases if a.strip())
    return cells


def _record(cells: dict[str, str], file_name: str, today: str) -> FileRecord:
    """A row's cells as a record (its verified cell one of YES_NO); its key "" when it has
    none (records.keyed makes one)."""
    verified = cells.get("verified", "").strip().lower()
    found = FileRecord(
        key=cells.get("key", "").strip(),
        kind=cells.get("kind", "").strip() or "term",
        english=cells.get("english", "").strip(),
        simplified=cells.get("simplified", "").strip(),
        verified=YES_NO[verified],
        traditional=cells.get("traditional") or None,
        pinyin=cells.get("pinyin") or None,
        romanization=cells.get("romanization") or None,
        romanization_system=cells.get("romanization_system") or None,
        description=cells.get("description") or None,
        notes=cells.get("notes") or None,
        aliases=split_list(cells.get("aliases", "")),
        tags=split_list(cells.get("tags", "")),
        related=split_list(cells.get("related", "")),
        sources=[],
    )
    if cells.get("status"):
        found["status"] = cells["status"].strip()
    numbers = sorted({int(m[1]) for c in cells if (m := SOURCE_COLUMN.fullmatch(c))})
    for n in numbers:
        if source := _source({name: cells.get(f"source_{n}_{name}") for name in SOURCE_FIELDS}):
            found["sources"].append(source)
    if not found["sources"] and file_name and (found["english"] or found["simplified"]):
        quote = " = ".join(t for t in (found["english"], found["simplified"]) if t)
        found["sources"] = [FileSource(quote=quote, title=file_name, published=today)]
    return found


def _source(cells: Mapping[str, str | None]) -> FileSource | None:
    """A source from its cells, or None when they are all empty: a required field's empty
    cell is "" (reported as empty), an optional one's None."""
    if not any(cells.values()):
        return None
    return FileSource(
        quote=cells["quote"] or "",
        quote_zh=cells["quote_zh"] or None,
        title=cells["title"] or "",
        publisher=cells["publisher"] or None,
        url=cells["url"] or None,
        published=cells["published"] or "",
        accessed=cells["accessed"] or None,
    )


def split_list(cell: str) -> list[str]:
    """Split a list cell ("XIE Feng | Ambassador Xie") into its items: "a|b" is one item."""
    items = [item.strip() for item in re.split(r"\s+\|\s+", cell)]
    return list(dict.fromkeys(item for item in items if item))


def _column(name: str) -> str:
    """A data field's name as a column: sources[0].title → source_1_title."""
    found = re.fullmatch(r"sources\[([0-9]+)\]\.(\w+)", name)
    if found:
        return f"source_{int(found[1]) + 1}_{found[2]}"
    return re.sub(r"\[[0-9]+\]$", "", name)
