"""Coarse retrieval keys and the weighted phonetic distance between two romanised names.

Both work on the phonetic forms made by :func:`gazetteer.translit.phonetic`. The coarse key keeps
only consonant *classes* (all the letters Arabic uses for g fall in one class, vowels and
semivowels vanish), so spellings of one name from different scripts share a key or differ in
one symbol. The distance then tells close from far: vowel gaps are cheap (nearly free against an
abjad, which leaves short vowels unwritten), substitutions within a family of sounds cost a
fraction, anything else costs one. Costs and classes live in ``data/phonetic_costs.tsv``.

Examples
--------
>>> from gazetteer.translit import phonetic
>>> coarse_key(phonetic("زنغلان")) == coarse_key(phonetic("Zangilan"))
True
>>> round(similarity(phonetic("غنجة"), phonetic("Ganja"), abjad=True), 2) > 0.8
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from .translit import _collapse

__all__ = ["coarse_key", "key_variants", "similarity", "Costs"]


@dataclass(frozen=True)
class Costs:
    """The cost model, as read from ``data/phonetic_costs.tsv``."""

    sub: dict[tuple[str, str], float] = field(default_factory=dict)
    indel: dict[str, float] = field(default_factory=dict)
    after: dict[tuple[str, str], float] = field(default_factory=dict)
    abjad: dict[str, float] = field(default_factory=dict)
    classes: dict[str, str] = field(default_factory=dict)
    weight: dict[str, float] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Costs:
        text = resources.files("gazetteer").joinpath("data/phonetic_costs.tsv").read_text("utf-8")
        costs = cls()
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            kind, *rest = line.split("\t")
            if kind == "sub":
                x, y, c = rest
                costs.sub[(x, y)] = costs.sub[(y, x)] = float(c)
            elif kind == "indel":
                costs.indel[rest[0]] = float(rest[1])
            elif kind == "after":
                costs.after[(rest[0], rest[1])] = float(rest[2])
            elif kind == "abjad":
                costs.abjad[rest[0]] = float(rest[1])
            elif kind == "class":
                costs.classes[rest[0]] = rest[1]
            elif kind == "weight":
                costs.weight[rest[0]] = float(rest[1])
            else:  # pragma: no cover - guards the packaged data file
                raise ValueError(f"phonetic_costs.tsv line {number}: unknown row kind {kind!r}")
        return costs


@lru_cache(maxsize=1)
def _costs() -> Costs:
    return Costs.load()


def coarse_key(pf: str) -> str:
    """Reduce a phonetic form to its consonant-class skeleton (other symbols dropped, repeats merged)."""
    classes = _costs().classes
    out: list[str] = []
    for ch in pf:
        cls = classes.get(ch)
        if cls and (not out or out[-1] != cls):
            out.append(cls)
    return "".join(out)


@lru_cache(maxsize=1)
def _key_alphabet() -> str:
    return "".join(sorted(set(_costs().classes.values())))


def key_variants(key: str) -> set[str]:
    """The keys to retrieve candidates by: ``key`` and its neighbours, by length.

    Keys of up to three symbols match too much when edited and are used as they are; longer
    keys get every single insertion, deletion or substitution.
    """
    out = {key}
    n = len(key)
    if n <= 3:
        return out
    alphabet = _key_alphabet()
    if n >= 4:
        for i in range(n):
            for ch in alphabet:
                out.add(key[:i] + ch + key[i + 1 :])
        for i in range(n):
            out.add(key[:i] + key[i + 1 :])
        for i in range(n + 1):
            for ch in alphabet:
                out.add(key[:i] + ch + key[i:])
    return {_collapse(k) for k in out if k}


@cache
def _sub_row(ch: str) -> dict[str, float]:
    """Cost of substituting ``ch`` by each symbol (0 for itself; unlisted symbols cost 1)."""
    row = {y: c for (x, y), c in _costs().sub.items() if x == ch}
    row[ch] = 0.0
    return row


@lru_cache(maxsize=131072)
def _indel_costs(pf: str, abjad_side: bool) -> tuple[tuple[float, ...], float]:
    """Per-symbol insertion/deletion costs of a form, and its weighted length."""
    costs = _costs()
    out = []
    prev = ""
    for ch in pf:
        c = costs.indel.get(ch, 1.0)
        if (prev, ch) in costs.after:
            c = min(c, costs.after[(prev, ch)])
        if abjad_side and ch in costs.abjad:
            c = min(c, costs.abjad[ch])
        out.append(c)
        prev = ch
    weight = costs.weight
    length = sum(min(weight.get(ch, 1.0), c) for ch, c in zip(pf, out, strict=True))
    return tuple(out), length


def distance(query: str, candidate: str, *, abjad: bool = False) -> float:
    """Weighted edit distance from ``query`` to ``candidate`` (phonetic forms).

    With ``abjad`` the query was written in Arabic or Hebrew script, so vowels the candidate has
    and the query lacks cost almost nothing.
    """
    return _distance(query, candidate, abjad)[0]


def similarity(query: str, candidate: str, *, abjad: bool = False, floor: float = 0.0) -> float:
    """Similarity in [0, 1]: one minus the distance over the longer name's weighted length.

    Below ``floor`` the exact value does not matter and 0 may be returned early.
    """
    if not query or not candidate:
        return 0.0
    dist, norm = _distance(query, candidate, abjad, floor)
    return max(0.0, 1.0 - dist / norm) if norm else 0.0


def _distance(query: str, candidate: str, abjad: bool, floor: float = 0.0) -> tuple[float, float]:
    dels, qlen = _indel_costs(query, False)
    ins, clen = _indel_costs(candidate, abjad)
    norm = max(qlen, clen)
    limit = (1.0 - floor) * norm if floor > 0 else float("inf")
    prev = [0.0]
    total = 0.0
    for c in ins:
        total += c
        prev.append(total)
    n = len(candidate)
    for i, qc in enumerate(query):
        row = _sub_row(qc)
        d = dels[i]
        left = prev[0] + d
        cur = [left]
        for j in range(n):
            s = prev[j] + row.get(candidate[j], 1.0)
            a = prev[j + 1] + d
            if a < s:
                s = a
            b = left + ins[j]
            if b < s:
                s = b
            cur.append(s)
            left = s
        if min(cur) > limit:
            return float("inf"), norm
        prev = cur
    return prev[-1], norm
