"""Script detection, name folding and romanisation into a common phonetic form.

Every name, whatever its script, is turned into a string over one small phonetic alphabet
(documented in ``data/translit/arabic.tsv``): three vowels ``a i u`` and a set of consonant
symbols where letters that writers of different languages render differently stay apart but
close (``j`` for ج, ``G`` for غ / gh, ``q`` for ق ...). Comparing two names is then a matter of
comparing two such strings with the weighted distance in :mod:`gazetteer.phonetic`.

The romanisation is deliberately lossy: it is a matching key, not a display form.

Examples
--------
>>> phonetic("زنغلان"), phonetic("Zəngilan"), phonetic("Зангелан")
('znGlAn', 'zangilan', 'zangilan')
>>> phonetic("")
''
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

__all__ = ["detect_script", "fold", "phonetic", "ABJADS", "VOWELS"]

#: Scripts that leave short vowels unwritten; matching treats a missing vowel as nearly free.
ABJADS = frozenset({"arabic", "hebrew"})
VOWELS = frozenset("aiuAIUE")

_RANGES = (
    (0x0041, 0x024F, "latin"),
    (0x0250, 0x02AF, "latin"),
    (0x0370, 0x03FF, "greek"),
    (0x0400, 0x052F, "cyrillic"),
    (0x0530, 0x058F, "armenian"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"),
    (0x10A0, 0x10FF, "georgian"),
    (0x1C90, 0x1CBF, "georgian"),
    (0x1E00, 0x1EFF, "latin"),
    (0x1F00, 0x1FFF, "greek"),
    (0xFB1D, 0xFB4F, "hebrew"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
)

# Arabic marks removed before anything else: harakat, shadda, sukun, superscript alef, tatweel,
# Quranic annotation signs.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")
# The same without the three short-vowel marks (fatha, damma, kasra): where a writer gave them,
# they tell the vowels, and arabic.tsv reads them.
_ARABIC_NON_VOWEL_MARKS = re.compile("[\u0610-\u061a\u064b-\u064d\u0651-\u065f\u0670\u0640\u06d6-\u06ed]")
_ARABIC_ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك"})
_NON_WORD = re.compile(r"[^\w\u0300-\u036f\u064b-\u065f'ʻʼʿʾ‘’`´ʹ׳]+")
_LATIN_ARTICLES = frozenset({"al", "el", "ul", "il"})
_VOWEL_LETTERS = frozenset("aeiouyAIU")
_EZAFE = frozenset({"e", "ye", "i"})


_SCRIPT_OF: dict[str, str | None] = {}


def _script_of(ch: str) -> str | None:
    script = _SCRIPT_OF.get(ch, "")
    if script != "":
        return script
    code = ord(ch)
    script = None
    if ch.isalpha() and code >= 0x41:
        script = "other"
        for lo, hi, name in _RANGES:
            if lo <= code <= hi:
                script = name
                break
    _SCRIPT_OF[ch] = script
    return script


def detect_script(text: str) -> str:
    """Name the dominant script of ``text``.

    Returns one of ``latin``, ``arabic``, ``cyrillic``, ``armenian``, ``georgian``, ``greek``,
    ``hebrew``, ``other`` (letters of any other script), or ``none`` (no letters at all).

    >>> detect_script("غنجة"), detect_script("Gəncə 2"), detect_script("123")
    ('arabic', 'latin', 'none')
    """
    if text.isascii():
        return "latin" if any(ch.isalpha() for ch in text) else "none"
    counts: dict[str, int] = {}
    for ch in text:
        script = _script_of(ch)
        if script:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "none"
    if len(counts) == 1:
        return next(iter(counts))
    return max(counts, key=counts.__getitem__)


@lru_cache(maxsize=1)
def _no_combining() -> dict[int, None]:
    """A str.translate table deleting every combining mark of the Basic Multilingual Plane."""
    return {cp: None for cp in range(0x300, 0x10000) if unicodedata.combining(chr(cp))}


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Fold a name for exact lookup: case, width, Arabic letter variants and marks, spacing.

    Two spellings that a reader would call "the same word" fold to the same string
    (``أذربيجان`` and ``اذربيجان``; ``Baku`` and ``BAKU``); different letters stay different.

    >>> fold("  أَذْرَبِيجَان ") == fold("اذربيجان")
    True
    """
    if text.isascii():
        return " ".join(w for w in _NON_WORD.split(text.lower().replace("_", " ")) if w)
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_ALEFS)
    text = unicodedata.normalize("NFKD", text).translate(_no_combining())
    return " ".join(w for w in _NON_WORD.split(text.replace("_", " ")) if w)


class _Table:
    """Longest-match rewriting table for one script, read from ``data/translit/NAME.tsv``."""

    def __init__(self, rules: dict[str, str]):
        self.rules = rules
        alternatives = sorted(rules, key=len, reverse=True)
        # One regex alternation, longest first; "." consumes letters the table lacks (dropped).
        self._pattern = re.compile("|".join(map(re.escape, alternatives)) + "|.", re.S)

    @classmethod
    def load(cls, name: str) -> _Table:
        text = resources.files("gazetteer").joinpath(f"data/translit/{name}.tsv").read_text("utf-8")
        rules: dict[str, str] = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            src, _, dst = line.partition("\t")
            rules[src] = dst.strip()
        return cls(rules)

    def apply(self, word: str) -> str:
        """Rewrite one word; letters the table lacks are dropped."""
        get = self.rules.get
        return "".join([get(t, "") for t in self._pattern.findall("^" + word + "$")])


@cache
def _table(name: str) -> _Table:
    return _Table.load(name)


@cache
def _latin_fold() -> tuple[re.Pattern[str], dict[str, str]]:
    rules = {unicodedata.normalize("NFD", k): v for k, v in _Table.load("latin_fold").rules.items()}
    pattern = re.compile("|".join(map(re.escape, sorted(rules, key=len, reverse=True))))
    return pattern, rules


def _anyascii(text: str) -> str:
    """Romanise scripts without a table of ours (Devanagari, CJK, ...) through anyascii."""
    from anyascii import anyascii

    return anyascii(text)


def _latin_letters(word: str) -> str:
    """Fold a Latin word's diacritics into ASCII spellings or phonetic symbols (latin_fold.tsv)."""
    if word.isascii():
        return word
    pattern, rules = _latin_fold()
    word = pattern.sub(lambda m: rules[m.group()], unicodedata.normalize("NFD", word))
    return "".join(ch for ch in word if not unicodedata.combining(ch))


def _latin_words(words: list[str]) -> list[tuple[bool, str]]:
    """Split off Arabic articles (al-, and assimilated as-, ash-, ad- ...) and drop Persian ezafe.

    Returns ``(had article, word)`` pairs.
    """
    kept: list[tuple[bool, str]] = []
    article = False
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt and (word in _LATIN_ARTICLES or _assimilated_article(word, nxt)):
            article = True
            continue
        if nxt and kept and word in _EZAFE:
            continue
        kept.append((article, word))
        article = False
    return kept


def _assimilated_article(word: str, nxt: str) -> bool:
    """``as`` in "As Suq", ``ash`` in "Ash Shatt", ``et`` in "Et Taiyiba": a- or e- plus the
    consonant(s) the next word starts with."""
    rest = word[1:]
    return word[:1] in ("a", "e") and 0 < len(rest) <= 3 and not (set(rest) & _VOWEL_LETTERS) and nxt.startswith(rest)


def _arabic_words(words: list[str]) -> list[tuple[bool, str]]:
    return [(True, w[2:]) if w.startswith("ال") and len(w) > 3 else (False, w) for w in words]


def _collapse(pf: str) -> str:
    """Merge doubled symbols: geminates are rarely written the same way across scripts."""
    out = []
    for ch in pf:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def phonetic(name: str, script: str | None = None) -> str:
    """Romanise ``name`` into the common phonetic form used for matching.

    ``script`` may be given when known; otherwise it is detected. Words are joined without
    spaces, since scripts disagree on where one word ends (``سنقر آباد`` / ``Sonqorābād``).
    """
    script = script or detect_script(name)
    if script == "none":
        return ""
    text = unicodedata.normalize("NFKC", name).casefold()
    if script == "other":
        text, script = _anyascii(text).lower(), "latin"
    if script == "arabic":
        text = _ARABIC_NON_VOWEL_MARKS.sub("", text)
    elif script in ("greek", "hebrew", "cyrillic"):
        text = "".join(
            ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch) or ch in "\u0306\u0308"
        )
        text = unicodedata.normalize("NFC", text)
    words = [w for w in _NON_WORD.split(text.replace("_", " ").replace("-", " ")) if w]
    if script == "arabic":
        parts = _arabic_words(words)
    elif script == "latin":
        parts = _latin_words([_latin_letters(w) for w in words])
    else:
        parts = [(False, w) for w in words]
    table = _table(script)
    return _collapse("".join(("@" if article else "") + table.apply(w) for article, w in parts))
