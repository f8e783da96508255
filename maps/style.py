"""Colours by side and symbols by event type, from ``data/sides.tsv``, ``palette.tsv``, ``events.tsv``.

Colours are colour-blind safe (Okabe-Ito); third parties and media are grey. Within one map every
side gets its own colour: a side whose listed colour another side already took gets the next free
palette colour.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["side_colours", "event_symbol", "event_labels", "GREY"]

GREY = "#8C8C8C"


def _rows(name: str) -> list[list[str]]:
    text = resources.files("maps").joinpath(f"data/{name}").read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _sides() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2] if len(row) > 2 else row[0]) for row in _rows("sides.tsv")}


@lru_cache(maxsize=1)
def _palette() -> tuple[str, ...]:
    return tuple(row[0] for row in _rows("palette.tsv"))


@lru_cache(maxsize=1)
def _events() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in _rows("events.tsv")}


def side_colours(sides: list[tuple[str, str | None]]) -> dict[str, dict]:
    """Colour and legend label for each ``(side, side_type)``, distinct within the map.

    Third parties and media are grey whatever the table says, so the parties stand out.
    """
    table, palette = _sides(), _palette()
    used: set[str] = set()
    out: dict[str, dict] = {}
    for side, side_type in sides:
        if side in out:
            continue
        colour, label = table.get(side, (None, side))
        if side_type in ("third_party", "media") or side in ("media", "UN", "unknown"):
            out[side] = {"colour": GREY if side != "media" else table.get("media", (GREY,))[0], "label": label}
            continue
        if colour is None or colour in used:
            colour = next((c for c in palette if c not in used), GREY)
        used.add(colour)
        out[side] = {"colour": colour, "label": label}
    return out


def event_symbol(event_type: str | None) -> str:
    """The character drawn in a marker for this event type."""
    events = _events()
    return events.get(event_type or "*", events["*"])[0]


def event_labels() -> dict[str, dict]:
    """Every event type with its symbol and label, for the legend and the filter."""
    return {k: {"symbol": s, "label": label} for k, (s, label) in _events().items()}
