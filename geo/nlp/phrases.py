"""Phrase tables: folded phrases mapped to values, matched at a word of a :class:`~geo.nlp.words.Words`
view in each reading of its first word (dates, number words and quantities read their tables so).

>>> from geo.lang import get_language
>>> ar = get_language("ar")
>>> table = PhraseTable([("يوم الجمعة", "friday"), ("الجمعة", "friday?")])
>>> table.match(["واليوم", "x"], 0, ar.readings) is None, table.match(["يوم", "الجمعه"], 0, ar.readings).value
(True, 'friday')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from gazetteer import fold

__all__ = ["Match", "PhraseTable"]


class Match(NamedTuple):
    end: int  # index of the first word after the phrase
    value: Any
    reading: str  # the reading of the first word that matched


class PhraseTable:
    """Phrases of one or more folded words mapped to values; the longest phrase at a word wins."""

    def __init__(self, entries: Iterable[tuple[str, Any]]):
        self._first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        for form, value in entries:
            parts = (fold(form) or form).split()  # fold("%") is empty: keep punctuation as is
            if parts:
                self._first.setdefault(parts[0], []).append((tuple(parts[1:]), value))
        for alternatives in self._first.values():
            alternatives.sort(key=lambda alt: -len(alt[0]))
        # per reader, per folded word: the (reading, phrases) pairs it may begin (most words: none)
        self._starts: dict[Callable, dict[str, tuple]] = {}

    def forget(self) -> None:
        """Forget which words begin which phrases (see :meth:`geo.lang.Language.forget`)."""
        self._starts.clear()

    def match(self, norms: Sequence[str], i: int, readings_of: Callable[[str], Sequence[str]]) -> Match | None:
        """The longest phrase starting at word ``i``; the first word is tried in each reading."""
        if not 0 <= i < len(norms):
            return None
        starts = self._starts.get(readings_of)
        if starts is None:
            starts = self._starts[readings_of] = {}
        norm = norms[i]
        found = starts.get(norm)
        if found is None:
            if len(starts) > 200_000:
                starts.clear()
            found = starts[norm] = tuple((r, self._first[r]) for r in readings_of(norm) if r in self._first)
        for reading, alternatives in found:
            for rest, value in alternatives:
                if not rest or tuple(norms[i + 1 : i + 1 + len(rest)]) == rest:
                    return Match(i + 1 + len(rest), value, reading)
        return None
