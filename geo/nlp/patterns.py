"""The pattern language of the lexicon files and the tries patterns are compiled into.

See :mod:`geo.nlp.lexicon` for the syntax. A trie is nested dicts keyed by pattern elements: words
(folded), ``=word``, ``^word`` and slots. A node's ``END`` key holds the (file order, payload) of the
patterns complete there.

>>> expand("(وزارة|وزير) الدفاع [@X]", {"@X": ["الأرمينية"]})
[('وزاره', 'الدفاع'), ('وزاره', 'الدفاع', 'الارمينيه'), ('وزير', 'الدفاع'), ('وزير', 'الدفاع', 'الارمينيه')]
"""

from __future__ import annotations

import re

from gazetteer import fold

from .words import split_words

__all__ = ["END", "add", "expand", "special_keys", "split_words"]

_SLOTS = ("{demonym}", "{country}", "{actor}", "*", "~")
_PART = re.compile(r"\[[^\]]*\]|\([^)]*\)|\S+")
# Trie keys that are never words: the (file order, payload) of the patterns complete at a node; the
# node's keys that are not plain words (=word, ^word, slots), noted when first walked (see special_keys).
END, _SPECIAL = "", "\t"


def expand(pattern: str, macros: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """Every plain element sequence a pattern stands for (alternatives, options, macros expanded)."""
    seqs: list[tuple[str, ...]] = [()]
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
        seqs = [s + o for s in seqs for o in options]
    return seqs


def add(root: dict, seq: tuple[str, ...], entry: tuple[int, object]) -> None:
    """Add a pattern to a trie of elements; a node's (file order, payload) entries are kept in file order."""
    node = root
    for elem in seq:
        child = node.get(elem)
        if child is None:
            child = node[elem] = {}
        node = child
    node.setdefault(END, []).append(entry)


def special_keys(node: dict) -> frozenset[str]:
    """The keys of a trie node that are not plain words (slots, =word, ^word), noted in the node."""
    special = node.get(_SPECIAL)
    if special is None:
        special = node[_SPECIAL] = frozenset(k for k in node if k in _SLOTS or k[:1] in ("=", "^"))
    return special
