"""The on-disk index: atomic, versioned builds; damaged or outdated indexes are reported."""

import multiprocessing
import sqlite3

import pytest

from gazetteer import INDEX_FILE, Gazetteer, IndexCorrupt, IndexMissing, IndexOutdated, SourceError, build_index
from gazetteer.index import IndexReader
from gazetteer.sources import GeoNamesDump, Source

from ..texts import GEONAMES_SAMPLE


def test_build_writes_one_file_and_no_leftovers(tmp_path):
    path = build_index([GeoNamesDump(GEONAMES_SAMPLE)], tmp_path, show_progress=False)
    assert path == tmp_path / INDEX_FILE
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".build")) == [INDEX_FILE]
    info = Gazetteer.open(tmp_path).info()
    assert info["places"] == 18
    assert info["names"] > 18 * 5
    assert info["sources"][0]["name"] == "geonames"
    assert info["sources"][0]["licence"] == "CC-BY 4.0"


class _Exploding(Source):
    kind = "exploding"

    def places(self):
        yield from GeoNamesDump(GEONAMES_SAMPLE).places()
        raise SourceError("disk pulled out mid-build")


def test_failed_build_keeps_the_previous_index(tmp_path):
    build_index([GeoNamesDump(GEONAMES_SAMPLE)], tmp_path, show_progress=False)
    before = (tmp_path / INDEX_FILE).read_bytes()
    with pytest.raises(SourceError):
        build_index([_Exploding()], tmp_path, show_progress=False)
    assert (tmp_path / INDEX_FILE).read_bytes() == before
    assert not list(tmp_path.glob(".gazetteer-*"))
    assert Gazetteer.open(tmp_path).search("Ganja")[0].place.id == 586523


def _build(out):
    build_index([GeoNamesDump(GEONAMES_SAMPLE)], out, show_progress=False)


def test_two_processes_building_at_once_leave_a_valid_index(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_build, args=(tmp_path,)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    assert Gazetteer.open(tmp_path).info()["places"] == 18
    assert not list(tmp_path.glob(".gazetteer-*"))


def test_missing_index(tmp_path):
    with pytest.raises(IndexMissing, match="no gazetteer index here"):
        Gazetteer.open(tmp_path / "nothing")


def test_directory_holding_garbage(tmp_path):
    (tmp_path / INDEX_FILE).write_bytes(b"\x00garbage" * 100)
    with pytest.raises(IndexCorrupt, match="not a gazetteer index"):
        Gazetteer.open(tmp_path)


def test_sqlite_file_that_is_not_an_index(tmp_path):
    con = sqlite3.connect(tmp_path / INDEX_FILE)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    with pytest.raises(IndexCorrupt, match="damaged gazetteer index"):
        Gazetteer.open(tmp_path)


def test_truncated_index_file(tmp_path):
    build_index([GeoNamesDump(GEONAMES_SAMPLE)], tmp_path, show_progress=False)
    path = tmp_path / INDEX_FILE
    path.write_bytes(path.read_bytes()[:4096])
    with pytest.raises(IndexCorrupt):
        Gazetteer.open(tmp_path)


def test_outdated_index_is_reported(tmp_path):
    build_index([GeoNamesDump(GEONAMES_SAMPLE)], tmp_path, show_progress=False)
    con = sqlite3.connect(tmp_path / INDEX_FILE)
    con.execute("UPDATE meta SET value = '0' WHERE key = 'format'")
    con.commit()
    con.close()
    with pytest.raises(IndexOutdated, match="rebuild"):
        IndexReader(tmp_path)


def test_outdated_default_index_is_rebuilt(tmp_path, monkeypatch):
    """The default index (in the cache) is rebuilt when damaged; here with a tiny stand-in source."""
    import gazetteer.sources as sources

    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(sources, "default_sources", lambda: [GeoNamesDump(GEONAMES_SAMPLE)])
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / INDEX_FILE).write_text("not an index")
    with Gazetteer.open(show_progress=False) as gz:
        assert gz.search("Baku")[0].place.id == 587084


def test_index_file_is_readable_by_others(tmp_path):
    path = build_index([GeoNamesDump(GEONAMES_SAMPLE)], tmp_path, show_progress=False)
    assert path.stat().st_mode & 0o044 == 0o044
