"""``geo batch``: outputs by suffix, resuming, failures, de-duplication, the Dask engine, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import geopandas
import pytest
from click.testing import CliRunner

from geo.batch import BatchError, run_batch
from geo.cli import main
from geo.errors import InputError, OutputError

from .corpus import SEED, corpus, seed_record, write_jsonl


def _rows(path):
    frame = geopandas.read_parquet(path)
    return sorted(zip(frame["claim_id"].fillna(""), frame["role"], frame["place_name"].fillna(""), strict=True))


def test_parquet_output_is_geoparquet_with_claims(tmp_path, default_gazetteer):
    out = tmp_path / "claims.parquet"
    report = run_batch([str(SEED)], out, workers=1, show_progress=False)
    assert (report.extracted, report.failed) == (1, 0)
    frame = geopandas.read_parquet(out)
    assert frame.crs.to_epsg() == 4326
    events = frame[frame["role"] == "event"]
    assert {"Zangilan", "Ganja", "Ishkhanadzor"} <= set(events["place_name"].dropna())
    zangilan = events[events["place_name"] == "Zangilan"].iloc[0]
    assert zangilan["side"] == "AZ"
    assert zangilan.geometry.x == pytest.approx(46.65, abs=0.1)
    quantities = [json.loads(q) for q in frame["quantities"].dropna() if q != "[]"]
    assert {"value": 241, "item": "tank", "action": "destroyed"} in [q for qs in quantities for q in qs]


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".jsonl"])
def test_text_outputs(tmp_path, default_gazetteer, suffix):
    out = tmp_path / f"claims{suffix}"
    run_batch([str(SEED)], out, workers=1, show_progress=False)
    text = out.read_text("utf-8")
    assert "Zangilan" in text and "زنغلان" in text
    if suffix == ".geojson":
        assert json.loads(text)["type"] == "FeatureCollection"


def test_unknown_suffix_and_missing_input(tmp_path):
    with pytest.raises(InputError, match="unknown output format"):
        run_batch([str(SEED)], tmp_path / "claims.xlsx", show_progress=False)
    with pytest.raises(InputError, match="no such file"):
        run_batch([str(tmp_path / "missing")], tmp_path / "c.parquet", show_progress=False)
    with pytest.raises(OutputError, match="does not exist"):
        run_batch([str(SEED)], tmp_path / "nope" / "c.parquet", show_progress=False)


def test_rerun_skips_done_articles_and_adds_new_ones(tmp_path, default_gazetteer):
    folder = corpus(tmp_path / "in", 3, per_file=3)
    out = tmp_path / "claims.parquet"
    first = run_batch([str(folder)], out, workers=1, show_progress=False, dedup=False)
    assert first.extracted == 3
    again = run_batch([str(folder)], out, workers=1, show_progress=False, dedup=False)
    assert (again.extracted, again.already_done) == (0, 3)
    write_jsonl(folder / "more.jsonl", [seed_record(7)])
    more = run_batch([str(folder)], out, workers=1, show_progress=False, dedup=False)
    assert (more.extracted, more.already_done) == (1, 3)
    articles = set(geopandas.read_parquet(out)["article"])
    assert articles == {"seed-000", "seed-001", "seed-002", "seed-007"}


def test_same_article_twice_is_read_once(tmp_path, default_gazetteer):
    out = tmp_path / "claims.parquet"
    report = run_batch([str(SEED), str(SEED)], out, workers=1, show_progress=False)
    assert (report.extracted, report.repeated) == (1, 1)


def test_failures_are_recorded_and_do_not_stop_the_batch(tmp_path, default_gazetteer):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "good.jsonl", [seed_record(1)])
    (folder / "broken.jsonl").write_text('{"text": "ok"}\n{"text": broken\n', "utf-8")
    (folder / "junk.json").write_text("[{", "utf-8")
    out = tmp_path / "claims.geojson"
    report = run_batch([str(folder)], out, workers=1, show_progress=False)
    assert report.extracted == 2  # the good record and the broken file's first line
    errors = [json.loads(line) for line in (tmp_path / "claims.geojson.errors.jsonl").read_text("utf-8").splitlines()]
    inputs = {e["input"].rsplit("/", 1)[-1] for e in errors}
    assert inputs == {"broken.jsonl", "junk.json"}
    broken = next(e for e in errors if e["input"].endswith("broken.jsonl"))
    assert broken["position"] == "line 2" and broken["stage"] == "decode" and "not valid JSON" in broken["error"]
    with pytest.raises(BatchError, match=r"junk\.json|broken\.jsonl"):
        run_batch([str(folder)], tmp_path / "strict.geojson", workers=1, show_progress=False, strict=True)


def test_repeated_reports_merge_with_count_ranges(tmp_path, default_gazetteer):
    a, b = seed_record(1, outlet="Alpha"), seed_record(2, outlet="Beta")
    b["text"] = b["text"].replace("241", "250")
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "news.jsonl", [a, b])
    out = tmp_path / "claims.geojson"
    report = run_batch([str(folder)], out, workers=1, show_progress=False)
    assert report.merged > 0
    events = [
        f["properties"] for f in json.loads(out.read_text("utf-8"))["features"] if f["properties"]["role"] == "event"
    ]
    zangilan = [p for p in events if p["place_name"] == "Zangilan"]
    assert len(zangilan) == 1 and zangilan[0]["source_count"] == 2
    assert {s["outlet"] for s in zangilan[0]["sources"]} == {"Alpha", "Beta"}
    tanks = [q for p in events for q in p["quantities"] if q["item"] == "tank" and q["action"] == "destroyed"]
    assert tanks == [{"value": 241, "item": "tank", "action": "destroyed", "value_max": 250}]


def test_dask_engine_gives_the_same_rows(tmp_path, default_gazetteer):
    folder = corpus(tmp_path / "in", 4, per_file=2)
    serial, dask = tmp_path / "serial.parquet", tmp_path / "dask.parquet"
    run_batch([str(folder)], serial, workers=1, chunk_size=1, show_progress=False)
    report = run_batch([str(folder)], dask, engine="dask", workers=1, chunk_size=1, show_progress=False)
    assert (report.engine, report.extracted) == ("dask", 4)
    assert _rows(serial) == _rows(dask)


_HOLD_LOCK = "import fcntl, sys, time; f = open(sys.argv[1], 'w'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)"


def test_cli_batch_summary_and_lock(tmp_path, default_gazetteer):
    folder = corpus(tmp_path / "in", 2)
    out = tmp_path / "claims.csv"
    result = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert "extracted 2 article(s)" in result.output and "wrote" in result.output
    header = out.read_text("utf-8").splitlines()[0].split(",")
    assert header[:3] == ["lat", "lon", "claim_id"] and "sources" in header
    holder = subprocess.Popen(  # another process holds the lock, as a running batch would
        [sys.executable, "-c", _HOLD_LOCK, str(tmp_path / "claims.csv.parts" / "lock")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        locked = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "-q"])
    finally:
        holder.kill()
        holder.wait()
    assert locked.exit_code != 0 and "another batch is writing" in locked.output
    bad = CliRunner().invoke(main, ["batch", str(folder), "-o", str(tmp_path / "x.txt"), "-q"])
    assert bad.exit_code != 0 and "unknown output format" in bad.output and "Traceback" not in bad.output


def _die_on_poison(chunk):
    import os

    from geo.batch.work import extract_chunk

    if any("poison" in a.title for a in chunk.articles):
        os._exit(3)  # a worker killed mid-chunk (out of memory, a native crash)
    return extract_chunk(chunk)


def test_an_article_that_kills_its_worker_is_recorded_and_the_batch_goes_on(tmp_path, default_gazetteer, monkeypatch):
    import geo.batch.engines as engines

    monkeypatch.setattr(engines, "extract_chunk", _die_on_poison)
    records = [seed_record(i) for i in range(5)]
    records[2]["title"] = "poison " + records[2]["title"]
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "news.jsonl", records)
    out = tmp_path / "c.parquet"
    report = run_batch([str(folder)], out, workers=2, chunk_size=3, show_progress=False, dedup=False)
    assert (report.extracted, report.failed) == (4, 1)
    errors = (tmp_path / "c.parquet.errors.jsonl").read_text("utf-8")
    assert "seed-002" in errors and "worker process died" in errors
    assert set(geopandas.read_parquet(out)["article"]) == {"seed-000", "seed-001", "seed-003", "seed-004"}


def test_other_options_on_the_same_output_are_refused_until_fresh(tmp_path, default_gazetteer):
    out = tmp_path / "claims.geojson"
    run_batch([str(SEED)], out, workers=1, show_progress=False)
    with pytest.raises(OutputError, match=r"other options \(language\).*--fresh"):
        run_batch([str(SEED)], out, workers=1, show_progress=False, language="en")
    report = run_batch([str(SEED)], out, workers=1, show_progress=False, language="en", fresh=True)
    assert (report.extracted, report.already_done) == (1, 0)


def test_the_output_keeps_only_what_the_inputs_hold_now(tmp_path, default_gazetteer):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [seed_record(1)])
    write_jsonl(folder / "b.jsonl", [seed_record(2)])
    out = folder / "claims.geojson"  # inside the input folder: never read back as input
    run_batch([str(folder)], out, workers=1, show_progress=False, dedup=False)
    (folder / "b.jsonl").unlink()
    report = run_batch([str(folder)], out, workers=1, show_progress=False, dedup=False)
    assert (report.extracted, report.already_done, report.failed) == (0, 1, 0)
    articles = {f["properties"]["article"] for f in json.loads(out.read_text("utf-8"))["features"]}
    assert articles == {"seed-001"}
    with pytest.raises(InputError, match="own output"):
        run_batch([str(out)], out, show_progress=False)


def test_same_names_in_two_folders_stay_two_articles_and_merge_as_two_sources(tmp_path, default_gazetteer):
    for folder, outlet in (("x", "Alpha"), ("y", "Beta")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(SEED.read_text("utf-8"), "utf-8")
        (tmp_path / folder / "a.json").write_text(json.dumps({"outlet": outlet, "published": "2020-10-20"}), "utf-8")
    out = tmp_path / "claims.geojson"
    report = run_batch([str(tmp_path / "x"), str(tmp_path / "y")], out, workers=1, show_progress=False)
    assert report.extracted == 2 and report.merged > 0
    events = [
        f["properties"] for f in json.loads(out.read_text("utf-8"))["features"] if f["properties"]["role"] == "event"
    ]
    by_article: dict[str, set] = {}
    for p in events:
        by_article.setdefault(p["article"], set()).add(p["claim_id"])
    assert len(by_article) == 2 and "a" in by_article  # the second is a~KEY
    first, second = by_article.values()
    assert not first & second  # claim ids never collide
    zangilan = [p for p in events if p["place_name"] == "Zangilan"]
    assert len(zangilan) == 1 and {s["outlet"] for s in zangilan[0]["sources"]} == {"Alpha", "Beta"}


def test_failed_inputs_are_tried_again_and_strict_fails_again(tmp_path, default_gazetteer):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "junk.json").write_text("[{", "utf-8")
    write_jsonl(folder / "good.jsonl", [seed_record(1)])
    out = tmp_path / "c.geojson"
    with pytest.raises(BatchError, match="junk.json"):
        run_batch([str(folder)], out, workers=1, show_progress=False, strict=True)
    with pytest.raises(BatchError, match="junk.json"):
        run_batch([str(folder)], out, workers=1, show_progress=False, strict=True)
    (folder / "junk.json").write_text(json.dumps(seed_record(9)), "utf-8")  # repaired
    report = run_batch([str(folder)], out, workers=1, show_progress=False, strict=True)
    assert report.failed == 0 and not (tmp_path / "c.geojson.errors.jsonl").exists()


def test_the_merge_writes_the_same_table_in_small_row_groups(tmp_path, default_gazetteer):
    from geo.batch import PartitionStore
    from geo.batch.merge import write_output

    folder = corpus(tmp_path / "in", 3, per_file=3)
    out = tmp_path / "claims.parquet"
    run_batch([str(folder)], out, workers=1, show_progress=False)
    small = tmp_path / "small.parquet"
    with PartitionStore(out) as store:
        summary = write_output(store, None, small, "parquet", batch_rows=7)
    whole, pieces = geopandas.read_parquet(out), geopandas.read_parquet(small)
    assert summary.rows == len(whole) == len(pieces) > 7
    assert whole.to_wkt().equals(pieces.to_wkt())
    import pyarrow.parquet

    schema = pyarrow.parquet.read_schema(small)
    assert str(schema.field("geonameid").type) == "int64" and str(schema.field("needs_review").type) == "bool"
    assert json.loads(schema.metadata[b"geo"])["version"] == "1.0.0" and pieces.crs.to_epsg() == 4326


def test_standard_input_is_read_as_a_stream_of_records(tmp_path, default_gazetteer):
    records = [seed_record(1), seed_record(2)]
    feed = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:1])
    feed += '{"text": broken\n'
    data = feed.encode("utf-8") + b"\xff\xfe not utf-8\n" + (json.dumps(records[1], ensure_ascii=False) + "\n").encode()
    out = tmp_path / "claims.geojson"
    cmd = [sys.executable, "-m", "geo", "batch", "-", "-o", str(out), "--workers", "1", "-q"]
    proc = subprocess.run(cmd, input=data, capture_output=True)
    assert proc.returncode == 3, proc.stderr.decode()  # done, with failures
    assert b"2 record(s) failed" in proc.stderr
    articles = {f["properties"]["article"] for f in json.loads(out.read_text("utf-8"))["features"]}
    assert articles == {"seed-001", "seed-002"}
    errors = [json.loads(line) for line in (tmp_path / "claims.geojson.errors.jsonl").read_text("utf-8").splitlines()]
    assert [(e["input"], e["position"]) for e in errors] == [("<stdin>", "line 2"), ("<stdin>", "line 3")]
    assert "not valid JSON" in errors[0]["error"] and "not UTF-8" in errors[1]["error"]
    with pytest.raises(InputError, match="only once"):
        run_batch(["-", "-"], tmp_path / "x.geojson", show_progress=False)
