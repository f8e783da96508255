"""How prominent a place is before its name is compared: the prior that ranks same-named places.

A mature geocoder answers "Paris" with the French capital, "California" with the state and
"Georgia" with a country or a state, never with the hamlet that happens to share the name. What
makes a place the one more often meant, in order of weight:

1. its kind (GeoNames feature code, ranked in ``data/feature_ranks.tsv``: a continent or country
   first, then first-level divisions, regions and national capitals, then seats of divisions);
2. its population (for a division, the population of its places, summed when the index is built);
3. how many names it has: places named in many languages are known far beyond their own.

The result is in [0, 1]; :class:`gazetteer.Gazetteer` adds ``prominence_weight`` times it to each
candidate's name similarity.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources

from .place import Place

__all__ = ["prominence", "feature_rank", "FEATURE_WEIGHT", "POPULATION_WEIGHT", "NAMES_WEIGHT"]

#: Shares of the three parts of prominence (they add up to 1).
FEATURE_WEIGHT = 0.45
POPULATION_WEIGHT = 0.4
NAMES_WEIGHT = 0.15
_FULL_POPULATION = 1e8  # log-scaled: 100 million people count fully, 10,000 half
_FULL_NAMES = 300  # a country has several hundred names (CLDR); a town a handful


@lru_cache(maxsize=1)
def _ranks() -> dict[str, float]:
    text = resources.files("gazetteer").joinpath("data/feature_ranks.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {code.strip(): float(rank) for code, rank in rows}


def feature_rank(feature_code: str) -> float:
    """Rank of a GeoNames feature code in [0, 1] (0 for codes not listed: ordinary places)."""
    return _ranks().get(feature_code, 0.0)


def prominence(place: Place) -> float:
    """Prominence of ``place`` in [0, 1]: kind, population and number of names combined."""
    pop = math.log10(place.population + 1) / math.log10(_FULL_POPULATION) if place.population > 0 else 0.0
    known = math.log(place.n_names + 1) / math.log(_FULL_NAMES) if place.n_names > 0 else 0.0
    return (
        FEATURE_WEIGHT * feature_rank(place.feature_code)
        + POPULATION_WEIGHT * min(1.0, pop)
        + NAMES_WEIGHT * min(1.0, known)
    )
