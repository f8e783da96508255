"""What a batch reads, and the key each article is known by.

The inputs themselves (files, folders, standard input, read as a stream of articles and
failures) are :mod:`geo.readers.inputs`, shared with ``geo extract``; this module adds the content
key that makes a batch resumable (:func:`article_hash`).
"""

from __future__ import annotations

import hashlib
import json

from ..article import Article
from ..readers.failure import Failure
from ..readers.inputs import Source, discover, iter_inputs

__all__ = ["Failure", "Source", "article_hash", "discover", "iter_inputs"]


def article_hash(article: Article) -> str:
    """A key of the article's content and metadata (not its id or path): the same article read
    twice, under any name, has the same key; any change to its text or metadata gives a new one."""
    fields = (article.title, article.body, str(article.published or ""), article.language or "")
    fields += (article.outlet or "", article.url or "")
    text = json.dumps(fields, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
