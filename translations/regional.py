"""Keep a regional catalog to the messages its region words differently (`make translations`).

A regional catalog (zh_Hant_HK) falls back to another (zh_Hant, glossary.web.i18n.FALLBACKS) for
every message it does not hold. `pybabel update` adds every message of the template to it,
untranslated; this drops those again, and any whose wording is the same as the fallback's, so
that the catalog holds only what differs and a new message is translated once, in the fallback.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from glossary.web.i18n import FALLBACKS

TRANSLATIONS = Path(__file__).resolve().parent


def read(locale: str) -> Catalog:
    """Return a locale's catalog from translations/."""
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f)


def translated(message: Message) -> bool:
    """Whether every form of a message is translated."""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def prune(regional: Catalog, fallback: Catalog) -> list[str]:
    """Drop the messages the regional catalog leaves to its fallback; return their ids."""
    dropped = []
    for message in list(regional):
        if not message.id:
            continue
        parent = fallback.get(message.id, message.context)
        if not translated(message) or (parent is not None and parent.string == message.string):
            regional.delete(message.id, message.context)
            dropped.append(message.id if isinstance(message.id, str) else message.id[0])
    return dropped


def main(locale: str) -> None:
    """Prune one regional catalog in place."""
    regional = read(locale)
    dropped = prune(regional, read(FALLBACKS[locale]))
    buffer = io.BytesIO()
    write_po(buffer, regional, width=76, ignore_obsolete=True)
    (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").write_bytes(buffer.getvalue())
    print(
        f"{locale}: {len(regional)} messages worded for the region, {len(dropped)} left to "
        f"{FALLBACKS[locale]}"
    )


if __name__ == "__main__":
    main(sys.argv[1])
