"""Filling in the site's forms as a browser would, for tests that send them back."""

from __future__ import annotations

from bs4 import Tag


def fields(form: Tag) -> dict[str, str]:
    """What a form would send as it is shown: each field's value, the chosen option of each
    select; unticked checkboxes and buttons send nothing."""
    data = {}
    for node in form.select("input[name], textarea[name], select[name]"):
        if node.name == "select":
            chosen = node.select_one("option[selected]") or node.select_one("option")
            data[node["name"]] = chosen["value"] if chosen else ""
        elif node.name == "textarea":
            data[node["name"]] = node.get_text().removeprefix("\n")  # as a browser drops it
        elif node.get("type") not in ("checkbox", "submit"):
            data[node["name"]] = node.get("value", "")
    return data
