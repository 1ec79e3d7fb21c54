"""Messages that travel up to the edge: marked for translation here, put into words there."""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for translation where it is shown; return it unchanged."""
    return message


class BadParameter(ValueError):
    """A search parameter that cannot be used; the message says which and why, in English."""

    def __init__(self, name: str, reason: str, **values: object):
        super().__init__(f"parameter '{name}': {reason % values}")
        self.name = name
        self.reason = reason  # an English message id, translated by the page that shows it
        self.values = values
