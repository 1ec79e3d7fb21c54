"""A format registered in one place appears everywhere formats are listed (issue 17).

The made-up format below is registered through formats.register alone; no other module is
touched, and the command line, the export routes, the download links and the upload page
offer it, write it and read it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from glossary.exchange import formats
from glossary.exchange.formats import tsv
from glossary.exchange.formats.records import Export, Parsed, Reading, keyed
from tests.helpers import csrf_token, entry_id, html


def write_lines(export: Export) -> Iterator[bytes]:
    """English = simplified, a line per entry."""
    for entry, _ in export.found.pairs:
        yield f"{entry['english']} = {entry['simplified']}\n".encode()


def read_lines(raw: bytes, reading: Reading) -> Parsed:
    """The lines write_lines writes, each an entry citing the file."""
    records = []
    for number, line in enumerate(raw.decode().splitlines(), start=1):
        english, _, simplified = line.partition(" = ")
        source = {"quote": line, "title": reading.name, "published": reading.today}
        record = {"key": None, "kind": "term", "english": english, "simplified": simplified}
        records.append(({**record, "sources": [source]}, f"line {number}"))
    return keyed(records, "lines")


LINES = formats.Format(
    name="lines",
    label="Lines",
    choice="Lines (English = Chinese)",
    media_type="text/plain; charset=utf-8",
    extensions=(".lines",),
    write=write_lines,
    read=read_lines,
)


@pytest.fixture
def lines_format():
    formats.register(LINES)
    yield LINES
    formats.unregister(LINES.name)


def test_the_registry_lists_the_built_in_formats_in_the_links_order():
    assert formats.names() == ("csv", "json", "tbx", "tsv", "xlsx")
    assert formats.from_file_name("Terms.XML").name == "tbx"
    assert formats.from_file_name("notes.docx") is None
    assert formats.accepted() == ".csv,.json,.tbx,.xml,.tsv,.tab,.txt,.utf8,.xlsx"


def test_a_format_module_describes_its_format():
    assert formats.Format.of(tsv) == formats.Format(
        "tsv",
        "TSV",
        "TSV (OmegaT, memoQ)",
        "text/tab-separated-values; charset=utf-8",
        (".tsv", ".tab", ".txt", ".utf8"),
        tsv.write,
        tsv.read,
    )
    assert formats.named("tsv") == formats.Format.of(tsv)


@pytest.mark.parametrize("name", ["", "Lines", "li-nes", "線"])
def test_a_format_name_is_lower_case_letters_and_digits(name):
    with pytest.raises(ValueError, match="lower-case letters and digits"):
        formats.register(formats.Format(name, "", "", "", (".x",), write_lines, read_lines))


def test_the_command_line_offers_writes_and_reads_it(lines_format, runner, tmp_path):
    assert "lines" in runner.invoke(args=["export", "--help"]).output
    assert "lines" in runner.invoke(args=["import", "--help"]).output
    result = runner.invoke(args=["export", "--format", "lines", "--query", "xie feng"])
    assert result.exit_code == 0, result.output
    assert "Xie Feng = 谢锋\n" in result.output
    path = tmp_path / "new.lines"
    path.write_text("confidence-building measures = 建立信任措施\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(path)])  # the format, from the extension
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 created")


def test_the_export_routes_send_it(lines_format, client):
    response = client.get("/export.lines", query_string={"q": "xie feng"})
    assert response.status_code == 200
    assert response.content_type == "text/plain; charset=utf-8"
    assert (
        response.headers["Content-Disposition"] == 'attachment; filename="glossary-xie-feng.lines"'
    )
    assert "Xie Feng = 谢锋\n" in response.get_data(as_text=True)
    xie = entry_id(client, "Xie Feng")
    one = client.get(f"/entries/{xie}/export.lines")
    assert one.get_data(as_text=True) == "Xie Feng = 谢锋\n"


def test_without_it_the_routes_do_not_know_it(client):
    assert client.get("/export.lines").status_code == 404


def test_the_download_links_offer_it(lines_format, client):
    page = html(client.get("/search", query_string={"q": "xie"}))
    links = {a.text: a["href"] for a in page.select(".downloads a")}
    assert links["Lines"] == "/export.lines?q=xie"
    xie = entry_id(client, "Xie Feng")
    page = html(client.get(f"/entries/{xie}"))
    links = {a.text: a["href"] for a in page.select(".downloads a")}
    assert links["Lines"] == f"/entries/{xie}/export.lines"


def test_the_upload_page_offers_and_reads_it(lines_format, editor_client):
    page = html(editor_client.get("/import"))
    assert ".lines" in page.select_one("input[type=file]")["accept"].split(",")
    options = {o["value"]: o.text for o in page.select("select[name=format] option")}
    assert options["lines"] == "Lines (English = Chinese)"
    data = {
        "csrf_token": csrf_token(editor_client, "/import"),
        "file": (io.BytesIO("AI safety = AI安全\n".encode()), "terms.txt"),
        "format": "lines",
    }
    page = html(editor_client.post("/import", data=data, content_type="multipart/form-data"))
    assert page.select_one(".count-created dd").text == "1"
    assert "lines-ai-safety" in page.select_one(".import-created").text
