"""Articles to places and claims; the ``geo`` command line.

>>> from geo import extract                                      # doctest: +SKIP
>>> extract(text, published="2020-10-20")                         # doctest: +SKIP

Extraction is a list of stages over one document model (:mod:`geo.model`, :data:`STAGES`); all
knowledge of a language lives in its pack (:mod:`geo.lang`). This package builds on
:mod:`gazetteer` (places and names) and feeds :mod:`maps`.
"""

from __future__ import annotations

from .article import Article
from .errors import GeoError, InputError, OnlineError, OutputError, UnknownLanguage
from .lang import Language, get_language, languages, register_language
from .options import ExtractOptions, MentionOptions, ResolveOptions

__all__ = [
    "Article",
    "Doc",
    "Extractor",
    "ExtractOptions",
    "MentionOptions",
    "ResolveOptions",
    "STAGES",
    "extract",
    "Language",
    "get_language",
    "languages",
    "register_language",
    "GeoError",
    "InputError",
    "OutputError",
    "OnlineError",
    "UnknownLanguage",
]

_LAZY = {"extract": "pipeline", "Extractor": "pipeline", "STAGES": "pipeline", "Doc": "model"}


def __getattr__(name: str):
    # The pipeline pulls in the gazetteer and the stages; load it only when asked for, so the CLI starts fast.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
