"""The one schema of the output rows: every property a feature carries, its type and what it means.

``geo extract`` (GeoJSON, JSON lines, CSV), the Python API (a GeoDataFrame), ``geo batch``
(GeoParquet) and the de-duplication all read their columns from here; ``maps`` keeps its own
minimal reading of the same names (``maps`` never imports ``geo``), and a contract test checks that
the two agree.

Types: ``str``, ``int``, ``float``, ``bool`` and ``json`` (a list or object: kept as such in GeoJSON
and JSON lines, written as JSON text in CSV and Parquet cells). Every column is nullable except
``role``: a claim with no place has null place columns; an ``other`` mention has null claim columns.

>>> PROPERTIES[:3], "quantities" in JSON_COLUMNS, COLUMNS["fatalities"].type
(('claim_id', 'role', 'claimant'), True, 'int')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Column",
    "COLUMNS",
    "PROPERTIES",
    "BATCH_PROPERTIES",
    "CLAIM_PROPERTIES",
    "PLACE_PROPERTIES",
    "ARTICLE_PROPERTIES",
    "JSON_COLUMNS",
    "INT_COLUMNS",
    "FLOAT_COLUMNS",
    "BOOL_COLUMNS",
]

ColumnType = Literal["str", "int", "float", "bool", "json"]


@dataclass(frozen=True, slots=True)
class Column:
    """One output property: its name, type, whether it may be null, and its meaning."""

    name: str
    type: ColumnType
    doc: str
    nullable: bool = True


_CLAIM = (
    Column("claim_id", "str", "ARTICLE#HASH: the claim (one per attributed clause), shared by its rows"),
    Column("claimant", "str", "the claimant as written in the text"),
    Column("claimant_en", "str", "the claimant's canonical English name"),
    Column("side", "str", "ISO 3166-1 alpha-2 of the state it speaks for, an international or party code, media"),
    Column("side_type", "str", "belligerent | third_party | media"),
    Column("stance", "str", "asserts | denies"),
    Column("verb", "str", "the reporting verb's lemma"),
    Column("event_type", "str", "ACLED-like event type"),
    Column("sub_event_type", "str", "ACLED-like sub-event type"),
    Column("text", "str", "the clause (or, for an other mention, its line)"),
    Column("start", "int", "offset of the clause in the article's document"),
    Column("end", "int", "end offset of the clause"),
    Column("quantities", "json", 'counts: [{"value": 2, "item": "drone", "action": "downed"}]'),
    Column("fatalities", "int", "people killed, the lowest reported"),
    Column("date", "str", "ISO date of the event"),
    Column("time_precision", "int", "1 the day, 2 a week or range, 3 a month (ACLED)"),
)
_PLACE = (
    Column("mention", "str", "the place name as written"),
    Column("mention_start", "int", "offset of the mention in the article's document"),
    Column("mention_end", "int", "end offset of the mention"),
    Column("mention_score", "float", "the learned scorer's probability that the mention is a place name"),
    Column("mention_evidence", "json", "with --explain: the features that decided it, [[name, log-odds contribution]]"),
    Column("place_name", "str", "the gazetteer's name of the place"),
    Column("geonameid", "int", "GeoNames id (negative for places from elsewhere)"),
    Column("country_code", "str", "ISO 3166-1 alpha-2 of the place's country"),
    Column("feature_code", "str", "GeoNames feature code"),
    Column("place_source", "str", "where the place comes from (a data set, an online service)"),
    Column("radius_km", "float", "how far the place extends, for regions and countries"),
    Column("needs_review", "bool", "the runner-up was close: a person should check"),
    Column("alternatives", "json", "runners-up: [{place_name, geonameid, lat, lon, country_code}]"),
    Column("precision", "int", "1 the place itself, 2 near or in the direction of it, 3 region or country"),
    Column("precision_note", "str", "at | near | direction | region | country"),
)
_ARTICLE = (
    Column("article", "str", "the article's id (file stem or record id)"),
    Column("article_title", "str", "its headline"),
    Column("outlet", "str", "who published it"),
    Column("url", "str", "where (http or https only)"),
    Column("published", "str", "ISO publication date"),
)
_ROLE = Column("role", "str", "event | claimant_seat | other", nullable=False)
_BATCH = (
    Column("sources", "json", "every report of a claim merged from several articles"),
    Column("source_count", "int", "how many reports were merged"),
    Column("fatalities_max", "int", "the highest fatality count among them"),
)


def _ordered() -> tuple[Column, ...]:
    """The order of the columns in every table (DESIGN.md's contract, plus offsets)."""
    claim = {c.name: c for c in _CLAIM}
    place = {c.name: c for c in _PLACE}
    names = (
        "claim_id", "role", "claimant", "claimant_en", "side", "side_type", "stance", "verb",
        "event_type", "sub_event_type", "text", "start", "end", "mention", "mention_start", "mention_end",
        "mention_score", "mention_evidence",
        "place_name", "geonameid", "country_code", "feature_code", "place_source", "precision", "precision_note",
        "radius_km", "needs_review", "alternatives", "quantities", "fatalities", "date", "time_precision",
    )  # fmt: skip
    by_name = {**claim, **place, "role": _ROLE}
    return (*(by_name[n] for n in names), *_ARTICLE)


#: Every column of a feature, by name, in table order; then the batch's own (see :data:`BATCH_PROPERTIES`).
COLUMNS: dict[str, Column] = {c.name: c for c in (*_ordered(), *_BATCH)}
#: Every feature carries these properties, in this order.
PROPERTIES: tuple[str, ...] = tuple(c.name for c in _ordered())
#: Added by a batch's de-duplication to a claim several articles report (see :mod:`geo.dedup`).
BATCH_PROPERTIES: tuple[str, ...] = tuple(c.name for c in _BATCH)
#: The properties of the claim, of the place, of the article (``role`` aside).
CLAIM_PROPERTIES: tuple[str, ...] = tuple(c.name for c in _CLAIM)
PLACE_PROPERTIES: tuple[str, ...] = tuple(c.name for c in _PLACE)
ARTICLE_PROPERTIES: tuple[str, ...] = tuple(c.name for c in _ARTICLE)
JSON_COLUMNS = frozenset(c.name for c in COLUMNS.values() if c.type == "json")
INT_COLUMNS = frozenset(c.name for c in COLUMNS.values() if c.type == "int")
FLOAT_COLUMNS = frozenset(c.name for c in COLUMNS.values() if c.type == "float")
BOOL_COLUMNS = frozenset(c.name for c in COLUMNS.values() if c.type == "bool")
