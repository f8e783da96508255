"""Ranked candidates of :class:`gazetteer.Gazetteer`: the seat demotion and the bound on priors.

A search ranks up to ``SearchOptions.ranked`` candidates by similarity plus prior plus biases. A
candidate's prior (:mod:`gazetteer.prominence`, the script, the source and the ``country`` /
``near`` / qualifier biases) is bounded, so a candidate matched by sound whose similarity plus the
largest prior it could get stays below the keys of ``limit`` candidates already ranked cannot be
among the ``limit`` returned: :func:`prior_bound` gives that largest prior, and search skips such
candidates without reading their places (the result is the same).
"""

from __future__ import annotations

from .options import SearchOptions
from .prominence import FEATURE_WEIGHT, NAMES_WEIGHT, POPULATION_WEIGHT, _ranks

__all__ = ["Scored", "prior_bound", "seats_of", "below_seats", "within"]

#: A ranked candidate: ``[key, -population, place id, row, similarity, name matched, kind, prior,
#: prominence, key before any demotion]`` (a list: the demotion lowers its key in place).
Scored = list

_SLACK = 1e-9  # far above the rounding of a few float additions, far below any difference that matters


def _max_prominence() -> float:
    """The largest prominence any place may have (see :func:`gazetteer.prominence.prominence`)."""
    rank = max((r for r in _ranks().values()), default=0.0)
    return max(0.0, FEATURE_WEIGHT * max(rank, 0.0)) + max(0.0, POPULATION_WEIGHT) + max(0.0, NAMES_WEIGHT)


def prior_bound(
    opts: SearchOptions, script: str, *, countries: bool, near: bool, inside: bool, supplement: bool
) -> float | None:
    """The largest prior plus biases a candidate matched by sound (similarity <= 1) may get, or
    ``None`` when options are such that no bound holds (a negative weight, say).

    ``supplement``: for a place from a supplement (which gets ``supplement_bonus``).
    """
    share = opts.prominence_weight * opts.fuzzy_prominence_share
    if share < 0 or opts.near_scale_km <= 0:
        return None
    prior = share * _max_prominence()
    prior += max(0.0, opts.supplement_bonus) if supplement else max(0.0, -opts.fuzzy_official_penalty)
    if script != "latin":
        prior += max(0.0, opts.script_bonus)
    if countries:
        prior += max(0.0, opts.country_bonus)
    if near:
        prior += max(0.0, opts.near_bonus)
    if inside:
        prior += max(0.0, opts.qualifier_bonus)
    return prior + _SLACK


def seats_of(scored: list[Scored]) -> dict[tuple[str, str], tuple[float, int]]:
    """``{(country, admin1): (key, population)}`` of the best town matched exactly in each division."""
    seats: dict[tuple[str, str], tuple[float, int]] = {}
    for t in scored:
        key, p, sim = t[0], t[3], t[4]
        if p.feature_class == "P" and sim > 1.0 and p.admin1:
            k = (p.country_code, p.admin1)
            seats[k] = max(seats.get(k, (key, p.population)), (key, p.population))
    return seats


def below_seats(scored: list[Scored], seats: dict[tuple[str, str], tuple[float, int]], share: float) -> None:
    """Put a division that is little more than its seat town just below the town (in place).

    A rayon with its town's name and at most ``1 / share`` more people (Zəngilan, Qubadlı) is not
    what the name means: the town is. Seats are towns of the division matched exactly
    (:func:`seats_of`). The demoted key replaces the first; the match made of it lowers the score
    and the prior by as much, so callers ranking by similarity + prior agree.
    """
    if not seats:
        return
    for t in scored:
        key, p = t[0], t[3]
        seat = seats.get((p.country_code, p.admin1)) if p.feature_code == "ADM1" else None
        if seat is not None and seat[1] * share >= p.population and key >= seat[0]:
            t[0] = seat[0] - 0.001


def within(place, areas: set[tuple[str, str]]) -> bool:
    """Whether ``place`` (a Place or a PlaceRow) lies in one of ``areas`` (``(country, admin1 or "")``)."""
    return (place.country_code, "") in areas or (place.country_code, place.admin1) in areas
