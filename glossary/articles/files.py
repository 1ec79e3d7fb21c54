"""The text of an uploaded article (.txt, .md or .html), and what an HTML page says about
itself: its title, publisher, address and date, to prefill the drafts' source."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePath
from typing import TYPE_CHECKING

from glossary.entries import validate
from glossary.exchange import decoding
from glossary.messages import N_, Said

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html"}
SUFFIXES[".htm"] = "html"
# Elements whose text is not the article's, and elements that end a line.
HIDDEN = (
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
)
BLOCKS = frozenset(
    ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "article")
    + ("section", "figcaption", "dd", "dt", "br", "hr")
)
#: The longest article read, in characters (a long feature is about 40,000): pasted, uploaded
#: or sent to /api/extract.
MAX_LENGTH = 200_000
# The largest upload (the whole request body, on /read and /api/extract): parsing stays well
# within a worker's timeout, and a longer article would be refused anyway.
MAX_BYTES = 1024 * 1024
# A character takes at most 4 bytes in every encoding read here: a plain text or Markdown file
# longer than this many bytes per allowed character is refused before it is decoded.
MAX_BYTES_PER_CHARACTER = 4


class Unreadable(Said):
    """An upload that is not an article the page reads; the message id says why."""


class TooLong(Unreadable):
    """An upload whose text is surely longer than an article may be."""


def read(filename: str, raw: bytes, max_length: int) -> tuple[str, dict[str, str]]:
    """Return an uploaded article's text, and the source details an HTML page gives; raise
    TooLong, before decoding or parsing, when plain text is longer than max_length characters."""
    kind = SUFFIXES.get(PurePath(filename).suffix.lower())
    if kind is None:
        raise Unreadable(N_("Upload a .txt, .md or .html file."))
    too_long = TooLong(
        N_("The article is longer than %(max)s characters. Send it in parts."), max=str(max_length)
    )
    if len(raw) > MAX_BYTES or kind != "html" and len(raw) > max_length * MAX_BYTES_PER_CHARACTER:
        raise too_long
    try:
        text, _ = decoding.decode(raw)
    except decoding.Undecodable as error:
        message = N_("The file could not be read as text: %(reason)s.")
        raise Unreadable(message, reason=error) from error
    if kind == "text" and len(text) > max_length:
        raise too_long
    if kind == "text":
        return text, {}
    # Imported here, when an upload needs them: loading both at start-up took 0.18 s of the
    # server's cold start.
    from bs4 import BeautifulSoup
    from markdown_it import MarkdownIt

    if kind == "markdown":
        return page_text(BeautifulSoup(MarkdownIt().render(text), "html.parser")), {}
    page = BeautifulSoup(text, "html.parser")
    details = _details(page)
    return page_text(page), details


def page_text(page: BeautifulSoup) -> str:
    """Return the readable text of a page, one paragraph per block, inline markup joined.

    One walk over the tree, each node visited once: inserting a break after each block (as
    this did before) costs a walk down the block's last descendants each time, quadratic for
    nested blocks. The walk keeps its own stack, so a deeply nested page needs no recursion.
    """
    from bs4.element import CData, NavigableString, Tag

    parts: list[str] = []
    stack: list[tuple[Tag, Iterator[object]]] = [(page, iter(page.contents))]
    while stack:
        tag, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if tag.name in BLOCKS:
                parts.append("\n\n")
        elif isinstance(child, Tag):
            if child.name not in HIDDEN:
                stack.append((child, iter(child.contents)))
        elif type(child) in (NavigableString, CData):
            parts.append(str(child))
    lines = [" ".join(line.split()) for line in "".join(parts).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _meta(page: BeautifulSoup, *names: str) -> str:
    for name in names:
        tag = page.find("meta", attrs={"property": name}) or page.find("meta", attrs={"name": name})
        content = tag.get("content") if tag else None
        if isinstance(content, str) and content.strip():
            return " ".join(content.split())
    return ""


def _details(page: BeautifulSoup) -> dict[str, str]:
    """The title, publisher, address and date a page gives in its head."""
    title = _meta(page, "og:title", "twitter:title")
    if not title and page.title and page.title.string:
        title = " ".join(page.title.string.split())
    canonical = page.find("link", rel="canonical")
    url = canonical.get("href") if canonical else None
    if not isinstance(url, str):
        url = _meta(page, "og:url")
    published = _meta(page, "article:published_time", "date", "dc.date", "pubdate")[:10]
    if not published:
        time = page.find("time", datetime=True)
        value = time.get("datetime") if time else None
        published = value[:10] if isinstance(value, str) else ""
    details = {
        "title": title,
        "publisher": _meta(page, "og:site_name", "publisher", "author"),
        "url": url if re.fullmatch(r"https?://\S+", url or "") else "",
        "published": published if validate.real_date(published) else "",
    }
    return {name: value[:500] for name, value in details.items() if value}
