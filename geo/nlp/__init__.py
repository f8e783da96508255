"""The text toolkit of extraction and its first stages: tokens, word views, the lexicon matcher,
phrase tables, dates, quantities and discourse words, all driven by a language pack.

Stages in other packages (:mod:`geo.recognize`, :mod:`geo.resolve`, :mod:`geo.claims`) use these
tools; nothing here knows of places or claims.
"""

from __future__ import annotations

from .dates import EventDate, date_spans, event_date, find_dates
from .lexicon import Lexicon, lexicon_of
from .quantities import fatalities, find_quantities
from .segment import find_actors, segment
from .segment import find_dates as find_date_spans
from .tokens import is_arabic, sentence_spans, tokenize
from .words import Words

__all__ = [
    "tokenize",
    "sentence_spans",
    "is_arabic",
    "Words",
    "Lexicon",
    "lexicon_of",
    "EventDate",
    "find_dates",
    "event_date",
    "date_spans",
    "find_quantities",
    "fatalities",
    "segment",
    "find_actors",
    "find_date_spans",
]
