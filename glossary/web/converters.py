"""URL converters of the app's routes."""

from __future__ import annotations

from werkzeug.routing import BaseConverter, IntegerConverter, ValidationError

from glossary.exchange import formats


class SQLiteInteger(IntegerConverter):
    """Integers in URLs that SQLite can hold (up to 2**63 - 1); a larger id matches no route."""

    def __init__(self, map, *args, **kwargs):  # type: ignore[no-untyped-def]  # noqa: A002
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(map, *args, **kwargs)


class FormatName(BaseConverter):
    """The name of a registered file format (exchange.formats), asked when a URL is matched
    or built, so that a format registered after the app was made has its routes too."""

    regex = "[a-z0-9]+"

    def to_python(self, value: str) -> str:
        if value not in formats.names():
            raise ValidationError()
        return value

    def to_url(self, value: str) -> str:
        if value not in formats.names():
            raise ValueError(f"unknown format {value!r}")
        return value
