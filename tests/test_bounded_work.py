"""Bounded work per request (issue 16, finding 2): an article upload is limited and refused
before it is decoded or parsed when it is surely too long; HTML to text and encoding detection
do work in proportion to their input. Each test counts the work done, never the time."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from glossary.articles import files as article_files
from glossary.exchange import decoding
from tests.helpers import ScannedText, WorkExceeded, csrf_token, html, within_lines

NESTED = "<div>x" * 20_000 + "</div>" * 20_000  # 220 KB of nested blocks
FLAT = "<ul>" + "<li>word</li>" * 20_000 + "</ul>"  # 260 KB of flat blocks
LINES_PER_NODE = 30  # the walk runs about a dozen lines a node; quadratic runs thousands


def _many_distinct_characters(size: int) -> str:
    """Text of 60,000 distinct ideographs (unified and extension B), repeated to size bytes of
    GB18030."""
    chars = [chr(c) for c in range(0x4E00, 0x9FA6)] + [chr(c) for c in range(0x20000, 0x2ADDB)]
    unit = "".join(chars[:60_000])
    repeats = size // len(unit.encode("gb18030")) + 1
    return unit * repeats


@pytest.mark.parametrize("page", [NESTED, FLAT], ids=["nested", "flat"])
def test_page_text_visits_each_node_once(page: str) -> None:
    parsed = BeautifulSoup(page, "html.parser")
    nodes = 40_000
    text, lines = within_lines(LINES_PER_NODE * nodes, article_files.page_text, parsed)
    # Nested blocks end together: their text is one paragraph; flat ones are 20,000
    assert text.split("\n\n") == (["x" * 20_000] if page is NESTED else ["word"] * 20_000)


def test_page_text_keeps_blocks_apart_and_drops_what_is_hidden() -> None:
    page = BeautifulSoup(
        "<html><head><title>T</title></head><body><nav>menu</nav><p>One <b>bold</b> word"
        "</p><div>Two<br>three</div><script>x()</script><!-- note --><li>four</li></body>",
        "html.parser",
    )
    assert article_files.page_text(page) == "One bold word\n\nTwo\n\nthree\n\nfour"


def test_common_share_counts_the_text_once() -> None:
    text = _many_distinct_characters(5 * 1024 * 1024)
    ScannedText.budget, ScannedText.scanned = len(text), 0
    # Lines run grow with the distinct characters (60,000), never with the text's length.
    share, _ = within_lines(40 * 60_000, decoding.common_share, ScannedText(text), "GB18030")
    assert ScannedText.scanned <= len(text)
    assert share < 0.2


def test_detecting_a_5_mb_gb18030_file_of_many_characters_is_linear() -> None:
    raw = _many_distinct_characters(5 * 1024 * 1024).encode("gb18030")
    assert len(raw) > 5 * 1024 * 1024
    with pytest.raises(decoding.Undecodable, match="does not read clearly"):
        within_lines(40 * 60_000, decoding.decode, raw)


def test_the_work_counter_catches_quadratic_work() -> None:
    """The counter itself: counting every character anew for each distinct one is caught."""

    def quadratic(text: str) -> int:
        return sum(text.count(char) for char in set(text))

    ScannedText.budget, ScannedText.scanned = 10_000, 0
    with pytest.raises(WorkExceeded):
        quadratic(ScannedText("abcdefghij" * 1000))


# The page and the API refuse what is too large before reading it ------------------------------


def _post_file(client, name: str, raw: bytes):
    token = csrf_token(client, "/read")
    # Encoded by hand: the test client spools a large upload to a file it never closes.
    body = (
        (
            f'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f'--b\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n\r\n'
        ).encode()
        + raw
        + b"\r\n--b--\r\n"
    )
    return client.post("/read", data=body, content_type="multipart/form-data; boundary=b")


def _never(*args, **kwargs):
    raise AssertionError("called for an upload that should have been refused first")


def test_an_upload_over_1_mb_is_refused_unread(client, monkeypatch) -> None:
    monkeypatch.setattr(article_files, "read", _never)
    response = _post_file(client, "a.html", b"<p>x</p>" * 140_000)
    assert response.status_code == 413
    message = html(response).select_one(".field-error").get_text()
    assert message == "The file is larger than 1 MB. Send the article in parts."


@pytest.mark.parametrize("name", ["a.txt", "a.md"])
def test_plain_text_far_past_the_limit_is_refused_before_decoding(
    client, monkeypatch, name: str
) -> None:
    monkeypatch.setattr(decoding, "decode", _never)
    response = _post_file(client, name, b"a" * 900_000)
    assert response.status_code == 413
    message = html(response).select_one(".field-error").get_text()
    assert message == "The article is longer than 200000 characters. Send it in parts."


def test_a_text_file_just_past_the_limit_is_refused_before_it_is_read(client) -> None:
    response = _post_file(client, "a.txt", "谢".encode() * 200_001)
    assert response.status_code == 413
    assert "longer than 200000 characters" in html(response).select_one(".field-error").text


def test_api_refuses_a_large_body_before_reading_it(client, monkeypatch) -> None:
    from glossary.web.api import input as api_input

    monkeypatch.setattr(api_input, "json_object", _never)
    body = b'{"text": "' + b"a" * (1024 * 1024) + b'"}'
    response = client.post("/api/extract", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"] == "the body is larger than 1048576 bytes"
