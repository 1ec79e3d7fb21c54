"""The forms journalists paste: on entry pages, search results, the entry form and drafts."""

from __future__ import annotations

import pytest

from glossary.text import names, romanize
from tests.helpers import add_account, csrf_token, entry_id, html, login

# names.paste_forms: (characters, kind, the entry's pinyin / English / romanization) → forms.
PERSON = ("surname_caps", "with_characters", "second_reference", "tone_marks", "tone_numbers")


@pytest.mark.parametrize(
    ("characters", "kind", "given", "expected"),
    [
        # A Chinese name from its characters alone: surname first.
        (
            "谢锋",
            "person",
            {},
            ["XIE Feng", "Xie Feng (谢锋)", "Xie", "Xiè Fēng", "Xie4 Feng1"],
        ),
        # A compound surname is one word, capitals and all.
        (
            "欧阳修",
            "person",
            {},
            ["OUYANG Xiu", "Ouyang Xiu (欧阳修)", "Ouyang", "Ōuyáng Xiū", "Ou1yang2 Xiu1"],
        ),
        # The entry's own pinyin wins over the reading of its characters.
        (
            "曾庆红",
            "person",
            {"pinyin": "Zēng Qìnghóng"},
            [
                "ZENG Qinghong",
                "Zeng Qinghong (曾庆红)",
                "Zeng",
                "Zēng Qìnghóng",
                "Zeng1 Qing4hong2",
            ],
        ),
        # A published romanization: the house styles are written from it; pinyin still shown.
        (
            "蔡英文",
            "person",
            {"english": "Tsai Ing-wen", "romanization": "Tsai Ing-wen"},
            ["TSAI Ing-wen", "Tsai Ing-wen (蔡英文)", "Tsai", "Cài Yīngwén", "Cai4 Ying1wen2"],
        ),
    ],
)
def test_the_forms_of_a_persons_name(characters, kind, given, expected):
    forms = [f for f in names.paste_forms(characters, kind, **given) if not f.system]
    assert [f.name for f in forms] == list(PERSON)
    assert [f.text for f in forms] == expected


@pytest.mark.parametrize(
    ("characters", "kind", "given", "expected"),
    [
        # An organization: its English with the characters, then its pinyin.
        (
            "清华大学",
            "organization",
            {"english": "Tsinghua University", "pinyin": "Qīnghuá Dàxué"},
            [
                ("with_characters", "Tsinghua University (清华大学)"),
                ("tone_marks", "Qīnghuá Dàxué"),
                ("tone_numbers", "Qing1hua2 Da4xue2"),
            ],
        ),
        # A place: its pinyin without tones too, unless the English is just that.
        (
            "新疆",
            "place",
            {"english": "Xinjiang Uyghur Autonomous Region"},
            [
                ("with_characters", "Xinjiang Uyghur Autonomous Region (新疆)"),
                ("plain", "Xinjiang"),
                ("tone_marks", "Xīnjiāng"),
                ("tone_numbers", "Xin1jiang1"),
            ],
        ),
        (
            "北京",
            "place",
            {"english": "Beijing"},
            [
                ("with_characters", "Beijing (北京)"),
                ("tone_marks", "Běijīng"),
                ("tone_numbers", "Bei3jing1"),
            ],
        ),
        # A foreign name in characters has no Chinese surname to write in capitals.
        (
            "唐纳德·特朗普",
            "person",
            {"english": "Donald Trump", "pinyin": "Tángnàdé Tèlǎngpǔ"},
            [
                ("with_characters", "Donald Trump (唐纳德·特朗普)"),
                ("tone_marks", "Tángnàdé Tèlǎngpǔ"),
                ("tone_numbers", "Tang2na4de2 Te4lang3pu3"),
            ],
        ),
        # A term.
        (
            "逐顶竞争",
            "term",
            {"english": "race to the top", "pinyin": "zhúdǐng jìngzhēng"},
            [
                ("with_characters", "race to the top (逐顶竞争)"),
                ("tone_marks", "zhúdǐng jìngzhēng"),
                ("tone_numbers", "zhu2ding3 jing4zheng1"),
            ],
        ),
    ],
)
def test_places_organizations_and_terms_get_the_forms_that_apply(characters, kind, given, expected):
    forms = [f for f in names.paste_forms(characters, kind, **given) if not f.system]
    assert [(f.name, f.text) for f in forms] == expected


def test_nothing_to_write_without_characters():
    assert names.paste_forms("abc", "person") == []


def test_the_other_systems_come_from_romanize_when_it_has_them(monkeypatch):
    systems = {"wade_giles": "Hsieh Feng", "taiwan": "Hsieh Feng", "hong_kong": "Tse Fung"}
    monkeypatch.setattr(
        romanize, "systems", lambda characters, kind, pinyin=None: systems, raising=False
    )
    forms = names.paste_forms("谢锋", "person")
    assert [(f.name, f.text) for f in forms if f.system] == [
        ("wade_giles", "Hsieh Feng"),
        ("taiwan", "Hsieh Feng"),
        ("hong_kong", "Tse Fung"),
    ]
    # Organizations and terms are translated: no other systems for them.
    assert not [f for f in names.paste_forms("清华大学", "organization") if f.system]


def test_without_romanize_systems_only_pinyin_forms(monkeypatch):
    monkeypatch.delattr(romanize, "systems", raising=False)
    assert [f.name for f in names.paste_forms("谢锋", "person")] == list(PERSON)


# The entry page's "How to write it" ----------------------------------------------------------


def paste_rows(page) -> list[tuple[str, str, str]]:
    """The rows of "How to write it": (label, form, what its copy button copies)."""
    section = page.select_one("section.paste-forms")
    return [
        (
            row.select_one("dt").get_text(strip=True),
            row.select_one(".form-value").get_text(strip=True),
            row.select_one("button.copy")["data-copy"],
        )
        for row in section.select(".form-row")
    ]


def test_a_persons_page_shows_how_to_write_the_name(client, monkeypatch):
    monkeypatch.delattr(romanize, "systems", raising=False)
    page = html(client.get(f"/entries/{entry_id(client, 'Xie Feng')}"))
    assert page.select_one("#paste-heading").get_text() == "How to write it"
    assert paste_rows(page) == [
        ("Surname in capitals", "XIE Feng", "XIE Feng"),
        ("With the characters", "Xie Feng (谢锋)", "Xie Feng (谢锋)"),
        ("Second reference", "Xie", "Xie"),
        ("Pinyin with tone marks", "Xiè Fēng", "Xiè Fēng"),
        ("Pinyin with tone numbers", "Xie4 Feng1", "Xie4 Feng1"),
    ]
    assert page.select_one("section.paste-forms h3") is None  # no other systems to show


def test_the_other_systems_are_labelled(client, monkeypatch):
    systems = {"wade_giles": "Hsieh Feng", "hong_kong": "Tse Fung", "macau": "Che Fong"}
    monkeypatch.setattr(
        romanize, "systems", lambda characters, kind, pinyin=None: systems, raising=False
    )
    page = html(client.get(f"/entries/{entry_id(client, 'Xie Feng')}"))
    assert page.select_one("section.paste-forms h3").get_text() == "In other romanizations"
    assert paste_rows(page)[5:] == [
        ("Wade–Giles", "Hsieh Feng", "Hsieh Feng"),
        ("Hong Kong (Cantonese)", "Tse Fung", "Tse Fung"),
        ("Macau (Cantonese)", "Che Fong", "Che Fong"),
    ]


def test_an_organizations_page_has_the_forms_that_apply(client):
    page = html(client.get(f"/entries/{entry_id(client, 'Tsinghua University')}"))
    assert paste_rows(page) == [
        ("With the characters", "Tsinghua University (清华大学)", "Tsinghua University (清华大学)"),
        ("Pinyin with tone marks", "Qīnghuá Dàxué", "Qīnghuá Dàxué"),
        ("Pinyin with tone numbers", "Qing1hua2 Da4xue2", "Qing1hua2 Da4xue2"),
    ]


def test_how_to_write_it_is_translated(client):
    page = html(client.get(f"/entries/{entry_id(client, 'Xie Feng')}?lang=zh_Hant"))
    assert page.select_one("#paste-heading").get_text() == "稿件中的寫法"
    assert [label for label, _, _ in paste_rows(page)][:3] == ["姓氏大寫", "附漢字", "再次提及"]


# Search results: the characters and the pinyin to copy ----------------------------------------


def test_each_result_has_its_characters_and_pinyin_to_copy(client):
    page = html(client.get("/search", query_string={"q": "xie4 feng1"}))
    first = page.select_one("ol.results li")
    buttons = first.select(".card-copy button.copy")
    assert [b["data-copy"] for b in buttons] == ["谢锋", "Xiè Fēng"]
    assert [b.get_text(strip=True) for b in buttons] == ["Copy characters", "Copy pinyin"]
    assert all(b.has_attr("hidden") for b in buttons)  # shown by glossary.js with a clipboard


def test_the_copied_characters_are_in_the_pages_script(client):
    page = html(client.get("/search", query_string={"q": "xie4 feng1", "lang": "zh_Hant"}))
    first = page.select_one("ol.results li")
    assert first.select(".card-copy button.copy")[0]["data-copy"] == "謝鋒"


# The entry form's suggestions -----------------------------------------------------------------


def test_the_entry_form_suggests_the_forms(client, app):

    add_account(app, "ed", "editor")
    login(client, "ed")
    answer = client.get("/entries/suggest", query_string={"hanzi": "谢锋", "kind": "person"})
    forms = answer.get_json()["forms"]
    assert [(f["label"], f["text"]) for f in forms if not f["system"]] == [
        ("Surname in capitals", "XIE Feng"),
        ("With the characters", "Xie Feng (谢锋)"),
        ("Second reference", "Xie"),
        ("Pinyin with tone marks", "Xiè Fēng"),
        ("Pinyin with tone numbers", "Xie4 Feng1"),
    ]


def test_the_entry_forms_suggestions_follow_the_typed_pinyin(client, app):

    add_account(app, "ed", "editor")
    login(client, "ed")
    query = {"hanzi": "曾庆红", "kind": "person", "pinyin": "Zeng1 Qing4hong2"}
    forms = client.get("/entries/suggest", query_string=query).get_json()["forms"]
    assert [f["text"] for f in forms][:2] == ["ZENG Qinghong", "Zeng Qinghong (曾庆红)"]
    assert forms[3]["text"] == "Zēng Qìnghóng"


def test_the_entry_forms_suggestions_refuse_overlong_pinyin(client, app):

    add_account(app, "ed", "editor")
    login(client, "ed")
    query = {"hanzi": "谢锋", "kind": "person", "pinyin": "xie " * 300}
    response = client.get("/entries/suggest", query_string=query)
    assert response.status_code == 400
    assert "pinyin" in response.get_json()["error"]


# The article reader's drafts ------------------------------------------------------------------

ARTICLE = "Its chief engineer, ZHOU Bowen (周伯文), spoke."


def read(client, text: str):
    """Send the "Read an article" form as a browser would, CSRF token included."""
    token = csrf_token(client, "/read")
    return client.post(
        "/read", data={"text": text, "csrf_token": token}, content_type="multipart/form-data"
    )


def draft_forms(card) -> list[tuple[str, str]]:
    return [
        (row.select_one("dt").get_text(strip=True), row.select_one(".form-value").get_text())
        for row in card.select(".draft-paste-forms .form-row")
    ]


ZHOU_BOWEN = [
    ("Surname in capitals", "ZHOU Bowen"),
    ("With the characters", "Zhou Bowen (周伯文)"),
    ("Second reference", "Zhou"),
    ("Pinyin with tone marks", "Zhōu Bówén"),
    ("Pinyin with tone numbers", "Zhou1 Bo2wen2"),
]


def test_a_drafts_forms_are_shown_to_anyone(client, monkeypatch):
    monkeypatch.delattr(romanize, "systems", raising=False)
    [card] = html(read(client, ARTICLE)).select(".draft-card")
    assert draft_forms(card) == ZHOU_BOWEN
    assert card.select(".draft-paste-forms button.add-alias") == []  # no form to add to


def test_an_editor_can_add_a_drafts_form_as_an_alias(client, app, monkeypatch):
    monkeypatch.delattr(romanize, "systems", raising=False)
    add_account(app, "ed", "editor")
    login(client, "ed")
    [card] = html(read(client, ARTICLE)).select(".draft-card")
    assert draft_forms(card) == ZHOU_BOWEN
    buttons = card.select(".draft-paste-forms button.add-alias")
    assert [b["data-alias"] for b in buttons] == [text for _, text in ZHOU_BOWEN]
    aliases = card.select_one("textarea[name$=aliases]")
    assert {b["data-target"] for b in buttons} == {aliases["id"]}
