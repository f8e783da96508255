"""Gradient-boosted trees as flat numpy arrays: the runtime of the learned models of the stages.

Recognition (:mod:`geo.recognize.scorer`) and resolution (:mod:`geo.resolve.ranker`) each ship a
model trained with scikit-learn (the ``train`` extra, ``tools/train_*.py``) and written as an
``.npz`` file; reading and scoring it needs numpy only. This module holds what both share: the
arrays, walking them, the ``.npz`` form, and the split of a score into one contribution per
feature (the changes of the node values along each tree's path, which add up exactly to the score).
It imports no stage, so both stages may import it.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import numpy

__all__ = ["Trees", "pack", "unpack", "from_boosting"]

_ARRAYS = ("feature", "threshold", "left", "right", "value", "roots")


@dataclass(frozen=True)
class Trees:
    """Node ``k`` splits on ``feature[k]`` at ``threshold[k]`` (left when ``x <= threshold``) unless
    ``left[k] < 0`` (a leaf); ``value[k]`` is the node's output (leaves) or the sample-weighted mean
    of its leaves (inner nodes); ``roots`` index each tree's root. A row's log-odds is ``base +
    learning_rate * sum of its leaves' values``; ``depth`` bounds the walk."""

    features: tuple[str, ...]
    feature: numpy.ndarray
    threshold: numpy.ndarray
    left: numpy.ndarray
    right: numpy.ndarray
    value: numpy.ndarray
    roots: numpy.ndarray
    base: float
    learning_rate: float
    depth: int

    def leaves(self, x: numpy.ndarray) -> numpy.ndarray:
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
        """The log-odds of every row of ``x`` (rows of features in the order of ``features``)."""
        if x.shape[0] == 0:
            return numpy.zeros(0)
        return self.base + self.learning_rate * self.value[self.leaves(x)].sum(axis=1)

    def probability(self, x: numpy.ndarray) -> numpy.ndarray:
        """The probability of every row."""
        return 1.0 / (1.0 + numpy.exp(-self.log_odds(x)))

    def contributions(self, row: numpy.ndarray) -> numpy.ndarray:
        """How much each feature moved one row's log-odds away from ``base`` (they sum to it)."""
        out = numpy.zeros(len(self.features))
        for root in self.roots:
            node = int(root)
            while self.left[node] >= 0:
                f = int(self.feature[node])
                child = int(self.left[node] if row[f] <= self.threshold[node] else self.right[node])
                out[f] += self.learning_rate * (self.value[child] - self.value[node])
                node = child
        return out

    def explain(self, row: numpy.ndarray, top: int = 6) -> list[tuple[str, float]]:
        """The features that moved one row's log-odds most, with their contributions, largest first."""
        contributions = self.contributions(row)
        order = numpy.argsort(-numpy.abs(contributions))[:top]
        return [(self.features[k], round(float(contributions[k]), 3)) for k in order if contributions[k] != 0]

    def arrays(self) -> dict[str, numpy.ndarray]:
        """The six node arrays by name (for :func:`pack`)."""
        return {name: getattr(self, name) for name in _ARRAYS}


def pack(arrays: dict[str, numpy.ndarray], meta: dict) -> bytes:
    """Node arrays and a JSON-able ``meta`` as the bytes of a compressed ``.npz`` file."""
    out = io.BytesIO()
    numpy.savez_compressed(
        out,
        feature=arrays["feature"].astype(numpy.int16),
        threshold=arrays["threshold"].astype(numpy.float64),
        left=arrays["left"].astype(numpy.int32),
        right=arrays["right"].astype(numpy.int32),
        value=arrays["value"].astype(numpy.float64),
        roots=arrays["roots"].astype(numpy.int32),
        meta=numpy.array(json.dumps(meta)),
    )
    return out.getvalue()


def unpack(data: bytes) -> tuple[dict[str, numpy.ndarray], dict]:
    """The node arrays (as int64 / float64) and the meta of :func:`pack`'s bytes (no pickles)."""
    loaded = numpy.load(io.BytesIO(data), allow_pickle=False)
    ints = ("feature", "left", "right", "roots")
    arrays = {k: loaded[k].astype(numpy.int64 if k in ints else numpy.float64) for k in _ARRAYS}
    return arrays, json.loads(str(loaded["meta"]))


def from_boosting(clf, features: tuple[str, ...]) -> Trees:
    """A fitted binary scikit-learn ``GradientBoostingClassifier`` as :class:`Trees` (used by the
    training tools; reads the estimator's attributes, imports nothing of scikit-learn)."""
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    for est in clf.estimators_[:, 0]:
        t = est.tree_
        offset = len(feature)
        roots.append(offset)
        vals = t.value[:, 0, 0].astype(float).copy()
        weights = t.weighted_n_node_samples.astype(float)
        for node in range(t.node_count - 1, -1, -1):  # inner nodes: the weighted mean of their children
            if t.children_left[node] >= 0:
                a, b = t.children_left[node], t.children_right[node]
                vals[node] = (vals[a] * weights[a] + vals[b] * weights[b]) / (weights[a] + weights[b])
        for node in range(t.node_count):
            inner = t.children_left[node] >= 0
            feature.append(int(t.feature[node]) if inner else 0)
            threshold.append(float(t.threshold[node]) if inner else 0.0)
            left.append(offset + int(t.children_left[node]) if inner else -1)
            right.append(offset + int(t.children_right[node]) if inner else -1)
            value.append(vals[node])
    prior = float(clf.init_.class_prior_[1])
    return Trees(
        tuple(features),
        numpy.array(feature, dtype=numpy.int64),
        numpy.array(threshold, dtype=numpy.float64),
        numpy.array(left, dtype=numpy.int64),
        numpy.array(right, dtype=numpy.int64),
        numpy.array(value, dtype=numpy.float64),
        numpy.array(roots, dtype=numpy.int64),
        float(numpy.log(prior / (1 - prior))),
        float(clf.learning_rate),
        int(clf.max_depth) + 1,
    )
