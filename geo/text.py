"""Tokens, sentences and Arabic clitics: the text layer every other step of extraction reads.

Tokens keep their character offsets in the original text, so every span the extractor reports
points back at the words as written. Each token also carries its folded form (see
:func:`gazetteer.fold`: case, Arabic letter variants and marks merged), which is what lexicons
and the gazetteer are matched against.

>>> [t.norm for t in tokenize("أعلنت وزارةُ الدفاع، الثلاثاء")]
['اعلنت', 'وزاره', 'الدفاع', '،', 'الثلاثاء']
>>> stems("وبأذربيجان")
['وباذربيجان', 'باذربيجان', 'اذربيجان']
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from gazetteer import fold

__all__ = ["Token", "tokenize", "sentence_spans", "stems", "stem_tuple", "is_arabic", "ARABIC_PROCLITICS"]

# Words: letters, marks and digits (Arabic-Indic too), with inner apostrophes, hyphens and dots of
# abbreviations ("S-300", "U.S."); everything else that is not space is a one-character token.
_TOKEN = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"  # 1,000 and 12,500.5
    r"|[\w\u064b-\u065f\u0670\u0640]+(?:[-'’.][\w\u064b-\u065f\u0670]+)*"
    r"|[^\w\s]",
    re.UNICODE,
)
_ARABIC = re.compile("[\u0600-\u06ff]")
_ALNUM = re.compile(r"[^\W_]")  # a letter or digit: exactly the characters str.isalnum accepts

#: Proclitics that attach to Arabic words, outermost first: conjunctions, prepositions, the article.
ARABIC_PROCLITICS = ("و", "ف", "ب", "ل", "ك")


class Token(NamedTuple):
    """A word or punctuation mark: its text, its offsets in the source, its folded form.

    ``is_word`` says whether it holds a letter or digit (a word or number, not punctuation). A
    named tuple: sentences make many tokens, and a tuple is quick to make and to read.
    """

    text: str
    start: int
    end: int
    norm: str
    is_word: bool = True


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into tokens; offsets are relative to the text plus ``offset``."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        is_word = _ALNUM.search(word) is not None
        norm = fold(word) if is_word else word
        out.append(Token(word, m.start() + offset, m.end() + offset, norm or word, is_word))
    return out


# Sentence ends: . ! ? ؟ and the Arabic full stop, or a line break; not the dot of an abbreviation
# or a decimal number.
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\d)[.!?؟۔]+(?=\s|$)|\n+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (stripped of surrounding space)."""
    spans = []
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
    return bool(_ARABIC.search(word))


def stems(norm: str) -> list[str]:
    """The folded word and what remains after peeling Arabic proclitics (see :func:`stem_tuple`)."""
    return list(stem_tuple(norm))


@lru_cache(maxsize=131072)
def stem_tuple(norm: str) -> tuple[str, ...]:
    """The folded word and what remains after peeling Arabic proclitics, longest first.

    Peels at most a conjunction (و ف), a preposition (ب ل ك) and the article (ال, or the ل of
    لل after ل). Every reading is kept: وباكو may be "and Baku" (باكو); ولاية is a word of its own.
    Non-Arabic words come back as they are. The tuple is shared (memoised): :func:`stems` copies it.
    """
    if not is_arabic(norm):
        return (norm,)
    out = [norm]
    word = norm
    if len(word) > 3 and word[0] in "وف":
        word = word[1:]
        out.append(word)
    if len(word) > 3 and word[0] in "بلك":
        if word.startswith("لل") and len(word) > 4:  # ل + ال: للقوات = ل + القوات
            out.append("ال" + word[2:])
            word = word[2:]
            out.append(word)
        else:
            word = word[1:]
            out.append(word)
    if len(word) > 4 and word.startswith("ال"):
        out.append(word[2:])
    seen: set[str] = set()
    return tuple(w for w in out if not (w in seen or seen.add(w)))
