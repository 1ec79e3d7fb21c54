"""Reading files in the export formats back into data/ documents, for importer to validate.

Pure: each reader takes a file's bytes and returns a Parsed document, or raises
importer.InvalidData naming the line (or termEntry) and the field of every problem.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from glossary.entries import validate
from glossary.exchange import decoding, jsonstream
from glossary.exchange.formats import delimited as exporters
from glossary.exchange.formats import tbx
from glossary.exchange.importer import InvalidData
from glossary.text import hanzi

KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
SOURCE_COLUMN = re.compile(r"source_([1-9][0-9]?)_(" + "|".join(exporters.SOURCE_FIELDS) + ")")
YES_NO = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False, "": False}


class NotText(InvalidData):
    """A file whose bytes are not text in an encoding the glossary reads."""


@dataclass
class Parsed:
    """A data/ document read from a file, with where each record came from in it."""

    document: dict[str, Any]
    places: list[str] = field(default_factory=list)  # "line 3", "termEntry 2"; [] for JSON
    rename: Callable[[str], str] = str  # a data field's name as the file calls it
    warnings: list[str] = field(default_factory=list)  # what was read past, one line each
    columns: bool = False  # a spreadsheet: its fields are columns, its keys mostly made up

    def relabel(self, errors: list[str]) -> list[str]:
        """Say where in the file each of importer's errors ("entry 2 (key): …") is: "termEntry
        2 (key): field 'simplified': …", or for a spreadsheet "line 3, column pinyin: …"."""
        if not self.places:
            return errors
        relabelled = []
        for error in errors:
            found = re.match(r"entry ([0-9]+)( \([^)]*\))?(: field '([^']*)')?", error)
            if found and self.columns:
                place = self.places[int(found[1]) - 1]
                column = f", column {self.rename(found[4])}" if found[4] else ""
                error = place + column + error[found.end() :]
            elif found:
                error = self.places[int(found[1]) - 1] + error[len(f"entry {found[1]}") :]
            relabelled.append(re.sub(r"field '([^']*)'", lambda m: self._field(m[1]), error))
        return relabelled

    def _field(self, name: str) -> str:
        return f"column {self.rename(name)}" if self.columns else f"field '{self.rename(name)}'"


def read(
    raw: bytes,
    format: str,
    name: str,
    today: str,
    *,
    source: str | None = None,
    target: str | None = None,
) -> Parsed:
    """Read a file's bytes in one of the export formats; name is its file name."""
    try:
        text, _ = decoding.decode(raw)
    except decoding.Undecodable as error:
        raise NotText([f"{name}: {error}"]) from error
    if format == "json":
        return read_json(text, name)
    if format == "csv":
        return read_csv(text, name, today)
    if format == "tbx":
        try:
            records = tbx.read(text, name, today)
        except tbx.Unreadable as error:
            raise InvalidData([f"{name}: {error}"]) from error
        parsed = _parsed([r for r in records if r[0]["simplified"]], "tbx")
        if records and not parsed.places:
            raise InvalidData([f"{name}: no termEntry has a Chinese term (zh, zh-Hans, zh-Hant…)"])
        if skipped := len(records) - len(parsed.places):
            parsed.warnings.append(
                f"{skipped} of {len(records)} termEntries skipped: they have no Chinese term"
            )
        return parsed
    if format == "tsv":
        return read_tsv(text, name, today, source=source, target=target)
    raise ValueError(f"unknown format {format!r}")


def read_json(text: str, name: str) -> Parsed:
    """Read a data/ document, its entries as they are iterated (jsonstream)."""
    try:
        document = jsonstream.loads(text)
    except RecursionError as error:
        raise InvalidData([f"{name}: not valid JSON (nested too deeply)"]) from error
    except ValueError as error:
        raise InvalidData([f"{name}: not valid JSON ({error})"]) from error
    return Parsed(document)


def restored(cell: str) -> str:
    """Take off each apostrophe exporters.neutralised put before a formula (at the start, or
    after a separator), and no other."""
    if cell.startswith("'") and exporters.FORMULA.match(cell[1:]):
        cell = cell[1:]
    return exporters.NEUTRALISED_INSIDE.sub(r"\1\2", cell)


def read_csv(text: str, name: str = "", today: str = "") -> Parsed:
    """Read a CSV file with the columns exporters.to_csv writes (key and kind may be left out).

    Cells are separated by commas, or by semicolons when the header has more of them (as Excel
    writes CSV where the comma is the decimal mark). Column names are matched in any case and
    order; other columns are read past with one warning, empty ones (Excel's trailing commas)
    silently. A row without sources cites the file, as TSV and TBX rows do.
    """
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader, [])]
    except csv.Error as error:
        raise InvalidData([f"line 1: {error}"]) from error
    unknown = [n for n in header if n and not _known_column(n)]
    errors = [
        f"line 1, field '{column}': the column is missing"
        for column in ("english", "simplified")
        if column not in header
    ]
    if errors:
        raise InvalidData(errors)
    records: list[tuple[dict[str, Any], str]] = []
    line = reader.line_num + 1
    try:
        for row in reader:
            place = f"line {line}"
            line = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if any(cell.strip() for cell in row[len(header) :]):
                errors.append(f"{place}: {len(row)} cells, but only {len(header)} columns")
                continue
            cells = {
                column: restored(cell)
                for column, cell in zip(header, row, strict=False)
                if column and _known_column(column)
            }
            try:
                records.append((_csv_record(cells, name, today), place))
            except ValueError as error:
                errors.append(f"{place}, {error}")
    except csv.Error as error:
        errors.append(f"line {line}: {error}")
    if errors:
        raise InvalidData(errors)
    parsed = _parsed(records, "csv", rename=_csv_field)
    parsed.columns = True
    if unknown:
        parsed.warnings.append(
            f"columns not in the glossary's CSV format ignored: {', '.join(unknown)}"
        )
    return parsed


def _known_column(name: str) -> bool:
    return name in exporters.ENTRY_COLUMNS or SOURCE_COLUMN.fullmatch(name) is not None


def _csv_record(cells: dict[str, str], file_name: str, today: str) -> dict[str, Any]:
    verified = cells.get("verified", "").strip().lower()
    if verified not in YES_NO:
        raise ValueError("field 'verified': must be yes or no")
    record: dict[str, Any] = {
        "key": cells.get("key", "").strip() or None,
        "kind": cells.get("kind", "").strip() or "term",
        "english": cells.get("english", "").strip(),
        "simplified": cells.get("simplified", "").strip(),
        "verified": YES_NO[verified],
    }
    optional = ("traditional", "pinyin", "romanization", "romanization_system", "description")
    for name in (*optional, "notes"):
        record[name] = cells.get(name) or None
    for name in exporters.LIST_COLUMNS:
        record[name] = split_list(cells.get(name, ""))
    if cells.get("status"):
        record["status"] = cells["status"].strip()
    numbers = sorted({int(m[1]) for c in cells if (m := SOURCE_COLUMN.fullmatch(c))})
    record["sources"] = []
    for n in numbers:
        source = {name: cells.get(f"source_{n}_{name}") or None for name in exporters.SOURCE_FIELDS}
        if any(source.values()):
            for name in ("quote", "title", "published"):  # required: "" is reported, not None
                source[name] = source[name] or ""
            record["sources"].append(source)
    if not record["sources"] and file_name and (record["english"] or record["simplified"]):
        quote = " = ".join(t for t in (record["english"], record["simplified"]) if t)
        record["sources"] = [{"quote": quote, "title": file_name, "published": today}]
    return record


def split_list(cell: str) -> list[str]:
    """Split a list cell ("XIE Feng | Ambassador Xie") into its items: "a|b" is one item."""
    items = [item.strip() for item in re.split(r"\s+\|\s+", cell)]
    return list(dict.fromkeys(item for item in items if item))


def _csv_field(name: str) -> str:
    found = re.fullmatch(r"sources\[([0-9]+)\]\.(\w+)", name)
    if found:
        return f"source_{int(found[1]) + 1}_{found[2]}"
    return re.sub(r"\[[0-9]+\]$", "", name)


def read_tsv(
    text: str, name: str, today: str, *, source: str | None = None, target: str | None = None
) -> Parsed:
    """Read source TAB target TAB comment lines (exporters.to_tsv) as minimal entries.

    The English column is the one without Chinese characters unless source and target say.
    Consecutive lines with the same comment and the same English or Chinese are one entry
    with aliases. Each entry cites the file: its lines are the quote, its name the title.
    """
    lines = [
        (number, line.split("\t"))
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")  # OmegaT's comment lines, anywhere
    ]
    if lines and not any(hanzi.has_cjk(cell) for cell in lines[0][1][:2]):
        lines = lines[1:]  # a header such as "English<TAB>Chinese": no entry has no Chinese
    errors = []
    groups: list[dict[str, Any]] = []
    for number, cells in lines:
        if not 2 <= len(cells) <= 3:
            errors.append(f"line {number}: {len(cells)} fields; expected source, target, comment")
            continue
        first, second, comment = (*cells, "")[:3]
        if source is None and target is None:
            english_first = not hanzi.has_cjk(first) and hanzi.has_cjk(second)
        else:
            english_first = source == "en" or (source is None and target != "en")
        english, chinese = (first, second) if english_first else (second, first)
        if hanzi.has_cjk(english) or not hanzi.has_cjk(chinese):
            errors.append(f"line {number}: needs English in one field and Chinese in the other")
            continue
        group = groups[-1] if groups else None
        if group and group["comment"] == comment and chinese == group["chinese"][0]:
            group["english"].append(english)
        elif group and group["comment"] == comment and english == group["english"][0]:
            group["chinese"].append(chinese)
        else:
            group = {"english": [english], "chinese": [chinese], "comment": comment, "lines": []}
            group["place"] = f"line {number}"
            groups.append(group)
        group["lines"].append("\t".join(cells))
    if errors:
        raise InvalidData(errors)
    script = "zh-Hant" if "zh-Hant" in (source, target) else "zh-Hans"
    records = [(_tsv_record(group, name, today, script), group["place"]) for group in groups]
    return _parsed(records, "tsv")


def _tsv_record(group: dict[str, Any], name: str, today: str, script: str) -> dict[str, Any]:
    chinese = group["chinese"][0]
    pinyin, _, description = group["comment"].partition("; ")
    if validate.pinyin_problem(pinyin, chinese) is not None:
        pinyin, description = "", group["comment"]
    quote = "\n".join(group["lines"])
    return {
        "key": None,
        "kind": "term",
        "english": group["english"][0],
        "aliases": list(dict.fromkeys(group["english"][1:] + group["chinese"][1:])),
        "simplified": hanzi.to_simplified(chinese) if script == "zh-Hant" else chinese,
        "traditional": chinese if script == "zh-Hant" else None,
        "pinyin": pinyin or None,
        "description": description or None,
        "sources": [
            {
                "quote": quote if len(quote) <= 4000 else quote[:3999] + "…",
                "title": name,
                "published": today,
            }
        ],
    }


def _parsed(
    records: list[tuple[dict[str, Any], str]], prefix: str, rename: Callable[[str], str] = str
) -> Parsed:
    """Give each record without a key one made from its English: "csv-xie-feng"."""
    taken = {record["key"] for record, _ in records if record["key"]}
    for number, (record, _) in enumerate(records, start=1):
        if record["key"] is None:
            base = f"{prefix}-{exporters.slug(record['english']) or number}"[:90]
            key, n = base, 1
            while key in taken:
                n += 1
                key = f"{base}-{n}"
            taken.add(key)
            record["key"] = key
    document = {"format": "glossary/1", "entries": [record for record, _ in records]}
    return Parsed(document, [place for _, place in records], rename)
