"""English: subject-verb order ("Baku said"), possessives ("Syria's"), ordinal suffixes ("10th").

>>> LANGUAGE.readings("armenia's"), LANGUAGE.readings("baku")
(("armenia's", 'armenia'), ('baku',))
"""

from __future__ import annotations

import re
from importlib import resources

from ..base import Language

__all__ = ["LANGUAGE", "English"]

_POSSESSIVES = ("'s", "’s")


class English(Language):
    """English, as news agencies write it."""

    ordinal_suffixes = ("st", "nd", "rd", "th")
    people_plural = re.compile(r"[A-Z][a-z]+(?:ians|ans|is|ese|ites)")  # Armenians, Israelis, Sudanese

    def _readings(self, norm: str) -> tuple[str, ...]:
        """A possessive is read without its 's ("tuesday's" is a Tuesday)."""
        if norm.endswith(_POSSESSIVES):
            return (norm, norm[:-2])
        return (norm,)

    def conjunction_readings(self, norm: str) -> tuple[str, ...]:
        return self.readings(norm)


LANGUAGE = English("en", "English", resources.files(__name__), cldr="en", subject_first=True)
