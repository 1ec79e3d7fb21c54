"""Review: verifying entries, the review queue, badges and the verified-only search filter."""

from __future__ import annotations

import pytest

from glossary import search, store
from glossary.messages import BadParameter
from tests.helpers import csrf_token, edit, html, id_of, text


def verify(client, entry_id: int, **extra):
    """Press the Verify button on the entry page."""
    form = html(client.get(f"/entries/{entry_id}")).select_one("form[action$=verify]")
    data = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    return client.post(form["action"], data={**data, **extra})


def verified_ids(db) -> set[int]:
    rows = db.execute("SELECT id FROM entry WHERE verified AND deleted IS NULL").fetchall()
    return {row[0] for row in rows}


@pytest.fixture
def trump(db) -> int:
    return id_of(db, "Donald Trump")  # not verified in the seed


# Verifying -------------------------------------------------------------------------------------


def test_a_reviewer_verifies_an_entry_and_the_page_says_by_whom(reviewer_client, db, trump):
    page = html(reviewer_client.get(f"/entries/{trump}"))
    assert text(page.select_one(".badge.unverified")) == "Not verified"
    response = verify(reviewer_client, trump)
    assert response.status_code == 302 and response.location == f"/entries/{trump}"
    entry = store.get_entry(db, trump)
    assert (entry["verified"], entry["verified_by"]) == (True, "rev")
    page = html(reviewer_client.get(f"/entries/{trump}"))
    assert text(page.select_one(".badge.verified")) == "Verified"
    assert text(page.select_one(".verified-by")).startswith("Verified by rev on ")
    assert page.select("form[action$=verify]") == []  # nothing left to verify
    assert store.revisions(db, trump)[0]["revision"] == entry["revision"]  # no new revision


def test_editors_cannot_verify(editor_client, db, trump):
    assert html(editor_client.get(f"/entries/{trump}")).select("form[action$=verify]") == []
    token = csrf_token(editor_client, "/")
    response = editor_client.post(
        f"/entries/{trump}/verify", data={"revision": 1, "csrf_token": token}
    )
    assert response.status_code == 403
    assert store.get_entry(db, trump)["verified"] is False


def test_anonymous_people_are_sent_to_log_in_before_verifying(client, db, trump):
    response = client.post(f"/entries/{trump}/verify", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 302 and response.location.startswith("/login?next=")
    assert store.get_entry(db, trump)["verified"] is False


def test_verifying_a_revision_that_is_no_longer_current_is_409(reviewer_client, db, trump):
    form = html(reviewer_client.get(f"/entries/{trump}")).select_one("form[action$=verify]")
    data = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    edit(db, trump, "ed", notes="President of the United States.")  # changed while reading
    response = reviewer_client.post(form["action"], data=data)
    assert response.status_code == 409
    assert store.get_entry(db, trump)["verified"] is False


@pytest.mark.parametrize("author", ["ed", "rev"])
def test_any_change_after_verification_makes_it_unverified_again(client, db, trump, author):
    store.verify_entry(db, trump, reviewer="rev")
    assert store.get_entry(db, trump)["verified"] is True
    edit(db, trump, author, notes="President of the United States.")
    entry = store.get_entry(db, trump)
    assert (entry["verified"], entry["verified_by"], entry["verified_at"]) == (False, "", None)
    page = html(client.get(f"/entries/{trump}"))
    assert text(page.select_one(".badge.unverified")) == "Not verified"
    assert page.select(".verified-by") == []


def test_verified_by_is_shown_to_everyone(client, db, trump):
    store.verify_entry(db, trump, reviewer="rev")
    page = html(client.get(f"/entries/{trump}"))
    assert text(page.select_one(".verified-by")).startswith("Verified by rev on ")


# The review queue ----------------------------------------------------------------------------


def queue(client) -> list[str]:
    return [text(e) for e in html(client.get("/review")).select(".review-queue .english")]


def test_the_review_queue_lists_unverified_live_entries_newest_first(reviewer_client, db):
    xie = id_of(db, "Xie Feng")  # verified in the seed; an edit puts it back in the queue
    edit(db, xie, "ed", english="Xie Feng (diplomat)")
    listed = queue(reviewer_client)
    assert listed[0] == "Xie Feng (diplomat)"
    unverified = db.execute(
        "SELECT english FROM entry WHERE NOT verified AND deleted IS NULL"
    ).fetchall()
    assert sorted(listed) == sorted(row[0] for row in unverified)
    card = html(reviewer_client.get("/review")).select_one(".review-queue .card")
    assert "changed" in text(card.select_one(".meta")) and "by ed" in text(card.select_one(".meta"))


def test_deleted_entries_are_not_in_the_review_queue(reviewer_client, db, trump):
    store.set_deleted(db, trump, deleted=True, author="ed", reason="Duplicate")
    assert "Donald Trump" not in queue(reviewer_client)


def test_verify_from_the_queue_returns_to_the_queue(reviewer_client, db, trump):
    page = html(reviewer_client.get("/review"))
    form = page.select_one(f"form[action='/entries/{trump}/verify']")
    data = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    assert data["next"] == "/review"
    response = reviewer_client.post(form["action"], data=data)
    assert response.status_code == 302 and response.location == "/review"
    assert "Donald Trump" not in queue(reviewer_client)


def test_the_review_queue_is_for_reviewers(client, editor_client, admin_client):
    assert editor_client.get("/review").status_code == 403
    response = client.get("/review")
    assert response.status_code == 302
    assert response.location == "/login?next=%2Freview"
    assert admin_client.get("/review").status_code == 200


def test_reviewers_have_a_link_to_the_review_queue(client, editor_client, reviewer_client):
    link = html(reviewer_client.get("/")).select_one("nav.account a[href='/review']")
    assert text(link) == "Review queue"
    assert html(editor_client.get("/")).select("a[href='/review']") == []
    assert html(client.get("/")).select("a[href='/review']") == []


# The verified-only filter ----------------------------------------------------------------------


def parse(args: dict[str, str]) -> search.Request:
    return search.parse_request(args, default_limit=20, max_limit=100, max_query=200)


@pytest.mark.parametrize(
    ("value", "verified"),
    [
        ("1", True),
        ("true", True),
        ("on", True),
        ("TRUE", True),
        ("", False),
        ("0", False),
        ("false", False),
        ("off", False),
        (None, False),
    ],
)
def test_verified_parameter(value, verified):
    args = {"q": "xie"} if value is None else {"q": "xie", "verified": value}
    assert parse(args).verified is verified


@pytest.mark.parametrize("value", ["yes", "2", "verified"])
def test_a_bad_verified_parameter_is_refused(client, value):
    with pytest.raises(BadParameter):
        parse({"verified": value})
    assert client.get("/search", query_string={"verified": value}).status_code == 400
    response = client.get("/api/search", query_string={"verified": value})
    assert response.status_code == 400
    assert response.get_json() == {
        "error": "parameter 'verified': must be 1, true or on (or 0, false or off)"
    }


def test_store_browse_and_find_keep_to_verified_entries(db):
    total, entries = store.browse(db, None, None, 100, 0, verified=True)
    assert total == len(verified_ids(db)) == 6
    assert {e["id"] for e in entries} == verified_ids(db)
    from glossary.text import keys

    total, entries = store.find(db, keys.parse_query("xi"), None, None, 100, 0, verified=True)
    assert entries and {e["id"] for e in entries} <= verified_ids(db)


def test_browsing_verified_only(client, db):
    page = html(client.get("/search", query_string={"verified": "1", "limit": 100}))
    cards = page.select("ol.results .card")
    assert len(cards) == len(verified_ids(db))
    assert all(card.select_one(".badge.verified") for card in cards)


def test_searching_verified_only(client, db):
    everything = html(client.get("/search", query_string={"q": "xi"}))
    names = [text(e) for e in everything.select(".card .english")]
    assert "Xie Feng" in names and "Xi Jinping" in names  # Xi Jinping is not verified
    only = html(client.get("/search", query_string={"q": "xi", "verified": "on"}))
    assert [text(e) for e in only.select(".card .english")] == [
        n for n in names if id_of(db, n) in verified_ids(db)
    ]


def test_api_search_verified_only(client, db):
    found = client.get("/api/search", query_string={"verified": "1", "limit": 100}).get_json()
    assert found["total"] == 6
    assert {r["id"] for r in found["results"]} == verified_ids(db)
    found = client.get("/api/search", query_string={"q": "xi", "verified": "true"}).get_json()
    assert {r["id"] for r in found["results"]} <= verified_ids(db)


def test_the_results_page_has_a_verified_only_checkbox_that_keeps_the_query(client):
    page = html(client.get("/search", query_string={"q": "xi", "kind": "person"}))
    form = page.select_one("form.verified-filter")
    assert form["method"] == "get" and form["action"] == "/search"
    box = form.select_one("input[type=checkbox][name=verified]")
    assert box["value"] == "1" and not box.has_attr("checked")
    hidden = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    assert hidden == {"q": "xi", "kind": "person"}
    assert form.select_one("button[type=submit]") is not None  # works without JavaScript

    page = html(client.get("/search", query_string={"q": "xi", "verified": "1"}))
    assert page.select_one("form.verified-filter input[name=verified]").has_attr("checked")
    # A new search from the header keeps the filter, and so do the kind links.
    assert page.select_one("form[role=search] input[type=hidden][name=verified]")["value"] == "1"
    assert "verified=1" in page.select_one("nav.kind-filter a")["href"]


def test_result_cards_show_a_badge_on_verified_entries_only(client):
    page = html(client.get("/search", query_string={"q": "xi"}))
    badges = {
        text(card.select_one(".english")): card.select_one(".badge.verified") is not None
        for card in page.select(".card")
    }
    assert badges["Xie Feng"] is True
    assert badges["Xi Jinping"] is False
