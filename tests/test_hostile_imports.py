"""Hostile input, a property suite: every importer (JSON, CSV, TBX, TSV, from the command line
and the upload page, and CC-CEDICT) reads arbitrary bytes and hostile text in every field, and
either imports or refuses with messages: never a traceback, never a partial write."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary import exchange
from glossary.exchange import importer
from tests.factories import NASTY, TEXT
from tests.helpers import PROPERTY

FORMATS = ("json", "csv", "tbx", "tsv")
RECORD = {
    "key": "hostile",
    "kind": "term",
    "english": "hostile import",
    "simplified": "恶意导入",
    "sources": [{"quote": "A quotation.", "title": "A title", "published": "2026-05"}],
}
FIELDS = ["key", "kind", "english", "simplified", "traditional", "pinyin", "notes", "aliases"]
FIELDS += ["tags", "status", "description", "romanization", "related", "sources", "verified"]


def entries(db) -> int:
    return db.execute("SELECT count(*) FROM entry").fetchone()[0]


def imported(db, raw: bytes, format_: str) -> list[str]:
    """Import raw bytes; return the problems reported (none if it was imported)."""
    before = entries(db)
    try:
        exchange.import_bytes(db, raw, format_, f"hostile.{format_}", on_duplicate="merge")
    except importer.InvalidData as refused:
        assert refused.errors and all(isinstance(e, str) and e for e in refused.errors)
        assert entries(db) == before  # nothing written
        return refused.errors
    return []


@PROPERTY
@given(st.binary(max_size=3000), st.sampled_from(FORMATS))
def test_any_bytes_are_imported_or_refused_with_messages(db, raw, format_):
    imported(db, raw, format_)


@PROPERTY
@given(st.dictionaries(st.sampled_from(FIELDS), TEXT | st.lists(TEXT, max_size=3), max_size=3))
def test_any_json_record_is_imported_or_refused(db, changes):
    document = {"format": "glossary/1", "entries": [{**RECORD, **changes}]}
    imported(db, json.dumps(document, ensure_ascii=True).encode(), "json")


CSV_COLUMNS = ["key", "kind", "english", "simplified", "traditional", "pinyin", "aliases"]
CSV_COLUMNS += ["tags", "status", "verified", "notes", "source_1_quote", "source_1_url"]
CSV_COLUMNS += ["source_1_title", "source_1_published", "unknown column"]


def csv_bytes(cells: dict[str, str]) -> bytes:
    row = {"english": "hostile import", "simplified": "恶意导入", **cells}
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    return text.getvalue().encode("utf-8", "surrogatepass")


@PROPERTY
@given(st.dictionaries(st.sampled_from(CSV_COLUMNS), TEXT, max_size=4))
def test_any_csv_row_is_imported_or_refused(db, cells):
    imported(db, csv_bytes(cells), "csv")


@PROPERTY
@given(TEXT, TEXT, TEXT)
def test_any_tsv_line_is_imported_or_refused(db, first, second, third):
    line = f"{first}\t{second}\t{third}\n".encode("utf-8", "surrogatepass")
    imported(db, b"English\tChinese\n" + line, "tsv")


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="{id}"><descrip type="definition">{definition}</descrip>
<langSet xml:lang="{lang}"><tig><term>{english}</term></tig></langSet>
<langSet xml:lang="zh-Hans"><tig><term>{chinese}</term>
<termNote type="administrativeStatus">{status}</termNote></tig></langSet>
</termEntry></body></text></martif>"""


@PROPERTY
@given(st.fixed_dictionaries({k: TEXT for k in ("id", "definition", "lang", "english")}), TEXT)
def test_any_tbx_entry_is_imported_or_refused(db, texts, chinese):
    quoted = {name: escape(value, {'"': "&quot;"}) for name, value in texts.items()}
    document = TBX.format(**quoted, chinese=escape(chinese), status="preferredTerm-admn-sts")
    imported(db, document.encode("utf-8", "surrogatepass"), "tbx")


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (  # a billion laughs
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><martif>&lol2;</martif>',
            "hostile.tbx: entity declarations are not accepted in a TBX file",
        ),
        (  # an external entity
            b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<martif>&x;</martif>",
            "hostile.tbx: entity declarations are not accepted in a TBX file",
        ),
        (  # nested deep, and never closed
            b"<martif>" * 100_000,
            "hostile.tbx: not well-formed XML (no element found: line 1, column 800000)",
        ),
    ],
)
def test_hostile_xml_is_refused(db, raw, problem):
    assert imported(db, raw, "tbx") == [problem]


@pytest.mark.parametrize("text", NASTY)
def test_every_nasty_text_in_every_field_of_a_json_import(db, text):
    for field in ("english", "simplified", "notes", "key", "pinyin"):
        document = {"format": "glossary/1", "entries": [{**RECORD, field: text}]}
        imported(db, json.dumps(document, ensure_ascii=True).encode(), "json")


# From the command line -----------------------------------------------------------------------


@PROPERTY
@given(st.binary(max_size=1000), st.sampled_from(["json", "csv", "tbx", "tsv", "txt"]))
def test_glossary_import_answers_any_file(runner, tmp_path, raw, extension):
    path = tmp_path / f"hostile.{extension}"
    path.write_bytes(raw)
    result = runner.invoke(args=["import", str(path), "--dry-run"])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


@PROPERTY
@given(
    st.lists(
        st.binary(max_size=120) | TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")), max_size=8
    )
)
def test_glossary_import_cedict_answers_any_file(runner, tmp_path, lines):
    path = tmp_path / "cedict.txt"
    path.write_bytes(b"\n".join(lines))
    result = runner.invoke(args=["import-cedict", "--file", str(path)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_a_cedict_file_that_does_not_count_its_entries(runner, tmp_path):
    path = tmp_path / "cedict.txt"
    path.write_text("電腦 电脑 [dian4 nao3] /computer/\n", encoding="utf-8")
    result = runner.invoke(args=["import-cedict", "--file", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Loading CC-CEDICT\nLoaded 1 dictionary entries in ")
