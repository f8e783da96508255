"""The learned mention scorer: gradient-boosted trees read with numpy, one model per language pack.

``tools/train_mentions.py`` trains the model from public corpora (scikit-learn, in the ``train``
extra) and writes ``mention_model.npz`` into the pack's folder: the trees as flat arrays, the
feature names (:data:`geo.recognize.features.FEATURES`) and the acceptance threshold chosen by
cross-validation. Reading it needs numpy only (the tree arrays are :class:`geo.trees.Trees`).

Decisions are explainable: :meth:`MentionModel.explain` splits a candidate's log-odds into one
contribution per feature (the changes of the node values along each tree's path, which add up
exactly to the score), so ``geo extract --explain`` can show which evidence decided a span.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy

from ..lang import Language
from ..trees import Trees, pack, unpack
from .features import FEATURES

__all__ = ["MentionModel", "model_of", "MODEL_FILE"]

MODEL_FILE = "mention_model.npz"


@dataclass(frozen=True)
class MentionModel:
    """Trees as flat arrays: node ``k`` splits on ``feature[k]`` at ``threshold[k]`` (left when
    ``x <= threshold``) unless ``left[k] < 0`` (a leaf); ``value[k]`` is the node's output (leaves)
    or the sample-weighted mean of its leaves (inner nodes); ``roots`` index each tree's root."""

    features: tuple[str, ...]
    feature: numpy.ndarray
    threshold: numpy.ndarray
    left: numpy.ndarray
    right: numpy.ndarray
    value: numpy.ndarray
    roots: numpy.ndarray
    base: float
    learning_rate: float
    accept: float
    depth: int
    info: dict

    trees: Trees = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        arrays = (self.feature, self.threshold, self.left, self.right, self.value, self.roots)
        trees = Trees(self.features, *arrays, self.base, self.learning_rate, self.depth)
        object.__setattr__(self, "trees", trees)

    @classmethod
    def load(cls, data: bytes) -> MentionModel:
        arrays, meta = unpack(data)
        return cls(
            tuple(meta["features"]),
            arrays["feature"],
            arrays["threshold"],
            arrays["left"],
            arrays["right"],
            arrays["value"],
            arrays["roots"],
            float(meta["base"]),
            float(meta["learning_rate"]),
            float(meta["accept"]),
            int(meta["depth"]),
            meta.get("info", {}),
        )

    def save(self) -> bytes:
        """The model as the bytes of an ``.npz`` file."""
        meta = {
            "features": list(self.features),
            "base": self.base,
            "learning_rate": self.learning_rate,
            "accept": self.accept,
            "depth": self.depth,
            "info": self.info,
        }
        return pack(self.trees.arrays(), meta)

    def log_odds(self, x: numpy.ndarray) -> numpy.ndarray:
        """Log-odds that each row (a candidate's features) is a place name."""
        return self.trees.log_odds(x)

    def probability(self, x: numpy.ndarray) -> numpy.ndarray:
        """Probability that each row is a place name."""
        return self.trees.probability(x)

    def explain(self, x: numpy.ndarray, top: int = 6) -> list[tuple[str, float]]:
        """The features that moved one row's log-odds most, with their contributions (sum of the
        node value changes along each tree's path), largest first."""
        return self.trees.explain(x, top)


def model_of(language: Language) -> MentionModel | None:
    """The language pack's mention model (loaded once), or ``None`` when the pack ships none or it
    was trained with other features than this version computes."""
    return language.derived("mention_model", lambda: _load(language))


def _load(language: Language) -> MentionModel | None:
    path = language.directory.joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    model = MentionModel.load(path.read_bytes())
    return model if model.features == FEATURES else None
