"""Writing entries out: data/ JSON, CSV for spreadsheets, TSV for CAT tools (TBX: tbx.py).

Pure: each writer takes full entries as store.get_entry returns them, and the key of each
(entry_keys), and returns text; the *_chunks writers write the same text a piece at a time,
from entries read as they are written (a whole glossary is never held at once).
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from glossary.exchange import importer
from glossary.model import SOURCE_FIELDS
from glossary.text import hanzi

# Each format's media type (TBX has no registered one; this is what TBX tools send).
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "tbx": "application/x-tbx+xml; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
FORMATS = tuple(MEDIA_TYPES)
LANGUAGES = ("en", "zh-Hans", "zh-Hant")

# CSV: one row per entry. Lists are joined with " | "; each source has its own group of columns.
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
# A cell a spreadsheet would read as a formula gets a leading apostrophe; so does a cell that
# already starts with apostrophes before such a character, so that readers.py can take exactly
# one apostrophe off wherever this pattern matches after it.
FORMULA = re.compile(r"'*[=+\-@\t\r]")
# Not only at the start: Excel in a German or French locale splits a line at ";", so the cell
# "Foo;=1+2" (written unquoted: a comma-separated file needs no quotes around ";") becomes two,
# and the second runs; quoting is no defence, as that split ignores quotes that do not start a
# field. So an apostrophe also goes before a formula that follows any separator a spreadsheet
# may split at (";", ",", tab, line break), spaces and quotes between them included; and again
# one more before apostrophes already there. Group 1 is the separator, group 2 the formula.
FORMULA_INSIDE = re.compile(r"([;,\t\r\n][ \"]*)('*[=+\-@])")
NEUTRALISED_INSIDE = re.compile(r"([;,\t\r\n][ \"]*)'('*[=+\-@])")  # what readers.py undoes


def slug(text: str) -> str:
    """Write text as lower-case ASCII words joined by hyphens: "Xiè Fēng (谢锋)" → "xie-feng"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:80].strip("-")


def entry_keys(entries: Sequence[dict[str, Any]]) -> list[str]:
    """Return the key each entry is exported under: its import key, else its English and id."""
    taken = {entry["import_key"] for entry in entries if entry.get("import_key")}
    keys = []
    for entry in entries:
        key = entry.get("import_key")
        if not key:
            key = "-".join(part for part in (slug(entry["english"]), str(entry["id"])) if part)
            while key in taken:
                key += "-x"
            taken.add(key)
        keys.append(key)
    return keys


def document(entries: Sequence[dict[str, Any]], keys: Sequence[str]) -> dict[str, Any]:
    """Return the entries as a data/ document.

    Links go with them when the entries they point to are in the document too: a person's
    affiliations only all together, related entries one by one.
    """
    key_of = {entry["id"]: key for entry, key in zip(entries, keys, strict=True)}
    records = [record(entry, key, key_of) for entry, key in zip(entries, keys, strict=True)]
    return {"format": "glossary/1", "entries": records}


def record(entry: dict[str, Any], key: str, key_of: dict[int, str]) -> dict[str, Any]:
    """One entry as a data/ record, with its links to the entries in key_of (id: key)."""
    found = importer.export_record(entry, key)
    affiliations = entry["affiliations"]
    if affiliations and all(a["entry"]["id"] in key_of for a in affiliations):
        found["affiliations"] = [
            {
                "organization": key_of[a["entry"]["id"]],
                "role": a["role"],
                "as_of": a["as_of"],
                "source": a["source_index"],
            }
            for a in affiliations
        ]
    related = sorted(key_of[r["id"]] for r in entry["related"] if r["id"] in key_of)
    if related:
        found["related"] = related
    return found


def to_json(entries: Sequence[dict[str, Any]], keys: Sequence[str]) -> str:
    """Write the entries in the data/ format, as data/glossary.json is written."""
    key_of = {entry["id"]: key for entry, key in zip(entries, keys, strict=True)}
    return "".join(json_chunks(zip(entries, keys, strict=True), key_of))


def json_chunks(
    pairs: Iterable[tuple[dict[str, Any], str]], key_of: dict[int, str]
) -> Iterator[str]:
    """Write (entry, key) pairs in the data/ format a record at a time, as json.dumps writes
    the whole document with indent=2: a large export is sent as it is read."""
    head = '{\n  "format": "glossary/1",\n  "entries": ['
    yield head
    first = True
    for entry, key in pairs:
        text = json.dumps(record(entry, key, key_of), ensure_ascii=False, indent=2)
        yield ("\n" if first else ",\n") + textwrap.indent(text, "    ")
        first = False
    yield "]\n}\n" if first else "\n  ]\n}\n"


def neutralised(cell: str) -> str:
    """Keep a spreadsheet from running a cell, or a part of it, as a formula: "=1+1" →
    "'=1+1", "Foo;=1+2" → "Foo;'=1+2"."""
    start = "'" if FORMULA.match(cell) else ""
    return start + FORMULA_INSIDE.sub(r"\1'\2", cell)


def csv_columns(source_count: int) -> list[str]:
    """Return the CSV header for entries with at most source_count sources."""
    sources = [f"source_{n}_{name}" for n in range(1, source_count + 1) for name in SOURCE_FIELDS]
    return [*ENTRY_COLUMNS, *sources]


def to_csv(entries: Sequence[dict[str, Any]], keys: Sequence[str]) -> str:
    """Write one row per entry, with a byte-order mark so that Excel reads it as UTF-8."""
    key_of = {entry["id"]: key for entry, key in zip(entries, keys, strict=True)}
    source_count = max([1, *(len(entry["sources"]) for entry in entries)])
    return "".join(csv_chunks(zip(entries, keys, strict=True), key_of, source_count))


def csv_chunks(
    pairs: Iterable[tuple[dict[str, Any], str]], key_of: dict[int, str], source_count: int
) -> Iterator[str]:
    """Write (entry, key) pairs as CSV a row at a time: the byte-order mark, the header for
    source_count sources (at least 1), then a row per entry."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csv_columns(max(1, source_count)))
    yield "\ufeff" + _taken(out)
    for entry, key in pairs:
        found = record(entry, key, key_of)
        row = [_cell(found, name) for name in ENTRY_COLUMNS]
        for n in range(max(1, source_count)):
            source = found["sources"][n] if n < len(found["sources"]) else {}
            row += [source.get(name) or "" for name in SOURCE_FIELDS]
        writer.writerow([neutralised(cell) for cell in row])
        yield _taken(out)


def _taken(out: io.StringIO) -> str:
    """What out holds, emptied."""
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text


def _cell(record: dict[str, Any], name: str) -> str:
    value = record.get(name)
    if name in LIST_COLUMNS:
        return LIST_SEPARATOR.join(value or [])
    if name == "verified":
        return "yes" if value else "no"
    return value or ""


def to_tsv(entries: Sequence[dict[str, Any]], source: str = "en", target: str = "zh-Hans") -> str:
    """Write source TAB target TAB comment, a line per form: the entry's own, then its aliases.

    The comment is the pinyin and the description, joined by "; ". Tabs and line breaks inside
    a field become spaces: TSV has no way to quote them.
    """
    return "".join(tsv_chunks(entries, source, target))


def tsv_chunks(entries: Iterable[dict[str, Any]], source: str, target: str) -> Iterator[str]:
    """Write the entries as to_tsv does, an entry's lines at a time."""
    if source not in LANGUAGES or target not in LANGUAGES or source == target:
        raise ValueError(f"source and target must be two of {', '.join(LANGUAGES)}")
    for entry in entries:
        forms = tsv_forms(entry)
        comment = "; ".join(part for part in (entry["pinyin"], entry["description"]) if part)
        pairs = [(forms[source][0], forms[target][0])]
        pairs += [(extra, forms[target][0]) for extra in forms[source][1:]]
        pairs += [(forms[source][0], extra) for extra in forms[target][1:]]
        yield "".join(
            "\t".join(_tsv_field(text) for text in (*pair, comment)) + "\n"
            for pair in dict.fromkeys(pairs)
        )


def tsv_forms(entry: dict[str, Any]) -> dict[str, list[str]]:
    """Return an entry's forms in each language, its own first, then its aliases."""
    latin = [a for a in entry["aliases"] if not hanzi.has_cjk(a)]
    chinese = [a for a in entry["aliases"] if hanzi.has_cjk(a)]
    traditional = entry["traditional"] or hanzi.to_traditional(entry["simplified"])
    own = [entry["romanization"]] if entry["romanization"] else []
    return {
        "en": [entry["english"], *latin, *own],
        "zh-Hans": [entry["simplified"], *chinese],
        "zh-Hant": [traditional, *chinese],
    }


def _tsv_field(text: str) -> str:
    return re.sub(r"\r\n|[\t\r\n]", " ", text)
