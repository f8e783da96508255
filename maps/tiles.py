"""Base maps from local tiles: a folder of XYZ tiles or an MBTiles file, for maps with no network.

A page opened from disk can show image tiles that sit in a folder beside it (``{z}/{x}/{y}.png``, as
``mb-util`` or ``gdal2tiles.py --xyz`` write them), so a folder is linked by its path relative to the
page. An MBTiles file (SQLite, raster tiles) is unpacked once into such a folder next to the page
(``NAME_tiles/``), and unpacked again only when the file changes. Vector tiles (``pbf``) are not
drawn: Leaflet shows raster tiles only.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .errors import MapError

__all__ = ["TileSource", "local_tiles", "unpack_mbtiles", "folder_tiles", "is_local_tiles"]

_FORMATS = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "webp": "webp"}
_STAMP = ".mbtiles-source.json"


@dataclass(frozen=True)
class TileSource:
    """A base layer: an XYZ address template, its credit line, the zoom levels it has, where it has tiles.

    ``url`` may be relative to the page (``seed_tiles/{z}/{x}/{y}.png``). ``bounds`` is
    ``(south, west, north, east)``: outside it no tile is asked for. Beyond ``max_zoom`` the tiles of
    ``max_zoom`` are enlarged.
    """

    url: str
    attribution: str = "map tiles"
    min_zoom: int = 0
    max_zoom: int = 18
    bounds: tuple[float, float, float, float] | None = None


def is_local_tiles(value: str) -> bool:
    """Whether ``--tiles`` names a local MBTiles file or tile folder (rather than a URL or a keyword)."""
    if value.strip().lower() in ("none", "openstreetmap") or "{z}" in value or "://" in value:
        return False
    path = Path(value).expanduser()
    return path.is_dir() or path.suffix.lower() == ".mbtiles"


def _relative_url(folder: Path, page: Path) -> str:
    """The folder's address as seen from the page: a relative path, or a file: URL across drives."""
    try:
        rel = os.path.relpath(folder.resolve(), page.resolve().parent)
    except ValueError:  # another drive (Windows)
        return folder.resolve().as_uri()
    return quote(Path(rel).as_posix(), safe="/.-_~")


def _zoom_levels(folder: Path) -> list[int]:
    return sorted(int(p.name) for p in folder.iterdir() if p.is_dir() and p.name.isdigit())


def folder_tiles(folder: str | Path, page: str | Path, *, attribution: str | None = None) -> TileSource:
    """A folder of ``{z}/{x}/{y}.EXT`` tiles, linked from ``page`` by its relative path.

    Raises :class:`MapError` when the folder holds no tiles in that layout.
    """
    folder, page = Path(folder).expanduser(), Path(page)
    if not folder.is_dir():
        raise MapError(f"tiles {folder}: no such folder")
    levels = _zoom_levels(folder)
    ext = None
    for z in levels:
        for column in (folder / str(z)).iterdir():
            tile = next((t for t in column.iterdir() if t.stem.isdigit()), None) if column.is_dir() else None
            if tile is not None:
                ext = tile.suffix.lstrip(".")
                break
        if ext:
            break
    if not ext or ext.lower() not in _FORMATS:
        raise MapError(f"tiles {folder}: no {{z}}/{{x}}/{{y}}.png (or .jpg, .webp) tiles in it")
    url = f"{_relative_url(folder, page)}/{{z}}/{{x}}/{{y}}.{ext}"
    return TileSource(url, attribution or "local tiles", levels[0], levels[-1])


def _metadata(db: sqlite3.Connection, path: Path) -> dict[str, str]:
    try:
        return {str(k): str(v) for k, v in db.execute("SELECT name, value FROM metadata")}
    except sqlite3.DatabaseError as err:
        raise MapError(f"tiles {path}: not an MBTiles file ({err})") from None


def _bounds(text: str | None) -> tuple[float, float, float, float] | None:
    try:
        west, south, east, north = (float(v) for v in (text or "").split(","))
    except ValueError:
        return None
    return (south, west, north, east) if south < north and west < east else None


def unpack_mbtiles(path: str | Path, folder: str | Path) -> dict:
    """Write the tiles of MBTiles file ``path`` into ``folder`` as ``{z}/{x}/{y}.EXT`` (the rows of
    MBTiles count from the south, XYZ from the north). Skipped when ``folder`` already holds this
    file's tiles (same size and modification time); otherwise written aside and renamed into place.

    Returns ``{"format", "min_zoom", "max_zoom", "bounds", "attribution"}``. Raises
    :class:`MapError` for a missing, damaged or vector-tile file.
    """
    path, folder = Path(path).expanduser(), Path(folder)
    if not path.is_file():
        raise MapError(f"tiles {path}: no such file")
    stat = path.stat()
    stamp = {"source": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as err:
        raise MapError(f"tiles {path}: cannot open ({err})") from None
    try:
        meta = _metadata(db, path)
        fmt = _FORMATS.get(meta.get("format", "png").lower())
        if fmt is None:
            raise MapError(
                f"tiles {path}: {meta.get('format')} tiles cannot be drawn (give raster tiles: png, jpg, webp)"
            )
        info = {
            "format": fmt,
            "bounds": _bounds(meta.get("bounds")),
            "attribution": meta.get("attribution") or meta.get("name") or "local tiles",
        }
        try:
            low, high = db.execute("SELECT min(zoom_level), max(zoom_level) FROM tiles").fetchone()
        except sqlite3.DatabaseError as err:
            raise MapError(f"tiles {path}: not an MBTiles file ({err})") from None
        if low is None:
            raise MapError(f"tiles {path}: holds no tiles")
        info |= {"min_zoom": int(low), "max_zoom": int(high)}
        if _stamp(folder) == stamp:
            return info
        _unpack(db, path, folder, fmt, stamp)
    finally:
        db.close()
    return info


def _stamp(folder: Path) -> dict | None:
    """What the folder's tiles were unpacked from, ``None`` when unknown."""
    try:
        return json.loads((folder / _STAMP).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _unpack(db: sqlite3.Connection, path: Path, folder: Path, fmt: str, stamp: dict) -> None:
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    except OSError as err:
        raise MapError(f"{folder}: cannot write tiles there ({err.strerror or err})") from None
    try:
        rows = db.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles")
        for z, x, row, data in rows:
            y = (1 << int(z)) - 1 - int(row)
            target = work / str(z) / str(x)
            target.mkdir(parents=True, exist_ok=True)
            (target / f"{y}.{fmt}").write_bytes(data)
        (work / _STAMP).write_text(json.dumps(stamp), "utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(work, folder)
    except sqlite3.DatabaseError as err:
        raise MapError(f"tiles {path}: damaged ({err})") from None
    except OSError as err:
        raise MapError(f"{folder}: cannot write tiles there ({err.strerror or err})") from None
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def local_tiles(source: str | Path, page: str | Path) -> TileSource:
    """The base layer for a page at ``page`` from a tile folder or an MBTiles file (unpacked beside
    the page into ``NAME_tiles/``). The MBTiles credit line is shown as text, not HTML."""
    source, page = Path(source).expanduser(), Path(page)
    if source.is_dir():
        return folder_tiles(source, page)
    folder = page.parent / f"{source.stem}_tiles"
    info = unpack_mbtiles(source, folder)
    url = f"{_relative_url(folder, page)}/{{z}}/{{x}}/{{y}}.{info['format']}"
    return TileSource(url, html.escape(info["attribution"]), info["min_zoom"], info["max_zoom"], info["bounds"])
