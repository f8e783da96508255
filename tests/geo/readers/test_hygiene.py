"""Input hygiene: texts cleaned on entry, JSON decoded with a depth limit, titles and ids bounded."""

from __future__ import annotations

import time

import pytest

from geo.readers.hygiene import (
    BadRecord,
    Hygiene,
    Limits,
    bounded_id,
    bounded_title,
    json_depth,
    load_json,
    split_title,
)


def test_lone_surrogates_are_replaced_and_counted_pairs_are_not():
    hy = Hygiene()
    text = hy.clean("Tartar \ud800 shelled \udfff.")
    assert text == "Tartar \ufffd shelled \ufffd." and hy.surrogates == 2
    assert text.encode("utf-8")  # writable now
    assert hy.take_notes("a.jsonl, line 3") == ["a.jsonl, line 3: 2 lone surrogate(s) replaced by U+FFFD"]
    assert hy.take_notes("again") == []  # each replacement is told once


def test_nul_and_controls_become_spaces_tabs_and_line_breaks_stay():
    hy = Hygiene()
    assert hy.clean("Baku\x00said\x07it\tnow\nthen\x7f.") == "Baku said it\tnow\nthen ."
    assert hy.controls == 3


def test_every_line_break_is_a_newline_and_text_is_nfc():
    hy = Hygiene()
    assert hy.clean("a\r\nb\rc\u2028d\u2029e\x0bf\x0cg\x85h") == "a\nb\nc\nd\ne\nf\ng\nh"
    assert hy.clean("\ufeffGe\u0301nce\u0301") == "Géncé"  # a byte-order mark dropped, composed
    assert hy.controls == hy.surrogates == 0


def test_clean_value_cleans_keys_and_nested_strings():
    hy = Hygiene()
    value = hy.clean_value({"ti\x00tle": ["x\ud800", {"n": 1, "s": "\x01"}], "n": 2.5})
    assert value == {"ti tle": ["x\ufffd", {"n": 1, "s": " "}], "n": 2.5}


def test_json_depth_counts_structure_not_brackets_in_strings():
    assert json_depth('{"text": "[[[{{{"}') == 1
    assert json_depth('[[1, [2]], {"a": {"b": []}}]') == 4
    assert json_depth('"\\"[[["') == 0


def test_deep_json_is_refused_quickly_without_recursion():
    deep = '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    started = time.perf_counter()
    with pytest.raises(BadRecord, match="nested deeper than 64 levels"):
        load_json(deep)
    assert time.perf_counter() - started < 2
    assert load_json("[" * 60 + "]" * 60, max_depth=64)  # within the limit


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"text": broken', "not valid JSON"),
        ('{"n": ' + "9" * 5000 + "}", "not usable JSON"),
        ("", "not valid JSON"),
    ],
)
def test_bad_json_is_one_line_reason(text, reason):
    with pytest.raises(BadRecord, match=reason) as err:
        load_json(text)
    assert "\n" not in str(err.value)


def test_control_characters_inside_json_strings_are_accepted():
    assert load_json('{"text": "a\tb\x00c"}') == {"text": "a\tb\x00c"}  # then cleaned by Hygiene


def test_limits():
    limits = Limits(max_chars=100)
    assert limits.too_long(100) is None
    assert limits.too_long(101) == "article of 101 characters is longer than --max-chars 100"
    assert Limits(max_chars=0).too_long(10**12) is None
    assert limits.bytes_too_long(600 + 2**20 + 1) and not limits.bytes_too_long(600)


def test_titles_are_headlines():
    assert bounded_title("  A   headline\n") == "A headline"
    long = "word " * 200
    title = bounded_title(long, limit=50)
    assert len(title) <= 50 and title.endswith("…") and not title[:-1].endswith(" ")


def test_a_text_without_line_breaks_has_a_short_title_or_none():
    sentence = "Azerbaijan's ministry said drones were downed near Ganja."
    rest = " More words follow here." * 100
    title, body = split_title(sentence + rest)
    assert title == sentence and body == rest.lstrip()
    assert split_title("word " * 500) == ("", "word " * 500)  # no sentence end in reach: no title
    assert split_title("U.S. said " + "x " * 400)[0] == ""  # an abbreviation does not end a sentence
    assert split_title("Headline\nBody") == ("Headline", "Body")


def test_long_ids_are_shortened_stably():
    long = "id-" + "x" * 1000
    short = bounded_id(long)
    assert len(short) == 200 and short == bounded_id(long) and short != bounded_id(long + "y")
    assert bounded_id("a1") == "a1"
