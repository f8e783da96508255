"""English names of countries, as canonical actor names use them ("Armenia Ministry of Defence").

Canonical names are English whatever the article's language (``claimant_en``): CLDR's English
names (via babel), or a ``display`` row of the English pack's ``countries.tsv``.

>>> display_name("AZ"), display_name("US"), display_name(None)
('Azerbaijan', 'United States', '')
"""

from __future__ import annotations

from functools import cache

from .registry import get_language

__all__ = ["display_name", "territories"]

#: Territory codes of CLDR that are not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
#: The language canonical names are written in.
_CANONICAL = "en"


def territories(locale: str) -> list[tuple[str, str]]:
    """(ISO2, name) of the countries CLDR names in ``locale``."""
    from babel import Locale  # a dependency of the project (CLDR names)

    items = Locale.parse(locale).territories.items()
    return [(code, name) for code, name in items if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES]


@cache
def _display_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for code, name in territories(_CANONICAL):
        names.setdefault(code, name)
    for row in get_language(_CANONICAL).table("countries"):
        if len(row) > 2 and row[2] == "display":
            names[row[1]] = row[0]
    return names


def display_name(code: str | None) -> str:
    """The English name of a country code; the code itself when unknown; empty for none."""
    return _display_names().get(code or "", code or "")
