"""Review: verifying entries, the review queue, badges and the verified-only search filter."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

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
    """The English of every entry in the review queue, page after page."""
    listed: list[str] = []
    url = "/review"
    while url:
        page = html(client.get(url))
        listed += [text(e) for e in page.select(".review-queue .english")]
        following = page.select_one("nav.pagination a[rel=next]")
        url = following["href"] if following else ""
    return listed


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


def queue_page_with(client, entry_id: int) -> tuple[str, BeautifulSoup]:
    """The review queue's page that lists this entry: its address and its HTML."""
    url = "/review"
    while url:
        page = html(client.get(url))
        if page.select_one(f"form[action='/entries/{entry_id}/verify']"):
            return url, page
        following = page.select_one("nav.pagination a[rel=next]")
        url = following["href"] if following else ""
    raise AssertionError(f"entry {entry_id} is not in the review queue")


def test_verify_from_the_queue_returns_to_the_queue(reviewer_client, db, trump):
    url, page = queue_page_with(reviewer_client, trump)
    assert url == "/review?page=2"  # the seed's oldest: more than 50 are newer
    form = page.select_one(f"form[action='/entries/{trump}/verify']")
    data = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    assert data["next"] == url
    response = reviewer_client.post(form["action"], data=data)
    assert response.status_code == 302 and response.location == url
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


def add_unverified(db, count: int) -> None:
    """Create this many unverified entries, as an editor would."""
    for number in range(count):
        store.create_entry(
            db,
            {
                "kind": "term",
                "english": f"Queue term {number}",
                "simplified": "试验",
                "sources": [],
            },
            author="ed",
        )


def unverified_count(db) -> int:
    return db.execute(
        "SELECT count(*) FROM entry WHERE NOT verified AND deleted IS NULL"
    ).fetchone()[0]


def test_the_review_queue_is_paged_fifty_at_a_time(reviewer_client, db):
    add_unverified(db, 60)
    total = unverified_count(db)
    assert 100 < total <= 150  # the seed's unverified entries and these: three pages
    first = html(reviewer_client.get("/review"))
    assert len(first.select(".review-queue > li")) == 50
    assert text(first.select_one("p.summary")) == f"{total} entries to review."
    pager = first.select_one("nav.pagination")
    assert text(pager.select_one("span")) == "Page 1 of 3"
    assert pager.select("a[rel=prev]") == []
    assert pager.select_one("a[rel=next]")["href"] == "/review?page=2"
    last = html(reviewer_client.get("/review?page=3"))
    assert len(last.select(".review-queue > li")) == total - 100
    assert last.select_one("nav.pagination a[rel=prev]")["href"] == "/review?page=2"
    assert last.select("nav.pagination a[rel=next]") == []
    shown = [
        text(e)
        for page in (1, 2, 3)
        for e in html(reviewer_client.get(f"/review?page={page}")).select(".review-queue .english")
    ]
    assert len(shown) == len(set(shown)) == total  # each entry on one page only
    assert shown[0] == "Queue term 59"  # the newest first


@pytest.mark.parametrize("page", ["0", "-1", "two", "10001", ""])
def test_a_bad_review_page_is_refused(reviewer_client, page):
    response = reviewer_client.get("/review", query_string={"page": page})
    assert response.status_code == 400
    detail = text(html(response).select_one(".error-detail"))
    assert detail == "Parameter “page” must be a whole number from 1 to 10000."


def test_a_review_page_past_the_end_says_so(reviewer_client):
    page = html(reviewer_client.get("/review?page=7"))
    assert page.select(".review-queue") == []
    assert text(page.select_one("p.summary")).startswith("No entries on this page.")


def test_the_queue_previews_what_changed_since_the_revision_last_verified(reviewer_client, db):
    xie = id_of(db, "Xie Feng")  # verified in the seed, at revision 1
    edit(db, xie, "ed", english="Xie Feng (diplomat)")
    edit(db, xie, "ed", notes="Ambassador to the United States.")
    card = html(reviewer_client.get("/review")).select_one(".review-queue > li")
    assert text(card.select_one(".english")) == "Xie Feng (diplomat)"
    table = card.select_one("table.diff.preview")
    assert text(table.caption) == "Changed since revision 1, the one last verified"
    assert [text(th) for th in table.select("thead th")] == ["Field", "Revision 1", "Revision 3"]
    assert [text(th) for th in table.select("tbody th")] == ["English", "Notes for translators"]
    english = table.select_one("tr.field-english")
    assert english.select("td.old del") == []
    assert [ins.get_text() for ins in english.select("td.new ins")] == [" (diplomat)"]
    assert card.select(".never-verified") == []


def test_the_queue_says_when_an_entry_was_never_verified(reviewer_client, db, trump):
    _, page = queue_page_with(reviewer_client, trump)
    card = page.select_one(f"form[action='/entries/{trump}/verify']").find_parent("li")
    assert text(card.select_one(".never-verified")) == "Never verified."
    assert card.select("table.diff") == []
    brief = dict(
        zip(
            [text(dt) for dt in card.select("dl.brief dt")],
            [text(dd) for dd in card.select("dl.brief dd")],
            strict=True,
        )
    )
    entry = store.get_entry(db, trump)
    assert brief["Sources"] == str(len(entry["sources"]))
    assert brief["Description"] == entry["description"][:240]


# Undo ------------------------------------------------------------------------------------------


def verification_rows(db, entry_id: int) -> list[tuple]:
    return db.execute(
        """SELECT revision, reviewer, action, undone, undoes FROM verification
           WHERE entry_id = ? ORDER BY id""",
        [entry_id],
    ).fetchall()


def verify_from_queue(client, entry_id: int):
    _, page = queue_page_with(client, entry_id)
    form = page.select_one(f"form[action='/entries/{entry_id}/verify']")
    data = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    return client.post(form["action"], data=data, follow_redirects=True)


def test_after_verify_the_message_offers_undo_which_puts_the_entry_back(reviewer_client, db, trump):
    page = html(verify_from_queue(reviewer_client, trump))
    notice = page.select_one(".flash-undo")
    assert text(notice.select_one("span")) == "Verified “Donald Trump”."
    form = notice.select_one("form")
    (verification_id,) = db.execute(
        "SELECT id FROM verification WHERE entry_id = ? AND action = 'verify'", [trump]
    ).fetchone()
    assert form["method"] == "post"
    assert form["action"] == f"/verifications/{verification_id}/undo"
    assert form.select_one("input[name=csrf_token]")["value"]
    assert text(form.select_one("button[type=submit]")) == "Undo"
    revision = store.get_entry(db, trump)["revision"]
    assert verification_rows(db, trump) == [(revision, "rev", "verify", 0, None)]

    data = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    response = reviewer_client.post(form["action"], data=data)
    assert response.status_code == 302 and response.location == "/review?page=2"  # where it was
    entry = store.get_entry(db, trump)
    assert (entry["verified"], entry["verified_by"], entry["verified_at"]) == (False, "", None)
    assert verification_rows(db, trump) == [
        (revision, "rev", "verify", 1, None),
        (revision, "rev", "undo", 0, verification_id),
    ]
    page = html(reviewer_client.get(response.location))
    assert "Donald Trump" in [text(e) for e in page.select(".review-queue .english")]
    assert text(page.select_one(".flash")) == "Undid the verification of “Donald Trump”."
    assert page.select(".flash-undo") == []  # the offer is gone with its message


def test_the_undo_offer_is_shown_once(reviewer_client, db, trump):
    verify_from_queue(reviewer_client, trump)
    assert html(reviewer_client.get("/review")).select(".flash-undo") == []


def test_undo_restores_the_verification_it_replaced(db, trump):
    first = store.verify_entry(db, trump, reviewer="rev")
    before = store.get_entry(db, trump)
    second = store.verify_entry(db, trump, reviewer="admin")
    assert first != second
    store.undo_verification(db, second, reviewer="admin")
    after = store.get_entry(db, trump)
    assert (after["verified"], after["verified_by"], after["verified_at"]) == (
        True,
        "rev",
        before["verified_at"],
    )


@pytest.mark.parametrize("later", ["edited", "verified again", "undone already"])
def test_a_verification_the_entry_has_moved_on_from_cannot_be_undone(
    reviewer_client, db, trump, later
):
    verification_id = store.verify_entry(db, trump, reviewer="rev")
    if later == "edited":
        edit(db, trump, "ed", notes="President of the United States.")
    elif later == "verified again":
        store.verify_entry(db, trump, reviewer="admin")
    else:
        store.undo_verification(db, verification_id, reviewer="rev")
    state = store.get_entry(db, trump)
    rows = verification_rows(db, trump)
    response = reviewer_client.post(
        f"/verifications/{verification_id}/undo", data={"csrf_token": csrf_token(reviewer_client)}
    )
    assert response.status_code == 409
    assert "can no longer be undone" in text(html(response).select_one("main"))
    after = store.get_entry(db, trump)
    assert (after["verified"], after["verified_by"]) == (state["verified"], state["verified_by"])
    assert verification_rows(db, trump) == rows


def test_undo_is_for_reviewers_with_a_csrf_token(client, editor_client, reviewer_client, db, trump):
    verification_id = store.verify_entry(db, trump, reviewer="rev")
    url = f"/verifications/{verification_id}/undo"
    assert (
        editor_client.post(url, data={"csrf_token": csrf_token(editor_client)}).status_code == 403
    )
    response = client.post(url, data={"csrf_token": csrf_token(client)})
    assert response.status_code == 302 and response.location.startswith("/login?next=")
    assert reviewer_client.post(url, data={}).status_code == 400  # no CSRF token
    assert store.get_entry(db, trump)["verified"] is True
    assert (
        reviewer_client.post(
            "/verifications/999999/undo", data={"csrf_token": csrf_token(reviewer_client)}
        ).status_code
        == 404
    )


# Verifications in recent changes, the feed and the entry's history ------------------------------


def test_verifications_and_undos_appear_in_recent_changes(reviewer_client, client, db, trump):
    verification_id = store.verify_entry(db, trump, reviewer="rev")
    store.undo_verification(db, verification_id, reviewer="rev2")
    rows = html(client.get("/changes")).select("table.changes tbody tr")
    revision = store.get_entry(db, trump)["revision"]
    seen = [
        (
            text(row.select_one(".entry-name a")).split(" ")[0:2],
            text(row.select_one(".action")),
            text(row.select_one(".revision-number")),
            text(row.select_one(".author")),
            [text(a) for a in row.select(".row-actions a")],
        )
        for row in rows[:2]
    ]
    assert seen == [
        (["Donald", "Trump"], "verification undone", f"revision {revision}", "rev2", ["History"]),
        (["Donald", "Trump"], "verified", f"revision {revision}", "rev", ["History"]),
    ]
    assert all("verification" in row["class"] for row in rows[:2])


def test_the_seed_verifications_are_not_recent_changes(client):
    assert html(client.get("/changes")).select("table.changes tr.verification") == []


def test_verifications_appear_in_the_feed(client, db, trump):
    from xml.etree import ElementTree

    store.verify_entry(db, trump, reviewer="rev")
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.fromstring(client.get("/changes.atom").data)
    first = feed.find(f"{atom}entry")
    assert first.findtext(f"{atom}title") == "Donald Trump 唐纳德·特朗普: verified"
    assert first.findtext(f"{atom}author/{atom}name") == "rev"
    revision = store.get_entry(db, trump)["revision"]
    assert first.findtext(f"{atom}summary") == f"Revision {revision}, verified by rev."
    assert first.findtext(f"{atom}id").startswith(
        f"http://localhost/entries/{trump}/history#verification-"
    )
    assert first.findtext(f"{atom}updated") == store.get_entry(db, trump)["verified_at"].replace(
        "Z", "+00:00"
    )


def test_the_entry_history_lists_its_verifications(client, db, trump):
    verification_id = store.verify_entry(db, trump, reviewer="rev")
    store.undo_verification(db, verification_id, reviewer="rev")
    revision = store.get_entry(db, trump)["revision"]
    items = html(client.get(f"/entries/{trump}/history")).select("ul.verifications li")
    assert [" ".join(text(li).split()).split(" · ", 1)[1] for li in items] == [
        f"rev undid the verification of revision {revision}.",
        f"rev verified revision {revision}.",
    ]


def test_imports_keep_who_verified_what(db):
    seeded = db.execute(
        "SELECT count(*) FROM verification WHERE action = 'verify' AND reviewer = ?",
        [store.SEED_AUTHOR],
    ).fetchone()[0]
    assert seeded == len(verified_ids(db)) == 6


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
