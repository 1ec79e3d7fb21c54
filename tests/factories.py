"""What tests store and send: entries, sources, documents, a slice of CC-CEDICT, hostile input.

Literal data and the builders that store it; what a test does with them is in helpers.py.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from glossary import search, store
from glossary.exchange import importer
from glossary.store.connection import connect

# Entries ----------------------------------------------------------------------------------------

# A glossary/1 file's source: the least a record needs.
FILE_SOURCE = {"quote": "q", "title": "t", "published": "2026"}


def file_record(key: str, english: str, simplified: str, **fields: Any) -> dict[str, Any]:
    """A glossary/1 file's record of a term with one short source; fields add or replace."""
    return {
        "key": key,
        "kind": "term",
        "english": english,
        "simplified": simplified,
        "sources": [FILE_SOURCE],
        **fields,
    }


# An entry with everything that breaks naive writers: Chinese, quotes, commas, line breaks and
# tabs inside fields, cells a spreadsheet would run as formulas, a Chinese alias.
TRICKY = {
    "key": "three-noes",
    "kind": "term",
    "english": 'the "three, no" principle',
    "aliases": ["=cmd|' /C calc'!A0", "three-no's", "三不"],
    "simplified": "三不原则",
    "traditional": "三不原則",
    "pinyin": "sān bù yuánzé",
    "romanization": None,
    "romanization_system": None,
    "description": 'A line with, commas and "quotes"',
    "notes": "First line\nsecond line\twith a tab\r\nand a CRLF; 引号“”",
    "tags": ["tabs-and-newlines", "+plus"],
    "status": "admitted",
    "verified": False,
    "sources": [
        {
            "quote": 'He said: "no, no\tand no"\nthen left.',
            "quote_zh": "他说：“不，不，不。”",
            "title": "-Title, with comma",
            "publisher": "@Press",
            "url": "https://example.com/a?b=1,2",
            "published": "2026-05-12",
            "accessed": None,
        },
        {
            "quote": "A second source.",
            "quote_zh": None,
            "title": "Second",
            "publisher": None,
            "url": None,
            "published": "2026",
            "accessed": "2026-06-01",
        },
    ],
}
EVERYTHING = search.Request(q="", kind=None, tag=None, limit=20, offset=0)

# A stored entry (as store.get_entry returns it, the fields no writer reads left out) with a
# field of each kind a writer writes: aliases in English, an acronym and both scripts, a
# published romanization, two sources (one with every field, one with a Chinese quote), a
# related entry that is exported (id 2, as "mofa") and one that is not (id 3).
PERSON: dict[str, Any] = {
    "id": 1,
    "kind": "person",
    "english": "Xie Feng",
    "aliases": ["XIE Feng", "NC3", "谢大使", "謝大使"],
    "simplified": "谢锋",
    "traditional": "",
    "pinyin": "Xiè Fēng",
    "romanization": "Hsieh Feng",
    "romanization_system": "Wade–Giles",
    "description": "Chinese Ambassador to the United States.",
    "notes": "Not 峰.",
    "tags": ["diplomacy", "china-us"],
    "status": "preferred",
    "verified": True,
    "created": "2026-05-01T10:00:00Z",
    "updated": "2026-06-01T11:00:00Z",
    "import_key": "xie-feng",
    "sources": [
        {
            "quote": "Xie Feng spoke.",
            "quote_zh": None,
            "title": "Notes",
            "publisher": "Press",
            "url": "https://a.org/x",
            "published": "2026-05",
            "accessed": "2026-06-01",
        },
        {
            "quote": "He spoke again.",
            "quote_zh": "他又说了。",
            "title": "Daily",
            "publisher": None,
            "url": None,
            "published": "2026",
            "accessed": None,
        },
    ],
    "affiliations": [],
    "related": [{"id": 2, "english": "Ministry of Foreign Affairs"}, {"id": 3, "english": "race"}],
}

# PERSON written as TBX-Basic (tbx.write), with "mofa" for entry 2.
PERSON_TBX = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader>
    <fileDesc>
      <titleStmt>
        <title>Glossary export</title>
      </titleStmt>
      <sourceDesc>
        <p>Exported from glossary on 2026-06-02</p>
      </sourceDesc>
    </fileDesc>
    <encodingDesc>
      <p type="XCSURI">glossary.xcs</p>
    </encodingDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="xie-feng">
        <descrip type="subjectField">diplomacy</descrip>
        <descrip type="subjectField">china-us</descrip>
        <note>kind: person</note>
        <note>verified: yes</note>
        <note>Not 峰.</note>
        <ref type="crossReference" target="mofa">Ministry of Foreign Affairs</ref>
        <transacGrp>
          <transac type="transactionType">origination</transac>
          <date>2026-05-01</date>
        </transacGrp>
        <transacGrp>
          <transac type="transactionType">modification</transac>
          <date>2026-06-01</date>
        </transacGrp>
        <langSet xml:lang="en">
          <descrip type="definition">Chinese Ambassador to the United States.</descrip>
          <tig>
            <term>Xie Feng</term>
            <termNote type="termType">fullForm</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <descripGrp>
              <descrip type="context">Xie Feng spoke.</descrip>
              <admin type="source">Notes</admin>
            </descripGrp>
            <note>publisher: Press</note>
            <note>published: 2026-05</note>
            <note>accessed: 2026-06-01</note>
            <xref type="externalCrossReference" target="https://a.org/x">https://a.org/x</xref>
            <descripGrp>
              <descrip type="context">He spoke again.</descrip>
              <admin type="source">Daily</admin>
            </descripGrp>
            <note>published: 2026</note>
          </tig>
          <tig>
            <term>XIE Feng</term>
            <termNote type="termType">variant</termNote>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>NC3</term>
            <termNote type="termType">acronym</termNote>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>Hsieh Feng</term>
            <termNote type="termType">variant</termNote>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
            <note>romanization system: Wade–Giles</note>
          </tig>
        </langSet>
        <langSet xml:lang="zh-Hans">
          <tig>
            <term>谢锋</term>
            <termNote type="termType">fullForm</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <note>pinyin: Xiè Fēng</note>
            <descripGrp>
              <descrip type="context">他又说了。</descrip>
              <admin type="source">Daily</admin>
            </descripGrp>
            <note>source 2</note>
          </tig>
          <tig>
            <term>谢大使</term>
            <termNote type="termType">variant</termNote>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="zh-Hant">
          <tig>
            <term>謝鋒</term>
            <termNote type="termType">fullForm</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>謝大使</term>
            <termNote type="termType">variant</termNote>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""


def add_tricky(db) -> dict:
    """Import TRICKY into db and return it as a full entry."""
    importer.import_document(db, {"format": "glossary/1", "entries": [TRICKY]})
    entry = store.get_entry(db, store.import_state(db, TRICKY["key"])["id"])
    assert entry is not None
    return entry


QUOTE = "Both sides discussed confidence-building measures (CBMs) for military uses of AI."
NEW_TERM = {
    "kind": "term",
    "english": "confidence-building measures",
    "simplified": "建立信任措施",
    "aliases": ["CBMs"],
    "tags": ["security"],
    "sources": [
        {
            "quote": QUOTE,
            "title": "Notes on the dialogue",
            "url": "https://example.org/notes",
            "published": "2026-05",
        }
    ],
}


LOAD_SOURCE = {"quote": "A quotation.", "title": "Load test", "published": "2026-05"}


def new_entry(marker: str) -> dict[str, Any]:
    """An entry to create, its English and notes made unique by marker."""
    return {
        "kind": "term",
        "english": f"load {marker}",
        "simplified": "负载测试",
        "notes": marker,
        "sources": [LOAD_SOURCE],
        "comment": marker,
    }


# The base dictionary ----------------------------------------------------------------------------

# A slice of CC-CEDICT in its own format: the header of the real file, then entries that try
# capitals (proper nouns), u:, tone 5, erhua, Latin letters, and traditional ≠ simplified. The
# last three try ranking at scale (tests/test_dictionary_scale.py): 当中 holds 中 in fewer
# characters than 孙中山 but is numbered after it (longer definitions), and 爱情 and 安排, found
# by their definitions' words, come before 安全 among the pinyin keys starting with "a".
CEDICT = """\
# CC-CEDICT
# Community maintained free Chinese-English dictionary.
#
# Published by MDBG
#
# License:
# Creative Commons Attribution-ShareAlike 4.0 International License
# https://creativecommons.org/licenses/by-sa/4.0/
#
# For more information about CC-CEDICT see:
# https://cc-cedict.org/wiki/
#
#! version=1
#! subversion=0
#! format=ts
#! charset=UTF-8
#! entries=20
#! publisher=MDBG
#! license=https://creativecommons.org/licenses/by-sa/4.0/
#! date=2023-11-07T06:42:16Z
#! time=1699339336
電腦 电脑 [dian4 nao3] /computer/CL:臺|台[tai2]/
計算機 计算机 [ji4 suan4 ji1] /computer/(Tw) calculator/CL:臺|台[tai2]/
綠 绿 [lu:4] /green/
女兒 女儿 [nu:3 er2] /daughter/
什麼 什么 [shen2 me5] /what?/something/anything/
中國 中国 [Zhong1 guo2] /China/
孫中山 孙中山 [Sun1 Zhong1 shan1] /Dr Sun Yat-sen (1866-1925)/
謝 谢 [xie4] /to thank/to apologize/
謝 谢 [Xie4] /surname Xie/
鋒 锋 [feng1] /point or edge of a weapon/
一點兒 一点儿 [yi1 dian3 r5] /a little/
卡拉OK 卡拉OK [ka3 la1 O K] /karaoke (loanword)/
愛 爱 [ai4] /to love/
哎 哎 [ai1] /hey!/
人工智能 人工智能 [ren2 gong1 zhi4 neng2] /artificial intelligence (AI)/
安全 安全 [an1 quan2] /safe/secure/safety/security/
臺 台 [tai2] /platform/stage/
當中 当中 [dang1 zhong1] /in the middle/in the center/among/
安排 安排 [an1 pai2] /to arrange/to plan/
愛情 爱情 [ai4 qing2] /romance/love (romantic)/affair/
"""


# Hostile input ----------------------------------------------------------------------------------

# Text that has broken search engines and web forms before.
NASTY = [
    "",
    " ",
    '"',
    "'",
    "\\",
    '"xie',
    "xie*",
    "*",
    "^xie",
    "NEAR(xie feng)",
    "xie AND feng OR NOT fu",
    "english:xie",
    "{english}: xie",
    "(xie",
    "xie)",
    "-xie",
    "+xie",
    "%",
    "_",
    "%_%",
    "100%",
    "a_b",
    "' OR '1'='1",
    "'; DROP TABLE entry; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "%(name)s",
    "{0}",
    "\x00",
    "xie\x00feng",
    "\ud800",
    "a\udfffb",
    "\u202exie feng",
    "ＸＩＥ　ＦＥＮＧ",
    "谢\u200b锋",
    "\ufeff",
    "\uffff",
    "\U0010ffff",
    "e\u0301" * 50,
    "𠮷" * 20,
    "\r\n\t\x0b\x0c",
    "x" * 201,
    "x" * 10_000,
    "谢" * 10_000,
    "a " * 5_000,
]

# Any code point, lone surrogates and NUL included.
ANY_CHARACTER = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=[])
TEXT = st.one_of(st.sampled_from(NASTY), st.text(ANY_CHARACTER, max_size=60))
# What a parameter can be on the wire: any text (surrogates as their invalid UTF-8), any bytes.
WIRE = st.one_of(TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=80))


# Script and event-handler payloads in every field an editor writes, stored straight into a
# database (bypassing validation, as an old or tampered row would), for the escaping tests.

MARK = "xssprobe"  # a word every payload starts with, to search for


def payload(field: str) -> str:
    """A payload naming its field: an inline script, an event handler, and an attribute break."""
    return (
        f"{MARK} {field} <script>console.log('XSS-RAN {field}')</script>"
        f"<img src=x onerror=\"console.log('XSS-RAN {field}')\">"
        f"\"'><svg onload=\"console.log('XSS-RAN {field}')\">"
        f"javascript:console.log('XSS-RAN {field}')"
    )


def hostile_source(number: int) -> dict[str, Any]:
    return {
        "quote": payload(f"quote{number}"),
        "quote_zh": "谢" + payload(f"quote_zh{number}"),
        "title": payload(f"title{number}"),
        "publisher": payload(f"publisher{number}"),
        # An address that passes the http(s) check but breaks out of an attribute if unescaped.
        "url": f"https://example.org/\"><script>console.log('XSS-RAN-url{number}')</script>",
        "published": payload(f"published{number}"),
        "accessed": payload(f"accessed{number}"),
    }


def hostile_record(kind: str, field_prefix: str = "") -> dict[str, Any]:
    """An entry with a payload in every text field."""
    return {
        "kind": kind,
        "english": payload(f"{field_prefix}english"),
        "aliases": [payload(f"{field_prefix}alias")],
        "simplified": "谢" + payload(f"{field_prefix}simplified"),
        "traditional": "謝" + payload(f"{field_prefix}traditional"),
        "pinyin": payload(f"{field_prefix}pinyin"),
        "romanization": payload(f"{field_prefix}romanization"),
        "romanization_system": payload(f"{field_prefix}romanization_system"),
        "description": payload(f"{field_prefix}description"),
        "notes": payload(f"{field_prefix}notes"),
        "tags": [payload(f"{field_prefix}tag")],
        "status": "preferred",
        "sources": [
            hostile_source(1),
            {**hostile_source(2), "url": "javascript:console.log('XSS-RAN url')"},
        ],
        "affiliations": [],
        "related": [],
    }


def store_hostile_entries(database_path: str) -> dict[str, int]:
    """Store hostile entries: an edited term, a person with an affiliation to a hostile
    organization, and a deleted entry with a hostile reason; return their ids by name."""
    db = connect(database_path)
    try:
        ids = {
            "organization": store.create_entry(
                db, hostile_record("organization", "org "), author="ed"
            )
        }
        ids["term"] = store.create_entry(
            db, hostile_record("term"), author="ed", comment=payload("comment")
        )
        person = {
            **hostile_record("person", "person "),
            "affiliations": [
                {
                    "organization_id": ids["organization"],
                    "role": payload("role"),
                    "as_of": payload("as_of"),
                    "source": 0,
                }
            ],
            "related": [ids["term"]],
        }
        ids["person"] = store.create_entry(db, person, author="ed")
        edited = {**hostile_record("term"), "notes": payload("edited notes")}
        store.edit_entry(
            db, ids["term"], edited, base_revision=1, author="ed", comment=payload("edit comment")
        )
        ids["deleted"] = store.create_entry(db, hostile_record("term", "deleted "), author="ed")
        store.set_deleted(db, ids["deleted"], deleted=True, author="ed", reason=payload("reason"))
        return ids
    finally:
        db.conn.close()
