"""Language lexicons of claim extraction: actors, nationalities, countries, reporting verbs, event
cues, place cues and common words, read from ``geo/data/<lang>/*.tsv``.

The data files are written as people write (وزارة الدفاع, "Ministry of Defence") and folded with
:func:`gazetteer.fold` when loaded. A pattern is a sequence of words; each word may be

* a literal, matched against every clitic reading of a token (:func:`geo.text.stems`): the pattern
  ``وزارة الدفاع`` matches وأعلنت وزارة الدفاع and لوزارة الدفاع alike;
* ``=word``: a literal matched as written, no clitic peeled; ``^word``: a literal that must be
  capitalised in the text (``^Trend`` is the agency, not "a trend");
* ``a|b``: alternative words; ``(a b|c)``: alternative word sequences; ``[a b|c]``: the same,
  optional; ``@NAME``: a macro, defined in the same file by a line ``@NAME<TAB>words|words|...``;
* a slot: ``{demonym}`` (a nationality adjective), ``{country}`` (a country name, with a clitic or
  an English possessive: بأذربيجان, "Armenia's"), ``{actor}`` (another actor: المتحدث باسم
  {actor}) or ``*`` (one name word: not a common word, verb or cue; capitalised in English);
  ``~`` is any one word ("رفعت القوات العلم": رفع ~ العلم).

>>> lex = Lexicon.for_language("ar")
>>> from geo.text import tokenize
>>> [(m.side, m.canonical) for m in lex.actors_in(tokenize("أعلنت وزارة الدفاع الأرمينية"))]
[('AM', 'Armenia Ministry of Defence')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from gazetteer import fold

from .text import Token, is_arabic, stems

__all__ = ["Actor", "ActorMatch", "Verb", "EventCue", "PlaceCue", "Lexicon"]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who can make a claim: an English canonical name (may hold ``{country}`` / ``{actor}``)."""

    canonical: str
    side: str | None  # ISO2, an international or non-state code, "media"; None: from the slot
    side_type: str  # belligerent | third_party | media
    kind: str  # government | ministry | military | president | official | spokesperson | agency ...


@dataclass(frozen=True, slots=True)
class ActorMatch:
    start: int  # token indices, end exclusive
    end: int
    actor: Actor
    side: str | None  # resolved side (slot filled)
    canonical: str  # resolved canonical


@dataclass(frozen=True, slots=True)
class Verb:
    lemma: str
    stance: str  # asserts | denies
    kind: str  # say | continue | announce | accuse | deny | report | publish | according_to | call | warn


@dataclass(frozen=True, slots=True)
class EventCue:
    start: int
    end: int
    event_type: str
    sub_event_type: str


@dataclass(frozen=True, slots=True)
class PlaceCue:
    start: int
    end: int
    kind: str  # feature | in | near | direction | center | vicinity | region
    precision: int  # 1 the place itself, 2 near / direction of, 3 region or country
    feature: str | None


_SLOTS = ("{demonym}", "{country}", "{actor}", "*", "~")
_PART = re.compile(r"\[[^\]]*\]|\([^)]*\)|\S+")
_ABBREV = re.compile(r"(?:\w\.)+\w")  # U.S (the tokenizer leaves the last dot out)
_END, _COUNT = "", " "  # trie keys: the payloads of a complete pattern; the count of patterns (never words)
# Cue kinds, strongest first: a chain "في مركز مدينة" is a center cue, "قرب قرية" a near cue.
_CUE_WINDOW = 6  # tokens: "on the outskirts of the town of"
_CUE_RANK = ("direction", "near", "vicinity", "center", "region", "feature", "in")
# Territory codes of CLDR that are not countries.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}


def _rows(lang: str, name: str) -> tuple[list[list[str]], dict[str, list[str]]]:
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


def _expand(pattern: str, macros: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """Every plain element sequence a pattern stands for (alternatives, options, macros expanded)."""
    seqs: list[tuple[str, ...]] = [()]
    for part in _PART.findall(pattern):
        if part[0] in "[(":
            options = [alt for text in part[1:-1].split("|") for alt in _expand(text, macros)]
            if part[0] == "[":
                options = [(), *options]
        elif part in macros:
            options = [alt for text in macros[part] for alt in _expand(text, macros)]
        elif "|" in part:
            options = [alt for text in part.split("|") for alt in _expand(text, macros)]
        elif part in _SLOTS:
            options = [(part,)]
        elif part[0] in "=^":
            options = [(part[0] + fold(part[1:]),)]
        else:
            options = [tuple(_split(fold(part)))]
        seqs = [s + o for s in seqs for o in options]
    return seqs


def _split(norm: str) -> list[str]:
    """The words of a folded token; an apostrophe splits too (armenia's -> armenia, s)."""
    return norm.replace("'", " ").replace("’", " ").split()


def _add(root: dict, seq: tuple[str, ...], payload: object) -> None:
    """Add a pattern to a trie of elements; a node's payloads are kept in file order."""
    node = root
    for elem in seq:
        node = node.setdefault(elem, {})
    ends = node.setdefault(_END, [])
    ends.append((root.setdefault(_COUNT, [0])[0], payload))
    root[_COUNT][0] += 1


class _Words:
    """Tokens flattened into folded sub-words ("U.S." is two: u, s), each with its clitic readings."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.words: list[str] = []
        self.tok: list[int] = []
        self.first: list[bool] = []
        self.readings: list[list[str]] = []
        self.at_token: list[int] = []  # token index -> index of its first sub-word (or the next one's)
        for i, t in enumerate(tokens):
            self.at_token.append(len(self.words))
            if t.text == "." and i and tokens[i - 1].end == t.start and _ABBREV.fullmatch(tokens[i - 1].text):
                continue  # the closing dot of "U.S." belongs to the word
            parts = (_split(t.norm) or [t.norm]) if t.is_word else [t.norm]
            for j, part in enumerate(parts):
                self.words.append(part)
                self.tok.append(i)
                self.first.append(j == 0)
                self.readings.append(stems(part) if len(parts) == 1 else [part])
        self.at_token.append(len(self.words))
        self.first.append(True)  # the end of the text is a token boundary


class Lexicon:
    """The lexicons of one language (``for_language``); an unknown language has empty ones."""

    def __init__(self, language: str):
        self.language = language
        self._demonyms = {fold(r[0]): r[1] for r in _rows(language, "demonyms.tsv")[0] if len(r) > 1}
        self._countries: dict[tuple[str, ...], str] = {}
        self._display: dict[str, str] = {}
        self._load_countries()
        self._verbs: dict[str, Verb | None] = {}  # None: not a verb (فحسب is no form of حسب)
        for r in _rows(language, "verbs.tsv")[0]:
            self._verbs.setdefault(fold(r[0]), None if r[1] == "-" else Verb(r[1], r[2], r[3]))
        self._common = {fold(r[0]) for r in _rows(language, "common_words.tsv")[0]}
        self._actors = self._trie("actors.tsv", lambda r: Actor(r[1], r[2] or None, r[3], r[4]))
        self._events = self._trie("events.tsv", lambda r: (r[1], r[2]))
        self._places = self._trie("places.tsv", lambda r: (r[1], int(r[2]), (r[3] if len(r) > 3 else "") or None))

    @classmethod
    def for_language(cls, lang: str) -> Lexicon:
        return _lexicon((lang or "").lower())

    def _trie(self, name: str, make) -> dict:
        root: dict = {}
        rows, macros = _rows(self.language, name)
        for row in rows:
            payload = make(row + [""] * 5)
            for seq in _expand(row[0], macros):
                if seq:
                    _add(root, seq, payload)
        return root

    def _load_countries(self) -> None:
        if self.language not in ("ar", "en"):
            return
        from babel import Locale  # a dependency of the project (CLDR names)

        for code, name in Locale.parse(self.language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES:
                self._countries.setdefault(tuple(fold(name).split()), code)
                if self.language == "en":
                    self._display.setdefault(code, name)
        for row in _rows(self.language, "countries.tsv")[0]:
            self._countries[tuple(fold(row[0]).split())] = row[1]
            if len(row) > 2 and row[2] == "display":
                self._display[row[1]] = row[0]
        if self.language != "en":
            self._display = _lexicon("en")._display

    def demonym(self, norm: str) -> str | None:
        """The ISO2 code of a nationality adjective in any form, with clitics (الأذريين -> AZ)."""
        return next((self._demonyms[r] for r in stems(fold(norm)) if r in self._demonyms), None)

    def country(self, norm_words: list[str]) -> tuple[int, str] | None:
        """A country name at the start of ``norm_words``: (how many words it takes, ISO2)."""
        words: list[str] = []
        ends: dict[int, int] = {}  # sub-words used -> list items used
        for n, item in enumerate(norm_words[:6], 1):
            words.extend(_split(fold(item)))
            ends[len(words)] = n
        for k in sorted(ends, reverse=True):
            for first in stems(words[0]) if words else ():
                if (first, *words[1:k]) in self._countries:
                    return ends[k], self._countries[(first, *words[1:k])]
        return None

    def verb(self, token: Token) -> Verb | None:
        """A reporting verb in any person, gender, number or tense, with و ف ل س before it."""
        words = [token.norm]
        if is_arabic(token.norm):
            words += [w[1:] for w in words if len(w) > 3 and w[0] in "وف"]
            words += [w[1:] for w in words if len(w) > 3 and w[0] in "لس"]
        return next((self._verbs[w] for w in words if w in self._verbs), None)

    def is_common_word(self, norm: str) -> bool:
        """A frequent word that is never to be read as a place name (clitics peeled too)."""
        norm = fold(norm)
        if norm in self._common:
            return True
        return any(len(r) >= 4 and r in self._common for r in stems(norm)[1:])

    def display_name(self, code: str | None) -> str:
        """The English name of a country code, as used in canonical actor names."""
        return self._display.get(code or "", code or "")

    def actors_in(self, tokens: list[Token]) -> list[ActorMatch]:
        """Actors named in ``tokens``: the longest non-overlapping matches, left to right."""
        w = _Words(tokens)
        out: list[ActorMatch] = []
        i = 0
        while i < len(tokens):
            m = self._actor_at(w, w.at_token[i], 0)
            after = [t.text for t in tokens[m.end : m.end + 3]] if m else []
            if len(after) == 3 and after[0] == "(" and after[1].isupper() and after[2] == ")":  # "(GNA)"
                m = ActorMatch(m.start, m.end + 3, m.actor, m.side, m.canonical)
            out += [m] if m else []
            i = m.end if m else i + 1
        return out

    def events_in(self, tokens: list[Token]) -> list[EventCue]:
        """Event cues in ``tokens``: the longest non-overlapping matches, left to right."""
        w = _Words(tokens)
        out: list[EventCue] = []
        i = 0
        while i < len(tokens):
            hit = self._best(self._events, w, w.at_token[i], 0)
            if hit:
                out.append(EventCue(i, w.tok[hit[0] - 1] + 1, *hit[2]))
            i = out[-1].end if hit else i + 1
        return out

    def place_cue_before(self, tokens: list[Token], index: int) -> PlaceCue | None:
        """Cue words ending right before ``tokens[index]`` (up to 6 tokens back, longest chain)."""
        first = max(0, index - _CUE_WINDOW)
        window = tokens[first:index]
        w = _Words(window)
        for start in range(len(window)):
            chain = self._chain(w, start, len(window))
            if chain:
                parts = [p for _, p in chain]
                kind = min((p[0] for p in parts), key=lambda k: _CUE_RANK.index(k) if k in _CUE_RANK else 99)
                features = [p[2] for p in parts if p[2]]
                precision = max(p[1] for p in parts)
                return PlaceCue(first + start, index, kind, precision, features[-1] if features else None)
        return None

    def _chain(self, w: _Words, start: int, stop: int) -> list | None:
        """Cue patterns covering tokens[start:stop] exactly, longest first, or None."""
        if start == stop:
            return []
        ends = self._walk(self._places, w, w.at_token[start], (), 0, w.at_token[stop])
        for end, _slots, payloads in sorted(ends, key=lambda e: -e[0]):
            rest = self._chain(w, w.tok[end - 1] + 1, stop)
            if rest is not None:
                return [(start, payloads[0][1]), *rest]
        return None

    def _actor_at(self, w: _Words, k: int, depth: int) -> ActorMatch | None:
        hit = self._best(self._actors, w, k, depth)
        return self._resolve(w, k, hit) if hit else None

    def _resolve(self, w: _Words, k: int, hit: tuple) -> ActorMatch:
        """The actor of a pattern match, its slots filled in."""
        end, slots, actor = hit[0], hit[1], hit[2] if isinstance(hit[2], Actor) else hit[2][0][1]
        side, canonical, side_type = actor.side, actor.canonical, actor.side_type
        for slot, value in slots:
            if slot == "{actor}":
                side = side or value.side
                side_type = side_type or value.actor.side_type
                canonical = canonical.replace("{actor}", value.canonical)
            elif slot in ("{demonym}", "{country}"):
                side = side or value
                canonical = canonical.replace("{country}", self.display_name(value))
        if side_type != actor.side_type:
            actor = Actor(actor.canonical, actor.side, side_type, actor.kind)
        return ActorMatch(w.tok[k], w.tok[end - 1] + 1, actor, side, " ".join(canonical.split()))

    def _best(self, root: dict, w: _Words, k: int, depth: int):
        """The longest complete match at sub-word ``k`` (fewest wildcards, then file order)."""
        if k >= len(w.words) or not w.first[k]:
            return None
        hits = self._walk(root, w, k, (), depth, len(w.words))
        if not hits:
            return None
        end, slots, payloads = max(hits, key=lambda h: (h[0], -[s for s, _ in h[1]].count("*"), -h[2][0][0]))
        return end, slots, payloads[0][1]

    def _walk(self, node: dict, w: _Words, k: int, slots: tuple, depth: int, limit: int) -> list:
        """Every (end, slots, payloads) of the patterns under ``node`` matching from sub-word ``k``."""
        out = []
        if _END in node and w.first[k]:
            out.append((k, slots, node[_END]))
        if k >= limit:
            return out
        if w.words[k] == "s" and not w.first[k] and self.language == "en":  # a possessive: Armenia's
            out += self._walk(node, w, k + 1, slots, depth, limit)
        for reading in w.readings[k]:
            if reading in node:
                out += self._walk(node[reading], w, k + 1, slots, depth, limit)
        if "=" + w.words[k] in node:
            out += self._walk(node["=" + w.words[k]], w, k + 1, slots, depth, limit)
        if "^" + w.words[k] in node and w.tokens[w.tok[k]].text[:1].isupper():
            out += self._walk(node["^" + w.words[k]], w, k + 1, slots, depth, limit)
        if "~" in node and w.first[k] and w.tokens[w.tok[k]].is_word:
            out += self._walk(node["~"], w, w.at_token[w.tok[k] + 1], slots, depth, limit)
        if "*" in node and w.first[k] and self._is_name(w, k):
            nxt = w.at_token[w.tok[k] + 1]
            out += self._walk(node["*"], w, nxt, (*slots, ("*", None)), depth, limit)
        if "{demonym}" in node:
            for n in (2, 1):
                code = self.demonym(" ".join(w.words[k : k + n])) if k + n <= limit else None
                if code:
                    out += self._walk(node["{demonym}"], w, k + n, (*slots, ("{demonym}", code)), depth, limit)
                    break
        if "{country}" in node:
            found = self.country(w.words[k : min(limit, k + 6)])
            if found:
                n, code = found
                out += self._walk(node["{country}"], w, k + n, (*slots, ("{country}", code)), depth, limit)
        if "{actor}" in node and depth < 2:  # every actor that starts here, not only the longest
            for hit in self._walk(self._actors, w, k, (), depth + 1, limit):
                inner = self._resolve(w, k, hit)
                out += self._walk(node["{actor}"], w, w.at_token[inner.end], (*slots, ("{actor}", inner)), depth, limit)
        return out

    def _is_name(self, w: _Words, k: int) -> bool:
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


@cache
def _lexicon(lang: str) -> Lexicon:
    return Lexicon(lang)
