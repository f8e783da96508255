"""Value objects: a place, one of its names, and a search match."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Name", "Place", "Match", "ABBREVIATION"]

#: Language tag of abbreviations and initialisms (postal and AP state codes, "UK", "EU").
ABBREVIATION = "abbr"


@dataclass(frozen=True, slots=True)
class Name:
    """One name of a place, with its language tag when the source gives one.

    The tag :data:`ABBREVIATION` marks abbreviations and initialisms ("KY", "Ky.", "U.S."): exact
    spellings only, never matched by sound, and returned by a plain search only on the conditions
    :meth:`gazetteer.Gazetteer.search` documents.
    """

    text: str
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A place: GeoNames id where known (negative ids for places from other sources).

    ``radius_km`` is set for areas (countries, provinces, regions) and says how far from the
    representative point the area reaches; points have ``None``.
    """

    id: int
    name: str
    lat: float
    lon: float
    country_code: str = ""
    admin1: str = ""
    feature_class: str = "P"
    feature_code: str = "PPL"
    population: int = 0
    names: tuple[Name, ...] = field(default=(), compare=False, repr=False)
    radius_km: float | None = None
    source: str = ""
    #: How many distinct names the place has: a proxy for how well known it is.
    n_names: int = 0
    #: For areas, a point inside their populated land (the median of their places), for a map marker
    #: when ``lat``/``lon`` (the area's centre, as GeoNames gives it) falls in empty land or sea.
    display_lat: float | None = None
    display_lon: float | None = None

    @property
    def geonameid(self) -> int | None:
        """The GeoNames id, or ``None`` for places that do not come from GeoNames."""
        return self.id if self.id > 0 else None


@dataclass(frozen=True, slots=True)
class Match:
    """A search result: the place, a score in [0, 1] and the name that matched.

    ``score`` reads as a confidence: 1.0 only for the exact name of a most prominent place (or a
    match the ``country``/``near`` bias confirms), lower for small places and for names matched
    by sound (a misspelling never scores 1.0).

    ``similarity`` is the name similarity alone (above 1 for an exact spelling) and ``prior``
    what the place's size, fame and kind added; callers that rank in context (an article's other
    places) combine these themselves.
    """

    place: Place
    score: float
    matched: str
    similarity: float = 0.0
    prior: float = 0.0
    #: How the name matched: ``"exact"`` (the place's own primary name), ``"alternate"`` (another
    #: stored name, spelled so), ``"abbreviation"`` (an abbreviation, spelled so), ``"pivot"`` (the
    #: primary name of a place that an exact match names) or ``"similar"`` (by sound).
    kind: str = "similar"
    #: How prominent the place is, in [0, 1] (see :func:`gazetteer.prominence.prominence`).
    prominence: float = 0.0

    def as_dict(self) -> dict:
        """The contract's JSON shape for ``geo geocode`` results."""
        p = self.place
        return {
            "geonameid": p.geonameid,
            "name": p.name,
            "lat": p.lat,
            "lon": p.lon,
            "country_code": p.country_code,
            "admin1": p.admin1,
            "feature_class": p.feature_class,
            "feature_code": p.feature_code,
            "population": p.population,
            "radius_km": p.radius_km,
            "score": round(self.score, 4),
            "matched": self.matched,
            "source": p.source,
        }
