"""How common a word is in a language (Zipf frequency), to keep everyday words from becoming places.

Data: ``data/LANG/frequent_words.tsv`` (from wordfreq, CC-BY-SA 4.0; see tools/make_frequent_words.py).
A word not listed is rare (frequency 0).

>>> zipf("التحالف", "ar") > 4, zipf("زنغلان", "ar")
(True, 0.0)
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from gazetteer import fold

__all__ = ["zipf"]


@lru_cache(maxsize=8)
def _table(lang: str) -> dict[str, float]:
    try:
        text = resources.files("geo").joinpath(f"data/{lang}/frequent_words.tsv").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, value = line.partition("\t")
            out[word] = float(value)
    return out


def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` (log10 per billion words; 7 is "the", 4 a common word, 0 unseen)."""
    return _table(lang).get(fold(word), 0.0)
