"""URL converters of the app's routes."""

from __future__ import annotations

from werkzeug.routing import BaseConverter, IntegerConverter, ValidationError

from glossary.exchange import formats


def at_most(number: int) -> str:
    """A regular expression for the whole numbers from 0 to number, written in decimal.

    Numbers with fewer digits; then, digit by digit, those that follow number's first digits
    with a smaller one and any after it; then number itself.
    """
    digits = str(number)
    branches = [rf"\d{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []
    for place, digit in enumerate(digits):
        if digit != "0":
            rest = len(digits) - place - 1
            tail = rf"\d{{{rest}}}" if rest else ""
            branches.append(f"{digits[:place]}[0-{int(digit) - 1}]{tail}")
    return "|".join([*branches, digits])


class SQLiteInteger(IntegerConverter):
    """Integers in URLs that SQLite can hold (up to 2**63 - 1); a larger id matches no route.

    The regular expression itself stops at 2**63 - 1: a number the converter refused after
    its route matched would make Werkzeug answer 405 on a path whose GET route also matched
    (PUT /api/entries/9223372036854775808), where no route has that id at all.
    """

    regex = at_most(2**63 - 1)

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
