"""What a clause says happened: event type, quantities, fatalities and date."""

from __future__ import annotations

from datetime import date

from ..model import Clause, EventFacts
from ..nlp.dates import event_date
from ..nlp.lexicon import Lexicon
from ..nlp.quantities import fatalities, find_quantities
from ..nlp.words import Words

__all__ = ["event_facts"]

# When a clause holds several event words, the most specific kind of violence names the event.
_PRIORITY = (
    "Violence against civilians",
    "Explosions/Remote violence",
    "Battles",
    "Strategic developments",
    "Riots",
    "Protests",
    "Casualty report",
)
_NOT_CONFLICT = frozenset({"Agreement", "Diplomacy"})
_FROM_ACTION = {
    "destroyed": ("Strategic developments", "Equipment destroyed"),
    "captured": ("Strategic developments", "Equipment captured"),
    "downed": ("Strategic developments", "Aircraft or drone downed"),
    "killed": ("Casualty report", "Fatalities"),
    "wounded": ("Casualty report", "Injuries"),
}


def event_facts(
    clause: Clause, *, text: str, lexicon: Lexicon, published: date | None, words: Words | None = None
) -> EventFacts:
    """Event type, quantities, fatalities and date of a clause (dates relative to ``published``).

    ``words`` may give the clause's word view (its sentence's, when the clause is the whole sentence).
    """
    language = lexicon.language
    sentence = text[clause.start : clause.end]
    words = words or Words(clause.tokens, base=clause.start)
    quantities = tuple(find_quantities(sentence, language=language, words=words))
    cues = lexicon.events_in(words)
    event_type = sub_type = None
    if cues:
        best = min(cues, key=lambda c: (_rank(c.event_type), c.start))
        event_type, sub_type = best.event_type, best.sub_event_type
    if event_type is None or sub_type == "Armed clash":
        # a toll ("حصيلة قتلى الهجمات ارتفعت إلى 60") is a casualty report, not a battle
        for q in quantities:
            if q.action in _FROM_ACTION and (event_type is None or q.action in ("killed", "wounded")):
                event_type, sub_type = _FROM_ACTION[q.action]
                break
    when = event_date(sentence, published, language=language, words=words)
    day, precision = (when.date, when.precision) if when else (published, 2 if published else None)
    is_event = event_type is not None
    return EventFacts(
        event_type,
        sub_type,
        quantities,
        fatalities(quantities, language),
        day,
        precision,
        is_event,
        is_event and sub_type not in _NOT_CONFLICT,
    )


def _rank(event_type: str) -> int:
    return _PRIORITY.index(event_type) if event_type in _PRIORITY else len(_PRIORITY)
