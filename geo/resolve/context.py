"""Decide which place each mention means, using the article's other places.

Each candidate keeps its name similarity and prior from the gazetteer; in context it also earns
- a share of the article's country focus (countries of the confidently resolved places, of the
  claimants and of the nationality adjectives), and
- closeness to the article's centre (the median of the confidently resolved places).
Martuni in an article about Zangilan, Qubadli and Karabakh is the Martuni of Karabakh (GeoNames
Khojavend), not the town in Armenia. A thin margin marks the mention ``needs_review`` and keeps the
runner-up.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence

from gazetteer import Match, Place
from gazetteer.geometry import distance_km

from ..model import Mention, Resolved
from ..options import ResolveOptions

__all__ = ["resolve"]


def _km(a: Place, b_lat: float, b_lon: float) -> float:
    return distance_km(a.lat, a.lon, b_lat, b_lon)


def _raw(m: Match) -> float:
    return m.similarity + m.prior


def _is_area(place: Place) -> bool:
    return place.feature_class == "A" or place.feature_code in ("RGN", "PCLI")


def resolve(
    mentions: Sequence[Mention], *, focus: Mapping[str, int] | None = None, options: ResolveOptions | None = None
) -> list[Resolved]:
    """Choose a place for every mention that has candidates (others are dropped)."""
    options = options or ResolveOptions()
    focus = Counter(focus or {})
    confident: list[Place] = []
    for m in mentions:
        if m.weak:
            continue
        ranked = sorted(m.candidates, key=_raw, reverse=True)
        if not ranked:
            continue
        margin = _raw(ranked[0]) - (_raw(ranked[1]) if len(ranked) > 1 else 0.0)
        if margin >= options.confident_margin or len(ranked) == 1:
            confident.append(ranked[0].place)
            focus[ranked[0].place.country_code] += 1
    points = [p for p in confident if not _is_area(p)] or confident
    centre = (statistics.median(p.lat for p in points), statistics.median(p.lon for p in points)) if points else None
    total = sum(focus.values()) or 1

    out = []
    for m in mentions:
        if not m.candidates:
            continue
        candidates = m.candidates
        if m.weak:
            candidates = tuple(
                c
                for c in candidates
                if (c.similarity > 1.0 or not m.exact)
                and focus.get(c.place.country_code)
                and (centre is None or _km(c.place, *centre) <= options.weak_radius_km)
            )
            if not candidates:
                continue
        scored = []
        for c in candidates:
            s = _raw(c) + options.country_weight * focus.get(c.place.country_code, 0) / total
            if centre is not None:
                s += options.near_weight * math.exp(-_km(c.place, *centre) / options.near_scale_km)
            scored.append((s, c))
        scored.sort(key=lambda t: -t[0])
        best_score, best = scored[0]
        rivals = [(s, c) for s, c in scored[1:] if _km(c.place, best.place.lat, best.place.lon) > options.same_place_km]
        review = bool(rivals) and best_score - rivals[0][0] < options.review_margin
        alternatives = tuple(c for _, c in rivals[:2])
        out.append(Resolved(m, best.place, best_score, alternatives, review))
    return out
