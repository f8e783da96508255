"""What the map's script draws: places, their claims as display strings, legend and panels.

Everything here is plain data (strings, numbers) serialised to JSON and inserted into the page
with ``tojson``; the page's script puts every string into the document as text (``textContent``),
never as HTML, so nothing an article says can run as script.
"""

from __future__ import annotations

import re

from .claims import MapData, PlaceClaims
from .style import event_labels, event_symbol, side_colours

__all__ = ["build_payload", "safe_url", "describe_quantity"]

_ARABIC = re.compile("[\u0600-\u06ff]")
_PRECISION = {1: "exact day", 2: "within a few days", 3: "month only"}
_WHERE = {
    "at": "at the place",
    "near": "near",
    "direction": "in the direction of",
    "region": "in the region",
    "country": "in the country",
}
_QUALIFIER = {"min": "more than ", "approx": "about ", "max": "up to "}


def safe_url(url: object) -> str | None:
    """The URL if it is http(s), else ``None`` (``javascript:``, ``data:`` and the like are dropped)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if re.match(r"(?i)^https?://[^\s\"'<>]+$", url) else None


def describe_quantity(q: dict) -> str:
    """ "2 drones downed", "more than 60 people killed"."""
    value = q.get("value")
    item = str(q.get("item") or "").replace("_", " ")
    if item and value != 1:
        item = {"person": "people", "child": "children", "artillery": "artillery"}.get(item, item + "s")
    words = [_QUALIFIER.get(q.get("qualifier") or "", "") + str(value), item, str(q.get("action") or "")]
    return " ".join(w for w in words if w).strip()


def _sentence(c: dict) -> dict:
    text = str(c.get("text") or "")
    mention = str(c.get("mention") or "")
    start = end = -1
    if mention and text:
        try:
            rel = int(c["mention_start"]) - int(c["start"])
        except (KeyError, TypeError, ValueError):
            rel = -1
        if rel >= 0 and text[rel : rel + len(mention)] == mention:
            start, end = rel, rel + len(mention)
        elif mention in text:
            start = text.index(mention)
            end = start + len(mention)
    rtl = bool(_ARABIC.search(text))
    return {
        "text": text,
        "mark": [start, end] if start >= 0 else None,
        "dir": "rtl" if rtl else "ltr",
        "lang": "ar" if rtl else "en",
    }


def _claim(c: dict, colours: dict) -> dict:
    side = c.get("side") or "unknown"
    quantities = [describe_quantity(q) for q in c.get("quantities") or [] if isinstance(q, dict)]
    when = c.get("date")
    alternatives = [a.get("place_name") for a in c.get("alternatives") or [] if isinstance(a, dict)]
    return {
        "claim_id": str(c.get("claim_id") or ""),
        "claimant": str(c.get("claimant_en") or c.get("claimant") or "unattributed"),
        "written": str(c.get("claimant") or ""),
        "side": str(side),
        "side_label": colours.get(side, {}).get("label", side),
        "colour": colours.get(side, {}).get("colour"),
        "side_type": str(c.get("side_type") or ""),
        "stance": str(c.get("stance") or "asserts"),
        "event": " / ".join(str(x) for x in (c.get("event_type"), c.get("sub_event_type")) if x) or "statement",
        "event_type": str(c.get("event_type") or "*"),
        "quantities": quantities,
        "fatalities": c.get("fatalities"),
        "date": f"{when} ({_PRECISION.get(c.get('time_precision'), 'date unsure')})" if when else "",
        "where": _WHERE.get(str(c.get("precision_note") or ""), ""),
        "sentence": _sentence(c),
        "place": {
            "written": str(c.get("mention") or ""),
            "name": str(c.get("place_name") or ""),
            "geonameid": c.get("geonameid"),
        },
        "needs_review": bool(c.get("needs_review")),
        "alternatives": [str(a) for a in alternatives if a],
        "source": {
            "title": str(c.get("article_title") or c.get("article") or ""),
            "outlet": str(c.get("outlet") or ""),
            "url": safe_url(c.get("url")),
            "published": str(c.get("published") or ""),
        },
    }


def _place(p: PlaceClaims, colours: dict) -> dict:
    main = p.main_side
    return {
        "lat": p.lat,
        "lon": p.lon,
        "name": p.name,
        "geonameid": p.geonameid,
        "precision": p.precision,
        "radius_km": p.radius_km,
        "side": main,
        "colour": colours.get(main, {}).get("colour"),
        "sides": p.sides,
        "types": p.event_types,
        "symbol": event_symbol(p.event_types[0] if p.event_types else None),
        "count": len(p.claims),
        "contested": p.contested,
        "claims": [_claim(c, colours) for c in p.claims],
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


def build_payload(data: MapData, *, title: str | None = None) -> dict:
    """The JSON document the page's script renders."""
    all_claims = [c for p in data.places for c in p.claims] + data.unplaced
    colours = side_colours([(c.get("side") or "unknown", c.get("side_type")) for c in all_claims])
    types = event_labels()
    used_types = []
    for c in all_claims:
        t = c.get("event_type") or "*"
        if t not in used_types:
            used_types.append(t)
    return {
        "title": _title(data, title),
        "places": [_place(p, colours) for p in data.places],
        "seats": [_place(p, colours) for p in data.seats],
        "unplaced": [_claim(c, colours) for c in data.unplaced],
        "legend": {
            "sides": [{"side": s, **v} for s, v in colours.items()],
            "types": [{"type": t, **types.get(t, types["*"])} for t in used_types],
        },
    }
