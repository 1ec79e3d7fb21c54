"""The OpenAPI 3.1 description of every /api route: what /api/openapi.json serves and /api shows.

Pure data built in code from the constants the API checks against (kinds, page sizes, limits,
body size), so the description and the checks cannot drift apart: paths.py has the routes,
schemas.py what they take and answer, examples.json example answers. tests/test_openapi.py runs
the live app against all of it. Descriptions are English, the API's language.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from glossary.web.api.openapi.paths import JSON, paths
from glossary.web.api.openapi.schemas import Schema, components

__all__ = ["JSON", "document", "examples", "operations"]


def document(config: Mapping[str, Any]) -> Schema:
    """The OpenAPI document, for an app with this configuration (page sizes, query length)."""
    api = {
        "openapi": "3.1.0",
        "info": {
            "title": "glossary",
            "version": "1",
            "summary": "A bilingual English–Chinese glossary and name reference.",
            "description": (
                "Reading needs no key; writing needs an API token (`glossary user token NAME`)"
                " sent as `Authorization: Bearer TOKEN`. Bodies and answers are UTF-8 JSON;"
                " every error is an object with an `error` message in English."
            ),
        },
        "tags": [
            {"name": "reading", "description": "Open to anyone."},
            {"name": "writing", "description": "Needs an API token of an editor or above."},
        ],
        "paths": json.loads(json.dumps(paths(config))),  # unshared parts, to add examples to
        "components": {
            "schemas": components(),
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token from `glossary user token NAME`.",
                }
            },
        },
    }
    for operation in operations(api):  # copies, but of the same responses
        for status, example in examples().get(operation["operationId"], {}).items():
            operation["responses"][status]["content"][JSON]["example"] = example
    return api


@cache
def examples() -> dict[str, dict[str, object]]:
    """Example answers by operationId and status."""
    source = resources.files("glossary.web.api.openapi").joinpath("examples.json")
    return json.loads(source.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def operations(api: Mapping[str, Any]) -> list[Schema]:
    """Every operation of a document in order, with its method, path, all its parameters and
    its example answers as JSON text."""
    return [
        {
            **operation,
            "method": method.upper(),
            "path": path,
            "parameters": [*item.get("parameters", []), *operation.get("parameters", [])],
            "examples": [
                (status, json.dumps(content["example"], ensure_ascii=False, indent=1))
                for status, response in operation["responses"].items()
                for content in response.get("content", {}).values()
                if "example" in content
            ],
        }
        for path, item in api["paths"].items()
        for method, operation in item.items()
        if method != "parameters"
    ]
