"""Rules that drop a spotted name which is not a place here, each a named function with one job
(tested one by one in ``tests/geo/recognize/test_filters.py``)."""

from __future__ import annotations

from collections.abc import Sequence

from ..lang import Language
from ..model import SETTLEMENT_FEATURES, Mention, Token
from ..nlp.lexicon import Lexicon
from ..options import MentionOptions

__all__ = ["everyday_word_is_place", "adjectival_nationality"]


def everyday_word_is_place(m: Mention, language: Language, options: MentionOptions) -> bool:
    """An everyday word is a place only when introduced as one (مدينة الباب) or when it names a
    well-known place (حلب, غزة): not the hamlet "At Taḩāluf" for التحالف ("the coalition")."""
    frequency = language.zipf(m.text)
    if " " in m.text.strip() or frequency < options.everyday_zipf:
        return True
    if m.cue is not None and m.cue.kind in ("feature", "region") and m.cue.feature in SETTLEMENT_FEATURES:
        return True
    best = max(m.candidates, key=lambda c: c.similarity + c.prior, default=None)
    if best is None:
        return False
    p = best.place
    if frequency >= options.very_common_zipf:
        # العاصمة "the capital" also names Sanaa's governorate: only a well-known city or country passes
        big_city = p.feature_class == "P" and p.population >= 100_000  # a division's people are its towns'
        return p.feature_code.startswith("PCL") or p.feature_code == "PPLC" or big_city
    return p.feature_class == "A" or p.feature_code in ("PPLC", "PPLA", "RGN") or p.population >= 100_000


def adjectival_nationality(m: Mention, tokens: Sequence[Token], language: Language, lexicon: Lexicon) -> bool:
    """A word that is both a country and a nationality, after a noun, is the adjective where
    adjectives follow their noun: "حافلة مدنية أرمينية" is an Armenian bus, not Armenia."""
    if not language.adjective_after_noun:
        return False
    word = m.text.strip()
    if " " in word or lexicon.demonym(word) is None:
        return False
    token = tokens[m.token_start]
    if language.has_glued_preposition(token.text[: m.start - token.start]):
        return False  # بأرمينية, لأرمينية: a preposition glued on makes it the country; ال alone does not
    if m.token_start == 0:
        return False
    prev = tokens[m.token_start - 1]
    return prev.is_word and prev.norm not in language.words("noun_preposition") and lexicon.verb(prev) is None
