"""Checking an entry an editor wrote (form or API): every field, with a message for each.

Pure: entry references are checked through a function the caller passes. Messages are English
message ids, marked with N_; pages translate them, the API sends them as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from glossary.entries import stored_text
from glossary.messages import N_
from glossary.model import COUNTS, KINDS, LIMITS, STATUSES
from glossary.text import hanzi, romanize

Message = tuple[str, dict[str, Any]]  # an English message id and its values
Errors = dict[str, Message]
# What separates the words of written pinyin (as romanize.parse splits them).
PINYIN_WORD_BREAK = re.compile(r"[^\w'’:\u0300-\u036f]+")
DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def real_date(value: str) -> bool:
    """Tell whether value is a real ISO date, possibly without its day or month: 2026-05."""
    if not DATE.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def pinyin_problem(value: str, characters: str = "") -> str | None:
    """Say what is wrong with written pinyin, or None when it is valid toned Hanyu Pinyin.

    The one rule every entrance applies. Mixed text keeps its Latin letters and digits as
    they are written in the characters: "5G wǎngluò" (5G网络), "G20 fēnghuì", "AI ānquán".
    """
    latin = "".join(re.findall(r"[a-z0-9]+", characters.lower()))
    syllables = []
    for word in PINYIN_WORD_BREAK.split(value):
        parsed = romanize.parse(word) if word else []
        if parsed is not None:
            syllables += [s for p in parsed for s in p]
        elif not (re.fullmatch(r"[A-Za-z0-9]+", word) and word.lower() in latin):
            return N_("must be Hanyu Pinyin syllables")
    if not syllables:
        return N_("must be Hanyu Pinyin syllables")
    if not any(tone for _, tone in syllables):
        return N_("must carry tones (marks or numbers)")
    return None


def with_tone_marks(value: str) -> str:
    """Write tone numbers as tone marks, keeping words and capitals: "Xie4 Feng1" → "Xiè Fēng"."""
    if not re.search(r"[a-zA-Zü:][0-5]", value):
        return value
    words = []
    for word in value.split():
        parsed = romanize.parse(word)
        if parsed is None:
            words.append(word)
            continue
        text = "-".join(
            romanize.join_syllables([romanize.mark(s, t) for s, t in p]) for p in parsed
        )
        words.append(text[:1].upper() + text[1:] if word[:1].isupper() else text)
    return " ".join(words)


def messages(errors: Errors, translate: Callable[..., str] | None = None) -> dict[str, str]:
    """Write the errors as text by field: in English, or through translate (gettext)."""
    if translate is None:
        return {name: msgid % values for name, (msgid, values) in errors.items()}
    return {name: translate(msgid, **values) for name, (msgid, values) in errors.items()}


def _text(value: Any, name: str, errors: Errors, *, required: bool = False) -> str:
    limit = LIMITS.get(re.sub(r".*\.|\[\d+\]$", "", name), 500)
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors[name] = (N_("must be text"), {})
        return ""
    value = stored_text.normalise(value.strip())
    if problem := stored_text.field_problem(name, value):
        errors[name] = (problem, {})
        return ""  # nothing further is worked out from text that cannot be stored
    if required and not value:
        errors[name] = (N_("is required"), {})
    elif len(value) > limit:
        errors[name] = (N_("must be at most %(max)s characters long"), {"max": limit})
    return value


def _list(value: Any, name: str, errors: Errors, limit: int) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        errors[name] = (N_("must be a list"), {})
        return []
    if len(value) > limit:
        errors[name] = (N_("must have at most %(max)s items"), {"max": limit})
        return []
    return value


def check_entry(
    data: Mapping[str, Any],
    *,
    entry_exists: Callable[[int, str | None], bool],
) -> tuple[dict[str, Any], Errors]:
    """Check an entry as an editor wrote it; return the cleaned record and the errors by field.

    entry_exists(id, kind) tells whether a live entry (of that kind, when given) exists.
    """
    errors: Errors = {}
    record: dict[str, Any] = {}
    kind = data.get("kind")
    if kind not in KINDS:
        errors["kind"] = (N_("must be one of %(kinds)s"), {"kinds": ", ".join(KINDS)})
    record["kind"] = kind
    record["english"] = _text(data.get("english"), "english", errors, required=True)
    simplified = _text(data.get("simplified"), "simplified", errors, required=True)
    if simplified and "simplified" not in errors and not hanzi.has_cjk(simplified):
        errors["simplified"] = (N_("must contain Chinese characters"), {})
    traditional = _text(data.get("traditional"), "traditional", errors)
    if traditional and "traditional" not in errors and not hanzi.has_cjk(traditional):
        errors["traditional"] = (N_("must contain Chinese characters"), {})
    record["simplified"] = simplified
    record["traditional"] = traditional or (hanzi.to_traditional(simplified) if simplified else "")
    pinyin = _text(data.get("pinyin"), "pinyin", errors)
    if pinyin and "pinyin" not in errors:
        problem = pinyin_problem(pinyin, f"{simplified or ''} {traditional or ''}")
        if problem:
            errors["pinyin"] = (problem, {})
        pinyin = with_tone_marks(pinyin)
    elif not pinyin and simplified and kind in KINDS:
        pinyin = romanize.reading(simplified, kind)
    record["pinyin"] = pinyin
    for name in ("romanization", "romanization_system", "description", "notes"):
        record[name] = _text(data.get(name), name, errors)
    status = data.get("status") or "preferred"
    if status not in STATUSES:
        errors["status"] = (N_("must be one of %(values)s"), {"values": ", ".join(STATUSES)})
    record["status"] = status
    for name in ("aliases", "tags"):
        values: list[str] = []
        for index, value in enumerate(_list(data.get(name), name, errors, COUNTS[name])):
            text = _text(value, f"{name}[{index}]", errors)
            if text and text not in values:
                values.append(text)
        record[name] = values
    record["sources"] = _sources(data.get("sources"), errors)
    record["affiliations"] = _affiliations(data, record, errors, entry_exists)
    related = []
    for index, value in enumerate(_list(data.get("related"), "related", errors, COUNTS["related"])):
        if not isinstance(value, int) or isinstance(value, bool) or not entry_exists(value, None):
            errors[f"related[{index}]"] = (N_("no such entry"), {})
        elif value not in related:
            related.append(value)
    record["related"] = related
    return record, errors


def _sources(value: Any, errors: Errors) -> list[dict[str, Any]]:
    sources = []
    items = _list(value, "sources", errors, COUNTS["sources"])
    if not items and "sources" not in errors:
        errors["sources"] = (N_("at least one source is required"), {})
    for index, item in enumerate(items):
        prefix = f"sources[{index}]"
        if not isinstance(item, Mapping):
            errors[prefix] = (N_("must be an object"), {})
            continue
        source = {
            "quote": _text(item.get("quote"), f"{prefix}.quote", errors, required=True),
            "quote_zh": _text(item.get("quote_zh"), f"{prefix}.quote_zh", errors) or None,
            "title": _text(item.get("title"), f"{prefix}.title", errors, required=True),
            "publisher": _text(item.get("publisher"), f"{prefix}.publisher", errors) or None,
            "url": _text(item.get("url"), f"{prefix}.url", errors) or None,
            "published": _text(item.get("published"), f"{prefix}.published", errors, required=True),
            "accessed": _text(item.get("accessed"), f"{prefix}.accessed", errors) or None,
        }
        url = source["url"]
        if (
            url
            and f"{prefix}.url" not in errors
            and not re.fullmatch(r"https?://[^\s]+", url, re.I)
        ):
            errors[f"{prefix}.url"] = (N_("must be an http or https address"), {})
        for name in ("published", "accessed"):
            value_ = source[name]
            if value_ and f"{prefix}.{name}" not in errors and not real_date(value_):
                errors[f"{prefix}.{name}"] = (
                    N_("must be a real date: YYYY, YYYY-MM or YYYY-MM-DD"),
                    {},
                )
        sources.append(source)
    return sources


def _affiliations(
    data: Mapping[str, Any],
    record: dict[str, Any],
    errors: Errors,
    entry_exists: Callable[[int, str | None], bool],
) -> list[dict[str, Any]]:
    affiliations = []
    items = _list(data.get("affiliations"), "affiliations", errors, COUNTS["affiliations"])
    if items and record["kind"] != "person":
        errors["affiliations"] = (N_("only a person has affiliations"), {})
        return []
    for index, item in enumerate(items):
        prefix = f"affiliations[{index}]"
        if not isinstance(item, Mapping):
            errors[prefix] = (N_("must be an object"), {})
            continue
        organization = item.get("organization_id")
        if organization is None and isinstance(item.get("organization"), Mapping):
            organization = item["organization"].get("id")
        if (
            not isinstance(organization, int)
            or isinstance(organization, bool)
            or not entry_exists(organization, "organization")
        ):
            errors[f"{prefix}.organization"] = (N_("must be an organization in the glossary"), {})
        as_of = _text(item.get("as_of"), f"{prefix}.as_of", errors) or None
        if as_of and f"{prefix}.as_of" not in errors and not real_date(as_of):
            errors[f"{prefix}.as_of"] = (N_("must be a real date: YYYY, YYYY-MM or YYYY-MM-DD"), {})
        source = item.get("source")
        if source is not None and (
            not isinstance(source, int) or not 0 <= source < len(record["sources"])
        ):
            errors[f"{prefix}.source"] = (
                N_("must be the number of one of this entry's sources"),
                {},
            )
            source = None
        affiliations.append(
            {
                "organization_id": organization,
                "role": _text(item.get("role"), f"{prefix}.role", errors) or None,
                "as_of": as_of,
                "source": source,
            }
        )
    return affiliations
