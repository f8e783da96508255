"""Many inputs as one stream: each bad record a failure of its own, in its place, the rest read."""

from __future__ import annotations

import io
import json
import sys

import pytest

from geo.article import Article
from geo.errors import InputError
from geo.readers import Failure, Limits, discover, iter_inputs, read_articles

GOOD_1 = {"id": "g1", "title": "Shelling in Tartar", "text": "Armenian forces shelled Tartar, the ministry said."}
GOOD_2 = {"id": "g2", "title": "Drones near Ganja", "text": "Two drones were downed near Ganja."}
DEEP = '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"
SURROGATE = '{"id": "sur", "title": "cut \\ud83d emoji", "text": "Shelling in Martuni \\ud800 on Tuesday."}'


def _feed(*lines: str | dict) -> bytes:
    return "".join((json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else x) + "\n" for x in lines).encode()


def _items(paths, **options):
    warnings: list[str] = []
    items = list(iter_inputs(discover([str(p) for p in paths]), warnings=warnings, **options))
    return items, warnings


def test_poisoned_records_fail_alone_in_their_place(tmp_path):
    feed = tmp_path / "feed.jsonl"
    data = _feed(GOOD_1, DEEP, SURROGATE, '{"text": broken', "", '["not", "an object"]', {"id": 5, "body": 3})
    feed.write_bytes(data + b"\xff\xfe not utf-8\n" + b'{"text": "a\x00b"}\n' + _feed(GOOD_2))
    items, warnings = _items([feed])
    kinds = [(i.id if isinstance(i, Article) else (i.position, i.stage)) for i in items]
    assert kinds == [
        "g1",
        ("line 2", "decode"),
        "sur",
        ("line 4", "decode"),
        ("line 6", "record"),
        ("line 7", "record"),
        ("line 8", "decode"),
        ("line 9", "decode"),
        "g2",
    ]
    failures = {i.position: i for i in items if isinstance(i, Failure)}
    assert failures["line 2"].reason == "JSON nested deeper than 64 levels"
    assert failures["line 7"].article == "5" and "not a string" in failures["line 7"].reason
    assert "not UTF-8" in failures["line 8"].reason and "NUL" in failures["line 9"].reason
    assert all(f.kind == "content" and f.input == str(feed) and f.key for f in failures.values())
    assert len({f.key for f in failures.values()}) == len(failures)
    surrogate = next(i for i in items if isinstance(i, Article) and i.id == "sur")
    assert surrogate.title == "cut \ufffd emoji" and "\ufffd" in surrogate.body
    assert f"{feed}, line 3: 2 lone surrogate(s) replaced by U+FFFD" in warnings


def test_too_long_articles_and_lines_are_failures_of_their_own(tmp_path):
    feed = tmp_path / "feed.jsonl"
    huge = "x" * (6 * 100 + 2**20 + 10)  # more bytes than any article of 100 characters needs
    feed.write_bytes(_feed({"id": "long", "text": "y" * 150}, {"id": "fine", "text": "z" * 50}, huge, GOOD_1))
    items, _ = _items([feed], limits=Limits(max_chars=100))
    assert [i.id if isinstance(i, Article) else i.position for i in items] == ["line 1", "fine", "line 3", "g1"]
    long, line = items[0], items[2]
    assert (long.stage, long.kind, long.limit, long.article) == ("size", "limit", {"max_chars": 100}, "long")
    assert "longer than --max-chars 100" in long.reason
    assert line.stage == "size" and "cannot hold an article" in line.reason
    text = tmp_path / "big.txt"
    text.write_text("Title\n" + "w " * 200, "utf-8")
    (failure,), _ = _items([text], limits=Limits(max_chars=100))
    assert isinstance(failure, Failure) and failure.kind == "limit" and failure.position is None


def test_a_folder_names_articles_by_path_and_a_bad_file_fails_alone(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_text("Title\nBaku said it.\n", "utf-8")
    (tmp_path / "in" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8)
    (tmp_path / "in" / "arr.json").write_text(json.dumps([GOOD_1, {"id": "x"}, GOOD_2]), "utf-8")
    items, _ = _items([tmp_path / "in"])
    assert [i.id if isinstance(i, Article) else (i.input.rsplit("/", 1)[-1], i.position) for i in items] == [
        "g1",
        ("arr.json", "record 2"),
        "g2",
        ("photo.txt", None),
        "sub/a",
    ]  # the folder's files by name, then its subfolders
    photo = next(i for i in items if isinstance(i, Failure) and i.position is None)
    assert "binary" in photo.reason and photo.stage == "decode"


def test_standard_input_is_streamed_a_line_at_a_time(monkeypatch):
    data = b"\n" + _feed(GOOD_1, DEEP, GOOD_2)

    class Stdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr(sys, "stdin", Stdin)
    items, _ = _items(["-"])
    assert [i.id if isinstance(i, Article) else i.position for i in items] == ["g1", "line 3", "g2"]


def test_standard_input_holding_one_article_is_read_whole(monkeypatch):
    class Stdin:
        buffer = io.BytesIO(b"Shelling in Tartar\nThe ministry said Tartar was shelled.\n")

    monkeypatch.setattr(sys, "stdin", Stdin)
    (article,), _ = _items(["-"])
    assert article.title == "Shelling in Tartar" and article.id == "stdin"


def test_a_json_file_of_json_lines_with_a_deep_first_line(tmp_path):
    path = tmp_path / "feed.json"
    path.write_bytes(_feed(DEEP, GOOD_1))
    result = read_articles(path, skip_bad_lines=True)
    assert [a.id for a in result.articles] == ["g1"] and result.failures[0].position == "line 1"
    with pytest.raises(InputError, match=r"line 1: JSON nested deeper"):
        read_articles(path)


def test_a_one_line_text_is_not_all_title(tmp_path):
    path = tmp_path / "scraped.txt"
    sentence = "The defence ministry said Armenian forces shelled Tartar."
    path.write_text(sentence + " More fighting was reported later in the day." * 200, "utf-8")
    (article,) = read_articles(path).articles
    assert article.title == sentence and len(article.body) > 8000
    metadata = tmp_path / "rec.jsonl"
    metadata.write_text(json.dumps({"title": "T " * 1000, "text": "Body."}), "utf-8")
    result = read_articles(metadata)
    assert len(result.articles[0].title) <= 300 and any("cut to 300" in w for w in result.warnings)


def test_a_nul_byte_in_a_short_feed_fails_its_line_only_and_utf16_lines_still_read(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"text": "unterminated\n{"text": "a\x00b"}\n' + _feed(GOOD_1))  # found by the fuzz test
    items, _ = _items([feed])
    assert [i.id if isinstance(i, Article) else i.position for i in items] == ["line 1", "line 2", "g1"]
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(_feed(GOOD_1, GOOD_2).decode().encode("utf-16-le"))  # no byte-order mark
    items, _ = _items([wide])
    assert [i.id for i in items] == ["g1", "g2"]
