"""The on-disk place index: one SQLite file, built once, written atomically, opened read-only.

A build writes a temporary file beside the final one and renames it into place only when it is
complete, under an exclusive lock, so an interrupted build or two builders at once never leave a
broken index (the second waits, saying so); a build that was killed outright leaves its temporary
file behind, and the next build removes it before starting. The file records its format version
and a fingerprint of the transliteration tables; an index made by an incompatible version is
reported as outdated, not misread.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from . import __version__
from .distance import coarse_key
from .errors import GazetteerError, IndexCorrupt, IndexMissing, IndexOutdated
from .parallel import chunks, default_workers, in_parallel
from .place import Name, Place
from .progress import progress
from .sources import Source
from .translit import detect_script, fold, phonetic

__all__ = ["INDEX_FILE", "INDEX_FORMAT", "build_index", "IndexReader", "fingerprint"]

INDEX_FILE = "gazetteer.sqlite"
INDEX_FORMAT = 2
_SQLITE_MAGIC = b"SQLite format 3\x00"
_MAX_NAME = 200  # names longer than this are not place names (GeoNames has a few run-on rows)

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country_code TEXT, admin1 TEXT, feature_class TEXT, feature_code TEXT,
    population INTEGER, radius_km REAL, source TEXT, n_names INTEGER);
CREATE TABLE names(place_id INTEGER NOT NULL, name TEXT NOT NULL, lang TEXT, norm TEXT NOT NULL);
CREATE TEMP TABLE forms_raw(place_id INTEGER NOT NULL, name TEXT NOT NULL, pf TEXT NOT NULL, key TEXT NOT NULL);
"""
# Phonetic forms are stored clustered by coarse key, so a lookup reads one contiguous range;
# grouping also merges forms that several sources gave one place.
_FINISH = """
CREATE TABLE forms(key TEXT NOT NULL, pf TEXT NOT NULL, place_id INTEGER NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (key, pf, place_id)) WITHOUT ROWID;
INSERT INTO forms SELECT key, pf, place_id, MIN(name) FROM forms_raw
    WHERE place_id IN (SELECT id FROM places) GROUP BY key, pf, place_id ORDER BY key, pf, place_id;
DROP TABLE forms_raw;
CREATE INDEX names_norm ON names(norm);
"""
#: Scripts romanised by our own tables; names in other scripts are found by exact spelling only
#: (machine romanisations of, say, Devanagari or Han lose too much to be matched by sound).
PHONETIC_SCRIPTS = frozenset({"latin", "arabic", "cyrillic", "armenian", "georgian", "greek", "hebrew"})


def fingerprint() -> str:
    """Hash of everything that shapes stored keys: the translit tables and the key classes."""
    h = hashlib.sha256(str(INDEX_FORMAT).encode())
    data = resources.files("gazetteer").joinpath("data")
    for name in sorted(p.name for p in data.joinpath("translit").iterdir() if p.name.endswith(".tsv")):
        h.update(data.joinpath("translit", name).read_bytes())
    classes = [
        ln for ln in data.joinpath("phonetic_costs.tsv").read_text("utf-8").splitlines() if ln.startswith("class\t")
    ]
    h.update("\n".join(classes).encode())
    return h.hexdigest()[:16]


def _is_code(text: str, primary: str) -> bool:
    """Airport, postal and similar codes that GeoNames mixes into alternate names (``BAK``)."""
    return len(text) <= 4 and text.isascii() and text.isupper() and text != primary


def name_rows(place: Place) -> tuple[list[tuple], list[tuple]]:
    """The ``names`` rows (exact spellings) and ``forms`` rows (distinct phonetic forms) of a place."""
    names: list[tuple] = []
    forms: list[tuple] = []
    seen: set[str] = set()
    seen_pf: set[str] = set()
    for nm in place.names:
        text = nm.text.strip()
        if not text or len(text) > _MAX_NAME or _is_code(text, place.name):
            continue
        norm = fold(text)
        if not norm or norm in seen:
            continue
        seen.add(norm)
        names.append((place.id, text, nm.lang, norm))
        script = detect_script(text)
        if script in PHONETIC_SCRIPTS:
            pf = phonetic(text, script)
            if pf and pf not in seen_pf:
                seen_pf.add(pf)
                forms.append((place.id, text, pf, coarse_key(pf)))
    return names, forms


_THREAD_LOCKS: dict[str, threading.Lock] = {}


@contextlib.contextmanager
def _lock(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``directory`` for the length of a build (POSIX; no-op elsewhere)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    # A POSIX record lock, not flock(): it belongs to this process alone, so the worker processes a
    # build forks do not inherit it, and a build killed outright releases it even if they linger.
    # Such a lock does not keep two threads of one process apart: a thread lock per folder does.
    in_process = _THREAD_LOCKS.setdefault(str(directory.resolve()), threading.Lock())
    with in_process, open(directory / ".build.lock", "a+") as fh:
        try:
            fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # another process is building here: say so, then wait for it
            logging.getLogger(__name__).info("another process is building the index in %s; waiting for it", directory)
            fcntl.lockf(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.lockf(fh, fcntl.LOCK_UN)


def _remove_stale_builds(directory: Path) -> None:
    """Delete the temporary files of builds that were killed (a SIGKILL runs no clean-up): under the
    lock no other build is writing one, so every ``.gazetteer-*.tmp`` here is a dead build's."""
    for stale in directory.glob(".gazetteer-*.tmp*"):  # the file, and any SQLite journal beside it
        with contextlib.suppress(OSError):
            stale.unlink()


def build_index(
    sources: Iterable[Source],
    out_dir: str | Path,
    *,
    show_progress: bool | None = None,
    skip_if_valid: bool = False,
) -> Path:
    """Build the index of ``sources`` into ``out_dir`` and return the index file's path.

    Sources are read in order; a place whose id an earlier source gave keeps that source's
    record and gains the later source's names. Extra names (``Source.names``) are attached to
    places of any source; names of unknown places are dropped. With ``skip_if_valid``, a
    valid index already in ``out_dir`` (perhaps just built by another process) is kept.
    """
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise GazetteerError(f"{out}: cannot create the index directory ({err.strerror or err})") from err
    if not os.access(out, os.W_OK):
        raise GazetteerError(f"{out}: the index directory is not writable")
    sources = list(sources)
    with _lock(out):
        _remove_stale_builds(out)
        if skip_if_valid:
            try:
                IndexReader(out).close()
                return out / INDEX_FILE
            except GazetteerError:
                pass
        fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=out)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            _write(sources, tmp, show_progress=show_progress)
            os.chmod(tmp, 0o644)  # mkstemp makes it private; an index is shared data
            os.replace(tmp, out / INDEX_FILE)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return out / INDEX_FILE


def _as_tuple(place: Place) -> tuple:
    # Plain tuples cross process boundaries far faster than dataclass instances.
    return (
        place.id,
        place.name,
        place.lat,
        place.lon,
        place.country_code,
        place.admin1,
        place.feature_class,
        place.feature_code,
        place.population,
        place.radius_km,
        place.source,
        tuple((n.text, n.lang) for n in place.names),
    )


def _place_rows(places: list[tuple]) -> list[tuple[tuple, list[tuple], list[tuple]]]:
    """Rows of the ``places``, ``names`` and ``forms`` tables for a chunk of places (runs in workers)."""
    out = []
    for t in places:
        place = Place(t[0], t[1], 0.0, 0.0, names=tuple(Name(text, lang) for text, lang in t[11]))
        names, forms = name_rows(place)
        out.append((t[:11] + (len(names),), names, forms))
    return out


def _extra_name_rows(pairs: list[tuple[int, str, str | None]]) -> list[tuple[list[tuple], list[tuple]]]:
    return [name_rows(Place(pid, "", 0.0, 0.0, names=(Name(text, lang),))) for pid, text, lang in pairs]


def _log(message: str) -> None:
    if os.environ.get("GEO_BUILD_DEBUG"):
        print(f"[build] {message}", file=sys.stderr)


def _write(sources: list[Source], path: Path, *, show_progress: bool | None) -> None:
    con = sqlite3.connect(path)
    workers = default_workers()
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;" + _SCHEMA)
        started = time.time()
        merged = False
        info = []
        # Extra-name sources first, so their language tags survive de-duplication.
        for src in sorted(sources, key=lambda s: 0 if _has_names(s) else 1):
            n_places = n_names = 0
            if _has_names(src):
                merged = True
                pairs = progress(
                    ((pid, nm.text, nm.lang) for pid, nm in src.names()),
                    desc=f"names: {src.kind}",
                    unit="names",
                    enabled=show_progress,
                )
                for chunk in in_parallel(_extra_name_rows, chunks(pairs, 5000), workers):
                    names = [r for rows, _ in chunk for r in rows]
                    forms = [f for _, fs in chunk for f in fs]
                    n_names += _insert_names(con, names, forms)
            places = progress(
                map(_as_tuple, src.places()), desc=f"places: {src.kind}", unit="places", enabled=show_progress
            )
            for chunk in in_parallel(_place_rows, chunks(places, 2000), workers):
                merged |= _insert_places(con, [row for row, _, _ in chunk])
                n_names += _insert_names(
                    con, [r for _, rows, _ in chunk for r in rows], [f for _, _, fs in chunk for f in fs]
                )
                n_places += len(chunk)
            info.append({**src.info().__dict__, "places": n_places, "names": n_names, "skipped": src.skipped})
        _log(f"sources read in {time.time() - started:.1f} s")
        if merged:
            con.execute("DELETE FROM names WHERE place_id NOT IN (SELECT id FROM places)")
            con.execute("DELETE FROM names WHERE rowid NOT IN (SELECT MIN(rowid) FROM names GROUP BY place_id, norm)")
            con.execute("UPDATE places SET n_names = (SELECT COUNT(*) FROM names WHERE names.place_id = places.id)")
        con.executescript(_FINISH)
        _write_name_hashes(con)
        _log(f"forms sorted and indexed at {time.time() - started:.1f} s")
        con.execute("ANALYZE")
        counts = con.execute("SELECT (SELECT COUNT(*) FROM places), (SELECT COUNT(*) FROM names)").fetchone()
        meta = {
            "format": str(INDEX_FORMAT),
            "fingerprint": fingerprint(),
            "package_version": __version__,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_seconds": f"{time.time() - started:.1f}",
            "places": str(counts[0]),
            "names": str(counts[1]),
            "sources": json.dumps(info, ensure_ascii=False),
        }
        con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        con.commit()
    except sqlite3.Error as err:
        raise GazetteerError(f"{path}: writing the index failed ({err})") from err
    finally:
        con.close()
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def name_hash(norm: str) -> int:
    """32-bit hash of a folded name, for the in-memory "is this some place's name?" filter."""
    return zlib.crc32(norm.encode("utf-8"))


def _write_name_hashes(con: sqlite3.Connection) -> None:
    """Store the sorted hashes of every distinct folded name: a compact membership filter."""
    import array

    hashes = array.array("I", sorted({name_hash(n) for (n,) in con.execute("SELECT DISTINCT norm FROM names")}))
    con.execute("CREATE TABLE name_hashes(data BLOB NOT NULL)")
    con.execute("INSERT INTO name_hashes VALUES (?)", (hashes.tobytes(),))


def _has_names(src: Source) -> bool:
    return type(src).names is not Source.names


def _insert_places(con: sqlite3.Connection, batch: list[tuple]) -> bool:
    """Insert places, keeping the first record of an id; True when some id was already there."""
    if not batch:
        return False
    before = con.total_changes
    con.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", batch)
    return con.total_changes - before < len(batch)


def _insert_names(con: sqlite3.Connection, names: list[tuple], forms: list[tuple]) -> int:
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
    con.executemany("INSERT INTO forms_raw VALUES (?,?,?,?)", forms)
    return len(names)


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
        self._hashes = None
        if magic != _SQLITE_MAGIC:
            raise IndexCorrupt(f"{self.path}: not a gazetteer index (the file holds something else)")
        try:
            self.con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self.meta = dict(self.con.execute("SELECT key, value FROM meta"))
            self.con.execute("SELECT id FROM places LIMIT 1").fetchall()
            self.con.execute("SELECT norm FROM names LIMIT 1").fetchall()
            self.con.execute("SELECT pf, key FROM forms LIMIT 1").fetchall()
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
        (pid, name, lat, lon, cc, admin1, fclass, fcode, pop, radius, source, n_names) = row
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
        )

    def places(self, ids: Iterable[int]) -> dict[int, Place]:
        """Fetch places by id."""
        ids = list(ids)
        out: dict[int, Place] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = f"SELECT * FROM places WHERE id IN ({','.join('?' * len(chunk))})"
            for row in self.con.execute(q, chunk):
                out[row[0]] = self.place(row)
        return out

    def names_of(self, place_id: int) -> tuple[Name, ...]:
        """All names of one place, with language tags where known."""
        rows = self.con.execute("SELECT name, lang FROM names WHERE place_id = ? ORDER BY rowid", (place_id,))
        return tuple(Name(n, lang) for n, lang in rows)

    def maybe_names(self, norms: Iterable[str]) -> list[bool]:
        """For each folded string, whether it may be some place's name (no false negatives).

        The hashes of every stored name answer in memory (a set built on first use from the
        index's sorted hash array); a ``True`` is confirmed by :meth:`by_norm`.
        """
        if self._hashes is None:
            import array

            (blob,) = self.con.execute("SELECT data FROM name_hashes").fetchone()
            packed = array.array("I")
            packed.frombytes(blob)
            self._hashes = frozenset(packed)
        hashes = self._hashes
        return [zlib.crc32(norm.encode("utf-8")) in hashes for norm in norms]

    def by_norm(self, norm: str) -> list[tuple[int, str]]:
        """``(place id, name)`` of names that fold to ``norm``."""
        return self.con.execute("SELECT place_id, name FROM names WHERE norm = ?", (norm,)).fetchall()

    def by_keys(self, keys: Iterable[str]) -> dict[str, list[tuple[int, str]]]:
        """Phonetic forms whose coarse key is in ``keys``: ``{form: [(place id, name), ...]}``."""
        keys = sorted(keys)
        out: dict[str, list[tuple[int, str]]] = {}
        for i in range(0, len(keys), 900):
            chunk = keys[i : i + 900]
            q = f"SELECT pf, place_id, name FROM forms WHERE key IN ({','.join('?' * len(chunk))})"
            for pf, pid, name in self.con.execute(q, chunk):
                hits = out.get(pf)
                if hits is None:
                    out[pf] = [(pid, name)]
                else:
                    hits.append((pid, name))
        return out

    def size_bytes(self) -> int:
        return self.path.stat().st_size

    def close(self) -> None:
        self.con.close()
