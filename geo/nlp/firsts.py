"""Which words may begin a phrase of a table, answered with one look-up per word.

Dates and quantities try their phrase tables at every word of every sentence, and most words begin
no phrase at all. :class:`FirstWords` holds the first words of a table's phrases (folded as
:class:`~geo.nlp.phrases.PhraseTable` folds them) and remembers, per folded word, whether any of
its readings is one: a word it says no to is one at which the table matches nothing, so a scanner
may pass over it without asking the table.

>>> from geo.lang import get_language
>>> starts = FirstWords(["يوم الجمعة", "أمس"], get_language("ar").readings)
>>> starts("واليوم"), starts("وامس"), starts("الجمعه")  # folded words: يوم and امس begin phrases
(True, True, False)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from gazetteer import fold

__all__ = ["FirstWords"]

_MEMO_SIZE = 200_000  # words remembered, as PhraseTable remembers them


class FirstWords:
    """The first words of some phrases, and whether a word may begin one of them in one of its
    readings (``readings``, the reader the table is matched with)."""

    def __init__(self, forms: Iterable[str], readings: Callable[[str], Sequence[str]]):
        self.firsts = frozenset(parts[0] for form in forms if (parts := (fold(form) or form).split()))
        self.readings = readings
        self._memo: dict[str, bool] = {}

    def __call__(self, norm: str) -> bool:
        found = self._memo.get(norm)
        if found is None:
            if len(self._memo) > _MEMO_SIZE:
                self._memo.clear()
            found = self._memo[norm] = not self.firsts.isdisjoint(self.readings(norm))
        return found

    def forget(self) -> None:
        """Forget the words looked up (see :meth:`geo.lang.Language.forget`)."""
        self._memo.clear()
