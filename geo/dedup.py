"""One claim reported by several outlets becomes one claim with several sources.

Two event rows from different articles are the same claim when they agree on the claimant, its
side, the stance, the event type and sub-type, the place and the date. The place is its GeoNames
id, or for a place from elsewhere (the supplement, an online service) its source, name and point;
a claim with no place must also count the same things (the same items and actions). Rows without
an event type or a date are never merged: nothing says they tell of the same event. Counts may
differ between outlets: the merged row keeps the lowest (as ACLED does) and the highest beside it
(``value_max``, ``fatalities_max``), so the range stays visible. Within one article nothing is
merged: only the first row of each article joins a group. Seat rows of a claim whose every event
row was merged into another article's go too (their claim now lives in the other's ``sources``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

__all__ = ["deduplicate", "claim_key"]


def claim_key(feature: dict) -> tuple | None:
    """What makes two event rows the same claim, or ``None`` for a row that is never merged."""
    p = feature.get("properties") or {}
    if p.get("role") != "event" or not p.get("event_type") or not p.get("date"):
        return None
    claimant = p.get("claimant_en") or p.get("claimant")
    if not claimant:
        return None
    key = (claimant, p.get("side"), p.get("stance"), p["event_type"], p.get("sub_event_type"), p["date"])
    if p.get("geonameid") is not None:
        return (*key, "place", p["geonameid"])
    geometry = feature.get("geometry")
    if geometry:
        lon, lat = geometry["coordinates"]
        return (*key, "point", p.get("place_source"), p.get("place_name"), round(lon, 3), round(lat, 3))
    counted = tuple(sorted({(q.get("item") or "", q.get("action") or "") for q in p.get("quantities") or []}))
    return (*key, "unplaced", counted) if counted else None


def deduplicate(features: Iterable[dict]) -> list[dict]:
    """``features`` with each claim reported by several articles merged into its first report.

    The merged row is the earliest report (by publication date, then article id, then offset),
    with ``sources`` (one entry per report: article, outlet, title, url, published, claim id),
    ``source_count``, and counts merged as described in the module. Other rows keep their order.
    """
    rows = list(features)
    groups: dict[tuple, dict[str, int]] = defaultdict(dict)  # key -> article -> its first row
    for i, f in enumerate(rows):
        key = claim_key(f)
        if key is not None:
            groups[key].setdefault(f["properties"].get("article") or "", i)
    merged_away: set[int] = set()
    replacement: dict[int, dict] = {}
    for by_article in groups.values():
        if len(by_article) < 2:
            continue
        members = sorted(by_article.values(), key=lambda i: _order(rows[i]))
        first, *rest = members
        replacement[first] = _merge([rows[i] for i in members])
        merged_away.update(rest)
    gone = _claims_gone(rows, merged_away)
    return [
        replacement.get(i, f)
        for i, f in enumerate(rows)
        if i not in merged_away
        and not (f["properties"].get("role") == "claimant_seat" and f["properties"].get("claim_id") in gone)
    ]


def _claims_gone(rows: list[dict], merged_away: set[int]) -> set[str]:
    """Claims none of whose event rows is left."""
    left: dict[str, bool] = {}
    for i, f in enumerate(rows):
        p = f["properties"]
        if p.get("role") == "event":
            left[p.get("claim_id")] = left.get(p.get("claim_id"), False) or i not in merged_away
    return {claim for claim, kept in left.items() if not kept}


def _order(f: dict) -> tuple:
    p = f["properties"]
    return (p.get("published") or "9999", p.get("article") or "", p.get("start") or 0)


def _merge(reports: list[dict]) -> dict:
    head = reports[0]
    props = dict(head["properties"])
    props["sources"] = [
        {
            "article": r["properties"].get("article"),
            "outlet": r["properties"].get("outlet"),
            "article_title": r["properties"].get("article_title"),
            "url": r["properties"].get("url"),
            "published": r["properties"].get("published"),
            "claim_id": r["properties"].get("claim_id"),
        }
        for r in reports
    ]
    props["source_count"] = len(reports)
    deaths = [r["properties"]["fatalities"] for r in reports if r["properties"].get("fatalities") is not None]
    props["fatalities"] = min(deaths) if deaths else None
    props["fatalities_max"] = max(deaths) if deaths and max(deaths) != min(deaths) else None
    props["quantities"] = _merge_quantities([r["properties"].get("quantities") or [] for r in reports])
    props["needs_review"] = any(r["properties"].get("needs_review") for r in reports)
    return {**head, "properties": props}


def _merge_quantities(reports: list[list[dict]]) -> list[dict]:
    """Each report's counts matched to the first report's, pairwise by item and action (two counts
    of one thing in one report stay two): the lowest is ``value`` (with its qualifier, "at least"),
    the highest ``value_max``; a count only a later report gives is added."""
    merged = [dict(q) for q in reports[0]]
    for quantities in reports[1:]:
        used: set[int] = set()
        for q in quantities:
            k = next(
                (
                    k
                    for k, m in enumerate(merged)
                    if k not in used and (m.get("item"), m.get("action")) == (q.get("item"), q.get("action"))
                ),
                None,
            )
            if k is None:
                merged.append(dict(q))
                used.add(len(merged) - 1)
                continue
            used.add(k)
            m, value = merged[k], q.get("value")
            if not isinstance(value, int | float) or not isinstance(m.get("value"), int | float):
                continue
            high = max(m.get("value_max", m["value"]), value)
            if value < m["value"]:
                m["value"] = value
                m.pop("qualifier", None)
                if q.get("qualifier"):
                    m["qualifier"] = q["qualifier"]
            if high != m["value"]:
                m["value_max"] = high
    return merged
