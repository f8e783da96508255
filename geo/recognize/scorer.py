"""The learned mention scorer: gradient-boosted trees read with numpy, one model per language pack.

``tools/train_mentions.py`` trains the model from public corpora (scikit-learn, in the ``train``
extra) and writes ``mention_model.npz`` into the pack's folder: the trees as flat arrays, the
feature names (:data:`geo.recognize.features.FEATURES`) and the acceptance threshold chosen by
cross-validation. Reading it needs numpy only.

Decisions are explainable: :meth:`MentionModel.explain` splits a candidate's log-odds into one
contribution per feature (the changes of the node values along each tree's path, which add up
exactly to the score), so ``geo extract --explain`` can show which evidence decided a span.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import numpy

from ..lang import Language
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

    @classmethod
    def load(cls, data: bytes) -> MentionModel:
        arrays = numpy.load(io.BytesIO(data), allow_pickle=False)
        meta = json.loads(str(arrays["meta"]))
        return cls(
            tuple(meta["features"]),
            arrays["feature"].astype(numpy.int64),
            arrays["threshold"].astype(numpy.float64),
            arrays["left"].astype(numpy.int64),
            arrays["right"].astype(numpy.int64),
            arrays["value"].astype(numpy.float64),
            arrays["roots"].astype(numpy.int64),
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
        out = io.BytesIO()
        numpy.savez_compressed(
            out,
            feature=self.feature.astype(numpy.int16),
            threshold=self.threshold,
            left=self.left.astype(numpy.int32),
            right=self.right.astype(numpy.int32),
            value=self.value,
            roots=self.roots.astype(numpy.int32),
            meta=numpy.array(json.dumps(meta)),
        )
        return out.getvalue()

    def _leaves(self, x: numpy.ndarray) -> numpy.ndarray:
        """The leaf each row reaches in each tree: an (rows, trees) array of node indices."""
        nodes = numpy.broadcast_to(self.roots, (x.shape[0], self.roots.size)).copy()
        rows = numpy.arange(x.shape[0])[:, None]
        for _ in range(self.depth):
            inner = self.left[nodes] >= 0
            if not inner.any():
                break
            f = numpy.where(inner, self.feature[nodes], 0)
            go_left = x[rows, f] <= self.threshold[nodes]
            nodes = numpy.where(inner, numpy.where(go_left, self.left[nodes], self.right[nodes]), nodes)
        return nodes

    def log_odds(self, x: numpy.ndarray) -> numpy.ndarray:
        """Log-odds that each row (a candidate's features) is a place name."""
        if x.shape[0] == 0:
            return numpy.zeros(0)
        return self.base + self.learning_rate * self.value[self._leaves(x)].sum(axis=1)

    def probability(self, x: numpy.ndarray) -> numpy.ndarray:
        """Probability that each row is a place name."""
        return 1.0 / (1.0 + numpy.exp(-self.log_odds(x)))

    def explain(self, x: numpy.ndarray, top: int = 6) -> list[tuple[str, float]]:
        """The features that moved one row's log-odds most, with their contributions (sum of the
        node value changes along each tree's path), largest first."""
        contributions = numpy.zeros(len(self.features))
        for root in self.roots:
            node = int(root)
            while self.left[node] >= 0:
                f = int(self.feature[node])
                child = int(self.left[node] if x[f] <= self.threshold[node] else self.right[node])
                contributions[f] += self.learning_rate * (self.value[child] - self.value[node])
                node = child
        order = numpy.argsort(-numpy.abs(contributions))[:top]
        return [(self.features[k], round(float(contributions[k]), 3)) for k in order if contributions[k] != 0]


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
