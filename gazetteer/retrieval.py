"""Retrieval helpers of :class:`gazetteer.Gazetteer`: the variants of a query and the fast prefilter.

- :func:`query_variants`: a query is also tried without a parenthesis or a generic word ("مقاطعة X",
  "X Oblast"), from ``data/descriptors.tsv``;
- :func:`prefilter`: of the thousands of forms a short key retrieves, the few closest to the query
  by a fast unweighted edit distance (rapidfuzz), before the weighted distance scores them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from .translit import fold

__all__ = ["query_variants", "prefilter", "plain"]

_BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")


@lru_cache(maxsize=1)
def _descriptors() -> tuple[tuple[str, ...], tuple[str, ...]]:
    text = resources.files("gazetteer").joinpath("data/descriptors.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    prefixes = tuple(sorted({w.strip() for pos, w in rows if pos == "prefix"}, key=len, reverse=True))
    suffixes = tuple(sorted({w.strip() for pos, w in rows if pos == "suffix"}, key=len, reverse=True))
    return prefixes, suffixes


def query_variants(text: str) -> list[str]:
    """The query, then the query without brackets or a generic prefix/suffix word, if any."""
    if not text:
        return []
    out = [text]
    bare = _BRACKETS.sub(" ", text).strip()
    if bare and bare != text:
        out.append(bare)
    prefixes, suffixes = _descriptors()
    words = bare.split()
    folded = fold(bare)
    for p in prefixes:
        if folded.startswith(p + " ") and len(words) > len(p.split()):
            out.append(" ".join(words[len(p.split()) :]))
            break
    for sfx in suffixes:
        if folded.endswith(" " + sfx) and len(words) > len(sfx.split()):
            out.append(" ".join(words[: -len(sfx.split())]))
            break
    return out


# For the fast prefilter: emphatics and long vowels fold to their plain kin, markers vanish.
_PLAIN = str.maketrans(
    {
        "ʈ": "t",
        "ɖ": "d",
        "ʂ": "s",
        "ʐ": "z",
        "ħ": "h",
        "ʕ": "'",
        "A": "a",
        "I": "i",
        "U": "u",
        "E": "a",
        "@": None,
        "H": None,
    }
)
_SEP = "\x1f"  # the separator of the index's bucket strings (gazetteer.layout.BUCKET_SEP)
_PLAIN_PAIRS = tuple((chr(k), v or "") for k, v in _PLAIN.items())
# str.replace per symbol is many times faster than str.translate on non-ASCII text, and gives the
# same result as long as no replacement brings in a symbol that is itself replaced.
_REPLACE_SAFE = not {ch for _, v in _PLAIN_PAIRS for ch in v} & {k for k, _ in _PLAIN_PAIRS}


def plain(text: str) -> str:
    """``text.translate(_PLAIN)``, fast: each symbol is replaced on its own, so the plain form of
    forms joined by a separator is the plain forms joined."""
    if not _REPLACE_SAFE:  # pragma: no cover - guards an edit of _PLAIN
        return text.translate(_PLAIN)
    for old, new in _PLAIN_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def plain_forms(joined: Sequence[str]) -> list[str]:
    """The plain forms of an index bucket's forms, made from the strings the index stores
    (``plain`` works symbol by symbol, so the separators stay)."""
    return plain(_SEP.join(joined)).split(_SEP)


def prefilter(pf: str, forms: Sequence[str], keep: int, plain_forms: Sequence[str] | None = None) -> list[int]:
    """Positions in ``forms`` of the ``keep`` forms closest to ``pf`` by a fast unweighted edit
    distance, closest first. ``plain_forms``, when given, holds :func:`plain` of each form."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    choices = plain_forms
    if choices is None or len(choices) != len(forms):
        # All the forms made plain at once; a form holding the separator would change the count,
        # and then each form is done on its own.
        choices = plain(_SEP.join(forms)).split(_SEP)
        if len(choices) != len(forms):
            choices = [plain(f) for f in forms]
    best = process.extract(plain(pf), choices, scorer=Levenshtein.normalized_distance, limit=keep)
    return [i for _, _, i in best]
