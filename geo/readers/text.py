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

__all__ = ["TextReader"]

_LEADING_BLANK_LINES = re.compile(r"(?:[^\S\n]*\n)*")


class TextReader(Reader):
    """One article per file: the first non-empty line is the title, the rest is the body.

    Leading and trailing blank lines of the body are dropped, and so is trailing white space at
    its end; everything else is kept as written (line breaks, indentation). An empty or
    whitespace-only text gives an article with an empty title and body.
    """

    kind = "text"
    suffixes = (".txt", ".text")
    takes_sidecar = True

    def parse(self, data: str, *, name: str, stem: str) -> Iterator[Article]:
        start = _LEADING_BLANK_LINES.match(data).end()
        end = data.find("\n", start)
        if end < 0:
            end = len(data)
        title = data[start:end].strip()
        rest = data[end + 1 :]
        body = rest[_LEADING_BLANK_LINES.match(rest).end() :].rstrip()
        yield Article(id=stem, title=title, body=body, source=name)
