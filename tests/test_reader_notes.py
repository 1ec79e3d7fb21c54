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


# Problems, in the user's language too ----------------------------------------------------------

BAD_CSV = "english,simplified,pinyin\nwriting,写,xiě\nXie Feng,谢锋,xie fneg\nthe state,,\n"
PROBLEMS = {
    "en": [
        "line 3, column pinyin: 'xie fneg' is not Hanyu Pinyin",
        "line 4, column simplified: the simplified Chinese is empty",
    ],
    "zh_Hans": [
        "第 3 行 pinyin 列：“xie fneg”不是汉语拼音",
        "第 4 行 simplified 列：简体中文为空",
    ],
    "zh_Hant": [
        "第 3 行 pinyin 欄：「xie fneg」不是漢語拼音",
        "第 4 行 simplified 欄：簡體中文為空",
    ],
    "zh_Hant_HK": [
        "第 3 行 pinyin 列：「xie fneg」不是漢語拼音",
        "第 4 行 simplified 列：簡體中文為空",
    ],
}


def upload_text(client, text: str, name: str, language: str, **fields):
    client.set_cookie("lang", language)
    data = {
        "csrf_token": csrf_token(client, "/import"),
        "file": (io.BytesIO(text.encode()), name),
        **fields,
    }
    return client.post("/import", data=data, content_type="multipart/form-data")


@pytest.mark.parametrize("language", sorted(PROBLEMS))
def test_a_refused_file_is_explained_in_the_users_language(editor_client, language):
    response = upload_text(editor_client, BAD_CSV, "bad.csv", language)
    assert response.status_code == 400
    assert [li.text for li in html(response).select(".problems li")] == PROBLEMS[language]


@pytest.mark.parametrize("language", ["en", "zh_Hans"])
def test_records_left_out_are_listed_in_the_users_language(editor_client, language):
    response = upload_text(editor_client, BAD_CSV, "bad.csv", language, skip_invalid="y")
    assert response.status_code == 200
    page = html(response)
    assert [li.text for li in page.select(".import-report .problems li")] == PROBLEMS[language]


def test_a_tbx_problem_names_the_term_entry_and_its_key_in_chinese(editor_client):
    tbx = (TOOLS / "translate-toolkit.tbx").read_text(encoding="utf-8")
    bad = tbx.replace("打开", "open", 1)
    assert bad != tbx
    response = upload_text(editor_client, bad, "bad.tbx", "zh_Hans")
    assert response.status_code == 400
    (problem,) = [li.text for li in html(response).select(".problems li")]
    assert problem.startswith("第 1 个 termEntry")
    assert problem.endswith("“open”不含汉字")


def test_after_twenty_problems_the_page_says_how_many_more_in_its_language(editor_client):
    text = "english,simplified\n" + "".join(f"term {n},\n" for n in range(25))
    response = upload_text(editor_client, text, "many.csv", "zh_Hant")
    items = [li.text for li in html(response).select(".problems li")]
    assert len(items) == 21
    assert items[0] == "第 2 行 simplified 欄：簡體中文為空"
    assert items[-1] == "另有 5 個問題"
