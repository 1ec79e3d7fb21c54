"""The pages as a person sees them: parsed HTML, not only status codes."""

from __future__ import annotations

from datetime import date

from tests.helpers import entry_id, html

QUOTE = (
    "In an interview ahead of the summit, the Chinese Ambassador to the United States, "
    "XIE Feng (谢锋), signaled that the two sides should engage in a “race to the top” on safety "
    "and “check brakes before setting off” — suggesting room for a wider range of safety issues "
    "to be discussed."
)


def test_home_has_a_focused_search_box_and_counts_by_kind(client, db):
    page = html(client.get("/"))
    box = page.select_one("form[role=search] input[name=q]")
    assert box.has_attr("autofocus")
    counts = {
        a.get_text(): int(a.find_next_sibling("span").get_text())
        for a in page.select(".kinds li a")
    }
    people = db.execute("SELECT count(*) FROM entry WHERE kind = 'person'").fetchone()[0]
    assert counts["Person"] == people == 9
    assert page.select_one(".kinds a[href='/search?kind=person']") is not None


def test_home_features_verified_entries(client):
    page = html(client.get("/"))
    featured = [e.get_text() for e in page.select("ol.results .english")]
    assert "Xie Feng" in featured
    assert "Donald Trump" not in featured  # not verified


def test_entry_page_shows_every_form_and_the_source(client):
    page = html(client.get(f"/entries/{entry_id(client, 'Xie Feng')}"))
    assert page.h1.select_one(".english").get_text() == "Xie Feng"
    forms = {
        row.dt.get_text(): row.select_one(".form-value").get_text()
        for row in page.select("section[aria-labelledby=forms-heading] .form-row")
    }
    assert forms == {
        "English": "Xie Feng",
        "Simplified": "谢锋",
        "Traditional": "謝鋒",
        "Pinyin": "Xiè Fēng",
    }
    assert QUOTE in [q.get_text() for q in page.select(".source blockquote")]
    caption = page.select_one(".source figcaption").get_text(" ", strip=True)
    assert "China-US launch AI dialogue. Chinese experts are cautiously optimistic." in caption
    assert "May 2026" in caption
    assert [a.get_text() for a in page.select(".aliases li")] == ["XIE Feng", "Ambassador Xie Feng"]


def test_entry_page_marks_languages_for_fonts(client):
    page = html(client.get(f"/entries/{entry_id(client, 'Xie Feng')}"))
    assert page.select_one(".form-value[lang=zh-Hans]").get_text() == "谢锋"
    assert page.select_one(".form-value[lang=zh-Hant]").get_text() == "謝鋒"
    assert page.select_one(".form-value[lang=zh-Latn-pinyin]").get_text() == "Xiè Fēng"
    assert page.html["lang"] == "en"


def test_entry_page_has_copy_buttons_for_each_form(client):
    page = html(client.get(f"/entries/{entry_id(client, 'Xie Feng')}"))
    forms = page.select("section[aria-labelledby=forms-heading] button.copy")
    assert [b["data-copy"] for b in forms] == [
        "Xie Feng",
        "谢锋",
        "謝鋒",
        "Xiè Fēng",
    ]


def test_entry_page_says_how_to_cite_it(client):
    xie = entry_id(client, "Xie Feng")
    page = html(client.get(f"/entries/{xie}"))
    today = date.today().isoformat()
    entry = client.get(f"/api/entries/{xie}").get_json()
    line = (
        f"“Xie Feng” (谢锋), glossary entry {xie}, revision 1 of {entry['updated'][:10]},"
        f" http://localhost/entries/{xie} (accessed {today})."
    )
    assert page.select_one(".cite .citation-line").get_text() == line
    assert [b["data-copy"] for b in page.select(".cite button.copy")] == [
        line,
        f"http://localhost/entries/{xie}",
    ]
    assert page.select_one(".cite a.permalink")["href"] == f"/entries/{xie}"


def test_person_page_lists_affiliations_with_dates(client):
    page = html(client.get(f"/entries/{entry_id(client, 'Xiao Qian')}"))
    affiliation = page.select_one(".affiliations li").get_text(" ", strip=True)
    assert affiliation.startswith(
        "deputy director , Center for International Security and Strategy"
    )
    assert "as of May 12, 2026" in affiliation


def test_organization_page_lists_its_people_and_related_entries(client):
    page = html(
        client.get(f"/entries/{entry_id(client, 'Center for International Security and Strategy')}")
    )
    people = [a.get_text() for a in page.select("#members-heading + ul a")]
    assert sorted(people) == ["Sun Chenghao", "Xiao Qian"]
    related = [a.get_text() for a in page.select(".related a")]
    assert "Tsinghua University" in related


def test_related_entries_link_both_ways(client):
    cass = html(client.get(f"/entries/{entry_id(client, 'Chinese Academy of Social Sciences')}"))
    assert "National Institute for Global Strategy" in [
        a.get_text() for a in cass.select(".related a")
    ]
    nigs = html(
        client.get(f"/entries/{entry_id(client, 'National Institute for Global Strategy')}")
    )
    assert "Chinese Academy of Social Sciences" in [a.get_text() for a in nigs.select(".related a")]


def test_unverified_entry_says_so(client):
    page = html(client.get(f"/entries/{entry_id(client, 'race to the top')}"))
    assert page.select_one(".badge.unverified").get_text() == "Not verified"
    assert "needs a citation" in page.select_one(".notes").get_text()


def test_unknown_entry_is_a_404_page(client):
    response = client.get("/entries/99999")
    assert response.status_code == 404
    assert html(response).h1.get_text() == "There is no such page."


def test_bad_parameter_is_a_400_page_with_the_reason(client):
    response = client.get("/search", query_string={"q": "x", "kind": "animal"})
    assert response.status_code == 400
    page = html(response)
    assert page.h1.get_text() == "The request was not understood."
    assert "kind" in page.select_one(".error-detail").get_text()


def test_pages_work_offline_with_no_external_assets(client):
    page = html(client.get("/"))
    for tag in page.select("link[href], script[src]"):
        assert (tag.get("href") or tag.get("src")).startswith("/static/")


def test_results_page_works_without_javascript(client):
    page = html(client.get("/search", query_string={"q": "孙成昊"}))
    assert page.select_one("form[role=search]")["action"] == "/search"
    assert (
        page.select_one("ol.results li a")["href"] == f"/entries/{entry_id(client, 'Sun Chenghao')}"
    )


def test_pagination_links(client):
    page = html(client.get("/search", query_string={"kind": "term", "limit": 10}))
    assert page.select_one(".pagination").get_text(" ", strip=True).startswith("Page 1 of 4")
    next_link = page.select_one(".pagination a[rel=next]")["href"]
    second = html(client.get(next_link))
    assert second.select_one("ol.results")["start"] == "11"


def test_tag_links_list_the_entries_with_that_tag(client):
    page = html(client.get(f"/entries/{entry_id(client, 'Xie Feng')}"))
    link = page.select_one(".tags a")
    assert link.get_text() == "diplomacy"
    listing = html(client.get(link["href"]))
    names = [e.get_text() for e in listing.select("ol.results .english")]
    assert "Xie Feng" in names
    assert "deepfakes" not in names
