"""Security headers on every response, and what a page may link to.

Every script and style is a file under /static: the Content-Security-Policy allows no inline
script or style, no plug-ins, no other origin, and no framing (clickjacking).
"""

from __future__ import annotations

import re

from flask import Flask, Response, session

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers older than CSP 2
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
WEB_ADDRESS = re.compile(r"https?://[^\s]+", re.IGNORECASE)


def web_address(url: str | None) -> str | None:
    """Return url if it is an http or https address (fit for a link), else None."""
    if url and WEB_ADDRESS.fullmatch(url):
        return url
    return None


def add_headers(response: Response) -> Response:
    """Set the security headers on a response (those a view set itself are kept); what a
    logged-in editor is shown is not kept by the browser or any cache."""
    # Each header is looked for once, in one pass: Headers.setdefault scans the headers anew
    # (and raises and catches a KeyError) for every name.
    present = {name.lower() for name, _value in response.headers.items()}
    for name, value in HEADERS.items():
        if name.lower() not in present:
            response.headers.add(name, value)
    if "_user_id" in session and "Cache-Control" not in response.headers:  # Flask-Login's
        response.headers["Cache-Control"] = "private, no-store"
    return response


def init_app(app: Flask) -> None:
    """Send the security headers on every response; give templates web_address."""
    app.after_request(add_headers)
    app.jinja_env.filters["web_address"] = web_address
