"""The text of an uploaded article (.txt, .md or .html), and what an HTML page says about
itself: its title, publisher, address and date, to prefill the drafts' source."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import TYPE_CHECKING

from glossary.entries import validate
from glossary.exchange import decoding
from glossary.messages import N_

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
BLOCKS = (
    "p, div, li, h1, h2, h3, h4, h5, h6, blockquote, pre, tr, article, section, figcaption, "
    "dd, dt, br, hr"
)


class Unreadable(ValueError):
    """An upload that is not an article the page reads; the message id says why."""

    def __init__(self, message: str, **values: str):
        super().__init__(message)
        self.message = message
        self.values = values


def read(filename: str, raw: bytes) -> tuple[str, dict[str, str]]:
    """Return an uploaded article's text, and the source details an HTML page gives."""
    kind = SUFFIXES.get(PurePath(filename).suffix.lower())
    if kind is None:
        raise Unreadable(N_("Upload a .txt, .md or .html file."))
    try:
        text, _ = decoding.decode(raw)
    except decoding.Undecodable as error:
        message = N_("The file could not be read as text: %(reason)s.")
        raise Unreadable(message, reason=str(error)) from error
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
    """Return the readable text of a page, one paragraph per block, inline markup joined."""
    for hidden in page.find_all(HIDDEN):
        hidden.decompose()
    for block in page.select(BLOCKS):
        block.insert_after("\n\n")
    text = page.get_text("")
    lines = [" ".join(line.split()) for line in text.splitlines()]
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
