"""What a clause says happened: event type, quantities, fatalities and date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .claims import Clause
from .dates import event_date
from .lexicon import Lexicon
from .quantities import Quantity, fatalities, find_quantities

__all__ = ["EventFacts", "event_facts"]

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


@dataclass(frozen=True, slots=True)
class EventFacts:
    """The facts of one clause. ``is_event``: it reports something that happened (or will);
    ``conflict``: that something is violence or its results, not diplomacy."""

    event_type: str | None
    sub_event_type: str | None
    quantities: tuple[Quantity, ...]
    fatalities: int | None
    date: date | None
    time_precision: int | None
    is_event: bool
    conflict: bool


def event_facts(clause: Clause, *, text: str, lexicon: Lexicon, lang: str, published: date | None) -> EventFacts:
    """Event type, quantities, fatalities and date of a clause (dates relative to ``published``)."""
    sentence = text[clause.start : clause.end]
    quantities = tuple(find_quantities(sentence, lang=lang))
    cues = lexicon.events_in(clause.tokens)
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
    when = event_date(sentence, published, lang=lang)
    day, precision = (when.date, when.precision) if when else (published, 2 if published else None)
    is_event = event_type is not None
    return EventFacts(
        event_type,
        sub_type,
        quantities,
        fatalities(list(quantities)),
        day,
        precision,
        is_event,
        is_event and sub_type not in _NOT_CONFLICT,
    )


def _rank(event_type: str) -> int:
    return _PRIORITY.index(event_type) if event_type in _PRIORITY else len(_PRIORITY)
