"""The role of each place in its clause: where the event happened, the claimant's seat, or background.

- A place inside the speaker's name ("وزارة الدفاع بأذربيجان", "أعلنت يريفان") is a claimant seat.
- A place is where the event happened when the clause reports an event (or is somebody's claim)
  and the place is introduced as a location: by a cue (في، قرب، باتجاه، مدينة، "near", "in"),
  or by the locative clitic ب (بواشنطن). Countries need "in" (في أذربيجان), regions a
  preposition before their cue word; "اتهمت أذربيجان أرمينيا" names two parties, not places.
- A denial without places of its own denies the event of the clause before it, in the same place.
- Everything else is background (``other``).

Precision (ACLED's geo-precision): 1 the place itself, 2 near or in the direction of it, 3 a region
or country.
"""

from __future__ import annotations

from collections.abc import Sequence

from gazetteer import fold

from ..lang import Language
from ..model import Clause, ClauseRoles, EventFacts, EventPlace, PrecisionNote, Resolved
from ..nlp.discourse import discourse
from ..nlp.lexicon import Lexicon
from ..nlp.tokens import is_arabic

__all__ = ["place_roles", "precision_of"]

#: Cue kinds that make a place the location of what the clause says.
_LOCATIVE = frozenset({"in", "near", "direction", "center", "vicinity", "feature"})


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


def _after_preposition(r: Resolved, clause: Clause, language: Language) -> bool:
    """A preposition before the name, over "the capital" and nationality words ("على العاصمة اليمنية صنعاء")."""
    targets, capitals = language.words("target_preposition"), language.words("capital_word")
    adjective = tuple(language.words("adjective_suffix"))
    before = [t for t in clause.tokens if t.end <= r.mention.start and t.is_word]
    for t in reversed(before[-4:]):
        if t.norm in targets:
            return True
        if t.norm in capitals or (adjective and t.norm.endswith(adjective)):
            continue
        if t.text[:1].isupper() and not is_arabic(t.text):  # "the Yemeni capital": a capitalised adjective
            continue
        return False
    return False


def _clitic_locative(r: Resolved, text: str, language: Language) -> bool:
    """The mention was written with a locative preposition glued on (بواشنطن, بأذربيجان)."""
    start = r.mention.start
    word_start = start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    return language.has_locative_proclitic(text[word_start:start])


def _preposition_before_cue(r: Resolved, clause: Clause, language: Language) -> bool:
    """A region word introduced as a location: "في إقليم", "داخل إقليم", "بمنطقة", or the cities
    of a region ("ثاني أكبر مدن إقليم قرة باغ")."""
    cue = r.mention.cue
    if cue is None:
        return False
    prepositions, settlements = language.words("locative_preposition"), language.words("settlement_noun")
    words = [t for t in clause.tokens if t.end <= r.mention.start and t.is_word]
    n_cue = cue.end - cue.start
    for t in words[-n_cue - 1 :]:
        if t.norm in prepositions or t.norm in settlements:
            return True
        if t is words[-n_cue] and is_arabic(t.text) and language.has_locative_proclitic(t.norm[:1]):
            return True
    return False


def _attributive(r: Resolved, clause: Clause, language: Language) -> bool:
    """A Latin-script name used as a modifier: "Tripoli-based", and where modifiers stand before their
    noun, a lower-case word after the name: "a Goris press conference", "Grad missiles"."""
    m = r.mention
    if is_arabic(m.text):
        return False
    following = [t for t in clause.tokens if t.start >= m.end]
    if not following:
        return False
    nxt = following[0]
    if nxt.text == "-" or nxt.start == m.end and nxt.text.startswith("-"):
        return True
    if language.adjective_after_noun:
        return False
    words = discourse(language)
    if nxt.norm in words["postcue"]:
        # "the Artsakh town of Hadrut": the place is the one after "of"
        after = following[1] if len(following) > 1 else None
        return after is not None and after.norm == "of"
    return nxt.is_word and nxt.text[:1].islower() and nxt.norm not in words["function"]


def _postcue(r: Resolved, clause: Clause, language: Language) -> bool:
    """A feature word right after the name: "Mingachevir city", "the Khizi district"."""
    following = [t for t in clause.tokens if t.start >= r.mention.end]
    return bool(following) and not is_arabic(r.mention.text) and following[0].norm in discourse(language)["postcue"]


def _described(r: Resolved, clause: Clause, lexicon: Lexicon) -> bool:
    """The place only describes somebody or lies far from the event: "الانفصاليين الأرمن في كارباخ"
    (separatists who are in Karabakh), "بعيدة عن ناغورنو كاراباخ" (far from Karabakh)."""
    words = discourse(lexicon.language)
    before = [t for t in clause.tokens if t.end <= r.mention.start and t.is_word]
    recent = " ".join(t.norm for t in before[-8:])
    if any(phrase in recent for phrase in words["distal"]):
        return True
    cue = r.mention.cue
    if cue is None or cue.kind != "in":
        return False
    n_cue = cue.end - cue.start
    owner = before[-n_cue - 1 : -n_cue] if len(before) > n_cue else []
    if not owner:
        return False
    if owner[0].norm in words["group"]:
        return True
    # "الانفصاليين الأرمن في": a nationality after the group word
    group_before = before[-n_cue - 2] if len(before) > n_cue + 1 else None
    return bool(lexicon.demonym(owner[0].norm)) and group_before is not None and group_before.norm in words["group"]


def _is_locative(r: Resolved, clause: Clause, text: str, lexicon: Lexicon, *, event: bool = False) -> bool:
    """Whether the place is introduced as where something happens (a cue, a glued ب, a town in an
    event clause), not as a party, a modifier or a description."""
    language = lexicon.language
    cue = r.mention.cue
    p = r.place
    if _attributive(r, clause, language):
        return False
    if _described(r, clause, lexicon):
        return False
    if _postcue(r, clause, language) and event:
        return True
    in_cue = cue is not None and cue.kind == "in"
    if cue is None and event and p.feature_class == "P" and p.feature_code != "PPLC":
        return True  # a town in an event clause is where it happened ("Barda was shelled")
    if p.feature_code.startswith("PCL") or p.feature_code == "PPLC":
        # a country or capital without "in" is a party ("تتعهد كييف", "اتهمت أذربيجان أرمينيا"); a
        # capital after a preposition is a target ("ضربات جوية على العاصمة اليمنية صنعاء")
        if in_cue or _clitic_locative(r, text, language):
            return True
        return p.feature_code == "PPLC" and (
            (cue is not None and cue.kind != "in") or (event and _after_preposition(r, clause, language))
        )
    if cue is not None and cue.kind == "region":
        return _preposition_before_cue(r, clause, language) or _clitic_locative(r, text, language)
    if cue is not None and cue.kind in _LOCATIVE:
        return True
    return _clitic_locative(r, text, language)


def place_roles(
    clauses: Sequence[Clause], facts: Sequence[EventFacts], lexicon: Lexicon, *, text: str = ""
) -> tuple[ClauseRoles, ...]:
    """Sort every clause's places into event places and claimant seats (the rest is background);
    one :class:`~geo.model.ClauseRoles` per clause, in order."""
    roles: list[ClauseRoles] = []
    previous: list[EventPlace] = []
    previous_sentence = -1
    previous_kind: str | None = None
    for clause, fact in zip(clauses, facts, strict=True):
        span = clause.claimant.span
        seats = [r for r in clause.places if span and span[0] <= r.mention.start < span[1]]
        if clause.claimant.seat is not None and clause.claimant.seat not in seats:
            seats.append(clause.claimant.seat)
        events: list[EventPlace] = []
        last_precision: int | None = None
        if fact.is_event or clause.explicit:
            last: Resolved | None = None
            for r in sorted(clause.places, key=lambda x: x.mention.start):
                if r in seats:
                    continue
                joined = (
                    last is not None
                    and _joined(last, r, text, lexicon.language)
                    and not r.place.feature_code.startswith("PCL")
                )
                if not (_is_locative(r, clause, text, lexicon, event=fact.is_event) or joined):
                    last = None
                    continue
                if last is not None and not joined and _contains(r, last, text):
                    continue  # "الباب بريف حلب": Aleppo only says where al-Bab is
                inherited = last_precision if (joined or _coordinated(r, clause, lexicon.language)) else None
                precision, note = precision_of(r, inherited)
                events.append(EventPlace(r, precision, note))
                last_precision, last = precision, r
        close = previous and clause.sentence - previous_sentence <= 1
        if not events and close and clause.stance == "denies":
            events = list(previous)  # a denial of the event just reported, in the same place
        elif not events and close and clause.explicit and fact.sub_event_type and fact.sub_event_type == previous_kind:
            events = list(previous)  # more about the same strikes ("الغارات الجوية استهدفت ...")
        if events:
            previous, previous_sentence, previous_kind = events, clause.sentence, fact.sub_event_type
        claim = clause.explicit or bool(events) or fact.is_event
        roles.append(ClauseRoles(claim, tuple(events), tuple(EventPlace(r, *precision_of(r, None)) for r in seats)))
    return tuple(roles)


def _contains(r: Resolved, previous: Resolved, text: str) -> bool:
    """``r`` right after ``previous`` names a larger unit that only locates it ("X بريف Y",
    "X في محيط Y", "X, Y province", "X in the Y region")."""
    if r.mention.start - previous.mention.end > 25:
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
    """``r`` follows ``previous`` joined only by "and" or a comma ("مدينتي ترتر وهوراديز", "Tartar and Barda",
    "the Khizi district and Absheron district")."""
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
        return first.norm[1:] in first.readings  # the conjunction peels off: ومدينة
    return len(words) > n_cue and words[-n_cue - 1].norm in language.words("conjunction")
