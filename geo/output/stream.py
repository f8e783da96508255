"""Many articles' features into one output, each article whole or not at all.

``geo extract`` reads article after article into one GeoJSON, JSON lines or CSV output. An article
that fails half-way (its extraction raises after some parts, or a row cannot be encoded) must leave
nothing of itself behind, while a long article must not be held in memory: :class:`FeatureStream`
encodes an article's rows, part by part, into a spooled buffer (memory up to 16 MB, then a
temporary file) and copies them to the output only when the article is complete.

>>> import io
>>> out = io.StringIO()
>>> stream = FeatureStream(out, "jsonl")
>>> stream.add([[{"type": "Feature", "geometry": None, "properties": {"article": "a"}}]])
1
>>> stream.close(); out.getvalue()
'{"type": "Feature", "geometry": null, "properties": {"article": "a"}}\\n'
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from collections.abc import Iterable
from typing import TextIO

from ..errors import UnwritableRows
from ..schema import PROPERTIES
from .writers import FORMATS, GeoJsonWriter, csv_row, csv_writer

__all__ = ["FeatureStream"]

_SPOOL = 16 * 2**20


class FeatureStream:
    """Writes the features of one article after another to ``out`` as ``fmt``.

    The header (GeoJSON's opening, the CSV's column names) is written with the first article, or by
    :meth:`close`; :attr:`started` says whether anything was written yet.
    """

    def __init__(self, out: TextIO, fmt: str, *, raw_csv: bool = False, extra: tuple[str, ...] = ()):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        self.out, self.fmt, self.raw_csv = out, fmt, raw_csv
        self.columns = (*PROPERTIES, *extra)
        self.rows = 0
        self.started = False
        self._geojson: GeoJsonWriter | None = None

    def _start(self) -> None:
        if self.started:
            return
        self.started = True
        if self.fmt == "geojson":
            self._geojson = GeoJsonWriter(self.out)
        elif self.fmt == "csv":
            csv_writer(self.out, raw=self.raw_csv).writerow(["lat", "lon", *self.columns])

    def add(self, parts: Iterable[list[dict]]) -> int:
        """Write one article's features (an iterable of lists, as :meth:`Extractor.iter_features`
        gives them) and return how many. Whatever ``parts`` raises propagates with nothing of the
        article written; a feature that cannot be encoded raises :class:`UnwritableRows`."""
        self._start()
        geojson = self._geojson
        known = set(geojson.articles) if geojson is not None else set()
        count = 0
        # Bytes underneath, encoded as written: a row that cannot be UTF-8 fails here, not at the output.
        with tempfile.SpooledTemporaryFile(_SPOOL, mode="w+b") as raw:
            buffer = io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=True)
            writer = csv_writer(buffer, raw=self.raw_csv) if self.fmt == "csv" else None
            try:
                for part in parts:
                    for feature in part:
                        try:
                            if geojson is not None:
                                buffer.write(("," if geojson.count + count else "") + "\n" + geojson.encode(feature))
                            elif writer is not None:
                                writer.writerow(csv_row(feature, self.columns))
                            else:
                                buffer.write(json.dumps(feature, ensure_ascii=False) + "\n")
                        except (TypeError, ValueError, UnicodeError) as err:
                            raise UnwritableRows(f"a row cannot be written ({_one_line(err)})") from None
                        count += 1
            except BaseException:
                if geojson is not None:  # its articles entry goes with it
                    for article in set(geojson.articles) - known:
                        del geojson.articles[article]
                raise
            buffer.seek(0)
            shutil.copyfileobj(buffer, self.out, io.DEFAULT_BUFFER_SIZE * 16)
            buffer.detach()
        if geojson is not None:
            geojson.count += count
        self.rows += count
        return count

    def close(self) -> None:
        """End the output (a GeoJSON collection's closing and its articles); an empty output still
        gets its header."""
        self._start()
        if self._geojson is not None:
            self._geojson.close()


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split())[:200]
    return f"{type(err).__name__}: {text}" if text else type(err).__name__
