"""The document model: one :class:`Doc` carries an article and every layer the stages add to it.

Extraction is an ordered list of stages (:data:`geo.pipeline.STAGES`). Each stage reads a ``Doc``
and returns a new one with one more layer (``doc.add(mentions=...)``); stages import this module
and the language packs, never each other. Every layer is a frozen value: a stage cannot change
what an earlier one found, only add to it.

Layers, in the order stages add them::

    sentences   Sentence(index, start, end, tokens, words)         nlp: segment
    actors      per sentence, ActorMatch (token indices)            nlp: find_actors
    focus       country code -> how often the article points at it  nlp: find_actors
    dates       per sentence, spans of date expressions             nlp: find_dates
    mentions    Mention: a place name and its candidate places      recognize: find_places
    places      Resolved: a mention and the place chosen for it     resolve: resolve_places
    clauses     Clause: an attributed statement                     claims: attribute
    facts       per clause, EventFacts (event type, counts, date)   claims: describe_events
    roles       per clause, ClauseRoles (claim?, event places, seats) claims: assign_roles
    others      EventPlace of every place that is neither             claims: assign_roles

Offsets are character offsets into ``Doc.text`` (the article's document: title, newline, body),
token indices are into a sentence's ``tokens`` unless said otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, NamedTuple

from gazetteer import Match, Place

from .article import Article

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer import Gazetteer

    from .lang import Language
    from .nlp.words import Words
    from .options import ExtractOptions

__all__ = [
    "Token",
    "Sentence",
    "Actor",
    "ActorMatch",
    "Verb",
    "EventCue",
    "PlaceCue",
    "Mention",
    "Resolved",
    "Claimant",
    "Clause",
    "Quantity",
    "EventFacts",
    "EventPlace",
    "ClauseRoles",
    "Doc",
    "Context",
    "Stage",
    "Stance",
    "SideType",
    "Role",
    "CueKind",
    "PrecisionNote",
    "SETTLEMENT_FEATURES",
]

Stance = Literal["asserts", "denies"]
SideType = Literal["belligerent", "third_party", "media"]
Role = Literal["event", "claimant_seat", "other"]
CueKind = Literal["feature", "in", "near", "direction", "center", "vicinity", "region"]
PrecisionNote = Literal["at", "near", "direction", "region", "country"]

#: Cue features that announce a settlement or an administrative area (not a base, a bridge, a hill).
SETTLEMENT_FEATURES = frozenset(
    {"city", "capital", "town", "village", "region", "province", "district", "country", "camp"}
)


class Token(NamedTuple):
    """A word or punctuation mark: its text, offsets in the source, folded form and its readings.

    ``is_word`` says whether it holds a letter or digit. ``readings`` are the folded form and what
    remains once the language's clitics are peeled, longest first (``(norm,)`` for punctuation).
    A named tuple: sentences make many tokens, and a tuple is quick to make and to read.
    """

    text: str
    start: int
    end: int
    norm: str
    is_word: bool = True
    readings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its span, its tokens and the tokens' word view (for the lexicon matchers)."""

    index: int
    start: int
    end: int
    tokens: tuple[Token, ...]
    words: Words


@dataclass(frozen=True, slots=True)
class Actor:
    """Who can make a claim: an English canonical name (may hold ``{country}`` / ``{actor}``)."""

    canonical: str
    side: str | None  # ISO2, an international or non-state code, "media"; None: from the slot
    side_type: str  # belligerent | third_party | media
    kind: str  # government | ministry | military | president | official | spokesperson | agency ...


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor named in a token sequence (token indices, end exclusive), its slots filled in."""

    start: int
    end: int
    actor: Actor
    side: str | None
    canonical: str


@dataclass(frozen=True, slots=True)
class Verb:
    """A reporting verb: its lemma, the stance it takes and its kind (say, continue, deny, according_to...)."""

    lemma: str
    stance: Stance
    kind: str


@dataclass(frozen=True, slots=True)
class EventCue:
    """Event words in a token sequence and the ACLED-like type they name."""

    start: int
    end: int
    event_type: str
    sub_event_type: str


@dataclass(frozen=True, slots=True)
class PlaceCue:
    """Words before a place name saying what it is or where (مدينة، قرب، "the town of")."""

    start: int
    end: int
    kind: CueKind
    precision: int  # 1 the place itself, 2 near / direction of, 3 region or country
    feature: str | None


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name in the text: where it is, how it was written, which places it may be."""

    start: int
    end: int
    text: str
    sentence: int
    token_start: int
    token_end: int
    cue: PlaceCue | None
    candidates: tuple[Match, ...]
    exact: bool
    #: Found on thin evidence (one word, no announcing cue, not a well-known place): kept only if
    #: it fits the article's geography (hand rules; the learned scorer weighs that itself).
    weak: bool = False
    #: The learned scorer's probability that this is a place name (``None``: found by the hand rules).
    score: float | None = None
    #: The features that decided it, with their contributions to the log-odds (``--explain``).
    evidence: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Resolved:
    """A mention with the place chosen for it, the runners-up and whether a person should check."""

    mention: Mention
    place: Place
    score: float
    alternatives: tuple[Match, ...]
    needs_review: bool


@dataclass(frozen=True, slots=True)
class Claimant:
    """Who makes a claim. ``seat`` is the capital or country mention standing for it, if any."""

    text: str
    canonical: str
    side: str | None
    side_type: str
    kind: str
    seat: Resolved | None = None
    #: Character span of the speaker's name in the text (``None`` for the outlet).
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Clause:
    """One attributed statement: its speaker, its verb and the words and places it covers."""

    index: int
    sentence: int
    start: int
    end: int
    tokens: tuple[Token, ...]
    claimant: Claimant
    verb: str | None
    stance: Stance
    explicit: bool
    places: tuple[Resolved, ...] = ()
    #: The attribution rule that found the speaker (:data:`geo.claims.subjects.RULES`; "outlet": nobody).
    how: str = "outlet"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count found in a clause; ``part`` marks a count within one given before ("including 3 children").

    Offsets are relative to the text the count was found in.
    """

    value: int
    item: str | None
    action: str | None
    qualifier: str | None
    start: int
    end: int
    text: str
    part: bool = False

    def as_dict(self) -> dict:
        """The output form: value, item and action, and the qualifier when there is one."""
        out: dict = {"value": self.value, "item": self.item, "action": self.action}
        if self.qualifier:
            out["qualifier"] = self.qualifier
        return out


@dataclass(frozen=True, slots=True)
class EventFacts:
    """What a clause says happened. ``is_event``: it reports something that happened (or will);
    ``conflict``: that something is violence or its results, not diplomacy."""

    event_type: str | None
    sub_event_type: str | None
    quantities: tuple[Quantity, ...]
    fatalities: int | None
    date: date | None
    time_precision: int | None
    is_event: bool
    conflict: bool


@dataclass(frozen=True, slots=True)
class EventPlace:
    """A place where a clause's event happened, with its ACLED geo-precision and a note for people."""

    place: Resolved
    precision: int
    note: PrecisionNote


@dataclass(frozen=True, slots=True)
class ClauseRoles:
    """What one clause contributes to the output: whether it is a claim (somebody says it, or it
    reports an event), where its event happened, and the places standing for its claimant."""

    claim: bool = False
    events: tuple[EventPlace, ...] = ()
    seats: tuple[EventPlace, ...] = ()
    #: The side type the claim is drawn with (``None``: the claimant's own, from the actor lexicon).
    side_type: str | None = None
    #: The claimant the claim is drawn with when the learned decision chose another than the clause's
    #: (``None``: the clause's own).
    claimant: Claimant | None = None


@dataclass(frozen=True)
class Doc:
    """An article (or a part of a very long one) and the layers found in it so far.

    ``spans`` are the sentence spans this ``Doc`` covers; ``text`` is the whole document (the
    outlet's name glued to the first word masked), so offsets are the article's.
    """

    article: Article
    language: Language
    text: str
    spans: tuple[tuple[int, int], ...]
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[tuple[ActorMatch, ...], ...] = ()
    focus: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    dates: tuple[tuple[tuple[int, int], ...], ...] = ()
    mentions: tuple[Mention, ...] = ()
    places: tuple[Resolved, ...] = ()
    home: str | None = None
    clauses: tuple[Clause, ...] = ()
    facts: tuple[EventFacts, ...] = ()
    roles: tuple[ClauseRoles, ...] = ()
    others: tuple[EventPlace, ...] = ()

    def add(self, **layers) -> Doc:
        """A copy with these layers set (``doc.add(mentions=(...))``)."""
        if "focus" in layers:
            layers["focus"] = MappingProxyType(dict(layers["focus"]))
        return replace(self, **layers)


@dataclass
class Context:
    """What stages need besides the document: the gazetteer, its (cached) search, the options, the
    opt-in online lookup, and a list warnings are added to. One per :class:`~geo.pipeline.Extractor`."""

    gazetteer: Gazetteer
    search: Callable[[str], list[Match]]
    options: ExtractOptions
    online: Callable[[str, tuple[str, ...]], Match | None] | None = None
    warnings: list[str] = field(default_factory=list)


#: A stage: a function from a document and its context to the document with one more layer.
Stage = Callable[[Doc, Context], Doc]
