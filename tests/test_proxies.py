"""Behind a reverse proxy (GLOSSARY_PROXIES=1), the client's address is the one the proxy
forwards: login throttling counts it, not the proxy's."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary import config, create_app
from glossary.store.connection import connect
from tests.helpers import csrf_token


def failed_login_from(app, forwarded: str) -> list[str]:
    client = app.test_client()
    token = csrf_token(client)
    client.post(
        "/login",
        data={"name": "nobody", "password": "wrong password", "csrf_token": token},
        headers={"X-Forwarded-For": forwarded},
    )
    database = connect(app.config["DATABASE"])
    return [row[0] for row in database.execute("SELECT address FROM login_failure").fetchall()]


def test_behind_one_proxy_the_forwarded_address_counts(app):
    proxied = create_app({**app.config, "PROXIES": 1})
    assert failed_login_from(proxied, "203.0.113.9") == ["203.0.113.9"]


def test_served_directly_a_forwarded_address_is_not_believed(app):
    assert failed_login_from(app, "203.0.113.9") == ["127.0.0.1"]


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("2", 2), ("", None)])
def test_the_setting_from_the_environment(value, expected):
    assert config.from_environment({"GLOSSARY_PROXIES": value}).get("PROXIES") == expected


@pytest.mark.parametrize("value", ["one", "-1", "11"])
def test_a_wrong_setting_stops_the_start_with_a_message(tmp_path, monkeypatch, value):
    monkeypatch.setenv("GLOSSARY_PROXIES", value)
    with pytest.raises(ValueError, match="GLOSSARY_PROXIES must be a number of proxies"):
        create_app({"DATABASE": str(tmp_path / "g.db"), "SECRET_KEY": "x"})


def feed_link_host(app, forwarded_host: str) -> str:
    response = app.test_client().get("/changes.atom", headers={"X-Forwarded-Host": forwarded_host})
    return response.get_data(as_text=True).split('<link href="', 1)[1].split("/", 3)[2]


def test_behind_a_proxy_a_forwarded_host_is_not_believed_by_default(app):
    proxied = create_app({**app.config, "PROXIES": 1})
    assert feed_link_host(proxied, "evil.example") == "localhost"


def test_a_forwarded_host_is_believed_only_when_told(app):
    proxied = create_app({**app.config, "PROXIES": 1, "TRUST_FORWARDED_HOST": True})
    assert feed_link_host(proxied, "glossary.example.org") == "glossary.example.org"


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("yes", True), ("0", False)])
def test_trusting_the_forwarded_host_from_the_environment(value, expected):
    settings = config.from_environment({"GLOSSARY_TRUST_FORWARDED_HOST": value})
    assert settings["TRUST_FORWARDED_HOST"] is expected


def test_the_example_unit_sets_proxies_and_secure_cookies():
    """The systemd unit docs/deploying.md gives, behind its nginx, believes the proxy's address
    (throttling per client) and sends the session cookie over HTTPS only."""
    guide = (Path(__file__).resolve().parent.parent / "docs" / "deploying.md").read_text()
    unit = guide.split("```ini\n", 1)[1].split("```", 1)[0]
    environment = [line for line in unit.splitlines() if line.startswith("Environment=")]
    assert "Environment=GLOSSARY_PROXIES=1" in environment
    assert "Environment=GLOSSARY_SECURE_COOKIES=1" in environment
