"""The upload page says what the reader read past, in the user's language (issue 19)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.helpers import csrf_token, html

TOOLS = Path(__file__).parent / "fixtures" / "tools"
NOTES = {
    "iate.tbx": {
        "en": "2 of 3 termEntries skipped: they have no Chinese term",
        "zh_Hans": "3 个 termEntry 中有 2 个没有中文术语，已跳过",
        "zh_Hant": "3 個 termEntry 中有 2 個沒有中文術語，已略過",
        "zh_Hant_HK": "3 個 termEntry 中有 2 個沒有中文術語，已跳過",
    },
    "excel.csv": {
        "en": "columns not in the glossary's CSV format ignored: reviewer note",
        "zh_Hans": "已忽略术语表 CSV 格式以外的列：reviewer note",
        "zh_Hant": "已忽略術語表 CSV 格式以外的欄位：reviewer note",
        "zh_Hant_HK": "已忽略術語表 CSV 格式以外的欄位：reviewer note",
    },
}


def upload(client, name: str, language: str):
    client.set_cookie("lang", language)
    data = {
        "csrf_token": csrf_token(client, "/import"),
        "file": (io.BytesIO((TOOLS / name).read_bytes()), name),
    }
    return html(client.post("/import", data=data, content_type="multipart/form-data"))


@pytest.mark.parametrize("language", ["en", "zh_Hans", "zh_Hant", "zh_Hant_HK"])
@pytest.mark.parametrize("name", sorted(NOTES))
def test_the_dry_run_and_the_import_say_what_was_read_past(editor_client, name, language):
    page = upload(editor_client, name, language)
    assert [li.text for li in page.select(".import-notes li")] == [NOTES[name][language]]
    confirm = page.select_one("form.confirm-import")
    fields = {i["name"]: i["value"] for i in confirm.select("input")}
    done = html(editor_client.post(confirm["action"], data=fields))
    assert [li.text for li in done.select(".import-notes li")] == [NOTES[name][language]]


def test_a_file_read_whole_has_no_notes(editor_client):
    page = upload(editor_client, "minimal.csv", "en")
    assert page.select_one(".import-report") is not None
    assert page.select(".import-notes") == []
