"""TBX-Basic (ISO 30042, TBX v2 `martif`): writing entries, and reading them back.

One termEntry per entry (its id is the entry's key), a langSet each for en, zh-Hans and
zh-Hant, a tig per term. What TBX-Basic has no category for travels in notes of a fixed form:
"kind: person", "verified: yes", "pinyin: Xiè Fēng", "romanization system: Wade–Giles".
A source is a descripGrp (the context and the title, all TBX-Basic allows there) followed in
its tig by notes "publisher: …", "published: 2026-05", "accessed: …" and an xref to its URL;
a Chinese context is followed by a note "source N" naming the source it translates. Reading
also takes the older layout with those inside the descripGrp, and TBX v3 (conceptEntry,
langSec, termSec). Affiliations are not carried.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from glossary.entries import stored_text
from glossary.exchange.formats.records import (
    Export,
    InvalidData,
    Note,
    Parsed,
    Reading,
    encoded,
    keyed,
    refused,
    slug,
    unreadable,
)
from glossary.exchange.formats.records import text as decoded
from glossary.messages import N_, Said
from glossary.model import FileRecord, FileSource, StoredEntry
from glossary.text import hanzi

NAME = "tbx"
LABEL = N_("TBX")
CHOICE = N_("TBX-Basic")
MEDIA_TYPE = "application/x-tbx+xml; charset=utf-8"  # TBX has no registered one: TBX tools send it
EXTENSIONS = (".tbx", ".xml")

LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUSES = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}
TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")
ACRONYM = re.compile(r"[A-Z][A-Z0-9&]*[A-Z0-9]")
SOURCE_NOTES = ("publisher", "published", "accessed")
ROMANIZATION = ("romanization system", "romanization")
# Every export names TBX-Basic's core structure and the XCS shipped beside this module, which
# declares the languages and data categories used.
DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
XCS = "glossary.xcs"


class Unreadable(Said):
    """Text that is not a TBX document; the message says why."""


def write(export: Export) -> Iterator[bytes]:
    """Write the entries as a TBX-Basic document."""
    found = export.found
    return encoded(_chunks(found.pairs, found.key_of, export.today))


def _chunks(
    pairs: Iterable[tuple[StoredEntry, str]], key_of: Mapping[int, str], today: str
) -> Iterator[str]:
    """Write (entry, key) pairs as a TBX-Basic document a termEntry at a time: the text is
    that of the whole document indented at once. Each termEntry is cut from a document of
    that entry alone, indented as the whole one is; the first gives the head and the tail."""
    tail = None
    for entry, key in pairs:
        text = _document([(entry, key)], key_of, today)
        start, end = text.index("<termEntry"), text.rindex("</termEntry>") + len("</termEntry>")
        if tail is None:
            yield text[:start]
            tail = text[end:]
        else:
            yield ENTRY_INDENT
        yield text[start:end]
    yield _document([], key_of, today) if tail is None else tail


ENTRY_INDENT = "\n      "  # before a termEntry after the first, as ET.indent writes it


def _document(pairs: list[tuple[StoredEntry, str]], key_of: Mapping[int, str], today: str) -> str:
    martif = ET.Element("martif", {"type": "TBX-Basic", LANG: "en"})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    _add(ET.SubElement(file_desc, "titleStmt"), "title", "Glossary export")
    _add(ET.SubElement(file_desc, "sourceDesc"), "p", f"Exported from glossary on {today}")
    _add(ET.SubElement(header, "encodingDesc"), "p", XCS, type="XCSURI")
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for entry, key in pairs:
        _term_entry(body, entry, key, key_of)
    ET.indent(martif)
    xml = ET.tostring(martif, encoding="unicode").replace("\r", "&#13;")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n{xml}\n'


def xml_id(key: str) -> str:
    """Write a key as an XML id, which cannot start with a digit: "5g" → "_5g"."""
    return key if key[:1].isalpha() else "_" + key


def _add(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = stored_text.for_xml(text)
    return element


def _term_entry(body: ET.Element, entry: StoredEntry, key: str, key_of: Mapping[int, str]) -> None:
    term_entry = ET.SubElement(body, "termEntry", {"id": xml_id(key)})
    for tag in entry["tags"]:
        _add(term_entry, "descrip", tag, type="subjectField")
    _add(term_entry, "note", f"kind: {entry['kind']}")
    if entry["verified"]:
        _add(term_entry, "note", "verified: yes")
    if entry["notes"]:
        _add(term_entry, "note", entry["notes"])
    for related in sorted(entry["related"], key=lambda r: key_of.get(r["id"], "")):
        if related["id"] in key_of:
            target = xml_id(key_of[related["id"]])
            _add(term_entry, "ref", related["english"], type="crossReference", target=target)
    for kind, stamp in (("origination", entry["created"]), ("modification", entry["updated"])):
        group = ET.SubElement(term_entry, "transacGrp")
        _add(group, "transac", kind, type="transactionType")
        _add(group, "date", stamp[:10])
    status = STATUSES[entry["status"]]
    other = STATUSES["deprecated" if entry["status"] == "deprecated" else "admitted"]
    aliases = hanzi.by_language(entry["aliases"])
    # English: the entry's own term with its sources' contexts, then aliases, then its own
    # published romanization.
    english = ET.SubElement(term_entry, "langSet", {LANG: "en"})
    if entry["description"]:
        _add(english, "descrip", entry["description"], type="definition")
    tig = _tig(english, entry["english"], status, main=True)
    for source in entry["sources"]:
        _context(tig, source["quote"], source)
    for alias in aliases["en"]:
        _tig(english, alias, other)
    if entry["romanization"]:
        tig = _tig(english, entry["romanization"], other)
        system = entry["romanization_system"]
        _add(tig, "note", f"romanization system: {system}" if system else "romanization")
    simplified = ET.SubElement(term_entry, "langSet", {LANG: "zh-Hans"})
    tig = _tig(simplified, entry["simplified"], status, main=True)
    if entry["pinyin"]:
        _add(tig, "note", f"pinyin: {entry['pinyin']}")
    for number, source in enumerate(entry["sources"], start=1):
        if source["quote_zh"]:
            _context(tig, source["quote_zh"], source, details=False)
            _add(tig, "note", f"source {number}")
    for alias in aliases["zh-Hans"]:
        _tig(simplified, alias, other)
    traditional = ET.SubElement(term_entry, "langSet", {LANG: "zh-Hant"})
    own = entry["traditional"] or hanzi.to_traditional(entry["simplified"])
    _tig(traditional, own, status, main=True)
    for alias in aliases["zh-Hant"]:
        _tig(traditional, alias, other)


def _tig(lang_set: ET.Element, term: str, status: str, main: bool = False) -> ET.Element:
    tig = ET.SubElement(lang_set, "tig")
    _add(tig, "term", term)
    kind = "acronym" if ACRONYM.fullmatch(term) else "fullForm" if main else "variant"
    _add(tig, "termNote", kind, type="termType")
    _add(tig, "termNote", status, type="administrativeStatus")
    return tig


def _context(tig: ET.Element, quote: str, source: Mapping[str, Any], details: bool = True) -> None:
    """Write a context and its source's title, then (details) the source's other fields."""
    group = ET.SubElement(tig, "descripGrp")
    _add(group, "descrip", quote, type="context")
    _add(group, "admin", source["title"], type="source")
    if not details:
        return
    for name in SOURCE_NOTES:
        if source[name]:
            _add(tig, "note", f"{name}: {source[name]}")
    if source["url"]:
        _add(tig, "xref", source["url"], type="externalCrossReference", target=source["url"])


# Reading -----------------------------------------------------------------------------------


def read(raw: bytes, reading: Reading) -> Parsed:
    """Read the termEntries that have a Chinese term; one note says how many others were
    skipped. A file with termEntries but none in Chinese is refused."""
    name = reading.name
    try:
        records = entries(decoded(raw, name), name, reading.today)
    except Unreadable as error:
        raise InvalidData.of([unreadable(name, error)]) from error
    parsed = keyed([r for r in records if r[0]["simplified"]], NAME)
    if records and not parsed.places:
        message = N_("no termEntry has a Chinese term (zh, zh-Hans, zh-Hant…)")
        raise InvalidData.of([refused(name, message)])
    if skipped := len(records) - len(parsed.places):
        message = N_("%(skipped)s of %(total)s termEntries skipped: they have no Chinese term")
        parsed.warnings.append(Note(message, skipped=skipped, total=len(records)))
    return parsed


def entries(text: str, name: str, today: str) -> list[tuple[FileRecord, str]]:
    """Read a TBX document as data records (key "" when an entry has no id), each with its
    place ("termEntry 3"); raise Unreadable when it is not TBX."""
    if "<!ENTITY" in text:
        raise Unreadable(N_("entity declarations are not accepted in a TBX file"))
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise Unreadable(N_("not well-formed XML (%(reason)s)"), reason=str(error)) from error
    for element in root.iter():
        element.tag = str(element.tag).rsplit("}", 1)[-1]
    if root.tag not in ("martif", "tbx"):
        message = N_("the root element is <%(tag)s>, not <martif> or <tbx>")
        raise Unreadable(message, tag=root.tag)
    entries = [e for e in root.iterfind("./text/body/*") if e.tag in ("termEntry", "conceptEntry")]
    ids = {e.get("id") for e in entries}
    records: list[tuple[FileRecord, str]] = []
    for number, entry in enumerate(entries, start=1):
        place = Note(N_("termEntry %(number)s"), number=number)
        records.append((_record(entry, ids, name, today), place))
    return records


def language(code: str | None) -> str | None:
    """Map a langSet's xml:lang to en, zh-Hans or zh-Hant (None for any other language).

    Tags come in any case and with "_" or "-" (translate-toolkit writes zh_CN); a region alone
    says the script: zh-TW, zh-HK and zh-MO write traditional characters, the rest simplified.
    """
    parts = re.split(r"[-_]", (code or "").strip().lower())
    if parts[0] in ("en", "eng"):
        return "en"
    if parts[0] not in ("zh", "zho", "chi", "cmn"):
        return None
    if "hant" in parts or ("hans" not in parts and {"tw", "hk", "mo"} & set(parts)):
        return "zh-Hant"
    return "zh-Hans"


def _record(entry: ET.Element, ids: set[str | None], name: str, today: str) -> FileRecord:
    tigs: dict[str | None, list[ET.Element]] = {"en": [], "zh-Hans": [], "zh-Hant": []}
    lang_sets = [e for e in entry if e.tag in ("langSet", "langSec")]
    for lang_set in lang_sets:
        tigs.setdefault(language(lang_set.get(LANG)), []).extend(
            e for e in lang_set if e.tag in ("tig", "ntig", "termSec") and _term(e)
        )
    notes = _notes(entry, ("kind", "verified"))
    english = [(_term(t), _notes(t, ROMANIZATION)) for t in tigs["en"]]
    romanization = next(((t, n) for t, n in english if _romanization(n) is not None), None)
    hans = [_term(t) for t in tigs["zh-Hans"]]
    hant = [_term(t) for t in tigs["zh-Hant"]]
    first_en = tigs["en"][0] if tigs["en"] else None
    first_hans = tigs["zh-Hans"][0] if tigs["zh-Hans"] else None
    record = FileRecord(
        key=_key(entry.get("id")) or "",
        kind=notes.labelled.get("kind", "term"),
        english=english[0][0] if english else "",
        aliases=list(
            dict.fromkeys(
                [t for t, n in english[1:] if _romanization(n) is None] + hans[1:] + hant[1:]
            )
        ),
        simplified=hans[0] if hans else hanzi.to_simplified(hant[0]) if hant else "",
        traditional=hant[0] if hant else None,
        pinyin=_notes(first_hans, ("pinyin",)).labelled.get("pinyin"),
        romanization=romanization[0] if romanization else None,
        romanization_system=_romanization(romanization[1]) or None if romanization else None,
        description=_find_text(entry, "definition"),
        notes="\n".join(notes.other) or None,
        tags=_subjects(entry),
        verified=notes.labelled.get("verified", "") == "yes",
        # A target whose id makes no key stays None: the importer refuses it (not text).
        related=[
            _key(r.get("target"))  # type: ignore[misc]
            for r in entry
            if r.tag == "ref" and r.get("target") in ids
        ],
        sources=_sources(first_en, first_hans, name, today),
    )
    if first_en is not None and (status := _status(first_en)):
        record["status"] = status
    if not record["sources"]:
        quote = " = ".join(t for t in (record["english"], record["simplified"]) if t)
        record["sources"] = [FileSource(quote=quote or name, title=name, published=today)]
    return record


def _subjects(entry: ET.Element) -> list[str]:
    """An entry's subject fields: its own descrips, or in its descripGrps (MultiTerm's)."""
    descrips = [e for e in entry if e.tag == "descrip"]
    descrips += [
        d for group in entry if group.tag == "descripGrp" for d in group if d.tag == "descrip"
    ]
    subjects = [(d.text or "").strip() for d in descrips if _is(d, "subjectField")]
    return [subject for subject in subjects if subject]


def _is(element: ET.Element, kind: str) -> bool:
    return element.get("type") == kind


def _term(tig: ET.Element) -> str:
    """A tig's term, without the indentation a pretty-printing tool puts around it."""
    term = tig.find(".//term")
    return "".join(term.itertext()).strip() if term is not None else ""


@dataclass
class _Notes:
    """An element's notes: "label: value" ones by label (a label alone: ""), the number of a
    "source 2" one, and the rest in order."""

    labelled: dict[str, str] = field(default_factory=dict)
    source: int | None = None
    other: list[str] = field(default_factory=list)


def _notes(element: ET.Element | None, labels: tuple[str, ...]) -> _Notes:
    """Read an element's notes with the given labels ("source": a "source 2" note too); an
    empty note is read past."""
    found = _Notes()
    for note in element.findall("note") if element is not None else []:
        text = note.text or ""
        if not text.strip():
            continue
        label, separator, value = text.partition(": ")
        number = re.fullmatch(r"source ([0-9]+)", text)
        if separator and label in labels:
            found.labelled[label] = value
        elif text in labels:
            found.labelled[text] = ""
        elif number and "source" in labels:
            found.source = int(number[1])
        else:
            found.other.append(text)
    return found


def _romanization(notes: _Notes) -> str | None:
    if "romanization system" in notes.labelled:
        return notes.labelled["romanization system"]
    return "" if "romanization" in notes.labelled else None


def _key(element_id: str | None) -> str | None:
    if not element_id:
        return None
    key = element_id.lower().removeprefix("_")
    return key if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key) else slug(key) or None


def _find_text(entry: ET.Element, kind: str) -> str | None:
    for element in entry.iter("descrip"):
        if _is(element, kind):
            return "".join(element.itertext()).strip() or None
    return None


def _status(tig: ET.Element) -> str | None:
    for note in tig.iter("termNote"):
        if _is(note, "administrativeStatus"):
            value = (note.text or "").strip()
            return next((k for k, v in STATUSES.items() if v == value), None)
    return None


def _sources(
    english: ET.Element | None, chinese: ET.Element | None, name: str, today: str
) -> list[FileSource]:
    sources = []
    for element in _contexts(english):
        notes = _notes(element, SOURCE_NOTES).labelled
        xref = element.find("xref")
        sources.append(
            FileSource(
                quote=_context_text(element),
                quote_zh=None,
                title=element.findtext("admin[@type='source']") or name,
                publisher=notes.get("publisher"),
                url=xref.get("target") if xref is not None else None,
                published=notes.get("published") or today,
                accessed=notes.get("accessed"),
            )
        )
    for order, element in enumerate(_contexts(chinese)):
        cited = _notes(element, ("source",)).source
        index = (order + 1 if cited is None else cited) - 1
        if 0 <= index < len(sources):
            sources[index]["quote_zh"] = _context_text(element)
    return sources


def _contexts(tig: ET.Element | None) -> list[ET.Element]:
    """Return a tig's contexts in order, each with its notes and xref as children: those in
    its descripGrp (older exports) and those that follow it in the tig (TBX-Basic)."""
    if tig is None:
        return []
    contexts: list[ET.Element] = []
    for child in tig:
        if _is_context(child):
            context = ET.Element("descripGrp")
            context.extend(child if child.tag == "descripGrp" else [child])
            contexts.append(context)
        elif contexts and child.tag in ("note", "xref"):
            contexts[-1].append(child)
    nested = [g for g in tig.iter("descripGrp") if _is_context(g) and g not in list(tig)]
    return contexts + nested


def _is_context(element: ET.Element) -> bool:
    if element.tag == "descripGrp":
        return element.find("descrip[@type='context']") is not None
    return element.tag == "descrip" and _is(element, "context")


def _context_text(group: ET.Element) -> str:
    """The text of a context group's context, its markup's text included (_contexts gives
    only groups that hold a context)."""
    descrip = group.find("descrip[@type='context']")
    assert descrip is not None
    return "".join(descrip.itertext()).strip()
