"""Plain-text articles: the title on the first line, the body after it.

This is how the seed article and the evaluation articles are stored, and what copying an article
out of a browser gives. Metadata (outlet, date, URL) comes from a ``NAME.json`` sidecar, which
:func:`geo.readers.read_articles` applies; parsing here stays pure.

>>> [(a.title, a.body) for a in TextReader().parse("\\n  Title \\n\\nFirst line.\\nSecond.\\n\\n", name="a.txt", stem="a")]
[('Title', 'First line.\\nSecond.')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..article import Article
from .base import Reader
from .hygiene import split_title

__all__ = ["TextReader"]

_LEADING_BLANK_LINES = re.compile(r"(?:[^\S\n]*\n)*")


class TextReader(Reader):
    """One article per file: the first non-empty line is the title, the rest is the body.

    Leading and trailing blank lines of the body are dropped, and so is trailing white space at
    its end; everything else is kept as written (line breaks, indentation). An empty or
    whitespace-only text gives an article with an empty title and body. A first line longer than
    a headline (``limits.max_title``; a scraped article often has no line break) gives its first
    sentence as the title, or no title (see :func:`.hygiene.split_title`).
    """

    kind = "text"
    suffixes = (".txt", ".text")
    takes_sidecar = True

    def parse(self, data: str, *, name: str, stem: str) -> Iterator[Article]:
        start = _LEADING_BLANK_LINES.match(data).end()
        title, rest = split_title(data[start:].lstrip(), limit=self.limits.max_title)
        body = rest[_LEADING_BLANK_LINES.match(rest).end() :].rstrip()
        article = self._checked(Article(id=stem, title=title, body=body, source=name), name)
        if article is not None:
            yield article
