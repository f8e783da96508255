"""Which claims a map shows: a date range, sides and event types, applied before rendering.

The rule for dates: a claim's day is its ``date`` (the day the event happened, as the claim puts
it), else the article's ``published`` day. With a date range, claims with neither are left out;
without one they are all kept. The same rule drives the map's time slider.

>>> feats = [{"type": "Feature", "geometry": None,
...           "properties": {"claim_id": "a#1", "role": "event", "side": "AZ", "date": "2020-10-20"}}]
>>> len(filter_claims(feats, since="2020-10-01", sides=["az"]))
1
>>> filter_claims(feats, until="2020-10-19")
Traceback (most recent call last):
...
maps.errors.ClaimsError: no claims until 2020-10-19 (the claims' days run from 2020-10-20 to 2020-10-20)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .errors import ClaimsError

__all__ = ["ClaimFilter", "filter_claims", "claim_day"]

_DAY = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?")


def claim_day(props: Mapping) -> date | None:
    """The day a claim is filed under: its ``date``, else its article's ``published`` day, else ``None``.

    Accepts ISO dates, date-times (the day part counts) and months (``2020-10`` is the 1st).
    """
    for key in ("date", "published"):
        value = props.get(key)
        if isinstance(value, date):
            return value
        match = _DAY.match(value) if isinstance(value, str) else None
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3] or 1))
            except ValueError:
                continue
    return None


def _as_date(value: date | str | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ClaimsError(f"{name} {value!r} is not a date like 2020-10-20") from None


@dataclass(frozen=True)
class ClaimFilter:
    """A date range (inclusive, either end open), sides and event types; empty means "any".

    Sides match the ``side`` code, event types the ``event_type`` or ``sub_event_type``; both ignore
    case. ``unknown`` matches claims without a side.
    """

    since: date | None = None
    until: date | None = None
    sides: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.since or self.until or self.sides or self.event_types)

    def keeps(self, props: Mapping) -> bool:
        """Whether the claim with properties ``props`` passes."""
        if self.sides and str(props.get("side") or "unknown").casefold() not in {s.casefold() for s in self.sides}:
            return False
        if self.event_types:
            wanted = {t.casefold() for t in self.event_types}
            if not {str(props.get(k) or "").casefold() for k in ("event_type", "sub_event_type")} & wanted:
                return False
        if self.since or self.until:
            day = claim_day(props)
            if day is None or (self.since and day < self.since) or (self.until and day > self.until):
                return False
        return True

    def describe(self) -> str:
        """The filter in words: "between 2020-10-01 and 2020-10-05, from side AZ"."""
        parts = []
        if self.since and self.until:
            parts.append(f"between {self.since} and {self.until}")
        elif self.since:
            parts.append(f"since {self.since}")
        elif self.until:
            parts.append(f"until {self.until}")
        if self.sides:
            parts.append(f"from side {' or '.join(self.sides)}")
        if self.event_types:
            parts.append(f"of event type {' or '.join(self.event_types)}")
        return ", ".join(parts)


def _hint(flt: ClaimFilter, events: list[Mapping]) -> str:
    notes = []
    if flt.since or flt.until:
        days = sorted(d for d in (claim_day(p) for p in events) if d)
        notes.append(f"the claims' days run from {days[0]} to {days[-1]}" if days else "no claim has a date")
    if flt.sides:
        notes.append("sides present: " + ", ".join(sorted({str(p.get("side") or "unknown") for p in events})))
    if flt.event_types:
        notes.append(
            "event types present: " + ", ".join(sorted({str(p.get("event_type") or "(none)") for p in events}))
        )
    return f" ({'; '.join(notes)})" if notes else ""


def filter_claims(
    features: Iterable[Mapping] | Mapping,
    *,
    since: date | str | None = None,
    until: date | str | None = None,
    sides: Iterable[str] = (),
    event_types: Iterable[str] = (),
) -> list[dict]:
    """The features whose claims pass the filter (see :class:`ClaimFilter` and the module's date rule).

    ``features`` are GeoJSON feature dicts (or a FeatureCollection) as ``geo extract`` writes them.
    Event features are kept when their claim passes; a claimant seat when its claim kept an event
    (or, with no event, passes itself); other place mentions are not claims and pass unchanged.

    Raises :class:`ClaimsError` when ``since`` is after ``until``, or when no claim is left
    ("no claims between 2020-10-01 and 2020-10-05 ..."), naming the days, sides or types present.
    """
    if isinstance(features, Mapping):
        features = features.get("features") or []
    features = list(features)
    flt = ClaimFilter(
        _as_date(since, "since"),
        _as_date(until, "until"),
        tuple(s for s in sides if s),
        tuple(t for t in event_types if t),
    )
    if flt.since and flt.until and flt.since > flt.until:
        raise ClaimsError(f"since {flt.since} is after until {flt.until}")
    if not flt.active:
        return features
    events = [f.get("properties") or {} for f in features if (f.get("properties") or {}).get("role") == "event"]
    kept_ids = {p.get("claim_id") for p in events if flt.keeps(p)}
    event_ids = {p.get("claim_id") for p in events}
    out = []
    for f in features:
        props = f.get("properties") or {}
        role = props.get("role")
        if role == "event":
            keep = flt.keeps(props)
        elif role == "claimant_seat":
            keep = props.get("claim_id") in kept_ids if props.get("claim_id") in event_ids else flt.keeps(props)
        else:
            keep = True
        if keep:
            out.append(f)
    if not any((f.get("properties") or {}).get("role") == "event" for f in out):
        raise ClaimsError(f"no claims {flt.describe()}{_hint(flt, events)}")
    return out
