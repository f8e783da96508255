"""Discourse words of a language and what they do: contrast words that start a new clause,
anaphors, words to skip between a verb and its subject, and the quotations of a text.

Word lists live in each language pack's ``discourse.tsv``.

>>> from geo.lang import get_language
>>> from geo.nlp.tokens import tokenize
>>> en = get_language("en")
>>> [" ".join(t.text for t in c) for c in clauses(tokenize("Baku said it advanced, while Yerevan denied it", language=en), en)]
['Baku said it advanced ,', 'while Yerevan denied it']
>>> quote_spans('He said: "we hold Shusha" and left')
[(9, 25)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from gazetteer import fold

from ..lang import Language
from ..model import Token

__all__ = ["Phrases", "discourse", "phrase_at", "clauses", "quote_spans"]

_KINDS = (
    "contrast",
    "anaphor",
    "skip",
    "coord",
    "head",
    "region",
    "function",
    "postcue",
    "distal",
    "group",
    "venue",
    "talks",
    "locate",
)


class Phrases(dict):
    """Folded phrases mapped to values, with the set of their first words (most words begin none)."""

    def __init__(self) -> None:
        super().__init__()
        self.firsts: set[str] = set()

    def __setitem__(self, key: str, value: str) -> None:
        super().__setitem__(key, value)
        self.firsts.add(key.split(" ", 1)[0])


def discourse(language: Language) -> dict[str, Phrases]:
    """The discourse word lists of a language (its ``discourse.tsv``), by kind."""
    return language.derived("discourse", lambda: _load(language))


def _load(language: Language) -> dict[str, Phrases]:
    out: dict[str, Phrases] = {k: Phrases() for k in _KINDS}
    for kind, words, *value in language.table("discourse"):
        out[kind][fold(words)] = value[0] if value else ""
    return out


def phrase_at(tokens: Sequence[Token], i: int, phrases: Phrases) -> tuple[int, str] | None:
    """A phrase of ``phrases`` (folded, maybe several words) starting at token ``i``: (length, value)."""
    if i >= len(tokens) or phrases.firsts.isdisjoint(tokens[i].readings):  # most words begin none
        return None
    firsts = [s for s in tokens[i].readings if s in phrases.firsts]
    for size in (3, 2, 1):
        if i + size > len(tokens):
            continue
        words = [t.norm for t in tokens[i : i + size]]
        for first in firsts:
            key = " ".join([first, *words[1:]])
            if key in phrases:
                return size, phrases[key]
    return None


def clauses(tokens: Sequence[Token], language: Language) -> list[list[Token]]:
    """Cut a sentence's tokens into clauses at contrast words (في حين، غير أن، while, but)."""
    contrast = discourse(language)["contrast"]
    parts: list[list[Token]] = [[]]
    i = 0
    while i < len(tokens):
        hit = phrase_at(tokens, i, contrast) if parts[-1] else None
        if hit is not None and sum(t.is_word for t in parts[-1]) >= 3:
            parts.append([])
        parts[-1].append(tokens[i])
        i += 1
    return [p for p in parts if any(t.is_word for t in p)]


_QUOTES = {"“": "”", "«": "»", '"': '"', "„": "“"}
_OPENING = re.compile("[" + "".join(_QUOTES) + "]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (“...”, «...», "..."), possibly across sentences; sorted, none
    overlapping. A very long article is read in parts that share one text: it is scanned once."""
    return list(_quote_spans(text))


@lru_cache(maxsize=4)
def _quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    found = _OPENING.search(text)
    while found is not None:
        i = found.start()
        j = text.find(_QUOTES[text[i]], i + 1)
        if j < 0 or j - i > 3000:
            found = _OPENING.search(text, i + 1)
            continue
        spans.append((i, j + 1))
        found = _OPENING.search(text, j + 1)
    return tuple(spans)
