"""What the map's script draws: places, a compact claims table, legend, panels and the time range.

Everything here is plain data (strings, numbers) serialised to JSON and inserted into the page
through an HTML-safe JSON encoder; the page's script puts every string into the document as text
(``textContent``), never as HTML, so nothing an article says can run as script.

A map of 50,000 claims must stay small, so claims are a table of columns (one list per field, the
field name written once) and every string is stored once in ``strings`` and referred to by its
index (0 is the empty string, standing for "none"). Sources (article title, outlet, link, day) are
a second table that claims refer to by row. :func:`unpack_claim` turns a row back into a readable
dict.
"""

from __future__ import annotations

import json
import re
from datetime import date

from .claims import MapData, PlaceClaims
from .filters import claim_day
from .style import event_labels, side_colours
from .view import default_window, opening_view

__all__ = [
    "build_payload",
    "safe_url",
    "describe_quantity",
    "describe_fatalities",
    "describe_alternatives",
    "unpack_claim",
]

_ARABIC = re.compile("[\u0600-\u06ff]")
_EPOCH = date(1970, 1, 1)
_PRECISION = {1: "exact day", 2: "within a few days", 3: "month only"}
_WHERE = {
    "at": "at the place",
    "near": "near",
    "direction": "in the direction of",
    "region": "in the region",
    "country": "in the country",
}
_QUALIFIER = {"min": "more than ", "approx": "about ", "max": "up to "}
_PLURAL = {"person": "people", "child": "children", "artillery": "artillery"}
#: The claims table's columns: ``S`` a string index, ``[S]`` a list of them, ``n`` a number or null.
COLUMNS = {
    "id": "S claim id",
    "who": "S claimant (English name, else as written)",
    "written": "S claimant as written, when it differs",
    "side": "n index into legend.sides",
    "type": "n index into legend.types",
    "event": "S event type / sub-event type",
    "denies": "n 1 when the claimant denies",
    "qty": "[S] quantities, e.g. '241–250 tanks destroyed'",
    "fat": "S fatalities, lowest first ('10–12')",
    "day": "n days since 1970-01-01 (date, else published), null when unknown",
    "date": "S the date as shown, with its precision",
    "where": "S how near the place is",
    "text": "S the sentence",
    "rtl": "n 1 for right-to-left (Arabic) text",
    "mark": "[start, end] of the place's name in the sentence, or null",
    "mention": "S the place as written",
    "place": "S the place's gazetteer name",
    "gid": "n GeoNames id or null",
    "review": "n 1 when the place needs review",
    "alt": "[S] other places the name may denote, each once: 'Martuni (AM, 2 places)'",
    "src": "[n] rows of the sources table",
    "nsrc": "n how many sources report the claim",
}
_SOURCE_COLUMNS = ("title", "outlet", "url", "published")


def safe_url(url: object) -> str | None:
    """The URL if it is http(s), else ``None`` (``javascript:``, ``data:`` and the like are dropped)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if re.match(r"(?i)^https?://[^\s\"'<>]+$", url) else None


def _span(low: object, high: object) -> str:
    """ "241" or, when outlets differ, "241–250" (lowest first)."""
    if isinstance(high, int | float) and isinstance(low, int | float) and high > low:
        return f"{low}–{high}"
    return str(low)


def describe_quantity(q: dict) -> str:
    """ "2 drones downed", "more than 60 people killed", "241–250 tanks destroyed" (outlets differ)."""
    value, high = q.get("value"), q.get("value_max")
    item = str(q.get("item") or "").replace("_", " ")
    if item and (value != 1 or (isinstance(high, int | float) and high > 1)):
        item = _PLURAL.get(item, item + "s")
    words = [_QUALIFIER.get(q.get("qualifier") or "", "") + _span(value, high), item, str(q.get("action") or "")]
    return " ".join(w for w in words if w).strip()


def describe_fatalities(props: dict) -> str | None:
    """ "746", or "740–746" when sources differ (``fatalities`` is the lowest); ``None`` when not reported."""
    low = props.get("fatalities")
    return None if low is None else _span(low, props.get("fatalities_max"))


def _mark(c: dict, text: str) -> list[int] | None:
    mention = str(c.get("mention") or "")
    if not (mention and text):
        return None
    try:
        rel = int(c["mention_start"]) - int(c["start"])
    except (KeyError, TypeError, ValueError):
        rel = -1
    if rel >= 0 and text[rel : rel + len(mention)] == mention:
        return [rel, rel + len(mention)]
    start = text.find(mention)
    return [start, start + len(mention)] if start >= 0 else None


def describe_alternatives(alternatives: object) -> list[str]:
    """The runner-up places as labels, each name and country once, in order: two places named
    Martuni in Armenia are "Martuni (AM, 2 places)", not "Martuni, Martuni"."""
    counts: dict[tuple[str, str], int] = {}
    for a in alternatives if isinstance(alternatives, list) else ():
        if isinstance(a, dict) and a.get("place_name"):
            key = (str(a["place_name"]), str(a.get("country_code") or ""))
            counts[key] = counts.get(key, 0) + 1
    out = []
    for (name, country), n in counts.items():
        notes = [country] if country else []
        if n > 1:
            notes.append(f"{n} places")
        out.append(f"{name} ({', '.join(notes)})" if notes else name)
    return out


def _source_items(c: dict) -> list[dict]:
    listed = c.get("sources")
    if isinstance(listed, str):
        try:
            listed = json.loads(listed)
        except json.JSONDecodeError:
            listed = None
    items = [s for s in listed if isinstance(s, dict)] if isinstance(listed, list) else []
    return items or [c]


class _Tables:
    """The string pool, the claims table and the sources table, filled one claim at a time."""

    def __init__(self, sides: dict[str, int], types: dict[str, int]):
        self.strings: list[str] = [""]
        self._index: dict[str, int] = {"": 0}
        self.claims: dict[str, list] = {k: [] for k in COLUMNS}
        self.sources: dict[str, list] = {k: [] for k in _SOURCE_COLUMNS}
        self._source_rows: dict[tuple, int] = {}
        self.sides, self.types = sides, types
        self.days: list[int | None] = []

    def s(self, value: object) -> int:
        if value is None:
            return 0
        text = str(value)
        i = self._index.get(text)
        if i is None:
            i = self._index[text] = len(self.strings)
            self.strings.append(text)
        return i

    def _source(self, item: dict) -> int:
        raw = (
            item.get("article_title") or item.get("article"),
            item.get("outlet"),
            item.get("url"),
            item.get("published"),
        )
        i = self._source_rows.get(raw)
        if i is None:
            title, outlet, url, published = raw
            i = self._source_rows[raw] = len(self.sources["title"])
            row = (self.s(title), self.s(outlet), self.s(safe_url(url)), self.s(published))
            for key, value in zip(_SOURCE_COLUMNS, row, strict=True):
                self.sources[key].append(value)
        return i

    def add(self, c: dict) -> int:
        """Append claim ``c`` (feature properties); returns its row."""
        s = self.s
        side = c.get("side") or "unknown"
        text = str(c.get("text") or "")
        day = claim_day(c)
        when = c.get("date")
        src = [self._source(item) for item in _source_items(c)]
        count = c.get("source_count")
        written = str(c.get("claimant") or "")
        who = str(c.get("claimant_en") or c.get("claimant") or "unattributed")
        row = {
            "id": s(c.get("claim_id")),
            "who": s(who),
            "written": s(written if written != who else None),
            "side": self.sides[side],
            "type": self.types[c.get("event_type") or "*"],
            "event": s(" / ".join(str(x) for x in (c.get("event_type"), c.get("sub_event_type")) if x) or "statement"),
            "denies": int(c.get("stance") == "denies"),
            "qty": [s(describe_quantity(q)) for q in c.get("quantities") or [] if isinstance(q, dict)],
            "fat": s(describe_fatalities(c)),
            "day": (day - _EPOCH).days if day else None,
            "date": s(f"{when} ({_PRECISION.get(c.get('time_precision'), 'date unsure')})" if when else None),
            "where": s(_WHERE.get(str(c.get("precision_note") or ""))),
            "text": s(text),
            "rtl": int(bool(_ARABIC.search(text))),
            "mark": _mark(c, text),
            "mention": s(c.get("mention")),
            "place": s(c.get("place_name")),
            "gid": c.get("geonameid"),
            "review": int(bool(c.get("needs_review"))),
            "alt": [s(a) for a in describe_alternatives(c.get("alternatives"))],
            "src": src,
            "nsrc": max(count if isinstance(count, int) else 0, len(src)),
        }
        for key, value in row.items():
            self.claims[key].append(value)
        return len(self.claims["id"]) - 1


def _place(p: PlaceClaims, tables: _Tables, rows: dict[str, int] | None = None) -> dict:
    rows = rows or {}
    return {
        "name": p.name,
        "lat": round(p.lat, 5),
        "lon": round(p.lon, 5),
        "geonameid": p.geonameid,
        "precision": p.precision,
        "radius_km": p.radius_km,
        "claims": [rows[c["claim_id"]] if c.get("claim_id") in rows else tables.add(c) for c in p.claims],
    }


def _title(data: MapData, title: str | None) -> dict:
    if title:
        return {"headline": title, "outlet": "", "date": "", "url": None}
    if len(data.articles) == 1:
        a = data.articles[0]
        return {
            "headline": str(a.get("article_title") or a.get("article") or ""),
            "outlet": str(a.get("outlet") or ""),
            "date": str(a.get("published") or ""),
            "url": safe_url(a.get("url")),
        }
    return {"headline": f"{len(data.articles)} articles", "outlet": "", "date": "", "url": None}


def _timeline(days: list[int | None]) -> dict | None:
    """The slider, when the claims fall on more than one day: the days that have claims (the slider
    steps through them), the first and last, the default window (:func:`default_window`), how many
    claims have no day and how many dated claims fall outside the window."""
    known = [d for d in days if d is not None]
    if len(set(known)) < 2:
        return None
    start, end = default_window(known)
    return {
        "first": min(known),
        "last": max(known),
        "days": sorted(set(known)),
        "from": start,
        "to": end,
        "undated": len(days) - len(known),
        "outside": sum(1 for d in known if not start <= d <= end),
    }


def _view(places: list[dict], days: list[int | None], timeline: dict | None) -> dict:
    """The opening view over the places of the claims the default window shows (:func:`opening_view`)."""

    def shown(row: int) -> bool:
        day = days[row]
        return timeline is None or day is None or timeline["from"] <= day <= timeline["to"]

    weights = [(p["lat"], p["lon"], sum(1 for r in p["claims"] if shown(r)), p["radius_km"]) for p in places]
    bounds, outside = opening_view(weights)
    return {"bounds": bounds, "outside": outside}


def build_payload(data: MapData, *, title: str | None = None) -> dict:
    """The JSON document the page's script renders (see the module docstring and :data:`COLUMNS`)."""
    all_claims = [c for p in data.places for c in p.claims] + data.unplaced
    seat_claims = [c for p in data.seats for c in p.claims]
    colours = side_colours([(c.get("side") or "unknown", c.get("side_type")) for c in all_claims + seat_claims])
    belligerent = {c.get("side") or "unknown" for c in all_claims if c.get("side_type") == "belligerent"}
    labels = event_labels()
    used_types: dict[str, int] = {}
    for c in all_claims + seat_claims:
        used_types.setdefault(c.get("event_type") or "*", len(used_types))
    tables = _Tables({s: i for i, s in enumerate(colours)}, used_types)
    places = [_place(p, tables) for p in data.places]
    unplaced = [tables.add(c) for c in data.unplaced]
    events = tables.claims["day"][:]
    # A seat's claim is the same claim as its events: refer to their row (its own row only when
    # de-duplication merged the event into another article's claim).
    by_id: dict[str, int] = {}
    for row, claim_id in enumerate(tables.claims["id"]):
        if claim_id:
            by_id.setdefault(tables.strings[claim_id], row)
    seats = [_place(p, tables, by_id) for p in data.seats]
    timeline = _timeline(events)
    return {
        "legend": {
            "sides": [{"side": s, **v, "belligerent": s in belligerent} for s, v in colours.items()],
            "types": [{"type": t, **labels.get(t, labels["*"])} for t in used_types],
        },
        "title": _title(data, title),
        "places": places,
        "seats": seats,
        "unplaced": unplaced,
        "claims": tables.claims,
        "sources": tables.sources,
        "strings": tables.strings,
        "timeline": timeline,
        "view": _view(places, tables.claims["day"], timeline),
    }


def unpack_claim(payload: dict, row: int) -> dict:
    """Row ``row`` of the payload's claims table as a readable dict (strings resolved, sources listed)."""
    strings, table, sources = payload["strings"], payload["claims"], payload["sources"]
    out: dict = {}
    for key, kind in COLUMNS.items():
        value = table[key][row]
        if kind.startswith("S "):
            value = strings[value]
        elif kind.startswith("[S]"):
            value = [strings[i] for i in value]
        out[key] = value
    out["side"] = payload["legend"]["sides"][out["side"]]["side"]
    out["type"] = payload["legend"]["types"][out["type"]]["type"]
    if out["day"] is not None:
        out["day"] = date.fromordinal(_EPOCH.toordinal() + out["day"]).isoformat()
    out["src"] = [{k: strings[sources[k][i]] for k in _SOURCE_COLUMNS} for i in out["src"]]
    return out
