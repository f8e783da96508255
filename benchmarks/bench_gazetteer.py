"""Gazetteer benchmarks: index builds, cross-script accuracy, search throughput, cold start, 13M-row scale.

Sections (``--only NAME[,NAME...]``; by default all but ``scale``):

- ``build_default``  ``geo gazetteer build --out DIR --quiet`` (embedded default): wall time, peak RSS,
  then places / names / size from ``geo gazetteer info --format json``.
- ``build_xscript``  ``xscript.py make`` (once) and ``geo gazetteer build --no-default --geonames
  gazetteer.tsv``: wall time, peak RSS.
- ``xscript``        geocode the xscript queries through ``geo geocode --input - --format jsonl`` and score
  them with ``xscript.py score`` (acc@1, recall@5, names/s); ``--split-salt SALT`` adds a test split.
- ``throughput``     Python API: geocode every xscript query, 3 passes, a fresh ``Gazetteer`` each pass;
  names/s of the first and the best pass and this process's peak RSS.
- ``cold``           5 new processes of ``geo geocode زنغلان`` on a built index: min / median wall.
- ``scale``          (only when asked) a synthetic GeoNames ``allCountries.zip`` of ``--rows`` rows
  (default 13,000,000), generated once, then ``geo gazetteer build --no-default --geonames``: wall,
  peak RSS, rows/s.

Peak RSS is that of the largest single process (``/usr/bin/time``, which counts the build's
worker processes too, else ``RUSAGE_CHILDREN``); "tree PSS" is the peak of the sum of PSS over the
command's whole process tree, sampled every 0.2 s: what parent and workers hold together, with pages
they share counted once.

Run (with the project's venv, so that ``geo`` and ``gazetteer`` are importable)::

    GEO_CACHE_DIR=/tmp/geocache python benchmarks/bench_gazetteer.py [--json out.json]
    python benchmarks/bench_gazetteer.py --only xscript --split-salt s1
    python benchmarks/bench_gazetteer.py --only scale --rows 1000000     # default workdir /tmp/geo-scale
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import zipfile
from pathlib import Path

SECTIONS = ("build_default", "build_xscript", "xscript", "throughput", "cold", "scale")
DEFAULT_SECTIONS = SECTIONS[:-1]
XSCRIPT = Path("/work/shared/bench/xscript.py")
XSCRIPT_COUNTRIES = "AZ,AM,GE,IR,TR,SY,IQ,LB,JO,IL,PS,YE,SA,EG,LY,SD,UA,RU"
COLD_QUERY = "زنغلان"
TIME = Path("/usr/bin/time")


# -- running commands -------------------------------------------------------------------------
def _geo() -> str:
    beside = Path(sys.executable).with_name("geo")
    return str(beside) if beside.exists() else (shutil.which("geo") or sys.exit("no `geo` command found"))


def _tree_pss_kb(root: int) -> int:
    """Sum of PSS (RSS with shared pages split among their sharers) over ``root`` and its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    children.setdefault(int(fh.read().rsplit(")", 1)[1].split()[1]), []).append(int(entry))
            except OSError:
                continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                total += next((int(ln.split()[1]) for ln in fh if ln.startswith("Pss:")), 0)
        except OSError:
            continue
    return total


def run(cmd: list[str], *, stdin: bytes | None = None, stdout=None, env: dict | None = None) -> dict:
    """Run ``cmd``; return wall seconds, peak RSS (MB) of its largest process and of its tree, stdout, stderr."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        full = [str(TIME), "-f", "%M", "-o", rss_file.name, *cmd] if TIME.exists() else cmd
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            full,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=stdout or subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **(env or {})},
        )
        tree_peak, done = 0, threading.Event()

        def sample() -> None:
            nonlocal tree_peak
            while not done.wait(0.2):
                tree_peak = max(tree_peak, _tree_pss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        out, err = proc.communicate(stdin)
        wall = time.perf_counter() - t0
        done.set()
        sampler.join()
        if TIME.exists():
            lines = rss_file.read().split()
            peak_kb = int(lines[-1]) if lines and lines[-1].isdigit() else 0
        else:  # the largest child this process has ever waited for: exact only for the biggest command
            peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    err_text = err.decode("utf-8", "replace")
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err_text[-2000:]}")
    return {
        "wall_s": round(wall, 3),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "tree_pss_mb": round(tree_peak / 1024, 1),
        "stdout": (out or b"").decode("utf-8", "replace"),
        "stderr": err_text,
    }


def build(args: list[str], out_dir: Path) -> dict:
    """``geo gazetteer build ARGS --out OUT_DIR --quiet``, then the index's ``info``.

    GEO_BUILD_DEBUG=1 makes the build print the times of its phases, which are kept.
    """
    r = run([_geo(), "gazetteer", "build", *args, "--out", str(out_dir), "--quiet"], env={"GEO_BUILD_DEBUG": "1"})
    info = json.loads(run([_geo(), "gazetteer", "info", "--gazetteer", str(out_dir), "--format", "json"])["stdout"])
    phases = [ln.removeprefix("[build] ") for ln in r["stderr"].splitlines() if ln.startswith("[build]")]
    return {
        "wall_s": r["wall_s"],
        "peak_rss_mb": r["peak_rss_mb"],
        "tree_pss_mb": r["tree_pss_mb"],
        "places": info["places"],
        "names": info["names"],
        "size_mb": round(info["size_bytes"] / 1e6, 1),
        "phases": phases,
    }


def _show_build(fig: dict) -> None:
    print(
        f"  wall {fig['wall_s']:.1f} s, peak RSS {fig['peak_rss_mb']:.0f} MB "
        f"(whole tree, PSS: {fig['tree_pss_mb']:.0f} MB)"
    )
    print(f"  {fig['places']:,} places, {fig['names']:,} names, {fig['size_mb']:.1f} MB on disk")
    for phase in fig["phases"]:
        print(f"  [build] {phase}")


# -- sections ---------------------------------------------------------------------------------
def build_default(ctx: dict) -> dict:
    out = ctx["workdir"] / "default"
    fig = build([], out)
    ctx["default_index"] = out
    _show_build(fig)
    return fig


def _xscript_make(qdir: Path, env: dict | None = None) -> float | None:
    if (qdir / "gazetteer.tsv").exists():
        return None
    r = run([sys.executable, str(XSCRIPT), "make", str(qdir), "--countries", XSCRIPT_COUNTRIES, "--n", "400"], env=env)
    print(f"  {r['stdout'].strip()} ({r['wall_s']:.1f} s)")
    return r["wall_s"]


def build_xscript(ctx: dict) -> dict:
    xdir = ctx["workdir"] / "xscript"
    make_s = _xscript_make(xdir)
    fig = build(["--no-default", "--geonames", str(xdir / "gazetteer.tsv")], xdir / "gaz")
    _show_build(fig)
    return {"make_s": make_s, **fig}


def _xscript_index(ctx: dict) -> Path:
    xdir = ctx["workdir"] / "xscript"
    if not (xdir / "gaz" / "gazetteer.sqlite").exists():
        print("  (no xscript index yet: running build_xscript first)")
        ctx["results"].setdefault("build_xscript", build_xscript(ctx))
    return xdir


def _queries(qdir: Path) -> list[str]:
    with open(qdir / "queries.tsv", encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t")[1] for line in fh if line.strip()]


def _score(qdir: Path, gaz: Path) -> dict:
    names = _queries(qdir)
    results = qdir / "results.jsonl"
    with open(results, "wb") as out:
        r = run(
            [_geo(), "geocode", "--gazetteer", str(gaz), "--input", "-", "--format", "jsonl"],
            stdin="".join(n + "\n" for n in names).encode(),
            stdout=out,
        )
    scored = run([sys.executable, str(XSCRIPT), "score", str(qdir), str(results)])["stdout"].strip().splitlines()
    figures = dict(kv.split("=") for kv in scored[-1].split())  # queries=400 acc@1=0.712 recall@5=0.830
    misses = scored[:-1]
    print(
        f"  {len(names)} queries in {r['wall_s']:.1f} s ({len(names) / r['wall_s']:.1f} names/s, "
        f"peak RSS {r['peak_rss_mb']:.0f} MB): acc@1 {figures['acc@1']}, recall@5 {figures['recall@5']}"
    )
    print(f"  misses at top 1 (first {len(misses)}: query, truth (country), got):")
    for line in misses:
        print("    " + line)
    return {
        "queries": int(figures["queries"]),
        "acc@1": float(figures["acc@1"]),
        "recall@5": float(figures["recall@5"]),
        "geocode_wall_s": r["wall_s"],
        "names_per_s": round(len(names) / r["wall_s"], 1),
        "geocode_peak_rss_mb": r["peak_rss_mb"],
        "misses_shown": len(misses),
    }


def xscript(ctx: dict) -> dict:
    xdir = _xscript_index(ctx)
    print("  dev split")
    fig = {"dev": _score(xdir, xdir / "gaz")}
    salt = ctx["args"].split_salt
    if salt:
        tdir = ctx["workdir"] / f"xscript-test-{salt}"
        print(f"  test split (salt {salt!r}, gazetteer {xdir / 'gaz'})")
        _xscript_make(tdir, env={"XSCRIPT_SPLIT": "test", "XSCRIPT_SALT": salt})
        fig["test"] = {"salt": salt, **_score(tdir, xdir / "gaz")}
    return fig


def throughput(ctx: dict) -> dict:
    from gazetteer import Gazetteer

    xdir = _xscript_index(ctx)
    names = _queries(xdir)
    passes = []
    for _ in range(3):
        t0 = time.perf_counter()
        with Gazetteer.open(xdir / "gaz") as gz:
            for name in names:
                gz.search(name, limit=5)
        passes.append(time.perf_counter() - t0)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    fig = {
        "names": len(names),
        "pass_s": [round(p, 3) for p in passes],
        "first_names_per_s": round(len(names) / passes[0], 1),
        "best_names_per_s": round(len(names) / min(passes), 1),
        "self_peak_rss_mb": round(rss_mb, 1),
    }
    print(
        f"  {len(names)} names x 3 passes: first {fig['first_names_per_s']} names/s, "
        f"best {fig['best_names_per_s']} names/s ({1000 * min(passes) / len(names):.1f} ms/name); "
        f"process peak RSS {rss_mb:.0f} MB"
    )
    return fig


def cold(ctx: dict) -> dict:
    index = ctx.get("default_index")
    cmd = [_geo(), "geocode", COLD_QUERY] + (["--gazetteer", str(index)] if index else [])
    runs = [run(cmd) for _ in range(5)]
    walls = [r["wall_s"] for r in runs]
    fig = {
        "index": str(index or "default cache"),
        "walls_s": walls,
        "min_s": min(walls),
        "median_s": statistics.median(walls),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "top": runs[0]["stdout"].splitlines()[1].strip() if runs[0]["stdout"].count("\n") > 1 else "",
    }
    print(
        f"  geo geocode {COLD_QUERY} ({fig['index']}): min {fig['min_s']:.3f} s, median {fig['median_s']:.3f} s, "
        f"peak RSS {fig['peak_rss_mb']:.0f} MB"
    )
    print(f"  top result: {fig['top']}")
    return fig


# -- scale: a synthetic allCountries.zip ------------------------------------------------------
STYLES = {  # syllables of a few naming traditions, romanised
    "slavic": [
        "bo",
        "vo",
        "lo",
        "no",
        "gra",
        "sla",
        "mir",
        "ka",
        "ov",
        "ev",
        "in",
        "ski",
        "go",
        "rod",
        "pol",
        "ra",
        "zna",
        "tsa",
        "dub",
        "kra",
        "vlad",
        "ye",
        "sha",
        "cher",
        "nik",
    ],
    "turkic": [
        "kara",
        "ak",
        "su",
        "ba",
        "yur",
        "tepe",
        "kul",
        "köy",
        "ça",
        "şe",
        "dağ",
        "lı",
        "ar",
        "kə",
        "ən",
        "tə",
        "gül",
        "bek",
        "alan",
        "ör",
        "us",
        "can",
        "sar",
        "göl",
        "tur",
    ],
    "arabic": [
        "al",
        "ba",
        "ha",
        "mad",
        "ra",
        "shar",
        "qa",
        "sim",
        "tal",
        "nur",
        "zay",
        "dar",
        "kha",
        "lid",
        "jab",
        "sa",
        "fa",
        "wadi",
        "hum",
        "mus",
        "ain",
        "ras",
        "dir",
        "bab",
        "sul",
    ],
    "romance": [
        "san",
        "ta",
        "ma",
        "ri",
        "vil",
        "la",
        "mon",
        "te",
        "ca",
        "sa",
        "ro",
        "val",
        "de",
        "no",
        "bel",
        "lo",
        "fi",
        "pe",
        "ra",
        "gio",
        "ver",
        "cas",
        "ti",
        "ana",
        "ol",
    ],
    "germanic": [
        "berg",
        "dorf",
        "burg",
        "feld",
        "hau",
        "sen",
        "wald",
        "bach",
        "ham",
        "stein",
        "lin",
        "ster",
        "brook",
        "ton",
        "wick",
        "ley",
        "mar",
        "holt",
        "en",
        "ing",
        "wor",
        "thal",
        "kirch",
        "hof",
        "ford",
    ],
}
SUFFIXES = [" Creek", " Hill", "abad", "ovka", " Dağı", " Kalesi", "-e Bala", " Springs", "sk", "ville"]
CYRILLIC = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzçşğöüıə",
        [
            "а",
            "б",
            "ц",
            "д",
            "е",
            "ф",
            "г",
            "х",
            "и",
            "й",
            "к",
            "л",
            "м",
            "н",
            "о",
            "п",
            "к",
            "р",
            "с",
            "т",
            "у",
            "в",
            "в",
            "кс",
            "й",
            "з",
            "ч",
            "ш",
            "г",
            "ё",
            "ю",
            "ы",
            "ә",
        ],
        strict=True,
    )
)
ARABIC = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzçşğöüıə",
        [
            "ا",
            "ب",
            "ك",
            "د",
            "ي",
            "ف",
            "غ",
            "ه",
            "ي",
            "ج",
            "ك",
            "ل",
            "م",
            "ن",
            "و",
            "ب",
            "ق",
            "ر",
            "س",
            "ت",
            "و",
            "ف",
            "و",
            "كس",
            "ي",
            "ز",
            "چ",
            "ش",
            "غ",
            "و",
            "و",
            "ي",
            "ا",
        ],
        strict=True,
    )
)
DIGRAPHS_CYR = {"sh": "ш", "ch": "ч", "kh": "х", "ts": "ц", "zh": "ж", "ya": "я", "yu": "ю"}
DIGRAPHS_AR = {"sh": "ش", "ch": "تش", "kh": "خ", "th": "ث", "dh": "ذ", "gh": "غ"}
FEATURES = [
    ("P\tPPL", 30),
    ("H\tSTM", 14),
    ("T\tHLL", 10),
    ("T\tMT", 6),
    ("S\tFRM", 8),
    ("L\tLCTY", 8),
    ("A\tADM2", 2),
    ("H\tLK", 5),
    ("S\tSCH", 5),
    ("V\tFRST", 4),
    ("P\tPPLX", 4),
    ("S\tBLDG", 4),
]
COUNTRIES = [
    "US",
    "CN",
    "IN",
    "RU",
    "BR",
    "ID",
    "MX",
    "IR",
    "TR",
    "DE",
    "FR",
    "GB",
    "IT",
    "ES",
    "UA",
    "PL",
    "AZ",
    "AM",
    "GE",
    "SY",
    "IQ",
    "SA",
    "EG",
    "YE",
    "LY",
    "SD",
    "JO",
    "LB",
    "IL",
    "PK",
    "AF",
    "NG",
    "ET",
    "KE",
    "TZ",
    "ZA",
    "DZ",
    "MA",
    "TN",
    "CA",
    "AU",
    "AR",
    "CL",
    "PE",
    "CO",
    "VE",
    "JP",
    "KR",
    "VN",
    "TH",
    "PH",
    "MY",
    "KZ",
    "UZ",
    "NO",
    "SE",
    "FI",
    "RO",
    "GR",
]
TIMEZONES = ["Europe/Moscow", "Asia/Baku", "Asia/Tehran", "America/New_York", "Africa/Cairo", "Asia/Kolkata"]


def _letters(word: str, digraphs: dict, letters: dict) -> str:
    for latin, other in digraphs.items():
        word = word.replace(latin, other)
    return "".join(letters.get(ch, ch) for ch in word)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text.replace("ı", "i").replace("ə", "a")).encode("ascii", "ignore").decode()


def _word_pool(rng: random.Random, size: int) -> list[tuple[str, str, str, str]]:
    """``size`` words of 1-3 syllables in one style each: (name, ascii name, Cyrillic, Arabic)."""
    pool = []
    for _ in range(size):
        syllables = STYLES[rng.choice(list(STYLES))]
        word = "".join(rng.choices(syllables, k=rng.choice((1, 2, 2, 2, 3, 3))))
        pool.append(
            (
                word.capitalize(),
                _ascii(word).capitalize(),
                _letters(word, DIGRAPHS_CYR, CYRILLIC).capitalize(),
                _letters(word, DIGRAPHS_AR, ARABIC),
            )
        )
    return pool


def _geoname_lines(n: int, seed: int, chunk: int = 100_000):
    """GeoNames 19-column rows, ``chunk`` rows per yielded string."""
    rng = random.Random(seed)
    words = _word_pool(rng, 60_000)
    features, weights = zip(*FEATURES, strict=True)
    rand = rng.random
    for start in range(1, n + 1, chunk):
        k = min(chunk, n + 1 - start)
        lines = []
        for gid, w1, w2, feat, cc in zip(
            range(start, start + k),
            rng.choices(words, k=k),
            rng.choices(words, k=k),
            rng.choices(features, weights, k=k),
            rng.choices(COUNTRIES, k=k),
            strict=True,
        ):
            r = rand()
            if r < 0.25:  # two words
                name, asc, cyr, ar = (f"{a} {b}" for a, b in zip(w1, w2, strict=True))
            elif r < 0.35:  # a generic suffix
                sfx = SUFFIXES[int(r * 1000) % len(SUFFIXES)]
                name, asc, cyr, ar = w1[0] + sfx, w1[1] + _ascii(sfx), w1[2], w1[3]
            else:
                name, asc, cyr, ar = w1
            r2 = rand()
            alts = "" if r2 < 0.45 else cyr if r2 < 0.7 else ar if r2 < 0.85 else f"{cyr},{ar},{asc.upper()}"
            pop = int(10 ** (1 + 5 * rand() ** 3)) if feat[0] == "P" and r2 > 0.3 else 0
            lines.append(
                f"{gid}\t{name}\t{asc}\t{alts}\t{rand() * 140 - 60:.5f}\t{rand() * 360 - 180:.5f}\t{feat}\t"
                f"{cc}\t\t{gid % 40:02d}\t\t\t\t{pop}\t\t{int(r2 * 900)}\t{TIMEZONES[gid % 6]}\t2024-03-15\n"
            )
        yield "".join(lines)


def make_synthetic(path: Path, rows: int, seed: int = 13) -> dict:
    """Write ``path`` (a zip holding ``allCountries.txt``) unless it exists with the same row count."""
    meta_path = path.with_suffix(".json")
    if path.exists():
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {"rows": None}
        if meta["rows"] in (rows, None):
            print(f"  reusing {path} ({meta['rows'] or 'unknown'} rows)")
            return {**meta, "generated": False}
    t0 = time.perf_counter()
    tmp = path.with_suffix(".tmp")
    with (
        zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf,
        zf.open("allCountries.txt", "w", force_zip64=True) as raw,
    ):
        for block in _geoname_lines(rows, seed):
            raw.write(block.encode("utf-8"))
    os.replace(tmp, path)
    meta = {
        "rows": rows,
        "seed": seed,
        "generate_s": round(time.perf_counter() - t0, 1),
        "zip_mb": round(path.stat().st_size / 1e6, 1),
    }
    meta_path.write_text(json.dumps(meta))
    print(
        f"  generated {rows:,} rows in {meta['generate_s']:.1f} s "
        f"({rows / meta['generate_s']:,.0f} rows/s), {meta['zip_mb']:.0f} MB zipped"
    )
    return {**meta, "generated": True}


def scale(ctx: dict) -> dict:
    workdir = ctx["scale_dir"]
    workdir.mkdir(parents=True, exist_ok=True)
    dump = workdir / "allCountries.zip"
    gen = make_synthetic(dump, ctx["args"].rows)
    fig = build(["--no-default", "--geonames", str(dump)], workdir / "gaz")
    rows = gen.get("rows") or fig["places"]
    fig = {
        "rows": rows,
        **{k: v for k, v in gen.items() if k != "rows"},
        **fig,
        "rows_per_s": round(rows / fig["wall_s"]),
    }
    _show_build(fig)
    print(f"  {fig['rows_per_s']:,} rows/s")
    return fig


# -- main -------------------------------------------------------------------------------------
SUMMARY = [  # (section, label, key path, format)
    ("build_default", "build default: wall s", "wall_s", "{:.1f}"),
    ("build_default", "build default: peak RSS MB (tree PSS)", ("peak_rss_mb", "tree_pss_mb"), "{:.0f} ({:.0f})"),
    ("build_default", "default index: places / names / MB", ("places", "names", "size_mb"), "{:,} / {:,} / {:.0f}"),
    ("build_xscript", "build xscript: wall s", "wall_s", "{:.1f}"),
    ("build_xscript", "build xscript: peak RSS MB (tree PSS)", ("peak_rss_mb", "tree_pss_mb"), "{:.0f} ({:.0f})"),
    ("xscript", "xscript dev: acc@1 / recall@5", (("dev", "acc@1"), ("dev", "recall@5")), "{:.3f} / {:.3f}"),
    ("xscript", "xscript dev: CLI names/s", (("dev", "names_per_s"),), "{:.1f}"),
    ("xscript", "xscript test: acc@1 / recall@5", (("test", "acc@1"), ("test", "recall@5")), "{:.3f} / {:.3f}"),
    ("throughput", "API names/s: first / best pass", ("first_names_per_s", "best_names_per_s"), "{:.1f} / {:.1f}"),
    ("throughput", "API process peak RSS MB", "self_peak_rss_mb", "{:.0f}"),
    ("cold", "cold geocode: min / median s", ("min_s", "median_s"), "{:.3f} / {:.3f}"),
    ("scale", "scale: rows", "rows", "{:,}"),
    ("scale", "scale build: wall s / rows/s", ("wall_s", "rows_per_s"), "{:.1f} / {:,}"),
    ("scale", "scale build: peak RSS MB (tree PSS)", ("peak_rss_mb", "tree_pss_mb"), "{:.0f} ({:.0f})"),
    ("scale", "scale index: places / names / MB", ("places", "names", "size_mb"), "{:,} / {:,} / {:.0f}"),
]


def _get(fig: dict, key):
    for part in key if isinstance(key, tuple) else (key,):
        fig = fig[part]
    return fig


def summary(results: dict) -> None:
    print("\nsummary")
    for section, label, keys, fmt in SUMMARY:
        fig = results.get(section)
        if fig is None:
            continue
        if "error" in fig:
            value = "FAILED: " + fig["error"].splitlines()[0][:60]
        else:
            try:
                value = fmt.format(*(_get(fig, k) for k in (keys if isinstance(keys, tuple) else (keys,))))
            except (KeyError, TypeError):
                continue  # e.g. no test split asked for
        print(f"  {label:38} {value}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument(
        "--workdir", type=Path, help="work directory (default /tmp/geo-bench; /tmp/geo-scale for scale)"
    )
    parser.add_argument("--split-salt", help="also score a test split drawn with this XSCRIPT_SALT")
    parser.add_argument("--rows", type=int, default=13_000_000, help="rows of the synthetic scale file")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = parser.parse_args()
    sections = args.only.split(",") if args.only else list(DEFAULT_SECTIONS)
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; known: {', '.join(SECTIONS)}")
    workdir = args.workdir or Path("/tmp/geo-bench")
    workdir.mkdir(parents=True, exist_ok=True)
    ctx = {"args": args, "workdir": workdir, "scale_dir": args.workdir or Path("/tmp/geo-scale"), "results": {}}
    dirs = f"workdir {workdir}" + (f", scale {ctx['scale_dir']}" if "scale" in sections else "")
    print(f"geo: {_geo()}; GEO_CACHE_DIR={os.environ.get('GEO_CACHE_DIR', '(unset)')}; {dirs}; {os.cpu_count()} CPUs")
    failed = False
    for name in SECTIONS:
        if name not in sections:
            continue
        print(f"\n== {name}")
        try:
            ctx["results"][name] = globals()[name](ctx)
        except Exception as err:  # report and go on with the other sections
            failed = True
            print(f"  FAILED: {err}")
            ctx["results"][name] = {"error": str(err)}
    summary(ctx["results"])
    if args.json:
        args.json.write_text(json.dumps(ctx["results"], indent=2, ensure_ascii=False, default=str))
        print(f"\nfigures written to {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
