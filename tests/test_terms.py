"""translations/TERMS.md: every catalog renders each listed term the listed way, and uses none of
the words listed as not used (a regional catalog as its pages show it, with its fallback)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from glossary.web.i18n import FALLBACKS

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
LOCALES = ("zh_Hans", "zh_Hant", "zh_Hant_HK")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


@dataclass(frozen=True)
class Shown:
    """A message as a page shows it: its id, its context and its translations."""

    context: str | None
    msgid: str
    strings: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    """A row of the term list: the English forms, their context, a rendering per locale."""

    forms: tuple[str, ...]
    context: str | None
    renderings: dict[str, str]


def shown(locale: str) -> list[Shown]:
    """Every message of a locale as its pages show it: a regional catalog over its fallback."""
    messages: dict[tuple[str | None, str], Shown] = {}
    for name in (FALLBACKS.get(locale), locale):
        if name is None:
            continue
        with (TRANSLATIONS / name / "LC_MESSAGES" / "messages.po").open("rb") as f:
            for m in read_po(f):
                if m.id:
                    msgid = m.id[0] if isinstance(m.id, tuple) else m.id
                    strings = m.string if isinstance(m.string, tuple) else (m.string,)
                    messages[m.context, msgid] = Shown(m.context, msgid, strings)
    return list(messages.values())


def table(heading: str) -> list[list[str]]:
    """The body rows of the markdown table under a ## heading of TERMS.md, cell by cell."""
    text = (TRANSLATIONS / "TERMS.md").read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def terms() -> list[Term]:
    """The rows of the term list."""
    found = []
    for english, *renderings, _why in table("Terms"):
        context = re.search(r"\bin \*([^*]+)\*", english)
        found.append(
            Term(
                tuple(re.findall(r"`([^`]+)`", english)),
                context.group(1) if context else None,
                dict(zip(LOCALES, renderings, strict=True)),
            )
        )
    return found


def words(text: str) -> str:
    """A message id as the term list matches it: placeholders out, lower case."""
    return " ".join(PLACEHOLDER.sub(" ", text).lower().split())


def pattern(form: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z])" + re.escape(words(form)) + r"(?![a-z])")


def rendering(chinese: str) -> re.Pattern[str]:
    """The pattern of a Chinese rendering: … stands for up to three characters."""
    return re.compile(".{0,3}".join(re.escape(part) for part in chinese.split("…")))


def covers(term: Term, message: Shown, longer: list[str]) -> bool:
    """Whether a row of the term list covers a message, leaving out its longer listed forms."""
    if term.context != message.context:
        return False
    if any(form.startswith("=") and message.msgid == form[1:] for form in term.forms):
        return True
    text = words(message.msgid)
    for form in longer:
        text = pattern(form).sub("#", text)
    return any(pattern(form).search(text) for form in term.forms if not form.startswith("="))


TERMS = terms()


def test_the_term_list_is_read():
    assert len(TERMS) >= 60
    account = next(t for t in TERMS if t.forms == ("account", "accounts"))
    assert account.renderings == {"zh_Hans": "账号", "zh_Hant": "帳號", "zh_Hant_HK": "帳戶"}
    post = next(t for t in TERMS if t.context == "affiliation")
    assert post.forms == ("role",)


@pytest.mark.parametrize("locale", LOCALES)
def test_each_term_is_rendered_as_the_term_list_says(locale):
    messages = shown(locale)
    every_form = [f for t in TERMS for f in t.forms if not f.startswith("=")]
    wrong = []
    for term in TERMS:
        longer = [
            f
            for f in every_form
            if f not in term.forms
            and any(words(g) in words(f) for g in term.forms)
            and all(words(f) != words(g) for g in term.forms)
        ]
        want = rendering(term.renderings[locale])
        covered = [m for m in messages if covers(term, m, longer)]
        assert covered, f"{term.forms} is in no message"
        wrong += [
            (term.forms[0], m.msgid, s) for m in covered for s in m.strings if not want.search(s)
        ]
    assert wrong == []


def test_a_term_rendered_another_way_is_found():
    """The check itself: 释义 for Explanation, as the catalogs had it before 2026-12-06."""
    term = next(t for t in TERMS if t.forms == ("explanation",))
    message = Shown(None, "Explanation", ("释义",))
    assert covers(term, message, [])
    assert not rendering(term.renderings["zh_Hans"]).search(message.strings[0])


def test_a_longer_form_is_left_to_its_own_row():
    api = next(t for t in TERMS if "API" in t.forms)
    message = Shown(None, "API tokens", ("API 令牌",))
    assert covers(api, message, [])
    assert not covers(api, message, ["API tokens"])


def not_used() -> list[tuple[str, tuple[str, ...], str | None]]:
    """The words not used: (word, the locales it is not used in, a form it is limited to)."""
    rows = []
    for word, where, _instead, _why in table("Words not used"):
        form = re.fullmatch(r"`([^`]+)`", where)
        locales = LOCALES if where == "all" or form else tuple(re.split(r",\s*", where))
        rows.append((word, locales, form.group(1) if form else None))
    return rows


@pytest.mark.parametrize("locale", LOCALES)
def test_no_catalog_uses_a_word_listed_as_not_used(locale):
    rows = not_used()
    assert len(rows) >= 25
    found = [
        (word, m.msgid, s)
        for word, locales, form in rows
        if locale in locales
        for m in shown(locale)
        if form is None or pattern(form).search(words(m.msgid))
        for s in m.strings
        if word in s
    ]
    assert found == []
