"""``geo extract`` as a real process: formats, output files, and bad input."""

import csv
import io
import json
import subprocess
import sys

import pytest

from ..texts import SEED_DIR

SEED = SEED_DIR / "karabakh-2020-10-20.ar.txt"


def geo(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], input=stdin, capture_output=True, timeout=600)


pytestmark = pytest.mark.usefixtures("default_gazetteer")


def test_seed_to_geojson_on_stdout():
    proc = geo("extract", SEED)
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert doc["type"] == "FeatureCollection"
    roles = {f["properties"]["role"] for f in doc["features"]}
    assert roles == {"event", "claimant_seat", "other"}
    zangilan = [f for f in doc["features"] if f["properties"]["place_name"] == "Zangilan"]
    assert zangilan and zangilan[0]["geometry"]["coordinates"] == pytest.approx([46.65988, 39.08371], abs=1e-4)
    # the article's own properties are written once, in the collection's "articles"
    sidecar = json.loads(SEED.with_suffix("").with_suffix(".ar.json").read_text("utf-8"))
    assert doc["articles"] == {
        "karabakh-2020-10-20.ar": {
            "article_title": sidecar["title"],
            "outlet": sidecar["outlet"],
            "url": None,
            "published": "2020-10-20",
        }
    }
    assert not any("published" in f["properties"] or "article_title" in f["properties"] for f in doc["features"])


def test_several_articles_in_one_collection_and_date_override(tmp_path):
    other = tmp_path / "short.txt"
    other.write_text("Shelling in Tartar\nAzerbaijan's defence ministry said Armenian forces shelled Tartar.\n")
    proc = geo("extract", SEED, other, "--date", "2020-10-25")
    doc = json.loads(proc.stdout)
    articles = {f["properties"]["article"] for f in doc["features"]}
    assert articles == {"karabakh-2020-10-20.ar", "short"} == set(doc["articles"])
    assert {a["published"] for a in doc["articles"].values()} == {"2020-10-25"}
    short = [f["properties"] for f in doc["features"] if f["properties"]["article"] == "short"]
    assert any(p["role"] == "event" and p["side"] == "AZ" and p["place_name"] == "Tartar" for p in short)


def test_jsonl_and_csv(tmp_path):
    jsonl = geo("extract", SEED, "--format", "jsonl").stdout.decode().splitlines()
    assert all(json.loads(line)["type"] == "Feature" for line in jsonl)
    rows = list(csv.DictReader(io.StringIO(geo("extract", SEED, "--format", "csv").stdout.decode())))
    assert len(rows) == len(jsonl)
    assert {"lat", "lon", "claim_id", "role", "side", "text"} <= set(rows[0])


def test_output_file_is_written_whole_and_replaces_the_old_one(tmp_path):
    out = tmp_path / "seed.geojson"
    out.write_text("old content")
    proc = geo("extract", SEED, "-o", out)
    assert proc.returncode == 0
    assert json.loads(out.read_text())["type"] == "FeatureCollection"
    assert not list(tmp_path.glob(".seed.geojson.*"))


def test_output_in_a_missing_directory(tmp_path):
    proc = geo("extract", SEED, "-o", tmp_path / "nope" / "out.geojson")
    assert proc.returncode == 1
    assert b"does not exist" in proc.stderr and b"Traceback" not in proc.stderr


def test_failed_run_keeps_the_old_output(tmp_path):
    out = tmp_path / "out.geojson"
    out.write_text("precious")
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10)
    proc = geo("extract", bad, "-o", out)
    assert proc.returncode == 1
    assert out.read_text() == "precious"


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_or_blank_article(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    proc = geo("extract", path)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["features"] == []
    assert b"empty article" in proc.stderr


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10)
    proc = geo("extract", path)
    assert proc.returncode == 1
    assert str(path).encode() in proc.stderr and b"binary" in proc.stderr


def test_invalid_utf8_needs_an_encoding(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Les forces ont bombardé la ville de Lyon.\n".encode("latin-1"))
    proc = geo("extract", path)
    assert proc.returncode == 1 and b"--encoding" in proc.stderr
    assert geo("extract", path, "--encoding", "latin-1").returncode == 0


def test_windows_1256_arabic_is_detected(tmp_path):
    path = tmp_path / "cp1256.txt"
    path.write_bytes(SEED.read_text("utf-8").encode("cp1256"))
    proc = geo("extract", path, "--date", "2020-10-20")
    assert proc.returncode == 0
    names = {f["properties"]["place_name"] for f in json.loads(proc.stdout)["features"]}
    assert {"Zangilan", "Ganja", "Khojavend"} <= names


def test_html_with_script_runs_nothing_and_keeps_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Tartar shelled</title><script>alert('Baku')</script></head><body>"
        "<nav>Home | Moscow edition</nav><p>Azerbaijan's defence ministry said Armenian forces shelled Tartar.</p>"
        "<footer>© Paris</footer></body></html>"
    )
    doc = json.loads(geo("extract", path).stdout)
    names = {f["properties"]["place_name"] for f in doc["features"]}
    assert "Tartar" in names
    assert not names & {"Baku", "Moscow", "Paris"}
    assert not any("alert" in (f["properties"]["text"] or "") for f in doc["features"])


def test_jsonl_with_a_broken_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "a1", "title": "Tartar", "text": "Armenian forces shelled Tartar, the ministry said."}\n'
        '{"id": "a2", "text": "Explosion in Ganja."}\n'
        '{"id": "a3", "text": broken\n'
    )
    proc = geo("extract", path)  # the broken line is a failure of its own: the others are written
    assert proc.returncode == 3, proc.stderr.decode()
    assert f"geo: failed: {path}, line 3: not valid JSON".encode() in proc.stderr
    assert b"2 article(s) extracted, 1 failed" in proc.stderr
    articles = {f["properties"]["article"] for f in json.loads(proc.stdout)["features"]}
    assert articles == {"a1", "a2"}
    strict = geo("extract", path, "--strict")
    assert strict.returncode == 1 and b"--strict" in strict.stderr and b"Traceback" not in strict.stderr


def test_language_without_a_lexicon(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text(
        "Bombardements à Donetsk\nLes forces russes ont bombardé la ville de Donetsk, selon le ministère.\n"
    )
    proc = geo("extract", path)
    assert proc.returncode == 0
    assert b"no language pack for 'fr'" in proc.stderr
    feats = json.loads(proc.stdout)["features"]
    assert any(f["properties"]["place_name"] == "Donetsk" for f in feats)
    assert {f["properties"]["side"] for f in feats if f["properties"]["role"] == "event"} <= {"media"}


def test_missing_article():
    proc = geo("extract", "no-such-article.txt")
    assert proc.returncode == 1 and b"no such file" in proc.stderr


def test_output_is_linear_in_an_article_without_line_breaks(tmp_path):
    """A scraped article with no line break: no run-on title, no line copied into every row. (The 10 and
    50 MB runs, with time and memory, are ``benchmarks/bench_long.py``.)"""
    body = " ".join(SEED.read_text("utf-8").split("\n", 1)[1].split())
    sizes = {}
    for copies in (1, 40):
        path = tmp_path / f"flat{copies}.txt"
        path.write_text(" ".join([body] * copies), "utf-8")
        out = tmp_path / f"flat{copies}.jsonl"
        proc = geo("extract", path, "--date", "2020-10-20", "--format", "jsonl", "-o", out)
        assert proc.returncode == 0, proc.stderr.decode()[-2000:]
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert all(len(r["properties"]["article_title"] or "") <= 300 for r in rows)
        assert all(len(r["properties"]["text"] or "") <= 2000 for r in rows)
        sizes[copies] = (len(rows), out.stat().st_size)
    (rows_1, bytes_1), (rows_40, bytes_40) = sizes[1], sizes[40]
    assert 30 * rows_1 <= rows_40 <= 50 * rows_1  # each copy's places and claims
    assert bytes_40 < 60 * bytes_1  # and rows no longer for being in a long text
