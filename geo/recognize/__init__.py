"""Stage: place recognition. Finds every place name of a document (``Doc.mentions``).

Reads the sentences, actors and date spans of the :class:`~geo.model.Doc`: a name never starts
inside an actor's name (other than a country in it) or a date. Where the language pack ships a
learned scorer, every candidate span (:mod:`.candidates`) is scored (:mod:`.features`,
:mod:`.scorer`) and the best non-overlapping ones above the model's threshold are kept; otherwise
the hand rules of :mod:`.mentions` and :mod:`.filters` decide. Each mention carries its candidate
places; :mod:`geo.resolve` chooses among them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy

from gazetteer import detect_script

from ..model import Context, Doc, Mention, Sentence
from ..nlp.lexicon import Lexicon, lexicon_of
from .candidates import Candidate, find_candidates
from .features import FEATURES, anchors, featurize
from .filters import adjectival_nationality, everyday_word_is_place
from .mentions import Rules, find_mentions, notable, settlement_cue, strong_cue
from .scorer import MentionModel, model_of

__all__ = ["find_places", "find_mentions", "find_candidates", "select", "scorer_inputs"]


def find_places(doc: Doc, ctx: Context) -> Doc:
    """Add ``mentions``: the place names of every sentence."""
    options = ctx.options.mentions
    model = (options.model or model_of(doc.language)) if options.scorer else None
    if model is not None:
        return doc.add(mentions=tuple(_learned(doc, ctx, model)))
    return doc.add(mentions=tuple(_by_rules(doc, ctx)))


def _main_country(doc: Doc) -> tuple[str, ...]:
    """The article's main country (at most one code): what an online lookup is biased to."""
    return tuple(code for code, _ in Counter(doc.focus).most_common(1))


def _blocked(sentence: Sentence, actors, dates, lexicon: Lexicon) -> set[int]:
    """Tokens no name may use: inside an actor's name (but a country in it: "وزارة الدفاع
    الأرمينية"), or inside a date."""
    tokens = sentence.tokens
    blocked: set[int] = set()
    for a in actors:
        blocked.update(k for k in range(a.start, a.end) if lexicon.country([tokens[k].norm]) is None)
    for d_start, d_end in dates:
        blocked.update(k for k, t in enumerate(tokens) if t.start < d_end and t.end > d_start)
    return blocked


def _by_rules(doc: Doc, ctx: Context) -> list[Mention]:
    language = doc.language
    lexicon = lexicon_of(language)
    options = ctx.options.mentions
    fallback = None
    if ctx.online is not None:
        countries = _main_country(doc)
        online = ctx.online
        fallback = lambda name: online(name, countries)  # noqa: E731 - biased to the article's main country
    mentions: list[Mention] = []
    for sentence, actors, dates in zip(doc.sentences, doc.actors, doc.dates, strict=True):
        found = find_mentions(
            sentence,
            doc.text,
            language=language,
            gazetteer=ctx.gazetteer,
            lexicon=lexicon,
            search=ctx.search,
            blocked=_blocked(sentence, actors, dates, lexicon),
            options=options,
            fallback=fallback,
        )
        mentions += [m for m in found if not adjectival_nationality(m, sentence.tokens, language, lexicon)]
    return [m for m in mentions if everyday_word_is_place(m, language, options)]


def scorer_inputs(doc: Doc, ctx: Context) -> tuple[list[Candidate], numpy.ndarray]:
    """The candidates of a document and their feature rows: what the learned scorer scores (the
    training script reads the same, so training and use cannot drift apart)."""
    language = doc.language
    lexicon = lexicon_of(language)
    options = ctx.options.mentions
    candidates: list[Candidate] = []
    for sentence, actors, dates in zip(doc.sentences, doc.actors, doc.dates, strict=True):
        candidates += find_candidates(
            sentence,
            doc.text,
            language=language,
            gazetteer=ctx.gazetteer,
            lexicon=lexicon,
            search=ctx.search,
            blocked=_blocked(sentence, actors, dates, lexicon),
            options=options,
        )
    if not candidates:
        return [], numpy.zeros((0, len(FEATURES)), dtype=numpy.float32)
    rules = [_rule_verdicts(c, doc, lexicon, options) for c in candidates]
    x = featurize(
        candidates,
        doc.sentences,
        language=language,
        lexicon=lexicon,
        focus=doc.focus,
        anchored=anchors(candidates),
        rules=rules,
    )
    return candidates, x


def _learned(doc: Doc, ctx: Context, model: MentionModel) -> list[Mention]:
    options = ctx.options.mentions
    candidates, x = scorer_inputs(doc, ctx)
    if not candidates:
        return []
    probabilities = model.probability(x)
    for k, c in enumerate(candidates):
        floor = model.accept * (options.announced_floor_exact if _settled(c) else options.announced_floor)
        if floor <= probabilities[k] < model.accept and _announced(c, options, doc):
            probabilities[k] = model.accept  # evidence the training corpora rarely show: see _announced
        elif not _grounded(c, options):
            probabilities[k] = 0.0
    out = []
    for k in select(candidates, probabilities, model.accept):
        c, p = candidates[k], float(probabilities[k])
        evidence = tuple(model.explain(x[k])) if options.explain else ()
        out.append(_mention(c, score=round(p, 4), evidence=evidence))
    if ctx.online is not None:
        out = sorted(out + _online(doc, ctx, out), key=lambda m: (m.sentence, m.start))
    return out


def _online(doc: Doc, ctx: Context, found: Sequence[Mention]) -> list[Mention]:
    """Names a settlement cue announces that nothing was found at, asked of the online geocoder
    (opt-in), biased to the article's main country."""
    language = doc.language
    lexicon = lexicon_of(language)
    rules = Rules(language, lexicon, ctx.options.mentions)
    countries = _main_country(doc)
    online = ctx.online
    out = []
    for sentence, actors, dates in zip(doc.sentences, doc.actors, doc.dates, strict=True):
        tokens = sentence.tokens
        blocked = _blocked(sentence, actors, dates, lexicon)
        usable = [k not in blocked and t.is_word for k, t in enumerate(tokens)]
        covered = {k for m in found if m.sentence == sentence.index for k in range(m.token_start, m.token_end)}
        for i in range(len(tokens)):
            if not usable[i] or i in covered:
                continue
            cue = lexicon.place_cue_before(sentence.words, i)
            if not settlement_cue(cue):
                continue
            hit = rules.fallback_at(i, tokens, doc.text, usable, lambda name: online(name, countries))
            if hit is not None:
                j, start, name, matches, exact, _ = hit
                out.append(Mention(start, tokens[j - 1].end, name, sentence.index, i, j, cue, tuple(matches), exact))
                covered.update(range(i, j))
    return out


def _announced(c: Candidate, options, doc: Doc) -> bool:
    """A name the text itself announces as a place: after a settlement, "near" or "towards" cue and
    close in sound (قرب قرية تاب قره قويونلو, "near the village of X"), a town's exact name with a
    locative preposition glued on (بترتر), or a place's exact name of several words. War reporting names small places this way; the tweets and newswire the scorer
    learns from rarely do, so the scorer's doubt (down to ``announced_floor`` of its bar) is
    overruled for them."""
    best = c.best
    if best is None:
        return False
    cue = c.cue
    if cue is not None and (settlement_cue(cue) or cue.kind in ("near", "direction")):
        need = options.cue_similarity if c.n_words == 1 else options.cue_similarity_words
        return best.similarity >= need
    first = doc.sentences[c.sentence].tokens[c.i]
    glued = doc.language.has_locative_proclitic(first.text[: c.start - first.start])
    return c.exact and (c.n_words > 1 or (glued and best.place.feature_class == "P"))


def _grounded(c: Candidate, options) -> bool:
    """Whether the candidate's best place is one the name can stand for: an exact name, a settlement,
    "near" or direction cue's announcement, or a spelling close enough (``uncued_similarity``)."""
    cue = c.cue
    announced = cue is not None and (settlement_cue(cue) or cue.kind in ("near", "direction"))
    best = c.best
    if c.exact or announced or best is None or best.similarity >= options.uncued_similarity:
        return True
    # across scripts a close transliteration scores like this (زنغلان ~ Zangilan); within one
    # script it is another name (Tel Al-Sultan ~ Tilston)
    return detect_script(c.reading) != detect_script(best.matched)


def _settled(c: Candidate) -> bool:
    """A settlement word right before a populated place's exact name ("the city of Sirte")."""
    return (
        c.exact
        and c.cue is not None
        and settlement_cue(c.cue)
        and c.best is not None
        and c.best.place.feature_class == "P"
    )


def select(candidates: Sequence[Candidate], probabilities: Sequence[float], accept: float) -> list[int]:
    """Indices of the candidates kept: the most probable first, then the longer, none overlapping
    another kept one, each at least ``accept`` probable; returned in text order."""
    order = sorted(range(len(candidates)), key=lambda k: (-probabilities[k], -candidates[k].n_words, k))
    taken: dict[int, list[tuple[int, int]]] = {}
    kept = []
    for k in order:
        if probabilities[k] < accept:
            break
        c = candidates[k]
        spans = taken.setdefault(c.sentence, [])
        if any(c.i < j and i < c.j for i, j in spans):
            continue
        spans.append((c.i, c.j))
        kept.append(k)
    return sorted(kept, key=lambda k: (candidates[k].sentence, candidates[k].start, candidates[k].end))


def _mention(c: Candidate, **extra) -> Mention:
    return Mention(c.start, c.end, c.reading, c.sentence, c.i, c.j, c.cue, c.matches, c.exact, False, **extra)


def _rule_verdicts(c: Candidate, doc: Doc, lexicon: Lexicon, options) -> tuple[bool, bool, bool]:
    """What the hand rules would say: strong evidence, an everyday word acceptable here, a
    nationality adjective (features for the scorer)."""
    tokens = doc.sentences[c.sentence].tokens
    first = tokens[c.i]
    locative = doc.language.has_locative_proclitic(first.text[: c.start - first.start])
    best = c.best
    strong = c.n_words > 1 or (best is not None and notable(best)) or strong_cue(c.cue) or locative
    m = _mention(c)
    return (
        strong,
        everyday_word_is_place(m, doc.language, options),
        adjectival_nationality(m, tokens, doc.language, lexicon),
    )
