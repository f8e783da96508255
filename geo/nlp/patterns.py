"""The pattern language of the lexicon files and the tries patterns are compiled into.

See :mod:`geo.nlp.lexicon` for the syntax. A trie is nested dicts keyed by pattern elements: words
(folded), ``=word``, ``^word`` and slots. A node's ``END`` key holds the (file order, payload) of the
patterns complete there.

>>> expand("(وزارة|وزير) الدفاع [@X]", {"@X": ["الأرمينية"]})
[('وزاره', 'الدفاع'), ('وزاره', 'الدفاع', 'الارمينيه'), ('وزير', 'الدفاع'), ('وزير', 'الدفاع', 'الارمينيه')]
"""

from __future__ import annotations

import re
from typing import NamedTuple

from gazetteer import fold

from .words import split_words

__all__ = [
    "END",
    "NodeView",
    "add",
    "add_pattern",
    "alternatives",
    "expand",
    "node_view",
    "special_keys",
    "split_words",
]

_SLOTS = ("{demonym}", "{country}", "{actor}", "*", "~")
_PART = re.compile(r"\[[^\]]*\]|\([^)]*\)|\S+")
# Trie keys that are never words: the (file order, payload) of the patterns complete at a node; the
# node's keys that are not plain words (=word, ^word, slots), noted when first walked (see special_keys).
END, _SPECIAL, _VIEW = "", "\t", "\n"


def expand(pattern: str, macros: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """Every plain element sequence a pattern stands for (alternatives, options, macros expanded)."""
    seqs: list[tuple[str, ...]] = [()]
    for options in alternatives(pattern, macros):
        seqs = [s + o for s in seqs for o in options]
    return seqs


def alternatives(pattern: str, macros: dict[str, list[str]]) -> list[list[tuple[str, ...]]]:
    """The element sequences each part of a pattern may stand for, part by part (the pattern stands
    for their product, :func:`expand`)."""
    out = []
    for part in _PART.findall(pattern):
        if part[0] in "[(":
            options = [alt for text in part[1:-1].split("|") for alt in expand(text, macros)]
            if part[0] == "[":
                options = [(), *options]
        elif part in macros:
            options = [alt for text in macros[part] for alt in expand(text, macros)]
        elif "|" in part:
            options = [alt for text in part.split("|") for alt in expand(text, macros)]
        elif part in _SLOTS:
            options = [(part,)]
        elif part[0] in "=^":
            options = [(part[0] + fold(part[1:]),)]
        else:
            options = [tuple(split_words(fold(part)))]
        out.append(options)
    return out


def add(root: dict, seq: tuple[str, ...], entry: tuple[int, object]) -> None:
    """Add a pattern to a trie of elements; a node's (file order, payload) entries are kept in file order."""
    node = root
    for elem in seq:
        child = node.get(elem)
        if child is None:
            child = node[elem] = {}
        node = child
    node.setdefault(END, []).append(entry)


def add_pattern(root: dict, pattern: str, macros: dict[str, list[str]], payload: object, count: int) -> int:
    """Add every sequence of ``pattern`` (in :func:`expand`'s order, the empty one left out) with the
    entries ``(count, payload)``, ``(count + 1, payload)``...; returns the next count.

    The same trie as :func:`add` of each sequence, built part by part: the sequences of a pattern
    share their prefixes, which are walked once (a pattern with a few options stands for thousands).
    """
    parts = alternatives(pattern, macros)
    if not parts:
        return count
    last = len(parts) - 1
    counter = [count]

    def walk(node: dict, i: int, empty: bool) -> None:
        for option in parts[i]:
            child = node
            for elem in option:
                nxt = child.get(elem)
                if nxt is None:
                    nxt = child[elem] = {}
                child = nxt
            if i < last:
                walk(child, i + 1, empty and not option)
            elif option or not empty:
                child.setdefault(END, []).append((counter[0], payload))
                counter[0] += 1

    walk(root, 0, True)
    return counter[0]


def special_keys(node: dict) -> frozenset[str]:
    """The keys of a trie node that are not plain words (slots, =word, ^word), noted in the node."""
    special = node.get(_SPECIAL)
    if special is None:
        special = node[_SPECIAL] = frozenset(k for k in node if k in _SLOTS or k[:1] in ("=", "^"))
    return special


class NodeView(NamedTuple):
    """A trie node's keys that are not plain words, by kind: what a matcher asks at every node."""

    special: frozenset[str]  # as special_keys gives them
    marked: dict[str, dict]  # ``=word``: the child under each word (without its mark)
    capital: dict[str, dict]  # ``^word``: the same
    tilde: dict | None  # the child under each slot, or None
    star: dict | None
    demonym: dict | None
    country: dict | None
    actor: dict | None


def node_view(node: dict) -> NodeView:
    """The :class:`NodeView` of a trie node, noted in the node when first asked."""
    view = node.get(_VIEW)
    if view is None:
        special = special_keys(node)
        view = node[_VIEW] = NodeView(
            special,
            {k[1:]: node[k] for k in special if k[0] == "="},
            {k[1:]: node[k] for k in special if k[0] == "^"},
            *(node[k] if k in special else None for k in ("~", "*", "{demonym}", "{country}", "{actor}")),
        )
    return view
