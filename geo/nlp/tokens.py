"""Tokens and sentences: the text layer every other step of extraction reads.

Tokens keep their character offsets in the original text, so every span the extractor reports
points back at the words as written. Each token also carries its folded form (see
:func:`gazetteer.fold`: case, Arabic letter variants and marks merged), which lexicons and the
gazetteer are matched against, and that form's readings in the article's language (its clitics
peeled: وبأذربيجان reads بأذربيجان and أذربيجان), computed once here.

>>> from geo.lang import get_language
>>> [t.norm for t in tokenize("أعلنت وزارةُ الدفاع، الثلاثاء")]
['اعلنت', 'وزاره', 'الدفاع', '،', 'الثلاثاء']
>>> tokenize("وبأذربيجان", language=get_language("ar"))[0].readings
('وباذربيجان', 'باذربيجان', 'اذربيجان')
>>> tokenize("")
[]
>>> [t.text for t in tokenize("#انفجار_بيروت #BeirutBlast S-300")]
['#', 'انفجار', '_', 'بيروت', '#', 'Beirut', 'Blast', 'S-300']
>>> sentence_spans("Baku said. Yerevan denied it!")
[(0, 10), (11, 29)]
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from gazetteer import fold

from ..model import Token

if TYPE_CHECKING:  # pragma: no cover
    from ..lang import Language

__all__ = ["Token", "tokenize", "sentence_spans", "is_arabic"]

# Words: letters, marks and digits (Arabic-Indic too), with inner apostrophes, hyphens and dots of
# abbreviations ("S-300", "U.S."); everything else that is not space is a one-character token. The
# underscore joins words only in hashtags and identifiers (#انفجار_بيروت), so it separates words here.
# \u064b-\u065f and \u0670 are the Arabic vowel marks, \u0640 the tatweel (script, not language).
_WORD = r"(?:[^\W_]|[\u064b-\u065f\u0670\u0640])"  # a letter or digit (not _), or an Arabic mark
_TOKEN = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"  # 1,000 and 12,500.5
    rf"|{_WORD}+(?:[-'’.]{_WORD}+)*"
    r"|[^\w\s]|_",
    re.UNICODE,
)
#: Inside a hashtag, a lower-case letter followed by a capital starts a new word (#BeirutBlast).
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_ALNUM = re.compile(r"[^\W_]")  # a letter or digit: exactly the characters str.isalnum accepts


def tokenize(text: str, offset: int = 0, *, language: Language | None = None) -> list[Token]:
    """Split ``text`` into tokens; offsets are relative to the text plus ``offset``.

    ``language`` gives each word its readings (without one, a word reads only as itself).
    """
    lexemes = _lexemes(language)
    if len(lexemes) > _MEMO_SIZE:
        lexemes.clear()
    make = tuple.__new__  # Token(...) without the named tuple's Python-level constructor
    if "#" not in text:  # no hashtag, so no word split at its capitals: one token per match
        get = lexemes.get
        return [
            make(Token, (word, start := m.start() + offset, start + len(word)) + found)
            for m in _TOKEN.finditer(text)
            if (found := get(word := m.group()) or _learn(lexemes, word, language))
        ]
    out: list[Token] = []
    add = out.append
    hashtag = False
    for m in _TOKEN.finditer(text):
        word = m.group()
        start = m.start() + offset
        found = lexemes.get(word)
        if found is None:
            found = lexemes[word] = _lexeme(word, language)
        norm, is_word, rd = found
        if hashtag and is_word and _CAMEL.search(word):
            cuts = [0, *(c.start() for c in _CAMEL.finditer(word)), len(word)]
            for a, b in zip(cuts, cuts[1:], strict=False):
                norm, _, rd = _lexeme(word[a:b], language, is_word)
                out.append(make(Token, (word[a:b], start + a, start + b, norm, is_word, rd)))
        else:
            add(make(Token, (word, start, start + len(word), norm, is_word, rd)))
        hashtag = word == "#"
    return out


_MEMO_SIZE = 200_000  # distinct token texts remembered per language before the memo starts afresh


class _Memo(dict):
    """Token texts -> (norm, is_word, readings) of one language; forgotten with the language's memos."""

    def forget(self) -> None:
        self.clear()


_NO_LANGUAGE = _Memo()


def _lexemes(language: Language | None) -> _Memo:
    return _NO_LANGUAGE if language is None else language.derived("tokens", _Memo)


def _learn(lexemes: _Memo, word: str, language: Language | None) -> tuple[str, bool, tuple[str, ...]]:
    found = lexemes[word] = _lexeme(word, language)
    return found


def _lexeme(piece: str, language: Language | None, is_word: bool | None = None) -> tuple[str, bool, tuple[str, ...]]:
    """The folded form, word-ness and readings of a token's text (of the whole token's word-ness
    for a piece of a hashtag's word)."""
    if is_word is None:
        is_word = _ALNUM.search(piece) is not None
    norm = (fold(piece) if is_word else piece) or piece
    rd = language.readings(norm) if language is not None and is_word else (norm,)
    return norm, is_word, rd


# Sentence ends: . ! ? and the Arabic question mark and full stop, or a line break; not the dot of an
# abbreviation or a decimal number.
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\d)[.!?\u061f\u06d4]+(?=\s|$)|\n+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (stripped of surrounding space)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if m.group().strip() else m.start()
        _add(text, start, end, spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


@lru_cache(maxsize=131072)
def is_arabic(word: str) -> bool:
    """Whether ``word`` holds a letter of the Arabic script (Arabic, Persian, Urdu, Kurdish...).

    A property of the script, not of a language: a word in a caseless script is never "capitalised".
    """
    return bool(_ARABIC_SCRIPT.search(word))
