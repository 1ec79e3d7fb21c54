"""The entry's rule book (glossary/entries/validate.py), called directly: a table of cases.

Each case changes a valid entry (VALID) and says which problems the rule book finds, by field
path, in English. The form, the API, the article drafts and the importer all apply these rules;
their own tests check how the problems reach a person. Read this file to learn the rules.
"""

from __future__ import annotations

from typing import Any

import pytest

from glossary.entries import validate

QUOTE = "Both sides discussed confidence-building measures (CBMs) for military uses of AI."
SOURCE = {"quote": QUOTE, "title": "Notes on the dialogue", "published": "2026-05"}
VALID = {
    "kind": "term",
    "english": "confidence-building measures",
    "simplified": "建立信任措施",
    "sources": [SOURCE],
}
# The glossary the rule book looks entries up in: 7 is an organization, 8 a term.
ORGANIZATION, TERM = 7, 8
LIVE = {ORGANIZATION: "organization", TERM: "term"}

TOO_LONG = "must be at most %s characters long"
NOT_TEXT = "must be text"
REQUIRED = "is required"
CONTROL = "must not contain control characters"
UNSTORABLE = "must not contain NUL or unpaired surrogate characters"
NOT_CHINESE = "must contain Chinese characters"
NOT_PINYIN = "must be Hanyu Pinyin syllables"
NO_TONES = "must carry tones (marks or numbers)"
BAD_DATE = "must be a real date: YYYY, YYYY-MM or YYYY-MM-DD"
KINDS = "must be one of person, organization, term, place, document, event"
STATUSES = "must be one of preferred, admitted, deprecated"


def entry_exists(entry_id: int, kind: str | None) -> bool:
    return entry_id in LIVE and kind in (None, LIVE[entry_id])


def check(changes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The record the rule book makes of VALID with changes, and its problems in English."""
    record, errors = validate.check_entry({**VALID, **changes}, entry_exists=entry_exists)
    return record, validate.messages(errors)


def problems(changes: dict[str, Any]) -> dict[str, str]:
    return check(changes)[1]


def with_source(**changes: Any) -> dict[str, Any]:
    """The changes that give VALID one source: SOURCE with changes (None removes a field)."""
    source = {name: value for name, value in {**SOURCE, **changes}.items() if value is not None}
    return {"sources": [source]}


def case(*values: Any) -> Any:
    """A row of a table: its values, then the case's name."""
    return pytest.param(*values[:-1], id=values[-1])


def test_the_valid_entry_has_no_problem():
    assert problems({}) == {}


# Kinds and statuses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # every kind, by its exact name
        case({"kind": "person"}, {}, "person"),
        case({"kind": "organization"}, {}, "organization"),
        case({"kind": "term"}, {}, "term"),
        case({"kind": "place"}, {}, "place"),
        case({"kind": "document"}, {}, "document"),
        case({"kind": "event"}, {}, "event"),
        case({"kind": None}, {"kind": KINDS}, "no kind"),
        case({"kind": ""}, {"kind": KINDS}, "empty kind"),
        case({"kind": "Term"}, {"kind": KINDS}, "a kind in capitals"),
        case({"kind": "concept"}, {"kind": KINDS}, "an unknown kind"),
        case({"kind": ["term"]}, {"kind": KINDS}, "a list for a kind"),
        # no status is the preferred one
        case({"status": None}, {}, "no status"),
        case({"status": ""}, {}, "empty status"),
        case({"status": "preferred"}, {}, "preferred"),
        case({"status": "admitted"}, {}, "admitted"),
        case({"status": "deprecated"}, {}, "deprecated"),
        case({"status": "superseded"}, {"status": STATUSES}, "an unknown status"),
        case({"status": "Preferred"}, {"status": STATUSES}, "a status in capitals"),
    ],
)
def test_kinds_and_statuses(changes, expected):
    assert problems(changes) == expected


# The entry's text fields: required, text, Chinese where Chinese is due -----------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        case({"english": None}, {"english": REQUIRED}, "no English"),
        case({"english": ""}, {"english": REQUIRED}, "empty English"),
        case({"english": " \t "}, {"english": REQUIRED}, "English of spaces only"),
        case({"english": 42}, {"english": NOT_TEXT}, "a number for English"),
        case({"english": ["CBMs"]}, {"english": NOT_TEXT}, "a list for English"),
        case({"simplified": None}, {"simplified": REQUIRED}, "no simplified form"),
        case({"simplified": "CBM"}, {"simplified": NOT_CHINESE}, "simplified without Chinese"),
        case({"simplified": "CBM措施"}, {}, "simplified with some Chinese"),
        case({"simplified": "𠮷野家"}, {}, "simplified beyond the BMP"),
        case({"traditional": None}, {}, "no traditional form: made from the simplified"),
        case({"traditional": "建立信任措施"}, {}, "traditional as written"),
        case({"traditional": "CBM"}, {"traditional": NOT_CHINESE}, "traditional without Chinese"),
        case({"description": 7}, {"description": NOT_TEXT}, "a number for a description"),
        case({"notes": {"a": 1}}, {"notes": NOT_TEXT}, "an object for notes"),
        case({"romanization": "Jianli Xinren", "romanization_system": "Wade"}, {}, "romanized"),
    ],
)
def test_text_fields(changes, expected):
    assert problems(changes) == expected


# Limits: at the limit is allowed, one character past it is not. Characters are counted after
# the text is trimmed and composed (NFC), as it is stored.

LIMITS = [
    # field, limit, a character to fill it with
    ("english", 500, "a"),
    ("simplified", 200, "谢"),
    ("traditional", 200, "謝"),
    ("romanization", 500, "a"),
    ("romanization_system", 100, "a"),
    ("description", 500, "a"),
    ("notes", 4000, "a"),
]


@pytest.mark.parametrize(("field", "limit", "character"), LIMITS, ids=[f for f, *_ in LIMITS])
def test_a_field_may_be_as_long_as_its_limit(field, limit, character):
    assert problems({field: character * limit}) == {}
    assert problems({field: character * (limit + 1)}) == {field: TOO_LONG % limit}


SOURCE_LIMITS = [
    ("quote", 4000),
    ("quote_zh", 4000),
    ("title", 500),
    ("publisher", 500),
]


@pytest.mark.parametrize(("field", "limit"), SOURCE_LIMITS, ids=[f for f, _ in SOURCE_LIMITS])
def test_a_source_field_may_be_as_long_as_its_limit(field, limit):
    assert problems(with_source(**{field: "a" * limit})) == {}
    expected = {f"sources[0].{field}": TOO_LONG % limit}
    assert problems(with_source(**{field: "a" * (limit + 1)})) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        case({"pinyin": "ā" * 1000}, {}, "pinyin at 1000"),
        case({"pinyin": "ā" * 1001}, {"pinyin": TOO_LONG % 1000}, "pinyin past 1000"),
        case({"aliases": ["a" * 500]}, {}, "an alias at 500"),
        case({"aliases": ["a" * 501]}, {"aliases[0]": TOO_LONG % 500}, "an alias past 500"),
        case({"tags": ["a" * 100]}, {}, "a tag at 100"),
        case({"tags": ["a" * 101]}, {"tags[0]": TOO_LONG % 100}, "a tag past 100"),
        case(with_source(url="https://e.org/" + "a" * 1986), {}, "a URL at 2000"),
        case(
            with_source(url="https://e.org/" + "a" * 1987),
            {"sources[0].url": TOO_LONG % 2000},
            "a URL past 2000",
        ),
        # trimmed first: spaces around the text do not count
        case({"english": " " + "a" * 500 + " "}, {}, "spaces around do not count"),
        # composed first: e + a combining acute accent is one character, é
        case({"english": "e\u0301" * 500}, {}, "combining accents compose"),
    ],
)
def test_limits_of_pinyin_lists_and_addresses(changes, expected):
    assert problems(changes) == expected


# Pinyin: Hanyu Pinyin with tones (marks or numbers); Latin letters and digits that the Chinese
# forms also hold are kept as written --------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        case({"pinyin": None}, {}, "no pinyin: made from the simplified form"),
        case({"pinyin": "jiànlì xìnrèn cuòshī"}, {}, "tone marks"),
        case({"pinyin": "jian4li4 xin4ren4 cuo4shi1"}, {}, "tone numbers"),
        case({"pinyin": "Jiànlì Xìnrèn Cuòshī"}, {}, "capitals"),
        case({"pinyin": "jiànlì xinren cuoshi"}, {}, "some syllables toneless"),
        case({"pinyin": "jianli xinren cuoshi"}, {"pinyin": NO_TONES}, "no tone at all"),
        case({"pinyin": "confidence building"}, {"pinyin": NOT_PINYIN}, "English"),
        case({"pinyin": "建立信任措施"}, {"pinyin": NOT_PINYIN}, "characters"),
        case({"pinyin": "-"}, {"pinyin": NOT_PINYIN}, "no syllable"),
        case({"pinyin": "jiàn\nlì"}, {"pinyin": CONTROL}, "a line break"),
        # mixed text: the Latin letters and digits of the characters, kept as they are
        case({"simplified": "5G网络", "pinyin": "5G wǎngluò"}, {}, "5G wǎngluò"),
        case({"simplified": "5G网络", "pinyin": "5g wǎngluò"}, {}, "5g in any case"),
        case({"simplified": "G20峰会", "pinyin": "G20 fēnghuì"}, {}, "G20 fēnghuì"),
        case({"simplified": "AI安全", "pinyin": "AI ānquán"}, {}, "AI ānquán"),
        case(
            {"simplified": "网络", "pinyin": "5G wǎngluò"}, {"pinyin": NOT_PINYIN}, "5G not in it"
        ),
        case({"simplified": "5G网络", "pinyin": "6G wǎngluò"}, {"pinyin": NOT_PINYIN}, "6G for 5G"),
        case({"simplified": "5G网络", "pinyin": "5G"}, {"pinyin": NOT_PINYIN}, "5G alone"),
        case({"simplified": "AI与5G", "pinyin": "AI yǔ 5G"}, {}, "AI and 5G"),
        case(
            {"simplified": "5G网络的", "pinyin": "5G wǎngluò de"}, {}, "toned, then a neutral word"
        ),
        case({"simplified": "网络（5G）", "pinyin": "wǎngluò (5G)"}, {}, "5G in brackets"),
        case(
            {"simplified": "网络", "traditional": "5G網絡", "pinyin": "5G wǎngluò"},
            {},
            "5G in the traditional form only",
        ),
        case({"simplified": "光", "pinyin": "X guāng"}, {"pinyin": NOT_PINYIN}, "X in no form"),
        case(
            {"simplified": None, "pinyin": "X guāng"},
            {"simplified": REQUIRED, "pinyin": NOT_PINYIN},
            "a Latin word, and no characters to find it in",
        ),
        case(
            {"simplified": "AI与5G", "pinyin": "I5 yǔ"},
            {"pinyin": NOT_PINYIN},
            "letters of two runs, as one",
        ),
        case(
            {"simplified": "5G网络", "traditional": "5G網絡", "pinyin": "5G wǎngluò"},
            {},
            "5G in both forms",
        ),
        # a neutral tone throughout, where every character may be read so
        case({"simplified": "了", "pinyin": "le"}, {}, "了 le"),
        case({"simplified": "了", "pinyin": "le5"}, {}, "了 le5"),
        case({"simplified": "吗", "traditional": "嗎", "pinyin": "ma"}, {}, "吗 ma"),
        case({"simplified": "了", "pinyin": "liao"}, {"pinyin": NO_TONES}, "了 liao"),
        case({"simplified": "我们", "pinyin": "women"}, {"pinyin": NO_TONES}, "我们 women"),
        case({"simplified": "了吗", "pinyin": "le"}, {"pinyin": NO_TONES}, "a syllable short"),
    ],
)
def test_pinyin(changes, expected):
    assert problems(changes) == expected


# Control characters: never NUL or a lone surrogate (they cannot be stored), never a control
# character; tabs and line breaks only in the fields written as paragraphs -------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        case({"english": "a\x00b"}, {"english": UNSTORABLE}, "NUL"),
        case({"english": "a\ud800b"}, {"english": UNSTORABLE}, "a lone surrogate"),
        case({"english": "a\x07b"}, {"english": CONTROL}, "a bell"),
        case({"english": "a\x1bb"}, {"english": CONTROL}, "an escape"),
        case({"english": "a\x7fb"}, {"english": CONTROL}, "DEL"),
        case({"english": "a\x85b"}, {"english": CONTROL}, "a C1 control"),
        case({"english": "a\ufffeb"}, {"english": CONTROL}, "a noncharacter"),
        case({"english": "a\nb"}, {"english": CONTROL}, "a line break in one line"),
        case({"english": "a\tb"}, {"english": CONTROL}, "a tab in one line"),
        case({"simplified": "建立\r\n信任"}, {"simplified": CONTROL}, "CRLF in characters"),
        case({"aliases": ["CB\nMs"]}, {"aliases[0]": CONTROL}, "a line break in an alias"),
        case({"tags": ["a\x00"]}, {"tags[0]": UNSTORABLE}, "NUL in a tag"),
        case(with_source(title="a\nb"), {"sources[0].title": CONTROL}, "a two-line title"),
        # paragraphs: description, notes, quotes
        case({"description": "a\nb\tc\r\nd"}, {}, "a description of lines"),
        case({"notes": "a\n\nb"}, {}, "notes of paragraphs"),
        case({"notes": "a\x0bb"}, {"notes": CONTROL}, "a vertical tab in notes"),
        case(with_source(quote="a\nb", quote_zh="甲\n乙"), {}, "quotes of lines"),
        case(with_source(quote="a\x0cb"), {"sources[0].quote": CONTROL}, "a form feed"),
        # ordinary Unicode is text
        case({"english": "Xiè Fēng ‘quoted’ — 𠮷 \u200b"}, {}, "accents, quotes, zero width"),
    ],
)
def test_control_characters(changes, expected):
    assert problems(changes) == expected


# Aliases, tags and related entries: lists, of at most so many items -------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        case({"aliases": None}, {}, "no aliases"),
        case({"aliases": ["CBMs", "CSBMs"]}, {}, "two aliases"),
        case({"aliases": "CBMs"}, {"aliases": "must be a list"}, "text for aliases"),
        case({"aliases": ["a"] * 50}, {}, "50 aliases"),
        case({"aliases": ["a"] * 51}, {"aliases": "must have at most 50 items"}, "51 aliases"),
        case({"aliases": ["CBMs", 5]}, {"aliases[1]": NOT_TEXT}, "a number for an alias"),
        case({"tags": ["a"] * 20}, {}, "20 tags"),
        case({"tags": ["a"] * 21}, {"tags": "must have at most 20 items"}, "21 tags"),
        case({"tags": {"security": True}}, {"tags": "must be a list"}, "an object for tags"),
        case({"related": [TERM, ORGANIZATION]}, {}, "related entries of any kind"),
        case({"related": [99]}, {"related[0]": "no such entry"}, "an entry that is not there"),
        case({"related": [TERM, "8"]}, {"related[1]": "no such entry"}, "an id as text"),
        case({"related": [True]}, {"related[0]": "no such entry"}, "true for an id"),
        case({"related": [TERM] * 51}, {"related": "must have at most 50 items"}, "51 related"),
        case({"related": TERM}, {"related": "must be a list"}, "one id for a list"),
    ],
)
def test_lists(changes, expected):
    assert problems(changes) == expected


# Sources: at least one; each a quote, a title and a real date of publication ----------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        case({"sources": None}, {"sources": "at least one source is required"}, "no sources"),
        case({"sources": []}, {"sources": "at least one source is required"}, "an empty list"),
        case({"sources": SOURCE}, {"sources": "must be a list"}, "one source for a list"),
        case({"sources": [SOURCE] * 50}, {}, "50 sources"),
        case({"sources": [SOURCE] * 51}, {"sources": "must have at most 50 items"}, "51 sources"),
        case({"sources": [QUOTE]}, {"sources[0]": "must be an object"}, "a quote for a source"),
        case(
            {"sources": [QUOTE, {**SOURCE, "published": "soon"}]},
            {"sources[0]": "must be an object", "sources[1].published": BAD_DATE},
            "the source after one that is not an object",
        ),
        case(
            with_source(quote=None, title=None, published=None),
            {
                "sources[0].quote": REQUIRED,
                "sources[0].title": REQUIRED,
                "sources[0].published": REQUIRED,
            },
            "an empty source",
        ),
        case(with_source(title="  "), {"sources[0].title": REQUIRED}, "a title of spaces"),
        case(with_source(quote_zh="双方讨论了建立信任措施。", publisher="Press"), {}, "all"),
        # dates: a year, a month or a day that exists
        case(with_source(published="2026"), {}, "a year"),
        case(with_source(published="2026-05-12"), {}, "a day"),
        case(with_source(published="2024-02-29"), {}, "a leap day"),
        case(with_source(published="2026-02-29"), {"sources[0].published": BAD_DATE}, "no leap"),
        case(with_source(published="2026-13"), {"sources[0].published": BAD_DATE}, "month 13"),
        case(with_source(published="2026-5"), {"sources[0].published": BAD_DATE}, "one digit"),
        case(with_source(published="26"), {"sources[0].published": BAD_DATE}, "two digits"),
        case(with_source(published="2026/05"), {"sources[0].published": BAD_DATE}, "slashes"),
        case(with_source(published="May 2026"), {"sources[0].published": BAD_DATE}, "words"),
        case(with_source(published=2026), {"sources[0].published": NOT_TEXT}, "a number"),
        case(with_source(accessed="2026-06-01"), {}, "accessed on a day"),
        case(with_source(accessed="yesterday"), {"sources[0].accessed": BAD_DATE}, "accessed"),
        # addresses: http or https, no spaces
        case(with_source(url="https://example.org/notes?a=1#b"), {}, "https"),
        case(with_source(url="HTTP://EXAMPLE.ORG"), {}, "http in capitals"),
        case(
            with_source(url="ftp://example.org/notes"),
            {"sources[0].url": "must be an http or https address"},
            "ftp",
        ),
        case(
            with_source(url="javascript:alert(1)"),
            {"sources[0].url": "must be an http or https address"},
            "javascript",
        ),
        case(
            with_source(url="https://example.org/a b"),
            {"sources[0].url": "must be an http or https address"},
            "a space",
        ),
        case(
            with_source(url="example.org"),
            {"sources[0].url": "must be an http or https address"},
            "no scheme",
        ),
        case(
            {"sources": [SOURCE, {**SOURCE, "published": "soon"}]},
            {"sources[1].published": BAD_DATE},
            "the second source",
        ),
    ],
)
def test_sources(changes, expected):
    assert problems(changes) == expected


# Affiliations: only a person's; each names an organization in the glossary, and may give its
# role, a date and which of the entry's sources says so ----------------------------------------

PERSON = {"kind": "person", "english": "Xie Feng", "simplified": "谢锋"}


def affiliation(**fields: Any) -> dict[str, Any]:
    """A person with one affiliation with these fields."""
    return {**PERSON, "affiliations": [fields]}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        case(affiliation(organization_id=ORGANIZATION), {}, "an organization"),
        case(
            affiliation(organization_id=ORGANIZATION, role="ambassador", as_of="2026-05", source=0),
            {},
            "with its role, date and source",
        ),
        case(affiliation(organization={"id": ORGANIZATION}), {}, "the organization as the API"),
        case(
            {**VALID, "affiliations": [{"organization_id": ORGANIZATION}]},
            {"affiliations": "only a person has affiliations"},
            "a term's affiliation",
        ),
        case({**PERSON, "affiliations": []}, {}, "no affiliation"),
        case(
            {**PERSON, "affiliations": {"organization_id": ORGANIZATION}},
            {"affiliations": "must be a list"},
            "one for a list",
        ),
        case(
            {**PERSON, "affiliations": [{"organization_id": ORGANIZATION}] * 51},
            {"affiliations": "must have at most 50 items"},
            "51 affiliations",
        ),
        case(
            {**PERSON, "affiliations": ["Ministry"]},
            {"affiliations[0]": "must be an object"},
            "a name for an affiliation",
        ),
        case(
            {**PERSON, "affiliations": ["Ministry", {"organization_id": 99}]},
            {
                "affiliations[0]": "must be an object",
                "affiliations[1].organization": "must be an organization in the glossary",
            },
            "the affiliation after one that is not an object",
        ),
        case(
            affiliation(organization_id=TERM),
            {"affiliations[0].organization": "must be an organization in the glossary"},
            "a term for an organization",
        ),
        case(
            affiliation(organization_id=99),
            {"affiliations[0].organization": "must be an organization in the glossary"},
            "an organization that is not there",
        ),
        case(
            affiliation(organization_id=str(ORGANIZATION)),
            {"affiliations[0].organization": "must be an organization in the glossary"},
            "an id as text",
        ),
        case(
            affiliation(role="ambassador"),
            {"affiliations[0].organization": "must be an organization in the glossary"},
            "no organization",
        ),
        case(
            affiliation(organization_id=ORGANIZATION, role="a" * 200),
            {},
            "a role at 200",
        ),
        case(
            affiliation(organization_id=ORGANIZATION, role="a" * 201),
            {"affiliations[0].role": TOO_LONG % 200},
            "a role past 200",
        ),
        case(
            affiliation(organization_id=ORGANIZATION, as_of="2026-02-30"),
            {"affiliations[0].as_of": BAD_DATE},
            "a date that does not exist",
        ),
        case(
            affiliation(organization_id=ORGANIZATION, source=1),
            {"affiliations[0].source": "must be the number of one of this entry's sources"},
            "a source the entry does not have",
        ),
        case(
            affiliation(organization_id=ORGANIZATION, source=-1),
            {"affiliations[0].source": "must be the number of one of this entry's sources"},
            "a negative source",
        ),
        case(
            affiliation(organization_id=ORGANIZATION, source="0"),
            {"affiliations[0].source": "must be the number of one of this entry's sources"},
            "a source number as text",
        ),
    ],
)
def test_affiliations(changes, expected):
    assert problems(changes) == expected


# Every problem at once: one check finds them all, each under its own field ------------------


def test_every_problem_is_found_at_once():
    changes = {
        "kind": "idea",
        "english": "",
        "simplified": "CBM",
        "pinyin": "hello",
        "status": "final",
        "tags": ["a\nb"],
        "sources": [{"quote": QUOTE, "title": "Notes", "published": "never"}],
        "related": [99],
    }
    assert problems(changes) == {
        "kind": KINDS,
        "english": REQUIRED,
        "simplified": NOT_CHINESE,
        "pinyin": NOT_PINYIN,
        "status": STATUSES,
        "tags[0]": CONTROL,
        "sources[0].published": BAD_DATE,
        "related[0]": "no such entry",
    }


# What the rule book makes of what it accepts: the record that is stored ---------------------


@pytest.mark.parametrize(
    ("changes", "field", "stored"),
    [
        case({"english": "  CBMs \n"}, "english", "CBMs", "trimmed"),
        case({"kind": "place"}, "kind", "place", "the kind"),
        case({}, "simplified", "建立信任措施", "the simplified form"),
        case({"notes": " a\nb "}, "notes", "a\nb", "notes"),
        case({"description": "Steps"}, "description", "Steps", "description"),
        case({"romanization": "Jianli"}, "romanization", "Jianli", "romanization"),
        case({"romanization_system": "Wade"}, "romanization_system", "Wade", "its system"),
        case({"tags": ["security", "security"]}, "tags", ["security"], "tags once"),
        case({"status": "admitted"}, "status", "admitted", "a status"),
        case({"english": "Xie\u0300"}, "english", "Xiè", "composed (NFC)"),
        case({"traditional": None}, "traditional", "建立信任措施", "traditional made"),
        case({"simplified": "网络"}, "traditional", "網絡", "traditional converted"),
        case({"simplified": "网络"}, "pinyin", "wǎngluò", "pinyin made"),
        case({"pinyin": "jian4li4 xin4ren4 cuo4shi1"}, "pinyin", "jiànlì xìnrèn cuòshī", "numbers"),
        case({"pinyin": "Xie4 Feng1"}, "pinyin", "Xiè Fēng", "numbers, capitals"),
        case({"simplified": "5G网络", "pinyin": "5G wang3luo4"}, "pinyin", "5G wǎngluò", "5G"),
        case({"status": None}, "status", "preferred", "preferred"),
        case({"aliases": ["CBMs", "", "CBMs", " CSBMs "]}, "aliases", ["CBMs", "CSBMs"], "aliases"),
        case({"related": [TERM, TERM]}, "related", [TERM], "related once"),
        case(
            {"sources": [{**SOURCE, "url": "", "quote_zh": " "}]},
            "sources",
            [
                {
                    "quote": QUOTE,
                    "quote_zh": None,
                    "title": "Notes on the dialogue",
                    "publisher": None,
                    "url": None,
                    "published": "2026-05",
                    "accessed": None,
                }
            ],
            "empty source fields",
        ),
        case(
            affiliation(organization={"id": ORGANIZATION}, role=" envoy "),
            "affiliations",
            [{"organization_id": ORGANIZATION, "role": "envoy", "as_of": None, "source": None}],
            "an affiliation",
        ),
        case(
            affiliation(organization_id=ORGANIZATION, as_of="2026-05", source=0),
            "affiliations",
            [{"organization_id": ORGANIZATION, "role": None, "as_of": "2026-05", "source": 0}],
            "an affiliation's date and source",
        ),
    ],
)
def test_the_record_as_stored(changes, field, stored):
    record, found = check(changes)
    assert found == {}
    assert record[field] == stored


# Pinyin written with tone numbers is stored with tone marks, word by word -------------------


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("Xie4 Feng1", "Xiè Fēng"),
        ("XIE4", "Xiè"),  # a capital starts the word, as written
        ("xin4ren4-cuo4shi1", "xìnrèn-cuòshī"),  # the hyphen kept
        ("hao3 ma5", "hǎo ma"),  # 5 is the neutral tone: no mark
        ("lv4 nu:3", "lǜ nǚ"),
        ("xie4 hello2 feng1", "xiè hello2 fēng"),  # a word that is not pinyin is kept
        ("Xie Feng", "Xie Feng"),  # no tone numbers: as it is
        ("jiànlì", "jiànlì"),
    ],
)
def test_tone_numbers_are_written_as_marks(written, stored):
    assert validate.with_tone_marks(written) == stored


@pytest.mark.parametrize(
    "pinyin",
    ["jiànlì, xìnrèn cuòshī.", "(jiànlì) xìnrèn cuòshī", "jiànlì  xìnrèn—cuòshī"],
)
def test_pinyin_may_hold_punctuation_around_its_words(pinyin):
    assert problems({"pinyin": pinyin}) == {}


# A revision's comment (or a deletion's reason): a field's rules, to its limit ---------------


def test_a_comment_is_stored_trimmed():
    assert validate.check_comment("  fixed the date ") == ("fixed the date", None)
    assert validate.check_comment("first line\nsecond line") == ("first line\nsecond line", None)


def test_no_comment_is_an_empty_one():
    assert validate.check_comment(None) == ("", None)
    assert validate.check_comment("   ") == ("", None)


@pytest.mark.parametrize(
    ("value", "required", "message", "values"),
    [
        (None, True, REQUIRED, {}),
        ("  ", True, REQUIRED, {}),
        (42, False, NOT_TEXT, {}),
        ("a" * 501, False, "must be at most %(max)s characters long", {"max": 500}),
        ("a\x00", False, UNSTORABLE, {}),
    ],
)
def test_a_comment_that_will_not_do(value, required, message, values):
    text, problem = validate.check_comment(value, required=required)
    assert text == ""
    assert problem is not None
    assert (problem.path, problem.message, dict(problem.values)) == (("comment",), message, values)


def test_a_comment_at_its_limit():
    assert validate.check_comment("a" * 500) == ("a" * 500, None)


def test_a_reasons_problem_is_named_by_its_own_path():
    _, problem = validate.check_comment(None, required=True, path=("reason",))
    assert problem is not None
    assert (problem.path, problem.message) == (("reason",), REQUIRED)


def test_without_the_characters_no_latin_word_is_pinyin():
    assert validate.pinyin_problem("X guāng", "X光") is None
    assert validate.pinyin_problem("X guāng") == NOT_PINYIN


def test_problems_are_written_through_the_translation_given():
    _, found = validate.check_entry({**VALID, "english": "a" * 501}, entry_exists=entry_exists)

    def shout(message: str, **values: object) -> str:
        return (message % values).upper()

    assert validate.messages(found, shout) == {"english": "MUST BE AT MOST 500 CHARACTERS LONG"}
    assert validate.messages(found) == {"english": "must be at most 500 characters long"}


# true is no entry id and no source number, even where 1 would be one ------------------------


def test_true_is_no_id_and_no_source_number():
    def entry_1_exists(entry_id: int, kind: str | None) -> bool:
        return entry_id == 1

    person = {**PERSON, "sources": [SOURCE, SOURCE]}
    cases = [
        ({"affiliations": [{"organization_id": True}]}, "affiliations[0].organization"),
        ({"related": [True]}, "related[0]"),
        ({"affiliations": [{"organization_id": 1, "source": True}]}, "affiliations[0].source"),
    ]
    for changes, field in cases:
        _, found = validate.check_entry({**person, **changes}, entry_exists=entry_1_exists)
        assert list(validate.messages(found)) == [field], changes
    _, found = validate.check_entry(
        {**person, "affiliations": [{"organization_id": 1, "source": 1}], "related": [1]},
        entry_exists=entry_1_exists,
    )
    assert found == []
