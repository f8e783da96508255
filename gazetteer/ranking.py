"""Ranking helpers of :class:`gazetteer.Gazetteer`: qualified queries and readable scores.

- ``"Baku, Azerbaijan"``, ``"Louisville, Ky."``, ``"باكو، أذربيجان"``: a query whose last comma-separated
  part names a country, first-level division or region is a name *in* that area;
  :func:`split_qualifier` cuts it, the search resolves the qualifier by exact spelling
  (abbreviations included) and favours places inside it.
- :func:`display_score` turns the ranking key (similarity + prior + biases) into the [0, 1] score
  people read: 1.0 for the exact primary name of a most prominent place, about 0.9 for the
  exact name of a village, lower for names matched by sound.
"""

from __future__ import annotations

import re

__all__ = ["split_qualifier", "display_score", "abbreviation_allowed", "compact"]

_QUALIFIER = re.compile(r"^(?P<head>.+?)\s*[,،]\s*(?P<tail>[^,،]+?)\s*$")
#: The ranking key that reads as 1.0, and the one that reads as 0.
_KEY_FULL = 1.21
_KEY_ZERO = 0.25


def split_qualifier(text: str) -> tuple[str, str] | None:
    """``("Baku", "Azerbaijan")`` for ``"Baku, Azerbaijan"``; ``None`` without a comma."""
    m = _QUALIFIER.match(text.strip())
    if m is None or not m["head"].strip(" ,،") or not any(ch.isalpha() for ch in m["tail"]):
        return None
    return m["head"].strip(" ,،"), m["tail"]


def display_score(key: float) -> float:
    """The readable score in (0, 1] of a ranking key: monotonic, so the order is kept."""
    return max(0.001, min(1.0, (key - _KEY_ZERO) / (_KEY_FULL - _KEY_ZERO)))


def compact(text: str) -> str:
    """An abbreviation's spelling without spaces, for comparing "U. S." with "U.S."."""
    return "".join(text.split())


def abbreviation_allowed(query: str, stored: str, mode: bool | None) -> bool:
    """Whether a query spelled ``query`` may match the stored abbreviation ``stored``.

    ``mode`` ``False``: never. ``True``: when spelled the same, case and dots included ("KY",
    "Ky."). ``None`` (a plain search): as ``True``, but a bare two-letter code ("KY", "US",
    "IN") only with ``True``, since any capitalised two-letter word would be a place.
    """
    if mode is False or compact(query) != compact(stored):
        return False
    return mode is True or len(compact(query)) >= 3 or "." in query
