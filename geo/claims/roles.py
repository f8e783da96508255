"""The role of each place in its clause: where the event happened, the claimant's seat, or background.

Rules, in the order they decide (the tests of one mention are in :mod:`.places`):

- a place inside the speaker's name is the claimant's seat ("وزارة الدفاع بأذربيجان", "أعلنت
  يريفان"); inside the name of people on the ground, an international body or an outlet ("مصدر
  محلي في طرابلس", "the UN mission in X") it is background;
- a dateline, a reference point of a distance or direction, a venue of the speech or of talks, a
  place that only describes somebody, an attributive name: background;
- a place introduced as a location (:func:`.places.is_locative`) in a clause that reports an event
  or is somebody's claim is where the event happened, and so are places coordinated with it ("X
  and Y"); a larger unit that contains an event place of the clause only locates it ("الباب بريف
  حلب", "Bakhmut ... in northern Donetsk");
- a denial without places of its own takes those of what it denies: the allegation it names right
  after it ("denied Baku's allegations that its forces took X"), else the clause just before; a
  clause about violence that refers back to the event just reported ("the strike", "القصف": a
  definite noun of the same event type) takes its places. Nothing else inherits a place: a popup
  never shows a sentence under a place it does not name, but for these two.

Precision (ACLED's geo-precision): 1 the place itself, 2 near or in the direction of it, 3 a region
or country.
"""

from __future__ import annotations

from collections.abc import Sequence

from gazetteer import fold
from gazetteer.geometry import distance_km

from ..lang import Language
from ..model import Clause, ClauseRoles, EventFacts, EventPlace, PrecisionNote, Resolved
from ..nlp.discourse import discourse
from ..nlp.lexicon import Lexicon
from ..nlp.words import Words
from .places import in_aside, is_dateline, is_locative, is_reference_point, is_venue
from .sides import LOCAL_KINDS, MEDIA_KINDS, THIRD_PARTY_KINDS

__all__ = ["place_roles", "precision_of", "event_places", "refers_back"]


def precision_of(r: Resolved, inherited: int | None) -> tuple[int, PrecisionNote]:
    """ACLED geo-precision of a place in its mention's context, with a note for people."""
    p = r.place
    if p.feature_code.startswith("PCL"):
        return 3, "country"
    cue = r.mention.cue
    if (
        p.feature_class == "A"
        or p.feature_code in ("RGN", "ADM1", "ADM2")
        or (cue is not None and cue.kind == "region")
    ):
        return 3, "region"
    if cue is not None and cue.kind == "near":
        return 2, "near"
    if cue is not None and cue.kind == "direction":
        return 2, "direction"
    if cue is not None and cue.kind == "vicinity":
        return 2, "near"
    if inherited == 2:
        return 2, "near"
    return 1, "at"


def _seats(clause: Clause) -> list[Resolved]:
    """Places inside the speaker's name (not inside the description of people on the ground)."""
    span = clause.claimant.span
    if clause.claimant.kind in LOCAL_KINDS | THIRD_PARTY_KINDS | MEDIA_KINDS:
        return []  # people on the ground, international bodies and the press stand for no state
    seats = [r for r in clause.places if span and span[0] <= r.mention.start < span[1]]
    if clause.claimant.seat is not None and clause.claimant.seat not in seats:
        seats.append(clause.claimant.seat)
    return seats


def _in_speaker(r: Resolved, clause: Clause) -> bool:
    span = clause.claimant.span
    return span is not None and span[0] <= r.mention.start < span[1]


def event_places(
    clause: Clause, fact: EventFacts, lexicon: Lexicon, text: str, seats: Sequence[Resolved]
) -> list[EventPlace]:
    """The places a clause says its event happened at (its own, nothing inherited)."""
    if not (fact.is_event or clause.explicit):
        return []
    language = lexicon.language
    diplomacy = fact.is_event and not fact.conflict
    events: list[EventPlace] = []
    last: Resolved | None = None
    last_precision: int | None = None
    for r in sorted(clause.places, key=lambda x: x.mention.start):
        if r in seats or _in_speaker(r, clause) or is_dateline(r, text) or in_aside(r, clause, lexicon):
            last = None
            continue
        joined = last is not None and _joined(last, r, text, language) and not r.place.feature_code.startswith("PCL")
        if not (joined or is_locative(r, clause, text, lexicon, event=fact.is_event)):
            last = None
            continue
        if not fact.is_event and _area(r):
            last = None
            continue  # "units in Azerbaijan's cities are targets": a country or region hosts only an event
        accepted = [e.place for e in events]
        if is_reference_point(r, clause, lexicon, accepted) or is_venue(r, clause, lexicon, diplomacy):
            last = None
            continue
        if last is not None and not joined and _right_after_contains(r, last, text, language):
            continue  # "الباب بريف حلب": Aleppo only says where al-Bab is
        conjoined = _conjoined(r, clause, text, language)
        if not conjoined and any(_contains(r, e, _region_named(r, clause, language)) for e in accepted):
            continue  # "Bakhmut ... in northern Donetsk", "Tartar, Azerbaijan", "X, in the Y region"
        inherited = last_precision if (joined or _coordinated(r, clause, language)) else None
        precision, note = precision_of(r, inherited)
        events.append(EventPlace(r, precision, note))
        last_precision, last = precision, r
    return events


def refers_back(clause: Clause, lexicon: Lexicon, event_type: str | None) -> bool:
    """The clause's speaker names an event of ``event_type`` as one already reported: a definite
    event noun ("the strike", "القصف", "هذا الهجوم") in what the speaker says (after the reporting
    verb), not in the framing before it."""
    w = Words(clause.tokens)
    determiners = lexicon.language.words("determiner")
    verb = next(
        (k for k, t in enumerate(clause.tokens) if t.is_word and (v := lexicon.verb(t)) and v.kind != "according_to"),
        -1,
    )
    span = clause.claimant.span
    # what the speaker says: after the verb, or anywhere but the name when the speaker comes first
    # ("The strike also damaged a school, the army said")
    speaker_first = span is not None and verb >= 0 and span[1] <= clause.tokens[verb].start
    for cue in lexicon.events_in(w):
        if event_type is None or cue.event_type != event_type:
            continue
        if cue.start < verb and not (speaker_first and clause.tokens[cue.start].end <= span[0]):
            continue
        first = clause.tokens[cue.start]
        before = [t for t in clause.tokens[: cue.start] if t.is_word]
        if lexicon.language.is_definite(first.norm) or (before and before[-1].norm in determiners):
            return True
    return False


def _is_allegation(clause: Clause, lexicon: Lexicon) -> bool:
    return any(t.is_word and (v := lexicon.verb(t)) is not None and v.kind == "allegation" for t in clause.tokens)


def place_roles(
    clauses: Sequence[Clause], facts: Sequence[EventFacts], lexicon: Lexicon, *, text: str = ""
) -> tuple[ClauseRoles, ...]:
    """Sort every clause's places into event places and claimant seats (the rest is background);
    one :class:`~geo.model.ClauseRoles` per clause, in order."""
    seats = [_seats(c) for c in clauses]
    own = [event_places(c, f, lexicon, text, s) for c, f, s in zip(clauses, facts, seats, strict=True)]
    roles: list[ClauseRoles] = []
    previous: list[EventPlace] = []
    previous_sentence = -1
    previous_type: str | None = None
    for k, (clause, fact) in enumerate(zip(clauses, facts, strict=True)):
        events = own[k]
        close = bool(previous) and clause.sentence - previous_sentence <= 1
        if not events and clause.explicit and clause.stance == "denies":
            denied = next(
                (
                    own[j]
                    for j in range(k + 1, len(clauses))
                    if clauses[j].sentence == clause.sentence and own[j] and _is_allegation(clauses[j], lexicon)
                ),
                None,
            )
            if denied:
                events = list(denied)  # "denied Baku's allegations that its forces took X"
            elif close:
                events = list(previous)  # a denial of the event just reported, in the same place
        elif not events and clause.explicit and close and fact.conflict and refers_back(clause, lexicon, previous_type):
            events = list(previous)  # more about the same violence ("the strike killed ...", "القصف")
        if events:
            previous, previous_sentence = events, clause.sentence
            previous_type = fact.event_type if own[k] else previous_type
        claim = clause.explicit or bool(events) or fact.is_event
        roles.append(ClauseRoles(claim, tuple(events), tuple(EventPlace(r, *precision_of(r, None)) for r in seats[k])))
    return tuple(roles)


def _area(r: Resolved) -> bool:
    p = r.place
    return p.feature_class == "A" or p.feature_code in ("RGN", "ADM1", "ADM2") or p.feature_code.startswith("PCL")


def _region_named(r: Resolved, clause: Clause, language: Language) -> bool:
    """A region word follows the name ("the Donetsk region", "Saladin province"): the name is the
    region's, whatever place the gazetteer chose for it."""
    following = [t for t in clause.tokens if t.start >= r.mention.end and t.is_word][:1]
    postcue = discourse(language)["postcue"]
    return bool(following) and postcue.get(following[0].norm) == "3"


def _contains(r: Resolved, e: Resolved, named_region: bool = False) -> bool:
    """``r`` is a country or region that contains the event place ``e`` (same country, and the same
    admin-1 division for a province, or a place named as a region; within its radius for a region)."""
    p, q = r.place, e.place
    if named_region and p.country_code == q.country_code and p.admin1 and p.admin1 == q.admin1:
        return not _area(e)
    if p.feature_code == "RGN" and p.radius_km and not q.feature_code.startswith("PCL"):
        # a region across borders ("the South Caucasus") holds the places within its radius
        return distance_km(p.lat, p.lon, q.lat, q.lon) <= p.radius_km
    if not _area(r) or _area(e) and not p.feature_code.startswith("PCL") or p.country_code != q.country_code:
        return False
    if p.feature_code.startswith("PCL"):
        return bool(p.country_code)
    if p.feature_code == "ADM1" or p.feature_class == "A":
        return bool(p.admin1) and p.admin1 == q.admin1
    if p.radius_km:
        return distance_km(p.lat, p.lon, q.lat, q.lon) <= p.radius_km
    return False


def _conjoined(r: Resolved, clause: Clause, text: str, language: Language) -> bool:
    """A conjunction joins the mention to what comes before ("X وبالخرطوم", "X and in Y"): a second
    place of the event, not a unit that locates the first."""
    word_start = r.mention.start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    glued = text[word_start : r.mention.start]
    if glued[:1] and glued[:1] in language.conjunction_proclitics:
        return True
    before = [t for t in clause.tokens if t.end <= word_start and t.is_word][-2:]
    return any(t.norm in language.words("conjunction") for t in before)


def _right_after_contains(r: Resolved, previous: Resolved, text: str, language: Language) -> bool:
    """``r`` right after ``previous`` names a larger unit that only locates it ("X بريف Y", "X, Y
    province", "X in the Y region"); not when a conjunction joins them ("X وبالخرطوم": and in Y)."""
    if r.mention.start - previous.mention.end > 25:
        return False
    word_start = r.mention.start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    glued = text[word_start : r.mention.start]
    between = [fold(w) for w in text[previous.mention.end : word_start].split()]
    if glued[:1] and glued[:1] in language.conjunction_proclitics or set(between) & language.words("conjunction"):
        return False
    cue = r.mention.cue
    if cue is not None and cue.kind in ("near", "direction", "feature", "center"):
        return False
    bigger = (
        r.place.feature_class == "A"
        or r.place.feature_code in ("RGN", "PPLA", "PPLC")
        or (r.place.population > 5 * max(previous.place.population, 1))
    )
    return bigger and previous.place.feature_class == "P"


def _joined(previous: Resolved, r: Resolved, text: str, language: Language) -> bool:
    """``r`` follows ``previous`` joined only by "and" or a comma ("مدينتي ترتر وهوراديز", "Tartar and
    Barda", "the Khizi district and Absheron district")."""
    between = text[previous.mention.end : r.mention.start]
    if len(between) >= 24:
        return False
    allowed = language.words("place_joiner") | set(discourse(language)["postcue"])
    return all(fold(w) in allowed for w in between.replace("،", " ").replace(",", " ").split())


def _coordinated(r: Resolved, clause: Clause, language: Language) -> bool:
    """The mention's cue word carries a conjunction ("ومدينة غنجة", "and the town of")."""
    cue = r.mention.cue
    if cue is None or cue.kind != "feature":
        return False
    words = [t for t in clause.tokens if t.end <= r.mention.start and t.is_word]
    n_cue = cue.end - cue.start
    if len(words) < n_cue:
        return False
    first = words[-n_cue]
    if language.conjunction_proclitics and first.norm[:1] in language.conjunction_proclitics:
        return first.norm[1:] in first.readings
    return len(words) > n_cue and words[-n_cue - 1].norm in language.words("conjunction")
