"""The catalogs: every message the code and templates use, translated, in the right script; a
regional catalog holds only the messages its region words differently."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from glossary.text import hanzi
from glossary.web.i18n import FALLBACKS

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
# zh_Hans text must survive conversion to simplified unchanged, zh_Hant text to traditional.
SCRIPTS = {
    "zh_Hans": hanzi.to_simplified,
    "zh_Hant": hanzi.to_traditional,
    "zh_Hant_HK": hanzi.to_traditional,
}
# Catalogs that hold every message; the regional ones (FALLBACKS) hold only what differs.
COMPLETE = sorted(set(SCRIPTS) - set(FALLBACKS))

Key = tuple[str | None, str]  # (context, msgid)


def read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


def strings(message: Message) -> tuple[str, ...]:
    """A message's translations: one, or one per plural form."""
    return message.string if isinstance(message.string, tuple) else (message.string,)


def keys(catalog: Catalog) -> set[Key]:
    """The (context, msgid) of every message in a catalog."""
    return {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalog if m.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The messages the code and templates use now, extracted as `make translations` does."""
    with (ROOT / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    # The Makefile's -k _l and -k _lp:1c,2 (N_ is a default).
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "_lp": ((1, "c"), 2)}
    catalog = Catalog()
    for _filename, _line, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        catalog.add(message, context=context)
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    with pot.open("wb") as f:
        write_po(f, catalog)
    return read(pot)


def read_locale(locale: str) -> Catalog:
    return read(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po")


@pytest.fixture(scope="module", params=sorted(SCRIPTS))
def locale(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def catalog(locale: str) -> Catalog:
    return read_locale(locale)


@pytest.fixture(scope="module", params=COMPLETE)
def complete_catalog(request: pytest.FixtureRequest) -> Catalog:
    return read_locale(request.param)


def test_extraction_finds_the_interface_strings(extracted):
    found = keys(extracted)
    assert (None, "Search the glossary") in found  # a template
    assert (None, "There is no such page.") in found  # _() in Python
    assert (None, "Simplified") in found  # _l() at import time
    assert (None, "must be one of %(kinds)s") in found  # N_()
    assert ("members of an organization", "People") in found  # pgettext


def test_messages_pot_is_up_to_date(extracted):
    """`make translations` has been run since the last interface string changed."""
    assert keys(read(TRANSLATIONS / "messages.pot")) == keys(extracted)


def test_catalog_has_every_message_in_use(complete_catalog, extracted):
    missing = keys(extracted) - keys(complete_catalog)
    assert not missing, "run `make translations` and translate: " + repr(sorted(missing))


def test_catalog_has_no_message_out_of_use(catalog, extracted):
    assert keys(catalog) - keys(extracted) == set()


def test_every_message_is_translated_and_none_fuzzy(catalog):
    untranslated = [m.id for m in catalog if m.id and not all(strings(m))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []
    assert not catalog.fuzzy  # the header too


def test_translations_keep_their_placeholders(catalog):
    """Babel's own checks: python-format placeholders and the number of plural forms."""
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert problems == []


def test_translations_are_written_in_their_script(catalog, locale):
    convert = SCRIPTS[locale]
    wrong = [s for m in catalog if m.id for s in strings(m) if convert(s) != s]
    assert wrong == []


@pytest.mark.parametrize(
    ("locale_", "plural_forms"),
    [
        ("zh_Hans", "nplurals=1; plural=0;"),
        ("zh_Hant", "nplurals=1; plural=0;"),
        ("zh_Hant_HK", "nplurals=1; plural=0;"),
    ],
)
def test_catalog_headers_name_the_locale(locale_, plural_forms):
    catalog = read_locale(locale_)
    assert str(catalog.locale) == locale_
    assert catalog.plural_forms == plural_forms


def test_catalog_headers_name_the_translation_team(catalog, locale):
    """Not the defaults `pybabel init` writes (FULL NAME <EMAIL@ADDRESS>, LL@li.org)."""
    assert catalog.last_translator == "glossary translation team"
    assert catalog.language_team.startswith("glossary translation team (")
    header = str(catalog.header_comment) + "".join(f"{n}: {v}" for n, v in catalog.mime_headers)
    for default in ("FULL NAME", "EMAIL@ADDRESS", "LL@li.org", "FIRST AUTHOR", "ORGANIZATION"):
        assert default not in header, (locale, default)


# ---- a regional catalog: only the messages its region words differently


@pytest.mark.parametrize(("regional", "fallback"), sorted(FALLBACKS.items()))
def test_regional_catalog_holds_only_messages_that_differ(regional, fallback, extracted):
    catalog, parent = read_locale(regional), read_locale(fallback)
    held = keys(catalog)
    assert len(held) >= 40  # 帳戶, 用戶名稱, 上載, 字符 … (translations/TERMS.md)
    assert held - keys(extracted) == set(), "messages no longer in use"
    for message in catalog:
        if message.id:
            assert all(strings(message)) and not message.fuzzy, message.id
            assert message.string != parent.get(message.id, message.context).string, message.id


def test_make_translations_keeps_a_regional_catalog_to_what_differs():
    """translations/regional.py, run by `make translations` after `pybabel update` has added
    every message of the template untranslated, drops them and any worded as the fallback."""
    sys.path.insert(0, str(TRANSLATIONS))
    try:
        import regional  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(TRANSLATIONS))
    catalog = read_locale("zh_Hant_HK")
    fallback = read_locale("zh_Hant")
    kept = len(catalog)
    catalog.add("A new message")  # untranslated, as `pybabel update` adds it
    catalog.add("Search", "搜尋")  # worded as zh_Hant words it
    assert sorted(regional.prune(catalog, fallback)) == ["A new message", "Search"]
    assert len(catalog) == kept


# Taiwan words that Hong Kong writes differently: a zh_Hant message with one of these has a
# Hong Kong wording in zh_Hant_HK, without it.
TAIWAN_WORDS = ["帳號", "使用者名稱", "上傳", "字元", "型別", "試算表", "略過", "命令列", "連字號"]


def test_hong_kong_pages_read_no_taiwan_word():
    taiwan, hong_kong = read_locale("zh_Hant"), read_locale("zh_Hant_HK")
    shown = [
        (hong_kong.get(m.id, m.context) or m).string
        for m in taiwan
        if m.id and any(word in s for s in strings(m) for word in TAIWAN_WORDS)
    ]
    assert len(shown) >= 40
    found = [s for s in shown if any(word in str(s) for word in TAIWAN_WORDS)]
    assert found == []


# Mainland words, in traditional characters, that Taiwan says differently (the Taiwan word after #).
MAINLAND_WORDS = [
    "搜索",  # 搜尋
    "數據",  # 資料
    "默認",  # 預設
    "信息",  # 資訊
    "網絡",  # 網路
    "軟件",  # 軟體
    "文檔",  # 文件
    "用戶",  # 使用者
    "支持",  # 支援
    "鏈接",  # 連結
    "字符",  # 字元
    "服務器",  # 伺服器
    "響應",  # 回應
    "視頻",  # 影片
    "程序",  # 程式
]


def test_traditional_catalog_uses_taiwan_words():
    catalog = read(TRANSLATIONS / "zh_Hant" / "LC_MESSAGES" / "messages.po")
    found = [
        (word, s)
        for m in catalog
        if m.id
        for s in strings(m)
        for word in MAINLAND_WORDS
        if word in s
    ]
    assert found == []
