"""What the hostile-input property suites send, and what every answer must be: never a 5xx,
never a traceback, and a refusal always says why."""

from __future__ import annotations

from urllib.parse import quote_from_bytes

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Bounded (max_examples, no deadline) and repeatable (derandomize): the suites run in `make test`.
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text that has broken search engines and web forms before.
NASTY = [
    "",
    " ",
    '"',
    "'",
    "\\",
    '"xie',
    "xie*",
    "*",
    "^xie",
    "NEAR(xie feng)",
    "xie AND feng OR NOT fu",
    "english:xie",
    "{english}: xie",
    "(xie",
    "xie)",
    "-xie",
    "+xie",
    "%",
    "_",
    "%_%",
    "100%",
    "a_b",
    "' OR '1'='1",
    "'; DROP TABLE entry; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "%(name)s",
    "{0}",
    "\x00",
    "xie\x00feng",
    "\ud800",
    "a\udfffb",
    "\u202exie feng",
    "ＸＩＥ　ＦＥＮＧ",
    "谢\u200b锋",
    "\ufeff",
    "\uffff",
    "\U0010ffff",
    "e\u0301" * 50,
    "𠮷" * 20,
    "\r\n\t\x0b\x0c",
    "x" * 201,
    "x" * 10_000,
    "谢" * 10_000,
    "a " * 5_000,
]

# Any code point, lone surrogates and NUL included.
ANY_CHARACTER = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=[])
TEXT = st.one_of(st.sampled_from(NASTY), st.text(ANY_CHARACTER, max_size=60))
# What a parameter can be on the wire: any text (surrogates as their invalid UTF-8), any bytes.
WIRE = st.one_of(TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=80))


def encoded(value: bytes) -> str:
    """Percent-encode bytes for a query string or a form body."""
    return quote_from_bytes(value, safe="")


def query(parameters: dict[str, bytes]) -> str:
    """A query string of raw bytes: ?name=value&…"""
    return "&".join(f"{name}={encoded(value)}" for name, value in parameters.items())


def assert_answered(response, *, allowed: tuple[int, ...]) -> None:
    """The answer is one of the allowed statuses, shows no traceback, and a refusal says why."""
    body = response.get_data(as_text=True)
    assert response.status_code < 500, body[:500]
    assert response.status_code in allowed, (response.status_code, body[:500])
    assert "Traceback" not in body and 'File "' not in body
    if response.status_code >= 400:
        if response.mimetype == "application/json":
            assert response.get_json()["error"]
        else:
            assert response.mimetype == "text/html"
            assert "<h1>" in body
