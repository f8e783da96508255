"""Decide which place each mention means, using the article's other places.

The article's geography comes first (:func:`geo.resolve.features.scene`): the confidently resolved
places, the country focus (their countries, the claimants', the nationality adjectives') and the
centre (the median of the confident points). Then each mention's candidates are ranked either
- by the learned ranker (:mod:`.ranker`, ``ResolveOptions.learned``) over the candidate features of
  :mod:`.features`, or
- by the hand rules: similarity + prior, plus a share of the article's country focus, plus closeness
  to the article's centre.
Martuni in an article about Zangilan, Qubadli and Karabakh is the Martuni of Karabakh (GeoNames
Khojavend), not the town in Armenia. A thin lead over the best candidate elsewhere marks the
mention ``needs_review`` and keeps the runners-up.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from gazetteer.geometry import distance_km

from ..model import Mention, Resolved
from ..options import ResolveOptions
from .features import featurize, hand_scores, scene, usable_candidates
from .ranker import Ranker, shipped_ranker

__all__ = ["resolve"]


def resolve(
    mentions: Sequence[Mention],
    *,
    focus: Mapping[str, int] | None = None,
    options: ResolveOptions | None = None,
    text: str | None = None,
) -> list[Resolved]:
    """Choose a place for every mention that has candidates (others are dropped). ``text`` is the
    document the mentions' offsets point into (it tells "X, Y" from "X Y"); without it, names one
    or two characters apart are read as qualified."""
    options = options or ResolveOptions()
    sc = scene(mentions, focus, options)
    ranker = _ranker(options)
    out = []
    for k, m in enumerate(mentions):
        candidates = usable_candidates(m, sc, options) if m.candidates else ()
        if not candidates:
            continue
        if ranker is not None:
            log_odds = [float(v) for v in ranker.scores(featurize(mentions, k, candidates, sc, options, text))]
            review_margin = ranker.review_margin
        else:
            log_odds = hand_scores(candidates, sc, options)
            review_margin = options.review_margin
        scored = sorted(zip(log_odds, candidates, strict=True), key=lambda t: -t[0])
        best_score, best = scored[0]
        rivals = [
            (s, c)
            for s, c in scored[1:]
            if distance_km(c.place.lat, c.place.lon, best.place.lat, best.place.lon) > options.same_place_km
        ]
        review = bool(rivals) and best_score - rivals[0][0] < review_margin
        alternatives = tuple(c for _, c in rivals[:2])
        score = 1.0 / (1.0 + math.exp(-best_score)) if ranker is not None else best_score
        out.append(Resolved(m, best.place, score, alternatives, review))
    return out


def _ranker(options: ResolveOptions) -> Ranker | None:
    if not options.learned:
        return None
    if isinstance(options.model, Ranker):
        return options.model
    return shipped_ranker()
