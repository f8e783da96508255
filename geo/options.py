"""The tunables of extraction, in one documented object: :class:`ExtractOptions`.

Every threshold a stage reads lives here (not in the stage's code), grouped by stage, with the
defaults the project is measured with. Options are frozen: make a variant with
:func:`dataclasses.replace`.

>>> from dataclasses import replace
>>> opts = ExtractOptions()
>>> opts.mentions.cue_similarity, opts.resolve.review_margin
(0.86, 0.04)
>>> replace(opts, mentions=replace(opts.mentions, max_words=3)).mentions.max_words
3
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ExtractOptions", "MentionOptions", "ResolveOptions", "ClaimOptions"]


@dataclass(frozen=True, slots=True)
class MentionOptions:
    """Place recognition. Similarities are :meth:`gazetteer.Gazetteer.similarities`' (exact > 1)."""

    #: The longest word sequence read as one place name.
    max_words: int = 5
    #: A cue before a one-word sequence lets it in when its best name similarity reaches this.
    cue_similarity: float = 0.86
    #: The same for sequences of several words (less likely to match by accident).
    cue_similarity_words: float = 0.80
    #: A capitalised Latin-script sequence without cue needs this similarity (exact spellings pass anyway).
    capitalised_similarity: float = 0.93
    #: Candidate places kept per mention.
    candidates: int = 8
    #: Use the language pack's learned scorer (``mention_model.npz``) where it ships one; off, or
    #: for a pack without one, the hand rules below decide.
    scorer: bool = True
    #: Keep the features that decided each mention (``Mention.evidence``, ``--explain``).
    explain: bool = False
    #: A name the text announces as a place (see ``geo.recognize._announced``) is kept when the
    #: scorer gives it at least this share of its acceptance bar.
    announced_floor: float = 0.5
    #: The same share when a settlement word announces a populated place's exact name
    #: (في محيط مدينة ترهونة, "the town of X"): the strongest announcement the text can make.
    announced_floor_exact: float = 0.25
    #: A fuzzy candidate for the scorer needs at least this name similarity.
    candidate_similarity: float = 0.75
    #: The longest word sequence searched for by sound unless a settlement, "near" or direction cue
    #: announces it (قرب قرية ...; exact spellings and announced names may run to ``max_words``):
    #: of 115 candidates of three words or more that no place spells so (Arabic and English news
    #: corpora), the scorer kept one, and their searches took a third of the time of all searches.
    fuzzy_max_words: int = 2
    #: A capitalised Latin-script sequence with no cue before it is searched for by sound only when
    #: none of its words is this frequent (Zipf): a frequent word is spelled as its writer meant, so
    #: when no place is spelled so it is a name or a sentence's first word, not a misspelt place.
    uncued_fuzzy_zipf: float = 3.0
    #: A name the gazetteer knows only by sound, with no place cue before it, is kept by the scorer
    #: only at this similarity: the span may well be a place, but a point at a look-alike
    #: (Mitiga -> Matagalpa) misleads a map more than no point does.
    uncued_similarity: float = 0.93
    #: A scorer to use instead of the pack's (a :class:`geo.recognize.scorer.MentionModel`; the
    #: cross-validation benchmark passes models trained without the article being scored).
    model: object | None = field(default=None, compare=False, repr=False)
    #: Above this Zipf frequency a single word is an everyday word (العاصمة، التحالف، "Reading"): a
    #: place only when a settlement cue announces it or it names a well-known place.
    everyday_zipf: float = 4.0
    #: Above this, only a country, a capital or a city of 100,000 passes.
    very_common_zipf: float = 5.0


@dataclass(frozen=True, slots=True)
class ResolveOptions:
    """Resolution in context: which candidate each mention means."""

    #: Weight of the share of the article's country focus a candidate's country has.
    country_weight: float = 0.08
    #: Weight of closeness to the article's centre, ``exp(-km / near_scale_km)``.
    near_weight: float = 0.12
    near_scale_km: float = 500.0
    #: A mention is confident (and sets the centre and focus) when its best raw score leads by this.
    confident_margin: float = 0.08
    #: A weakly evidenced mention is kept only if a candidate lies this close to the article's
    #: centre, in a country the article is about.
    weak_radius_km: float = 1500.0
    #: A lead smaller than this over a runner-up elsewhere marks the mention ``needs_review``.
    review_margin: float = 0.04
    #: Candidates closer than this are the same place (not rivals).
    same_place_km: float = 25.0
    #: Rank candidates with the learned ranker (``geo/resolve/data/resolve_model.npz``, see
    #: ``geo.resolve.ranker``); off, or without a shipped model, the hand weights above decide.
    #: ``review_margin`` is then the ranker's own (in log-odds, chosen when it was trained). Off by
    #: default: cross-validated it gains 0-1.5 points of acc@161 on the public corpora but loses on
    #: the Arabic dev articles and resolves the seed's Martuni to Armenia (benchmarks/bench_resolve.py).
    learned: bool = False
    #: A ranker to use instead of the shipped one (a :class:`geo.resolve.ranker.Ranker`; the
    #: cross-validation benchmark passes models trained without the article being resolved).
    model: object | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ClaimOptions:
    """Claim attribution (``geo.claims``)."""

    #: Let the learned decision over (speaker, clause) pairs choose who a placed claim belongs to where
    #: the rules leave a choice (``geo/claims/learned.py``); off: the rules' speaker always.
    learned: bool = True
    #: The model to decide with: ``None`` for the shipped weights (``geo/claims/data/attribution.json``),
    #: else a :class:`geo.claims.learned.Model` (a benchmark's leave-one-article-out folds).
    model: object | None = field(default=None, compare=False, repr=False)
    #: A candidate replaces the rules' speaker only when its score beats the rules' by this margin.
    margin: float = 0.0
    #: The last speaker is a candidate for an unattributed clause this many sentences later at most.
    carry_sentences: int = 2


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Everything :class:`~geo.pipeline.Extractor` can be tuned by."""

    mentions: MentionOptions = field(default_factory=MentionOptions)
    resolve: ResolveOptions = field(default_factory=ResolveOptions)
    claims: ClaimOptions = field(default_factory=ClaimOptions)
    #: A longer text (a dump, a transcript) is read in parts of about this many characters (about a
    #: hundred news articles), each with its own context: time grows linearly, memory stays bounded.
    part_chars: int = 150_000
    #: Gazetteer search results remembered per extractor (names repeat across articles).
    search_cache: int = 65536
