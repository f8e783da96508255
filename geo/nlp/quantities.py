"""Counts in war reporting: "دمر 50 مدرعة، و241 دبابة، واستولى على 39 أخرى" -> 50 armoured vehicles
destroyed, 241 tanks destroyed, 39 tanks captured.

A quantity is a number (digits in any script, with thousands separators; number words; or an
Arabic dual noun, which means 2 with no number written: "إسقاط طائرتين مسيّرتين") together with
the thing it counts (the noun after it, in any of its forms) and what happened to it (the nearest
verb or verbal noun of its clause: before it, "دمر 50 مدرعة", or after it, "60 مدنيا أذريا قتلوا";
or the noun itself, "60 قتيلا"). "أخرى"/"others" takes the thing of the quantity before it.

Rules that keep other numbers out:

- a number after a designation word, with no counted noun after it, is a name ("إس 300", "الساعة 10",
  "القرار 2254"); numbers glued to letters ("S-300", "F-16", "TB2") never count;
- a number inside a date expression (see :mod:`geo.dates`) is a date ("في العاشر و17 من هذا الشهر");
- a number before a measure is a measure (km, days, %, dollars): skipped, percentages included;
- a year-like number (1900-2100) with no counted noun is skipped;
- a number with neither a counted noun nor an action is skipped, and so is one before a word the lists
  do not know ("قتل 5 أشخاص في 3 هجمات"); a plural of a people counts persons ("3 فلسطينيين", "5 Israelis");
- places are counted only when something happened to them ("captured 3 villages", not "the third of
  7 cities");
- vague counts (عشرات, مئات, dozens, hundreds) and a noun without a number are not quantities.

Words live in each language pack's ``numbers.tsv``, ``quantity_items.tsv``, ``quantity_actions.tsv``
and ``quantity_qualifiers.tsv``, folded at load; the forms of nouns (duals, the Arabic accusative,
object pronouns) are the pack's (:class:`geo.lang.Language`).

>>> from geo.lang import get_language
>>> [q.as_dict() for q in find_quantities("دمرت القوات 5 دبابات", language=get_language("ar"))]
[{'value': 5, 'item': 'tank', 'action': 'destroyed'}]
>>> find_quantities("", language=get_language("en"))
[]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cached_property, lru_cache
from typing import Any

from ..lang import Language
from ..model import Quantity
from .dates import date_spans
from .firsts import FirstWords
from .phrases import Match, PhraseTable
from .tokens import tokenize
from .words import Piece, Words

__all__ = ["Quantity", "find_quantities", "fatalities"]


class _Tables:
    """A language's number and quantity words, compiled once (see :meth:`Language.derived`):
    items -> (item, kind), actions -> (action, applies), numbers -> (kind, value)."""

    def __init__(self, language: Language):
        items = language.table("quantity_items").rows
        quals = language.table("quantity_qualifiers").rows

        def kind(*kinds: str) -> list[tuple[str, tuple]]:
            return [(r[0], (None if r[1] == "-" else r[1], r[2])) for r in items if r[2] in kinds]

        actions = language.table("quantity_actions").rows
        entries: dict[str, list[tuple[str, Any]]] = {
            "numbers": [(r[0], (r[2], int(r[1]))) for r in language.table("numbers")],
            "items": kind("person", "equipment", "place", "ellipsis"),
            "measures": kind("measure"),
            "designations": kind("designation"),
            "links": kind("link"),
            "stops": kind("stop", "coordinator"),
            "coordinators": kind("coordinator"),
            "actions": [(r[0], (r[1], r[2])) for r in actions],
            "before": [(r[0], r[1]) for r in quals if r[2] == "before"],
            "after": [(r[0], r[1]) for r in quals if r[2] == "after"],
        }
        self.tables = {name: PhraseTable(rows) for name, rows in entries.items()}
        #: whether a phrase of a table may begin at a word, in the reading the finder matches it with
        self.starts = {
            name: FirstWords((form for form, _ in entries[name]), reader)
            for name, reader in (
                ("before", language.readings),
                ("numbers", language.conjunction_readings),
                ("items", language.item_readings),
                ("actions", language.action_readings),
            )
        }
        #: item -> kind, for counted things; action -> what it may happen to (person|thing|any)
        self.item_kinds = {r[1]: r[2] for r in items if r[2] in ("person", "equipment", "place")}
        self.applies = {r[1]: r[2] for r in actions}
        glued = f"[{re.escape(language.digit_proclitics)}]{{0,2}}" if language.digit_proclitics else ""
        self.digits = re.compile(glued + r"(\d[\d,.٬٫]*)")
        self.lang = language
        self.may_begin = lru_cache(maxsize=65536)(self._may_begin)

    def _may_begin(self, norm: str) -> bool:
        """Whether a quantity may begin at a word folded ``norm`` by its number words, a qualifier
        before a number or a counted noun (digits and plurals of peoples aside): a word that begins
        none of them is passed over at once, as most words are."""
        lang, starts, plural = self.lang, self.starts, self.lang.people_plural
        return (
            starts["before"](norm)
            or starts["numbers"](norm)
            or starts["items"](norm)
            or lang.dual_singular(norm, lang.item_readings) is not None
            or bool(plural and plural.fullmatch(norm))
        )

    def forget(self) -> None:
        for table in (*self.tables.values(), *self.starts.values()):
            table.forget()
        self.may_begin.cache_clear()


def _tables(language: Language) -> _Tables:
    return language.derived("quantities", lambda: _Tables(language))


def _fits(applies: str, kind: str | None) -> bool:
    """Whether an action that happens to ``applies`` (person|thing|any) can happen to an item of ``kind``."""
    return applies == "any" or kind is None or (kind == "person") == (applies == "person")


_SEPARATORS = frozenset(",.٬٫")
_PARSED_INT = re.compile(r"\d{1,3}(,\d{3})+|\d+")
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
_DECIMAL = re.compile(r"\d+\.\d+")
_A_DIGIT = re.compile(r"\d")
Reader = Callable[[str], Sequence[str]]


def _parse_digits(text: str, scaled: bool) -> float | None:
    text = text.replace("٬", ",").replace("٫", ".")
    if _PARSED_INT.fullmatch(text) or (not scaled and _DOTTED_THOUSANDS.fullmatch(text)):
        return int(text.replace(",", "").replace(".", ""))
    return float(text) if _DECIMAL.fullmatch(text) else None


class _Finder:
    """Finds the quantities of one sentence, left to right."""

    def __init__(self, sentence: str, words: Words, language: Language):
        self.sentence, self.lang, self.words = sentence, language, words
        self.tables = _tables(language)
        self.t = self.tables.tables
        self.ws: list[Piece] = words.pieces
        self.norms = words.words
        self.last: tuple[str | None, str | None] = (None, None)

    @cached_property
    def dates(self) -> list[tuple[int, int]]:
        """The spans of the sentence's dates (read once a word may begin a quantity)."""
        return date_spans(self.sentence, language=self.lang, words=self.words)

    @cached_property
    def acts(self) -> dict[int, Match]:
        """The actions at each word, longest first, so "وقف إطلاق النار" hides its إطلاق."""
        acts, i, may_act = {}, 0, self.tables.starts["actions"]
        while i < len(self.ws):
            m = self.at("actions", i, self.lang.action_readings) if may_act(self.norms[i]) else None
            if m:
                acts[i] = m
            i = m.end if m else i + 1
        return acts

    def at(self, table: str, i: int, readings_of: Reader | None = None) -> Match | None:
        return self.t[table].match(self.norms, i, readings_of or self.lang.readings)

    def glued(self, norm: str) -> bool:
        """Whether ``norm`` starts with a conjunction written glued to it (و241)."""
        chars = self.lang.conjunction_proclitics
        return bool(chars) and norm[:1] in chars

    def in_date(self, i: int) -> bool:
        return any(s <= self.ws[i].start < e for s, e in self.dates)

    def is_word(self, i: int) -> bool:
        return i < len(self.ws) and any(ch.isalnum() for ch in self.ws[i].norm)

    def run(self) -> list[Quantity]:
        out, i = [], 0
        may_begin, digits, plural = self.tables.may_begin, self.tables.digits, self.lang.people_plural
        while i < len(self.ws):
            w = self.ws[i]  # the tables read the view's words, digits the piece's norm
            if not (
                may_begin(self.norms[i])
                or (w.whole and digits.fullmatch(w.norm))
                or (plural and plural.fullmatch(w.text))
            ):
                i += 1  # nothing can begin here: no number, qualifier or counted noun
                continue
            got = None if self.in_date(i) else self.count_at(i) or self.noun_at(i)
            if got is None:
                i += 1
                continue
            i, q = got
            if q:
                out.append(q)
                if q.item and not q.part:
                    self.last = (q.item, self.tables.item_kinds.get(q.item))
        return self.share_actions(out)

    def share_actions(self, out: list[Quantity]) -> list[Quantity]:
        """Coordinated counts share a verb that follows them: "710 soldiers and 36 civilians were killed"."""
        for k in range(len(out) - 2, -1, -1):
            a, b = out[k], out[k + 1]
            gap = [w.norm for w in self.ws if a.end <= w.start < b.start]
            joined = all(g in (",", "،") or self.t["coordinators"].match([g], 0, self.lang.readings) for g in gap)
            if (
                a.action is None
                and b.action
                and joined
                and _fits(self.tables.applies[b.action], self.tables.item_kinds.get(a.item or ""))
            ):
                out[k] = replace(a, action=b.action)
        return out

    def number(self, k: int) -> tuple[int, int | None, bool] | None:
        """A number at word ``k``: (next index, value or None when vague or fractional, written in digits)."""
        if k >= len(self.ws):
            return None
        w, n = self.ws[k], self.norms
        if w.whole and (m := self.tables.digits.fullmatch(w.norm)):
            text, j = m.group(1), k + 1
            while (  # "١٬٠٠٠", "٢٫٥": separators the tokenizer left apart
                j + 1 < len(self.ws)
                and n[j] in _SEPARATORS
                and self.ws[j - 1].end == self.ws[j].start
                and self.ws[j].end == self.ws[j + 1].start
                and n[j + 1].isdigit()
            ):
                text, j = text + n[j] + n[j + 1], j + 2
            scale = self.t["numbers"].match(n, j, self.lang.conjunction_readings)
            scaled = bool(scale and scale.value[0] in ("scale", "scale_plural", "multiplier"))
            value = _parse_digits(text, scaled)
            if scaled and value is not None:
                value, j = value * scale.value[1], scale.end  # type: ignore[union-attr]
            return j, int(value) if value and value == int(value) else None, True
        total = current = 0
        j, seen = k, False
        while (word := self.t["numbers"].match(n, j, self.lang.conjunction_readings)) or (
            seen and n[j : j + 1] == ["and"]
        ):
            if word is None:  # "one hundred and five"
                j += 1
                continue
            kind, v = word.value
            nxt = self.t["numbers"].match(n, word.end, self.lang.conjunction_readings)
            if kind in ("vague", "scale_plural") and not seen:
                return word.end, None, False
            if kind == "article" and not (nxt and nxt.value[0] in ("multiplier", "scale")):
                break
            if kind == "teen_unit" and not (nxt and nxt.value == ("unit", 10)):
                break
            if kind in ("unit", "teen_unit", "article"):
                current += v
            elif kind == "multiplier":
                current = (current or 1) * v
            elif kind in ("scale", "scale_plural"):
                total, current = total + (current or 1) * v, 0
            else:
                break
            j, seen = word.end, True
        return (j, total + current, False) if seen else None

    def loose(self, j: int) -> bool:
        """Whether the word after a number leaves it standing alone ("killed 5 in ...", "5 were killed")."""
        return j in self.acts or any(self.at(t, j) for t in ("stops", "links", "after", "before"))

    def designated(self, i: int) -> bool:
        """Whether a designation word ends right before word ``i`` ("إس 300", "الساعة 10")."""
        return any((m := self.at("designations", k)) and m.end == i for k in (i - 1, i - 2))

    def item(self, p: int, after_number: bool = False) -> tuple[int, str | None, str, bool] | None:
        """A counted noun at word ``p``: (next index, item, kind, is an Arabic dual)."""
        rd = self.lang.noun_readings if after_number else self.lang.item_readings
        if m := self.at("items", p, rd):
            return m.end, m.value[0], m.value[1], False
        base = self.lang.dual_singular(self.norms[p], rd) if p < len(self.ws) else None
        if base:  # طائرتين مسيرتين -> طائره مسيره
            alt = [base] + [self.lang.dual_singular(x) or x for x in self.norms[p + 1 : p + 3]]
            if m := self.t["items"].match(alt, 0, self.lang.item_readings):
                return p + m.end, m.value[0], m.value[1], True
        plural = self.lang.people_plural
        if p < len(self.ws) and plural and (plural.fullmatch(self.ws[p].text) or plural.fullmatch(self.norms[p])):
            return p + 1, "person", "person", False  # "3 فلسطينيين", "5 Israelis"
        return None

    def noun_after(self, j: int) -> tuple[int, int, str | None, str] | str | None:
        """The noun a number at ``j`` counts: (start, end, item, kind), "measure", or None."""
        p = j
        for _ in range(4):
            if p >= len(self.ws):
                return None
            if self.at("measures", p):
                return "measure"
            if it := self.item(p, after_number=True):
                return p, it[0], it[1], it[2]
            if link := self.at("links", p):
                p = link.end
                continue
            w = self.norms[p]  # where adjectives precede the noun, skip them: "two Armenian drones"
            if self.lang.adjective_after_noun or not w.isalpha() or self.at("stops", p) or p in self.acts:
                return None
            p += 1
        return None

    def action(self, start: int, end: int, noun_start: int | None, kind: str | None) -> str | None:
        """What happened: the counted noun itself, a verb after it, or the nearest one before it in the clause."""

        def fits(m: Match) -> bool:
            return m.value[0] not in ("none", "boundary") and _fits(m.value[1], kind)

        if noun_start is not None and (m := self.acts.get(noun_start)) and fits(m):
            return m.value[0]
        for p in range(end, min(end + 4, len(self.ws))):  # after: "60 مدنيا أذريا قتلوا", "were killed"
            if not self.is_word(p) or self.at("coordinators", p) or self.number(p):
                break
            if (m := self.acts.get(p)) and m.value[0] != "boundary":  # "5 soldiers who were killed"
                conj = self.glued(self.norms[p]) and m.reading[0] != self.norms[p][0]
                if not conj and fits(m):
                    return m.value[0]
                break
        steps, p = 0, start - 1
        while p >= 0 and steps < 12:  # before, within the clause
            if self.norms[p] in (",", "،") and self.clause_ends(p):
                break
            if m := self.acts.get(p):
                if m.value[0] == "boundary":
                    break
                if fits(m):
                    return m.value[0]
            steps += self.is_word(p)
            p -= 1
        return None

    def clause_ends(self, p: int) -> bool:
        """A comma ends a clause unless a conjunction or another count follows ("50 مدرعة، و241 دبابة")."""
        nxt = self.norms[p + 1] if p + 1 < len(self.norms) else ""
        if nxt and (self.glued(nxt) or self.at("coordinators", p + 1) is not None):
            return False
        return not (self.number(p + 1) or self.at("before", p + 1))

    def finish(
        self, start: int, j: int, value: int, qual: str | None, part: bool, noun: tuple | None
    ) -> Quantity | None:
        """The quantity, once its action is known; None when it has neither item nor action, or is a bare place."""
        noun_start, end, item, kind = noun if noun else (None, j, None, None)
        if kind == "ellipsis":
            item, kind = self.last
        action = self.action(start, end, noun_start, kind)
        if (item is None and action is None) or (kind == "place" and action is None):
            return None
        for p in (end, end + 1):  # "5 أشخاص على الأقل", "60 مدنيا أذريا على الأقل"
            if (m := self.at("after", p)) and (p == end or self.is_word(end)):
                qual, end = qual or m.value, m.end
                break
        s, e = self.ws[start].start, self.ws[end - 1].end
        if digit := _A_DIGIT.search(self.ws[start].text[:3]):  # "و241 دبابة" is written "241 دبابة"
            s += digit.start()
        return Quantity(value, item, action, qual, s, e, self.sentence[s:e], part)

    def count_at(self, i: int) -> tuple[int, Quantity | None] | None:
        """A (qualified) number at word ``i`` and what it counts."""
        k, qual, part = i, None, False
        while m := self.at("before", k):
            part, qual = (True, qual) if m.value == "part" else (part, m.value)
            k = m.end
        num = self.number(k) if k < len(self.ws) and not self.in_date(k) else None
        if num is None:
            return None
        j, value, digits = num
        noun = self.noun_after(j)
        if (
            value is None
            or noun == "measure"
            or (not noun and (self.designated(k) or digits and 1900 <= value <= 2100))
        ):
            return j, None
        if not noun and self.is_word(j) and not self.loose(j):  # "قتل 5 أشخاص في 3 هجمات": unknown noun
            return j, None
        return j, self.finish(i, j, value, qual, part, noun)  # type: ignore[arg-type]

    def noun_at(self, i: int) -> tuple[int, Quantity | None] | None:
        """A noun that carries its number: an Arabic dual, or a noun before واحد/اثنين ("دبابة واحدة")."""
        it = self.item(i)
        if it is None or it[2] == "ellipsis":
            return None
        end, item, kind, dual = it
        after = self.at("numbers", end, self.lang.conjunction_readings)
        written = after.value[1] if after and after.value[0] == "unit" and after.value[1] <= 2 else None
        if not dual and written is None:
            return None
        j = after.end if written else end  # type: ignore[union-attr]
        return j, self.finish(i, j, written or 2, None, False, (i, j, item, kind))


def find_quantities(sentence: str, *, language: Language, words: Words | None = None) -> list[Quantity]:
    """The quantities of one sentence, in text order.

    ``words`` is the sentence's word view when the caller has it (offsets relative to the
    sentence's start); otherwise the sentence is tokenised here.
    """
    if words is None:
        words = Words(tokenize(sentence, language=language))
    return _Finder(sentence, words, language).run()


def fatalities(quantities: Sequence[Quantity], language: Language) -> int | None:
    """People killed in one report: the sum of the distinct killed-people counts; None if there is none.

    Counts given as part of another ("including 3 children") are not added again.
    """
    people = (None, *(item for item, kind in _tables(language).item_kinds.items() if kind == "person"))
    killed = [q for q in quantities if q.action == "killed" and not q.part and q.item in people]
    return sum({(q.value, q.item): q.value for q in killed}.values()) if killed else None
