"""Results' cards kept by what they show (web/answers.py, Cards): the same page as written anew,
an edit changing only its own entry's card, each language and each marking apart, bounded."""

from __future__ import annotations

import shutil
import sys

import pytest

from glossary import create_app
from glossary.dictionary import cedict
from glossary.store.connection import connect
from glossary.web import answers
from tests.factories import CEDICT
from tests.helpers import edit, html, id_of

# Searches whose pages hold glossary cards (marked in the English, an alias, the description,
# the characters) and, with the dictionary loaded, dictionary cards.
QUERIES = ("xie", "ai", "china", "安全", "xie feng", "Xie Feng", "shi", "中国", "zhong guo")


def an_app(tmp_path, seeded_template, **config):
    """The seeded app with the factories' slice of CC-CEDICT, answers never kept (every page
    reaches the templates)."""
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / "glossary.db"
    shutil.copy(seeded_template, path)
    cedict_path = tmp_path / "cedict_ts.u8"
    cedict_path.write_text(CEDICT, encoding="utf-8")
    database = connect(str(path))
    try:
        cedict.import_cedict(database, cedict_path)
    finally:
        database.conn.close()
    return create_app(
        {"TESTING": True, "DATABASE": str(path), "SECRET_KEY": "t", "ANSWER_CACHE_MB": 0} | config
    )


@pytest.fixture
def cards_app(tmp_path, seeded_template):
    return an_app(tmp_path, seeded_template)


def cards_of(app) -> answers.Cards:
    return app.extensions[answers.CARDS]


def card_texts(response) -> list[str]:
    return [card.get_text(" ", strip=True) for card in html(response).select("li.card")]


def test_a_page_from_kept_cards_is_the_page_written_anew(tmp_path, seeded_template):
    kept = an_app(tmp_path / "kept", seeded_template).test_client()
    written = an_app(tmp_path / "written", seeded_template, CARD_CACHE_MB=0).test_client()
    assert answers.CARDS not in written.application.extensions
    pages = 0
    for language in ("en", "zh_Hans", "zh_Hant", "zh_Hant_HK"):
        for query in QUERIES:
            address = f"/search?q={query}&lang={language}"
            first, second = kept.get(address), kept.get(address)
            anew = written.get(address)
            assert first.data == second.data == anew.data, address
            pages += 1
    cards = cards_of(kept.application)
    assert cards.hits > 0 and cards.misses > 0
    assert pages == 36


def test_a_card_is_kept_the_second_time_it_is_written(cards_app):
    client = cards_app.test_client()
    first = client.get("/search?q=xie")
    cards = cards_of(cards_app)
    assert (cards.hits, cards.misses, len(cards)) == (0, 5, 0)  # 3 glossary, 2 dictionary
    second = client.get("/search?q=xie")
    assert (cards.hits, cards.misses, len(cards)) == (0, 10, 5)
    third = client.get("/search?q=xie")
    assert (cards.hits, cards.misses, len(cards)) == (5, 10, 5)
    assert first.data == second.data == third.data
    assert card_texts(third)[0].startswith("Xie Feng")


def test_dictionary_cards_are_kept_too(cards_app):
    client = cards_app.test_client()
    first = html(client.get("/search?q=zhong guo"))
    client.get("/search?q=zhong guo")
    assert first.select("li.dictionary-card")
    cards = cards_of(cards_app)
    misses = cards.misses
    second = html(client.get("/search?q=zhong guo"))
    assert cards.misses == misses
    assert str(second.select_one("ol.dictionary")) == str(first.select_one("ol.dictionary"))


def test_an_edit_changes_its_own_card_and_leaves_the_others(cards_app):
    client = cards_app.test_client()
    client.get("/search?q=xie")  # the cards noted, then kept
    before = card_texts(client.get("/search?q=xie"))
    assert len(before) == 5
    cards = cards_of(cards_app)
    database = connect(cards_app.config["DATABASE"])
    try:  # as an editor saves it, from another connection
        edit(database, id_of(database, "Xie Feng"), description="Ambassador to the US; edited.")
    finally:
        database.conn.close()
    hits, misses = cards.hits, cards.misses
    after = card_texts(client.get("/search?q=xie"))
    assert (cards.hits - hits, cards.misses - misses) == (4, 1)
    assert "Ambassador to the US; edited." in after[0]
    assert "edited" not in before[0]
    assert after[1:] == before[1:]


def test_each_language_has_its_own_cards(cards_app):
    client = cards_app.test_client()
    english = html(client.get("/search?q=xie+feng&lang=en"))
    traditional = html(client.get("/search?q=xie+feng&lang=zh_Hant"))
    simplified = html(client.get("/search?q=xie+feng&lang=zh_Hans"))
    # The interface's script first, and the labels in the interface's language.
    assert [s["lang"] for s in english.select("li.card .hanzi")][:2] == ["zh-Hans", "zh-Hant"]
    assert [s["lang"] for s in traditional.select("li.card .hanzi")][:2] == ["zh-Hant", "zh-Hans"]
    assert english.select_one("li.card .kind").contents[0].strip() == "Person"
    assert simplified.select_one("li.card .kind").contents[0].strip() == "人名"
    assert traditional.select_one("li.card .badge").get_text() == "已核實"
    assert simplified.select_one("li.card .card-copy button")["aria-label"] == "复制“谢锋”"


def test_each_marking_has_its_own_card(cards_app):
    client = cards_app.test_client()
    cards = cards_of(cards_app)

    def marked(query: str) -> list[str]:
        page = html(client.get("/search", query_string={"q": query}))
        return [mark.get_text() for mark in page.select("li.card mark")]

    assert marked("xie") == ["Xie", "XIE", "XIE", "Xiè", "xiè"]
    assert marked("feng")[0] == "Fēng"  # Xie Feng's card again, its pinyin matched this time
    assert marked("xie feng") == ["Xie Feng", "XIE Feng", "XIE Feng"]
    assert marked("xie feng") == ["Xie Feng", "XIE Feng", "XIE Feng"]  # now kept
    # "XIE FENG" marks each card as "xie feng" does: the same cards, kept once.
    hits = cards.hits
    assert marked("XIE FENG") == ["Xie Feng", "XIE Feng", "XIE Feng"]
    assert cards.hits - hits == 3


def test_the_cards_take_at_most_their_memory(tmp_path, seeded_template):
    app = an_app(tmp_path, seeded_template, CARD_CACHE_MB=0.02)
    client = app.test_client()
    cards = cards_of(app)
    for query in QUERIES * 3:
        client.get("/search", query_string={"q": query})
        assert cards.size <= 0.02 * 1024 * 1024
        assert cards.size == sum(size for _, size in cards._kept.values())
    assert cards.size > 0
    assert cards.misses > 2 * len(cards)  # some were let go, and written again when asked


def test_the_older_half_is_let_go_when_the_cards_are_full(app):
    cards = answers.Cards(max_bytes=10_000)
    macro = FakeMacro()
    with app.test_request_context("/search"):
        for number in range(12):
            kept(cards, macro, {"id": number, "english": f"entry {number}"})
    assert cards.size <= 10_000
    ids = [key[4] for key in cards._kept]
    assert ids == sorted(ids)  # the newest stay, in the order they came
    assert ids[-1] == 11
    assert len(ids) < 12


def test_an_entry_that_cannot_be_a_key_is_written_every_time(app):
    cards = answers.Cards(max_bytes=10_000)
    macro = FakeMacro()
    entry = {"id": 1, "english": "listed", "aliases": ["a", "b"]}
    entry["match"] = {"field": "english", "form": "listed"}
    with app.test_request_context("/search"):
        assert cards.card(macro, entry, "list") == cards.card(macro, entry, "list")
    assert macro.calls == 2
    assert macro.marks == [(("list", True), ("ed", False))] * 2  # still marked
    assert (cards.hits, cards.misses, len(cards)) == (0, 0, 0)


def test_entries_alike_but_for_their_fields_names_have_cards_of_their_own(app):
    cards = answers.Cards(max_bytes=100_000)
    macro = FakeMacro()
    with app.test_request_context("/search"):
        english = kept(cards, macro, {"id": 1, "english": "same"})
        other = kept(cards, macro, {"id": 1, "romanization": "same"})
        again = cards.card(macro, {"id": 1, "english": "same"}, "")
    assert (english, other, again) == (
        "<li>english=same</li>",
        "<li>romanization=same</li>",
        "<li>english=same</li>",
    )
    assert (cards.hits, cards.misses, len(cards)) == (1, 4, 2)


def a_card_size(app, number: int) -> int:
    """What Cards counts for FakeMacro's card of entry `number`: its text, its key, the key's
    values and CARD_OVERHEAD."""
    probe = answers.Cards(max_bytes=1 << 20)
    with app.test_request_context("/search"):
        kept(probe, FakeMacro(), {"id": number, "english": "entry"})
    return probe.size


def test_a_cards_size_counts_its_text_and_its_key(app):
    cards = answers.Cards(max_bytes=1 << 20)
    with app.test_request_context("/search"):
        kept(cards, FakeMacro(), {"id": 7, "english": "x" * 10_000})
        ((key, (card, size)),) = cards._kept.items()
    assert size == cards.size
    assert size == (
        answers.CARD_OVERHEAD
        + sys.getsizeof(card)
        + sys.getsizeof(key)
        + sum(sys.getsizeof(part) for part in key)
    )
    assert size > 2 * 10_000  # the card's text and the English its key holds


def test_cards_fill_their_memory_exactly_then_let_the_older_half_go(app):
    size = a_card_size(app, 1)  # the same for ids 1 to 9
    cards = answers.Cards(max_bytes=5 * size)
    with app.test_request_context("/search"):
        for number in range(1, 6):
            kept(cards, FakeMacro(), {"id": number, "english": "entry"})
        assert [key[4] for key in cards._kept] == [1, 2, 3, 4, 5]  # exactly full: all kept
        assert cards.size == 5 * size
        kept(cards, FakeMacro(), {"id": 6, "english": "entry"})
    # Five kept, one more: the older three (five halved, and one) let go.
    assert [key[4] for key in cards._kept] == [4, 5, 6]
    assert cards.size == 3 * size


def test_a_card_of_exactly_the_whole_memory_is_kept(app):
    size = a_card_size(app, 1)
    cards = answers.Cards(max_bytes=size)
    with app.test_request_context("/search"):
        kept(cards, FakeMacro(), {"id": 1, "english": "entry"})
    assert len(cards) == 1
    smaller = answers.Cards(max_bytes=size - 1)
    with app.test_request_context("/search"):
        kept(smaller, FakeMacro(), {"id": 1, "english": "entry"})
    assert (len(smaller), smaller.size) == (0, 0)


def test_the_cards_memory_is_read_from_the_setting(tmp_path, seeded_template):
    app = an_app(tmp_path, seeded_template, CARD_CACHE_MB=2.5)
    assert cards_of(app).max_bytes == int(2.5 * 1024 * 1024)


@pytest.mark.parametrize(
    ("entry", "query", "expected"),
    [
        # The matched form, marked where the query is in it.
        (
            {"match": {"field": "english", "form": "Xie Feng"}},
            "xie",
            (("Xie", True), (" Feng", False)),
        ),
        ({"match": {"field": "pinyin", "form": "Xiè Fēng"}}, "xie feng", (("Xiè Fēng", True),)),
        # A match in the description is marked in the description, not in the form matched.
        (
            {"description": "China's ambassador", "match": {"field": "description", "form": "x"}},
            "ambassador",
            (("China's ", False), ("ambassador", True)),
        ),
        ({"description": "", "match": {"field": "description", "form": "x"}}, "x", ()),
        ({"match": {"field": "description", "form": "x"}}, "x", ()),  # no description at all
        # Found without a match (browsing): nothing to mark.
        ({"english": "Xie Feng"}, "xie", ()),
    ],
)
def test_marks(entry, query, expected):
    assert answers.marks(entry, query) == expected


def kept(cards: answers.Cards, macro, entry: dict) -> str:
    """The card written twice: kept, where it may be."""
    cards.card(macro, entry, "")
    return cards.card(macro, entry, "")


def test_the_cards_written_once_are_noted_in_a_bounded_memory(app):
    # Three noted at most: one for each whole WRITTEN_BYTES of the memory.
    cards = answers.Cards(max_bytes=3 * answers.WRITTEN_BYTES + answers.WRITTEN_BYTES // 2)
    macro = FakeMacro()
    with app.test_request_context("/search"):
        for number in range(3):
            cards.card(macro, {"id": number, "english": "once"}, "")
        assert (len(cards._written), len(cards)) == (3, 0)
        cards.card(macro, {"id": 3, "english": "once"}, "")  # a fourth: the notes start again
        assert (len(cards._written), len(cards)) == (1, 0)
        cards.card(macro, {"id": 0, "english": "once"}, "")  # forgotten: noted, not kept
        assert (len(cards._written), len(cards)) == (2, 0)
        cards.card(macro, {"id": 3, "english": "once"}, "")  # the second time: kept
        assert len(cards) == 1


class FakeMacro:
    """A card macro: writes the entry's first field; counts its calls, keeps the marks."""

    name = "fake_card"

    def __init__(self):
        self.calls = 0
        self.marks: list = []

    def __call__(self, entry, marks):
        self.calls += 1
        self.marks.append(marks)
        name = next(name for name in entry if name != "id")
        return f"<li>{name}={entry[name]}</li>"


def test_no_cards_are_kept_where_templates_are_reloaded(tmp_path, seeded_template):
    # Edited templates would otherwise be shown only for the cards not kept yet.
    app = an_app(tmp_path, seeded_template, TEMPLATES_AUTO_RELOAD=True)
    assert answers.CARDS not in app.extensions
    page = html(app.test_client().get("/search?q=xie"))
    assert [mark.get_text() for mark in page.select("li.card mark")][:1] == ["Xie"]
