"""Writing entries out: data/ JSON, CSV for spreadsheets, TSV for CAT tools (TBX: tbx.py).

Pure: each writer takes full entries as store.get_entry returns them, and the key of each
(entry_keys), and returns text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from glossary.exchange import importer
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
SOURCE_FIELDS = ("quote", "quote_zh", "title", "publisher", "url", "published", "accessed")
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
    records = []
    for entry, key in zip(entries, keys, strict=True):
        record = importer.export_record(entry, key)
        affiliations = entry["affiliations"]
        if affiliations and all(a["entry"]["id"] in key_of for a in affiliations):
            record["affiliations"] = [
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
            record["related"] = related
        records.append(record)
    return {"format": "glossary/1", "entries": records}


def to_json(entries: Sequence[dict[str, Any]], keys: Sequence[str]) -> str:
    """Write the entries in the data/ format, as data/glossary.json is written."""
    return json.dumps(document(entries, keys), ensure_ascii=False, indent=2) + "\n"


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
    records = document(entries, keys)["entries"]
    source_count = max([1, *(len(r["sources"]) for r in records)])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csv_columns(source_count))
    for record in records:
        row = [_cell(record, name) for name in ENTRY_COLUMNS]
        for n in range(source_count):
            source = record["sources"][n] if n < len(record["sources"]) else {}
            row += [source.get(name) or "" for name in SOURCE_FIELDS]
        writer.writerow([neutralised(cell) for cell in row])
    return "\ufeff" + out.getvalue()


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
    if source not in LANGUAGES or target not in LANGUAGES or source == target:
        raise ValueError(f"source and target must be two of {', '.join(LANGUAGES)}")
    lines = []
    for entry in entries:
        forms = tsv_forms(entry)
        comment = "; ".join(part for part in (entry["pinyin"], entry["description"]) if part)
        pairs = [(forms[source][0], forms[target][0])]
        pairs += [(extra, forms[target][0]) for extra in forms[source][1:]]
        pairs += [(forms[source][0], extra) for extra in forms[target][1:]]
        for pair in dict.fromkeys(pairs):
            lines.append("\t".join(_tsv_field(text) for text in (*pair, comment)))
    return "".join(line + "\n" for line in lines)


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
