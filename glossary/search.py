"""Search: check a request's parameters, run the query, mark what matched in a result's form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from glossary.messages import N_, BadParameter
from glossary.model import GLOSSARY, KINDS, Hit, Match
from glossary.store import dictionary as stored_dictionary
from glossary.store import finding
from glossary.store.common import reading
from glossary.store.dictionary.edition import DictionaryInfo
from glossary.store.words import lexicon
from glossary.text import keys, numbers, spelling

if TYPE_CHECKING:
    import sqlite_utils


@dataclass
class Request:
    """A checked search request."""

    q: str
    kind: str | None
    tag: str | None
    limit: int
    offset: int
    verified: bool = False


def parse_request(
    args: Mapping[str, str], *, default_limit: int, max_limit: int, max_query: int
) -> Request:
    """Check q, kind, tag, verified, limit and offset (or page) from a query string."""
    q = args.get("q", "")
    if "\x00" in q:
        raise BadParameter("q", N_("must not contain NUL characters"))
    q = " ".join(q.split())
    if len(q) > max_query:
        raise BadParameter("q", N_("must be at most %(max)s characters long"), max=max_query)
    kind = args.get("kind") or None
    if kind is not None and kind not in KINDS:
        raise BadParameter("kind", N_("must be one of %(kinds)s"), kinds=", ".join(KINDS))
    tag = args.get("tag") or None
    if tag is not None and (len(tag) > 100 or "\x00" in tag):
        raise BadParameter("tag", N_("must be at most %(max)s characters long"), max=100)
    verified = _flag(args, "verified")
    limit = _integer(args, "limit", default_limit, 1, max_limit)
    if "page" in args and "offset" not in args:
        page = _integer(args, "page", 1, 1, 10_000)
        offset = (page - 1) * limit
    else:
        offset = _integer(args, "offset", 0, 0, 1_000_000)
    return Request(q=q, kind=kind, tag=tag, limit=limit, offset=offset, verified=verified)


def _flag(args: Mapping[str, str], name: str) -> bool:
    raw = (args.get(name) or "").strip().lower()
    if raw in ("", "0", "false", "off"):
        return False
    if raw in ("1", "true", "on"):
        return True
    raise BadParameter(name, N_("must be 1, true or on (or 0, false or off)"))


def _integer(args: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    number = numbers.whole_number(raw, low, high)
    if number is None:
        raise BadParameter(
            name, N_("must be a whole number from %(low)s to %(high)s"), low=low, high=high
        )
    return number


@dataclass
class Results:
    """One page of results and the total number of entries found, glossary entries first."""

    request: Request
    total: int
    entries: list[Hit]
    # How many of the total each collection found: {"glossary": 3, "cc-cedict": 120}.
    totals: dict[str, int] = field(default_factory=dict)
    dictionary: DictionaryInfo | None = None  # the base dictionary's name, date and licence
    # Each collection counts at most store.common.CAP entries: past it, total is a lower bound.
    total_is_lower_bound: bool = False
    # When nothing is found: queries near this one that find something, best first.
    did_you_mean: list[str] = field(default_factory=list)

    @property
    def glossary_entries(self) -> list[Hit]:
        """The entries of this page from the glossary."""
        return [entry for entry in self.entries if entry["collection"] == GLOSSARY]

    @property
    def dictionary_entries(self) -> list[Hit]:
        """The entries of this page from the base dictionary."""
        return [entry for entry in self.entries if entry["collection"] != GLOSSARY]

    @property
    def browsing(self) -> bool:
        """Tell whether this is the browse listing (no query)."""
        return not self.request.q


def run(db: sqlite_utils.Database, request: Request) -> Results:
    """Search (or browse, for an empty query) and say which form of each result matched.

    A search finds glossary entries and then base dictionary entries, each ranked by the same
    bands; a page may hold both, glossary entries always first. Browsing, and a search
    filtered by kind, tag or verified (which the dictionary has not), cover the glossary only.
    Its statements run in one read transaction: the totals and the page agree.
    """
    with reading(db):
        return _run(db, request)


def _run(db: sqlite_utils.Database, request: Request) -> Results:
    if not request.q:
        total, entries = finding.browse(
            db,
            request.kind,
            request.tag,
            request.limit,
            request.offset,
            verified=request.verified,
        )
        for entry in entries:
            entry["collection"] = GLOSSARY
        return Results(request, total, entries, {GLOSSARY: total})
    query = keys.parse_query(request.q)
    if query.empty:
        return Results(request, 0, [], {GLOSSARY: 0})
    results = _found(db, request, query)
    if not results.total:
        results.did_you_mean = did_you_mean(db, request)
    return results


def _found(db: sqlite_utils.Database, request: Request, query: keys.Query) -> Results:
    total, found_entries, lower_bound = finding.find_page(
        db,
        query,
        request.kind,
        request.tag,
        request.limit,
        request.offset,
        verified=request.verified,
    )
    entries = found_entries
    for entry in entries:
        entry["collection"] = GLOSSARY
    totals, dictionary = {GLOSSARY: total}, None
    if not (request.kind or request.tag or request.verified):
        # Past a glossary counted only in part, where its last entry falls is not known:
        # the dictionary's entries are then counted, not shown.
        limit = 0 if lower_bound else request.limit - len(entries)
        found = stored_dictionary.find_in_dictionary(
            db, query, limit, max(0, request.offset - total)
        )
        if found.total:
            totals[stored_dictionary.COLLECTION] = found.total
            dictionary = stored_dictionary.dictionary_info(db)
        entries += found.entries
        lower_bound = lower_bound or found.more
    for entry in entries:
        entry["match"] = Match(
            field=entry.pop("matched_field"),
            form=entry.pop("matched_form"),
            band=entry.pop("band"),
            system=None,
        )
        if entry["match"]["field"] in keys.INDEXED_SYSTEMS:
            _credit_system(entry, request.q, finding.system_forms(db, entry["id"]))
    return Results(request, sum(totals.values()), entries, totals, dictionary, lower_bound)


SUGGESTIONS = 3  # "did you mean" offers at most this many queries


def did_you_mean(db: sqlite_utils.Database, request: Request) -> list[str]:
    """Return queries a few edits from the request's that find something with its filters,
    best first, all ranked as the best (as few edits): each correction the lexicon offers is
    searched for before it is offered."""
    found: list[str] = []
    best = None
    for rank, correction in spelling.corrections(request.q, lexicon(db)):
        if best is not None and rank > best:
            break
        squashed = correction.replace(" ", "")  # zhongguo and zhong guo are one search
        if squashed in {f.replace(" ", "") for f in found}:
            continue
        if correction.casefold() != request.q.casefold() and _finds(db, request, correction):
            found.append(correction)
            best = rank
            if len(found) == SUGGESTIONS:
                break
    return found


def _finds(db: sqlite_utils.Database, request: Request, text: str) -> bool:
    """Tell whether a query finds anything with the request's filters."""
    query = keys.parse_query(text)
    if query.empty:
        return False
    if finding.finds(db, query, request.kind, request.tag, verified=request.verified):
        return True
    if request.kind or request.tag or request.verified:
        return False
    return stored_dictionary.found_in_dictionary(db, query)


def _credit_system(entry: Hit, query: str, forms: Mapping[str, str]) -> None:
    """Say which romanization system a name was found as: of its forms in each system, the one
    the query spells most exactly (Macau's "Chui Sai On" before Hong Kong's "Chui Sai-on",
    which fold to the same key). The match's field is then the pinyin they are written from."""
    typed, folded = _spelled(query), keys.system_key(query)
    candidates = [
        (_spelled(form) != typed, position, system, form)
        for position, system in enumerate(keys.INDEXED_SYSTEMS)
        if (form := forms.get(system)) and keys.system_key(form).startswith(folded)
    ]
    if candidates:
        _, _, system, form = min(candidates)
        entry["match"].update({"field": "pinyin", "form": form, "system": system})
    else:
        entry["match"].update({"system": entry["match"]["field"], "field": "pinyin"})


def _spelled(name: str) -> str:
    """A name folded for comparing spellings: case and apostrophe shapes ignored, spaces and
    hyphens kept."""
    return keys.APOSTROPHES.sub("'", keys.fold(" ".join(name.split())))


def warm_up() -> None:
    """Load what parsing queries needs (syllables, script conversion) before serving."""
    for text in ("xie4 feng1", "謝鋒", "xf"):
        keys.parse_query(text)
