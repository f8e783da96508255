"""Matching lexicon tries (see :mod:`geo.nlp.patterns`) against a :class:`~geo.nlp.words.Words` view.

:class:`TrieMatcher` is the half of :class:`~geo.nlp.lexicon.Lexicon` that walks its tries: which
words may begin a pattern, every way a pattern matches from a word (readings, marked words, slots)
and the actor a match names. The lexicon supplies the tries and the word lookups the slots need
(:meth:`~geo.nlp.lexicon.Lexicon.demonym`, :meth:`~geo.nlp.lexicon.Lexicon.country`, ...).

Lookups are memoised twice: per folded word on the lexicon (which words begin a pattern) and per
token list in :attr:`Words.memo` (the slots at a word, the actors that start there), since the
patterns at many trie nodes ask about the same words.
"""

from __future__ import annotations

from ..lang import display_name
from ..model import Actor, ActorMatch
from .patterns import END, NodeView, node_view
from .words import Words

__all__ = ["TrieMatcher"]

_MEMO_SIZE = 200_000  # words remembered per lookup kind before the memo starts afresh
_MAX_DEPTH = 2  # {actor} slots nested in {actor} slots: "a spokesman for the ministry of {demonym} defence"


class TrieMatcher:
    """Walks the tries of a lexicon (a base class of :class:`~geo.nlp.lexicon.Lexicon`)."""

    _actors: dict
    _memo: dict[str, dict]

    # the word lookups of the lexicon, which the slots use
    def demonym(self, norm: str) -> str | None:  # pragma: no cover - the lexicon's
        raise NotImplementedError

    def country(self, norm_words: list[str]) -> tuple[int, str] | None:  # pragma: no cover - the lexicon's
        raise NotImplementedError

    def _demonym_pair(self, a: str, b: str) -> str | None:  # pragma: no cover - the lexicon's
        raise NotImplementedError

    def _may_begin_country(self, item: str) -> bool:  # pragma: no cover - the lexicon's
        raise NotImplementedError

    def _is_name(self, w: Words, k: int) -> bool:  # pragma: no cover - the lexicon's
        raise NotImplementedError

    def _resolve(self, w: Words, k: int, hit: tuple) -> ActorMatch:
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
                canonical = canonical.replace("{country}", display_name(value))
        if side_type != actor.side_type:
            actor = Actor(actor.canonical, actor.side, side_type, actor.kind)
        return ActorMatch(w.tok[k], w.tok[end - 1] + 1, actor, side, " ".join(canonical.split()))

    def _best(self, root: dict, w: Words, k: int, depth: int):
        """The longest complete match at sub-word ``k`` (fewest wildcards, then file order)."""
        if k >= len(w.words) or not w.first[k] or not self._may_start(root, w, k, len(w.words)):
            return None
        return self._longest(root, w, k, depth)

    def _longest(self, root: dict, w: Words, k: int, depth: int):
        """:meth:`_best` once :meth:`_may_start` said yes."""
        if root is self._actors:
            hits = self._actors_from(w, k, depth, len(w.words))
        else:
            hits = []
            self._walk(hits, root, w, k, (), depth, len(w.words))
        if not hits:
            return None
        end, slots, payloads = max(hits, key=lambda h: (h[0], -[s for s, _ in h[1]].count("*"), -h[2][0][0]))
        return end, slots, payloads[0][1]

    def _may_start(self, root: dict, w: Words, k: int, limit: int) -> bool:
        """Whether a pattern of ``root`` may begin at sub-word ``k``, the first of a token (before ``limit``):
        one of its readings, its marked form, a wildcard word, a nationality or a country begins one (most
        words are rejected by one lookup of each reading). An ``{actor}`` first needs an actor that begins
        here, and so one of the others."""
        gate = self._memo["starts"].get(id(root))
        if gate is None:
            gate = self._memo["starts"][id(root)] = _gate(root)
        memo, view, dynamic = gate
        readings = w.readings[k]
        begins = memo.get(readings)
        if begins is None:
            if len(memo) > _MEMO_SIZE:
                memo.clear()
            begins = memo[readings] = any(reading in root for reading in readings)
        if begins:
            return True
        word = w.words[k]
        if word in view.marked:
            return True
        if not dynamic:
            return False
        token = w.tokens[w.tok[k]]
        return (
            (word in view.capital and token.text[:1].isupper())
            or (view.tilde is not None and token.is_word)
            or (view.star is not None and self._is_name(w, k))
            or (
                view.demonym is not None
                and bool(self.demonym(word) or (k + 2 <= limit and self._demonym_pair(word, w.words[k + 1])))
            )
            or (
                view.country is not None
                and self._may_begin_country(word)
                and self._slot_at("{country}", w, k, limit) is not None
            )
        )

    def _walk(
        self, out: list, node: dict, w: Words, k: int, slots: tuple, depth: int, limit: int, actors: bool = True
    ) -> bool:
        """Add to ``out`` every (end, slots, payloads) of the patterns under ``node`` matching from sub-word
        ``k``, in the order of a walk that tries a word's possessive, readings, marked forms, then slots
        (``actors``: and this node's ``{actor}`` slot). Returns whether the walk met an ``{actor}`` slot,
        the only place where ``depth`` matters."""
        first = w.first
        if END in node and first[k]:
            out.append((k, slots, node[END]))
        if k >= limit:
            return False
        walk = self._walk
        deep = False
        word = w.words[k]
        if word == "s" and not first[k]:  # a possessive: Armenia's
            deep = walk(out, node, w, k + 1, slots, depth, limit)  # this node at the next word, whole
        for reading in w.readings[k]:
            child = node.get(reading)
            if child is not None:
                deep |= walk(out, child, w, k + 1, slots, depth, limit)
        view = node_view(node)
        if not view.special:
            return deep
        child = view.marked.get(word)
        if child is not None:
            deep |= walk(out, child, w, k + 1, slots, depth, limit)
        child = view.capital.get(word)
        if child is not None and w.tokens[w.tok[k]].text[:1].isupper():
            deep |= walk(out, child, w, k + 1, slots, depth, limit)
        if view.tilde is not None and first[k] and w.tokens[w.tok[k]].is_word:
            deep |= walk(out, view.tilde, w, w.at_token[w.tok[k] + 1], slots, depth, limit)
        if view.star is not None and first[k] and self._is_name(w, k):
            deep |= walk(out, view.star, w, w.at_token[w.tok[k] + 1], (*slots, ("*", None)), depth, limit)
        for slot, child in (("{demonym}", view.demonym), ("{country}", view.country)):
            found = self._slot_at(slot, w, k, limit) if child is not None else None
            if found:
                n, code = found
                deep |= walk(out, child, w, k + n, (*slots, (slot, code)), depth, limit)
        if view.actor is not None and actors:
            if depth < _MAX_DEPTH:  # every actor that starts here, not only the longest
                self._actor_slot(out, view.actor, w, k, slots, depth, limit)
            return True
        return deep

    def _actor_slot(self, out: list, child: dict, w: Words, k: int, slots: tuple, depth: int, limit: int) -> None:
        """The walks on from an ``{actor}`` slot at sub-word ``k``: one per actor that starts there."""
        for hit in self._actors_from(w, k, depth + 1, limit):
            inner = self._resolve(w, k, hit)
            self._walk(out, child, w, w.at_token[inner.end], (*slots, ("{actor}", inner)), depth, limit)

    def _slot_at(self, slot: str, w: Words, k: int, limit: int) -> tuple[int, str] | None:
        """(sub-words taken, ISO2) of a nationality adjective or country name at sub-word ``k``, before
        ``limit``; looked up once per token list (patterns at many trie nodes ask for the same word)."""
        key = (slot, k, limit)
        if key not in w.memo:
            found = None
            if slot == "{country}":
                found = self.country(w.words[k : min(limit, k + 6)])
            elif k + 2 <= limit and (code := self._demonym_pair(w.words[k], w.words[k + 1])):
                found = 2, code  # the adjective in two words, else in one
            elif k + 1 <= limit and (code := self.demonym(w.words[k])):
                found = 1, code
            w.memo[key] = found
        return w.memo[key]  # type: ignore[return-value]  # the memo holds what this method stored

    def _actors_from(self, w: Words, k: int, depth: int, limit: int) -> list:
        """Every actor pattern matching from sub-word ``k`` at ``depth`` (the ``{actor}`` slot), found once
        per token list. The walk without the root's own ``{actor}`` slot is the same at every depth when it
        meets no other ``{actor}`` slot (most words), and is then walked once for all depths."""
        key = ("{actor}", k, depth, limit)
        hits = w.memo.get(key)
        if hits is None:
            shared = ("{actor}", k, None, limit)
            hits = w.memo.get(shared)
            if hits is None:
                hits = []
                if not self._walk(hits, self._actors, w, k, (), depth, limit, False):
                    w.memo[shared] = hits
            child = node_view(self._actors).actor
            if child is not None and depth < _MAX_DEPTH and k < limit:
                hits = list(hits)
                self._actor_slot(hits, child, w, k, (), depth, limit)
            w.memo[key] = hits
        return hits  # type: ignore[return-value]  # the memo holds what this method stored


def _gate(root: dict) -> tuple[dict, NodeView, bool]:
    """What :meth:`TrieMatcher._may_start` asks of a root: its memo (readings -> whether one begins a
    pattern), its view and whether some slot or capitalised word may begin a pattern too."""
    view = node_view(root)
    dynamic = bool(view.capital) or any(
        slot is not None for slot in (view.tilde, view.star, view.demonym, view.country)
    )
    return {}, view, dynamic
