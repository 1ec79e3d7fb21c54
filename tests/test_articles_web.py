"""The "Read an article" page, the drafts editors create from it, and POST /api/extract."""

from __future__ import annotations

import io
import json

import pytest

from glossary.store.connection import connect
from tests.helpers import csrf_token, entry_id, html

ARTICLE = (
    "In an interview, the Chinese Ambassador to the United States, XIE Feng (谢锋), signaled "
    "support. Tsinghua CISS hosted him.\n\n"
    "Its chief engineer, Wang Xiaojun (王晓晖), said tests were voluntary. The Shanghai AI "
    "Laboratory (上海人工智能实验室, SHLAB) presented its work, and ZHOU Bowen (周伯文), "
    "director of SHLAB, spoke."
)


def read(client, **data):
    """Send the "Read an article" form as a browser would, CSRF token included."""
    token = csrf_token(client, "/read")
    return client.post(
        "/read", data={**data, "csrf_token": token}, content_type="multipart/form-data"
    )


# The API ---------------------------------------------------------------------------------------


def test_api_marks_known_entries(client) -> None:
    answer = client.post("/api/extract", json={"text": ARTICLE}).get_json()
    known = [(k["surface"], k["entry_id"]) for k in answer["known"]]
    xie = entry_id(client, "Xie Feng")
    ciss = entry_id(client, "Center for International Security and Strategy")
    assert known == [("XIE Feng", xie), ("谢锋", xie), ("Tsinghua CISS", ciss)]
    first = answer["known"][0]
    assert ARTICLE[first["start"] : first["end"]] == "XIE Feng"


def test_api_candidates(client) -> None:
    answer = client.post("/api/extract", json={"text": ARTICLE}).get_json()
    by_english = {c["english"]: c for c in answer["candidates"]}
    assert list(by_english) == ["XIE Feng", "Wang Xiaojun", "Shanghai AI Laboratory", "ZHOU Bowen"]
    xie = by_english["XIE Feng"]
    assert xie["existing_entry_id"] == entry_id(client, "Xie Feng")
    assert xie["romanization_mismatch"] is False
    assert xie["pinyin"] == "Xiè Fēng"
    assert xie["affiliation"] == "Chinese Ambassador to the United States"
    wang = by_english["Wang Xiaojun"]
    assert wang["romanization_mismatch"] is True
    assert "晖 reads huī, not jun" in wang["mismatch"]
    assert (wang["pinyin"], wang["kind"], wang["existing_entry_id"]) == (
        "Wáng Xiǎohuī",
        "person",
        None,
    )
    lab = by_english["Shanghai AI Laboratory"]
    assert (lab["simplified"], lab["traditional"], lab["kind"]) == (
        "上海人工智能实验室",
        "上海人工智能實驗室",
        "organization",
    )
    assert lab["surface"] == "Shanghai AI Laboratory (上海人工智能实验室, SHLAB)"
    assert ARTICLE[lab["start"] : lab["end"]] == lab["surface"]
    assert lab["context"].startswith("The Shanghai AI Laboratory (")
    expected_keys = {"english", "simplified", "traditional", "pinyin", "kind", "affiliation"}
    expected_keys |= {"context", "surface", "start", "end", "romanization_mismatch", "mismatch"}
    assert expected_keys | {"existing_entry_id"} <= set(lab)


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (b'{"text": ""}', 400, "text is empty"),
        (b'{"text": "   "}', 400, "text is empty"),
        (b"{}", 400, "text is required"),
        (b'{"text": 5}', 400, "text is required"),
        (b"[1]", 400, "must be a JSON object"),
        (b"not json", 400, "not valid JSON"),
        (b'{"text": "\\ud800"}', 400, "lone surrogates"),
        (json.dumps({"text": "a" * 200_001}).encode(), 413, "longer than 200000 characters"),
        (b'{"text": "' + b"a" * (1024 * 1024) + b'"}', 413, "larger than"),
    ],
)
def test_api_refuses(client, body: bytes, status: int, message: str) -> None:
    response = client.post("/api/extract", data=body, content_type="application/json")
    assert response.status_code == status
    assert message in response.get_json()["error"]


def test_api_does_not_mark_a_deleted_entry(client, db) -> None:
    xie = entry_id(client, "Xie Feng")
    db.execute("UPDATE entry SET deleted = '2026-01-01', delete_reason = 'x' WHERE id = ?", [xie])
    db.conn.commit()
    answer = client.post("/api/extract", json={"text": ARTICLE}).get_json()
    assert xie not in {k["entry_id"] for k in answer["known"]}


# The page, for everyone ------------------------------------------------------------------------


def test_page_marks_the_article(client) -> None:
    page = html(read(client, text=ARTICLE))
    marks = page.select(".article-body a.known")
    assert [m.contents[0] for m in marks] == ["XIE Feng", "谢锋", "Tsinghua CISS"]
    gloss = marks[0].select_one(".gloss")
    assert gloss.get_text(" ", strip=True) == "谢锋 謝鋒 Xiè Fēng"
    assert marks[0]["href"] == f"/entries/{entry_id(client, 'Xie Feng')}"
    found = [a.select_one("span").get_text() for a in page.select(".found-list li > a")]
    assert found == ["Xie Feng", "Center for International Security and Strategy"]
    # Anyone sees the drafts and their checks, without the form
    assert page.select_one(".drafts-form") is None
    cards = page.select(".draft-card")
    assert [c.select_one(".english").get_text() for c in cards] == [
        "XIE Feng",
        "Wang Xiaojun",
        "Shanghai AI Laboratory",
        "ZHOU Bowen",
    ]
    assert "晖 reads huī, not “jun”." in cards[1].select_one(".mismatch").get_text(" ")


def test_page_needs_text(client) -> None:
    response = read(client, text="  ")
    assert response.status_code == 400
    assert "Paste an article" in html(response).select_one(".field-error").get_text()


def test_page_in_chinese(client) -> None:
    response = client.get("/read?lang=zh_Hans")
    assert html(response).select_one("h1").get_text() == "分析文章"


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("article.txt", ARTICLE.encode("utf-8")),
        ("article.txt", ARTICLE.encode("gb18030")),
        ("article.md", ("# Title\n\n" + ARTICLE.replace("XIE Feng", "**XIE Feng**")).encode()),
        ("article.html", f"<html><body><p>{ARTICLE}</p></body></html>".encode()),
    ],
)
def test_upload(client, name: str, raw: bytes) -> None:
    response = read(client, file=(io.BytesIO(raw), name))
    assert response.status_code == 200
    page = html(response)
    assert [m.contents[0] for m in page.select("a.known")][:2] == ["XIE Feng", "谢锋"]


def test_upload_of_another_kind_is_refused(client) -> None:
    response = read(client, file=(io.BytesIO(b"%PDF-1.7"), "article.pdf"))
    assert response.status_code == 400
    assert "Upload a .txt, .md or .html file." in response.get_data(as_text=True)


def test_an_upload_that_is_not_text_is_refused_in_the_readers_language(client) -> None:
    """The reason, too, is said in the page's language."""
    client.set_cookie("lang", "zh_Hans")
    response = read(client, file=(io.BytesIO(b"a\x00b\x00c"), "article.txt"))
    assert response.status_code == 400
    errors = [e.text.strip() for e in html(response).select("#file-error, .field-error")]
    assert "无法将文件读取为文本：文件含有 NUL 字节，且不是 UTF-16 文本。" in errors, errors


def test_html_upload_prefills_the_source(editor_client) -> None:
    page = (
        '<html><head><title>AI talks</title><meta property="og:site_name" content="Example '
        'News"><meta property="article:published_time" content="2026-05-13T08:00:00Z">'
        '<link rel="canonical" href="https://example.com/ai-talks"></head><body><p>'
        + ARTICLE
        + "</p></body></html>"
    ).encode()
    response = read(editor_client, file=(io.BytesIO(page), "a.html"))
    form = html(response).select_one(".drafts-form")
    values = {
        name: form.select_one(f"input[name={name}]")["value"]
        for name in ("title", "publisher", "url", "published")
    }
    assert values == {
        "title": "AI talks",
        "publisher": "Example News",
        "url": "https://example.com/ai-talks",
        "published": "2026-05-13",
    }


# Drafts, for editors --------------------------------------------------------------------------


def _drafts_form(client) -> tuple[dict[str, str], list[str]]:
    """Read ARTICLE as an editor; return the drafts form's fields as a browser would send them."""
    response = read(client, text=ARTICLE)
    form = html(response).select_one(".drafts-form")
    data = {}
    for field in form.select("input, textarea, select"):
        name = field.get("name")
        if not name or field.get("type") == "checkbox":
            continue
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen["value"]
        else:
            data[name] = field.get("value", "")
    english = [form.select_one(f"input[name='drafts-{i}-english']")["value"] for i in range(4)]
    return data, english


def test_editor_creates_two_drafts_in_one_step(editor_client, db) -> None:
    data, english = _drafts_form(editor_client)
    assert english == ["XIE Feng", "Wang Xiaojun", "Shanghai AI Laboratory", "ZHOU Bowen"]
    data.update(
        {
            "title": "Beijing's AI safety institutions",
            "publisher": "Example News",
            "url": "https://example.com/a",
            "published": "2026-05-13",
            "drafts-2-selected": "y",
            "drafts-3-selected": "y",
            "drafts-3-english": "Zhou Bowen",  # edited inline
        }
    )
    response = editor_client.post("/read/drafts", data=data)
    assert response.status_code == 302
    rows = db.execute(
        "SELECT english, simplified, pinyin, kind, verified, description FROM entry"
        " WHERE simplified IN ('上海人工智能实验室', '周伯文') ORDER BY id"
    ).fetchall()
    assert rows == [
        (
            "Shanghai AI Laboratory",
            "上海人工智能实验室",
            "Shànghǎi Réngōng Zhìnéng Shíyànshì",
            "organization",
            0,
            "",
        ),
        ("Zhou Bowen", "周伯文", "Zhōu Bówén", "person", 0, "director of SHLAB"),
    ]
    sources = db.execute(
        "SELECT s.title, s.publisher, s.url, s.published, s.quote FROM source s"
        " JOIN entry e ON e.id = s.entry_id WHERE e.simplified = '周伯文'"
    ).fetchall()
    assert sources == [
        (
            "Beijing's AI safety institutions",
            "Example News",
            "https://example.com/a",
            "2026-05-13",
            "The Shanghai AI Laboratory (上海人工智能实验室, SHLAB) presented its work, and ZHOU"
            " Bowen (周伯文), director of SHLAB, spoke.",
        )
    ]
    revisions = db.execute(
        "SELECT r.action, r.author FROM revision r JOIN entry e ON e.id = r.entry_id"
        " WHERE e.simplified IN ('上海人工智能实验室', '周伯文')"
    ).fetchall()
    assert revisions == [("create", "ed"), ("create", "ed")]
    created = html(editor_client.get(response.headers["Location"]))
    assert [e.get_text() for e in created.select(".results .english")] == [
        "Shanghai AI Laboratory",
        "Zhou Bowen",
    ]


def test_existing_entry_gets_a_further_source(editor_client, db) -> None:
    data, _ = _drafts_form(editor_client)
    assert data["drafts-0-action"] == "source"  # XIE Feng is in the glossary already
    data.update({"title": "T", "published": "2026-05", "drafts-0-selected": "y"})
    assert editor_client.post("/read/drafts", data=data).status_code == 302
    quotes = db.execute(
        "SELECT s.quote FROM source s JOIN entry e ON e.id = s.entry_id"
        " WHERE e.english = 'Xie Feng' ORDER BY s.position"
    ).fetchall()
    assert quotes[-1][0].startswith("In an interview, the Chinese Ambassador")
    assert db.execute("SELECT count(*) FROM entry WHERE simplified = '谢锋'").fetchone() == (1,)


def test_one_bad_draft_saves_nothing(editor_client, db) -> None:
    data, _ = _drafts_form(editor_client)
    before = db.execute("SELECT count(*) FROM entry").fetchone()
    data.update(
        {
            "title": "T",
            "published": "2026-13-45",  # not a date
            "drafts-2-selected": "y",
            "drafts-3-selected": "y",
            "drafts-3-simplified": "Zhou",  # no characters
        }
    )
    response = editor_client.post("/read/drafts", data=data)
    assert response.status_code == 400
    page = html(response)
    assert "Nothing was saved" in page.select_one(".form-error").get_text()
    errors = [e.get_text(" ", strip=True) for e in page.select(".field-error")]
    assert "must be a real date: YYYY, YYYY-MM or YYYY-MM-DD" in errors
    assert "must contain Chinese characters" in errors
    assert db.execute("SELECT count(*) FROM entry").fetchone() == before


def test_a_refused_form_keeps_each_drafts_checks(editor_client) -> None:
    data, _ = _drafts_form(editor_client)
    assert (data["drafts-1-romanized"], data["drafts-1-written_pinyin"]) == ("1", "")
    data.update({"title": "T", "published": "2026-13-45", "drafts-1-selected": "y"})
    data["drafts-3-english"] = "Zhou Bowen"  # corrected by the editor: no longer flagged
    response = editor_client.post("/read/drafts", data=data)
    assert response.status_code == 400
    cards = html(response).select(".draft-card")
    assert "晖 reads huī, not “jun”." in cards[1].select_one(".mismatch").get_text(" ")
    assert [c.select_one(".mismatch") is not None for c in cards] == [False, True, False, False]
    existing = cards[0].select_one(".check.existing")
    assert existing.a.get_text() == "Xie Feng"  # XIE Feng is in the glossary already


def test_nothing_ticked(editor_client) -> None:
    data, _ = _drafts_form(editor_client)
    response = editor_client.post("/read/drafts", data=data)
    assert response.status_code == 400
    assert "Tick the drafts to create." in response.get_data(as_text=True)


def test_drafts_need_an_editor(client) -> None:
    response = client.post("/read/drafts", data={"csrf_token": csrf_token(client, "/read")})
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_drafts_refuse_a_missing_csrf_token(accounts_app) -> None:
    accounts_app.config["WTF_CSRF_ENABLED"] = True
    from tests.helpers import login

    client = accounts_app.test_client()
    login(client, "ed")
    response = client.post("/read/drafts", data={"drafts-0-selected": "y"})
    assert response.status_code == 400


def test_database_unchanged_by_reading(client, app) -> None:
    database = connect(app.config["DATABASE"])
    before = database.execute("SELECT count(*), max(revision) FROM entry").fetchone()
    read(client, text=ARTICLE)
    client.post("/api/extract", json={"text": ARTICLE})
    assert database.execute("SELECT count(*), max(revision) FROM entry").fetchone() == before
