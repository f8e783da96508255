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

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from .translit import _collapse

__all__ = ["coarse_key", "key_variants", "similarity", "similarities", "distance", "backend", "Costs"]


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
    keys get every single insertion, deletion or substitution (doubled symbols merged, as in
    :func:`coarse_key`).
    """
    n = len(key)
    if n <= 3:
        return {key}
    alphabet = _key_alphabet()
    if _collapse(key) != key:  # not a coarse key: every variant may need merging anywhere
        out = {key}
        for i in range(n):
            out.update(key[:i] + ch + key[i + 1 :] for ch in alphabet)
            out.add(key[:i] + key[i + 1 :])
        for i in range(n + 1):
            out.update(key[:i] + ch + key[i:] for ch in alphabet)
        return {_collapse(k) for k in out if k}
    # A coarse key has no doubled symbols, so an edit can only double the symbols beside it, and
    # merging those gives the variant in closed form (the same set as merging every variant):
    # a symbol put in or beside its twin merges with it; a deletion joins its two neighbours.
    out = {key}
    for i in range(n):
        head, tail = key[:i], key[i + 1 :]
        before, after = key[i - 1] if i else "", tail[:1]
        joined = head + tail[1:] if before and before == after else head + tail
        out.add(joined)  # deletion, or substitution by a neighbour's symbol
        out.update(head + ch + tail for ch in alphabet if ch != before and ch != after)
    for i in range(n + 1):
        head, tail = key[:i], key[i:]
        before, after = key[i - 1] if i else "", tail[:1]
        out.update(head + ch + tail for ch in alphabet if ch != before and ch != after)
    out.discard("")
    return out


@cache
def _sub_row(ch: str) -> dict[str, float]:
    """Cost of substituting ``ch`` by each symbol (0 for itself; unlisted symbols cost 1)."""
    row = {y: c for (x, y), c in _costs().sub.items() if x == ch}
    row[ch] = 0.0
    return row


@lru_cache(maxsize=131072)
def _indel_costs(pf: str, abjad_side: bool) -> tuple[tuple[float, ...], float]:
    """Per-symbol insertion/deletion costs of a form, and its weighted length.

    The length is added up from left to right (as the compiled code does, whatever ``sum`` does
    on this version of Python).
    """
    costs = _costs()
    out = []
    prev = ""
    length = 0.0
    weight = costs.weight
    for ch in pf:
        c = costs.indel.get(ch, 1.0)
        if (prev, ch) in costs.after:
            c = min(c, costs.after[(prev, ch)])
        if abjad_side and ch in costs.abjad:
            c = min(c, costs.abjad[ch])
        out.append(c)
        length += min(weight.get(ch, 1.0), c)
        prev = ch
    return tuple(out), length


def distance(query: str, candidate: str, *, abjad: bool = False) -> float:
    """Weighted edit distance from ``query`` to ``candidate`` (phonetic forms).

    With ``abjad`` the query was written in Arabic or Hebrew script, so vowels the candidate has
    and the query lacks cost almost nothing.
    """
    table = _c_table()
    if table is not None:
        return table.distance(query, candidate, abjad, 0.0)[0]
    return _distance(query, candidate, abjad)[0]


def similarity(query: str, candidate: str, *, abjad: bool = False, floor: float = 0.0) -> float:
    """Similarity in [0, 1]: one minus the distance over the longer name's weighted length.

    Below ``floor`` the exact value does not matter and 0 may be returned early.
    """
    if not query or not candidate:
        return 0.0
    table = _c_table()
    if table is not None:
        return table.similarities(query, (candidate,), abjad, floor)[0]
    dist, norm = _distance(query, candidate, abjad, floor)
    return max(0.0, 1.0 - dist / norm) if norm else 0.0


def similarities(query: str, candidates: Sequence[str], *, abjad: bool = False, floor: float = 0.0) -> list[float]:
    """:func:`similarity` of ``query`` to each of ``candidates``, in order: one call for a whole bucket."""
    table = _c_table()
    if table is not None:
        return table.similarities(query, candidates, abjad, floor)
    return [similarity(query, c, abjad=abjad, floor=floor) for c in candidates]


def backend() -> str:
    """Which implementation of the distance runs: ``"c"`` (compiled) or ``"python"``."""
    return "c" if _c_table() is not None else "python"


@lru_cache(maxsize=1)
def _c_table():
    """The compiled distance (``_gazetteer_distance``, built with the package where a C compiler is
    found) loaded with the cost model, or ``None``: the Python code below is then used.

    Both do the same floating-point operations in the same order, so they give the same doubles
    (``tests/gazetteer/test_distance.py`` checks it against the original Python code); the
    compiled one is about a hundred times faster. ``GAZETTEER_PURE_PYTHON=1`` forces the Python code.
    """
    if os.environ.get("GAZETTEER_PURE_PYTHON"):
        return None
    try:
        from _gazetteer_distance import Table
    except ImportError:
        return None
    costs = _costs()
    # Entries of more than one character never match a symbol of a form (in Python neither).
    pairs = [p for p in (*costs.sub, *costs.after) if len(p[0]) == 1 and len(p[1]) == 1]
    singles = [ch for ch in (*costs.indel, *costs.abjad, *costs.weight) if len(ch) == 1]
    symbols = sorted({ch for pair in pairs for ch in pair} | set(singles))
    sub = [0.0 if x == y else costs.sub.get((x, y), 1.0) for x in symbols for y in symbols]
    after = [costs.after.get((x, y)) for x in symbols for y in symbols]
    return Table(
        "".join(symbols),
        sub,
        [costs.indel.get(ch, 1.0) for ch in symbols],
        after,
        [costs.abjad.get(ch) for ch in symbols],
        [costs.weight.get(ch, 1.0) for ch in symbols],
    )


_INF = float("inf")


def _distance(query: str, candidate: str, abjad: bool, floor: float = 0.0) -> tuple[float, float]:
    """The distance (inf once it must exceed ``(1 - floor) * norm``) and the norm of similarity, in Python."""
    dels, qlen = _indel_costs(query, False)
    ins, clen = _indel_costs(candidate, abjad)
    norm = max(qlen, clen)
    limit = (1.0 - floor) * norm if floor > 0 else _INF
    return _dp_py(query, candidate, dels, ins, limit), norm


def _dp_py(query: str, candidate: str, dels: tuple[float, ...], ins: tuple[float, ...], limit: float) -> float:
    """The dynamic programme: the fallback, and the definition the compiled code follows step by step."""
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
            return _INF
        prev = cur
    return prev[-1]
