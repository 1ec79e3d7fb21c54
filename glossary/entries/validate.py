"""The entry's rule book: checking an entry an editor wrote (form, API, article drafts),
every field, with a Problem for each.

Pure: entry references are checked through a function the caller passes (the save service
passes one that asks the store). Problems carry English message ids, marked with N_; pages
translate them, the API sends them in English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from glossary.entries import stored_text
from glossary.messages import N_, Path, Problem, by_key
from glossary.model import COUNTS, KINDS, STATUSES, Affiliation, Entry, Source, limit
from glossary.model import LIMITS as LIMITS  # the rule book's limits, as they were named
from glossary.text import hanzi, romanize

EntryExists = Callable[[int, str | None], bool]  # (id, kind or None) → a live entry has it
# What separates the words of written pinyin (as romanize.parse splits them).
PINYIN_WORD_BREAK = re.compile(r"[^\w'’:\u0300-\u036f]+")
# The runs of Latin letters and digits in characters, which pinyin may write as they are.
LATIN_RUN = re.compile(r"[a-z0-9]+")
DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
WEB_ADDRESS = re.compile(r"https?://[^\s]+", re.I)


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
    whole = romanize.parse(value)  # pinyin throughout, nearly always: its words at once
    syllables = [s for p in whole for s in p] if whole is not None else []
    latin = " ".join(LATIN_RUN.findall(characters.lower()))  # a word is in one run
    for word in PINYIN_WORD_BREAK.split(value) if whole is None else ():
        parsed = romanize.parse(word) if word else []
        if parsed is not None:
            syllables += [s for p in parsed for s in p]
        elif not (re.fullmatch(r"[A-Za-z0-9]+", word) and word.lower() in latin):
            return N_("must be Hanyu Pinyin syllables")
    if not syllables:
        return N_("must be Hanyu Pinyin syllables")
    toneless = [syllable for syllable, tone in syllables if not tone]
    if len(toneless) == len(syllables) and not any(
        romanize.neutral_throughout(form, toneless) for form in characters.split()
    ):
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


def messages(
    problems: list[Problem], translate: Callable[..., str] | None = None
) -> dict[str, str]:
    """Write the problems as text by field ("sources[0].url"): in English, or through
    translate (gettext)."""
    return by_key(problems, translate)


class _Found(dict[Path, Problem]):
    """The problems found so far, by path: one per field, the first found."""

    def add(self, path: Path, message: str, **values: object) -> None:
        self.setdefault(path, Problem(path, message, values))


def _field(path: Path) -> str:
    if path and isinstance(path[-1], str):
        return path[-1]
    return next((part for part in reversed(path) if isinstance(part, str)), "")


def _text(value: Any, path: Path, found: _Found, *, required: bool = False) -> str:
    if value is None or value == "":  # most optional fields: nothing to look into
        if required:
            found.add(path, N_("is required"))
        return ""
    if not isinstance(value, str):
        found.add(path, N_("must be text"))
        return ""
    field = _field(path)
    value = stored_text.normalise(value.strip())
    if problem := stored_text.problem(value, multiline=field in stored_text.MULTILINE):
        found.add(path, problem)
        return ""  # nothing further is worked out from text that cannot be stored
    if required and not value:
        found.add(path, N_("is required"))
    elif len(value) > limit(field):
        found.add(path, N_("must be at most %(max)s characters long"), max=limit(field))
    return value


def _list(value: Any, path: Path, found: _Found, most: int) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        found.add(path, N_("must be a list"))
        return []
    if len(value) > most:
        found.add(path, N_("must have at most %(max)s items"), max=most)
        return []
    return value


def check_comment(
    value: Any, *, required: bool = False, path: Path = ("comment",)
) -> tuple[str, Problem | None]:
    """Check a revision's comment (or a deletion's reason): return it as it is stored, and its
    problem or None. The same rules as a field's, to the comment's limit."""
    found = _Found()
    text = _text(value, path, found, required=required)
    if found:
        return "", next(iter(found.values()))
    return text, None


def check_entry(
    data: Mapping[str, Any],
    *,
    entry_exists: EntryExists,
    derive: bool = True,
) -> tuple[Entry, list[Problem]]:
    """Check an entry as an editor wrote it; return the cleaned record and its problems.

    entry_exists(id, kind) tells whether a live entry (of that kind, when given) exists. With
    derive=False the record's missing pinyin and traditional characters are left empty, not
    worked out (the importer wants only the problems, and works them out when it writes).
    """
    found = _Found()
    kind = data.get("kind")
    if kind not in KINDS:
        found.add(("kind",), N_("must be one of %(kinds)s"), kinds=", ".join(KINDS))
    english = _text(data.get("english"), ("english",), found, required=True)
    simplified = _text(data.get("simplified"), ("simplified",), found, required=True)
    if simplified and ("simplified",) not in found and not hanzi.has_cjk(simplified):
        found.add(("simplified",), N_("must contain Chinese characters"))
    traditional = _text(data.get("traditional"), ("traditional",), found)
    if traditional and ("traditional",) not in found and not hanzi.has_cjk(traditional):
        found.add(("traditional",), N_("must contain Chinese characters"))
    pinyin = _text(data.get("pinyin"), ("pinyin",), found)
    if pinyin and ("pinyin",) not in found:
        problem = pinyin_problem(pinyin, f"{simplified or ''} {traditional or ''}")
        if problem:
            found.add(("pinyin",), problem)
        pinyin = with_tone_marks(pinyin)
    elif not pinyin and simplified and kind in KINDS and derive:
        pinyin = romanize.reading(simplified, kind)
    status = data.get("status") or "preferred"
    if status not in STATUSES:
        found.add(("status",), N_("must be one of %(values)s"), values=", ".join(STATUSES))
    sources = _sources(data.get("sources"), found)
    record = Entry(
        kind=kind,  # type: ignore[typeddict-item]  # not a kind only when there are problems
        english=english,
        aliases=_texts(data, "aliases", found),
        simplified=simplified,
        traditional=traditional
        or (hanzi.to_traditional(simplified) if simplified and derive else ""),
        pinyin=pinyin,
        romanization=_text(data.get("romanization"), ("romanization",), found),
        romanization_system=_text(data.get("romanization_system"), ("romanization_system",), found),
        description=_text(data.get("description"), ("description",), found),
        notes=_text(data.get("notes"), ("notes",), found),
        tags=_texts(data, "tags", found),
        status=status,
        sources=sources,
        affiliations=_affiliations(data, kind, len(sources), found, entry_exists),
        related=_related(data.get("related"), found, entry_exists),
    )
    return record, list(found.values())


def _texts(data: Mapping[str, Any], name: str, found: _Found) -> list[str]:
    """A list of texts (aliases, tags): each checked, blanks and repeats left out."""
    values: list[str] = []
    for index, value in enumerate(_list(data.get(name), (name,), found, COUNTS[name])):
        text = _text(value, (name, index), found)
        if text and text not in values:
            values.append(text)
    return values


def _related(value: Any, found: _Found, entry_exists: EntryExists) -> list[int]:
    related: list[int] = []
    for index, item in enumerate(_list(value, ("related",), found, COUNTS["related"])):
        if not isinstance(item, int) or isinstance(item, bool) or not entry_exists(item, None):
            found.add(("related", index), N_("no such entry"))
        elif item not in related:
            related.append(item)
    return related


def _date(value: Any, path: Path, found: _Found, *, required: bool = False) -> str | None:
    date_ = _text(value, path, found, required=required) or None
    if date_ and path not in found and not real_date(date_):
        found.add(path, N_("must be a real date: YYYY, YYYY-MM or YYYY-MM-DD"))
    return date_


def _sources(value: Any, found: _Found) -> list[Source]:
    sources: list[Source] = []
    items = _list(value, ("sources",), found, COUNTS["sources"])
    if not items and ("sources",) not in found:
        found.add(("sources",), N_("at least one source is required"))
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            found.add(("sources", index), N_("must be an object"))
            continue
        at = ("sources", index)
        source = Source(
            quote=_text(item.get("quote"), (*at, "quote"), found, required=True),
            quote_zh=_text(item.get("quote_zh"), (*at, "quote_zh"), found) or None,
            title=_text(item.get("title"), (*at, "title"), found, required=True),
            publisher=_text(item.get("publisher"), (*at, "publisher"), found) or None,
            url=_text(item.get("url"), (*at, "url"), found) or None,
            published=_date(item.get("published"), (*at, "published"), found, required=True) or "",
            accessed=_date(item.get("accessed"), (*at, "accessed"), found),
        )
        url = source["url"]
        if url and (*at, "url") not in found and not WEB_ADDRESS.fullmatch(url):
            found.add((*at, "url"), N_("must be an http or https address"))
        sources.append(source)
    return sources


def _affiliations(
    data: Mapping[str, Any],
    kind: Any,
    source_count: int,
    found: _Found,
    entry_exists: EntryExists,
) -> list[Affiliation]:
    affiliations: list[Affiliation] = []
    items = _list(data.get("affiliations"), ("affiliations",), found, COUNTS["affiliations"])
    if items and kind != "person":
        found.add(("affiliations",), N_("only a person has affiliations"))
        return []
    for index, item in enumerate(items):
        at = ("affiliations", index)
        if not isinstance(item, Mapping):
            found.add(at, N_("must be an object"))
            continue
        organization = item.get("organization_id")
        if organization is None and isinstance(item.get("organization"), Mapping):
            organization = item["organization"].get("id")
        if (
            not isinstance(organization, int)
            or isinstance(organization, bool)
            or not entry_exists(organization, "organization")
        ):
            found.add((*at, "organization"), N_("must be an organization in the glossary"))
        as_of = _date(item.get("as_of"), (*at, "as_of"), found)
        source = item.get("source")
        if source is not None and (
            not isinstance(source, int)
            or isinstance(source, bool)
            or not 0 <= source < source_count
        ):
            found.add((*at, "source"), N_("must be the number of one of this entry's sources"))
            source = None
        affiliations.append(
            Affiliation(
                organization_id=organization,  # type: ignore[typeddict-item]  # see the problem
                role=_text(item.get("role"), (*at, "role"), found) or None,
                as_of=as_of,
                source=source,
            )
        )
    return affiliations
