"""Clause splitting: a sentence cut into propositions, each with one speaker, one stance and the places
and verb of what it says kept together.

- :func:`split_contrast`: at contrast words (في حين، غير أن، while, but), unless what follows is a
  fragment without a predicate of its own ("..., but no casualties"), which stays with its clause.
- :func:`split_propositions`: before a participle that goes on with the speaker's words (مشيرا،
  نافيا، "saying", "denying") and before a coordinated reporting verb ("denied losing ground and
  said its fighters seized ..."): each proposition takes its own stance, so a denial governs what it
  denies, not the assertion coordinated after it.

The cut between two speakers of one clause ("أذربيجان تعلن ... وأرمينيا تنفي") needs the speaker
rules and is made in :mod:`.attribute`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..lang import Language
from ..model import Token
from ..nlp.discourse import discourse, phrase_at
from ..nlp.lexicon import Lexicon

__all__ = ["split_contrast", "split_propositions", "FRAGMENT_WORDS"]

#: A part after a contrast word with fewer words than this and no reporting verb is a fragment.
FRAGMENT_WORDS = 4
_COMMAS = frozenset({",", "،", ";", "؛"})


def _words(tokens: Sequence[Token]) -> int:
    return sum(t.is_word for t in tokens)


def split_contrast(tokens: Sequence[Token], lexicon: Lexicon) -> list[list[Token]]:
    """Cut a sentence's tokens at contrast words; a fragment after one stays with the clause before."""
    language = lexicon.language
    contrast = discourse(language)["contrast"]
    parts: list[list[Token]] = [[]]
    for i, tok in enumerate(tokens):
        hit = phrase_at(tokens, i, contrast) if parts[-1] else None
        if hit is not None and _words(parts[-1]) >= 3 and not _fragment(tokens[i + hit[0] :], lexicon):
            parts.append([])
        parts[-1].append(tok)
    return [p for p in parts if any(t.is_word for t in p)]


def _fragment(rest: Sequence[Token], lexicon: Lexicon) -> bool:
    """Words after a contrast word up to the sentence's end (or the next comma) that hold no verb."""
    upto = []
    for t in rest:
        if t.text in _COMMAS:
            break
        upto.append(t)
    if any(lexicon.verb(t) is not None for t in rest):
        return False
    return _words(upto) < FRAGMENT_WORDS and _words(rest) < FRAGMENT_WORDS * 2


def _glued_conjunction(tok: Token, language: Language) -> bool:
    """The token carries a conjunction glued to it (Arabic وأكد)."""
    return len(language.conjunction_readings(tok.norm)) > 1 and tok.norm[:1] in language.conjunction_proclitics


def split_propositions(part: Sequence[Token], lexicon: Lexicon) -> list[list[Token]]:
    """Cut a clause before a participle or a coordinated reporting verb (see the module docstring)."""
    language = lexicon.language
    conjunctions = language.words("conjunction")
    cuts = []
    seen_verb = False
    for k, tok in enumerate(part):
        verb = lexicon.verb(tok) if tok.is_word else None
        if verb is None:
            continue
        if seen_verb and _words(part[:k]) >= 2 and verb.kind not in ("according_to", "allegation"):
            prev = part[k - 1] if k else None
            if (
                verb.kind == "participle"
                and prev is not None
                and (prev.text in _COMMAS or _glued_conjunction(tok, language))
            ):
                cuts.append(k)
            elif verb.kind == "participle" and prev is not None and prev.norm in conjunctions:
                cuts.append(k - 1)
            elif verb.kind != "participle" and prev is not None and prev.norm in conjunctions and prev.is_word:
                cuts.append(k - 1)  # "... and said"
            elif verb.kind != "participle" and _glued_conjunction(tok, language) and prev is not None:
                cuts.append(k)  # "... وأكد"
        seen_verb = True
    out, start = [], 0
    for c in cuts:
        if c > start:
            out.append(list(part[start:c]))
            start = c
    out.append(list(part[start:]))
    return [p for p in out if any(t.is_word for t in p)]
