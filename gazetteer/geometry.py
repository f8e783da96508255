"""Great-circle distance: the one distance function of the project (WGS 84 sphere, kilometres)."""

from __future__ import annotations

import math

__all__ = ["distance_km"]

_EARTH_DIAMETER_KM = 12742.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in km between two points given as latitude, longitude in degrees.

    >>> round(distance_km(40.4093, 49.8671, 40.1872, 44.5152))  # Baku - Yerevan
    454
    """
    p = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return _EARTH_DIAMETER_KM * math.asin(math.sqrt(min(1.0, h)))
