"""Read-only access to a built index file (see :mod:`gazetteer.index` for how it is written).

Search reads three things, and each is kept cheap in Python:

- places by id, as :class:`PlaceRow` tuples (ranking needs a few fields of up to a hundred
  candidates per search; a :class:`~gazetteer.place.Place` is made only for the matches returned),
  the rows of recent searches kept in memory;
- the phonetic forms of a set of coarse keys (:meth:`IndexReader.by_keys`), one short row per key,
  split into plain lists;
- the places of the forms that score well (:meth:`FormBucket.fetch_at`), stored in the same
  bucket row: no lookup per form.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .buckets import BucketRow, FormBucket
from .errors import IndexCorrupt, IndexMissing, IndexOutdated
from .layout import BUCKET_SEP, INDEX_FILE, INDEX_FORMAT, SQLITE_MAGIC, fingerprint
from .place import Name, Place

if TYPE_CHECKING:
    import numpy

__all__ = ["IndexReader", "FormBucket", "BucketRow", "PlaceRow", "PLACE_CACHE"]

#: How many places :meth:`IndexReader.places` / :meth:`IndexReader.rows` keep in memory (about 30 MB):
#: the searches of a corpus keep meeting the same places (8 % faster on the names of two corpora).
PLACE_CACHE = 100_000
_CHUNK = 500  # ids per query
_MAX_VARIABLES = 900  # bound parameters per query (SQLite's oldest limit is 999)


class PlaceRow(NamedTuple):
    """One row of the ``places`` table, its empty values made as :class:`~gazetteer.place.Place`
    makes them: the fields ranking reads, under the names ``Place`` gives them."""

    id: int
    name: str
    lat: float
    lon: float
    country_code: str
    admin1: str
    feature_class: str
    feature_code: str
    population: int
    radius_km: float | None
    source: str
    n_names: int
    display_lat: float | None
    display_lon: float | None

    def place(self) -> Place:
        """The :class:`~gazetteer.place.Place` of this row (without its names)."""
        return Place(
            self.id,
            self.name,
            self.lat,
            self.lon,
            self.country_code,
            self.admin1,
            self.feature_class,
            self.feature_code,
            self.population,
            (),
            self.radius_km,
            self.source,
            self.n_names,
            self.display_lat,
            self.display_lon,
        )


# The columns of PlaceRow; COALESCE gives what ``x or ""`` / ``x or 0`` gave (a NULL is the only
# false value these columns hold besides "" and 0 themselves).
_ROW_COLUMNS = (
    "id, name, lat, lon, COALESCE(country_code, ''), COALESCE(admin1, ''), COALESCE(feature_class, ''), "
    "COALESCE(feature_code, ''), COALESCE(population, 0), radius_km, COALESCE(source, ''), COALESCE(n_names, 0), "
    "display_lat, display_lon"
)
_make_row = PlaceRow._make


class IndexReader:
    """Read-only access to a built index file; validates it on opening."""

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        self.path = self.directory / INDEX_FILE
        if not self.path.is_file():
            if self.directory.exists() and not self.directory.is_dir():
                raise IndexCorrupt(f"{self.directory}: is a file, not an index directory")
            raise IndexMissing(f"{self.directory}: no gazetteer index here (expected {INDEX_FILE})")
        try:
            with open(self.path, "rb") as fh:
                magic = fh.read(16)
        except OSError as err:
            raise IndexCorrupt(f"{self.path}: cannot read ({err.strerror or err})") from err
        # The in-memory filters are a numpy array and a dict of keys only: the garbage collector walks
        # neither (it walks every item of a set, about a million here, at each full collection).
        self._hashes: numpy.ndarray | None = None
        self._bucket_keys: dict[str, None] | None = None
        self._place_cache: dict[int, Place] = {}
        self._row_cache: dict[int, PlaceRow] = {}
        self._supplements: frozenset[int] | None = None
        if magic != SQLITE_MAGIC:
            raise IndexCorrupt(f"{self.path}: not a gazetteer index (the file holds something else)")
        try:
            self.con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self.meta = dict(self.con.execute("SELECT key, value FROM meta"))
            self.con.execute("SELECT id FROM places LIMIT 1").fetchall()
            self.con.execute("SELECT norm FROM names LIMIT 1").fetchall()
            self.con.execute("SELECT pf, key FROM forms LIMIT 1").fetchall()
            if self.meta.get("format") == str(INDEX_FORMAT):
                self.con.execute("SELECT key, forms, places FROM buckets LIMIT 1").fetchall()
                self.con.execute("SELECT data FROM bucket_keys LIMIT 1").fetchall()
        except sqlite3.DatabaseError as err:
            raise IndexCorrupt(f"{self.path}: damaged gazetteer index ({err})") from err
        if self.meta.get("format") != str(INDEX_FORMAT) or self.meta.get("fingerprint") != fingerprint():
            self.con.close()
            raise IndexOutdated(
                f"{self.path}: built by an incompatible version (format {self.meta.get('format')}, "
                f"package {self.meta.get('package_version')}); rebuild it"
            )

    def sources(self) -> list[dict]:
        """The sources the index was built from, with their counts."""
        try:
            return json.loads(self.meta.get("sources", "[]"))
        except ValueError:
            return []

    def place(self, row: tuple) -> Place:
        """The :class:`~gazetteer.place.Place` of a raw ``places`` row (``SELECT *``)."""
        (pid, name, lat, lon, cc, admin1, fclass, fcode, pop, radius, source, n_names, dlat, dlon) = row
        return Place(
            pid,
            name,
            lat,
            lon,
            cc or "",
            admin1 or "",
            fclass or "",
            fcode or "",
            pop or 0,
            (),
            radius,
            source or "",
            n_names or 0,
            dlat,
            dlon,
        )

    def rows(self, ids: Iterable[int]) -> dict[int, PlaceRow]:
        """The rows of places by id (in no particular order); unknown ids are left out.

        The rows of recent calls are kept in memory (up to PLACE_CACHE of them): searches for
        the names of one text keep meeting the same places.
        """
        cache = self._row_cache
        out: dict[int, PlaceRow] = {}
        missing = []
        for pid in ids:
            row = cache.get(pid)
            if row is None:
                missing.append(pid)
            else:
                out[pid] = row
        if not missing:
            return out
        if len(cache) + len(missing) > PLACE_CACHE:
            cache.clear()
        for i in range(0, len(missing), _CHUNK):
            chunk = missing[i : i + _CHUNK]
            q = f"SELECT {_ROW_COLUMNS} FROM places WHERE id IN ({','.join('?' * len(chunk))})"
            for r in self.con.execute(q, chunk):
                out[r[0]] = cache[r[0]] = _make_row(r)
        return out

    def places(self, ids: Iterable[int]) -> dict[int, Place]:
        """Fetch places by id (in no particular order); unknown ids are left out.

        The places of recent calls are kept in memory (up to PLACE_CACHE of them).
        """
        cache = self._place_cache
        out: dict[int, Place] = {}
        missing = []
        for pid in ids:
            place = cache.get(pid)
            if place is None:
                missing.append(pid)
            else:
                out[pid] = place
        if not missing:
            return out
        if len(cache) + len(missing) > PLACE_CACHE:
            cache.clear()
        for pid, row in self.rows(missing).items():
            out[pid] = cache[pid] = row.place()
        return out

    def place_of(self, row: PlaceRow) -> Place:
        """The :class:`~gazetteer.place.Place` of a row from :meth:`rows` (the one kept in memory, if any)."""
        cache = self._place_cache
        place = cache.get(row.id)
        if place is None:
            if len(cache) >= PLACE_CACHE:
                cache.clear()
            place = cache[row.id] = row.place()
        return place

    def supplement_ids(self) -> frozenset[int]:
        """Ids of the places from a supplement (a source whose name ends in "supplement"; a few
        others may be among them), read once: ranking gives these a bonus."""
        if self._supplements is None:
            q = "SELECT id FROM places WHERE source LIKE '%supplement'"  # LIKE ignores case: a superset
            self._supplements = frozenset(pid for (pid,) in self.con.execute(q))
        return self._supplements

    def names_of(self, place_id: int) -> tuple[Name, ...]:
        """All names of one place, with language tags where known."""
        rows = self.con.execute("SELECT name, lang FROM names WHERE place_id = ? ORDER BY rowid", (place_id,))
        return tuple(Name(n, lang) for n, lang in rows)

    def maybe_names(self, norms: Iterable[str]) -> list[bool]:
        """For each folded string, whether it may be some place's name (no false negatives).

        The hashes of every stored name answer in memory (a set built on first use from the
        index's sorted hash array); a ``True`` is confirmed by :meth:`by_norm`.
        """
        import numpy

        if self._hashes is None:
            self._hashes = self._hash_array("name_hashes")
        crc = zlib.crc32
        wanted = numpy.array([crc(norm.encode("utf-8")) for norm in norms], dtype=self._hashes.dtype)
        return _in_sorted(self._hashes, wanted).tolist()

    def _hash_array(self, table: str) -> numpy.ndarray:
        """The 32-bit hashes stored as one sorted array in ``table`` (see index._write_hashes), read
        as they are stored: no per-item work at opening, and nothing for the garbage collector to walk."""
        import numpy

        (blob,) = self.con.execute(f"SELECT data FROM {table}").fetchone()
        return numpy.frombuffer(blob, dtype=numpy.uintc)

    def _unknown(self, norm: str) -> bool:
        """Whether no stored name folds to ``norm`` (answered in memory once the name filter is loaded)."""
        if self._hashes is None:
            return False
        import numpy

        wanted = numpy.array([zlib.crc32(norm.encode("utf-8"))], dtype=self._hashes.dtype)
        return not _in_sorted(self._hashes, wanted)[0]

    def by_norm(self, norm: str) -> list[tuple[int, str]]:
        """``(place id, name)`` of names that fold to ``norm``.

        Once the in-memory name filter is loaded (see :meth:`maybe_names`), a name it does not
        know is answered without asking the database.
        """
        if self._unknown(norm):
            return []
        return self.con.execute("SELECT place_id, name FROM names WHERE norm = ?", (norm,)).fetchall()

    def by_norm_tagged(self, norm: str) -> list[tuple[int, str, str | None]]:
        """``(place id, name, language tag)`` of names that fold to ``norm``."""
        if self._unknown(norm):
            return []
        return self.con.execute("SELECT place_id, name, lang FROM names WHERE norm = ?", (norm,)).fetchall()

    def by_keys(self, keys: Iterable[str]) -> FormBucket:
        """Phonetic forms whose coarse key is in ``keys``: ``{form: [(place id, name), ...]}``.

        The forms come in the order of ``(key, form)``. Keys no form has are dropped in memory
        first (most neighbouring keys of a fuzzy search are such), and the places of a form are
        read only when asked for (see :class:`FormBucket`), so scoring a large bucket reads little.
        The set of keys (about 180,000 for the default index, 15 MB) is loaded on first use.
        """
        keys = sorted(self.present_keys(keys))
        rows: list[BucketRow] = []
        for i in range(0, len(keys), _MAX_VARIABLES):
            chunk = keys[i : i + _MAX_VARIABLES]
            q = f"SELECT key, forms, places FROM buckets WHERE key IN ({','.join('?' * len(chunk))}) ORDER BY key"
            rows += [BucketRow(*row) for row in self.con.execute(q, chunk)]
        return FormBucket(self.con, rows)

    def present_keys(self, keys: Iterable[str]) -> frozenset[str]:
        """Those of ``keys`` that some form has, answered in memory (see :meth:`by_keys`)."""
        if self._bucket_keys is None:
            (joined,) = self.con.execute("SELECT data FROM bucket_keys").fetchone()
            self._bucket_keys = dict.fromkeys(joined.split(BUCKET_SEP))
        present = self._bucket_keys
        return frozenset([k for k in keys if k in present])

    def size_bytes(self) -> int:
        return self.path.stat().st_size

    def close(self) -> None:
        self.con.close()


def _in_sorted(sorted_values: numpy.ndarray, wanted: numpy.ndarray) -> numpy.ndarray:
    """For each of ``wanted``, whether ``sorted_values`` (ascending) holds it."""
    import numpy

    if not len(sorted_values):
        return numpy.zeros(len(wanted), dtype=bool)
    at = numpy.searchsorted(sorted_values, wanted).clip(max=len(sorted_values) - 1)
    return sorted_values[at] == wanted
