"""Messages that travel up to the edge: marked for translation here, put into words there."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

Path = tuple[str | int, ...]  # where in a record: ("sources", 0, "url")


def N_(message: str) -> str:
    """Mark a message for translation where it is shown; return it unchanged."""
    return message


@dataclass(frozen=True)
class Problem:
    """Something wrong with a value someone sent: where it is (a path into the record), what is
    wrong (an English message id, marked with N_) and the values the message names. It travels
    up as it is; the page, the API or the command line puts it into words."""

    path: Path
    message: str
    values: Mapping[str, object] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The path as the API names a field: "english", "aliases[2]", "sources[0].url"."""
        key = ""
        for part in self.path:
            key += f"[{part}]" if isinstance(part, int) else f".{part}" if key else part
        return key

    @property
    def field(self) -> str:
        """The field whose rule it is: "url" for sources[0].url, "aliases" for aliases[2]."""
        names = [part for part in self.path if isinstance(part, str)]
        return names[-1] if names else ""

    def english(self) -> str:
        """The message in English, with its values."""
        return self.message % self.values if self.values else self.message

    def words(self, translate: Callable[..., str] | None = None) -> str:
        """The message in English, or through translate (gettext) in the reader's language."""
        if translate is None:
            return self.english()
        return translate(self.message, **self.values)


def by_key(problems: list[Problem], translate: Callable[..., str] | None = None) -> dict[str, str]:
    """The problems in words by the field each names (the first problem of a field wins)."""
    words: dict[str, str] = {}
    for problem in problems:
        words.setdefault(problem.key, problem.words(translate))
    return words


class Said(ValueError):
    """An error whose words are an English message id (marked with N_) and its values:
    str() is the English, words() the message through gettext in the reader's language."""

    def __init__(self, message: str, **values: object):
        super().__init__(message % values if values else message)
        self.message = message
        self.values = values

    def words(self, translate: Callable[..., str] | None = None) -> str:
        """The message in English, or through translate (gettext); a value that is a Said
        itself is said in the same language."""
        if translate is None:
            return str(self)
        values = {
            k: v.words(translate) if isinstance(v, Said) else v for k, v in self.values.items()
        }
        return translate(self.message, **values)


class BadParameter(ValueError):
    """A search parameter that cannot be used; the message says which and why, in English."""

    def __init__(self, name: str, reason: str, **values: object):
        super().__init__(f"parameter '{name}': {reason % values}")
        self.name = name
        self.reason = reason  # an English message id, translated by the page that shows it
        self.values = values
