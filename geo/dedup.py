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
from collections.abc import Hashable, Iterable

__all__ = [
    "deduplicate",
    "claim_key",
    "plan_merges",
    "claims_gone",
    "is_orphan_seat",
    "merge_reports",
    "report_order",
    "MERGE_FIELDS",
]


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
    plan = plan_merges(
        (i, f["properties"].get("article") or "", claim_key(f), report_order(f)) for i, f in enumerate(rows)
    )
    merged_away = {ref for members in plan.values() for ref in members[1:]}
    events = (
        (i, f["properties"].get("claim_id")) for i, f in enumerate(rows) if f["properties"].get("role") == "event"
    )
    gone = claims_gone(events, merged_away)
    out = []
    for i, f in enumerate(rows):
        if i in merged_away or is_orphan_seat(f, gone):
            continue
        out.append(merge_reports(f, [rows[k]["properties"] for k in plan[i]]) if i in plan else f)
    return out


#: What merging needs of each report besides the first (whose row is kept whole).
MERGE_FIELDS = ("article", "outlet", "article_title", "url", "published", "claim_id", "fatalities", "quantities")
MERGE_FIELDS += ("needs_review",)


def report_order(feature: dict) -> tuple:
    """Reports of a claim in this order: publication date, article id, offset; the first is kept."""
    p = feature["properties"]
    return (p.get("published") or "9999", p.get("article") or "", p.get("start") or 0)


def plan_merges(rows: Iterable[tuple[Hashable, str, tuple | None, tuple]]) -> dict[Hashable, list]:
    """Which rows merge: from ``(ref, article, claim key, order)`` of every row, ``{ref of the kept
    row: refs of every report merged into it, itself first}``; only the first row of each article
    joins a group, and a group needs two articles."""
    groups: dict[tuple, dict[str, tuple]] = defaultdict(dict)
    for ref, article, key, order in rows:
        if key is not None:
            groups[key].setdefault(article, (order, ref))
    plan = {}
    for by_article in groups.values():
        if len(by_article) >= 2:
            members = [ref for _, ref in sorted(by_article.values(), key=lambda m: m[0])]
            plan[members[0]] = members
    return plan


def claims_gone(events: Iterable[tuple[Hashable, str]], merged_away: set) -> set[str]:
    """Claims none of whose event rows is left, from ``(ref, claim id)`` of every event row."""
    left: dict[str, bool] = {}
    for ref, claim in events:
        left[claim] = left.get(claim, False) or ref not in merged_away
    return {claim for claim, kept in left.items() if not kept}


def is_orphan_seat(feature: dict, gone: set[str]) -> bool:
    """A claimant seat row of a claim merged into another article's report."""
    p = feature["properties"]
    return p.get("role") == "claimant_seat" and p.get("claim_id") in gone


def merge_reports(head: dict, reports: list[dict]) -> dict:
    """The kept row ``head`` with the properties of every report of its claim (``reports``: the
    :data:`MERGE_FIELDS` at least, head's first) folded in."""
    props = dict(head["properties"])
    props["sources"] = [
        {k: r.get(k) for k in ("article", "outlet", "article_title", "url", "published", "claim_id")} for r in reports
    ]
    props["source_count"] = len(reports)
    deaths = [r["fatalities"] for r in reports if r.get("fatalities") is not None]
    props["fatalities"] = min(deaths) if deaths else None
    props["fatalities_max"] = max(deaths) if deaths and max(deaths) != min(deaths) else None
    props["quantities"] = _merge_quantities([r.get("quantities") or [] for r in reports])
    props["needs_review"] = any(r.get("needs_review") for r in reports)
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
