"""Run the extraction stages on a small text up to a named one, so a test can look at one layer.

>>> doc = doc_until("find_places", "Shelling hit Ganja.", lang="en", gazetteer=gz)  # doctest: +SKIP
>>> [m.text for m in doc.mentions]                                                   # doctest: +SKIP
['Ganja']

Stages are named by their function's name in :data:`geo.pipeline.STAGES` (``segment``,
``find_actors``, ``find_dates``, ``find_places``, ``resolve_places``, ``attribute_claims``,
``describe_events``, ``assign_roles``); ``find_date_spans`` (its export name) is accepted too.
"""

from __future__ import annotations

from datetime import date

from gazetteer import Gazetteer, Match, Place
from geo.article import Article
from geo.lang import get_language
from geo.model import Context, Doc, Mention, PlaceCue, Resolved
from geo.nlp import sentence_spans
from geo.options import ExtractOptions, MentionOptions
from geo.pipeline import STAGES, Extractor

#: Options with the learned scorer off: for tests of the hand rules (the fallback of a pack without a model).
RULES = ExtractOptions(mentions=MentionOptions(scorer=False))

__all__ = [
    "RULES",
    "STAGE_NAMES",
    "article",
    "new_doc",
    "context",
    "doc_until",
    "place",
    "match",
    "mention",
    "resolved",
]

#: The stages' names, in order.
STAGE_NAMES: tuple[str, ...] = tuple(s.__name__ for s in STAGES)
_ALIASES = {"find_date_spans": "find_dates"}
_EXTRACTORS: dict[tuple[int, ExtractOptions], Extractor] = {}


def article(
    text: str,
    *,
    lang: str = "en",
    published: date | None = None,
    outlet: str | None = None,
    title: str = "",
) -> Article:
    """An article whose body is ``text`` (offsets into ``text`` are the document's when no title)."""
    return Article("t", title, text, published, lang, outlet, None, "<test>")


def new_doc(text: str, **kw) -> Doc:
    """A :class:`~geo.model.Doc` with no layer yet, as :meth:`geo.pipeline.Extractor.docs` makes one."""
    a = article(text, **kw)
    document = a.document
    return Doc(a, get_language(a.language), document, tuple(sentence_spans(document)))


def context(gazetteer: Gazetteer, options: ExtractOptions | None = None) -> Context:
    """The context of an :class:`~geo.pipeline.Extractor` on ``gazetteer`` (one per gazetteer and options,
    so the cached search is shared across tests)."""
    options = options or ExtractOptions()
    key = (id(gazetteer), options)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(gazetteer, options=options)
    return _EXTRACTORS[key].context


def doc_until(
    stage: str,
    text: str,
    *,
    gazetteer: Gazetteer,
    lang: str = "en",
    published: date | None = None,
    outlet: str | None = None,
    title: str = "",
    options: ExtractOptions | None = None,
) -> Doc:
    """The document of ``text`` after the stages up to and including ``stage``.

    Place recognition runs its hand rules unless ``options`` say otherwise (:data:`RULES`): a test of
    a later stage reads fixed, explainable mentions, not the learned scorer's (tested on its own).
    """
    options = RULES if options is None else options
    name = _ALIASES.get(stage, stage)
    if name not in STAGE_NAMES:
        raise ValueError(f"no stage {stage!r}; stages: {', '.join(STAGE_NAMES)}")
    ctx = context(gazetteer, options)
    doc = new_doc(text, lang=lang, published=published, outlet=outlet, title=title)
    for s in STAGES[: STAGE_NAMES.index(name) + 1]:
        doc = s(doc, ctx)
    return doc


# -- hand-made places and candidates (for the rules that read only them) ---------------------------


def place(
    id: int,
    name: str,
    lat: float,
    lon: float,
    country: str = "",
    code: str = "PPL",
    *,
    population: int = 0,
    feature_class: str | None = None,
) -> Place:
    """A gazetteer place; the feature class follows the code (A for ADM and PCL, P for PPL, L for RGN)."""
    if feature_class is None:
        feature_class = "A" if code.startswith(("ADM", "PCL")) else ("L" if code == "RGN" else "P")
    return Place(id, name, lat, lon, country, "", feature_class, code, population)


def match(p: Place, similarity: float = 1.05, prior: float = 0.1) -> Match:
    """A search result for ``p`` (similarity above 1 is an exact spelling)."""
    return Match(p, similarity + prior, p.name, similarity, prior)


def mention(
    text: str,
    candidates: tuple[Match, ...] | list[Match],
    *,
    start: int = 0,
    sentence: int = 0,
    cue: PlaceCue | None = None,
    weak: bool = False,
    exact: bool = True,
) -> Mention:
    """A mention of ``text`` at ``start`` with these candidates (one token per word)."""
    words = len(text.split())
    return Mention(start, start + len(text), text, sentence, 0, words, cue, tuple(candidates), exact, weak)


def resolved(m: Mention, p: Place | None = None, *, review: bool = False) -> Resolved:
    """A mention resolved to ``p`` (default: its first candidate's place)."""
    chosen = p or m.candidates[0].place
    return Resolved(m, chosen, 1.0, (), review)
