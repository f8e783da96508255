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


def _forms_by_sql(con, keys):
    """What ``by_keys`` gives, read straight from the ``forms`` table (the definition)."""
    out = {}
    q = f"SELECT pf, place_id, name FROM forms WHERE key IN ({','.join('?' * len(keys))}) ORDER BY key, pf, place_id"
    for pf, pid, name in con.execute(q, sorted(keys)):
        out.setdefault(pf, []).append((pid, name))
    return out


def test_by_keys_gives_the_forms_table_in_order(sample_index_dir):
    from gazetteer.distance import key_variants

    reader = IndexReader(sample_index_dir)
    keys = [k for (k,) in reader.con.execute("SELECT DISTINCT key FROM forms")]
    assert len(keys) > 20
    for chosen in ([keys[0]], keys[:7], keys, sorted(key_variants(keys[3]) | {"zzzz"})):
        want = _forms_by_sql(reader.con, chosen)
        got = reader.by_keys(chosen)
        assert list(got) == list(want)  # same forms, same order (ranking ties depend on it)
        assert len(got) == len(want)
        assert {f: got[f] for f in got} == want
    reader.close()


def test_form_bucket_reads_places_lazily_or_in_one_go(sample_index_dir):
    reader = IndexReader(sample_index_dir)
    keys = [k for (k,) in reader.con.execute("SELECT DISTINCT key FROM forms")]
    want = _forms_by_sql(reader.con, keys)
    bucket = reader.by_keys(keys)
    forms = list(bucket)
    bucket.fetch(forms[::2] + ["not a form"])
    assert all(bucket[f] == want[f] for f in forms)
    assert "not a form" not in bucket and forms[0] in bucket
    with pytest.raises(KeyError):
        bucket["not a form"]
    assert len(reader.by_keys(["no such key", ""])) == 0
    reader.close()


def test_bucket_rows_hold_the_places_of_their_forms(sample_index_dir):
    from gazetteer.index import BUCKET_SEP
    from gazetteer.layout import split_places

    reader = IndexReader(sample_index_dir)
    rows = reader.con.execute("SELECT key, forms, places FROM buckets").fetchall()
    assert rows and all(places is not None for _, _, places in rows)
    for key, forms, places in rows:
        want = _forms_by_sql(reader.con, [key])
        assert {
            f: split_places(p) for f, p in zip(forms.split(BUCKET_SEP), places.split(BUCKET_SEP), strict=True)
        } == want
    reader.close()


def test_names_holding_a_separator_are_read_from_the_forms_table(tmp_path):
    from gazetteer.layout import bucket_places, split_places

    odd = [[(1, "Ba\x1eku"), (2, "Baku")], [(3, "Ganja")]]
    assert bucket_places(odd) is None
    plain = [[(1, "Baku"), (22, "Bakı")], [(3, "Ganja")]]
    assert [split_places(part) for part in bucket_places(plain).split("\x1f")] == plain
    build_index([GeoNamesDump(GEONAMES_SAMPLE)], tmp_path, show_progress=False)
    con = sqlite3.connect(tmp_path / INDEX_FILE)
    con.execute("UPDATE buckets SET places = NULL")  # as stored for a bucket whose names hold a separator
    con.commit()
    con.close()
    reader = IndexReader(tmp_path)
    keys = [k for (k,) in reader.con.execute("SELECT DISTINCT key FROM forms")]
    bucket = reader.by_keys(keys)
    bucket.fetch_at(range(0, len(bucket), 2))
    assert {f: bucket[f] for f in bucket} == _forms_by_sql(reader.con, keys)
    reader.close()


def test_buckets_and_bucket_keys_cover_every_key(sample_index_dir):
    from gazetteer.index import BUCKET_SEP

    reader = IndexReader(sample_index_dir)
    buckets = dict(reader.con.execute("SELECT key, forms FROM buckets"))
    stored = {}
    for key, pf in reader.con.execute("SELECT key, pf FROM forms"):
        stored.setdefault(key, set()).add(pf)
    assert {k: set(v.split(BUCKET_SEP)) for k, v in buckets.items()} == stored
    assert all(v.split(BUCKET_SEP) == sorted(v.split(BUCKET_SEP)) for v in buckets.values())
    (joined,) = reader.con.execute("SELECT data FROM bucket_keys").fetchone()
    assert joined.split(BUCKET_SEP) == sorted(stored)
    reader.close()


def test_index_without_buckets_is_reported_damaged(tmp_path):
    build_index([GeoNamesDump(GEONAMES_SAMPLE)], tmp_path, show_progress=False)
    con = sqlite3.connect(tmp_path / INDEX_FILE)
    con.execute("DROP TABLE buckets")
    con.commit()
    con.close()
    with pytest.raises(IndexCorrupt):
        IndexReader(tmp_path)


def test_places_kept_in_memory_are_the_stored_ones(sample_index_dir, monkeypatch):
    import gazetteer.reader as index

    reader = IndexReader(sample_index_dir)
    ids = [pid for (pid,) in reader.con.execute("SELECT id FROM places ORDER BY id")]
    fresh = IndexReader(sample_index_dir).places(ids)
    assert len(fresh) == 18
    monkeypatch.setattr(index, "PLACE_CACHE", 5)  # the memory is emptied when full
    for chosen in (ids[:3], ids[2:9], ids, ids[::-1], ids[:3] + ids[:3], [], [-1, ids[0]]):
        got = reader.places(chosen)
        assert got == {pid: fresh[pid] for pid in chosen if pid in fresh}
        assert len(reader._place_cache) <= max(5, len(chosen))
    reader.close()


def test_by_norm_answers_unknown_names_from_memory(sample_index_dir):
    reader = IndexReader(sample_index_dir)
    norms = [n for (n,) in reader.con.execute("SELECT DISTINCT norm FROM names LIMIT 40")]
    before = {n: reader.by_norm(n) for n in norms + ["no such place name"]}
    assert all(before[n] for n in norms) and before["no such place name"] == []
    reader.maybe_names(["x"])  # loads the in-memory filter
    assert {n: reader.by_norm(n) for n in before} == before
    reader.close()


def test_the_name_filter_knows_every_stored_name_and_few_others(sample_index_dir):
    reader = IndexReader(sample_index_dir)
    norms = [n for (n,) in reader.con.execute("SELECT DISTINCT norm FROM names")]
    assert norms and all(reader.maybe_names(norms))  # no false negatives
    strangers = [f"qq{k}zx" for k in range(500)]
    assert sum(reader.maybe_names(strangers)) <= 5  # a 32-bit filter of a small index: nearly none
    assert reader.maybe_names([]) == []
    reader.close()
