"""The learned ranker of resolution: gradient-boosted trees over :data:`geo.resolve.features.FEATURES`.

``tools/train_resolve.py`` trains it (scikit-learn, the ``train`` extra) on the public corpora with
coordinates and the annotated dev articles: a candidate is right when it lies within 161 km of the
gold point (or is the gold country). The model gives each candidate of a mention a log-odds of
being right; the mention resolves to the highest, and the lead over the best candidate elsewhere
(the runner-up) says whether a person should check (``review_margin``, chosen by cross-validation
and stored with the trees). The file is ``geo/resolve/data/resolve_model.npz``, read with numpy
only (:mod:`geo.trees`); one model for every language (the features are the same in each).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy

from ..trees import Trees, pack, unpack
from .features import FEATURES

__all__ = ["Ranker", "shipped_ranker", "MODEL_FILE"]

MODEL_FILE = "resolve_model.npz"


@dataclass(frozen=True)
class Ranker:
    """Trees that score candidates, and the lead in log-odds below which a mention needs review."""

    trees: Trees
    review_margin: float
    info: dict

    @classmethod
    def load(cls, data: bytes) -> Ranker:
        arrays, meta = unpack(data)
        trees = Trees(
            tuple(meta["features"]),
            arrays["feature"],
            arrays["threshold"],
            arrays["left"],
            arrays["right"],
            arrays["value"],
            arrays["roots"],
            float(meta["base"]),
            float(meta["learning_rate"]),
            int(meta["depth"]),
        )
        return cls(trees, float(meta["review_margin"]), meta.get("info", {}))

    def save(self) -> bytes:
        """The ranker as the bytes of an ``.npz`` file."""
        t = self.trees
        meta = {
            "features": list(t.features),
            "base": t.base,
            "learning_rate": t.learning_rate,
            "depth": t.depth,
            "review_margin": self.review_margin,
            "info": self.info,
        }
        return pack(t.arrays(), meta)

    def scores(self, x: numpy.ndarray) -> numpy.ndarray:
        """The log-odds that each candidate (a row of features) is the place meant."""
        return self.trees.log_odds(x)


@lru_cache(maxsize=1)
def shipped_ranker() -> Ranker | None:
    """The shipped ranker (loaded once), or ``None`` when there is none or it was trained with other
    features than this version computes (then the hand rules decide)."""
    path = resources.files("geo.resolve").joinpath("data", MODEL_FILE)
    if not path.is_file():
        return None
    ranker = Ranker.load(path.read_bytes())
    return ranker if ranker.trees.features == FEATURES else None
