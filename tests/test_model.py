"""The entry's record: kinds, statuses, fields and limits written once, and the data schema
generated from them."""

from __future__ import annotations

import json

from glossary import model
from glossary.entries import validate


def test_the_committed_schema_is_the_one_the_model_makes() -> None:
    """glossary/schema.json is generated: run `make schema` after changing glossary/model.py."""
    assert model.SCHEMA_PATH.read_text(encoding="utf-8") == model.schema_text()


def test_kinds_and_statuses_are_stored_as_their_values() -> None:
    assert model.KINDS == ("person", "organization", "term", "place", "document", "event")
    assert model.STATUSES == ("preferred", "admitted", "deprecated")
    assert json.dumps([model.Kind.PERSON, model.Status.ADMITTED]) == '["person", "admitted"]'
    assert f"{model.Kind.ORGANIZATION}" == "organization"


def test_the_field_lists_follow_the_records() -> None:
    assert model.FIELDS == (
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
    )
    assert model.SOURCE_FIELDS == (
        "quote",
        "quote_zh",
        "title",
        "publisher",
        "url",
        "published",
        "accessed",
    )
    assert model.AFFILIATION_FIELDS == ("organization_id", "role", "as_of", "source")


def test_the_schema_keeps_the_limits_the_form_and_api_keep() -> None:
    """The hand-written schema let an import store a 500-character role the form refuses."""
    schema = model.data_schema()["$defs"]
    entry, source = schema["entry"]["properties"], schema["source"]["properties"]
    role = schema["affiliation"]["properties"]["role"]
    assert role["maxLength"] == validate.LIMITS["role"] == 200
    assert entry["description"]["maxLength"] == 500
    assert entry["notes"]["maxLength"] == 4000
    assert entry["aliases"]["items"]["maxLength"] == 500
    assert source["url"]["maxLength"] == 2000
    assert source["quote"]["maxLength"] == 4000
    assert {name: entry[name]["maxItems"] for name in model.COUNTS} == model.COUNTS
    assert entry["kind"]["enum"] == list(model.KINDS)
