"""Articles to places and claims; the ``geo`` command line.

>>> from geo import extract                                      # doctest: +SKIP
>>> extract(text, published="2020-10-20")                         # doctest: +SKIP

This package builds on :mod:`gazetteer` (places and names) and feeds :mod:`maps`.
"""

from __future__ import annotations

from .article import Article
from .errors import GeoError, InputError, OutputError

__all__ = ["Article", "GeoError", "InputError", "OutputError", "extract", "Extractor"]


def __getattr__(name: str):
    # The pipeline pulls in geopandas; load it only when asked for, so the CLI starts fast.
    if name in ("extract", "Extractor"):
        from . import pipeline as _module

        return getattr(_module, name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
