"""The phonetic forms of a set of coarse keys and their places, as :meth:`gazetteer.reader.IndexReader.by_keys`
reads them from the index's ``buckets`` rows: split into plain lists, the places of a form parsed
only when a search asks for them."""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping

from .layout import BUCKET_SEP, split_places

__all__ = ["BucketRow", "FormBucket"]

_MAX_VARIABLES = 900  # bound parameters per query (SQLite's oldest limit is 999)


class BucketRow:
    """One row of ``buckets``: a key, its forms (split) and their places (split when first asked
    for; ``None`` when the row was stored without them)."""

    __slots__ = ("key", "joined", "forms", "places", "split")

    def __init__(self, key: str, joined: str, places: str | None):
        self.key = key
        self.joined = joined
        self.forms = joined.split(BUCKET_SEP)
        self.places = places
        self.split: list[str] | None = None

    def places_at(self, j: int) -> list[tuple[int, str]]:
        """The ``(place id, name)`` pairs of form ``j`` (its row must hold places)."""
        split = self.split
        if split is None:
            split = self.split = self.places.split(BUCKET_SEP)  # type: ignore[union-attr]  # checked by callers
        return split_places(split[j])


class FormBucket(Mapping):
    """The forms :meth:`IndexReader.by_keys` found, each mapped to its ``[(place id, name), ...]``.

    ``forms`` lists the forms in order (``joined`` holds each key's forms as one string, as
    stored). Iterating gives the forms (no database access); the places of a form come from its
    bucket row, or, for a bucket stored without them, from the ``forms`` table. :meth:`fetch_at`
    reads those of many forms at once.
    """

    __slots__ = ("_con", "_rows", "_starts", "forms", "_at", "_places")

    def __init__(self, con: sqlite3.Connection, rows: list[BucketRow]):
        self._con = con
        self._rows = rows
        self._starts: list[int] = []  # position in ``forms`` of each row's first form
        forms: list[str] = []
        for row in rows:
            self._starts.append(len(forms))
            forms += row.forms
        self.forms = forms
        self._at: dict[str, int] | None = None  # form -> position, made when a form is looked up by name
        self._places: dict[str, list[tuple[int, str]]] = {}

    @property
    def joined(self) -> list[str]:
        """Each key's forms as one string (BUCKET_SEP between them), in order."""
        return [row.joined for row in self._rows]

    def _position(self, form: str) -> int | None:
        if self._at is None:
            self._at = {f: i for i, f in enumerate(self.forms)}
        return self._at.get(form)

    def __getitem__(self, form: str) -> list[tuple[int, str]]:
        hits = self._places.get(form)
        if hits is None:
            at = self._position(form)
            if at is None:
                raise KeyError(form)
            self._read([at])
            hits = self._places[form]
        return hits

    def fetch(self, forms: list[str]) -> None:
        """Read the places of all these forms at once (lookups then need no database access)."""
        self._read(
            [at for f in dict.fromkeys(forms) if f not in self._places and (at := self._position(f)) is not None]
        )

    def fetch_at(self, positions: Iterable[int]) -> None:
        """:meth:`fetch` for the forms at these positions of ``forms``."""
        forms, done = self.forms, self._places
        self._read([at for at in dict.fromkeys(positions) if forms[at] not in done])

    def _read(self, positions: list[int]) -> None:
        """Read the places of the forms at ``positions``: from their bucket rows, else in one query."""
        places, forms, starts, rows = self._places, self.forms, self._starts, self._rows
        missing: list[tuple[str, str]] = []  # (form, key) of buckets stored without places
        for at in positions:
            b = bisect_right(starts, at) - 1
            row = rows[b]
            if row.places is None:
                missing.append((forms[at], row.key))
            else:
                places[forms[at]] = row.places_at(at - starts[b])
        if missing:
            self._query(missing)

    def _query(self, pairs: list[tuple[str, str]]) -> None:
        """Read the places of (form, its key) pairs from the ``forms`` table, in few queries."""
        places = self._places
        for form, _ in pairs:
            places[form] = []
        step = _MAX_VARIABLES // 2
        for i in range(0, len(pairs), step):
            chunk = pairs[i : i + step]
            keys = sorted({key for _, key in chunk})
            forms = [form for form, _ in chunk]
            # A form has one key, so (key in keys and form in forms) selects exactly these forms.
            q = (
                f"SELECT pf, place_id, name FROM forms WHERE key IN ({','.join('?' * len(keys))}) "
                f"AND pf IN ({','.join('?' * len(forms))}) ORDER BY key, pf, place_id"
            )
            for pf, pid, name in self._con.execute(q, [*keys, *forms]):
                places[pf].append((pid, name))

    def __iter__(self) -> Iterator[str]:
        return iter(self.forms)

    def __len__(self) -> int:
        return len(self.forms)

    def __contains__(self, form: object) -> bool:
        return isinstance(form, str) and self._position(form) is not None
