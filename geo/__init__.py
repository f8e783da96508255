"""Articles to places and claims; the ``geo`` command line.

This package builds on :mod:`gazetteer` (places and names). So far it provides the command line
(``geo gazetteer build|info``, ``geo geocode``); article extraction comes next.
"""

from __future__ import annotations

from .errors import GeoError, InputError

__all__ = ["GeoError", "InputError"]
