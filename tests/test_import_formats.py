"""Exporting and importing every format: round trips, duplicates, the CLI and the upload page."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re

import pytest

from glossary import exchange, store
from glossary.exchange import importer
from glossary.store.connection import connect
from tests.factories import EVERYTHING, TRICKY, add_tricky
from tests.helpers import csrf_token, entry_by_key, html, login, tbx_problems

TODAY = "2026-06-02"
FORMATS = ("json", "csv", "tbx", "tsv")


@pytest.fixture(autouse=True)
def import_folder(app, tmp_path):
    """Keep uploads awaiting confirmation in the test's own folder."""
    app.config["IMPORT_FOLDER"] = str(tmp_path / "imports")


@pytest.fixture
def empty_db(tmp_path):
    database = connect(str(tmp_path / "empty.db"))
    yield database
    database.conn.close()


def export_all(db, format: str) -> str:
    text = exchange.export(exchange.found_entries(db, EVERYTHING), format, today=TODAY)
    # TBX carries when each entry was created and changed: the same day here, but not the same
    # day as a run that crosses midnight.
    return re.sub(r"<date>[0-9-]+</date>", "<date/>", text)


def import_text(db, text: str, format: str, **options) -> importer.Report:
    report, _ = exchange.import_bytes(db, text.encode(), format, f"glossary.{format}", **options)
    return report


def records(db) -> list[dict]:
    """Every entry as a data record, the links left out, by key."""
    entries = exchange.found_entries(db, EVERYTHING)
    keys = [e["import_key"] for e in entries]
    return sorted(
        (importer.export_record(e, k) for e, k in zip(entries, keys, strict=True)),
        key=lambda r: r["key"],
    )


def count(db) -> int:
    return db.execute("SELECT count(*) FROM entry").fetchone()[0]


# Round trips --------------------------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_export_import_into_an_empty_database_export_gives_the_same_file(db, empty_db, format):
    add_tricky(db)
    first = export_all(db, format)
    # A reviewer vouches for the verified marks, which the file carries as it does every field.
    report = import_text(empty_db, first, format, today=TODAY, verified_by="rev")
    assert len(report.created) == 61
    assert export_all(empty_db, format) == first


def test_the_json_round_trip_keeps_affiliations_and_related_entries(db, empty_db):
    add_tricky(db)
    import_text(empty_db, export_all(db, "json"), "json")
    again = entry_by_key(empty_db, "xie-feng")
    assert [(a["entry"]["english"], a["role"], a["as_of"]) for a in again["affiliations"]] == [
        ("Ministry of Foreign Affairs", "Ambassador to the United States", "2026-05")
    ]
    assert len(again["related"]) == len(entry_by_key(db, "xie-feng")["related"])


@pytest.mark.parametrize("format", ("json", "csv", "tbx"))
def test_importing_carries_every_field_of_every_entry(db, empty_db, format):
    add_tricky(db)
    import_text(empty_db, export_all(db, format), format, verified_by="rev")
    assert records(empty_db) == records(db)
    tricky = entry_by_key(empty_db, "three-noes")
    assert tricky["notes"] == TRICKY["notes"]
    assert tricky["sources"][0]["quote"] == TRICKY["sources"][0]["quote"]
    assert tricky["aliases"][0] == "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("format", ("json", "csv", "tbx"))
def test_reimporting_an_export_changes_nothing(db, format):
    add_tricky(db)
    before = count(db)
    report = import_text(db, export_all(db, format), format)
    assert (report.created, report.updated, report.duplicates) == ([], [], [])
    assert len(report.unchanged) == 61
    assert count(db) == before


def test_tsv_into_the_same_glossary_finds_only_duplicates(db):
    report = import_text(db, export_all(db, "tsv"), "tsv")
    assert report.created == [] and len(report.duplicates) == 60


def test_tsv_entries_are_minimal_and_cite_the_file(empty_db):
    import_text(empty_db, "Xie Feng\t谢锋\tXiè Fēng; Ambassador\n", "tsv", today=TODAY)
    [record] = records(empty_db)
    assert record == {
        **record,
        "kind": "term",
        "english": "Xie Feng",
        "simplified": "谢锋",
        "traditional": "謝鋒",
        "pinyin": "Xiè Fēng",
        "description": "Ambassador",
        "sources": [
            {
                "quote": "Xie Feng\t谢锋\tXiè Fēng; Ambassador",
                "quote_zh": None,
                "title": "glossary.tsv",
                "publisher": None,
                "url": None,
                "published": TODAY,
                "accessed": None,
            }
        ],
    }


# Encodings ----------------------------------------------------------------------------------

CSV_ZH = (
    "english,simplified,source_1_quote,source_1_title,source_1_published\n"
    "Wang Xiaohui,王晓晖,王晓晖说，“对。”,人民日报,2026-05\n"
    "Global Times,环球时报,环球时报报道,人民日报,2026-05\n"
)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (",Notes,2026", "line 2, column source_1_quote: the quote of source 1 is empty"),
        ("He said.,,2026", "line 2, column source_1_title: the title of source 1 is empty"),
        (
            "He said.,Notes,",
            "line 2, column source_1_published: the publication date of source 1 is empty",
        ),
    ],
)
def test_a_csv_source_with_an_empty_quote_title_or_date_is_refused(empty_db, row, message):
    header = "english,simplified,source_1_quote,source_1_title,source_1_published"
    text = f"{header}\nXie Feng,谢锋,{row}\n"
    with pytest.raises(importer.InvalidData) as raised:
        exchange.import_bytes(empty_db, text.encode(), "csv", "x.csv")
    assert raised.value.errors == [message]


@pytest.mark.parametrize(
    "raw",
    [
        codecs.BOM_UTF8 + CSV_ZH.encode(),
        codecs.BOM_UTF16_LE + CSV_ZH.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + CSV_ZH.encode("utf-16-be"),
        CSV_ZH.encode("gb18030"),
    ],
    ids=["utf-8-bom", "utf-16-le", "utf-16-be", "gb18030"],
)
def test_csv_in_each_encoding_is_imported(empty_db, raw):
    exchange.import_bytes(empty_db, raw, "csv", "x.csv")
    assert [
        (r["english"], r["simplified"], r["sources"][0]["quote"]) for r in records(empty_db)
    ] == [
        ("Global Times", "环球时报", "环球时报报道"),
        ("Wang Xiaohui", "王晓晖", "王晓晖说，“对。”"),
    ]


def test_big5_tsv_is_imported(empty_db):
    text = "Tsai Ing-wen\t蔡英文\nExecutive Yuan\t行政院\nMinistry of Foreign Affairs\t外交部\n"
    exchange.import_bytes(empty_db, text.encode("big5"), "tsv", "x.tsv", target="zh-Hant")
    assert [(r["english"], r["traditional"]) for r in records(empty_db)][:2] == [
        ("Executive Yuan", "行政院"),
        ("Ministry of Foreign Affairs", "外交部"),
    ]


# Bad files write nothing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("format", "text", "message"),
    [
        (
            "csv",
            CSV_ZH + "Bad date,坏日期,quote,title,2026-02-30\n",
            "line 4, column source_1_published: '2026-02-30' is not a real date",
        ),
        (
            "csv",
            CSV_ZH.replace("王晓晖,", "Wang,", 1),
            "line 2, column simplified: 'Wang' has no Chinese characters",
        ),
        ("csv", CSV_ZH + "x,y,z,a,b,c\n", "line 4: 6 cells, but only 5 columns"),
        ("tsv", "Xie Feng\t谢锋\nonly one field\n", "line 2: 1 fields"),
        ("json", '{"format": "glossary/1", "entries": [}', "glossary.json: not valid JSON"),
    ],
)
def test_a_bad_record_names_the_line_and_field_and_nothing_is_written(db, format, text, message):
    before = count(db)
    with pytest.raises(importer.InvalidData) as raised:
        import_text(db, text, format)
    assert any(e.startswith(message) for e in raised.value.errors), raised.value.errors
    assert count(db) == before


def test_a_bad_term_entry_is_named(db):
    text = export_all(db, "tbx").replace("<term>谢锋</term>", "<term>Xie</term>")
    keys = [e["import_key"] for e in exchange.found_entries(db, EVERYTHING)]
    before = count(db)
    with pytest.raises(importer.InvalidData) as raised:
        import_text(db, text, "tbx")
    assert raised.value.errors == [
        f"termEntry {keys.index('xie-feng') + 1} (xie-feng): 'Xie' has no Chinese characters"
    ]
    assert count(db) == before


def test_a_dry_run_writes_nothing(db):
    before = db.execute("SELECT count(*), max(revision) FROM entry").fetchone()
    report = import_text(db, CSV_ZH, "csv", dry_run=True)
    assert report.created == ["csv-wang-xiaohui", "csv-global-times"]
    assert db.execute("SELECT count(*), max(revision) FROM entry").fetchone() == before


# Duplicates: the same characters and kind, another key ---------------------------------------

NEW_XIE = (
    "key,kind,english,simplified,aliases,tags,source_1_quote,source_1_title,source_1_published\n"
    "ambassador-xie,person,Xie Feng,谢锋,Mr Xie | XIE Feng,diplomat,"
    '"Xie Feng, the ambassador, spoke.",Example Daily,2026-06\n'
)


def test_a_duplicate_is_skipped_by_default(db):
    before = entry_by_key(db, "xie-feng")
    report = import_text(db, NEW_XIE, "csv")
    assert (report.created, report.duplicates) == ([], ["ambassador-xie"])
    assert entry_by_key(db, "xie-feng") == before


def test_merge_adds_aliases_sources_and_tags_as_a_new_unverified_revision(db):
    before = entry_by_key(db, "xie-feng")
    report = import_text(db, NEW_XIE, "csv", on_duplicate="merge")
    assert report.duplicates == ["ambassador-xie"]
    after = entry_by_key(db, "xie-feng")
    assert after["aliases"] == ["XIE Feng", "Ambassador Xie Feng", "Mr Xie"]
    assert after["tags"] == [*before["tags"], "diplomat"]
    assert [s["title"] for s in after["sources"]][-1] == "Example Daily"
    assert len(after["sources"]) == len(before["sources"]) + 1
    assert (after["revision"], after["updated_by"], after["verified"]) == (
        before["revision"] + 1,
        "command line",
        False,
    )
    assert after["affiliations"] == before["affiliations"]
    [latest, *_] = store.revisions(db, after["id"])
    assert (latest["author"], latest["action"], latest["comment"]) == (
        "command line",
        "edit",
        "Merged from an import of glossary.csv",
    )


def test_replace_overwrites_the_fields(db):
    before = entry_by_key(db, "xie-feng")
    import_text(db, NEW_XIE, "csv", on_duplicate="replace")
    after = entry_by_key(db, "xie-feng")
    assert after["aliases"] == ["Mr Xie", "XIE Feng"]
    assert [s["title"] for s in after["sources"]] == ["Example Daily"]
    assert (after["description"], after["pinyin"], after["verified"]) == ("", "", False)
    assert after["revision"] == before["revision"] + 1
    assert after["import_key"] == "xie-feng"  # still the seed's entry


def test_merging_what_is_there_already_changes_nothing(db):
    xie = entry_by_key(db, "xie-feng")
    text = exchange.export([xie], "csv").replace("xie-feng,", "other-key,", 1)
    import_text(db, text, "csv", on_duplicate="merge")
    assert entry_by_key(db, "xie-feng")["revision"] == xie["revision"]


# The command line ---------------------------------------------------------------------------


def test_cli_export_to_stdout_and_to_a_file(runner, db, tmp_path):
    result = runner.invoke(args=["export", "--format", "json", "--query", "xie feng"])
    assert result.exit_code == 0, result.output
    keys = [r["key"] for r in json.loads(result.stdout_bytes)["entries"]]
    assert keys[0] == "xie-feng"
    path = tmp_path / "people.csv"
    result = runner.invoke(args=["export", "--format", "csv", "--kind", "person", "-o", str(path)])
    assert result.exit_code == 0
    assert path.read_bytes().startswith(codecs.BOM_UTF8 + b"key,kind,english")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 9 and {row["kind"] for row in rows} == {"person"}


def test_cli_import_guesses_the_format_and_reports(runner, db, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text(CSV_ZH, encoding="utf-8")
    result = runner.invoke(args=["import", str(path), "--dry-run"])
    assert result.output.startswith("Dry run, nothing written: would have 2 created")
    path.write_text(NEW_XIE, encoding="utf-8")
    result = runner.invoke(args=["import", str(path), "--on-duplicate", "skip"])
    assert result.exit_code == 0
    assert "1 duplicates of existing entries skipped" in result.output
    assert "duplicate ambassador-xie" in result.output


def test_cli_refuses_what_it_cannot_read(runner, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("english,simplified\ncafé résumé,x\n".encode("latin-1"))
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert "nothing was imported" in result.output and "save it as UTF-8" in result.output
    path = tmp_path / "terms.docx"
    path.write_bytes(b"PK")
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 2 and "give --format" in result.output
    path = tmp_path / "terms.xlsx"  # a workbook now, but not a zip
    path.write_bytes(b"PK")
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert "terms.xlsx: not an Excel workbook (.xlsx is a zip file)" in result.output


# The site -----------------------------------------------------------------------------------


def test_results_page_links_downloads_of_the_same_search(client):
    page = html(client.get("/search", query_string={"q": "xie", "kind": "person"}))
    links = {a.text: a["href"] for a in page.select(".downloads a")}
    assert links["CSV"] == "/export.csv?q=xie&kind=person"
    assert set(links) == {"CSV", "JSON", "TBX", "TSV", "Excel"}


def test_the_download_links_carry_every_filter_and_a_listing_none_of_its_query(client):
    page = html(client.get("/search", query_string={"q": "ai", "tag": "ai-safety"}))
    links = [(a.text, a["href"]) for a in page.select(".downloads a")]
    assert links[0] == ("CSV", "/export.csv?q=ai&tag=ai-safety")
    assert [text for text, _ in links] == ["CSV", "JSON", "TBX", "TSV", "Excel"]
    page = html(client.get("/search", query_string={"kind": "person", "verified": "1"}))
    links = {a.text: a["href"] for a in page.select(".downloads a")}
    assert links["Excel"] == "/export.xlsx?kind=person&verified=1"
    page = html(client.get("/search"))
    assert {a["href"] for a in page.select(".downloads a")} >= {"/export.json", "/export.tsv"}


def test_a_download_is_an_attachment_of_the_right_type(client, db):
    response = client.get("/export.tsv", query_string={"q": "xie feng"})
    assert response.headers["Content-Disposition"] == 'attachment; filename="glossary-xie-feng.tsv"'
    assert response.content_type == "text/tab-separated-values; charset=utf-8"
    assert response.get_data(as_text=True).startswith("Xie Feng\t谢锋\t")
    whole = client.get("/export.json")
    assert whole.get_json() == json.loads(export_all(db, "json"))


def test_entry_page_links_its_downloads(client, db):
    xie = entry_by_key(db, "xie-feng")
    page = html(client.get(f"/entries/{xie['id']}"))
    assert [a.text for a in page.select(".downloads a")] == ["CSV", "JSON", "TBX", "TSV", "Excel"]
    response = client.get(page.select(".downloads a")[2]["href"])
    assert response.headers["Content-Disposition"] == 'attachment; filename="xie-feng.tbx"'
    assert response.content_type == "application/x-tbx+xml; charset=utf-8"
    assert tbx_problems(response.get_data(as_text=True)) == []
    assert client.get("/entries/99999/export.csv").status_code == 404


def upload(client, raw: bytes, name: str, **fields):
    data = {"csrf_token": csrf_token(client, "/import"), "file": (io.BytesIO(raw), name)}
    return client.post("/import", data={**data, **fields}, content_type="multipart/form-data")


def test_import_page_is_for_editors(client, accounts_app):
    response = client.get("/import")
    assert response.status_code == 302 and "/login" in response.location


def test_upload_shows_a_dry_run_then_imports_on_confirmation(editor_client, db):
    before = count(db)
    response = upload(editor_client, CSV_ZH.encode("gb18030"), "names.csv")
    page = html(response)
    assert response.status_code == 200
    assert page.select_one("#report-heading").text == "Dry run: what importing names.csv would do"
    counts = {div.dt.text: div.dd.text for div in page.select(".import-counts div")}
    assert counts["New"] == "2" and counts["Duplicates, skipped"] == "0"
    assert count(db) == before
    confirm = page.select_one("form.confirm-import")
    data = {i["name"]: i["value"] for i in confirm.select("input")}
    response = editor_client.post(confirm["action"], data=data)
    assert html(response).select_one("#report-heading").text == "Imported from names.csv"
    assert count(db) == before + 2
    again = editor_client.post(confirm["action"], data=data)  # a kept upload is used once
    assert again.status_code == 302 and again.location.endswith("/import")


def test_another_account_cannot_confirm_an_upload(editor_client, accounts_app, db):
    page = html(upload(editor_client, CSV_ZH.encode(), "names.csv"))
    data = {i["name"]: i["value"] for i in page.select("form.confirm-import input")}
    other = accounts_app.test_client()
    assert login(other, "rev").status_code == 302
    data["csrf_token"] = csrf_token(other, "/import")
    assert other.post("/import/confirm", data=data).status_code == 302
    assert db.execute("SELECT count(*) FROM entry WHERE english = 'Global Times'").fetchone() == (
        0,
    )


def test_upload_problems_are_listed_by_line_and_field(editor_client, db):
    bad = CSV_ZH + "Bad date,坏日期,quote,title,2026-02-30\n"
    response = upload(editor_client, bad.encode(), "bad.csv")
    assert response.status_code == 400
    items = [li.text for li in html(response).select(".problems li")]
    assert items == [
        "line 4, column source_1_published: '2026-02-30' is not a real date such as 2026, "
        "2026-05 or 2026-05-12"
    ]


@pytest.mark.parametrize(
    ("lang", "raw", "name", "expected"),
    [
        (
            "zh_Hans",
            b"english,simplified\nX,\xe8\xb0\xa2,extra\n",
            "x.csv",
            "第 2 行：有 3 个单元格，但只有 2 列",
        ),
        ("zh_Hant", b"english,colour\nX,red\n", "x.csv", "第 1 行 simplified 欄：缺少此欄"),
        (
            "zh_Hans",
            b"english,simplified,verified\nX,\xe8\xb0\xa2,maybe\n",
            "x.csv",
            "第 2 行 verified 列：必须是 yes 或 no",
        ),
        (
            "zh_Hans",
            b"Xie Feng\t\xe8\xb0\xa2\xe9\x94\x8b\nlonely\n",
            "x.tsv",
            "第 2 行：有 1 个字段；应为原文、译文、备注",
        ),
        (
            "zh_Hant",
            b'{"format": "glossary/1", "entries": [}',
            "x.json",
            "x.json：不是有效的 JSON（",
        ),
        ("zh_Hans", b"<html/>", "x.tbx", "x.tbx：根元素是 <html>，而不是 <martif> 或 <tbx>"),
        ("zh_Hans", b"<martif><text><body>", "x.tbx", "x.tbx：不是格式正确的 XML（"),
        (
            "zh_Hant",
            b"english,simplified\n",
            "x.xlsx",
            "x.xlsx：不是 Excel 活頁簿（.xlsx 是 zip 檔案）",
        ),
    ],
)
def test_a_file_a_reader_cannot_read_is_refused_in_the_readers_language(
    editor_client, lang, raw, name, expected
):
    """The file's own problems (a row too long, a missing column, broken JSON or XML) are
    said in the page's language, as the records' problems are."""
    editor_client.set_cookie("lang", lang)
    response = upload(editor_client, raw, name)
    assert response.status_code == 400
    [item] = [li.text for li in html(response).select(".problems li")]
    assert item.startswith(expected), item


def test_an_undecodable_upload_is_refused_with_a_message(editor_client):
    response = upload(editor_client, b"english,simplified\nX,\x80\x80\xff\n", "x.csv")
    assert response.status_code == 400
    [item] = [li.text for li in html(response).select(".problems li")]
    assert item.startswith("x.csv is not UTF-8 or UTF-16 text")


def test_upload_needs_a_csrf_token(editor_client):
    data = {"file": (io.BytesIO(CSV_ZH.encode()), "x.csv")}
    response = editor_client.post("/import", data=data, content_type="multipart/form-data")
    assert response.status_code == 400


def test_an_unknown_extension_asks_for_the_format(editor_client):
    response = upload(editor_client, CSV_ZH.encode(), "names.dat")
    assert response.status_code == 400
    assert html(response).select_one("#format-error").text.strip().startswith("The file name")
    response = upload(editor_client, CSV_ZH.encode(), "names.dat", format="csv")
    assert response.status_code == 200


def test_an_upload_over_the_limit_gets_413(editor_client, accounts_app):
    accounts_app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    token = csrf_token(editor_client, "/import")
    # Encoded by hand: the test client spools a large upload to a file it never closes.
    body = (
        (
            f'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            '--b\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n'
        ).encode()
        + b"x" * (1024 * 1024)
        + b"\r\n--b--\r\n"
    )
    response = editor_client.post(
        "/import", data=body, content_type="multipart/form-data; boundary=b"
    )
    assert response.status_code == 413
    page = html(response)
    assert page.select_one("h1").text == "What you sent is too large."
    assert page.select_one(".error-detail").text == (
        "The file is larger than 1 MB, the most one import takes."
    )


def test_the_editor_header_links_the_import_page(editor_client):
    page = html(editor_client.get("/"))
    assert page.select_one("nav.account a[href='/import']").text == "Import"
