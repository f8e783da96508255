"""What the map shows when it opens: the dates the slider selects and the area the view fits.

Both follow the bulk of the claims and leave out outliers, by rules that depend only on how the
claims spread, not on any conflict or place:

- **Dates.** Tukey's far-out fences on the claims' days (one value per claim): a day further than
  ``3 x`` the interquartile range (at least :data:`MIN_SPREAD_DAYS`) below the first quartile or
  above the third is outside the default window. A single article's claims fall within days of each
  other, so an old background event does not stretch its window; a year of reporting keeps its year.
  Days outside stay on the slider, reachable, and are counted in its panel.
- **Area.** The places' weighted median point (weights: claims shown), each place's distance from
  it, and the radius holding three quarters of the claims; places further than three times that
  radius (and further than :data:`LOCAL_KM`) are left out of the opening view. Countries and large
  regions (radius over :data:`HUGE_REGION_KM`) count only when there is nothing else.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["default_window", "opening_view", "MIN_SPREAD_DAYS", "LOCAL_KM", "HUGE_REGION_KM"]

#: The smallest spread of days the date fences are computed from (claims of one day are not precise).
MIN_SPREAD_DAYS = 7
#: How far apart places may always be, whatever the claims' spread, and stay in one opening view.
LOCAL_KM = 300.0
#: Regions larger than this (a country) do not decide the opening view.
HUGE_REGION_KM = 300.0
_FENCE = 3.0


def _quantile(values: Sequence[float], weights: Sequence[float], q: float) -> float:
    """The smallest value at which the weights of the values up to it reach ``q`` of the total."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    total = sum(weights)
    running = 0.0
    for i in order:
        running += weights[i]
        if running >= q * total - 1e-9:
            return values[i]
    return values[order[-1]]


def default_window(days: Sequence[int]) -> tuple[int, int] | None:
    """The first and last day of the slider's default range, from every claim's day (repeats count);
    ``None`` when there are no days."""
    if not days:
        return None
    ordered = sorted(days)
    n = len(ordered)
    q1, q3 = ordered[(n - 1) // 4], ordered[-1 - (n - 1) // 4]
    spread = max(q3 - q1, MIN_SPREAD_DAYS)
    low, high = q1 - _FENCE * spread, q3 + _FENCE * spread
    inside = [d for d in ordered if low <= d <= high]
    return inside[0], inside[-1]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def opening_view(
    places: Sequence[tuple[float, float, float, float | None]],
) -> tuple[list[list[float]] | None, list[int]]:
    """The opening view for ``places`` given as ``(lat, lon, weight, radius_km)``, weight being the
    claims shown there (places of weight 0 are not considered).

    Returns ``([[south, west], [north, east]], outside)``, ``outside`` being the indices of the
    considered places whose point lies outside those bounds; ``(None, [])`` when no place has weight.
    """
    live = [i for i, p in enumerate(places) if p[2] > 0]
    if not live:
        return None, []
    small = [i for i in live if not (places[i][3] or 0) > HUGE_REGION_KM]
    pool = small or live
    weights = [places[i][2] for i in pool]
    lat0 = _quantile([places[i][0] for i in pool], weights, 0.5)
    lon0 = _quantile([places[i][1] for i in pool], weights, 0.5)
    dist = [_km(lat0, lon0, places[i][0], places[i][1]) for i in pool]
    limit = max(_FENCE * _quantile(dist, weights, 0.75), LOCAL_KM)
    kept = [i for i, d in zip(pool, dist, strict=True) if d <= limit]
    lats, lons = [places[i][0] for i in kept], [places[i][1] for i in kept]
    bounds = [[min(lats), min(lons)], [max(lats), max(lons)]]
    (south, west), (north, east) = bounds
    outside = [i for i in live if not (south <= places[i][0] <= north and west <= places[i][1] <= east)]
    return bounds, outside
