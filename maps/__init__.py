"""Claims to interactive Leaflet maps (static HTML). Renders what :mod:`geo` extracts; never geocodes.

>>> from maps import render                                  # doctest: +SKIP
>>> render(features).save("claims.html")                      # doctest: +SKIP

One marker per place, coloured by the side that claims it, a popup listing every claim about the
place, filters by side and event type, a legend, a title panel, the claims without a place in a
side panel, clustering, and honest precision (dashed rings for "near", shaded circles for regions).
"""

from __future__ import annotations

from .claims import REQUIRED, MapData, PlaceClaims, prepare
from .errors import ClaimsError, MapError
from .payload import build_payload, describe_quantity, safe_url
from .render import ASSETS, DEFAULT_MAP_OPTIONS, MapOptions, render

__all__ = [
    "render",
    "MapOptions",
    "DEFAULT_MAP_OPTIONS",
    "ASSETS",
    "prepare",
    "MapData",
    "PlaceClaims",
    "REQUIRED",
    "build_payload",
    "describe_quantity",
    "safe_url",
    "MapError",
    "ClaimsError",
]
