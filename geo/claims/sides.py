"""The side a claimant speaks for, and whether it is drawn as a party to the fighting.

Rules, each a function:

- :func:`settle_claimant`: the code a claimant is written with. The actor lexicon gives most sides;
  people on the ground (residents, witnesses, local sources) are ``local-sources``; a generic
  government voice nobody named ("the army", "officials", "a security source") speaks for the
  article's home government; a state whose government is one armed party among several of its own
  country is written with its government code (``data/sides.tsv``).
- :func:`territory_side`: a place in a territory governed by a party other than its state (Karabakh,
  Gaza) stands for that party.
- :func:`home_side`: the government side of the country (or territory) most of the article's places
  lie in.
- :func:`settle_side_types`: per clause, ``belligerent`` only for a side the actor lexicon may make a
  party and that claims violence in the article; international bodies, monitors, NGOs, people on the
  ground and outlets never are.
- :func:`contested_places`: places about which opposing belligerents make claims (third parties and
  media never make a place contested).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from importlib import resources

from ..lang.tables import parse_table
from ..model import Claimant, Clause, EventFacts, Resolved

__all__ = [
    "THIRD_PARTY_KINDS",
    "MEDIA_KINDS",
    "LOCAL_KINDS",
    "GOVERNMENT_KINDS",
    "HOME_VOICES",
    "ACTOR_KINDS",
    "conventions",
    "government_side",
    "territory_side",
    "home_side",
    "settle_claimant",
    "settle_side_types",
    "contested_places",
]

#: Actor kinds that are never a party: international bodies, NGOs, monitors and analysts.
THIRD_PARTY_KINDS = frozenset({"international", "ngo", "monitor", "analysts"})
#: Actor kinds that speak as the press.
MEDIA_KINDS = frozenset({"agency", "outlet", "correspondent"})
#: People on the ground.
LOCAL_KINDS = frozenset({"residents", "witnesses", "local_sources", "medics", "rescuers", "activists"})
#: Voices of a government or an armed party (they may be a party to the fighting).
GOVERNMENT_KINDS = frozenset(
    {
        "government",
        "ministry",
        "military",
        "president",
        "official",
        "spokesperson",
        "police",
        "sources",
        "statement",
        "operator",
    }
)
#: Every kind an actor row may have (a test checks each pack's rows).
ACTOR_KINDS = THIRD_PARTY_KINDS | MEDIA_KINDS | LOCAL_KINDS | GOVERNMENT_KINDS | {"armed_group"}
#: Generic voices that, unnamed, speak for the article's home government.
HOME_VOICES = frozenset(
    {"government", "ministry", "military", "official", "sources", "police", "spokesperson", "operator", "statement"}
)


@cache
def conventions() -> dict[str, dict[str, str]]:
    """The side conventions of ``data/sides.tsv``: kind -> key -> side code."""
    text = resources.files(__package__).joinpath("data", "sides.tsv").read_text("utf-8")
    out: dict[str, dict[str, str]] = {}
    for kind, key, side, *_ in parse_table(text, "claims/data/sides.tsv")[0]:
        out.setdefault(kind, {})[key] = side
    return out


def government_side(code: str | None) -> str | None:
    """The code a state's government is written with: its ISO2 code unless the table says otherwise."""
    if code is None:
        return None
    return conventions().get("government", {}).get(code, code)


def territory_side(place) -> str | None:
    """The party governing the territory a place lies in, if it is not the place's state (a
    :class:`gazetteer.Place`; by its admin-1 code or, for a region, its name)."""
    table = conventions().get("territory", {})
    if place.country_code and place.admin1:
        found = table.get(f"{place.country_code}.{place.admin1}")
        if found:
            return found
    return table.get(place.name)


def _place_side(place) -> str | None:
    return territory_side(place) or government_side(place.country_code or None)


def home_side(places: Sequence[Resolved]) -> str | None:
    """The government side of the country or territory most places lie in, when one clearly dominates
    (twice the runner-up, at least two places): whose army "the army" is when nobody says."""
    counts = Counter(s for r in places if (s := _place_side(r.place)))
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [("", 0)]
    return top if n >= 2 and n >= 2 * rest[0][1] else None


def settle_claimant(c: Claimant, home: str | None, home_country: str | None = None) -> Claimant:
    """The claimant with the side code it is written with (see the module docstring)."""
    if c.kind == "outlet" and c.side == "media":
        return c if c.side_type == "media" else replace(c, side_type="media")
    local = conventions().get("local", {})
    side, side_type = c.side, c.side_type
    if c.kind in LOCAL_KINDS:
        side_type = "third_party"
        if c.kind == "activists" and side in (None, c.kind, local.get(c.kind)):
            country = side if side and len(side) == 2 else home_country
            side = conventions().get("activists", {}).get(country or "", local.get(c.kind, c.kind))
        elif side is None or side == c.kind or (len(side) == 2 and side.isupper()):
            side = local.get(c.kind, side or c.kind)
    elif c.kind in THIRD_PARTY_KINDS:
        side_type = "third_party"
    elif c.kind in MEDIA_KINDS or side == "media":
        side, side_type = "media", "media"
    elif side is None and c.kind in HOME_VOICES and home:
        side = home
    elif side is not None and len(side) == 2 and side.isupper():
        side = government_side(side)
    if (side, side_type) == (c.side, c.side_type):
        return c
    return replace(c, side=side, side_type=side_type)


def settle_side_types(
    clauses: Sequence[Clause],
    facts: Sequence[EventFacts],
    claimants: Sequence[Claimant] | None = None,
    violent: Sequence[bool] | None = None,
) -> tuple[str, ...]:
    """The side type each clause's claim is drawn with (``claimants``: who each claim is drawn with,
    by default the clauses' own; ``violent``: whether each clause is about violence, by default its
    facts' ``conflict``): a side the lexicon may make a party is a belligerent when some clause of
    the article has it claim (or deny) violence, a third party otherwise; media and third parties
    stay what they are."""
    who = list(claimants) if claimants is not None else [c.claimant for c in clauses]
    about = list(violent) if violent is not None else [f.conflict for f in facts]
    fighting = {
        w.side
        for c, w, v in zip(clauses, who, about, strict=True)
        if (c.explicit or w is not c.claimant) and v and w.side and w.side_type == "belligerent"
    }
    out = []
    for w in who:
        t = w.side_type
        if w.side == "media":
            t = "media"
        elif t == "belligerent" and w.side not in fighting:
            t = "third_party"
        out.append(t)
    return tuple(out)


def contested_places(claims: Iterable[tuple[str, str | None, str]]) -> set[str]:
    """Places (any hashable key) claimed by two or more different belligerent sides, from
    ``(place, side, side_type)`` triples."""
    sides: dict[str, set[str]] = {}
    for place, side, side_type in claims:
        if side_type == "belligerent" and side:
            sides.setdefault(place, set()).add(side)
    return {p for p, s in sides.items() if len(s) > 1}
