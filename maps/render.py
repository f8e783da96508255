"""Claims to a Leaflet map (folium): one marker per place, popups, filters, panels, clustering.

The map's only scripts are Leaflet and Leaflet.markercluster (no jQuery, Bootstrap or icon fonts),
plus this package's ``static/claims.js``, which draws everything from one JSON document.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from .claims import MapData, prepare
from .errors import ClaimsError, MapError
from .payload import build_payload
from .tables import features_from_frame

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import jinja2

__all__ = ["render", "MapOptions", "DEFAULT_MAP_OPTIONS", "ASSETS"]

#: Script and style sheets the page loads, by name (tests and offline users may serve them locally).
ASSETS = {
    "leaflet": "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js",
    "leaflet_css": "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css",
    "markercluster": "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js",
    "markercluster_css": "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/MarkerCluster.css",
    "markercluster_default_css": "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/MarkerCluster.Default.css",
}

_TILES = {
    "openstreetmap": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
}


@dataclass(frozen=True)
class MapOptions:
    """Tunables of the map.

    Attributes
    ----------
    tiles:
        ``"openstreetmap"``, any XYZ URL template (``https://.../{z}/{x}/{y}.png``), or ``"none"``
        for a map without a base layer (fully offline once the scripts are local).
    attribution:
        Credit line for custom tiles.
    zoom_start, center:
        The view before it is fitted to the claims (used when nothing has a place).
    """

    tiles: str = "openstreetmap"
    attribution: str | None = None
    zoom_start: int = 5
    center: tuple[float, float] = (38.0, 40.0)


DEFAULT_MAP_OPTIONS = MapOptions()


def _jinja() -> jinja2.Environment:
    """A template environment whose ``tojson`` keeps non-ASCII text as UTF-8 (Arabic costs 2 bytes a
    letter, not 6) and drops spaces; it still escapes ``< > & '``, so no string can end the script."""
    import jinja2

    env = jinja2.Environment(autoescape=False)
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":"), "sort_keys": False}
    return env


def _static(name: str) -> str:
    return resources.files("maps").joinpath(f"static/{name}").read_text("utf-8")


def _classes():
    """folium classes, built on first use (importing folium costs a moment)."""
    import folium
    from folium.elements import Element, JSCSSMixin

    class ClaimMap(folium.Map):
        # Leaflet only: folium's default jQuery, Bootstrap and icon fonts are not needed.
        default_js = [("leaflet", ASSETS["leaflet"])]
        default_css = [("leaflet_css", ASSETS["leaflet_css"])]

    class Verbatim(Element):
        """Text put into the page as it is. branca wraps a macro's output in ``Element(text)``, which
        compiles the text as a Jinja template: article text such as ``{{ ... }}`` would run."""

        def __init__(self, text: str):
            super().__init__()
            self.text = text

        def render(self, **kwargs) -> str:
            return self.text

    class ClaimsLayer(JSCSSMixin):
        default_js = [("markercluster", ASSETS["markercluster"])]
        default_css = [
            ("markercluster_css", ASSETS["markercluster_css"]),
            ("markercluster_default_css", ASSETS["markercluster_default_css"]),
        ]
        # The claims call keeps its JSON right after the map's name: ``(claims.js)(map_x, {...});``.
        _parts = _jinja().from_string(
            "{% macro header(this) %}<style>{{ this.css }}</style>{% endmacro %}"
            "{% macro script(this) %}"
            "window.geoClaimsPopups = {{ this.popups_js }};\n"
            "{{ this.js }}({{ this._parent.get_name() }}, {{ this.data|tojson }});\n"
            "{{ this.timeline_js }}({{ this._parent.get_name() }}, window.geoClaims);"
            "{% endmacro %}"
        )

        def __init__(self, data: dict):
            super().__init__()
            self._name = "ClaimsLayer"
            self.data = data
            self.popups_js = _static("popups.js")
            self.js = _static("claims.js")
            self.timeline_js = _static("timeline.js")
            self.css = _static("claims.css") + _static("timeline.css")

        def render(self, **kwargs) -> None:
            super().render(**kwargs)  # the script and style links (this element's own template is empty)
            figure = self.get_root()
            figure.header.add_child(Verbatim(self._parts.module.header(self)), name=self.get_name())
            figure.script.add_child(Verbatim(self._parts.module.script(self)), name=self.get_name())

    return folium, ClaimMap, ClaimsLayer


def render(
    claims: Iterable[Mapping] | Mapping | MapData,
    *,
    title: str | None = None,
    options: MapOptions = DEFAULT_MAP_OPTIONS,
) -> folium.Map:
    """A Leaflet map of ``claims``: GeoJSON features as ``geo extract`` writes them (a list, a
    FeatureCollection dict, or a GeoDataFrame), or prepared :class:`MapData`.

    In a notebook the returned ``folium.Map`` shows inline; ``.save(path)`` writes the HTML.
    """
    data = _as_map_data(claims)
    folium, ClaimMap, ClaimsLayer = _classes()
    payload = build_payload(data, title=title)
    tiles = options.tiles.strip()
    # maxZoom on the map itself: clustering needs it, also with no base layer.
    m = ClaimMap(
        location=list(options.center), zoom_start=options.zoom_start, tiles=None, control_scale=True, maxZoom=18
    )
    if tiles.lower() != "none":
        url, attribution = _TILES.get(tiles.lower(), (tiles, options.attribution or "map tiles"))
        if "{z}" not in url or not url.lower().startswith(("https://", "http://")):
            raise MapError(
                f"tiles {tiles!r}: give an http(s) XYZ URL with {{z}}/{{x}}/{{y}}, 'openstreetmap' or 'none'"
            )
        folium.TileLayer(url, attr=attribution, name="base map", max_zoom=18).add_to(m)
    m.get_root().title = html.escape(payload["title"]["headline"] or "Claims map")
    ClaimsLayer(payload).add_to(m)
    return m


def _as_map_data(claims) -> MapData:
    if isinstance(claims, MapData):
        return claims
    if hasattr(claims, "to_dict") and hasattr(claims, "columns"):  # a (Geo)DataFrame
        claims = features_from_frame(claims, mentions=False)
    if isinstance(claims, Mapping):
        if claims.get("type") != "FeatureCollection":
            raise ClaimsError("claims: not a GeoJSON FeatureCollection")
        claims = claims.get("features") or []
    return prepare(claims)
