"""The on-disk place index: one SQLite file, built once, written atomically, opened read-only
(by :class:`gazetteer.reader.IndexReader`, also importable from here).

A build writes a temporary file beside the final one and renames it into place only when it is
complete, under an exclusive lock, so an interrupted build or two builders at once never leave a
broken index (the second waits, saying so); a build that was killed outright leaves its temporary
file behind, and the next build removes it before starting. The file records its format version
and a fingerprint of the transliteration tables; an index made by an incompatible version is
reported as outdated, not misread.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import operator
import os
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import __version__
from .distance import coarse_key
from .errors import GazetteerError
from .layout import BUCKET_SEP, INDEX_FILE, INDEX_FORMAT, bucket_places, fingerprint, name_hash
from .parallel import chunks, default_workers, in_parallel
from .place import ABBREVIATION, Name, Place
from .progress import progress
from .reader import PLACE_CACHE, FormBucket, IndexReader, PlaceRow
from .sources import Source
from .translit import detect_script, fold, phonetic

__all__ = [
    "INDEX_FILE",
    "INDEX_FORMAT",
    "BUCKET_SEP",
    "PLACE_CACHE",
    "build_index",
    "name_rows",
    "name_hash",
    "fingerprint",
    "IndexReader",
    "FormBucket",
    "PlaceRow",
]

_MAX_NAME = 200  # names longer than this are not place names (GeoNames has a few run-on rows)

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country_code TEXT, admin1 TEXT, feature_class TEXT, feature_code TEXT,
    population INTEGER, radius_km REAL, source TEXT, n_names INTEGER, display_lat REAL, display_lon REAL);
CREATE TABLE names(place_id INTEGER NOT NULL, name TEXT NOT NULL, lang TEXT, norm TEXT NOT NULL);
CREATE TEMP TABLE forms_raw(place_id INTEGER NOT NULL, name TEXT NOT NULL, pf TEXT NOT NULL, key TEXT NOT NULL);
"""
# Phonetic forms are stored clustered by coarse key, so a lookup reads one contiguous range;
# grouping also merges forms that several sources gave one place. ``buckets`` holds the distinct
# forms of each key in one string (see _write_buckets), which fuzzy search reads first.
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


def _is_code(text: str, primary: str) -> bool:
    """Airport, postal and similar codes that GeoNames mixes into alternate names (``BAK``)."""
    return len(text) <= 4 and text.isascii() and text.isupper() and text != primary


def name_rows(place: Place) -> tuple[list[tuple], list[tuple]]:
    """The ``names`` rows (exact spellings) and ``forms`` rows (distinct phonetic forms) of a place.

    Names tagged :data:`~gazetteer.place.ABBREVIATION` get a ``names`` row only; a plain name
    that folds like one of the place's abbreviations ("us" for "US") is dropped.
    """
    names: list[tuple] = []
    forms: list[tuple] = []
    seen: set[object] = set()
    seen_pf: set[str] = set()
    abbreviations = {fold(nm.text) for nm in place.names if nm.lang == ABBREVIATION}
    for nm in place.names:
        text = nm.text.strip()
        abbreviation = nm.lang == ABBREVIATION
        if not text or len(text) > _MAX_NAME or (not abbreviation and _is_code(text, place.name)):
            continue
        norm = fold(text)
        key = (ABBREVIATION, text) if abbreviation else norm  # "KY" and "Ky." are both kept
        if not norm or key in seen or (not abbreviation and norm in abbreviations):
            continue
        seen.add(key)
        names.append((place.id, text, nm.lang, norm))
        if abbreviation:
            continue  # abbreviations are exact spellings only, never matched by sound
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
        place.display_lat,
        place.display_lon,
    )


def _place_rows(places: list[tuple]) -> list[tuple[tuple, list[tuple], list[tuple]]]:
    """Rows of the ``places``, ``names`` and ``forms`` tables for a chunk of places (runs in workers)."""
    out = []
    for t in places:
        place = Place(t[0], t[1], 0.0, 0.0, names=tuple(Name(text, lang) for text, lang in t[11]))
        names, forms = name_rows(place)
        out.append((t[:11] + (len(names), t[12], t[13]), names, forms))
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
            con.execute(
                "DELETE FROM names WHERE rowid NOT IN (SELECT MIN(rowid) FROM names "
                "GROUP BY place_id, norm, CASE WHEN lang = 'abbr' THEN name ELSE '' END)"
            )
            con.execute("UPDATE places SET n_names = (SELECT COUNT(*) FROM names WHERE names.place_id = places.id)")
        con.executescript(_FINISH)
        _write_name_hashes(con)
        _log(f"forms sorted and indexed at {time.time() - started:.1f} s")
        _write_buckets(con)
        _log(f"buckets written at {time.time() - started:.1f} s")
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


def _write_name_hashes(con: sqlite3.Connection) -> None:
    """Store the sorted hashes of every distinct folded name: a compact membership filter."""
    _write_hashes(con, "name_hashes", (n for (n,) in con.execute("SELECT DISTINCT norm FROM names")))


def _write_hashes(con: sqlite3.Connection, table: str, strings: Iterable[str]) -> None:
    import array

    hashes = array.array("I", sorted({name_hash(s) for s in strings}))
    con.execute(f"CREATE TABLE {table}(data BLOB NOT NULL)")
    con.execute(f"INSERT INTO {table} VALUES (?)", (hashes.tobytes(),))


def _write_buckets(con: sqlite3.Connection) -> None:
    """One row per coarse key: its distinct phonetic forms in ``forms`` order, joined by BUCKET_SEP,
    and the places of each form (see :func:`gazetteer.layout.bucket_places`), in the same order.

    A fuzzy search scores the forms of a few hundred keys and reads the places only of the forms
    that score well, from the same row: one short row per key instead of one row per (form, place)
    and no lookup per form. A key whose names hold a separator keeps no places (``NULL``): they
    are read from ``forms``.
    """
    con.execute("CREATE TABLE buckets(key TEXT PRIMARY KEY, forms TEXT NOT NULL, places TEXT) WITHOUT ROWID")
    rows = con.execute("SELECT key, pf, place_id, name FROM forms ORDER BY key, pf, place_id")
    batch: list[tuple[str, str, str | None]] = []
    keys: list[str] = []
    first, second = operator.itemgetter(0), operator.itemgetter(1)
    for key, group in itertools.groupby(rows, key=first):
        forms: list[str] = []
        places: list[list[tuple[int, str]]] = []
        for pf, hits in itertools.groupby(group, key=second):
            forms.append(pf)
            places.append([(pid, name) for _, _, pid, name in hits])
        if any(BUCKET_SEP in pf for pf in forms):  # pragma: no cover - guards the invariant
            raise GazetteerError(f"phonetic form with a control character under key {key!r}")
        batch.append((key, BUCKET_SEP.join(forms), bucket_places(places)))
        keys.append(key)
        if len(batch) >= 50_000:
            con.executemany("INSERT INTO buckets VALUES (?, ?, ?)", batch)
            batch.clear()
    con.executemany("INSERT INTO buckets VALUES (?, ?, ?)", batch)
    # Which keys exist, answered in memory: every key in one string (about 1 MB, read in milliseconds).
    con.execute("CREATE TABLE bucket_keys(data TEXT NOT NULL)")
    con.execute("INSERT INTO bucket_keys VALUES (?)", (BUCKET_SEP.join(keys),))


def _has_names(src: Source) -> bool:
    return type(src).names is not Source.names


def _insert_places(con: sqlite3.Connection, batch: list[tuple]) -> bool:
    """Insert places, keeping the first record of an id; True when some id was already there."""
    if not batch:
        return False
    before = con.total_changes
    con.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", batch)
    return con.total_changes - before < len(batch)


def _insert_names(con: sqlite3.Connection, names: list[tuple], forms: list[tuple]) -> int:
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
    con.executemany("INSERT INTO forms_raw VALUES (?,?,?,?)", forms)
    return len(names)
