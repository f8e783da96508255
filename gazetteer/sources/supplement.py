"""User and packaged supplements: extra places or extra names, as CSV or GeoJSON.

CSV columns (DESIGN.md): ``name, lat, lon, country_code, feature_class, feature_code,
population, alternate_names`` (``|``-separated), optional ``geonameid`` (attach the names to
that existing place), ``source``. GeoJSON: Point features whose properties use the same keys
(``alternate_names`` may also be a list).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from ..errors import SourceError
from ..place import Name, Place
from .base import OnError, Source

__all__ = ["Supplement", "PackagedSupplement", "parse_record"]

_REQUIRED = ("name", "lat", "lon")


def _synthetic_id(name: str, lat: float, lon: float) -> int:
    """A stable negative id for a place without a GeoNames id."""
    digest = hashlib.sha1(f"{name}|{lat:.4f}|{lon:.4f}".encode()).hexdigest()
    return -int(digest[:12], 16)


def parse_record(rec: dict, *, source_name: str) -> Place:
    """Turn one supplement record (CSV row or GeoJSON properties) into a :class:`Place`."""
    missing = [k for k in _REQUIRED if not str(rec.get(k) or "").strip()]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    name = str(rec["name"]).strip()
    try:
        lat, lon = float(rec["lat"]), float(rec["lon"])
    except (TypeError, ValueError):
        raise ValueError(f"lat/lon {rec.get('lat')!r}, {rec.get('lon')!r} are not numbers") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates {lat}, {lon} are out of range")
    alt = rec.get("alternate_names") or []
    if isinstance(alt, str):
        alt = alt.split("|")
    gid_text = str(rec.get("geonameid") or "").strip()
    try:
        gid = int(gid_text) if gid_text else _synthetic_id(name, lat, lon)
        population = int(float(rec.get("population") or 0))
    except ValueError:
        raise ValueError(f"geonameid {gid_text!r} or population {rec.get('population')!r} is not a number") from None
    radius = rec.get("radius_km")
    return Place(
        id=gid,
        name=name,
        lat=lat,
        lon=lon,
        country_code=str(rec.get("country_code") or "").strip().upper(),
        feature_class=str(rec.get("feature_class") or "P").strip() or "P",
        feature_code=str(rec.get("feature_code") or "PPL").strip() or "PPL",
        population=population,
        names=(Name(name), *(Name(n.strip()) for n in alt if n and n.strip())),
        radius_km=float(radius) if radius not in (None, "") else None,
        source=source_name,
    )


class Supplement(Source):
    """A CSV or GeoJSON file of extra places, or of extra names for known places."""

    kind = "supplement"
    licence = "as stated in the file's source column"
    attribution = "user supplement"

    def __init__(self, path: str | Path, *, on_error: OnError = "raise", text: str | None = None):
        super().__init__(on_error=on_error)
        self._path = Path(path)
        self._text = text

    @property
    def path(self) -> str:
        return str(self._path)

    def _read(self) -> str:
        if self._text is not None:
            return self._text
        try:
            return self._path.read_text("utf-8-sig")
        except FileNotFoundError:
            raise SourceError(f"{self._path}: no such file") from None
        except UnicodeDecodeError as err:
            raise SourceError(f"{self._path}: not UTF-8 text ({err.reason})") from err
        except OSError as err:
            raise SourceError(f"{self._path}: cannot read ({err.strerror or err})") from err

    def places(self) -> Iterator[Place]:
        text = self._read()
        if self._path.suffix.lower() in (".geojson", ".json") or text.lstrip().startswith("{"):
            yield from self._geojson(text)
        else:
            yield from self._csv(text)

    def _csv(self, text: str) -> Iterator[Place]:
        reader = csv.DictReader(text.splitlines())
        header = reader.fieldnames or []
        absent = [k for k in _REQUIRED if k not in header]
        if absent:
            raise SourceError(f"{self.path}, line 1: the CSV header lacks {', '.join(absent)}")
        for rec in reader:
            try:
                yield parse_record(rec, source_name=self.kind)
            except ValueError as err:
                self._bad(self.path, reader.line_num, str(err))

    def _geojson(self, text: str) -> Iterator[Place]:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as err:
            raise SourceError(f"{self.path}, line {err.lineno}: not valid JSON ({err.msg})") from err
        features = doc.get("features") if isinstance(doc, dict) else None
        if not isinstance(features, list):
            raise SourceError(f"{self.path}: not a GeoJSON FeatureCollection")
        for i, feat in enumerate(features):
            try:
                geom = feat.get("geometry") or {}
                if geom.get("type") != "Point":
                    raise ValueError("geometry is not a Point")
                lon, lat = geom["coordinates"][:2]
                rec = dict(feat.get("properties") or {}, lat=lat, lon=lon)
                yield parse_record(rec, source_name=self.kind)
            except (ValueError, TypeError, KeyError, AttributeError) as err:
                self._bad(self.path, i + 1, f"feature {i}: {err}")


class PackagedSupplement(Supplement):
    """The curated supplement shipped in ``gazetteer/data/supplement.csv``."""

    kind = "packaged-supplement"
    licence = "facts from the public sources cited per row (see data/SUPPLEMENT_SOURCES.md)"
    attribution = "curated for this project"

    def __init__(self) -> None:
        res = resources.files("gazetteer").joinpath("data/supplement.csv")
        super().__init__("gazetteer/data/supplement.csv", text=res.read_text("utf-8"))
