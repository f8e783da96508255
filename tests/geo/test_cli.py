"""The ``geo`` command line, run as a real process: contract formats, errors, exit codes."""

import csv
import io
import json
import subprocess
import sys
import zipfile

import pytest

from ..texts import GEONAMES_SAMPLE, SEED_DIR


def geo(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], input=stdin, capture_output=True, timeout=300)


def ok(*args, stdin: bytes | None = None) -> str:
    proc = geo(*args, stdin=stdin)
    assert proc.returncode == 0, proc.stderr.decode()
    return proc.stdout.decode("utf-8")


def test_jsonl_one_line_per_input_in_order_with_blank_lines(sample_index_dir):
    text = "زنغلان\n\nBaku\n   \nXqzvvprt\n"
    out = ok("geocode", "--gazetteer", sample_index_dir, "--input", "-", "--format", "jsonl", stdin=text.encode())
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["query"] for r in rows] == ["زنغلان", "", "Baku", "   ", "Xqzvvprt"]
    assert [len(r["results"]) > 0 for r in rows] == [True, False, True, False, False]
    top = rows[0]["results"][0]
    assert top["geonameid"] == 146901 and top["name"] == "Zangilan" and top["country_code"] == "AZ"
    assert set(top) >= {"lat", "lon", "feature_class", "feature_code", "population", "score", "matched"}


def test_names_as_arguments_and_limit(sample_index_dir):
    out = ok("geocode", "Гянджа", "Ganja", "--gazetteer", sample_index_dir, "--format", "json", "--limit", "1")
    rows = json.loads(out)
    assert [r["results"][0]["geonameid"] for r in rows] == [586523, 586523]
    assert all(len(r["results"]) == 1 for r in rows)


def test_csv_keeps_queries_without_results(sample_index_dir):
    out = ok("geocode", "Yerevan", "Xqzvvprt", "--gazetteer", sample_index_dir, "--format", "csv", "--limit", "2")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["query"] == "Yerevan" and rows[0]["rank"] == "1" and rows[0]["geonameid"] == "616052"
    assert rows[-1]["query"] == "Xqzvvprt" and rows[-1]["geonameid"] == ""


def test_table_is_for_people(sample_index_dir):
    out = ok("geocode", "باكو", "--gazetteer", sample_index_dir)
    assert "باكو" in out and "Baku" in out and "587084" in out


def test_country_and_near_options(sample_index_dir):
    out = ok("geocode", "مارتوني", "--gazetteer", sample_index_dir, "--country", "AZ", "--format", "jsonl")
    assert json.loads(out)["results"][0]["geonameid"] == 146969
    out = ok("geocode", "Washington", "--gazetteer", sample_index_dir, "--near", "38.5,-91", "--format", "jsonl")
    assert json.loads(out)["results"][0]["geonameid"] == 4413621
    bad = geo("geocode", "x", "--gazetteer", sample_index_dir, "--near", "north")
    assert bad.returncode == 2 and b"LAT,LON" in bad.stderr
    bad = geo("geocode", "x", "--gazetteer", sample_index_dir, "--country", "Azerbaijan")
    assert bad.returncode == 2 and b"two-letter" in bad.stderr


def test_invalid_utf8_in_input_names_the_line(sample_index_dir, tmp_path):
    path = tmp_path / "names.txt"
    path.write_bytes(b"Baku\nGanja\n" + b"\xff\xfeabc\n")
    proc = geo("geocode", "--gazetteer", sample_index_dir, "--input", path, "--format", "jsonl")
    assert proc.returncode == 1
    assert f"{path}, line 3: not valid UTF-8".encode() in proc.stderr
    assert b"Traceback" not in proc.stderr
    # the lines before the bad one were answered
    assert len(proc.stdout.decode().splitlines()) == 2


def test_binary_junk_in_input(sample_index_dir):
    proc = geo("geocode", "--gazetteer", sample_index_dir, "--input", "-", stdin=b"Baku\n\x00\x01\x02\x89PNG\n")
    assert proc.returncode == 1
    assert b"<stdin>, line 2: binary data" in proc.stderr


def test_a_100kb_line(sample_index_dir):
    out = ok(
        "geocode",
        "--gazetteer",
        sample_index_dir,
        "--input",
        "-",
        "--format",
        "jsonl",
        stdin=("ب" * 100_000 + "\nBaku\n").encode(),
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 2 and rows[1]["results"][0]["geonameid"] == 587084


def test_missing_input_file(sample_index_dir, tmp_path):
    proc = geo("geocode", "--gazetteer", sample_index_dir, "--input", tmp_path / "none.txt")
    assert proc.returncode != 0 and b"none.txt" in proc.stderr and b"Traceback" not in proc.stderr


def test_no_names_is_a_usage_error():
    proc = geo("geocode")
    assert proc.returncode == 2 and b"--input" in proc.stderr


def test_index_directory_holding_garbage(tmp_path):
    (tmp_path / "gazetteer.sqlite").write_text("hello")
    proc = geo("geocode", "Baku", "--gazetteer", tmp_path)
    assert proc.returncode == 1
    assert b"not a gazetteer index" in proc.stderr and b"Traceback" not in proc.stderr


def test_build_from_geonames_and_supplement_without_default(tmp_path):
    sup = tmp_path / "extra.csv"
    sup.write_text("name,lat,lon,country_code,alternate_names\nTalish,40.38,46.74,AZ,Talış|Թալիշ\n", "utf-8")
    out = tmp_path / "idx"
    proc = geo("gazetteer", "build", "--no-default", "--geonames", GEONAMES_SAMPLE, "--supplement", sup, "--out", out)
    assert proc.returncode == 0, proc.stderr.decode()
    info = json.loads(ok("gazetteer", "info", "--gazetteer", out, "--format", "json"))
    assert info["places"] == 19
    assert [s["name"] for s in info["sources"]] == ["geonames", "supplement"]
    text = ok("gazetteer", "info", "--gazetteer", out)
    assert "CC-BY 4.0" in text and "places" in text
    top = json.loads(ok("geocode", "تاليش", "--gazetteer", out, "--format", "jsonl"))["results"][0]
    assert top["name"] == "Talish" and top["geonameid"] is None


def test_build_reports_a_malformed_line_or_skips_it(tmp_path):
    bad = tmp_path / "XX.txt"
    bad.write_text(GEONAMES_SAMPLE.read_text("utf-8") + "999\tBroken row\n", "utf-8")
    proc = geo("gazetteer", "build", "--no-default", "--geonames", bad, "--out", tmp_path / "a")
    assert proc.returncode == 1
    assert f"{bad}, line 19: expected 19 tab-separated columns, found 2".encode() in proc.stderr
    assert not (tmp_path / "a" / "gazetteer.sqlite").exists()
    proc = geo("gazetteer", "build", "--no-default", "--geonames", bad, "--out", tmp_path / "b", "--skip-bad-lines")
    assert proc.returncode == 0 and b"1 malformed line(s) skipped" in proc.stderr
    info = json.loads(ok("gazetteer", "info", "--gazetteer", tmp_path / "b", "--format", "json"))
    assert info["places"] == 18 and info["sources"][0]["skipped"] == 1


def test_build_from_truncated_zip(tmp_path):
    archive = tmp_path / "AZ.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("AZ.txt", GEONAMES_SAMPLE.read_text("utf-8") * 100)
    archive.write_bytes(archive.read_bytes()[:-300])
    proc = geo("gazetteer", "build", "--no-default", "--geonames", archive, "--out", tmp_path / "idx")
    assert proc.returncode == 1 and b"AZ.zip" in proc.stderr and b"zip" in proc.stderr
    assert b"Traceback" not in proc.stderr


def test_build_from_missing_file(tmp_path):
    proc = geo("gazetteer", "build", "--no-default", "--geonames", tmp_path / "allCountries.zip", "--out", tmp_path)
    assert proc.returncode == 1 and b"allCountries.zip: no such file" in proc.stderr


@pytest.mark.usefixtures("default_gazetteer")
def test_seed_place_names_with_the_default_gazetteer():
    """The README's main job: the seed's place names, geocoded with the embedded default."""
    out = ok("geocode", "--input", SEED_DIR / "karabakh-2020-10-20.places.txt", "--format", "jsonl", "--limit", "3")
    tops = {json.loads(line)["query"]: json.loads(line)["results"] for line in out.splitlines()}
    assert tops["زنغلان"][0]["geonameid"] == 146901
    assert tops["قره باغ"][0]["name"] == "Karabakh"
    assert {r["geonameid"] for r in tops["مارتوني"]} >= {616438, 146969}


def test_python_dash_m_and_version():
    assert ok("--version").startswith("geo, version")


def test_parallel_batch_gives_the_same_rows_in_the_same_order(sample_index_dir):
    names = ("زنغلان\nBaku\n\nГянджа\nYerevan\nدمشق\nXqzvvprt\n" * 30).encode()
    one = ok(
        "geocode", "--gazetteer", sample_index_dir, "--input", "-", "--format", "jsonl", "--workers", "1", stdin=names
    )
    two = ok(
        "geocode", "--gazetteer", sample_index_dir, "--input", "-", "--format", "jsonl", "--workers", "2", stdin=names
    )
    assert one == two and len(one.splitlines()) == 210
