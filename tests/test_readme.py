"""The README documents every command and API route the app has."""

from __future__ import annotations

from pathlib import Path

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_shows_the_two_commands():
    assert "make run" in README and "make test" in README


def test_every_cli_command_is_in_the_readme(app):
    for name in ("init-db", "serve", "import", "export", "user", "backup", "restore", "check"):
        assert name in app.cli.commands
        assert f"glossary {name}" in README


def test_every_api_route_is_in_the_readme(app):
    routes = {
        f"{method} {rule.rule.replace('<int:entry_id>', '<id>')}"
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/") and "<path:" not in rule.rule
        for method in rule.methods or ()
        if method not in ("HEAD", "OPTIONS")
    }
    assert {"GET /api/search", "GET /api/entries/<id>", "POST /api/entries"} <= routes
    for route in routes:
        assert route in README
