"""Claims tables (GeoParquet, CSV, a GeoDataFrame) back to the feature dicts the map is drawn from.

``geo extract`` and ``geo batch`` write the same claims as GeoJSON, as GeoParquet (geopandas
``to_parquet``) or as CSV. Tables flatten nested values: ``quantities``, ``alternatives`` and
``sources`` arrive as JSON strings, integers with gaps as floats, missing values as NaN, and every
CSV cell as text. This module undoes that, so a table maps exactly like the GeoJSON it came from.

>>> feature_from_row({"claim_id": "a#1", "role": "event", "side": "AZ", "fatalities": 3.0,
...                   "quantities": '[{"value": 2, "item": "drone"}]'}, 40.1, 47.2)["properties"]["quantities"]
[{'value': 2, 'item': 'drone'}]
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ClaimsError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = [
    "read_claims_table",
    "is_claims_table",
    "features_from_frame",
    "feature_from_row",
    "JSON_COLUMNS",
    "INT_COLUMNS",
]

#: Columns holding lists or objects, stored in tables as JSON text.
JSON_COLUMNS = frozenset({"quantities", "alternatives", "sources", "mention_evidence"})
#: Columns holding whole numbers (a table with gaps stores them as floats, a CSV as text).
INT_COLUMNS = frozenset(
    {
        "geonameid",
        "precision",
        "time_precision",
        "fatalities",
        "fatalities_max",
        "source_count",
        "start",
        "end",
        "mention_start",
        "mention_end",
    }
)
_FLOAT_COLUMNS = frozenset({"radius_km", "mention_score"})
_BOOL_COLUMNS = frozenset({"needs_review"})
_MAX_REASON = 160


def _plain(value: Any) -> Any:
    """A JSON-like Python value from whatever a DataFrame cell holds (NumPy scalars, arrays, NaN, Timestamps)."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist"):  # NumPy scalars and arrays (Parquet lists come back as arrays)
        return _plain(value.tolist())
    if hasattr(value, "isoformat"):  # pandas Timestamp, datetime, date
        try:
            text = value.isoformat()
        except ValueError:  # NaT
            return None
        return text[:10] if text.endswith("T00:00:00") else text
    try:
        if value != value:  # pandas NA and friends
            return None
    except TypeError:
        return None
    return value


def _typed(key: str, value: Any) -> Any:
    """``value`` of column ``key`` with its contract type restored."""
    value = _plain(value)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if key in JSON_COLUMNS and text[0] in "[{":
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                return value
        if key in _BOOL_COLUMNS:
            return text.lower() in ("true", "1", "yes")
        if key in INT_COLUMNS or key in _FLOAT_COLUMNS:
            try:
                value = float(text)
            except ValueError:
                return value
    if key in INT_COLUMNS and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _cells(key: str, cells: list) -> list:
    """One column's cells with their contract types; null cells and plain text take a short path."""
    if key in INT_COLUMNS:
        return [c if c is None else int(c) if type(c) is float and c.is_integer() else _typed(key, c) for c in cells]
    if key in _FLOAT_COLUMNS:
        return [c if c is None or type(c) is float else _typed(key, c) for c in cells]
    if key in JSON_COLUMNS or key in _BOOL_COLUMNS:
        return [c if c is None else _typed(key, c) for c in cells]
    return [c if c is None or (type(c) is str and c.strip()) else _typed(key, c) for c in cells]


def _features(columns: dict[str, list], points: list[tuple[float | None, float | None]]) -> list[dict]:
    keys = list(columns)
    typed = [_cells(k, columns[k]) for k in keys]
    out = []
    for (lat, lon), values in zip(points, zip(*typed, strict=True) if keys else [()] * len(points), strict=True):
        geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
        out.append({"type": "Feature", "geometry": geometry, "properties": dict(zip(keys, values, strict=True))})
    return out


def feature_from_row(row: Mapping[str, Any], lat: float | None, lon: float | None) -> dict:
    """A GeoJSON feature dict from one table row and its point (``None`` for a claim with no place).

    Empty and blank cells become ``None``.
    """
    return _features({str(k): [v] for k, v in row.items()}, [(_number(lat), _number(lon))])[0]


def features_from_frame(frame: geopandas.GeoDataFrame, *, source: str = "claims", mentions: bool = True) -> list[dict]:
    """The features of a GeoDataFrame (or a DataFrame with ``lat``/``lon`` columns), one per row, in WGS 84.

    ``mentions=False`` leaves out the rows of role ``other`` (place mentions that are not claims; a
    map does not draw them, and a batch holds about as many of them as claims).

    Raises :class:`ClaimsError` when a geometry is not a point, or when a plain DataFrame has no
    ``lat``/``lon`` columns.
    """
    if not mentions and "role" in frame.columns:
        frame = frame[frame["role"] != "other"]
    geometry_name = getattr(frame, "_geometry_column_name", None)
    if geometry_name is not None and geometry_name in frame.columns:
        if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
            frame = frame.to_crs("EPSG:4326")
        points = []
        for i, geom in enumerate(frame[geometry_name]):
            if geom is None or geom.is_empty:
                points.append((None, None))
            elif geom.geom_type == "Point":
                points.append((geom.y, geom.x))
            else:
                raise ClaimsError(f"{source}, row {i}: geometry must be a Point or empty, not a {geom.geom_type}")
        frame = frame.drop(columns=[geometry_name])
    elif {"lat", "lon"} <= set(frame.columns):
        points = [(_number(a), _number(b)) for a, b in zip(frame["lat"].tolist(), frame["lon"].tolist(), strict=True)]
        frame = frame.drop(columns=["lat", "lon"])
    else:
        raise ClaimsError(f"{source}: neither a geometry column nor lat/lon columns")
    return _features({str(k): _nulls_as_none(frame[k]) for k in frame.columns}, points)


def _nulls_as_none(column) -> list:
    """A pandas column as a list, its missing values (NaN, NA, None) as ``None``."""
    return column.astype(object).where(column.notna(), None).tolist()


def _number(value: Any) -> float | None:
    """A coordinate from a cell, ``None`` when it is empty, NaN or not a number."""
    value = _plain(value)
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _reason(err: BaseException) -> str:
    text = (str(err).strip().splitlines() or [type(err).__name__])[0]
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 1] + "…"


def _read_parquet(path: Path, mentions: bool) -> list[dict]:
    import geopandas
    import pandas

    try:
        frame = geopandas.read_parquet(path)
    except FileNotFoundError:
        raise ClaimsError(f"{path}: no such file") from None
    except ValueError as err:
        if "geo metadata" not in str(err):  # a damaged file; else a plain Parquet table: try lat/lon below
            raise ClaimsError(f"{path}: cannot read as GeoParquet ({_reason(err)})") from None
        try:
            frame = pandas.read_parquet(path)
        except Exception as err2:  # pyarrow raises many kinds; all mean "unreadable"
            raise ClaimsError(f"{path}: cannot read as Parquet ({_reason(err2)})") from None
    except Exception as err:  # pyarrow raises many kinds; all mean "unreadable"
        raise ClaimsError(f"{path}: cannot read as GeoParquet ({_reason(err)})") from None
    return features_from_frame(frame, source=str(path), mentions=mentions)


def _read_csv(path: Path, mentions: bool) -> list[dict]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        raise ClaimsError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise ClaimsError(f"{path}: cannot read as CSV ({_reason(err)})") from None
    if not mentions:
        rows = [row for row in rows if row.get("role") != "other"]
    points = [(_number(row.pop("lat", None)), _number(row.pop("lon", None))) for row in rows]
    keys = [k for k in rows[0] if k is not None] if rows else []
    return _features({k: [row.get(k) for row in rows] for k in keys}, points)


def is_claims_table(path: str | Path) -> bool:
    """Whether ``path`` names a claims table: a ``.parquet``, or a ``.csv`` with ``claim_id`` and ``role`` columns.

    Any other CSV (or one that cannot be read) is left to the article readers, which report their errors.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".geoparquet"):
        return True
    if suffix != ".csv":
        return False
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader([fh.readline()]), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return False
    return {"claim_id", "role"} <= {h.strip() for h in header}


def read_claims_table(path: str | Path, *, mentions: bool = False) -> list[dict]:
    """The claim features of a GeoParquet (``.parquet``) or CSV (``.csv``) file as ``geo`` writes them.

    Rows of role ``other`` (place mentions that are not claims) are left out unless ``mentions``.
    Raises :class:`ClaimsError` with one line naming the file when it is missing or unreadable.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".geoparquet"):
        return _read_parquet(path, mentions)
    if suffix == ".csv":
        return _read_csv(path, mentions)
    raise ClaimsError(f"{path}: not a claims table (.parquet or .csv)")
