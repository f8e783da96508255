"""Stage: place recognition. Finds every place name of a document (``Doc.mentions``).

Reads the sentences, actors and date spans of the :class:`~geo.model.Doc`: a name never starts
inside an actor's name (other than a country in it) or a date. Each mention carries its candidate
places from the gazetteer; :mod:`geo.resolve` chooses among them.
"""

from __future__ import annotations

from collections import Counter

from ..model import Context, Doc, Mention
from ..nlp.lexicon import lexicon_of
from .filters import adjectival_nationality, everyday_word_is_place
from .mentions import find_mentions

__all__ = ["find_places", "find_mentions"]


def find_places(doc: Doc, ctx: Context) -> Doc:
    """Add ``mentions``: the place names of every sentence, filtered by the rules of :mod:`.filters`."""
    language = doc.language
    lexicon = lexicon_of(language)
    options = ctx.options.mentions
    fallback = None
    if ctx.online is not None:
        countries = tuple(code for code, _ in Counter(doc.focus).most_common(1))
        online = ctx.online
        fallback = lambda name: online(name, countries)  # noqa: E731 - biased to the article's main country
    mentions: list[Mention] = []
    for sentence, actors, dates in zip(doc.sentences, doc.actors, doc.dates, strict=True):
        tokens = sentence.tokens
        blocked: set[int] = set()
        for a in actors:  # inside an actor's name, only a country may be a place ("وزارة الدفاع الأرمينية")
            blocked.update(k for k in range(a.start, a.end) if lexicon.country([tokens[k].norm]) is None)
        for d_start, d_end in dates:
            blocked.update(k for k, t in enumerate(tokens) if t.start < d_end and t.end > d_start)
        found = find_mentions(
            sentence,
            doc.text,
            language=language,
            gazetteer=ctx.gazetteer,
            lexicon=lexicon,
            search=ctx.search,
            blocked=blocked,
            options=options,
            fallback=fallback,
        )
        mentions += [m for m in found if not adjectival_nationality(m, tokens, language, lexicon)]
    kept = tuple(m for m in mentions if everyday_word_is_place(m, language, options))
    return doc.add(mentions=kept)
