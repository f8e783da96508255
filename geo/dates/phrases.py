"""Words and phrase tables: the lookup helpers that date and quantity finding share.

A sentence is read as :class:`Word` s (a token, or one word of a token that folds to several); a
:class:`PhraseTable` maps phrases of folded words to values and finds the longest one at a word, its
first word tried in each of its readings (clitics peeled: الثلاثاء and والثلاثاء alike).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from gazetteer import fold

from ..text import is_arabic, stem_tuple, tokenize

__all__ = ["Word", "words", "readings", "reading_tuple", "Match", "PhraseTable", "read_table"]


class Word(NamedTuple):
    """A token, or one word of a token whose folded form has several ("F-16" gives "f" and "16").

    ``whole`` is false for such pieces; a number written inside a name ("S-300") is never a count.
    """

    text: str
    norm: str
    start: int
    end: int
    whole: bool = True


_NUMERIC = re.compile(r"[\d,.٬٫]+")
_NUMBER_RANGE = re.compile(r"\d+(?:[-–]\d+)+")
_RANGE_PARTS = re.compile(r"\d+|\D")


def words(sentence: str) -> tuple[Word, ...]:
    """The words of ``sentence``; numbers keep their separators in ``norm`` ("1,000"), "10-12" is split."""
    return _words(sentence)


@lru_cache(maxsize=1024)
def _words(sentence: str) -> tuple[Word, ...]:
    # memoised: a clause is read for its dates, then its quantities, which read its dates again
    out = []
    for t in tokenize(sentence):
        parts = t.norm.split()
        if _NUMERIC.fullmatch(t.text):
            out.append(Word(t.text, t.text, t.start, t.end))
        elif _NUMBER_RANGE.fullmatch(t.text):  # "10-12": two numbers and a dash
            for m in _RANGE_PARTS.finditer(t.text):
                out.append(Word(m.group(), m.group(), t.start + m.start(), t.start + m.end()))
        elif len(parts) <= 1:
            out.append(Word(t.text, t.norm, t.start, t.end))
        else:
            out.extend(Word(t.text, p, t.start, t.end, False) for p in parts)
    return tuple(out)


def readings(norm: str, peel: str = "all") -> list[str]:
    """The ways to read a folded word for lookup, longest first.

    ``peel="all"`` peels Arabic proclitics and ال (:func:`geo.text.stems`), ``"conj"`` only a leading
    و or ف, ``"none"`` nothing. English possessives lose their 's ("Tuesday's").
    """
    return list(reading_tuple(norm, peel))


@lru_cache(maxsize=65536)
def reading_tuple(norm: str, peel: str = "all") -> tuple[str, ...]:
    """:func:`readings` as a shared (memoised) tuple, for lookups."""
    if is_arabic(norm):
        if peel == "all":
            return stem_tuple(norm)
        if peel == "conj" and len(norm) > 2 and norm[0] in "وف":
            return (norm, norm[1:])
        return (norm,)
    if norm.endswith(("'s", "’s")):
        return (norm, norm[:-2])
    return (norm,)


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

    def match(
        self, norms: Sequence[str], i: int, readings_of: Callable[[str], Sequence[str]] = reading_tuple
    ) -> Match | None:
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


def read_table(name: str, lang: str | None = None) -> list[list[str]]:
    """Rows of ``geo/data/NAME`` (tab-separated, ``#`` comments); with ``lang``, its rows and ``*`` rows.

    A language other than ar/en gets every row (best effort).
    """
    text = resources.files("geo").joinpath("data", name).read_text("utf-8")
    rows = [[c.strip() for c in line.split("\t")] for line in text.splitlines()]
    rows = [r for r in rows if r[0] and not r[0].startswith("#")]
    if lang in ("ar", "en"):
        rows = [r for r in rows if r[0] in (lang, "*")]
    return rows
