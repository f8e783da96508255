"""Articles to claims: the ordered stages of extraction, the :class:`Extractor` and :func:`extract`.

Each stage reads a :class:`~geo.model.Doc` and adds one layer (see :mod:`geo.model`):

    segment -> find_actors -> find_date_spans -> find_places -> resolve_places
            -> attribute_claims -> describe_events -> assign_roles

then :func:`geo.output.features_of` turns the document into rows (one per claim x place, seat and
other mention, as DESIGN.md defines them).

>>> from geo import Extractor                                                   # doctest: +SKIP
>>> features = Extractor().features(article)                                     # doctest: +SKIP
>>> from geo import extract                                                      # doctest: +SKIP
>>> gdf = extract(open("seeds/karabakh-2020-10-20.ar.txt").read(), published="2020-10-20")  # doctest: +SKIP
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from gazetteer import Gazetteer, Match

from .article import Article
from .claims import assign_roles, attribute_claims, describe_events
from .errors import UnknownLanguage
from .lang import Language, detect_language, get_language, neutral_language
from .model import Context, Doc, Stage
from .nlp import find_actors, find_date_spans, segment, sentence_spans
from .options import ExtractOptions
from .output import features_of, to_geodataframe
from .recognize import find_places
from .resolve import OnlineMatcher, resolve_places

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from .online import OnlineFallback

__all__ = ["Extractor", "extract", "STAGES"]

#: The stages of extraction, in order.
STAGES: tuple[Stage, ...] = (
    segment,
    find_actors,
    find_date_spans,
    find_places,
    resolve_places,
    attribute_claims,
    describe_events,
    assign_roles,
)


class Extractor:
    """Extracts claims from articles with one gazetteer (opened once, searches cached).

    Parameters
    ----------
    gazetteer:
        The place index (default: the embedded default index, built on first use).
    language:
        A language code or pack for every article; by default each article's own (its metadata),
        else the one its function words point to.
    options:
        Every threshold of every stage (:class:`~geo.options.ExtractOptions`).
    online:
        Opt-in: an :class:`~geo.online.OnlineFallback` asked for names announced as towns or
        villages that the gazetteer lacks.
    stages:
        The stages to run (default :data:`STAGES`): a study may drop or replace one.
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        language: str | Language | None = None,
        options: ExtractOptions | None = None,
        online: OnlineFallback | None = None,
        stages: tuple[Stage, ...] = STAGES,
    ):
        self.gazetteer = gazetteer or Gazetteer.open()
        self.options = options or ExtractOptions()
        self.language = get_language(language) if isinstance(language, str) else language
        self.stages = stages
        #: Opt-in: names the gazetteer lacks, announced by a settlement cue, asked of a web service.
        self.online = OnlineMatcher(online) if online is not None else None
        limit = self.options.mentions.candidates
        search = lru_cache(maxsize=self.options.search_cache)(lambda name: self.gazetteer.search(name, limit=limit))
        self.context = Context(self.gazetteer, search, self.options, self.online)

    @property
    def warnings(self) -> list[str]:
        """Warnings about the articles read so far (an article in a language with no pack, say)."""
        return self.context.warnings

    def language_of(self, article: Article) -> Language:
        """The language pack an article is read with (see ``language`` in the class docstring)."""
        if self.language is not None:
            return self.language
        code = article.language or detect_language(article.document)
        try:
            return get_language(code)
        except UnknownLanguage:
            if article.document.strip():
                self.context.warnings.append(
                    f"{article.source or article.id}: no language pack for {code!r}; "
                    "places are found but claims are all attributed to the outlet"
                )
            return neutral_language(code)

    def docs(self, article: Article) -> Iterator[Doc]:
        """The article's documents with every layer: one, or for a very long "article" (a dump, a
        transcript) one per part of ``options.part_chars``, each read with its own context, so time
        grows linearly and memory stays bounded when the parts are written as they come."""
        language = self.language_of(article)
        text = _mask_outlet_prefix(article)
        for spans in _parts(sentence_spans(text), self.options.part_chars):
            doc = Doc(article, language, text, tuple(spans))
            with _collector_paused():
                for stage in self.stages:
                    doc = stage(doc, self.context)
            yield doc

    def iter_features(self, article: Article) -> Iterator[list[dict]]:
        """The features of an article part by part (see :meth:`docs`)."""
        for doc in self.docs(article):
            yield features_of(doc)

    def features(self, article: Article) -> list[dict]:
        """Every feature of one article: claims x places, claimant seats, other mentions."""
        return [f for part in self.iter_features(article) for f in part]

    def search(self, name: str) -> list[Match]:
        """The gazetteer's candidates for a name, as the stages see them (cached)."""
        return self.context.search(name)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while one document is read.

    The stages make many short-lived objects (tokens, spans, candidates) and hardly any cycles, so
    the collector's passes, which also walk every long-lived lexicon and gazetteer structure, find
    almost nothing (paused, half as many passes: 3-4 % less CPU time on a corpus of news). What a
    document leaves in cycles is collected after it (memory stays bounded: a very long article is
    read part by part).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _parts(spans: list[tuple[int, int]], limit: int) -> list[list[tuple[int, int]]]:
    parts: list[list[tuple[int, int]]] = [[]]
    size = 0
    for a, b in spans:
        if parts[-1] and size + (b - a) > limit:
            parts.append([])
            size = 0
        parts[-1].append((a, b))
        size += b - a
    return parts if parts[-1] else parts[:-1] or [[]]


def _mask_outlet_prefix(article: Article) -> str:
    """Blank out the outlet's name glued to the first body word ("رابطة علماء أهل السنةأعلنت").

    The site that republished an article often prints its name at the start of the body; it is
    not a speaker. Blanking (not deleting) keeps every offset valid.
    """
    text = article.document
    outlet = (article.outlet or "").strip()
    start = article.body_offset
    if outlet and len(outlet) > 3 and text.startswith(outlet, start):
        text = text[:start] + " " * len(outlet) + text[start + len(outlet) :]
    return text


@lru_cache(maxsize=1)
def _default_extractor() -> Extractor:
    return Extractor()


def extract(
    text: str | Article,
    *,
    published: str | date | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    language: str | None = None,
    article_id: str = "text",
    gazetteer: Gazetteer | None = None,
) -> geopandas.GeoDataFrame:
    """Extract claims and places from an article (its text, title on the first line) as a GeoDataFrame.

    ``published`` (``"2020-10-20"`` or a date) resolves weekday words and "this month".
    """
    if isinstance(text, Article):
        article = text
    else:
        first, _, rest = (text or "").strip().partition("\n")
        when = date.fromisoformat(published) if isinstance(published, str) else published
        article = Article(
            article_id,
            title if title is not None else first.strip(),
            rest.strip() if title is None else (text or "").strip(),
            when,
            language,
            outlet,
            url,
            "<text>",
        )
    extractor = Extractor(gazetteer) if gazetteer is not None else _default_extractor()
    return to_geodataframe(extractor.features(article))
