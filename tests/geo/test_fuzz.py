"""Fuzzing as a test: random Unicode, poisoned JSON and odd names thrown at the readers, ``geo extract``
and ``geo geocode``. No exception may escape but the documented one-line errors, and every valid
record must give the same rows in a poisoned feed as alone.

The suite runs a short profile (``ci``); a long run is ``GEO_FUZZ=long pytest tests/geo/test_fuzz.py``
(see the module's ``PROFILES``). Hypothesis keeps the examples that failed in ``.hypothesis/`` and
tries them first next time.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.article import Article
from geo.cli import main
from geo.readers import Failure, discover, iter_inputs

#: How many cases each test generates: ``ci`` in the suite, ``long`` when ``GEO_FUZZ=long`` (or a number).
PROFILES = {"ci": 15, "long": 1500}
_PROFILE = os.environ.get("GEO_FUZZ", "ci")
FUZZ = settings(
    max_examples=PROFILES[_PROFILE] if _PROFILE in PROFILES else int(_PROFILE),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=_PROFILE == "ci",  # the suite is deterministic; a long run explores
)

pytestmark = pytest.mark.usefixtures("default_gazetteer")

# What scraped text holds: scripts in both directions, marks that join or reorder, controls, halves
# of surrogate pairs, a byte-order mark, line and paragraph separators, and words a place index knows.
_ODD = list(
    "\x00\x01\x07\x0b\x0c\x1b\x7f\x85\x9f\t\r\n \u00a0\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\u2069"
    "\u2028\u2029\ufeff\ufffd\ufffe\u0301\u0300\u064b\u0651\u0670\u0640.,،؛؟!?\"'[]{}\\=+-@"
) + ["\ud800", "\udbff", "\udc00", "\udfff", "😀", "🇦", "🇿"]
_WORDS = ["Tartar", "Ganja", "Baku", "Yerevan", "غنجة", "باكو", "يريفان", "قصف", "الوزارة", "said", "shelled",
          "Гянджа", "Martuni", "the", "ministry", "near", "قرب", "מלחמה", "killed", "2", "١٢", "S-300"]  # fmt: skip
_CHARS = st.one_of(
    st.sampled_from(_ODD), st.characters(codec=None), st.characters(min_codepoint=0x600, max_codepoint=0x6FF)
)
TEXT = st.lists(
    st.one_of(
        st.sampled_from(_WORDS),
        st.text(_CHARS, max_size=12),
        st.sampled_from(["9" * 40, "1" + "0" * 5000, "1,000,000,000,000,000,000,000"]),  # counts no int64 holds
        st.integers().map(str),
    ),
    max_size=30,
).map(" ".join)
ID = st.one_of(st.none(), st.text(_CHARS, min_size=1, max_size=8), st.integers(-(10**30), 10**30))


@st.composite
def records(draw) -> dict:
    record: dict = {"text": draw(st.one_of(TEXT, st.just(""), st.just("   \n\t ")))}
    if draw(st.booleans()):
        record["title"] = draw(TEXT)
    if draw(st.booleans()):
        record["published"] = draw(st.sampled_from(["2020-10-20", "٢٠٢٠-١٠-٢٠", "not a date", "9" * 5000]))
    if draw(st.booleans()):
        record["language"] = draw(st.sampled_from(["ar", "en", "fr", "xx", ""]))
    if draw(st.booleans()):
        record["url"] = draw(st.sampled_from(["https://example.org/a", "javascript:alert(1)", "=HYPERLINK()"]))
    return record


@st.composite
def poisoned_lines(draw) -> bytes:
    kind = draw(st.sampled_from(["deep", "broken", "not-object", "huge-int", "blank", "bad-utf8", "nul", "no-text"]))
    if kind == "deep":
        n = draw(st.integers(65, 20_000))
        return b'{"text": ' + b"[" * n + b"]" * n + b"}"
    return {
        "broken": b'{"text": "unterminated',
        "not-object": b'["text", "x"]',
        "huge-int": b'{"text": "x", "n": ' + b"7" * 5000 + b"}",
        "blank": b"   \t",
        "bad-utf8": b'{"text": "caf\xe9 \xff"}',
        "nul": b'{"text": "a\x00b"}',
        "no-text": b'{"id": "x", "body": 5}',
    }[kind]


@st.composite
def feeds(draw) -> list[tuple[bytes, dict | None]]:
    """JSON lines: valid records (encoded in several ways) between poisoned lines."""
    lines: list[tuple[bytes, dict | None]] = []
    for n in range(draw(st.integers(1, 5))):
        if draw(st.integers(0, 2)) == 0:
            lines.append((draw(poisoned_lines()), None))
            continue
        record = draw(records())
        record["id"] = f"r{n}" if draw(st.booleans()) else draw(ID)
        ascii_only = draw(st.booleans())
        text = json.dumps(record, ensure_ascii=ascii_only)
        lines.append((text.encode("utf-8", "surrogatepass"), record))
    return lines


def _write(lines: list[bytes], path: Path) -> Path:
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


@FUZZ
@given(feeds())
def test_the_reader_gives_one_article_or_one_failure_per_record_and_never_raises(feed):
    with tempfile.TemporaryDirectory() as folder:
        path = _write([line for line, _ in feed], Path(folder) / "feed.jsonl")
        items = list(iter_inputs(discover([str(path)])))
    assert len(items) == sum(1 for line, _ in feed if line.strip())
    for item in items:
        if isinstance(item, Failure):
            assert item.reason and "\n" not in item.reason and item.position.startswith("line ")
            continue
        for text in (item.id, item.title, item.body, item.outlet or "", item.url or ""):
            text.encode("utf-8")  # no lone surrogate left
            assert not any(ch in text for ch in "\x00\x01\x07\x1b\x7f\x85\u2028")


def _extract(path: Path, *extra: str):
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "jsonl", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 3), result.output
    assert "Traceback" not in result.output
    return result


@FUZZ
@given(feeds())
def test_extract_on_a_poisoned_feed_gives_each_valid_record_the_rows_it_gives_alone(feed):
    with tempfile.TemporaryDirectory() as folder:
        path = _write([line for line, _ in feed], Path(folder) / "feed.jsonl")
        readable = [i for i in iter_inputs(discover([str(path)])) if isinstance(i, Article)]
        result = _extract(path)
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        failed = [line for line in result.stderr.splitlines() if line.startswith("geo: failed: ")]
        assert len(failed) >= len([line for line, _ in feed if line.strip()]) - len(readable)
        assert result.exit_code == (0 if not failed else 3 if readable else 1)
        ids = [a.id for a in readable]
        for number, (line, _) in enumerate(feed, start=1):
            if len(set(ids)) != len(ids):
                break  # two records share an id: the second is renamed in a feed, not alone
            (Path(folder) / str(number)).mkdir()  # the same file name: a record without an id is "feed:N"
            alone = _write([b""] * (number - 1) + [line], Path(folder) / str(number) / "feed.jsonl")
            mine = [i for i in iter_inputs(discover([str(alone)])) if isinstance(i, Article)]
            if not mine or (not mine[0].title and not mine[0].body):
                continue
            single = [json.loads(x) for x in _extract(alone).stdout.splitlines()]
            in_feed = [r for r in rows if r["properties"]["article"] == mine[0].id]
            assert in_feed == single


NAMES = st.lists(st.one_of(TEXT, st.sampled_from(_WORDS), st.text(_CHARS, max_size=3)), min_size=1, max_size=4)


@FUZZ
@given(NAMES, st.lists(st.binary(max_size=40) | TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")), max_size=5))
def test_geocode_answers_every_name_or_stops_with_one_line(names, lines):
    result = CliRunner().invoke(main, ["geocode", "--format", "jsonl", "--limit", "2", "--", *names])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(names)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "names.txt"
        path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines))
        result = CliRunner().invoke(main, ["geocode", "--input", str(path), "--format", "csv", "--workers", "1"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code:  # the documented error: a line that is not text, named by its number
        assert result.exit_code == 1 and "line " in result.stderr and len(result.stderr.strip().splitlines()) == 1
