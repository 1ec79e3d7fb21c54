"""URL converters of the app's routes."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter


class SQLiteInteger(IntegerConverter):
    """Integers in URLs that SQLite can hold (up to 2**63 - 1); a larger id matches no route."""

    def __init__(self, map, *args, **kwargs):  # type: ignore[no-untyped-def]  # noqa: A002
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(map, *args, **kwargs)
