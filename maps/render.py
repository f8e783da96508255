"""Claims to a Leaflet map (folium): one marker per place, popups, filters, panels, clustering.

The map's only scripts are Leaflet and Leaflet.markercluster (no jQuery, Bootstrap or icon fonts),
vendored in the package and by default inlined (see :mod:`maps.assets`), plus this package's
``static/*.js``, which draw everything from one JSON document. With ``tiles="none"`` or local
tiles (:mod:`maps.tiles`) the page needs no network at all.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .assets import CDN, INLINE, asset_tags, inline_script, inline_style, vendor_assets, write_assets
from .claims import MapData, prepare
from .errors import ClaimsError, MapError
from .payload import build_payload
from .tables import features_from_frame
from .tiles import TileSource, is_local_tiles, local_tiles

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import jinja2

__all__ = ["render", "MapOptions", "DEFAULT_MAP_OPTIONS", "ASSETS", "page_options"]

#: The CDN address of each script and style sheet the page needs, by name (``assets="cdn"``).
ASSETS = {a.name: a.cdn for a in vendor_assets()}

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
        ``"openstreetmap"``, any XYZ URL template (``https://.../{z}/{x}/{y}.png``, or relative to
        the page: ``tiles/{z}/{x}/{y}.png``), a :class:`~maps.tiles.TileSource`, or ``"none"`` for a
        map without a base layer. For a local MBTiles file or tile folder see :func:`page_options`.
    attribution:
        Credit line for custom tiles.
    assets:
        Where Leaflet comes from: ``"inline"`` (in the page; works with no network), ``"cdn"``, or the
        address of a folder :func:`maps.assets.write_assets` filled (relative to the page or a URL).
    zoom_start, center:
        The view before it is fitted to the claims (used when nothing has a place).
    """

    tiles: str | TileSource = "openstreetmap"
    attribution: str | None = None
    assets: str = INLINE
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
    """One of the package's own scripts or style sheets, checked as inlined vendor files are."""
    text = resources.files("maps").joinpath(f"static/{name}").read_text("utf-8")
    (inline_script if name.endswith(".js") else inline_style)(text, f"static/{name}")
    return text


def page_options(
    page: str | Path, *, tiles: str = "openstreetmap", assets: str = INLINE, attribution: str | None = None
) -> MapOptions:
    """The options of a map to be written at ``page``, doing the file work they need first.

    ``assets``: ``"inline"``, ``"cdn"``, or a folder (created) that Leaflet's files are copied into,
    linked from the page by its relative path. ``tiles``: as :class:`MapOptions`, or a local MBTiles
    file (unpacked once into ``NAME_tiles/`` beside the page) or tile folder (``{z}/{x}/{y}.png``).
    Raises :class:`MapError` when a file cannot be read or written.
    """
    page = Path(page)
    if assets not in (INLINE, CDN):
        if re.match(r"(?i)^https?://", assets):
            raise MapError(f"assets {assets!r}: give 'inline', 'cdn' or a folder to copy Leaflet into")
        folder = Path(assets).expanduser()
        write_assets(folder)
        try:
            assets = Path(os.path.relpath(folder.resolve(), page.resolve().parent)).as_posix() + "/"
        except ValueError:  # another drive (Windows)
            assets = folder.resolve().as_uri() + "/"
    source: str | TileSource = local_tiles(tiles, page) if is_local_tiles(tiles) else tiles
    return MapOptions(tiles=source, attribution=attribution, assets=assets)


def _classes():
    """folium classes, built on first use (importing folium costs a moment)."""
    import folium
    from folium.elements import Element, JSCSSMixin

    class Verbatim(Element):
        """Text put into the page as it is. branca wraps a macro's output in ``Element(text)``, which
        compiles the text as a Jinja template: article text such as ``{{ ... }}`` would run."""

        def __init__(self, text: str):
            super().__init__()
            self.text = text

        def render(self, **kwargs) -> str:
            return self.text

    class ClaimMap(folium.Map):
        # Leaflet and markercluster only (folium's jQuery, Bootstrap and icon fonts are not needed),
        # put in the page by asset_tags: inlined, or linked from a CDN or a folder.
        default_js: list = []
        default_css: list = []

        def __init__(self, *args, assets: str = INLINE, **kwargs):
            super().__init__(*args, **kwargs)
            self.asset_markup = asset_tags(assets)

        def render(self, **kwargs) -> None:
            self.get_root().header.add_child(Verbatim(self.asset_markup), name="geo_claims_assets", index=0)
            super().render(**kwargs)

    class ClaimsLayer(JSCSSMixin):
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
    # maxZoom on the map itself: clustering needs it, also with no base layer.
    m = ClaimMap(
        location=list(options.center),
        zoom_start=options.zoom_start,
        tiles=None,
        control_scale=True,
        maxZoom=18,
        assets=options.assets,
    )
    source = _tile_source(options)
    if source is not None:
        extra = {"bounds": [source.bounds[:2], source.bounds[2:]]} if source.bounds else {}
        layer = folium.TileLayer(
            source.url, attr=source.attribution, name="base map", max_zoom=18, min_native_zoom=source.min_zoom, **extra
        )
        layer.options["max_native_zoom"] = source.max_zoom  # folium reads 0 as "not given"
        layer.add_to(m)
    m.get_root().title = html.escape(payload["title"]["headline"] or "Claims map")
    ClaimsLayer(payload).add_to(m)
    return m


def _tile_source(options: MapOptions) -> TileSource | None:
    """The base layer of ``options``, ``None`` for ``"none"``; raises :class:`MapError` for an address
    that is not an http(s), file: or relative XYZ template."""
    tiles = options.tiles
    if isinstance(tiles, TileSource):
        url, source = tiles.url, tiles
    else:
        tiles = tiles.strip()
        if tiles.lower() == "none":
            return None
        url, attribution = _TILES.get(tiles.lower(), (tiles, options.attribution or "map tiles"))
        source = TileSource(url, attribution)
    other_scheme = re.match(r"(?i)^(?!https?://|file:)[a-z][a-z0-9+.-]*:", url)
    if "{z}" not in url or other_scheme or url.lstrip().startswith("//"):
        raise MapError(
            f"tiles {url!r}: give an http(s) or relative XYZ template with {{z}}/{{x}}/{{y}}, an MBTiles file "
            "or tile folder, 'openstreetmap' or 'none'"
        )
    return source


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
