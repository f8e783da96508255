"""Language lexicons of claim extraction: actors, nationalities, countries, reporting verbs, event
cues, place cues and common words, read from a language pack (``geo/lang/<code>/*.tsv``).

The tables of a language pack (``geo/lang/<code>/*.tsv``) are written as people write (وزارة الدفاع,
"Ministry of Defence") and folded with :func:`gazetteer.fold` when loaded. A pattern is a sequence of words; each word may be

* a literal, matched against every reading of a token (its clitics peeled, see
  :meth:`geo.lang.Language.readings`): the pattern
  ``وزارة الدفاع`` matches وأعلنت وزارة الدفاع and لوزارة الدفاع alike;
* ``=word``: a literal matched as written, no clitic peeled; ``^word``: a literal that must be
  capitalised in the text (``^Trend`` is the agency, not "a trend");
* ``a|b``: alternative words; ``(a b|c)``: alternative word sequences; ``[a b|c]``: the same,
  optional; ``@NAME``: a macro, defined in the same file by a line ``@NAME<TAB>words|words|...``;
* a slot: ``{demonym}`` (a nationality adjective), ``{country}`` (a country name, with a clitic or
  an English possessive: بأذربيجان, "Armenia's"), ``{actor}`` (another actor: المتحدث باسم
  {actor}) or ``*`` (one name word: not a common word, verb or cue; capitalised in English);
  ``~`` is any one word ("رفعت القوات العلم": رفع ~ العلم).

>>> from geo.lang import get_language
>>> from geo.nlp.tokens import tokenize
>>> ar = get_language("ar")
>>> lex = lexicon_of(ar)
>>> [(m.side, m.canonical) for m in lex.actors_in(Words(tokenize("أعلنت وزارة الدفاع الأرمينية", language=ar)))]
[('AM', 'Armenia Ministry of Defence')]
"""

from __future__ import annotations

import gc

from gazetteer import fold

from ..lang import Language
from ..lang.names import territories
from ..model import Actor, ActorMatch, EventCue, PlaceCue, Token, Verb
from .matcher import _MEMO_SIZE, TrieMatcher
from .patterns import END, add_pattern
from .tokens import is_arabic
from .words import Words, closing_dot, split_words

__all__ = ["Lexicon", "lexicon_of"]


_UNSEEN = object()  # a memo's answer not yet known (None is an answer)
_CUE_WINDOW = 6  # tokens: "on the outskirts of the town of"
# Cue kinds, strongest first: a chain "في مركز مدينة" is a center cue, "قرب قرية" a near cue.
_CUE_RANK = ("direction", "near", "vicinity", "center", "region", "feature", "in")


def lexicon_of(language: Language) -> Lexicon:
    """The lexicon of a language pack, built once per process."""
    return language.derived("lexicon", lambda: _built(language))


def _built(language: Language) -> Lexicon:
    """A new lexicon, built with the cyclic garbage collector paused: the tries are some 10^5 new
    dicts and lists (none of them garbage), which would otherwise set off collection after
    collection and take twice as long."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return Lexicon(language)
    finally:
        if paused:
            gc.enable()


class Lexicon(TrieMatcher):
    """The lexicons of one language pack, compiled for matching (use :func:`lexicon_of`)."""

    def __init__(self, language: Language):
        self.language = language
        self._demonyms = {fold(r[0]): r[1] for r in language.table("demonyms") if len(r) > 1}
        self._countries: dict[tuple[str, ...], str] = {}
        self._load_countries()
        self._verbs: dict[str, Verb | None] = {}  # None: not a verb (فحسب is no form of حسب)
        for r in language.table("verbs"):
            self._verbs.setdefault(fold(r[0]), None if r[1] == "-" else Verb(r[1], r[2], r[3]))
        self._common = {fold(r[0]) for r in language.table("common_words")}
        self._actors = self._trie("actors", lambda r: Actor(r[1], r[2] or None, r[3], r[4]))
        self._events = self._trie("events", lambda r: (r[1], r[2]))
        self._places = self._trie("places", lambda r: (r[1], int(r[2]), (r[3] if len(r) > 3 else "") or None))
        self._country_firsts = {name[0] for name in self._countries if name}
        self._cue_lasts = _last_elements(self._places)  # a cue ends with one of these words
        # answers per folded word (per token list for "starts": which words may begin a pattern)
        self._memo: dict[str, dict] = {"demonym": {}, "verb": {}, "starts": {}, "country": {}, "common": {}}

    def forget(self) -> None:
        """Forget the per-word answers (see :meth:`geo.lang.Language.forget`)."""
        for memo in self._memo.values():
            memo.clear()

    def _trie(self, name: str, make) -> dict:
        root: dict = {}
        table = self.language.table(name)
        count = 0  # sequences added so far
        for row in table:
            count = add_pattern(root, row[0], table.macros, make([*row, *[""] * 5]), count)
        return root

    def _load_countries(self) -> None:
        if self.language.cldr:
            for code, name in territories(self.language.cldr):
                self._countries.setdefault(tuple(fold(name).split()), code)
        for row in self.language.table("countries"):
            self._countries[tuple(fold(row[0]).split())] = row[1]

    def demonym(self, norm: str) -> str | None:
        """The ISO2 code of a nationality adjective in any form, with clitics (الأذريين -> AZ)."""
        memo = self._memo["demonym"]
        found = memo.get(norm, _UNSEEN)
        if found is _UNSEEN:
            if len(memo) > _MEMO_SIZE:
                memo.clear()
            found = memo[norm] = next(
                (self._demonyms[r] for r in self.language.readings(fold(norm)) if r in self._demonyms), None
            )
        return found  # type: ignore[return-value]  # the memo holds what this method stored

    def _demonym_pair(self, a: str, b: str) -> str | None:
        """``demonym(a + " " + b)``, quicker for two folded words: folding keeps words apart (it maps
        letters one by one and splits at spaces), so their pair is folded already."""
        norm = a + " " + b
        memo = self._memo["demonym"]
        found = memo.get(norm, _UNSEEN)
        if found is _UNSEEN:
            if fold(a) != a or fold(b) != b:
                return self.demonym(norm)
            if len(memo) > _MEMO_SIZE:
                memo.clear()
            found = memo[norm] = next(
                (self._demonyms[r] for r in self.language.readings(norm) if r in self._demonyms), None
            )
        return found  # type: ignore[return-value]  # the memo holds what this method stored

    def country(self, norm_words: list[str]) -> tuple[int, str] | None:
        """A country name at the start of ``norm_words``: (how many words it takes, ISO2)."""
        if norm_words and not self._may_begin_country(norm_words[0]):
            return None
        words: list[str] = []
        ends: dict[int, int] = {}  # sub-words used -> list items used
        firsts: list[str] = []  # readings of the first word that begin some country's name
        looked = False
        for n, item in enumerate(norm_words[:6], 1):
            words.extend(split_words(fold(item)))
            ends[len(words)] = n
            if not looked and words:
                looked = True
                firsts = [first for first in self.language.readings(words[0]) if first in self._country_firsts]
                if not firsts:
                    return None
        for k in sorted(ends, reverse=True) if firsts else ():
            for first in firsts:
                if (first, *words[1:k]) in self._countries:
                    return ends[k], self._countries[(first, *words[1:k])]
        return None

    def _may_begin_country(self, item: str) -> bool:
        """False when the first word of ``item`` (folded) begins no country's name in any reading:
        :meth:`country` then finds none, whatever follows (most words; memoised)."""
        memo = self._memo["country"]
        found = memo.get(item)
        if found is None:
            if len(memo) > _MEMO_SIZE:
                memo.clear()
            words = split_words(fold(item))
            found = memo[item] = not words or any(r in self._country_firsts for r in self.language.readings(words[0]))
        return found

    def verb(self, token: Token) -> Verb | None:
        """A reporting verb in any person, gender, number or tense, with its clitics (وقالت, وسيعلن)."""
        norm = token.norm
        memo = self._memo["verb"]
        if norm not in memo:
            if len(memo) > _MEMO_SIZE:
                memo.clear()
            memo[norm] = next((self._verbs[w] for w in self.language.verb_readings(norm) if w in self._verbs), None)
        return memo[norm]

    def is_common_word(self, norm: str) -> bool:
        """A frequent word that is never to be read as a place name (clitics peeled too)."""
        memo = self._memo["common"]
        found = memo.get(norm)
        if found is None:
            if len(memo) > _MEMO_SIZE:
                memo.clear()
            folded = fold(norm)
            found = memo[norm] = folded in self._common or any(
                len(r) >= 4 and r in self._common for r in self.language.readings(folded)[1:]
            )
        return found

    def actors_in(self, w: Words) -> list[ActorMatch]:
        """Actors named in the tokens of ``w``: the longest non-overlapping matches, left to right."""
        tokens, at_token, first, size = w.tokens, w.at_token, w.first, len(w.words)
        root, may_start = self._actors, self._may_start
        out: list[ActorMatch] = []
        i = 0
        while i < len(tokens):
            k = at_token[i]
            m = None
            if k < size and first[k] and may_start(root, w, k, size):
                hit = self._longest(root, w, k, 0)
                m = self._resolve(w, k, hit) if hit else None
            if m is None:
                i += 1
                continue
            after = [t.text for t in tokens[m.end : m.end + 3]]
            if len(after) == 3 and after[0] == "(" and after[1].isupper() and after[2] == ")":  # "(GNA)"
                m = ActorMatch(m.start, m.end + 3, m.actor, m.side, m.canonical)
            out.append(m)
            i = m.end
        return out

    def events_in(self, w: Words) -> list[EventCue]:
        """Event cues in the tokens of ``w``: the longest non-overlapping matches, left to right."""
        out: list[EventCue] = []
        i = 0
        while i < w.size:
            hit = self._best(self._events, w, w.at_token[i], 0)
            if hit:
                out.append(EventCue(i, w.tok[hit[0] - 1] + 1, *hit[2]))
            i = out[-1].end if hit else i + 1
        return out

    def place_cue_before(self, words: Words, index: int) -> PlaceCue | None:
        """Cue words ending right before token ``index`` (up to 6 tokens back, longest chain)."""
        if not self._may_end_cue(words, index):
            return None
        tokens = words.tokens
        first = max(0, index - _CUE_WINDOW)
        if first and closing_dot(tokens, first):  # read alone, the window keeps this dot as a word
            w, offset = Words(tokens[first:index]), first
        else:  # the window's sub-words are those of the whole list
            w, offset = words, 0
        for start in range(first, index):
            chain = self._chain(w, start - offset, index - offset)
            if chain:
                parts = [p for _, p in chain]
                kind = min((p[0] for p in parts), key=lambda k: _CUE_RANK.index(k) if k in _CUE_RANK else 99)
                features = [p[2] for p in parts if p[2]]
                precision = max(p[1] for p in parts)
                return PlaceCue(start, index, kind, precision, features[-1] if features else None)
        return None

    def _may_end_cue(self, w: Words, index: int) -> bool:
        """Whether the word before token ``index`` may end a cue (most words end none)."""
        k = w.at_token[index] - 1
        if k >= 0 and w.words[k] == "s" and not w.first[k]:  # a possessive: "the town's"
            k -= 1
        if self._cue_lasts is None:
            return True
        return k >= 0 and any(r in self._cue_lasts for r in w.readings[k])

    def _chain(self, w: Words, start: int, stop: int) -> list | None:
        """Cue patterns covering tokens[start:stop] exactly, longest first, or None."""
        if start == stop:
            return []
        k, limit = w.at_token[start], w.at_token[stop]
        if k >= limit or not self._may_start(self._places, w, k, limit):
            return None
        ends: list = []
        self._walk(ends, self._places, w, k, (), 0, limit)
        for end, _slots, payloads in sorted(ends, key=lambda e: -e[0]):
            rest = self._chain(w, w.tok[end - 1] + 1, stop)
            if rest is not None:
                return [(start, payloads[0][1]), *rest]
        return None

    def _is_name(self, w: Words, k: int) -> bool:
        """May token k be a word of a person's name (the ``*`` slot)?"""
        token = w.tokens[w.tok[k]]
        if not token.is_word or token.text[0].isdigit() or self.is_common_word(token.norm):
            return False
        if not is_arabic(token.text) and not token.text[0].isupper():
            return False
        if self.verb(token) or self.demonym(token.norm) or self.country([token.norm]):
            return False
        roots = (self._actors, self._events, self._places)
        return not any(r in root for r in w.readings[k] for root in roots)


def _last_elements(root: dict) -> frozenset[str] | None:
    """The words that end some pattern of a trie (a match must end with one of them); None when
    some pattern holds a slot or a marked word, which this set cannot stand for."""
    out: set[str] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        for key, child in node.items():
            if not isinstance(child, dict):  # END's payloads, the noted special keys
                continue
            if key[:1] in ("{", "*", "~", "=", "^"):
                return None
            if END in child:
                out.add(key)
            stack.append(child)
    return frozenset(out)
