"""Every number a request or a file gives is read one way (issue 16, finding 5): ASCII digits
only, in range. "²".isdigit() is true but int("²") fails: each place that read a number with
isdigit() answered 500 to one."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.dictionary import cedict
from glossary.text.numbers import whole_number
from tests.helpers import csrf_token, entry_id, fields, html


@pytest.mark.parametrize(
    ("raw", "low", "high", "expected"),
    [
        # Plain ASCII digits, spaces around them ignored
        ("0", 0, 10, 0),
        ("7", 0, 10, 7),
        (" 12\t", 0, 100, 12),
        ("007", 0, 10, 7),
        ("999999999999999999", 0, 2**63 - 1, 999_999_999_999_999_999),
        # Digits Python's isdigit() or int() take, and no number should
        ("²", 0, 10, None),
        ("١٢", 0, 100, None),  # Arabic-Indic
        ("１２", 0, 100, None),  # full width
        ("1_000", 0, 10_000, None),
        ("+5", 0, 10, None),
        ("-1", -5, 10, None),
        ("1 2", 0, 100, None),
        ("", 0, 10, None),
        ("1\n", 0, 10, None),
        ("1234567890123456789", 0, 2**63 - 1, None),  # 19 digits: past SQLite's integers
        # Out of range
        ("0", 1, 10, None),
        ("11", 0, 10, None),
        # Not text at all
        (None, 0, 10, None),
        (5, 0, 10, None),
    ],
)
def test_whole_number(raw, low: int, high: int, expected: int | None) -> None:
    assert whole_number(raw, low, high) == expected


def test_diff_with_a_superscript_revision_is_400(client) -> None:
    xie = entry_id(client, "Xie Feng")
    response = client.get(f"/entries/{xie}/diff?from=²&to=1")
    assert response.status_code == 400
    assert "Parameter “from” must be a whole number." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("revert", {"to": "²", "revision": "1"}),
        ("revert", {"to": "1", "revision": "²"}),
        ("delete", {"reason": "duplicate", "revision": "²"}),
        ("verify", {"revision": "²"}),
    ],
)
def test_history_actions_with_a_superscript_number_are_400(
    admin_client, action: str, data: dict[str, str]
) -> None:
    xie = entry_id(admin_client, "Xie Feng")
    token = csrf_token(admin_client, f"/entries/{xie}/history")
    response = admin_client.post(f"/entries/{xie}/{action}", data={**data, "csrf_token": token})
    assert response.status_code == 400
    assert "must be a whole number" in response.get_data(as_text=True)


def _entry_form(client, path: str) -> dict[str, str]:
    return fields(html(client.get(path)).select_one("form.entry-form"))


@pytest.mark.parametrize(
    "fields",
    [
        {"related-0-entry": "Xie Feng", "related-0-entry_id": "²"},
        {"affiliations-0-organization": "#1", "affiliations-0-organization_id": "²"},
    ],
)
def test_the_edit_form_reads_superscript_ids_as_no_id(editor_client, fields) -> None:
    xie = entry_id(editor_client, "Xie Feng")
    data = _entry_form(editor_client, f"/entries/{xie}/edit")
    response = editor_client.post(f"/entries/{xie}/edit", data={**data, **fields})
    assert response.status_code in (302, 400)  # saved, or refused beside the field


def test_an_edit_whose_revision_is_a_superscript_is_400(editor_client) -> None:
    xie = entry_id(editor_client, "Xie Feng")
    data = _entry_form(editor_client, f"/entries/{xie}/edit")
    response = editor_client.post(f"/entries/{xie}/edit", data={**data, "revision": "²"})
    assert response.status_code == 400


def test_created_drafts_with_a_superscript_id_are_left_out(editor_client) -> None:
    xie = entry_id(editor_client, "Xie Feng")
    page = html(editor_client.get(f"/read/created?ids=²,{xie},٣"))
    assert [e.get_text() for e in page.select(".results .english")] == ["Xie Feng"]


def test_drafts_with_superscript_hidden_ids_are_read_as_none(editor_client) -> None:
    token = csrf_token(editor_client, "/read")
    text = "The Shanghai AI Laboratory (上海人工智能实验室, SHLAB) presented its work."
    response = editor_client.post(
        "/read", data={"text": text, "csrf_token": token}, content_type="multipart/form-data"
    )
    data = fields(html(response).select_one(".drafts-form"))
    data.update(
        {
            "title": "A report",
            "published": "2026-05-13",
            "drafts-0-selected": "y",
            "drafts-0-organization_id": "²",
            "drafts-0-existing_entry_id": "²",
        }
    )
    response = editor_client.post("/read/drafts", data=data)
    assert response.status_code == 302


def test_a_cedict_header_with_a_superscript_count_reads_as_unknown(tmp_path: Path) -> None:
    path = tmp_path / "cedict_ts.u8"
    path.write_text("#! entries=²\n#! date=2023-11-07T06:42:16Z\n中國 中国 [Zhong1 guo2] /China/\n")
    assert cedict.edition_of(path).entries == 0


def test_suggestions_refuse_a_superscript_exclude(client) -> None:
    response = client.get("/entries/suggest?hanzi=谢锋&exclude=²")
    assert response.status_code == 400
    assert response.get_json() == {"error": "parameter 'exclude': must be a whole number"}
