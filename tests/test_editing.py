"""Adding and editing entries through the form: login, checks beside each field, conflicts."""

from __future__ import annotations

import pytest

from glossary import store
from glossary.store.connection import connect
from tests.helpers import entry_id, html

NEW = {
    "kind": "person",
    "english": "Shan Jixiang",
    "simplified": "单霁翔",
    "sources-0-quote": "Shan Jixiang, former director of the Palace Museum, spoke at the forum.",
    "sources-0-title": "Forum report",
    "sources-0-publisher": "Example News",
    "sources-0-url": "https://example.org/forum",
    "sources-0-published": "2026-05-14",
}


@pytest.fixture
def database(accounts_app):
    database = connect(accounts_app.config["DATABASE"])
    yield database
    database.conn.close()


def form_fields(page) -> dict[str, str]:
    """What the entry form on a page would send, as a browser fills it (buttons aside)."""
    form = page.select_one("form.entry-form")
    data = {}
    for node in form.select("input[name], textarea[name], select[name]"):
        if node.name == "select":
            chosen = node.select_one("option[selected]") or node.select_one("option")
            data[node["name"]] = chosen["value"] if chosen else ""
        elif node.name == "textarea":
            text = node.get_text()  # a browser drops the newline that follows <textarea>
            data[node["name"]] = text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
        else:
            data[node["name"]] = node.get("value", "")
    return data


def submit(client, path: str, changes: dict[str, str]):
    """Open the form at path, change some fields and save it."""
    data = form_fields(html(client.get(path)))
    data.update(changes)
    return client.post(path, data=data)


def error_of(page, field_id: str) -> str:
    """The inline message beside a field (its aria-describedby names it)."""
    node = page.select_one(f"#{field_id}-error")
    assert node is not None, f"no message beside {field_id}"
    assert page.select_one(f"#{field_id}")["aria-invalid"] == "true"
    return node.get_text(" ", strip=True)


def count_entries(database) -> int:
    return database.execute("SELECT count(*) FROM entry").fetchone()[0]


# Who may edit ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/entries/new", "/entries/1/edit"])
def test_anonymous_editors_are_sent_to_log_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.location == "/login?next=" + path.replace("/", "%2F")


def test_anonymous_saves_are_refused_too(accounts_app):
    response = accounts_app.test_client().post("/entries/new", data=NEW)
    assert response.status_code in (302, 400)  # the CSRF check or the login, never a write


def test_the_header_offers_a_new_entry_only_when_logged_in(client, editor_client):
    assert html(client.get("/")).select_one(".account a[href='/entries/new']") is None
    link = html(editor_client.get("/")).select_one(".account a[href='/entries/new']")
    assert link.get_text() == "New entry"


def test_the_entry_page_offers_edit_to_editors(client, editor_client):
    path = f"/entries/{entry_id(client, 'Xie Feng')}"
    assert html(client.get(path)).select_one("a.edit-link") is None
    link = html(editor_client.get(path)).select_one("a.edit-link")
    assert link["href"] == path + "/edit" and link.get_text() == "Edit"


# Adding ---------------------------------------------------------------------------------------


def test_the_new_entry_form_has_every_field(editor_client):
    page = html(editor_client.get("/entries/new"))
    assert page.h1.get_text() == "New entry"
    names = set(form_fields(page))
    assert {
        "csrf_token",
        "kind",
        "english",
        "aliases",
        "simplified",
        "traditional",
        "pinyin",
        "romanization",
        "romanization_system",
        "description",
        "notes",
        "tags",
        "status",
        "comment",
        "revision",
        "sources-0-quote",
        "sources-0-quote_zh",
        "sources-0-title",
        "sources-0-publisher",
        "sources-0-url",
        "sources-0-published",
        "sources-0-accessed",
        "affiliations-0-organization",
        "affiliations-0-organization_id",
        "affiliations-0-role",
        "affiliations-0-as_of",
        "affiliations-0-source",
        "related-0-entry",
        "related-0-entry_id",
    } <= names
    assert page.select_one("label[for=simplified]").get_text() == "Simplified characters"
    assert page.select_one("script[src$='editing.js']") is not None
    assert not page.select("form.entry-form script:not([src])")  # no inline script


def test_the_new_entry_form_can_start_from_a_link(editor_client):
    fields = form_fields(html(editor_client.get("/entries/new?kind=term&simplified=干")))
    assert (fields["kind"], fields["simplified"], fields["english"]) == ("term", "干", "")


def test_create_writes_the_entry_its_source_affiliation_and_revision(editor_client, database):
    response = submit(
        editor_client,
        "/entries/new",
        {
            **NEW,
            "aliases": "SHAN Jixiang\n\nDirector Shan",
            "tags": "culture, museums",
            "affiliations-0-organization": "Ministry of Foreign Affairs",
            "affiliations-0-role": "Adviser",
            "affiliations-0-as_of": "2026-05",
            "affiliations-0-source": "1",
            "comment": "From the forum report",
        },
    )
    assert response.status_code == 302
    new_id = int(response.location.rsplit("/", 1)[1])
    row = database.execute(
        "SELECT kind, english, simplified, traditional, pinyin, aliases, tags, verified, updated_by"
        " FROM entry WHERE id = ?",
        [new_id],
    ).fetchone()
    assert row == (
        "person",
        "Shan Jixiang",
        "单霁翔",
        "單霽翔",  # derived when left empty
        "Shàn Jìxiáng",  # read as a name when left empty: 单 is Shàn as a surname
        '["SHAN Jixiang", "Director Shan"]',
        '["culture", "museums"]',
        0,
        "ed",
    )
    sources = database.execute(
        "SELECT quote, title, publisher, url, published FROM source WHERE entry_id = ?", [new_id]
    ).fetchall()
    assert sources == [
        (
            NEW["sources-0-quote"],
            "Forum report",
            "Example News",
            "https://example.org/forum",
            "2026-05-14",
        )
    ]
    affiliations = database.execute(
        """SELECT o.english, a.role, a.as_of, s.title FROM affiliation a
           JOIN entry o ON o.id = a.organization_id JOIN source s ON s.id = a.source_id
           WHERE a.person_id = ?""",
        [new_id],
    ).fetchall()
    assert affiliations == [("Ministry of Foreign Affairs", "Adviser", "2026-05", "Forum report")]
    revisions = database.execute(
        "SELECT revision, author, action, comment FROM revision WHERE entry_id = ?", [new_id]
    ).fetchall()
    assert revisions == [(1, "ed", "create", "From the forum report")]
    page = html(editor_client.get(response.location))
    assert page.select_one(".flash-success").get_text().startswith("Added Shan Jixiang.")
    assert page.h1.select_one(".english").get_text() == "Shan Jixiang"


def test_tone_numbers_are_stored_as_tone_marks(editor_client, database):
    response = submit(editor_client, "/entries/new", {**NEW, "pinyin": "Shan4 Ji4xiang2"})
    new_id = int(response.location.rsplit("/", 1)[1])
    row = database.execute("SELECT pinyin FROM entry WHERE id = ?", [new_id]).fetchone()
    assert row == ("Shàn Jìxiáng",)


def test_typed_traditional_characters_are_kept(editor_client, database):
    response = submit(editor_client, "/entries/new", {**NEW, "traditional": "單霽翔"})
    new_id = int(response.location.rsplit("/", 1)[1])
    row = database.execute("SELECT traditional FROM entry WHERE id = ?", [new_id]).fetchone()
    assert row == ("單霽翔",)


def test_an_organization_and_related_entry_chosen_by_id(client, editor_client, database):
    mofa, xie = entry_id(client, "Ministry of Foreign Affairs"), entry_id(client, "Xie Feng")
    response = submit(
        editor_client,
        "/entries/new",
        {
            **NEW,
            "affiliations-0-organization": "Ministry of Foreign Affairs",
            "affiliations-0-organization_id": str(mofa),
            "related-0-entry": "Xie Feng",
            "related-0-entry_id": str(xie),
        },
    )
    new_id = int(response.location.rsplit("/", 1)[1])
    entry = store.get_entry(database, new_id)
    assert [a["entry"]["id"] for a in entry["affiliations"]] == [mofa]
    assert [r["id"] for r in entry["related"]] == [xie]


def test_add_another_source_without_javascript(editor_client, database):
    before = count_entries(database)
    response = submit(editor_client, "/entries/new", {**NEW, "add": "sources"})
    assert response.status_code == 200
    page = html(response)
    assert [legend.get_text() for legend in page.select("fieldset[data-row=sources] legend")] == [
        "Source 1",
        "Source 2",
    ]
    assert page.select_one("#sources-0-title")["value"] == "Forum report"  # nothing lost
    assert page.select_one("#sources-1-title")["value"] == ""
    assert page.select("#affiliations-0-source option")[-1].get_text() == "Source 2"
    assert count_entries(database) == before


def test_blank_source_rows_are_ignored(editor_client, database):
    response = submit(
        editor_client, "/entries/new", {**NEW, "sources-1-quote": " ", "sources-1-title": ""}
    )
    new_id = int(response.location.rsplit("/", 1)[1])
    assert len(store.get_entry(database, new_id)["sources"]) == 1


# Every check, beside its field; nothing written ------------------------------------------------

LONG = "x" * 501


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        # required fields
        ({"english": ""}, "english", "is required"),
        ({"english": "   "}, "english", "is required"),
        ({"simplified": ""}, "simplified", "is required"),
        ({"sources-0-quote": ""}, "sources-0-quote", "is required"),
        ({"sources-0-title": ""}, "sources-0-title", "is required"),
        ({"sources-0-published": ""}, "sources-0-published", "is required"),
        # lengths
        ({"english": LONG}, "english", "must be at most 500 characters long"),
        ({"simplified": "谢" * 201}, "simplified", "must be at most 200 characters long"),
        ({"sources-0-title": LONG}, "sources-0-title", "must be at most 500 characters long"),
        ({"comment": LONG}, "comment", "must be at most 500 characters long"),
        ({"aliases": "ok\n" + LONG}, "aliases", "Line 2: must be at most 500 characters long"),
        ({"tags": "a, " + "t" * 101}, "tags", "Tag 2: must be at most 100 characters long"),
        # characters must contain CJK
        ({"simplified": "Xie Feng"}, "simplified", "must contain Chinese characters"),
        ({"traditional": "abc"}, "traditional", "must contain Chinese characters"),
        # pinyin: valid syllables with tones
        ({"pinyin": "hello world"}, "pinyin", "must be Hanyu Pinyin syllables"),
        ({"pinyin": "Shan Jixiang"}, "pinyin", "must carry tones (marks or numbers)"),
        # URLs http or https only
        (
            {"sources-0-url": "javascript:alert(1)"},
            "sources-0-url",
            "must be an http or https address",
        ),
        (
            {"sources-0-url": "ftp://example.org/a"},
            "sources-0-url",
            "must be an http or https address",
        ),
        ({"sources-0-url": "example.org"}, "sources-0-url", "must be an http or https address"),
        # dates real
        (
            {"sources-0-published": "2026-02-30"},
            "sources-0-published",
            "must be a real date: YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            {"sources-0-accessed": "yesterday"},
            "sources-0-accessed",
            "must be a real date: YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            {
                "affiliations-0-organization": "Ministry of Foreign Affairs",
                "affiliations-0-as_of": "2026-13",
            },
            "affiliations-0-as_of",
            "must be a real date: YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        # links must be to entries that exist, of the right kind
        (
            {"affiliations-0-organization": "No Such Institute"},
            "affiliations-0-organization",
            "must be an organization in the glossary",
        ),
        (
            {"affiliations-0-organization": "Xie Feng"},  # a person, not an organization
            "affiliations-0-organization",
            "must be an organization in the glossary",
        ),
        (
            {"affiliations-0-role": "Adviser"},  # a role with no organization
            "affiliations-0-organization",
            "must be an organization in the glossary",
        ),
        ({"related-0-entry": "#99999"}, "related-0-entry", "no such entry"),
        ({"related-0-entry": "nothing like this"}, "related-0-entry", "no such entry"),
        # vocabularies
        (
            {"kind": "planet"},
            "kind",
            "must be one of person, organization, term, place, document, event",
        ),
        ({"status": "approved"}, "status", "must be one of preferred, admitted, deprecated"),
    ],
)
def test_each_check_shows_its_message_beside_the_field(
    editor_client, database, changes, field, message
):
    before = count_entries(database)
    response = submit(editor_client, "/entries/new", {**NEW, **changes})
    assert response.status_code == 400
    page = html(response)
    assert error_of(page, field) == message
    assert page.select_one(".form-error").get_text().startswith("Nothing was saved.")
    assert count_entries(database) == before


@pytest.mark.parametrize(
    ("changes", "group", "message"),
    [
        (
            {name: "" for name in NEW if name.startswith("sources-")},
            "sources",
            "at least one source is required",
        ),
        (
            {"kind": "term", "affiliations-0-organization": "Ministry of Foreign Affairs"},
            "affiliations",
            "only a person has affiliations",
        ),
    ],
)
def test_list_checks_show_their_message_in_the_group(
    editor_client, database, changes, group, message
):
    before = count_entries(database)
    response = submit(editor_client, "/entries/new", {**NEW, **changes})
    assert response.status_code == 400
    page = html(response)
    assert page.select_one(f"fieldset#{group} .group-error").get_text() == message
    assert count_entries(database) == before


def test_a_refused_form_keeps_everything_typed(editor_client):
    response = submit(
        editor_client,
        "/entries/new",
        {**NEW, "pinyin": "wrong", "notes": "Keep this note.", "aliases": "A\nB"},
    )
    page = html(response)
    assert page.select_one("#english")["value"] == "Shan Jixiang"
    assert page.select_one("#pinyin")["value"] == "wrong"
    fields = form_fields(page)
    assert (fields["notes"], fields["aliases"]) == ("Keep this note.", "A\nB")
    assert page.select_one("#sources-0-url")["value"] == "https://example.org/forum"
    assert page.select_one("#kind option[selected]")["value"] == "person"


def test_a_refused_form_warns_of_duplicates(client, editor_client):
    response = submit(
        editor_client, "/entries/new", {**NEW, "simplified": "谢锋", "english": "", "pinyin": ""}
    )
    assert response.status_code == 400
    links = html(response).select("#duplicates a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Xie Feng", f"/entries/{entry_id(client, 'Xie Feng')}")
    ]


def test_messages_are_translated(editor_client):
    response = submit(editor_client, "/entries/new?lang=zh_Hans", {**NEW, "simplified": "abc"})
    assert response.status_code == 400
    assert error_of(html(response), "simplified") == "必须包含汉字"


def test_saving_without_the_csrf_token_is_refused(editor_client, database):
    before = count_entries(database)
    data = form_fields(html(editor_client.get("/entries/new")))
    data.update(NEW)
    del data["csrf_token"]
    assert editor_client.post("/entries/new", data=data).status_code == 400
    assert count_entries(database) == before


# Editing --------------------------------------------------------------------------------------


def test_the_edit_form_holds_the_entry_and_its_revision(client, editor_client, database):
    xie = entry_id(client, "Xie Feng")
    page = html(editor_client.get(f"/entries/{xie}/edit"))
    fields = form_fields(page)
    entry = store.get_entry(database, xie)
    assert fields["english"] == "Xie Feng"
    assert fields["simplified"] == "谢锋"
    assert fields["pinyin"] == "Xiè Fēng"
    assert fields["aliases"] == "XIE Feng\nAmbassador Xie Feng"
    assert fields["revision"] == str(entry["revision"])
    assert fields["sources-0-title"] == entry["sources"][0]["title"]
    assert fields["affiliations-0-organization"] == "Ministry of Foreign Affairs"
    assert fields["affiliations-0-organization_id"] == str(
        entry_id(client, "Ministry of Foreign Affairs")
    )
    assert fields["affiliations-0-source"] == "1"


def test_an_edit_is_a_new_unverified_revision(client, editor_client, database):
    xie = entry_id(client, "Xie Feng")
    before = store.get_entry(database, xie)
    assert before["verified"]
    response = submit(
        editor_client,
        f"/entries/{xie}/edit",
        {"description": "Chinese Ambassador to the United States.", "comment": "Clearer"},
    )
    assert response.status_code == 302 and response.location == f"/entries/{xie}"
    after = store.get_entry(database, xie)
    assert after["description"] == "Chinese Ambassador to the United States."
    assert after["revision"] == before["revision"] + 1
    assert not after["verified"]
    assert [a["entry"]["english"] for a in after["affiliations"]] == [
        "Ministry of Foreign Affairs"
    ]  # kept as it was
    assert store.snapshot(after)["sources"] == store.snapshot(before)["sources"]
    latest = store.revisions(database, xie)[0]
    assert (latest["author"], latest["action"], latest["comment"]) == ("ed", "edit", "Clearer")
    page = html(editor_client.get(response.location))
    assert page.select_one(".flash-success").get_text() == f"Saved revision {after['revision']}."


def test_a_stale_edit_is_refused_with_the_conflict_page(client, editor_client, database):
    xie = entry_id(client, "Xie Feng")
    path = f"/entries/{xie}/edit"
    mine = form_fields(html(editor_client.get(path)))  # the editor opens the form…
    current = store.get_entry(database, xie)
    other = store.snapshot(current)  # …and meanwhile someone else saves a change
    other["english"] = "XIE Feng"
    store.edit_entry(
        database, xie, other, base_revision=current["revision"], author="rev", comment="Caps"
    )
    moved_on = store.get_entry(database, xie)

    mine.update({"notes": "My own careful note.", "english": "Xie Feng"})
    response = editor_client.post(path, data=mine)

    assert response.status_code == 409
    page = html(response)
    assert page.h1.get_text() == "This entry changed while you were editing it"
    changes = {
        change["data-field"]: (
            change.select_one(".before").get_text(" ", strip=True),
            change.select_one(".after").get_text(" ", strip=True),
        )
        for change in page.select(".conflict-changes .change")
    }
    assert changes == {"english": ("When you began Xie Feng", "Now XIE Feng")}
    note = page.select_one(".change[data-field=english] .mine").get_text()
    assert note.endswith("saving it would undo this change.")
    assert "Revision" in page.select_one(".other-revisions li").get_text()
    assert "rev" in page.select_one(".other-revisions li").get_text()
    assert "Caps" in page.select_one(".other-revisions li").get_text()
    now = {
        row.dt.get_text(): row.dd.get_text(" ", strip=True)
        for row in page.select(".entry-now .form-row")
    }
    assert now["English"] == "XIE Feng"
    fields = form_fields(page)
    assert fields["notes"] == "My own careful note."  # nothing typed is lost
    assert fields["revision"] == str(moved_on["revision"])
    assert store.get_entry(database, xie)["notes"] == moved_on["notes"]  # unchanged

    # Saving the form on the conflict page applies the editor's text deliberately.
    response = editor_client.post(path, data=fields)
    assert response.status_code == 302
    saved = store.get_entry(database, xie)
    assert (saved["english"], saved["notes"]) == ("Xie Feng", "My own careful note.")
    assert saved["revision"] == moved_on["revision"] + 1


def test_the_conflict_page_says_when_both_changed_a_field(client, editor_client, database):
    xie = entry_id(client, "Xie Feng")
    path = f"/entries/{xie}/edit"
    mine = form_fields(html(editor_client.get(path)))
    current = store.get_entry(database, xie)
    store.edit_entry(
        database,
        xie,
        {**store.snapshot(current), "notes": "Their note."},
        base_revision=current["revision"],
        author="rev",
    )
    response = editor_client.post(path, data={**mine, "notes": "My note."})
    assert response.status_code == 409
    page = html(response)
    change = page.select_one(".change[data-field=notes]")
    assert change.select_one(".after").get_text(" ", strip=True) == "Now Their note."
    assert change.select_one(".mine").get_text().startswith("You changed this field too")


def test_an_edit_without_its_revision_is_refused(client, editor_client, database):
    xie = entry_id(client, "Xie Feng")
    response = submit(editor_client, f"/entries/{xie}/edit", {"revision": ""})
    assert response.status_code == 400
    assert store.get_entry(database, xie)["revision"] == 1


def test_a_deleted_entry_cannot_be_edited(client, editor_client, database):
    xie = entry_id(client, "Xie Feng")
    path = f"/entries/{xie}/edit"
    mine = form_fields(html(editor_client.get(path)))
    store.set_deleted(database, xie, deleted=True, author="adm", reason="Duplicate")
    response = editor_client.get(path)
    assert response.status_code == 404
    assert (
        html(response).h1.get_text() == "This entry has been deleted. Restore it before editing it."
    )
    # Saved after it was deleted: refused, with the editor's text still on the page.
    mine["notes"] = "Typed before the delete."
    response = editor_client.post(path, data=mine)
    assert response.status_code == 409
    assert form_fields(html(response))["notes"] == "Typed before the delete."
    assert store.get_entry(database, xie)["notes"] != "Typed before the delete."


def test_editing_an_unknown_entry_is_404(editor_client):
    assert editor_client.get("/entries/99999/edit").status_code == 404


# Suggestions while typing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a name read as a name: 单 is the surname Shàn
        (
            {"hanzi": "单霁翔", "kind": "person"},
            {
                "pinyin": "Shàn Jìxiáng",
                "simplified": "单霁翔",
                "traditional": "單霽翔",
                "ambiguous": [],
                "duplicates": [],
                "notes": [],
            },
        ),
        # traditional input gives both scripts
        (
            {"hanzi": "單霽翔", "kind": "person"},
            {"pinyin": "Shàn Jìxiáng", "simplified": "单霁翔", "traditional": "單霽翔"},
        ),
        # an organization is read in words
        (
            {"hanzi": "中国社会科学院", "kind": "organization"},
            {"pinyin": "Zhōngguó Shèhuì Kēxuéyuàn"},
        ),
    ],
)
def test_suggested_readings(client, query, expected):
    answer = client.get("/entries/suggest", query_string=query).get_json()
    assert {name: answer[name] for name in expected} == expected


def test_suggest_warns_of_the_same_characters(client):
    answer = client.get("/entries/suggest?hanzi=谢锋&kind=person").get_json()
    xie = entry_id(client, "Xie Feng")
    assert answer["duplicates"] == [
        {
            "id": xie,
            "kind": "person",
            "english": "Xie Feng",
            "simplified": "谢锋",
            "url": f"/entries/{xie}",
        }
    ]
    # in the other script too, but only for the same kind
    assert client.get("/entries/suggest?hanzi=謝鋒&kind=person").get_json()["duplicates"]
    assert client.get("/entries/suggest?hanzi=谢锋&kind=term").get_json()["duplicates"] == []


@pytest.mark.parametrize("english", ["Xie Feng", "xie feng", "XIE FENG"])
def test_suggest_warns_of_the_same_english_of_any_kind(client, english):
    answer = client.get(
        "/entries/suggest", query_string={"english": english, "kind": "term"}
    ).get_json()
    assert [d["english"] for d in answer["duplicates"]] == ["Xie Feng"]
    assert answer["pinyin"] is None


def test_suggest_leaves_out_the_entry_being_edited(client):
    xie = entry_id(client, "Xie Feng")
    answer = client.get(
        "/entries/suggest", query_string={"hanzi": "谢锋", "english": "Xie Feng", "exclude": xie}
    ).get_json()
    assert answer["duplicates"] == []


def test_suggest_lists_characters_with_several_traditional_forms(client):
    answer = client.get("/entries/suggest?hanzi=干&kind=term").get_json()
    assert answer["ambiguous"] == [{"character": "干", "traditional": ["乾", "幹", "榦"]}]


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({}, "parameter 'hanzi': is required"),
        ({"hanzi": "abc"}, "parameter 'hanzi': must contain Chinese characters"),
        ({"hanzi": "谢" * 101}, "parameter 'hanzi': must be at most 100 characters long"),
        ({"hanzi": "谢锋", "kind": "planet"}, "parameter 'kind': must be one of"),
        ({"english": "x" * 501}, "parameter 'english': must be at most 500 characters long"),
        ({"hanzi": "谢锋", "exclude": "one"}, "parameter 'exclude': must be a whole number"),
    ],
)
def test_suggest_refuses_bad_input(client, query, error):
    response = client.get("/entries/suggest", query_string=query)
    assert response.status_code == 400
    assert response.get_json()["error"].startswith(error)
