"""Arabic: clitics glued to words (و ف ب ل ك and the article ال), verb-first order, dual nouns.

The tables of this folder are written as people write (وزارة الدفاع) and folded when loaded; words
in the text are matched in each of their readings, so لوزارة الدفاع and وأعلنت وزارة الدفاع match
the same pattern.

>>> LANGUAGE.readings("وللقوات")
('وللقوات', 'للقوات', 'القوات', 'قوات')
>>> LANGUAGE.verb_readings("وقالت"), LANGUAGE.dual_singular("طائرتين")
(('وقالت', 'قالت'), 'طائره')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources

from ..base import Language

__all__ = ["LANGUAGE", "Arabic"]

_ARABIC = re.compile(r"[\u0600-\u06ff]")
#: Proclitics, outermost first: a conjunction, then a preposition, then the article.
_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بلك"
_ARTICLE = "ال"
#: Object pronouns glued to a verb or verbal noun (دمرها, استعادتها).
_ENCLITICS = ("هما", "هم", "ها", "ه")


class Arabic(Language):
    """Arabic (Modern Standard, as news writes it)."""

    digit_proclitics = "وفبلك"
    year_suffixes = ("م",)  # 2020م: "AD"
    conjunction_proclitics = _CONJUNCTIONS
    locative_proclitics = "ب"
    people_plural = re.compile(r"\w{3,}(?:يين|يون)")  # فلسطينيين, سوريون

    def _readings(self, norm: str) -> tuple[str, ...]:
        """Peels at most a conjunction (و ف), a preposition (ب ل ك) and the article (ال, or the ل of
        لل after ل). Every reading is kept: وباكو may be "and Baku"; ولاية is a word of its own."""
        if not _ARABIC.search(norm):
            return (norm,)
        out = [norm]
        word = norm
        if len(word) > 3 and word[0] in _CONJUNCTIONS:
            word = word[1:]
            out.append(word)
        if len(word) > 3 and word[0] in _PREPOSITIONS:
            if word.startswith("لل") and len(word) > 4:  # ل + ال: للقوات = ل + القوات
                out.append(_ARTICLE + word[2:])
                word = word[2:]
                out.append(word)
            else:
                word = word[1:]
                out.append(word)
        if len(word) > 4 and word.startswith(_ARTICLE):
            out.append(word[2:])
        return tuple(dict.fromkeys(out))  # in order, each reading once

    def has_glued_preposition(self, prefix: str) -> bool:
        """ب ل ك among the peeled letters, the article aside (للقوات holds ل; الأرمينية none)."""
        bare = prefix[:-2] if prefix.endswith(_ARTICLE) else prefix
        return any(ch in _PREPOSITIONS for ch in bare) or prefix.startswith("لل")

    def is_lone_clitic(self, norm: str) -> bool:
        return norm in _LONE

    def fused_readings(self, norm: str) -> tuple[str, ...]:
        """A name of two words glued at an inner article: حفرالباطن reads حفر الباطن."""
        return self._memoised("fused", norm, _fused)

    def verb_readings(self, norm: str) -> tuple[str, ...]:
        """A verb may carry و or ف, then ل or س before a present tense (وسيعلن, فلتعلن)."""
        return self._memoised("verb", norm, _verb_forms)

    def is_definite(self, norm: str) -> bool:
        return any(r.startswith(_ARTICLE) for r in self.readings(norm))

    def item_readings(self, norm: str) -> tuple[str, ...]:
        """Readings plus the accusative without its ا (عنصرا -> عنصر, مدنيا -> مدني)."""
        return self._memoised("item", norm, self._item_forms)

    def _item_forms(self, norm: str) -> tuple[str, ...]:
        out = self.readings(norm)
        return out + tuple(r[:-1] for r in out if _ARABIC.search(r) and r.endswith("ا") and len(r) > 3)

    def action_readings(self, norm: str) -> tuple[str, ...]:
        return self._memoised("action", norm, self._action_forms)

    def _action_forms(self, norm: str) -> tuple[str, ...]:
        out = self.item_readings(norm)
        return out + tuple(
            r[: -len(s)] for r in out if _ARABIC.search(r) for s in _ENCLITICS if r.endswith(s) and len(r) > len(s) + 2
        )

    def noun_readings(self, norm: str) -> tuple[str, ...]:
        """A noun right after its number carries no conjunction ("16 ومنظومة" is not one)."""
        return self._memoised("noun", norm, self._noun_forms)

    def _noun_forms(self, norm: str) -> tuple[str, ...]:
        out = self.item_readings(norm)
        if _ARABIC.search(norm) and norm[0] in _CONJUNCTIONS:
            return tuple(r for r in out if r[0] == norm[0])
        return out

    def dual_singular(self, norm: str, readings: Callable[[str], tuple[str, ...]] | None = None) -> str | None:
        """طائرتين -> طائره, صاروخين -> صاروخ; the construct state منصتي -> منصه."""
        for r in (readings or self.readings)(norm):
            if _ARABIC.search(r) and len(r) > 4:
                if r.endswith(("تين", "تان")):
                    return r[:-3] + "ه"
                if r.endswith(("ين", "ان")):
                    return r[:-2]
                if r.endswith("تي"):
                    return r[:-2] + "ه"
        return None


_LONE = frozenset({*_CONJUNCTIONS, *_PREPOSITIONS, _ARTICLE})


def _fused(norm: str) -> tuple[str, ...]:
    if " " in norm or not _ARABIC.search(norm):
        return ()
    out = []
    k = norm.find(_ARTICLE, 2)
    while k > 1:  # at least two letters before, and a word of three after the article
        if len(norm) - k - 2 >= 3:
            out.append(f"{norm[:k]} {norm[k:]}")
        k = norm.find(_ARTICLE, k + 1)
    return tuple(out)


def _verb_forms(norm: str) -> tuple[str, ...]:
    words = [norm]
    if _ARABIC.search(norm):
        words += [w[1:] for w in words if len(w) > 3 and w[0] in _CONJUNCTIONS]
        words += [w[1:] for w in words if len(w) > 3 and w[0] in "لس"]
    return tuple(words)


LANGUAGE = Arabic(
    "ar",
    "Arabic",
    resources.files(__name__),
    cldr="ar",
    subject_first=False,
    adjective_after_noun=True,
)
