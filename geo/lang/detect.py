"""Which language an article is in, from its most frequent function words.

Every pack's ``function_words.tsv`` counts, and so do the languages of ``identify.tsv`` that have no
pack: a French article is told apart from English (and reported as having no lexicon) rather than
read with the English one.

>>> detect_language("قالت الوزارة إن القوات"), detect_language("The ministry said"), detect_language("42")
('ar', 'en', 'und')
>>> detect_language("Le ministère a dit que les forces")
'fr'
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from .registry import get_language, languages
from .tables import parse_table

__all__ = ["detect_language"]

_SAMPLE = 20_000  # characters read
_ARABIC_RANGE = ("\u0600", "\u06ff")


@cache
def _unpacked() -> tuple[tuple[str, frozenset[str]], ...]:
    """Function words of languages that have no pack (``identify.tsv``)."""
    text = resources.files(__package__).joinpath("identify.tsv").read_text("utf-8")
    rows, _ = parse_table(text, "identify.tsv")
    return tuple((row[0], frozenset(row[1].split())) for row in rows if len(row) > 1)


def _vocabularies() -> list[tuple[str, frozenset[str]]]:
    packs = [(code, get_language(code).function_words) for code in languages()]
    have = {code for code, _ in packs}
    return packs + [(code, words) for code, words in _unpacked() if code not in have]


def detect_language(text: str) -> str:
    """The language of ``text`` (ISO 639-1) from its most frequent function words; ``und`` if unsure."""
    words = [w.lower() for w in text[:_SAMPLE].split()]
    if not words:
        return "und"
    counts = [(code, sum(w in vocab for w in words)) for code, vocab in _vocabularies()]
    best, n = max(counts, key=lambda c: c[1])
    if n == 0:
        sample = text[:2000]
        script = sum(_ARABIC_RANGE[0] <= ch <= _ARABIC_RANGE[1] for ch in sample)
        return "ar" if "ar" in languages() and script > len(sample) / 3 else "und"
    return best
