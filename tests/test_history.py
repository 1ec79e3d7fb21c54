"""History: revisions, differences, revert, delete and restore, recent changes and its feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from glossary import store
from tests.helpers import csrf_token, edit, html, id_of, text

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def cell(td) -> str:
    """A diff cell's text as read: its lines joined by spaces, marked words in their place."""
    lines = td.select("li")
    if lines:
        return " ".join(" ".join(li.get_text().split()) for li in lines)
    return " ".join(td.get_text().split())


def diff_rows(page) -> list[tuple[str, str, str]]:
    return [
        (text(tr.th), cell(tr.select_one("td.old")), cell(tr.select_one("td.new")))
        for tr in page.select("table.diff tbody tr")
    ]


def state(db) -> list:
    """Everything a request could change: entries and their revisions."""
    entries = db.execute(
        "SELECT id, revision, verified, verified_by, deleted, english FROM entry"
    ).fetchall()
    revisions = db.execute("SELECT entry_id, revision FROM revision").fetchall()
    return [entries, revisions]


@pytest.fixture
def xie(db) -> int:
    return id_of(db, "Xie Feng")


# The history page ------------------------------------------------------------------------------


def test_history_lists_every_revision_newest_first_with_authors(client, db, xie):
    edit(db, xie, "ed", "Clarify", english="Xie Feng (diplomat)")
    edit(db, xie, "rev", "As before", english="Xie Feng")
    page = html(client.get(f"/entries/{xie}/history"))
    rows = [
        (
            tr["id"],
            text(tr.select_one(".author")),
            text(tr.select_one(".action")),
            text(tr.select_one(".comment")),
        )
        for tr in page.select("table.revisions tbody tr")
    ]
    assert rows == [
        ("revision-3", "rev", "edited", "As before"),
        ("revision-2", "ed", "edited", "Clarify"),
        ("revision-1", "seed data", "imported", ""),
    ]
    times = page.select("table.revisions time")
    assert times[0]["datetime"] == store.revisions(db, xie)[0]["at"]
    assert times[0].get_text() != times[0]["datetime"]  # formatted for people, not ISO
    assert "current" in page.select_one("tr#revision-3").get_text()


def test_history_offers_to_compare_any_two_revisions(client, db, xie):
    edit(db, xie, english="Xie Feng (diplomat)")
    edit(db, xie, english="Xie Feng")
    page = html(client.get(f"/entries/{xie}/history"))
    form = page.select_one("form#compare")
    assert form["method"] == "get" and form["action"] == f"/entries/{xie}/diff"
    assert [i["value"] for i in page.select("input[name=from][form=compare]")] == ["3", "2", "1"]
    assert page.select_one("input[name=from][checked]")["value"] == "2"
    assert page.select_one("input[name=to][checked]")["value"] == "3"
    links = [a["href"] for a in page.select(".row-actions a")]
    assert links == [f"/entries/{xie}/diff?from=2&to=3", f"/entries/{xie}/diff?from=1&to=2"]


def test_only_editors_see_revert_buttons_and_not_for_the_current_revision(
    client, editor_client, db, xie
):
    edit(db, xie, english="Xie Feng (diplomat)")
    assert html(client.get(f"/entries/{xie}/history")).select("form[action$=revert]") == []
    forms = html(editor_client.get(f"/entries/{xie}/history")).select("form[action$=revert]")
    assert [
        (f.select_one("[name=to]")["value"], f.select_one("[name=revision]")["value"])
        for f in forms
    ] == [("1", "2")]
    assert all(f["method"] == "post" and f.select_one("[name=csrf_token]") for f in forms)


def test_an_entry_never_edited_has_its_import_as_only_revision(client, xie):
    page = html(client.get(f"/entries/{xie}/history"))
    assert [text(a) for a in page.select("table.revisions .action")] == ["imported"]
    assert page.select("input[type=radio]") == []  # nothing to compare
    assert page.select("button[form=compare]") == []


def test_an_entry_imported_before_revisions_were_kept_says_so(client, db, xie):
    db.execute("DELETE FROM revision WHERE entry_id = ?", [xie])
    page = html(client.get(f"/entries/{xie}/history"))
    assert page.select("table.revisions") == []
    assert "No changes have been recorded" in page.main.get_text()


def test_history_of_an_unknown_entry_is_404(client):
    assert client.get("/entries/99999/history").status_code == 404


# Differences ---------------------------------------------------------------------------------


def test_diff_shows_only_the_changed_fields_old_and_new(client, db, xie):
    edit(db, xie, english="Xie Feng (diplomat)", tags=["diplomacy"])
    page = html(client.get(f"/entries/{xie}/diff", query_string={"from": 1, "to": 2}))
    assert diff_rows(page) == [
        ("English", "Xie Feng", "Xie Feng (diplomat)"),
        ("Tags", "diplomacy china-us", "diplomacy"),
    ]
    assert text(page.h1) == "Changes from revision 1 to revision 2"
    # Words, not whole fields: the English gained " (diplomat)"; a tag went whole.
    assert [text(d) for d in page.select("td.old del")] == ["china-us"]
    assert [text(i) for i in page.select("td.new ins")] == ["(diplomat)"]
    assert text(page.select_one("tr.field-english td.old")) == "Xie Feng"


def test_diff_marks_chinese_and_pinyin_values_with_their_language(client, db, xie):
    edit(
        db,
        xie,
        simplified="谢峰",
        traditional="謝峰",
        pinyin="Xiè Fèng",
        aliases=["XIE Feng", "谢大使"],
    )
    page = html(client.get(f"/entries/{xie}/diff?from=1&to=2"))
    assert [row[0] for row in diff_rows(page)] == [
        "Aliases and other forms",
        "Simplified",
        "Traditional",
        "Pinyin",
    ]
    # Chinese is compared character by character, pinyin word by word.
    assert page.select_one("tr.field-simplified td.old [lang=zh-Hans]").get_text() == "谢锋"
    assert text(page.select_one("tr.field-simplified td.old [lang=zh-Hans] del")) == "锋"
    assert text(page.select_one("tr.field-simplified td.new [lang=zh-Hans] ins")) == "峰"
    assert text(page.select_one("tr.field-traditional td.new [lang=zh-Hant] ins")) == "峰"
    assert text(page.select_one("tr.field-pinyin td.old [lang=zh-Latn-pinyin] del")) == "Fēng"
    assert text(page.select_one("tr.field-pinyin td.new [lang=zh-Latn-pinyin] ins")) == "Fèng"
    added = page.select_one("tr.field-aliases td.new li ins span[lang=zh]")
    assert text(added) == "谢大使"
    removed = page.select("tr.field-aliases td.old li del")
    assert [text(d) for d in removed] == ["Ambassador Xie Feng"]


def test_diff_shows_a_source_as_one_readable_line(client, db, xie):
    sources = store.snapshot(store.get_entry(db, xie))["sources"]
    edit(db, xie, sources=[{**sources[0], "url": "https://example.org/xie"}])
    rows = diff_rows(html(client.get(f"/entries/{xie}/diff?from=1&to=2")))
    assert len(rows) == 1 and rows[0][0] == "Sources"
    assert rows[0][2].endswith(
        "China-US launch AI dialogue. Chinese experts are cautiously "
        "optimistic., 2026-05, https://example.org/xie"
        f" (accessed {sources[0]['accessed']})"
    )


def test_diff_puts_the_older_revision_on_the_left(client, db, xie):
    edit(db, xie, english="Xie Feng (diplomat)")
    page = html(client.get(f"/entries/{xie}/diff?from=2&to=1"))
    assert diff_rows(page) == [("English", "Xie Feng", "Xie Feng (diplomat)")]


def test_diff_of_a_revision_with_itself_says_nothing_differs(client, db, xie):
    edit(db, xie, english="Xie Feng (diplomat)")
    page = html(client.get(f"/entries/{xie}/diff?from=2&to=2"))
    assert diff_rows(page) == []
    assert "Nothing differs" in page.main.get_text()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("", 400),
        ("from=1", 400),
        ("from=1&to=two", 400),
        ("from=-1&to=2", 400),
        ("from=1&to=7", 404),
    ],
)
def test_diff_refuses_missing_bad_or_unknown_revisions(client, db, xie, query, status):
    edit(db, xie, english="Xie Feng (diplomat)")
    assert client.get(f"/entries/{xie}/diff?{query}").status_code == status


# Revert --------------------------------------------------------------------------------------


def test_revert_makes_a_new_revision_equal_to_the_old_one(editor_client, db, xie):
    edit(db, xie, "rev", english="Xie Feng (diplomat)", tags=[])
    token = csrf_token(editor_client, f"/entries/{xie}/history")
    response = editor_client.post(
        f"/entries/{xie}/revert", data={"to": 1, "revision": 2, "csrf_token": token}
    )
    assert response.status_code == 302 and response.location == f"/entries/{xie}"
    newest = store.revisions(db, xie)[0]
    assert (newest["revision"], newest["author"], newest["action"]) == (3, "ed", "revert")
    assert newest["comment"] == "Reverted to revision 1"
    assert store.revision_snapshot(db, xie, 3) == store.revision_snapshot(db, xie, 1)
    assert store.get_entry(db, xie)["english"] == "Xie Feng"
    page = html(editor_client.get(f"/entries/{xie}"))
    assert "Reverted to revision 1, as revision 3." in text(page.select_one(".flash"))


def test_a_stale_revert_is_409_with_a_link_to_the_history(editor_client, db, xie):
    edit(db, xie, english="Xie Feng (diplomat)")
    token = csrf_token(editor_client, f"/entries/{xie}/history")
    edit(db, xie, "rev", english="Xie Feng, ambassador")  # someone else saves meanwhile
    response = editor_client.post(
        f"/entries/{xie}/revert", data={"to": 1, "revision": 2, "csrf_token": token}
    )
    assert response.status_code == 409
    page = html(response)
    assert "Someone else changed this entry" in text(page.select_one(".error-detail"))
    assert page.select_one(f"main a[href='/entries/{xie}/history']") is not None
    assert store.get_entry(db, xie)["english"] == "Xie Feng, ambassador"
    assert len(store.revisions(db, xie)) == 3


def test_revert_to_an_unknown_revision_is_404(editor_client, db, xie):
    edit(db, xie, english="Xie Feng (diplomat)")
    token = csrf_token(editor_client, "/")
    data = {"to": 9, "revision": 2, "csrf_token": token}
    assert editor_client.post(f"/entries/{xie}/revert", data=data).status_code == 404


def test_anonymous_people_are_sent_to_log_in_before_reverting(client, db, xie):
    edit(db, xie, english="Xie Feng (diplomat)")
    data = {"to": 1, "revision": 2, "csrf_token": csrf_token(client)}
    response = client.post(f"/entries/{xie}/revert", data=data)
    assert response.status_code == 302 and response.location.startswith("/login?next=")
    assert store.get_entry(db, xie)["revision"] == 2


# Delete and restore --------------------------------------------------------------------------


def delete(client, entry_id: int, reason: str):
    token = csrf_token(client, f"/entries/{entry_id}")
    return client.post(f"/entries/{entry_id}/delete", data={"reason": reason, "csrf_token": token})


def test_editors_see_a_delete_form_that_asks_for_a_reason(client, editor_client, xie):
    assert html(client.get(f"/entries/{xie}")).select("form[action$=delete]") == []
    form = html(editor_client.get(f"/entries/{xie}")).select_one("form[action$=delete]")
    assert form["method"] == "post"
    assert form.select_one("textarea[name=reason]").has_attr("required")
    assert form.select_one("input[name=revision]")["value"] == "1"


@pytest.mark.parametrize("reason", ["", "   "])
def test_deleting_needs_a_reason(editor_client, db, xie, reason):
    response = delete(editor_client, xie, reason)
    assert response.status_code == 400
    assert "Say why the entry is being deleted." in html(response).get_text()
    assert store.get_entry(db, xie)["deleted"] is None


def test_a_deleted_entry_is_410_saying_when_by_whom_and_why(editor_client, client, db, xie):
    assert delete(editor_client, xie, "Duplicate of another entry").status_code == 302
    response = client.get(f"/entries/{xie}")
    assert response.status_code == 410
    page = html(response)
    notice = text(page.select_one(".deleted-notice"))
    assert "This entry was deleted by ed on" in notice
    assert text(page.select_one(".delete-reason")) == "Duplicate of another entry"
    assert page.select_one(f"a[href='/entries/{xie}/history']") is not None
    assert page.select("form[action$=restore]") == []  # anonymous: no button
    assert html(editor_client.get(f"/entries/{xie}")).select("form[action$=restore]") == []
    newest = store.revisions(db, xie)[0]
    assert (newest["action"], newest["author"], newest["comment"]) == (
        "delete",
        "ed",
        "Duplicate of another entry",
    )


def test_a_deleted_entry_leaves_search_browse_and_the_api(editor_client, client, xie):
    delete(editor_client, xie, "Duplicate")
    found = html(client.get("/search", query_string={"q": "Xie Feng"}))
    assert "Xie Feng" not in [text(e) for e in found.select(".card .english")]
    browsed = html(client.get("/search", query_string={"kind": "person", "limit": 100}))
    assert "Xie Feng" not in [text(e) for e in browsed.select(".card .english")]
    api = client.get("/api/search", query_string={"q": "xie feng"}).get_json()
    assert xie not in [r["id"] for r in api["results"]]


def test_deleting_a_deleted_entry_is_a_conflict(editor_client, xie):
    delete(editor_client, xie, "Duplicate")
    assert delete(editor_client, xie, "Again").status_code == 409


def test_only_reviewers_restore(editor_client, reviewer_client, db, xie):
    delete(editor_client, xie, "Duplicate")
    token = csrf_token(editor_client, "/")
    response = editor_client.post(f"/entries/{xie}/restore", data={"csrf_token": token})
    assert response.status_code == 403
    assert store.get_entry(db, xie)["deleted"] is not None

    form = html(reviewer_client.get(f"/entries/{xie}")).select_one("form[action$=restore]")
    token = form.select_one("[name=csrf_token]")["value"]
    response = reviewer_client.post(f"/entries/{xie}/restore", data={"csrf_token": token})
    assert response.status_code == 302
    assert reviewer_client.get(f"/entries/{xie}").status_code == 200
    assert store.revisions(db, xie)[0]["action"] == "restore"
    api = reviewer_client.get("/api/search", query_string={"q": "xie feng"}).get_json()
    assert xie in [r["id"] for r in api["results"]]


def test_restoring_a_live_entry_is_a_conflict(reviewer_client, xie):
    token = csrf_token(reviewer_client, "/")
    response = reviewer_client.post(f"/entries/{xie}/restore", data={"csrf_token": token})
    assert response.status_code == 409


def test_a_deleted_entry_cannot_be_reverted_until_restored(editor_client, db, xie):
    edit(db, xie, english="Xie Feng (diplomat)")
    delete(editor_client, xie, "Duplicate")
    token = csrf_token(editor_client, "/")
    data = {"to": 1, "revision": 3, "csrf_token": token}
    assert editor_client.post(f"/entries/{xie}/revert", data=data).status_code == 409
    page = html(editor_client.get(f"/entries/{xie}/history"))
    assert page.select("form[action$=revert]") == []


# The entry page --------------------------------------------------------------------------------


def test_the_entry_page_links_to_its_history(client, xie):
    page = html(client.get(f"/entries/{xie}"))
    assert text(page.select_one(f".entry-review a[href='/entries/{xie}/history']")) == "History"


# Recent changes and the feed -----------------------------------------------------------------


def test_recent_changes_lists_the_latest_edits_first(client, db, xie):
    trump = id_of(db, "Donald Trump")
    edit(db, xie, "ed", "Clarify", english="Xie Feng (diplomat)")
    edit(db, trump, "rev", "Add a note", notes="President of the United States.")
    page = html(client.get("/changes"))
    rows = [
        (
            text(tr.select_one(".entry-name .english")),
            text(tr.select_one(".action")),
            text(tr.select_one(".author")),
            text(tr.select_one(".comment")),
        )
        for tr in page.select("table.changes tbody tr")
    ]
    assert rows == [
        ("Donald Trump", "edited", "rev", "Add a note"),
        ("Xie Feng (diplomat)", "edited", "ed", "Clarify"),
    ]
    first = page.select_one("table.changes tbody tr")
    assert first.select_one(".entry-name a")["href"] == f"/entries/{trump}"
    assert first.select_one(f"a[href='/entries/{trump}/diff?from=1&to=2']") is not None
    feed = page.select_one("link[rel=alternate][type='application/atom+xml']")
    assert feed["href"] == "/changes.atom"


def test_recent_changes_is_in_the_site_navigation(client):
    nav = html(client.get("/")).select_one("nav.site-nav")
    assert nav.select_one("a[href='/changes']").get_text() == "Recent changes"


def test_recent_changes_marks_deleted_entries(editor_client, client, xie):
    delete(editor_client, xie, "Duplicate")
    row = html(client.get("/changes")).select_one("table.changes tbody tr")
    assert text(row.select_one(".action")) == "deleted"
    assert text(row.select_one(".badge.deleted")) == "Deleted"
    assert text(row.select_one(".comment")) == "Duplicate"


def test_the_atom_feed_has_an_entry_per_change(client, db, xie):
    trump = id_of(db, "Donald Trump")
    edit(db, xie, "ed", "Clarify", english="Xie Feng (diplomat)")
    edit(db, trump, "rev", "Add a note", notes="President of the United States.")
    response = client.get("/changes.atom")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.findtext("a:title", namespaces=ATOM) == "Recent changes · Glossary"
    entries = feed.findall("a:entry", ATOM)
    assert [e.findtext("a:title", namespaces=ATOM) for e in entries] == [
        "Donald Trump 唐纳德·特朗普: edited",
        "Xie Feng (diplomat) 谢锋: edited",
    ]
    assert [e.find("a:link", ATOM).get("href") for e in entries] == [
        f"http://localhost/entries/{trump}",
        f"http://localhost/entries/{xie}",
    ]
    assert [e.findtext("a:author/a:name", namespaces=ATOM) for e in entries] == ["rev", "ed"]
    assert entries[0].findtext("a:summary", namespaces=ATOM) == (
        "Revision 2, edited by rev. Add a note"
    )
    assert len({e.findtext("a:id", namespaces=ATOM) for e in entries}) == 2
    updated = datetime.fromisoformat(entries[0].findtext("a:updated", namespaces=ATOM))
    assert updated.tzinfo is not None


def test_the_atom_feed_of_an_unchanged_glossary_is_empty_but_valid(client):
    feed = ET.fromstring(client.get("/changes.atom").data)
    assert feed.findall("a:entry", ATOM) == []
    assert feed.findtext("a:id", namespaces=ATOM) == "http://localhost/changes"


# Safety: CSRF, and GET never changes anything ----------------------------------------------------


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("revert", {"to": "1", "revision": "2"}),
        ("delete", {"reason": "Duplicate"}),
        ("verify", {"revision": "2"}),
    ],
)
def test_a_post_without_its_csrf_token_is_400_and_changes_nothing(
    admin_client, db, xie, action, data
):
    edit(db, xie, english="Xie Feng (diplomat)")
    before = state(db)
    assert admin_client.post(f"/entries/{xie}/{action}", data=data).status_code == 400
    assert state(db) == before


def test_restore_without_its_csrf_token_is_400(editor_client, reviewer_client, db, xie):
    delete(editor_client, xie, "Duplicate")
    assert reviewer_client.post(f"/entries/{xie}/restore").status_code == 400
    assert store.get_entry(db, xie)["deleted"] is not None


def test_get_never_changes_anything(admin_client, db, xie):
    edit(db, xie, english="Xie Feng (diplomat)")
    before = state(db)
    for action in ("revert", "delete", "restore", "verify"):
        response = admin_client.get(f"/entries/{xie}/{action}?to=1&revision=2&reason=x")
        assert response.status_code == 405
    for path in (
        f"/entries/{xie}",
        f"/entries/{xie}/history",
        f"/entries/{xie}/diff?from=1&to=2",
        "/changes",
        "/changes.atom",
        "/review",
    ):
        assert admin_client.get(path).status_code == 200
    assert state(db) == before


# An import that rewrites an entry's sources --------------------------------------------------


def bessent_citation_after_import(db, **changes) -> int | None:
    """Re-import Scott Bessent with changes to his first source (which his post at the Treasury
    cites); return the source his affiliation cites afterwards."""
    entry = store.get_entry(db, id_of(db, "Scott Bessent"))
    record = store.snapshot(entry)
    record["sources"][0] = {**record["sources"][0], **changes}
    with db.conn:
        store.revise_from_import(db, entry, record, author="importer")
    [affiliation] = store.get_entry(db, entry["id"])["affiliations"]
    return affiliation["source_index"]


def test_an_import_keeps_an_affiliations_citation_of_a_source_it_leaves_alone(db):
    assert bessent_citation_after_import(db, accessed="2026-12-01") == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"quote": "Bessent said the talks would start soon."},
        {"title": "Another article"},
    ],
)
def test_an_import_that_changes_a_cited_sources_quote_or_title_drops_the_citation(db, changes):
    assert bessent_citation_after_import(db, **changes) is None


def bessent_affiliation_after_import(db, cited: int | None, sources: int) -> dict:
    """Have Scott Bessent's post at the Treasury cite his source `cited` (or none), then
    re-import him with only his first `sources` sources, unchanged; return the post."""
    edit(db, id_of(db, "Scott Bessent"), affiliations=[])  # to set the post anew below
    entry = store.get_entry(db, id_of(db, "Scott Bessent"))
    treasury = id_of(db, "US Department of the Treasury")
    post = {"organization_id": treasury, "role": "Secretary", "as_of": "2026-05", "source": cited}
    edit(db, entry["id"], affiliations=[post])
    entry = store.get_entry(db, entry["id"])
    record = store.snapshot(entry)
    record["sources"] = record["sources"][:sources]
    with db.conn:
        store.revise_from_import(db, entry, record, author="importer")
    [affiliation] = store.get_entry(db, entry["id"])["affiliations"]
    return affiliation


@pytest.mark.parametrize(
    ("cited", "sources", "still_cited"),
    [
        (1, 2, 1),  # the cited source is still there
        (2, 2, None),  # the cited source was left out
        (None, 3, None),  # the post cites no source
    ],
)
def test_an_import_keeps_a_citation_only_of_a_source_it_still_has(db, cited, sources, still_cited):
    affiliation = bessent_affiliation_after_import(db, cited, sources)
    assert (affiliation["role"], affiliation["source_index"]) == ("Secretary", still_cited)


def test_an_import_that_rewrites_an_entry_leaves_it_unverified(db):
    entry = store.get_entry(db, id_of(db, "Xie Feng"))
    store.verify_entry(db, entry["id"], reviewer="rev")
    entry = store.get_entry(db, entry["id"])
    assert entry["verified"]
    record = {**store.snapshot(entry), "description": "From the file.", "verified": True}
    with db.conn:
        store.revise_from_import(db, entry, record, author="importer")
    after = store.get_entry(db, entry["id"])
    assert (after["verified"], after["verified_by"], after["verified_at"]) == (False, "", None)


def test_an_imported_entrys_first_revision_holds_it_as_imported(db, monkeypatch):
    from glossary.exchange import importer
    from glossary.store import history

    monkeypatch.setattr(history, "now", lambda: "2026-05-04T03:02:01Z")  # the import's moment
    source = {"quote": "Wang Xiaohui spoke.", "title": "A report", "published": "2026-05"}
    wang = {
        "key": "wang-xiaohui",
        "kind": "person",
        "english": "Wang Xiaohui",
        "simplified": "王晓晖",
        "pinyin": "Wáng Xiǎohuī",
        "sources": [source],
    }
    document = {"format": "glossary/1", "entries": [wang]}
    importer.import_document(db, document, author="importer")
    entry = store.get_entry(db, id_of(db, "Wang Xiaohui"))
    assert (entry["created"], entry["updated"], entry["updated_by"]) == (
        "2026-05-04T03:02:01Z",
        "2026-05-04T03:02:01Z",
        "importer",
    )
    assert store.revisions(db, entry["id"]) == [
        {
            "revision": 1,
            "author": "importer",
            "at": "2026-05-04T03:02:01Z",
            "action": "import",
            "comment": "",
        }
    ]
    assert store.revision_snapshot(db, entry["id"], 1) == store.snapshot(entry)


def test_a_new_entry_is_its_authors_unverified_and_keeps_its_links(db, xie):
    """What the form or the API creates: revision 1 by its author, with its affiliations and
    related entries, unverified until a reviewer verifies it, whatever the record says."""
    record = store.snapshot(store.get_entry(db, id_of(db, "Scott Bessent")))
    record = {**record, "english": "Scott Bessent Jr.", "verified": True, "related": [xie]}
    entry_id = store.create_entry(db, record, author="li", comment="New")
    entry = store.get_entry(db, entry_id)
    assert (entry["verified"], entry["updated_by"], entry["revision"]) == (False, "li", 1)
    assert store.snapshot(entry)["affiliations"] == record["affiliations"] != []
    assert [r["id"] for r in entry["related"]] == [xie]
    [revision] = store.revisions(db, entry_id)
    assert (revision["author"], revision["action"], revision["comment"]) == ("li", "create", "New")


def test_an_edit_leaves_the_entry_unverified_and_its_links_as_the_record_has_them(db, xie):
    bessent = id_of(db, "Scott Bessent")
    edit(db, xie, related=[bessent])
    store.verify_entry(db, xie, reviewer="rev")
    edit(db, xie, related=[], verified=True)
    entry = store.get_entry(db, xie)
    assert (entry["verified"], entry["verified_by"], entry["related"]) == (False, "", [])


def test_a_revision_keeps_the_entry_with_its_links(db, xie):
    bessent = id_of(db, "Scott Bessent")
    treasury = id_of(db, "US Department of the Treasury")
    revision = edit(db, bessent, related=[xie, treasury])
    kept = store.revision_snapshot(db, bessent, revision)
    assert kept["affiliations"] == [
        {
            "organization_id": treasury,
            "role": "Secretary of the Treasury",
            "as_of": "2026-05",
            "source": 0,
        }
    ]
    assert kept["related"] == sorted([xie, treasury])


def test_revisions_recorded_in_batches_record_every_change(db, monkeypatch):
    from glossary.store import history

    monkeypatch.setattr(history, "REVISION_BATCH", 2)
    ids = [row[0] for row in db.execute("SELECT id FROM entry ORDER BY id LIMIT 5")]
    changes = [(entry_id, "edit", f"change {n}") for n, entry_id in enumerate(ids)]
    history.record_revisions(db, changes, "ed")
    newest = {entry_id: store.revisions(db, entry_id)[0] for entry_id in ids}
    assert [(newest[i]["author"], newest[i]["comment"]) for i in ids] == [
        ("ed", f"change {n}") for n in range(5)
    ]


def test_entries_are_named_by_their_english_and_simplified_forms(db, xie):
    bessent = id_of(db, "Scott Bessent")
    store.set_deleted(db, bessent, deleted=True, author="ed", reason="x")  # deleted ones too
    assert store.entry_names(db, [xie, bessent, xie]) == {
        xie: "Xie Feng 谢锋",
        bessent: "Scott Bessent 斯科特·贝森特",
    }
    assert store.entry_names(db, []) == {}


def test_a_restored_entry_keeps_no_reason_for_its_deletion(db, xie):
    deleted = store.set_deleted(db, xie, deleted=True, author="ed", reason="A duplicate")
    assert store.get_entry(db, xie)["revision"] == deleted
    assert store.get_entry(db, xie)["delete_reason"] == "A duplicate"
    restored = store.set_deleted(db, xie, deleted=False, author="rev", reason="Not a duplicate")
    entry = store.get_entry(db, xie)
    assert (entry["revision"], entry["deleted"], entry["delete_reason"]) == (restored, None, "")
    assert restored == deleted + 1
    assert store.revisions(db, xie)[0]["comment"] == "Not a duplicate"


def test_a_verification_among_the_latest_changes_carries_its_own_number(db, xie):
    """The number tells one change from another (the feed's ids): a verification's is its id."""
    first = store.verify_entry(db, xie, reviewer="rev")
    store.undo_verification(db, first, reviewer="rev")
    second = store.verify_entry(db, xie, reviewer="rev")
    changes = [c for c in store.recent_changes(db, 10) if c["verification"]]
    assert [c["action"] for c in changes] == ["verify", "undo", "verify"]
    numbers = [c["number"] for c in changes]
    assert (numbers[0], numbers[2]) == (second, first) and len(set(numbers)) == 3


def test_the_deleted_state_is_checked_inside_the_transaction(db, client):
    """Two deletions that both began before either was saved make one deletion, not two."""
    from glossary import store
    from tests.helpers import entry_id

    xie = entry_id(client, "Xie Feng")
    store.set_deleted(db, xie, deleted=True, author="ed", reason="first")
    with pytest.raises(store.WrongState):
        store.set_deleted(db, xie, deleted=True, author="rev", reason="second")
    row = db.execute("SELECT delete_reason FROM entry WHERE id = ?", [xie]).fetchone()
    assert row == ("first",)
    store.set_deleted(db, xie, deleted=False, author="rev", reason="")
    with pytest.raises(store.WrongState):
        store.set_deleted(db, xie, deleted=False, author="rev", reason="")


# Stale or missing entries, and entries stored before revisions were kept -------------------


def test_a_delete_from_a_revision_the_entry_has_moved_on_from_is_a_conflict(db, xie):
    edit(db, xie, "ed", english="Xie Feng (diplomat)")
    current = store.get_entry(db, xie)["revision"]
    for base in (current - 1, current + 1):
        with pytest.raises(store.Conflict):
            store.set_deleted(db, xie, deleted=True, author="ed", reason="x", base_revision=base)
    assert store.get_entry(db, xie)["deleted"] is None
    store.set_deleted(db, xie, deleted=True, author="ed", reason="x", base_revision=current)
    assert store.get_entry(db, xie)["deleted"] is not None


def test_an_entry_that_does_not_exist_is_not_found_to_edit_delete_or_restore(db, xie):
    record = store.snapshot(store.get_entry(db, xie))
    missing = 10**6
    with pytest.raises(store.NotFound):
        store.edit_entry(db, missing, record, base_revision=1, author="ed")
    for deleted in (True, False):
        with pytest.raises(store.NotFound):
            store.set_deleted(db, missing, deleted=deleted, author="ed", reason="x")


@pytest.mark.parametrize(("updated_by", "author"), [("li", "li"), ("", "import")])
def test_the_first_edit_of_an_entry_stored_without_revisions_keeps_its_state_before(
    db, xie, updated_by, author
):
    db.execute("DELETE FROM revision WHERE entry_id = ?", [xie])
    db.execute("UPDATE entry SET updated_by = ? WHERE id = ?", [updated_by, xie])
    before = store.get_entry(db, xie)["revision"]
    edit(db, xie, "ed", "Clarify", english="Xie Feng (diplomat)")
    assert [(r["revision"], r["author"], r["action"]) for r in store.revisions(db, xie)] == [
        (before + 1, "ed", "edit"),
        (before, author, "import"),
    ]
    assert store.revision_snapshot(db, xie, before)["english"] == "Xie Feng"
    assert [r["comment"] for r in store.revisions(db, xie)] == ["Clarify", ""]
