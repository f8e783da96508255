"""HTML articles: the readable text of a saved news page, with its metadata.

Only the standard library's :mod:`html.parser` is used. Scripts, styles and page furniture
(navigation, headers, footers, asides, forms, buttons, embedded frames) are dropped with their
content, and so are comments; what remains is the text of block elements, one block a line,
white space collapsed and entities unescaped. The title is the first ``<h1>`` (an ``<h1>``
inside a ``<header>`` only when the page has no other), else ``<title>``. Metadata comes from
``<meta>`` and ``<link rel=canonical>``; a page is untrusted, so URLs are kept only when http(s).

>>> page = '<html lang="ar"><h1>عنوان</h1><script>alert(1)</script><p>نص &amp; نص</p></html>'
>>> a = next(HtmlReader().parse(page, name="a.html", stem="a"))
>>> (a.title, a.body, a.language)
('عنوان', 'نص & نص', 'ar')
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from ..article import Article
from .base import Reader, metadata
from .hygiene import bounded_title

__all__ = ["HtmlReader"]

#: Elements dropped with everything inside them.
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "iframe", "button"}
)
#: Elements whose end (or start) ends a line of the body.
_BLOCK = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "tr", "article", "section"}
    | {"main", "br", "hr", "ul", "ol", "dl", "dt", "dd", "table", "pre", "figure", "figcaption", "address", "body"}
)
#: ``<meta>`` names (``name``, ``property`` or ``itemprop``, lower case) for each field, first wins.
_META = {
    "published": ("article:published_time", "datepublished", "date", "pubdate", "publishdate", "og:published_time"),
    "outlet": ("og:site_name",),
    "url": ("og:url",),
}


class _Page(HTMLParser):
    """Collects title candidates, body blocks and metadata in one pass."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping: list[str] = []
        self.blocks: list[str] = []
        self.line: list[str] = []
        self.h1: list[str] | None = None  # the <h1> being read, if it may become the title
        self.h1_main: str | None = None
        self.h1_header: str | None = None
        self.h1_in_header = False
        self.title: list[str] | None = None
        self.title_text = ""
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "html" and attr.get("lang"):
            self.lang = attr["lang"]
        elif tag == "meta":
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").strip().lower()
            if key and attr.get("content"):
                self.meta.setdefault(key, []).append(attr["content"])
        elif tag == "link" and "canonical" in attr.get("rel", "").lower().split() and attr.get("href"):
            self.canonical.append(attr["href"])
        if tag in _SKIP:
            self.skipping.append(tag)
        elif tag == "h1" and self.h1 is None and self._h1_wanted():
            self.h1, self.h1_in_header = [], bool(self.skipping)
        elif tag == "title" and not self.title_text and not self.skipping:
            self.title = []
        if tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipping:
            del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag) :]  # to its start tag
            return
        if tag == "h1" and self.h1 is not None:
            text = " ".join("".join(self.h1).split())
            if self.h1_in_header:
                self.h1_header = self.h1_header or text or None
            else:
                self.h1_main = text or None
            self.h1 = None
        elif tag == "title" and self.title is not None:
            self.title_text, self.title = " ".join("".join(self.title).split()), None
        if tag in _BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skipping and (self.h1 is None or not self.h1_in_header or set(self.skipping) != {"header"}):
            return  # dropped content; only a header's <h1> is read (a title candidate)
        if self.title is not None:
            self.title.append(data)
        elif self.h1 is not None:
            self.h1.append(data)
        else:
            self.line.append(data)

    def _h1_wanted(self) -> bool:
        """No title yet from the page proper, and not inside anything but ``<header>`` elements."""
        return self.h1_main is None and all(t == "header" for t in self.skipping)

    def _break(self) -> None:
        text = " ".join("".join(self.line).split())
        if text:
            self.blocks.append(text)
        self.line = []

    def first_meta(self, field: str) -> str | None:
        return next((v for key in _META[field] for v in self.meta.get(key, ())), None)


class HtmlReader(Reader):
    """One article per HTML page (see the module docstring for what is kept)."""

    kind = "html"
    suffixes = (".html", ".htm", ".xhtml")
    takes_sidecar = True

    def parse(self, data: str, *, name: str, stem: str) -> Iterator[Article]:
        page = _Page()
        page.feed(data)
        page.close()
        page._break()
        if page.h1 is not None:  # an <h1> never closed
            page.handle_endtag("h1")
        title = bounded_title(page.h1_main or page.h1_header or page.title_text, limit=self.limits.max_title)
        record: dict[str, Any] = {
            "published": page.first_meta("published"),
            "outlet": page.first_meta("outlet"),
            "language": page.lang,
        }
        warnings: list[str] = []
        fields = metadata(record, where=name, warnings=warnings, aliases=False, hygiene=self.hygiene)
        # The first http(s) URL among og:url and the canonical link; others are dropped with a warning.
        for url in [*page.meta.get("og:url", ()), *page.canonical]:
            found = metadata({"url": url}, where=name, warnings=warnings)
            if found:
                fields.update(found)
                break
        self.warnings.extend(warnings)
        article = self._checked(Article(id=stem, title=title, body="\n".join(page.blocks), source=name, **fields), name)
        if article is not None:
            yield article
