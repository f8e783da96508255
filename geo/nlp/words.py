"""Tokens seen as the words that lexicons, dates and quantities are matched against.

A token's folded form may hold several words ("U.S." folds to ``u s``, "Armenia's" to
``armenia``, ``s``); a number keeps its separators ("1,000" is one word) and a range of numbers
("10-12") is three. :class:`Words` flattens a token sequence into those words once, with each word's
readings, its token and its character offsets, so every matcher reads the same view of the same
tokens (the text is tokenised once, in :mod:`geo.nlp.tokens`).

>>> from geo.nlp.tokens import tokenize
>>> w = Words(tokenize("The U.S. said 1,000 fled on 10-12 May"))
>>> w.words
['the', 'u', 's', 'said', '1,000', 'fled', 'on', '10', '-', '12', 'may']
>>> [p.text for p in w.pieces][7:10], w.first[1:3]
(['10', '-', '12'], [True, False])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from ..model import Token

__all__ = ["Words", "Piece", "closing_dot", "split_words"]

_ABBREV = re.compile(r"(?:\w\.)+\w")  # U.S (the tokenizer leaves the last dot out)
_NUMERIC = re.compile(r"[\d,.٬٫]+")
_NUMBER_RANGE = re.compile(r"\d+(?:[-–]\d+)+")
_RANGE_PARTS = re.compile(r"\d+|\D")


class Piece(NamedTuple):
    """One word of the view, as dates and quantities read it: its text as written (the whole token's
    for a word inside a token), folded form, offsets, and whether it is the whole token.

    A number written inside a name ("S-300" is ``s``, ``300``, neither whole) is never a count.
    """

    text: str
    norm: str
    start: int
    end: int
    whole: bool = True


def split_words(norm: str) -> list[str]:
    """The words of a folded token; an apostrophe splits too (armenia's -> armenia, s)."""
    return norm.replace("'", " ").replace("’", " ").split()


def closing_dot(tokens: Sequence[Token], i: int) -> bool:
    """Whether tokens[i] is the closing dot of an abbreviation ("U.S."), which belongs to the word."""
    t = tokens[i]
    return (
        t.text == "." and i > 0 and tokens[i - 1].end == t.start and _ABBREV.fullmatch(tokens[i - 1].text) is not None
    )


class Words:
    """A token sequence flattened into words (see the module's docstring).

    Attributes, one item per word: ``words`` (folded), ``readings``, ``tok`` (index of its token),
    ``first`` (it begins its token; one more item, ``True``, stands for the end), ``pieces``
    (:class:`Piece`, offsets relative to ``base``). ``at_token[i]`` is the index of token i's first
    word (or the next one's). ``memo`` holds matchers' lookups at a word, for this view only.
    """

    __slots__ = ("tokens", "size", "words", "readings", "tok", "first", "pieces", "at_token", "memo")

    def __init__(self, tokens: Sequence[Token], base: int = 0):
        self.tokens = tokens
        self.size = len(tokens)
        self.memo: dict[tuple, object] = {}
        make = tuple.__new__  # Piece(...) without the named tuple's Python-level constructor
        splits = [_split(t[0], t[3], t[4], t[5]) for t in tokens]
        if all(len(parts) == 1 for parts in splits) and not any(
            t[0] == "." and closing_dot(tokens, i) for i, t in enumerate(tokens)
        ):  # one word per token (most sentences): every list at once
            only = [parts[0] for parts in splits]
            self.words = [p[0] for p in only]
            self.readings = [p[1] for p in only]
            self.tok = list(range(len(tokens)))
            self.first = [True] * (len(tokens) + 1)  # a token's one word begins it; and the end
            self.pieces = [
                make(Piece, (p[5], p[6], t[1] - base + p[3], t[1] - base + p[4], p[7]))
                for p, t in zip(only, tokens, strict=True)
            ]
            self.at_token = list(range(len(tokens) + 1))
            return
        self.words = words = []
        self.readings, self.tok, self.first, self.pieces, self.at_token = [], [], [], [], []
        add_word, add_readings, add_tok = words.append, self.readings.append, self.tok.append
        add_first, add_piece, add_at = self.first.append, self.pieces.append, self.at_token.append
        for i, ((text, start, *_), parts) in enumerate(zip(tokens, splits, strict=True)):
            add_at(len(words))
            if text == "." and closing_dot(tokens, i):
                continue
            start -= base
            for word, word_readings, is_first, a, b, piece, piece_norm, whole in parts:
                add_word(word)
                add_readings(word_readings)
                add_tok(i)
                add_first(is_first)
                add_piece(make(Piece, (piece, piece_norm, start + a, start + b, whole)))
        add_at(len(words))
        add_first(True)  # the end of the text is a token boundary

    def __len__(self) -> int:
        return len(self.words)


@lru_cache(maxsize=131072)
def _split(text: str, norm: str, is_word: bool, readings: tuple[str, ...]) -> tuple[tuple, ...]:
    """The words of one token: (word, readings, first of its token, start and end relative to the
    token's, piece text, piece norm, whole). Memoised: the same words recur across a corpus."""
    n = len(text)
    if not is_word:
        return ((norm, readings, True, 0, n, text, norm, True),)
    if _NUMERIC.fullmatch(text):
        return ((text, (text,), True, 0, n, text, text, True),)
    if _NUMBER_RANGE.fullmatch(text):  # "10-12": two numbers and a dash
        pieces = [(m.group(), m.start(), m.end()) for m in _RANGE_PARTS.finditer(text)]
        return tuple((p, (p,), k == 0, a, b, p, p, True) for k, (p, a, b) in enumerate(pieces))
    parts = split_words(norm) or [norm]
    if len(parts) == 1:
        return ((parts[0], readings, True, 0, n, text, norm, True),)
    return tuple((p, (p,), k == 0, 0, n, text, p, False) for k, p in enumerate(parts))
