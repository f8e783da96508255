"""The claims table a map is drawn from: validated features, grouped by place.

Input is what ``geo extract`` writes: GeoJSON features with the contract's properties. Every event
at one place (same point and name) becomes one :class:`PlaceClaims`, whose popup lists them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .errors import ClaimsError

__all__ = ["PlaceClaims", "MapData", "REQUIRED", "prepare"]

#: Properties every feature must have (the rest may be missing or null).
REQUIRED = ("role", "claim_id", "side")


@dataclass
class PlaceClaims:
    """All claims about one place."""

    lat: float
    lon: float
    name: str
    geonameid: int | None
    precision: int
    radius_km: float | None
    claims: list[dict] = field(default_factory=list)

    @property
    def sides(self) -> list[str]:
        seen: list[str] = []
        for c in self.claims:
            side = c.get("side") or "unknown"
            if side not in seen:
                seen.append(side)
        return seen

    @property
    def contested(self) -> bool:
        """Opposing parties (two belligerent sides) make claims about this place."""
        belligerents = {c.get("side") for c in self.claims if c.get("side_type") == "belligerent" and c.get("side")}
        return len(belligerents) >= 2

    @property
    def main_side(self) -> str:
        """The side with most claims here (the first to claim on a tie)."""
        counts: dict[str, int] = {}
        for c in self.claims:
            side = c.get("side") or "unknown"
            counts[side] = counts.get(side, 0) + 1
        return max(self.sides, key=lambda s: counts[s]) if counts else "unknown"

    @property
    def event_types(self) -> list[str]:
        out: list[str] = []
        for c in self.claims:
            t = c.get("event_type") or "*"
            if t not in out:
                out.append(t)
        return out


@dataclass
class MapData:
    """Everything a map shows: places with claims, claimant seats, claims without a place."""

    places: list[PlaceClaims]
    seats: list[PlaceClaims]
    unplaced: list[dict]
    articles: list[dict]


def _point(feature: Mapping, where: str) -> tuple[float, float] | None:
    geom = feature.get("geometry")
    if geom is None:
        return None
    if not isinstance(geom, Mapping) or geom.get("type") != "Point":
        raise ClaimsError(f"{where}: geometry must be a Point or null")
    try:
        lon, lat = (float(v) for v in geom["coordinates"][:2])
    except (KeyError, TypeError, ValueError):
        raise ClaimsError(f"{where}: the Point has no valid coordinates") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ClaimsError(f"{where}: coordinates {lat}, {lon} are out of range")
    return lat, lon


def prepare(features: Iterable[Mapping], *, source: str = "claims") -> MapData:
    """Validate ``features`` and group them for the map.

    Raises :class:`ClaimsError` naming the first feature (by index and claim id) that lacks a
    required property or has a bad geometry.
    """
    places: dict[tuple, PlaceClaims] = {}
    seats: dict[tuple, PlaceClaims] = {}
    unplaced: list[dict] = []
    articles: dict[str, dict] = {}
    for i, feature in enumerate(features):
        where = f"{source}, feature {i}"
        if not isinstance(feature, Mapping):
            raise ClaimsError(f"{where}: not a GeoJSON feature object")
        props = feature.get("properties")
        if not isinstance(props, Mapping):
            raise ClaimsError(f"{where}: no properties")
        if props.get("claim_id"):
            where += f" ({props['claim_id']})"
        missing = [k for k in REQUIRED if k not in props]
        if missing:
            raise ClaimsError(f"{where}: missing required properties {', '.join(missing)}")
        point = _point(feature, where)
        props = dict(props)
        if props.get("article"):
            articles.setdefault(str(props["article"]), props)
        merged = props.get("sources")  # a claim several articles report: each counts as an article
        for other in merged if isinstance(merged, list) else ():
            if isinstance(other, Mapping) and other.get("article"):
                articles.setdefault(str(other["article"]), dict(other))
        role = props.get("role")
        if role == "event" and point is None:
            unplaced.append(props)
            continue
        if point is None or role not in ("event", "claimant_seat"):
            continue
        target = places if role == "event" else seats
        key = (round(point[0], 5), round(point[1], 5), props.get("place_name"))
        group = target.get(key)
        if group is None:
            group = target[key] = PlaceClaims(
                point[0],
                point[1],
                str(props.get("place_name") or props.get("mention") or ""),
                props.get("geonameid"),
                int(props.get("precision") or 1),
                props.get("radius_km"),
            )
        group.precision = max(group.precision, int(props.get("precision") or 1))
        group.claims.append(props)
    return MapData(list(places.values()), list(seats.values()), unplaced, list(articles.values()))
