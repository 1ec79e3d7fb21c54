"""Marking where a query matches a form (web/highlight.py): the whole query where it is in the
form, else each of its words; marks that touch or overlap are one."""

from __future__ import annotations

import pytest

from glossary.web.highlight import highlight

M, U = True, False  # marked, unmarked


@pytest.mark.parametrize(
    ("form", "query", "expected"),
    [
        # The whole query, folded, wherever it is: at the start, in the middle, each time.
        ("China", "china", [("China", M)]),
        ("People's China", "CHINA", [("People's ", U), ("China", M)]),
        ("ma ma ma", "ma", [("ma", M), (" ", U), ("ma", M), (" ", U), ("ma", M)]),
        # Across spaces and marks: the query's letters, the form's characters between them.
        ("Xie Feng", "xiefeng", [("Xie Feng", M)]),
        ("Xiè Fēng", "xie feng", [("Xiè Fēng", M)]),
        # The whole query found: its words are not marked again elsewhere.
        ("Xie Feng, feng shui", "xie feng", [("Xie Feng", M), (", feng shui", U)]),
        # Not found whole: each word, wherever it is.
        ("Xie Feng", "feng xie", [("Xie", M), (" ", U), ("Feng", M)]),
        # Words that touch are one mark; words that overlap are one mark, and marking goes on.
        ("XieFeng", "feng xie", [("XieFeng", M)]),
        ("abcdefgh xyz", "abcde defgh xyz", [("abcdefgh", M), (" ", U), ("xyz", M)]),
        ("abcdefgh xyz", "defgh abcde", [("abcdefgh", M), (" xyz", U)]),
        # Characters in either script.
        ("中华人民共和国", "人民", [("中华", U), ("人民", M), ("共和国", U)]),
        ("國際關係", "国际", [("國際", M), ("關係", U)]),
        # Nothing to mark: no letters in the query, or nothing of it in the form.
        ("Xie Feng", "!!!", [("Xie Feng", U)]),
        ("Xie Feng", "", [("Xie Feng", U)]),
        ("Xie Feng", "zhou", [("Xie Feng", U)]),
        ("", "xie", []),
    ],
)
def test_highlight(form, query, expected):
    assert highlight(form, query) == expected
