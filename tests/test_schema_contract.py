"""``maps`` reads what ``geo`` writes: its own minimal schema agrees with :mod:`geo.schema`.

``maps`` never imports ``geo``, so it names the columns it needs itself; this test is where the two
meet. A column renamed or retyped in ``geo.schema`` without ``maps`` following fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

from geo import schema
from maps import REQUIRED
from maps import tables as map_tables

MAPS = Path(__file__).parent.parent / "maps"


def test_required_map_properties_are_output_properties():
    assert set(REQUIRED) <= set(schema.PROPERTIES)


def test_map_column_types_agree_with_the_schema():
    assert map_tables.JSON_COLUMNS == schema.JSON_COLUMNS
    assert map_tables.INT_COLUMNS == schema.INT_COLUMNS
    assert map_tables._FLOAT_COLUMNS == schema.FLOAT_COLUMNS
    assert map_tables._BOOL_COLUMNS == schema.BOOL_COLUMNS


def test_every_property_the_map_reads_exists():
    # the property names maps/*.py read from a feature's properties ("p.get('side')", "c['claim_id']")
    read = set()
    pattern = re.compile(r"""\b(?:p|props|c|properties|row)(?:\.get\(|\[)["']([a-z_]+)["']""")
    for path in MAPS.glob("*.py"):
        read |= set(pattern.findall(path.read_text("utf-8")))
    # maps' own place records (maps/payload.py) also carry these keys; they are not feature properties
    own = {"lat", "lon", "claims"}
    known = set(schema.PROPERTIES) | set(schema.BATCH_PROPERTIES) | own
    assert read and read <= known, sorted(read - known)


def test_schema_columns_are_documented_and_typed():
    for column in schema.COLUMNS.values():
        assert column.doc and column.type in ("str", "int", "float", "bool", "json"), column
    assert [c for c in schema.COLUMNS.values() if not c.nullable] == [schema.COLUMNS["role"]]
    assert len(set(schema.PROPERTIES)) == len(schema.PROPERTIES)
