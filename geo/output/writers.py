"""Writing features as they come: one GeoJSON FeatureCollection, JSON lines, or CSV.

Features are plain dicts (``{"type": "Feature", "geometry": ..., "properties": ...}``) so that the
command line writes them without importing geopandas. Columns come from :mod:`geo.schema`.

Output stays linear in the input. In GeoJSON the article's own properties (``article_title``,
``outlet``, ``url``, ``published``) are written once per article, in the collection's ``articles``
member (keyed by the ``article`` id every feature keeps), not on every feature;
:func:`with_articles` puts them back. JSON lines and CSV rows keep them (bounded by the readers: a
title is a headline).

CSV is for spreadsheets, and a spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or
``@`` as a formula (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``). Every text cell that starts with
one of those, a tab or a carriage return (after any apostrophes) gets a leading apostrophe, as OWASP
recommends for CSV injection: the spreadsheet shows the text as written, and
:func:`unneutralize_cell` gives it back exactly. Numbers are untouched; ``raw_csv=True`` turns it off.

>>> neutralize_cell("=HYPERLINK(\\"http://x\\")"), neutralize_cell(-3.5), neutralize_cell("Baku")
('\\'=HYPERLINK("http://x")', -3.5, 'Baku')
>>> unneutralize_cell(neutralize_cell("'=1+1"))
"'=1+1"
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from ..schema import ARTICLE_PROPERTIES, PROPERTIES

__all__ = [
    "feature_collection",
    "write_features",
    "with_articles",
    "neutralize_cell",
    "unneutralize_cell",
    "csv_writer",
    "csv_row",
    "GeoJsonWriter",
    "FORMATS",
]

FORMATS = ("geojson", "jsonl", "csv")

#: A text a spreadsheet would evaluate: it starts, after any apostrophes, with = + - @ tab or CR.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NEUTRALIZED = re.compile(r"'+[=+\-@\t\r]")


def neutralize_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a text that would start a formula gets a leading
    apostrophe (so does one that already starts with apostrophes before such a character, which
    keeps the change reversible); numbers and other values are returned as they are."""
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


def unneutralize_cell(value: str) -> str:
    """The text :func:`neutralize_cell` was given (for readers of our CSV)."""
    return value[1:] if _NEUTRALIZED.match(value) else value


class csv_writer:  # noqa: N801 (used like csv.writer)
    """:func:`csv.writer` whose text cells are neutralised (see the module docstring), unless ``raw``."""

    def __init__(self, out: TextIO, *, raw: bool = False):
        self._writer = csv.writer(out, lineterminator="\n")
        self._raw = raw

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow(row if self._raw else [neutralize_cell(v) for v in row])


def feature_collection(features: Iterable[dict]) -> dict:
    """The features as one GeoJSON FeatureCollection dict (each feature keeps every property)."""
    return {"type": "FeatureCollection", "features": list(features)}


def with_articles(collection: dict) -> list[dict]:
    """The features of a collection :func:`write_features` wrote, each with its article's properties
    back from the collection's ``articles`` member (a collection without one is returned as it is)."""
    features = collection.get("features") or []
    articles = collection.get("articles")
    if not isinstance(articles, dict):
        return features
    out = []
    for f in features:
        props = f.get("properties") if isinstance(f, dict) else None
        extra = articles.get(props.get("article")) if isinstance(props, dict) else None
        if isinstance(extra, dict):
            f = {**f, "properties": {**{k: extra.get(k) for k in ARTICLE_PROPERTIES if k != "article"}, **props}}
        out.append(f)
    return out


def write_features(
    features: Iterable[dict], out: TextIO, fmt: str, *, extra: tuple[str, ...] = (), raw_csv: bool = False
) -> int:
    """Write features as they come: one GeoJSON FeatureCollection, JSON lines, or CSV. Returns the count.

    CSV has one column per property of :data:`PROPERTIES`, then one per name in ``extra``; its text
    cells are neutralised unless ``raw_csv``. GeoJSON writes each article's own properties once
    (see the module docstring).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if fmt == "geojson":
        writer = GeoJsonWriter(out)
        for f in features:
            writer.write(f)
        writer.close()
        return writer.count
    n = 0
    if fmt == "jsonl":
        for f in features:
            out.write(json.dumps(f, ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv_writer(out, raw=raw_csv)
    columns = (*PROPERTIES, *extra)
    writer.writerow(["lat", "lon", *columns])
    for f in features:
        writer.writerow(csv_row(f, columns))
        n += 1
    return n


def csv_row(feature: dict, columns: tuple[str, ...]) -> list:
    """A feature as the cells of a CSV row: lat, lon, then ``columns`` (lists and objects as JSON)."""
    coords = (feature.get("geometry") or {}).get("coordinates") or [None, None]
    props = feature["properties"]
    row = [coords[1], coords[0]]
    for key in columns:
        value = props.get(key)
        if isinstance(value, list | dict):
            value = json.dumps(value, ensure_ascii=False)
        row.append("" if value is None else value)
    return row


class GeoJsonWriter:
    """One FeatureCollection written a feature at a time; each article's own properties go once
    into the ``articles`` member, written at the end (a feature whose article properties differ
    from those its id was first seen with keeps its own)."""

    def __init__(self, out: TextIO):
        self.out, self.count = out, 0
        self.articles: dict[str, dict] = {}
        out.write('{"type": "FeatureCollection", "features": [')

    def encode(self, feature: dict) -> str:
        """The feature as it will be written (its article's properties moved aside)."""
        props = feature.get("properties") or {}
        article = props.get("article")
        if isinstance(article, str) and any(k in props for k in ARTICLE_PROPERTIES[1:]):
            own = {k: props.get(k) for k in ARTICLE_PROPERTIES[1:]}
            if article not in self.articles:
                json.dumps(own, ensure_ascii=False).encode("utf-8")  # what cannot be written fails here
            if self.articles.setdefault(article, own) == own:
                feature = {**feature, "properties": {k: v for k, v in props.items() if k not in own}}
        return json.dumps(feature, ensure_ascii=False)

    def write(self, feature: dict | str) -> None:
        """Write a feature (or a line :meth:`encode` made)."""
        text = feature if isinstance(feature, str) else self.encode(feature)
        self.out.write(("," if self.count else "") + "\n" + text)
        self.count += 1

    def close(self) -> None:
        """End the features and write the articles."""
        self.out.write('\n],\n"articles": ')
        self.out.write(json.dumps(self.articles, ensure_ascii=False))
        self.out.write("}\n")
