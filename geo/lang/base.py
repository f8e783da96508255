"""What extraction knows about one language: its tables, its small word classes and its morphology.

A :class:`Language` is a folder of tables (the files named in :data:`TABLES`) plus the few facts and
word-shape rules no table holds well: how clitics attach (Arabic و ب ل ف ك and ال), word order, the
forms of numbers and ordinals. The base class is a language without clitics, written with case;
a pack subclasses it where its language differs (``geo/lang/ar``, ``geo/lang/en``).

Everything derived from the tables (lexicon tries, phrase tables) is built on first use and kept on
the language object (:meth:`Language.derived`), so a process builds each once.

>>> from geo.lang import get_language
>>> ar = get_language("ar")
>>> ar.readings("وباذربيجان")  # folded words (see gazetteer.fold)
('وباذربيجان', 'باذربيجان', 'اذربيجان')
>>> get_language("en").readings("syria's")
("syria's", 'syria')
>>> "في" in ar.words("locative_preposition")
True
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from functools import cached_property
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from gazetteer import fold

from .tables import Table, parse_table

__all__ = ["Language", "TABLES", "WORD_CLASSES"]

#: The tables every language pack ships (``NAME.tsv`` in its folder; a test checks each pack).
TABLES = (
    "actors",  # who makes claims: pattern, canonical name, side, side type, kind
    "common_words",  # everyday words never read as place names
    "countries",  # country names besides CLDR's
    "demonyms",  # nationality adjectives in every form -> ISO2
    "discourse",  # contrast words, anaphors, words between verb and subject, ...
    "events",  # event cues -> ACLED event and sub-event type
    "frequent_words",  # word frequencies (Zipf), for the everyday-word filter
    "places",  # place cues (مدينة، قرب، "the town of") -> kind, precision, feature
    "verbs",  # reporting verbs -> lemma, stance, kind
    "dates",  # weekday, month, relative-day words and their markers
    "numbers",  # number words and how they combine
    "quantity_items",  # what numbers count
    "quantity_actions",  # what happened to what was counted
    "quantity_qualifiers",  # "at least", "up to", "including"
    "words",  # small closed classes (WORD_CLASSES)
    "function_words",  # the most frequent words, to identify the language
)
#: The kinds of ``words.tsv``: every pack lists each (empty where the language has none).
WORD_CLASSES = (
    "noun_preposition",
    "locative_preposition",
    "target_preposition",
    "capital_word",
    "settlement_noun",
    "complementizer",
    "seat_link",
    "conjunction",
    "place_joiner",
    "name_joiner",
    "adjective_suffix",
    "name_link",
    "rank",
    "auxiliary",
    "distance_unit",
    "subordinator",
    "determiner",
    "relative",
    "person_title",
    "organisation_word",
)
_T = TypeVar("_T")
_MEMO_SIZE = 200_000  # words remembered per morphological lookup before the memo starts afresh


class Language:
    """A language pack: tables in ``directory`` plus the rules of its word forms.

    Parameters
    ----------
    code:
        ISO 639-1 code (``"ar"``), as ``--lang`` and article metadata give it.
    name:
        English name, for messages.
    directory:
        The folder of the pack's tables (a package folder or any directory, e.g. a test's).
    cldr:
        The CLDR locale whose country names the lexicon adds (via babel), or ``None``.
    subject_first:
        Speakers come before their verb ("Baku said"), as in English; ``False`` for verb-first
        languages such as Arabic ("أعلنت يريفان").
    adjective_after_noun:
        Adjectives follow their noun ("حافلة أرمينية"), so a word that is both a country and a
        nationality is the adjective after a noun.
    """

    #: Leading letters that may be glued to a number ("و241"): none in the base language.
    digit_proclitics: str = ""
    #: Letters that may follow a year ("2020م").
    year_suffixes: tuple[str, ...] = ()
    #: Endings that make a day number an ordinal ("10th").
    ordinal_suffixes: tuple[str, ...] = ()
    #: Conjunctions written glued to the next word (Arabic و ف).
    conjunction_proclitics: str = ""
    #: Prepositions written glued to the next word that make it a location (Arabic ب).
    locative_proclitics: str = ""
    #: Plurals of peoples, which count persons ("5 Israelis", "3 فلسطينيين"); None: none known.
    people_plural: re.Pattern[str] | None = None

    def __init__(
        self,
        code: str,
        name: str,
        directory: Path | Traversable,
        *,
        cldr: str | None = None,
        subject_first: bool = True,
        adjective_after_noun: bool = False,
    ):
        self.code = code
        self.name = name
        self.directory = directory
        self.cldr = cldr
        self.subject_first = subject_first
        self.adjective_after_noun = adjective_after_noun
        self._tables: dict[str, Table] = {}
        self._derived: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._memo: dict[str, dict[str, tuple[str, ...]]] = {}
        self._readings_memo: dict[str, tuple[str, ...]] = {}

    def __repr__(self) -> str:
        return f"<Language {self.code} ({self.name})>"

    # -- tables ----------------------------------------------------------------------------------
    def table(self, name: str) -> Table:
        """The pack's table ``name`` (``NAME.tsv``); an empty table when the pack has none."""
        table = self._tables.get(name)
        if table is None:
            path = self.directory.joinpath(f"{name}.tsv")
            text = path.read_text("utf-8") if path.is_file() else ""
            rows, macros = parse_table(text, f"{self.code}/{name}.tsv")
            table = self._tables[name] = Table(name, tuple(tuple(r) for r in rows), macros)
        return table

    def has_table(self, name: str) -> bool:
        """Whether the pack ships ``NAME.tsv``."""
        return self.directory.joinpath(f"{name}.tsv").is_file()

    def words(self, kind: str) -> frozenset[str]:
        """A small closed word class of ``words.tsv`` (folded), e.g. ``"complementizer"``."""
        return self._word_classes.get(kind, frozenset())

    @cached_property
    def _word_classes(self) -> dict[str, frozenset[str]]:
        out: dict[str, frozenset[str]] = {}
        for row in self.table("words"):
            out[row[0]] = frozenset(fold(w) or w for w in (row[1] if len(row) > 1 else "").split())
        return out

    @cached_property
    def function_words(self) -> frozenset[str]:
        """The language's most frequent words, lower-cased as written (for identification)."""
        return frozenset(w.lower() for row in self.table("function_words") for cell in row for w in cell.split())

    @cached_property
    def _frequencies(self) -> dict[str, float]:
        return {row[0]: float(row[1]) for row in self.table("frequent_words") if len(row) > 1}

    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` (log10 per billion words; 7 is "the", 4 a common word, 0 unseen)."""
        return self._frequencies.get(fold(word), 0.0)

    def derived(self, name: str, build: Callable[[], _T]) -> _T:
        """A structure built from the tables once per process (a lexicon, a phrase table)."""
        try:
            return self._derived[name]
        except KeyError:
            with self._lock:
                if name not in self._derived:
                    self._derived[name] = build()
            return self._derived[name]

    def forget(self) -> None:
        """Forget every per-word and per-sentence memo (of the language and of what was derived from
        its tables), keeping the tables: for benchmarks that time a first reading of new text."""
        self._readings_memo.clear()
        for memo in self._memo.values():
            memo.clear()
        for derived in list(self._derived.values()):
            forget = getattr(derived, "forget", None)
            if forget is not None:
                forget()

    # -- morphology ------------------------------------------------------------------------------
    def readings(self, norm: str) -> tuple[str, ...]:
        """The ways to read a folded word for lookup, longest first: the word, then what remains
        once its clitics are peeled. Memoised (every token asks); the tuple is shared."""
        found = self._readings_memo.get(norm)
        if found is None:
            if len(self._readings_memo) > _MEMO_SIZE:
                self._readings_memo.clear()
            found = self._readings_memo[norm] = self._readings(norm)
        return found

    def _readings(self, norm: str) -> tuple[str, ...]:
        return (norm,)

    def conjunction_readings(self, norm: str) -> tuple[str, ...]:
        """The word, and the word without a glued conjunction (for number and date words)."""
        if len(norm) > 2 and norm[0] in self.conjunction_proclitics:
            return (norm, norm[1:])
        return (norm,)

    def verb_readings(self, norm: str) -> tuple[str, ...]:
        """The forms a reporting verb is looked up under (a verb takes no article)."""
        return (norm,)

    def is_definite(self, norm: str) -> bool:
        """Whether the word carries a definite article glued to it (Arabic ال)."""
        return False

    def item_readings(self, norm: str) -> tuple[str, ...]:
        """Readings of a counted noun (Arabic adds the accusative without its ا)."""
        return self.readings(norm)

    def action_readings(self, norm: str) -> tuple[str, ...]:
        """Readings of an action word (Arabic also peels an object pronoun: دمرها -> دمر)."""
        return self.item_readings(norm)

    def noun_readings(self, norm: str) -> tuple[str, ...]:
        """Readings of a noun right after its number (which carries no conjunction)."""
        return self.item_readings(norm)

    def dual_singular(self, norm: str, readings: Callable[[str], tuple[str, ...]] | None = None) -> str | None:
        """The singular a dual noun stands for (a dual means two with no number written), or None."""
        return None

    def is_lone_clitic(self, norm: str) -> bool:
        """Whether a word is a clitic written apart (NewsFANE-style "و العراق"): no name starts or
        ends with one."""
        return False

    def fused_readings(self, norm: str) -> tuple[str, ...]:
        """Readings of a word that is two words written together (Arabic حفرالباطن = حفر الباطن)."""
        return ()

    def has_glued_preposition(self, prefix: str) -> bool:
        """Whether the letters glued before a word (its peeled clitics) hold a preposition."""
        return False

    def has_locative_proclitic(self, prefix: str) -> bool:
        """Whether the letters glued before a name (``بـ`` in بواشنطن) hold a locative preposition."""
        return bool(self.locative_proclitics) and any(ch in prefix for ch in self.locative_proclitics)

    def _memoised(self, kind: str, norm: str, compute: Callable[[str], tuple[str, ...]]) -> tuple[str, ...]:
        memo = self._memo.get(kind)
        if memo is None:
            memo = self._memo[kind] = {}
        found = memo.get(norm)
        if found is None:
            if len(memo) > _MEMO_SIZE:
                memo.clear()
            found = memo[norm] = compute(norm)
        return found
