"""A document's layers as the extraction's rows: one GeoJSON-like feature per claim x place, per
claimant seat and per other mention, with the properties of :mod:`geo.schema`.

Coordinates are swapped from (lat, lon) to GeoJSON's (lon, lat) in :func:`point`, and nowhere else.

>>> point(40.68, 46.36)
{'type': 'Point', 'coordinates': [46.36, 40.68]}
"""

from __future__ import annotations

import hashlib

from ..model import Claimant, Clause, Doc, EventFacts, EventPlace, Resolved, Role
from ..schema import CLAIM_PROPERTIES, PLACE_PROPERTIES

__all__ = ["point", "features_of", "claim_id"]


def point(lat: float, lon: float) -> dict:
    """A GeoJSON Point from latitude and longitude (the one place the axis order flips)."""
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def claim_id(article_id: str, clause: Clause) -> str:
    """``ARTICLE#HASH``: stable for the same clause and claimant of the same article."""
    key = f"{article_id}|{clause.start}|{clause.end}|{clause.claimant.canonical}"
    return f"{article_id}#{hashlib.sha1(key.encode()).hexdigest()[:10]}"


def features_of(doc: Doc) -> list[dict]:
    """Every feature of a document: its claims (one per event place, or one without a place), its
    claimants' seats, then every other place mention."""
    article, text = doc.article, doc.text
    base = {
        "article": article.id,
        "article_title": article.title or None,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
    }
    out: list[dict] = []
    for clause, fact, roles in zip(doc.clauses, doc.facts, doc.roles, strict=True):
        if not roles.claim:
            continue
        claim = _claim_props(article.id, clause, fact, text, roles.side_type, roles.claimant) | base
        for e in roles.events:
            out.append(_feature(e, claim, "event"))
        if not roles.events:
            out.append(
                {"type": "Feature", "geometry": None, "properties": claim | _place_props(None) | {"role": "event"}}
            )
        for e in roles.seats:
            out.append(_feature(e, claim, "claimant_seat"))
    for e in doc.others:
        props = dict.fromkeys(CLAIM_PROPERTIES) | base | {"text": _line(text, e.place)}
        out.append(_feature(e, props, "other"))
    return out


def _claim_props(
    article_id: str, clause: Clause, fact: EventFacts, text: str, side_type: str | None, claimant: Claimant | None
) -> dict:
    c = claimant or clause.claimant
    side_type = side_type or c.side_type
    return {
        "claim_id": claim_id(article_id, clause),
        "claimant": c.text or None,
        "claimant_en": c.canonical,
        "side": c.side,
        "side_type": side_type,
        "stance": clause.stance,
        "verb": clause.verb,
        "event_type": fact.event_type,
        "sub_event_type": fact.sub_event_type,
        "text": text[clause.start : clause.end],
        "start": clause.start,
        "end": clause.end,
        "quantities": [q.as_dict() for q in fact.quantities],
        "fatalities": fact.fatalities,
        "date": fact.date.isoformat() if fact.date else None,
        "time_precision": fact.time_precision,
    }


#: The most an other mention's ``text`` shows around it, in characters (its line, when shorter).
_CONTEXT = 1000


def _line(text: str, r: Resolved) -> str:
    """The line of the text a mention is on (what an other mention shows as its ``text``), or, on a
    line longer than :data:`_CONTEXT` (a text with no line breaks), the words around the mention:
    the output grows with the number of mentions, never with the square of the text."""
    start, end = r.mention.start, r.mention.end
    lo, hi = max(0, start - _CONTEXT // 2), min(len(text), end + _CONTEXT // 2)
    a = text.rfind("\n", lo, start) + 1 or lo
    b = text.find("\n", end, hi)
    if b < 0:
        b = hi
    if a == lo and lo > 0 and (space := text.find(" ", a, start)) >= 0:
        a = space + 1  # start at a word
    if b == hi and hi < len(text) and (space := text.rfind(" ", end, b)) >= 0:
        b = space  # end at a word
    return text[a:b].strip()


def _place_props(r: Resolved | None) -> dict:
    if r is None:
        return dict.fromkeys(PLACE_PROPERTIES)
    p = r.place
    return {
        "mention": r.mention.text,
        "mention_start": r.mention.start,
        "mention_end": r.mention.end,
        "mention_score": r.mention.score,
        "mention_evidence": [list(e) for e in r.mention.evidence] or None,
        "place_name": p.name,
        "geonameid": p.geonameid,
        "country_code": p.country_code or None,
        "feature_code": p.feature_code,
        "place_source": p.source or None,
        "radius_km": p.radius_km,
        "needs_review": r.needs_review,
        "alternatives": [
            {
                "place_name": m.place.name,
                "geonameid": m.place.geonameid,
                "lat": m.place.lat,
                "lon": m.place.lon,
                "country_code": m.place.country_code,
            }
            for m in r.alternatives
        ],
        "precision": None,
        "precision_note": None,
    }


def _feature(e: EventPlace, claim: dict, role: Role) -> dict:
    r = e.place
    props = claim | _place_props(r) | {"role": role, "precision": e.precision, "precision_note": e.note}
    return {"type": "Feature", "geometry": point(r.place.lat, r.place.lon), "properties": props}
