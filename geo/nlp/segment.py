"""Stages: the text layers of a document (sentences and tokens, actors and country focus, dates).

These are the first stages of :data:`geo.pipeline.STAGES`; the rest read what they add.
"""

from __future__ import annotations

from collections import Counter

from ..model import ActorMatch, Context, Doc, Sentence
from .dates import date_spans
from .lexicon import lexicon_of
from .tokens import tokenize
from .words import Words

__all__ = ["segment", "find_actors", "find_dates"]


def segment(doc: Doc, ctx: Context) -> Doc:
    """Add ``sentences``: the tokens (with their readings) and word view of each sentence span."""
    sentences = []
    for index, (a, b) in enumerate(doc.spans):
        tokens = tuple(tokenize(doc.text[a:b], offset=a, language=doc.language))
        sentences.append(Sentence(index, a, b, tokens, Words(tokens, base=a)))
    return doc.add(sentences=tuple(sentences))


def find_actors(doc: Doc, ctx: Context) -> Doc:
    """Add ``actors`` (per sentence, from the actor lexicon) and ``focus``: the countries the article
    points at through its actors (a ministry, an army) and nationality words."""
    lexicon = lexicon_of(doc.language)
    focus: Counter[str] = Counter()
    actors: list[tuple[ActorMatch, ...]] = []
    for sentence in doc.sentences:
        found = tuple(lexicon.actors_in(sentence.words))
        actors.append(found)
        focus.update(a.side for a in found if a.side and len(a.side) == 2)
        focus.update(code for t in sentence.tokens if t.is_word and (code := lexicon.demonym(t.norm)))
    return doc.add(actors=tuple(actors), focus=focus)


def find_dates(doc: Doc, ctx: Context) -> Doc:
    """Add ``dates``: the spans (offsets into ``Doc.text``) of each sentence's date expressions, so
    that no later stage reads a date's words as a place or a count."""
    out = []
    for s in doc.sentences:
        spans = date_spans(doc.text[s.start : s.end], language=doc.language, words=s.words)
        out.append(tuple((s.start + a, s.start + b) for a, b in spans))
    return doc.add(dates=tuple(out))
