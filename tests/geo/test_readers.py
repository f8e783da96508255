"""Article readers: formats, encodings, sidecars, and every kind of bad input the issue lists."""

import codecs
import io
import json
import random
import sys
import time
import tracemalloc
from datetime import date

import pytest

from geo.errors import InputError
from geo.readers import READERS, ReadResult, read_articles, reader_for
from geo.readers.base import language_code, metadata, parse_date, safe_url
from geo.readers.encoding import decode
from geo.readers.html import HtmlReader
from geo.readers.records import JsonlReader, JsonReader
from geo.readers.text import TextReader

from ..texts import SEED_DIR

SEED = SEED_DIR / "karabakh-2020-10-20.ar.txt"
SEED_TITLE = "قره باغ.. أذربيجان تسقط مسيّرتيْن أرمينيتين وترفع علمها في مدينة ثالثة"
SEED_OUTLET = "رابطة علماء أهل السنة"
ARABIC = "أعلنت وزارة الدفاع بأذربيجان، الثلاثاء، إسقاط طائرتين مسيّرتين قرب مدينة غنجة."


def one(result: ReadResult):
    assert len(result.articles) == 1, result
    return result.articles[0]


def parse(reader, data: str, name: str = "a.txt"):
    return list(reader.parse(data, name=name, stem="a"))


# -- shared helpers -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "2020-10-20",
        "2020-10-20T08:00:00Z",
        "2020-10-20T08:00:00+03:00",
        "2020-10-20 08:00",
        "2020-10-20T08:00:00.1234567Z",
        "2020/10/20",
        "20201020",
        "٢٠٢٠-١٠-٢٠",
        "Tue, 20 Oct 2020 08:00:00 GMT",
    ],
)
def test_parse_date_accepts_the_forms_news_metadata_uses(text):
    assert parse_date(text) == date(2020, 10, 20)


def test_parse_date_keeps_the_date_as_written_not_utc():
    assert parse_date("2020-10-20T23:30:00-05:00") == date(2020, 10, 20)


@pytest.mark.parametrize("text", ["", "yesterday", "2020-13-45", "20/10/2020"])
def test_parse_date_refuses_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=1", "https://example.com/a?b=1"),
        (" HTTP://example.com/ ", "HTTP://example.com/"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("/news/1", None),
        ("//example.com/x", None),
        ("news/1.html", None),
        ("https://exa mple.com/", None),
        ("https://example.com/\x00", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url_keeps_only_absolute_http_urls(url, expected):
    assert safe_url(url) == expected


@pytest.mark.parametrize(("tag", "code"), [("ar", "ar"), ("ar-SA", "ar"), ("EN_us", "en"), ("", None), ("??", None)])
def test_language_code(tag, code):
    assert language_code(tag) == code


def test_metadata_drops_unusable_values_with_a_warning():
    warnings: list[str] = []
    record = {"title": 7, "published": "soon", "url": "javascript:x", "lang": "ar", "source": "AFP"}
    assert metadata(record, where="a.jsonl, line 2", warnings=warnings) == {"language": "ar", "outlet": "AFP"}
    assert len(warnings) == 3 and all(w.startswith("a.jsonl, line 2: ") for w in warnings)
    assert metadata(record, where="s.json", warnings=[], aliases=False) == {}


# -- encodings ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "data",
    [
        ARABIC.encode("utf-8"),
        codecs.BOM_UTF8 + ARABIC.encode("utf-8"),
        codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"),
        ARABIC.encode("utf-16-le"),
        ARABIC.encode("utf-16-be"),
        ARABIC.encode("utf-16"),
        ARABIC.encode("utf-32"),
        ARABIC.encode("cp1256"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf16", "utf32", "cp1256"],
)
def test_decode_detects_the_encoding(data):
    assert decode(data, name="a.txt", encoding=None) == ARABIC


def test_decode_normalises_newlines_and_to_nfc():
    decomposed = "ا\u0654" + "e\u0301"  # alef + hamza above, e + acute
    assert decode(f"a\r\nb\rc\n{decomposed}".encode(), name="a.txt", encoding=None) == "a\nb\nc\nأé"


def test_decode_with_a_given_encoding():
    assert decode("café".encode("latin-1"), name="a.txt", encoding="latin-1") == "café"
    assert decode(codecs.BOM_UTF8 + b"x", name="a.txt", encoding="utf-8") == "x"
    with pytest.raises(InputError, match=r"^a\.txt: not valid utf-8 text \(byte 3, line 2\)$"):
        decode(b"a\n\xff", name="a.txt", encoding="utf-8")
    with pytest.raises(InputError, match=r"^a\.txt: unknown encoding 'klingon'$"):
        decode(b"x", name="a.txt", encoding="klingon")


def test_decode_invalid_utf8_that_is_not_arabic_asks_for_encoding():
    data = "Titre\nLe café a été fermé.\n".encode("latin-1")
    with pytest.raises(InputError) as err:
        decode(data, name="fr.txt", encoding=None)
    assert str(err.value) == "fr.txt: not UTF-8 text (byte 13, line 2); give --encoding"


def test_decode_refuses_binary_data():
    rng = random.Random(7)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(InputError, match=r"^img\.png: binary data, not an article$"):
        decode(png, name="img.png", encoding=None)
    with pytest.raises(InputError, match="binary data"):  # decodes as Latin-1, but it is not text
        decode(png, name="img.png", encoding="latin-1")
    with pytest.raises(InputError, match="binary data"):  # control characters, no NUL
        decode(bytes(range(1, 32)) * 10, name="c.bin", encoding=None)


def test_decode_uses_an_html_declared_charset_before_guessing():
    data = '<meta charset="iso-8859-1"><p>café</p>'.encode("latin-1")
    assert "café" in decode(data, name="a.html", encoding=None, declared="latin-1")


# -- plain text ---------------------------------------------------------------------------------
def test_text_title_is_the_first_non_empty_line():
    [article] = parse(TextReader(), "\n \n  Title here  \n\n\n  indented first\nsecond\n\n \n")
    assert (article.id, article.title, article.body, article.source) == (
        "a",
        "Title here",
        "  indented first\nsecond",
        "a.txt",
    )


@pytest.mark.parametrize("data", ["", "   \n\n\t\n"])
def test_text_empty_gives_an_empty_article(data):
    [article] = parse(TextReader(), data)
    assert (article.title, article.body) == ("", "")


def test_text_title_only():
    [article] = parse(TextReader(), "Only a title")
    assert (article.title, article.body) == ("Only a title", "")


def test_seed_with_its_sidecar():
    result = read_articles(SEED)
    article = one(result)
    assert article.id == "karabakh-2020-10-20.ar"
    assert article.title == SEED_TITLE
    assert article.body.startswith(SEED_OUTLET + "أعلنت وزارة الدفاع بأذربيجان")
    assert SEED_TITLE not in article.body
    assert (article.outlet, article.published, article.language, article.url) == (
        SEED_OUTLET,
        date(2020, 10, 20),
        "ar",
        None,
    )
    assert result.warnings == [] and result.skipped == 0


@pytest.fixture
def seed_copy(tmp_path):
    """Write the seed (and its sidecar) to ``tmp_path`` in a given encoding; returns the .txt path."""

    def write(data: bytes, sidecar: dict | None = None):
        path = tmp_path / "seed.txt"
        path.write_bytes(data)
        if sidecar is not None:
            (tmp_path / "seed.json").write_text(json.dumps(sidecar, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.replace("\n", "\r\n").encode("cp1256"),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "cp1256-crlf"],
)
def test_seed_in_other_encodings_reads_the_same(seed_copy, encode):
    expected = one(read_articles(SEED))
    article = one(read_articles(seed_copy(encode(SEED.read_text(encoding="utf-8")))))
    assert (article.title, article.body) == (expected.title, expected.body)


def test_seed_in_cp1256_with_the_encoding_given(seed_copy):
    path = seed_copy(SEED.read_text(encoding="utf-8").encode("cp1256"))
    assert one(read_articles(path, encoding="cp1256")).title == SEED_TITLE
    assert one(read_articles(path, encoding="windows-1256")).title == SEED_TITLE


def test_latin1_french_file_is_an_error_asking_for_encoding(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_bytes("Titre\nLe café a été fermé.\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"fr\.txt: not UTF-8 text \(byte 13, line 2\); give --encoding"):
        read_articles(path)
    assert one(read_articles(path, encoding="latin-1")).body == "Le café a été fermé."


def test_binary_file_is_an_error(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(5000))
    with pytest.raises(InputError, match=r"photo\.txt: binary data, not an article"):
        read_articles(path)


@pytest.mark.parametrize("data", [b"", b"  \n\r\n\t  \n"], ids=["empty", "whitespace"])
def test_empty_and_whitespace_files_read_with_a_warning(tmp_path, data):
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    result = read_articles(path)
    article = one(result)
    assert (article.id, article.title, article.body) == ("blank", "", "")
    assert result.warnings == [f"{path}: empty article"]


def test_ten_megabyte_article_reads_quickly_in_bounded_memory(tmp_path):
    line = ARABIC + " " + "Ganja, Zangilan; 2020.\n"
    count = 10_000_000 // len(line.encode()) + 1
    path = tmp_path / "big.txt"
    path.write_text("Big title\n" + line * count, encoding="utf-8")
    size = path.stat().st_size
    assert size >= 10_000_000
    tracemalloc.start()
    started = time.perf_counter()
    try:
        article = one(read_articles(path))
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert article.title == "Big title"
    assert len(article.body) == len(line) * count - 1  # the final newline is stripped
    assert elapsed < 10
    assert peak < 8 * size  # a few copies of the text, nothing that grows faster than the file


def test_sidecar_title_that_differs_wins_and_the_first_line_stays_out_of_the_body(seed_copy):
    path = seed_copy(b"First line\nBody.\n", {"title": "Sidecar title", "language": "en"})
    result = read_articles(path)
    article = one(result)
    assert (article.title, article.body, article.language) == ("Sidecar title", "Body.", "en")
    assert result.warnings == [
        f"{path.with_suffix('.json')}: title differs from the article's own; the sidecar's title is used"
    ]


def test_eval_style_sidecar_fills_metadata_and_ignores_other_keys(seed_copy):
    sidecar = {
        "url": "https://www.almamlakatv.com/news/49524",
        "outlet": "almamlakatv.com (AFP)",
        "published": "2020-10-27",
        "language": "ar",
        "toponyms": [{"surface": "باردا"}],
        "claims": [],
    }
    article = one(read_articles(seed_copy(f"عنوان\n{ARABIC}\n".encode(), sidecar)))
    assert (article.url, article.outlet, article.published, article.language) == (
        "https://www.almamlakatv.com/news/49524",
        "almamlakatv.com (AFP)",
        date(2020, 10, 27),
        "ar",
    )
    assert (article.title, article.body) == ("عنوان", ARABIC)


def test_sidecar_url_that_is_not_http_is_dropped_with_a_warning(seed_copy):
    result = read_articles(seed_copy(b"T\nB\n", {"url": "javascript:alert(1)"}))
    assert one(result).url is None
    assert len(result.warnings) == 1 and "not an http(s) URL" in result.warnings[0]


def test_sidecar_that_is_not_json_names_its_file_and_line(tmp_path):
    (tmp_path / "a.txt").write_text("T\nB\n")
    (tmp_path / "a.json").write_text('{\n "title": "x",\n "outlet": oops\n}\n')
    with pytest.raises(InputError, match=r"a\.json, line 3: not valid JSON \(Expecting value\)$"):
        read_articles(tmp_path / "a.txt")
    (tmp_path / "a.json").write_text("[1, 2]")
    with pytest.raises(InputError, match=r"a\.json: not a JSON object"):
        read_articles(tmp_path / "a.txt")


@pytest.mark.parametrize("override", ["2021-01-02", date(2021, 1, 2)])
def test_date_override_beats_the_sidecar(override):
    assert one(read_articles(SEED, date=override)).published == date(2021, 1, 2)


def test_bad_date_override_is_an_error():
    with pytest.raises(InputError, match="'next week' is not a date"):
        read_articles(SEED, date="next week")


# -- HTML ---------------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html>
<html lang="ar-SA"><head>
<meta charset="utf-8">
<title>عنوان الصفحة | الموقع</title>
<meta property="article:published_time" content="2020-10-20T08:00:00Z">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="javascript:alert(document.cookie)">
<style>p { color: red } .x:after { content: "STYLE TEXT" }</style>
<script>alert(1); document.write("SCRIPT TEXT")</script>
</head><body>
<nav><ul><li>Home</li><li>NAV TEXT</li></ul></nav>
<header><a href="/">Logo</a></header>
<!-- COMMENT TEXT -->
<article>
<h1>  Azerbaijan &amp; Armenia:
   <em>fighting</em> near Ganja </h1>
<p>First   paragraph,&nbsp;with an entity: &lt;b&gt; &#1594;&#1606;&#1580;&#1577; and <a href="#">a link</a>.</p>
<div>Second<br>line after a break</div>
<script type="text/javascript">var x = "</p>SCRIPT IN BODY";</script>
<noscript>NOSCRIPT TEXT</noscript>
<form><button>BUTTON TEXT</button><input value="FORM"></form>
<h2>A subheading</h2>
<ul><li>one</li><li>two</li></ul>
<table><tr><td>cell 1</td><td>cell 2</td></tr></table>
<aside>ASIDE TEXT</aside>
<iframe src="https://ads.example.com">IFRAME TEXT</iframe>
<svg><text>SVG TEXT</text></svg>
</article>
<footer>FOOTER TEXT © 2020</footer>
</body></html>
"""


def test_html_keeps_the_article_text_and_drops_scripts_and_boilerplate():
    reader = HtmlReader()
    [article] = parse(reader, PAGE, name="page.html")
    assert article.title == "Azerbaijan & Armenia: fighting near Ganja"
    assert article.body.split("\n") == [
        "First paragraph, with an entity: <b> غنجة and a link.",
        "Second",
        "line after a break",
        "A subheading",
        "one",
        "two",
        "cell 1",
        "cell 2",
    ]
    for dropped in (
        "SCRIPT",
        "STYLE",
        "NAV",
        "COMMENT",
        "NOSCRIPT",
        "BUTTON",
        "ASIDE",
        "IFRAME",
        "SVG",
        "FOOTER",
        "Logo",
    ):
        assert dropped not in article.body, dropped
    assert (article.published, article.outlet, article.language) == (date(2020, 10, 20), "Example News", "ar")
    assert article.url is None
    assert reader.warnings == ["page.html: url 'javascript:alert(document.cookie)' is not an http(s) URL; dropped"]


def test_html_title_falls_back_to_the_title_element_and_url_to_og_url():
    page = (
        '<html><head><title> Page &amp; title </title><meta property="og:url" content="https://example.com/a">'
        '<link rel="canonical" href="https://example.com/b"></head><body><p>Text</p></body></html>'
    )
    [article] = parse(HtmlReader(), page, name="a.html")
    assert (article.title, article.body, article.url) == ("Page & title", "Text", "https://example.com/a")


def test_html_h1_in_an_article_header_is_the_title_unless_the_page_has_another():
    in_header = "<header><h1>Header title</h1><p>by line</p></header><p>Body</p>"
    assert [(a.title, a.body) for a in parse(HtmlReader(), in_header)] == [("Header title", "Body")]
    both = "<header><h1>Site</h1></header><main><h1>Story</h1><p>Body</p><h1>Later</h1></main>"
    assert [(a.title, a.body) for a in parse(HtmlReader(), both)] == [("Story", "Body\nLater")]


def test_html_unclosed_script_never_reaches_the_body():
    [article] = parse(HtmlReader(), "<p>Before</p><script>alert(1)</p><p>never shown")
    assert article.body == "Before"


def test_html_file_with_a_declared_windows_1256_charset(tmp_path):
    path = tmp_path / "page.htm"
    page = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><p>{ARABIC}</p>'
    )
    path.write_bytes(page.encode("cp1256"))
    assert one(read_articles(path)).body == ARABIC


# -- JSON and JSON Lines ------------------------------------------------------------------------
def test_jsonl_records_with_ids_aliases_and_blank_lines():
    data = "\n".join(
        [
            json.dumps({"id": "x1", "title": "T", "text": "Body\r\none", "published": "2020-10-20", "outlet": "AFP"}),
            "",
            json.dumps(
                {"content": ARABIC, "date": "2020-10-21T10:00:00Z", "lang": "AR", "site": "S", "url": "https://e.com/1"}
            ),
            json.dumps({"id": 42, "body": "  b  "}),
        ]
    )
    reader = JsonlReader()
    articles = parse(reader, data, name="a.jsonl")
    assert [(a.id, a.title, a.body, a.source) for a in articles] == [
        ("x1", "T", "Body\none", "a.jsonl:1"),
        ("a:3", "", ARABIC, "a.jsonl:3"),
        ("42", "", "b", "a.jsonl:4"),
    ]
    assert (articles[0].published, articles[0].outlet) == (date(2020, 10, 20), "AFP")
    assert (articles[1].published, articles[1].language, articles[1].outlet, articles[1].url) == (
        date(2020, 10, 21),
        "ar",
        "S",
        "https://e.com/1",
    )
    assert reader.warnings == [] and reader.skipped == 0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "a",, }', r"not valid JSON \(Expecting property name enclosed in double quotes\)"),
        ('["text"]', r"not a JSON object \(got an array\)"),
        ('{"title": "no text"}', r"no text \(a record needs 'text', 'body' or 'content'\)"),
        ('{"text": 5}', r"'text' is not a string \(got a number\)"),
    ],
)
def test_jsonl_broken_line_names_file_and_line(tmp_path, line, message):
    path = tmp_path / "articles.jsonl"
    path.write_text('{"text": "one"}\n{"text": "two"}\n' + line + '\n{"text": "four"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{path}, line 3: {message}$"):
        read_articles(path)
    result = read_articles(path, skip_bad_lines=True)
    assert [a.body for a in result.articles] == ["one", "two", "four"]
    assert [a.id for a in result.articles] == ["articles:1", "articles:2", "articles:4"]
    assert result.skipped == 1
    assert len(result.warnings) == 1 and result.warnings[0].startswith(f"{path}, line 3: ")
    assert result.warnings[0].endswith("; skipped")


def test_json_array_and_articles_wrapper(tmp_path):
    records = [{"text": "one", "title": "A"}, {"id": "b", "text": "two", "url": "ftp://x"}]
    for name, value in [("list.json", records), ("wrapped.json", {"articles": records})]:
        path = tmp_path / name
        path.write_text(json.dumps(records if name == "list.json" else value))
        result = read_articles(path)
        stem = path.stem
        assert [(a.id, a.title, a.body, a.url, a.source) for a in result.articles] == [
            (f"{stem}:1", "A", "one", None, f"{path}:1"),
            ("b", "", "two", None, f"{path}:2"),
        ]
        assert result.warnings == [f"{path}, record 2: url 'ftp://x' is not an http(s) URL; dropped"]


def test_json_single_object_uses_the_stem_as_id():
    [article] = parse(JsonReader(), '{"text": "t", "title": "x"}', name="story.json")
    assert (article.id, article.title, article.body, article.source) == ("a", "x", "t", "story.json")


def test_json_broken_record_and_invalid_json():
    with pytest.raises(InputError, match=r"^a\.json, record 2: not a JSON object \(got a string\)$"):
        parse(JsonReader(), '[{"text": "ok"}, "oops"]', name="a.json")
    reader = JsonReader(on_error="skip")
    assert [a.body for a in parse(reader, '[{"text": "ok"}, "oops"]', name="a.json")] == ["ok"]
    assert reader.skipped == 1
    with pytest.raises(InputError, match=r"^a\.json, line 2: not valid JSON \(Expecting value\)$"):
        parse(JsonReader(), '[\n  {"text": }\n]', name="a.json")


def test_json_file_holding_json_lines_is_read_as_such():
    reader = JsonReader(on_error="skip")
    articles = parse(reader, '{"text": "one"}\n{"text": "two"}\nnope\n', name="a.json")
    assert [(a.id, a.body) for a in articles] == [("a:1", "one"), ("a:2", "two")]
    assert reader.skipped == 1 and reader.warnings[0].startswith("a.json, line 3: not valid JSON")


def test_on_error_is_validated():
    with pytest.raises(ValueError, match="on_error"):
        JsonlReader(on_error="ignore")


# -- read_articles: paths, kinds, stdin ---------------------------------------------------------
def test_missing_file_and_directory_are_errors(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file$"):
        read_articles(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_articles(tmp_path)


def test_reader_for_kinds_and_suffixes():
    assert set(READERS) == {"text", "html", "json", "jsonl"}
    assert reader_for("text") is TextReader
    assert reader_for("a/b/News.HTML") is HtmlReader
    assert reader_for("x.ndjson") is JsonlReader
    with pytest.raises(InputError, match="unknown article kind; known kinds: text, html, json, jsonl"):
        reader_for("pdf")


def test_kind_overrides_the_suffix_and_unknown_suffixes_are_sniffed(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("<p>Hello</p>")
    assert one(read_articles(path)).body == "Hello"
    assert one(read_articles(path, kind="text")).title == "<p>Hello</p>"
    with pytest.raises(InputError, match="unknown article kind"):
        read_articles(path, kind="pdf")


@pytest.mark.parametrize(
    ("data", "kind", "expected"),
    [
        (b'{"text": "a"}\n{"text": "b"}\n', None, [("stdin:1", "", "a"), ("stdin:2", "", "b")]),
        (b'  [{"text": "a"}]', None, [("stdin:1", "", "a")]),
        (b"<h1>T</h1><p>B</p>", None, [("stdin", "T", "B")]),
        ("عنوان\nنص\n".encode("utf-16"), None, [("stdin", "عنوان", "نص")]),
        (b"<h1>T</h1>", "text", [("stdin", "<h1>T</h1>", "")]),
    ],
)
def test_stdin_is_sniffed_or_given_a_kind(monkeypatch, data, kind, expected):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = read_articles("-", kind=kind)
    assert [(a.id, a.title, a.body) for a in result.articles] == expected
