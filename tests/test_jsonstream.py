"""Reading a data file's entries as they are iterated: from its text, or a window at a time from
its UTF-8 bytes, with the same records and the same errors as json.loads."""

from __future__ import annotations

import codecs
import json
import tracemalloc

import pytest

from glossary.exchange import jsonstream

DOCUMENT = {
    "format": "glossary/1",
    "entries": [
        {"key": "a", "english": "Xie Feng", "simplified": "谢锋", "pinyin": "Xiè Fēng"},
        {"key": "b", "english": "rare", "simplified": "𠀀𪚥", "count": 12345, "ok": True},
        1.5e3,
        [],
        {"key": "c", "quote": 'a\nb \\ " \u00e9', "none": None},
    ],
    "after": {"x": [1, 2]},
}


def read(raw: bytes) -> tuple[dict, list]:
    document = jsonstream.load_utf8(raw)
    return {k: v for k, v in document.items() if k != "entries"}, list(document["entries"])


@pytest.mark.parametrize("window", [1, 2, 3, 5, 7, 64, 1 << 20])
@pytest.mark.parametrize("indent", [None, 2])
def test_the_bytes_read_a_window_at_a_time_are_the_document(monkeypatch, window, indent):
    # windows that end inside a character of four bytes, a string, a number, an escape
    monkeypatch.setattr(jsonstream, "WINDOW", window)
    raw = json.dumps(DOCUMENT, ensure_ascii=False, indent=indent).encode()
    head, entries = read(raw)
    assert head == {"format": "glossary/1", "after": {"x": [1, 2]}}
    assert entries == DOCUMENT["entries"]
    assert list(jsonstream.load_utf8(raw)["entries"]) == entries  # and again
    assert len(jsonstream.load_utf8(raw)["entries"]) == 5
    assert read(codecs.BOM_UTF8 + raw) == (head, entries)


def test_an_empty_list_and_a_document_that_is_no_object(monkeypatch):
    monkeypatch.setattr(jsonstream, "WINDOW", 3)
    assert read(b'{"entries" : [ ] , "format":"glossary/1"}') == ({"format": "glossary/1"}, [])
    assert jsonstream.load_utf8(b"[1, 2]") == [1, 2]
    assert jsonstream.load_utf8(b'  "text"  ') == "text"


@pytest.mark.parametrize(
    "raw",
    [
        b'{"format": "glossary/1", "entries": [{"key": "a"} {"key": "b"}]}',
        b'{"format": "glossary/1", "entries": [{"key": "a",}]}',
        b'{"format": "glossary/1", "entries": [{"key": "a"}]} extra',
        b'{"format": "glossary/1", "entries": [{"key": "a", "key": "b"}]}',
        b'{"format": "glossary/1", "format": "x", "entries": []}',
        b'{"format": "glossary/1", "entries": [NaN]}',
        b'{"format": "glossary/1", "entries": [{"key": "unterminated}]}',
        b'{"format": "glossary/1", "entries": [{"key": "\\u12"}]}',
        b'{"format": "glossary/1" "entries": []}',
        b'{"format": "glossary/1", "entries": [1, 2',
        b'{"format": "glossary/1", "entries": [{"key": "a"}], 7: 1}',
        b"",
    ],
)
def test_bad_json_is_refused_as_json_loads_refuses_it(monkeypatch, raw):
    monkeypatch.setattr(jsonstream, "WINDOW", 4)
    with pytest.raises(ValueError) as whole:
        jsonstream.loads(raw.decode())
    with pytest.raises(ValueError) as windowed:
        jsonstream.load_utf8(raw)
    assert str(windowed.value) == str(whole.value)
    assert type(windowed.value) is type(whole.value)


def test_bytes_that_are_not_utf8_are_refused_as_not_utf8():
    with pytest.raises(UnicodeDecodeError):
        jsonstream.load_utf8('{"entries": ["谢锋"]}'.encode("gb18030"))


def test_a_large_file_is_never_held_as_one_text(monkeypatch):
    # 20,000 records of a four-byte character: about 1.3 MB of bytes, 5 MB as one text
    record = {"key": "k", "simplified": "𠀀" * 20, "english": "x" * 20}
    raw = json.dumps({"format": "glossary/1", "entries": [record] * 20_000}).encode()
    monkeypatch.setattr(jsonstream, "WINDOW", 64 * 1024)
    tracemalloc.start()
    try:
        document = jsonstream.load_utf8(raw)
        count = sum(1 for _ in document["entries"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == len(document["entries"]) == 20_000
    assert peak < len(raw)  # the whole text would be four times the bytes
