"""What resolution knows of a candidate place: one row of numbers per (mention, candidate).

First the article's own geography, once per document (:func:`scene`): the mentions whose best raw
candidate (similarity + prior) leads clearly are *confident*; their places and countries, with the
countries the text points at otherwise (claimants, nationality adjectives), make the country focus
and the centre (the median of the confident points), and the countries and first-level divisions
they name are the article's areas. Then every candidate of a mention gets :data:`FEATURES`: how well
its name matches and how prominent it is (the gazetteer's similarity, prior and prominence, kind of
match, feature class and code, population, rank in the gazetteer's list, margin to the others), how
well it fits the article (share of the focus its country has, distance to the centre and to the
nearest confident place of another mention, whether an area the article names contains it, whether
the neighbouring name qualifies it: "X, Y"), and what the mention itself is (words, script, the cue
before it, how sure recognition was). Every feature holds for any language and any conflict; none
names a place or a country.

The hand rules (:mod:`.context`) score with :func:`hand_scores`; the learned ranker (:mod:`.ranker`)
reads the rows of :func:`featurize`, which include the hand score.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy

from gazetteer import Match, Place
from gazetteer.geometry import distance_km

from ..model import Mention
from ..options import ResolveOptions

__all__ = ["FEATURES", "Scene", "scene", "featurize", "hand_scores", "raw", "usable_candidates"]

FEATURES = (
    "similarity", "prior", "prominence", "gazetteer_score",
    "kind_exact", "kind_alternate", "kind_abbreviation", "kind_pivot", "kind_similar",
    "code_country", "code_adm1", "code_adm_lower", "code_capital", "code_seat", "code_populated", "code_other",
    "log_population", "log_names",
    "rank", "raw_rank", "n_candidates", "raw_gap_best", "raw_gap_next", "similarity_gap_best",
    "hand_score", "hand_gap_best",
    "focus_share", "focus_top", "log_focus", "focus_gap_best",
    "has_centre", "log_km_centre", "log_km_coherent", "n_confident_log", "contains_share",
    "centre_gap_best", "coherent_gap_best",
    "in_named_country", "in_named_adm1", "qualified", "qualifies",
    "n_words", "n_chars", "latin", "weak", "mention_score", "log_repeats",
    "cue_settlement", "cue_area", "cue_country", "cue_near",
)  # fmt: skip

_INDEX = {name: k for k, name in enumerate(FEATURES)}
_KINDS = ("exact", "alternate", "abbreviation", "pivot", "similar")
_SETTLEMENTS = frozenset({"city", "capital", "town", "village", "camp"})
_AREAS = frozenset({"region", "province", "district"})
#: The longest run of characters between two names read as a qualifier: "X, Y", "X (Y)".
_QUALIFIER_GAP = 3
_FAR_KM = 20_000.0


def raw(m: Match) -> float:
    """The gazetteer's own score of a candidate, out of context: name similarity plus prior."""
    return m.similarity + m.prior


def is_area(place: Place) -> bool:
    """A country, division or region (its point is a centre, not a place on the ground)."""
    return place.feature_class == "A" or place.feature_code in ("RGN", "PCLI")


def _is_country(place: Place) -> bool:
    return place.feature_code.startswith("PCL")


def _is_adm1(place: Place) -> bool:
    return place.feature_code == "ADM1"


def _km(a: Place, b_lat: float, b_lon: float) -> float:
    return distance_km(a.lat, a.lon, b_lat, b_lon)


@dataclass(frozen=True)
class Scene:
    """The article's geography as the confident mentions and the country focus give it."""

    focus: Counter
    total: int
    centre: tuple[float, float] | None
    #: The index of each confident mention (in the mentions given to :func:`scene`) and its place.
    confident: tuple[tuple[int, Place], ...]
    #: Countries (``(cc, "")``) and first-level divisions (``(cc, admin1)``) confidently named, with
    #: the indices of the mentions naming them.
    areas: Mapping[tuple[str, str], frozenset[int]]


def scene(mentions: Sequence[Mention], focus: Mapping[str, int] | None, options: ResolveOptions) -> Scene:
    """The confident places, country focus, centre and named areas of one document."""
    counts = Counter(focus or {})
    confident: list[tuple[int, Place]] = []
    areas: dict[tuple[str, str], set[int]] = {}
    for k, m in enumerate(mentions):
        if m.weak or not m.candidates:
            continue
        ranked = sorted(m.candidates, key=raw, reverse=True)
        margin = raw(ranked[0]) - (raw(ranked[1]) if len(ranked) > 1 else 0.0)
        if margin >= options.confident_margin or len(ranked) == 1:
            top = ranked[0].place
            confident.append((k, top))
            counts[top.country_code] += 1
            if _is_country(top) or _is_adm1(top):
                areas.setdefault((top.country_code, top.admin1 if _is_adm1(top) else ""), set()).add(k)
    points = [p for _, p in confident if not is_area(p)] or [p for _, p in confident]
    centre = (statistics.median(p.lat for p in points), statistics.median(p.lon for p in points)) if points else None
    frozen = {key: frozenset(v) for key, v in areas.items()}
    return Scene(counts, sum(counts.values()) or 1, centre, tuple(confident), frozen)


def usable_candidates(m: Mention, sc: Scene, options: ResolveOptions) -> tuple[Match, ...]:
    """The candidates a mention may resolve to: all, but for a weakly evidenced mention only those
    in a country the article is about and near its centre (none: the mention is dropped)."""
    if not m.weak:
        return m.candidates
    return tuple(
        c
        for c in m.candidates
        if (c.similarity > 1.0 or not m.exact)
        and sc.focus.get(c.place.country_code)
        and (sc.centre is None or _km(c.place, *sc.centre) <= options.weak_radius_km)
    )


def hand_scores(candidates: Sequence[Match], sc: Scene, options: ResolveOptions) -> list[float]:
    """The hand rules' score of each candidate: raw score, plus a share of the country focus, plus
    closeness to the centre."""
    out = []
    for c in candidates:
        s = raw(c) + options.country_weight * sc.focus.get(c.place.country_code, 0) / sc.total
        if sc.centre is not None:
            s += options.near_weight * math.exp(-_km(c.place, *sc.centre) / options.near_scale_km)
        out.append(s)
    return out


def _code_group(place: Place) -> str:
    code = place.feature_code
    if _is_country(place):
        return "code_country"
    if code == "ADM1":
        return "code_adm1"
    if place.feature_class == "A":
        return "code_adm_lower"
    if code == "PPLC":
        return "code_capital"
    if code.startswith("PPLA"):
        return "code_seat"
    if place.feature_class == "P":
        return "code_populated"
    return "code_other"


def _distances(places: Sequence[Place], lat: numpy.ndarray, lon: numpy.ndarray) -> numpy.ndarray:
    """Great-circle km from each place to each point: a (places, points) array."""
    if lat.size == 0:
        return numpy.full((len(places), 0), _FAR_KM)
    p_lat = numpy.radians([p.lat for p in places])[:, None]
    p_lon = numpy.radians([p.lon for p in places])[:, None]
    dlat, dlon = lat[None, :] - p_lat, lon[None, :] - p_lon
    h = numpy.sin(dlat / 2) ** 2 + numpy.cos(p_lat) * numpy.cos(lat[None, :]) * numpy.sin(dlon / 2) ** 2
    return 2 * 6371.0088 * numpy.arcsin(numpy.sqrt(numpy.clip(h, 0.0, 1.0)))


def _contains(area: Place, place: Place) -> bool:
    if area.country_code != place.country_code or area.id == place.id:
        return False
    return _is_country(area) or (_is_adm1(area) and bool(area.admin1) and area.admin1 == place.admin1)


def _qualifying(m: Mention, other: Mention | None, text: str | None, before: bool) -> Mention | None:
    """``other`` when it stands right after (``before``: right before) ``m``, apart from it by a comma or
    a bracket only: "X, Y"."""
    if other is None or other.sentence != m.sentence:
        return None
    lo, hi = (other.end, m.start) if before else (m.end, other.start)
    if not 0 < hi - lo <= _QUALIFIER_GAP:
        return None
    if text is not None and not any(ch in text[lo:hi] for ch in ",،(-"):
        return None
    return other


def featurize(
    mentions: Sequence[Mention],
    index: int,
    candidates: Sequence[Match],
    sc: Scene,
    options: ResolveOptions,
    text: str | None = None,
) -> numpy.ndarray:
    """The rows of :data:`FEATURES` for ``candidates`` of ``mentions[index]`` (float32)."""
    m = mentions[index]
    n = len(candidates)
    x = numpy.zeros((n, len(FEATURES)), dtype=numpy.float32)
    if n == 0:
        return x
    col = _INDEX
    raws = [raw(c) for c in candidates]
    order = sorted(range(n), key=lambda k: -raws[k])
    raw_rank = {k: r for r, k in enumerate(order)}
    best_raw = raws[order[0]]
    best_sim = max(c.similarity for c in candidates)
    hand = hand_scores(candidates, sc, options)
    best_hand = max(hand)
    top_country = sc.focus.most_common(1)[0][0] if sc.focus else None
    others = [(k, p) for k, p in sc.confident if k != index]
    o_lat = numpy.radians([p.lat for _, p in others if not is_area(p)])
    o_lon = numpy.radians([p.lon for _, p in others if not is_area(p)])
    places = [c.place for c in candidates]
    near = _distances(places, o_lat, o_lon).min(axis=1) if o_lat.size else numpy.full(n, _FAR_KM)
    after = _qualifying(m, mentions[index + 1] if index + 1 < len(mentions) else None, text, before=False)
    before = _qualifying(m, mentions[index - 1] if index > 0 else None, text, before=True)
    repeats = sum(1 for o in mentions if o.text == m.text)
    latin = any("a" <= ch.lower() <= "z" for ch in m.text)
    cue = m.cue.feature if m.cue is not None else None
    for k, c in enumerate(candidates):
        p = c.place
        row = x[k]
        row[col["similarity"]] = c.similarity
        row[col["prior"]] = c.prior
        row[col["prominence"]] = c.prominence
        row[col["gazetteer_score"]] = c.score
        if c.kind in _KINDS:
            row[col["kind_" + c.kind]] = 1.0
        row[col[_code_group(p)]] = 1.0
        row[col["log_population"]] = math.log10(1 + max(p.population, 0))
        row[col["log_names"]] = math.log1p(p.n_names)
        row[col["rank"]] = k
        row[col["raw_rank"]] = raw_rank[k]
        row[col["n_candidates"]] = n
        row[col["raw_gap_best"]] = raws[k] - best_raw
        rest = [raws[j] for j in range(n) if j != k]
        row[col["raw_gap_next"]] = raws[k] - max(rest) if rest else 1.0
        row[col["similarity_gap_best"]] = c.similarity - best_sim
        row[col["hand_score"]] = hand[k]
        row[col["hand_gap_best"]] = hand[k] - best_hand
        share = sc.focus.get(p.country_code, 0)
        row[col["focus_share"]] = share / sc.total
        row[col["focus_top"]] = float(p.country_code == top_country and share > 0)
        row[col["log_focus"]] = math.log1p(share)
        if sc.centre is not None:
            row[col["has_centre"]] = 1.0
            row[col["log_km_centre"]] = math.log1p(_km(p, *sc.centre))
        else:
            row[col["log_km_centre"]] = math.log1p(_FAR_KM)
        row[col["log_km_coherent"]] = math.log1p(float(near[k]))
        row[col["n_confident_log"]] = math.log1p(len(others))
        if is_area(p) and others:
            row[col["contains_share"]] = sum(_contains(p, o) for _, o in others) / len(others)
        row[col["in_named_country"]] = float(bool(sc.areas.get((p.country_code, ""), frozenset()) - {index}))
        if p.admin1:
            row[col["in_named_adm1"]] = float(bool(sc.areas.get((p.country_code, p.admin1), frozenset()) - {index}))
        if after is not None:
            row[col["qualified"]] = float(any(_contains(a.place, p) for a in after.candidates if a.similarity > 1.0))
        if before is not None:
            row[col["qualifies"]] = float(any(_contains(p, b.place) for b in before.candidates))
        row[col["n_words"]] = len(m.text.split())
        row[col["n_chars"]] = len(m.text)
        row[col["latin"]] = float(latin)
        row[col["weak"]] = float(m.weak)
        row[col["mention_score"]] = m.score if m.score is not None else 1.0
        row[col["log_repeats"]] = math.log(repeats) if repeats else 0.0
        row[col["cue_settlement"]] = float(cue in _SETTLEMENTS)
        row[col["cue_area"]] = float(cue in _AREAS)
        row[col["cue_country"]] = float(cue == "country")
        row[col["cue_near"]] = float(m.cue is not None and m.cue.kind in ("near", "direction", "vicinity"))
    # the same evidence relative to the mention's other candidates (the trees see one row at a time)
    relative = (
        ("focus_gap_best", "focus_share", numpy.max),
        ("centre_gap_best", "log_km_centre", numpy.min),
        ("coherent_gap_best", "log_km_coherent", numpy.min),
    )
    for name, of, best in relative:
        x[:, col[name]] = x[:, col[of]] - best(x[:, col[of]])
    return x
