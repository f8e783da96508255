"""The pattern language of the lexicon files, the tries patterns are read into, and tokens seen as the
sub-words patterns are matched against (see :mod:`geo.lexicon` for the syntax).

A trie is nested dicts keyed by pattern elements: words (folded), ``=word``, ``^word`` and slots.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from gazetteer import fold

from ..text import Token, stem_tuple

__all__ = ["END", "Words", "add", "closing_dot", "expand", "read_rows", "special_keys", "split_words"]

_SLOTS = ("{demonym}", "{country}", "{actor}", "*", "~")
_PART = re.compile(r"\[[^\]]*\]|\([^)]*\)|\S+")
_ABBREV = re.compile(r"(?:\w\.)+\w")  # U.S (the tokenizer leaves the last dot out)
# Trie keys that are never words: the (file order, payload) of the patterns complete at a node; the
# node's keys that are not plain words (=word, ^word, slots), noted when first walked (see special_keys).
END, _SPECIAL = "", "\t"


def read_rows(lang: str, name: str) -> tuple[list[list[str]], dict[str, list[str]]]:
    """The rows of ``data/<lang>/<name>.tsv`` (comments and blank lines dropped) and its macros."""
    path = resources.files("geo").joinpath("data", lang or "-", name)
    rows: list[list[str]] = []
    macros: dict[str, list[str]] = {}
    if not lang.isalpha() or not path.is_file():
        return rows, macros
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if cells[0].startswith("@") and " " not in cells[0] and len(cells) == 2:
            macros[cells[0]] = [alt.strip() for alt in cells[1].split("|") if alt.strip()]
        else:
            rows.append(cells)
    return rows, macros


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


def split_words(norm: str) -> list[str]:
    """The words of a folded token; an apostrophe splits too (armenia's -> armenia, s)."""
    return norm.replace("'", " ").replace("’", " ").split()


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


def closing_dot(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] is the closing dot of an abbreviation ("U.S."), which belongs to the word."""
    t = tokens[i]
    return (
        t.text == "." and i > 0 and tokens[i - 1].end == t.start and _ABBREV.fullmatch(tokens[i - 1].text) is not None
    )


@lru_cache(maxsize=65536)
def _sub_words(norm: str, is_word: bool) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The sub-words of a token's folded form, each with its clitic readings (a whole word only)."""
    parts = (split_words(norm) or [norm]) if is_word else [norm]
    if len(parts) == 1:
        return ((parts[0], stem_tuple(parts[0])),)
    return tuple((part, (part,)) for part in parts)


class Words:
    """Tokens flattened into folded sub-words ("U.S." is two: u, s), each with its clitic readings."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.size = len(tokens)
        self.words: list[str] = []
        self.tok: list[int] = []
        self.first: list[bool] = []
        self.readings: list[tuple[str, ...]] = []
        self.at_token: list[int] = []  # token index -> index of its first sub-word (or the next one's)
        self.memo: dict[tuple, object] = {}  # the lexicon's lookups at a sub-word: slots, nested actors
        for i, t in enumerate(tokens):
            self.at_token.append(len(self.words))
            if closing_dot(tokens, i):
                continue
            for j, (part, readings) in enumerate(_sub_words(t.norm, t.is_word)):
                self.words.append(part)
                self.tok.append(i)
                self.first.append(j == 0)
                self.readings.append(readings)
        self.at_token.append(len(self.words))
        self.first.append(True)  # the end of the text is a token boundary
