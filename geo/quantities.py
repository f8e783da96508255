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

Words live in ``data/number_words.tsv``, ``quantity_items.tsv``, ``quantity_actions.tsv`` and
``quantity_qualifiers.tsv``, folded at load.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache, partial

from .dates import Match, PhraseTable, Word, date_spans, read_table, reading_tuple, words
from .text import is_arabic

__all__ = ["Quantity", "find_quantities", "fatalities"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count found in a sentence; ``part`` marks a count within one given before ("including 3 children")."""

    value: int
    item: str | None
    action: str | None
    qualifier: str | None
    start: int
    end: int
    text: str
    part: bool = False

    def as_dict(self) -> dict:
        """The output form: value, item and action, and the qualifier when there is one."""
        out: dict = {"value": self.value, "item": self.item, "action": self.action}
        if self.qualifier:
            out["qualifier"] = self.qualifier
        return out


@cache
def _tables(lang: str) -> dict[str, PhraseTable]:
    """The word lists of ``lang``: items -> (item, kind), actions -> (action, applies), numbers -> (kind, value)."""
    items = read_table("quantity_items.tsv", lang)
    quals = read_table("quantity_qualifiers.tsv", lang)

    def kind(*kinds: str) -> PhraseTable:
        return PhraseTable((r[1], (None if r[2] == "-" else r[2], r[3])) for r in items if r[3] in kinds)

    return {
        "numbers": PhraseTable((r[1], (r[3], int(r[2]))) for r in read_table("number_words.tsv", lang)),
        "items": kind("person", "equipment", "place", "ellipsis"),
        "measures": kind("measure"),
        "designations": kind("designation"),
        "links": kind("link"),
        "stops": kind("stop", "coordinator"),
        "coordinators": kind("coordinator"),
        "actions": PhraseTable((r[1], (r[2], r[3])) for r in read_table("quantity_actions.tsv", lang)),
        "before": PhraseTable((r[1], r[2]) for r in quals if r[3] == "before"),
        "after": PhraseTable((r[1], r[2]) for r in quals if r[3] == "after"),
    }


@cache
def _item_kinds() -> dict[str, str]:
    return {r[2]: r[3] for r in read_table("quantity_items.tsv") if r[3] in ("person", "equipment", "place")}


@cache
def _applies() -> dict[str, str]:
    return {r[2]: r[3] for r in read_table("quantity_actions.tsv")}


def _fits(applies: str, kind: str | None) -> bool:
    """Whether an action that happens to ``applies`` (person|thing|any) can happen to an item of ``kind``."""
    return applies == "any" or kind is None or (kind == "person") == (applies == "person")


_DIGITS = re.compile(r"[وفبلك]{0,2}(\d[\d,.٬٫]*)")
_SEPARATORS = frozenset(",.٬٫")
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ians|ans|is|ese|ites)|\w{3,}(?:يين|يون)")  # plurals of peoples
_ENCLITICS = ("هما", "هم", "ها", "ه")
_PARSED_INT = re.compile(r"\d{1,3}(,\d{3})+|\d+")
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")
_DECIMAL = re.compile(r"\d+\.\d+")
_A_DIGIT = re.compile(r"\d")
# Readers: the ways to read a word for lookup (memoised per word, as shared tuples).
_conj = partial(reading_tuple, peel="conj")
Reader = Callable[[str], Sequence[str]]


@lru_cache(maxsize=65536)
def _item_readings(norm: str) -> tuple[str, ...]:
    """Readings plus the Arabic accusative without its ا (عنصرا -> عنصر, مدنيا -> مدني)."""
    out = reading_tuple(norm)
    return out + tuple(r[:-1] for r in out if is_arabic(r) and r.endswith("ا") and len(r) > 3)


@lru_cache(maxsize=65536)
def _action_readings(norm: str) -> tuple[str, ...]:
    """Item readings plus each without an object pronoun (دمرها -> دمر, استعادتها -> استعادت)."""
    out = _item_readings(norm)
    return out + tuple(
        r[: -len(s)] for r in out if is_arabic(r) for s in _ENCLITICS if r.endswith(s) and len(r) > len(s) + 2
    )


@lru_cache(maxsize=65536)
def _noun_readings(norm: str) -> tuple[str, ...]:
    """Item readings of a noun right after its number, which carries no conjunction ("16 ومنظومة" is not one)."""
    out = _item_readings(norm)
    return tuple(r for r in out if r[0] == norm[0]) if is_arabic(norm) and norm[0] in "وف" else out


def _undual(norm: str, readings_of: Reader = reading_tuple) -> str | None:
    """The singular an Arabic dual may stand for (طائرتين -> طائره, صاروخين -> صاروخ), else None."""
    for r in readings_of(norm):
        if is_arabic(r) and len(r) > 4:
            if r.endswith(("تين", "تان")):
                return r[:-3] + "ه"
            if r.endswith(("ين", "ان")):
                return r[:-2]
            if r.endswith("تي"):  # construct state: منصتي صواريخ
                return r[:-2] + "ه"
    return None


def _parse_digits(text: str, scaled: bool) -> float | None:
    text = text.replace("٬", ",").replace("٫", ".")
    if _PARSED_INT.fullmatch(text) or (not scaled and _DOTTED_THOUSANDS.fullmatch(text)):
        return int(text.replace(",", "").replace(".", ""))
    return float(text) if _DECIMAL.fullmatch(text) else None


class _Finder:
    """Finds the quantities of one sentence, left to right."""

    def __init__(self, sentence: str, lang: str):
        self.sentence, self.t = sentence, _tables(lang)
        self.ws: tuple[Word, ...] = words(sentence)
        self.norms = [w.norm for w in self.ws]
        self.dates = date_spans(sentence, lang=lang)
        self.acts: dict[int, Match] = {}
        i = 0
        while i < len(self.ws):  # actions, longest first, so "وقف إطلاق النار" hides its إطلاق
            if m := self.at("actions", i, _action_readings):
                self.acts[i] = m
            i = m.end if m else i + 1
        self.last: tuple[str | None, str | None] = (None, None)

    def at(self, table: str, i: int, readings_of: Reader = reading_tuple) -> Match | None:
        return self.t[table].match(self.norms, i, readings_of)

    def in_date(self, i: int) -> bool:
        return any(s <= self.ws[i].start < e for s, e in self.dates)

    def is_word(self, i: int) -> bool:
        return i < len(self.ws) and any(ch.isalnum() for ch in self.ws[i].norm)

    def run(self) -> list[Quantity]:
        out, i = [], 0
        while i < len(self.ws):
            got = None if self.in_date(i) else self.count_at(i) or self.noun_at(i)
            if got is None:
                i += 1
                continue
            i, q = got
            if q:
                out.append(q)
                if q.item and not q.part:
                    self.last = (q.item, _item_kinds().get(q.item))
        return self.share_actions(out)

    def share_actions(self, out: list[Quantity]) -> list[Quantity]:
        """Coordinated counts share a verb that follows them: "710 soldiers and 36 civilians were killed"."""
        for k in range(len(out) - 2, -1, -1):
            a, b = out[k], out[k + 1]
            gap = [w.norm for w in words(self.sentence[a.end : b.start])]
            joined = all(g in (",", "،") or self.t["coordinators"].match([g], 0) for g in gap)
            if (
                a.action is None
                and b.action
                and joined
                and _fits(_applies()[b.action], _item_kinds().get(a.item or ""))
            ):
                out[k] = replace(a, action=b.action)
        return out

    def number(self, k: int) -> tuple[int, int | None, bool] | None:
        """A number at word ``k``: (next index, value or None when vague or fractional, written in digits)."""
        if k >= len(self.ws):
            return None
        w, n = self.ws[k], self.norms
        if w.whole and (m := _DIGITS.fullmatch(w.norm)):
            text, j = m.group(1), k + 1
            while (  # "١٬٠٠٠", "٢٫٥": separators the tokenizer left apart
                j + 1 < len(self.ws)
                and n[j] in _SEPARATORS
                and self.ws[j - 1].end == self.ws[j].start
                and self.ws[j].end == self.ws[j + 1].start
                and n[j + 1].isdigit()
            ):
                text, j = text + n[j] + n[j + 1], j + 2
            scale = self.t["numbers"].match(n, j, _conj)
            scaled = bool(scale and scale.value[0] in ("scale", "scale_plural", "multiplier"))
            value = _parse_digits(text, scaled)
            if scaled and value is not None:
                value, j = value * scale.value[1], scale.end  # type: ignore[union-attr]
            return j, int(value) if value and value == int(value) else None, True
        total = current = 0
        j, seen = k, False
        while (m := self.t["numbers"].match(n, j, _conj)) or (seen and n[j : j + 1] == ["and"]):
            if m is None:  # "one hundred and five"
                j += 1
                continue
            kind, v = m.value
            nxt = self.t["numbers"].match(n, m.end, _conj)
            if kind in ("vague", "scale_plural") and not seen:
                return m.end, None, False
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
            j, seen = m.end, True
        return (j, total + current, False) if seen else None

    def loose(self, j: int) -> bool:
        """Whether the word after a number leaves it standing alone ("killed 5 in ...", "5 were killed")."""
        return j in self.acts or any(self.at(t, j) for t in ("stops", "links", "after", "before"))

    def designated(self, i: int) -> bool:
        """Whether a designation word ends right before word ``i`` ("إس 300", "الساعة 10")."""
        return any((m := self.at("designations", k)) and m.end == i for k in (i - 1, i - 2))

    def item(self, p: int, after_number: bool = False) -> tuple[int, str | None, str, bool] | None:
        """A counted noun at word ``p``: (next index, item, kind, is an Arabic dual)."""
        rd = _noun_readings if after_number else _item_readings
        if m := self.at("items", p, rd):
            return m.end, m.value[0], m.value[1], False
        base = _undual(self.norms[p], rd) if p < len(self.ws) else None
        if base:  # طائرتين مسيرتين -> طائره مسيره
            alt = [base] + [_undual(x) or x for x in self.norms[p + 1 : p + 3]]
            if m := self.t["items"].match(alt, 0, _item_readings):
                return p + m.end, m.value[0], m.value[1], True
        if p < len(self.ws) and (_DEMONYM.fullmatch(self.ws[p].text) or _DEMONYM.fullmatch(self.norms[p])):
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
            w = self.norms[p]  # English adjectives stand before the noun: "two Armenian drones"
            if is_arabic(w) or not w.isalpha() or self.at("stops", p) or p in self.acts:
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
                conj = is_arabic(self.norms[p]) and self.norms[p][0] in "وف" and m.reading[0] != self.norms[p][0]
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
        if (is_arabic(nxt) and nxt[0] in "وف") or nxt in ("and", "or"):
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
        after = self.at("numbers", end, _conj)
        written = after.value[1] if after and after.value[0] == "unit" and after.value[1] <= 2 else None
        if not dual and written is None:
            return None
        j = after.end if written else end  # type: ignore[union-attr]
        return j, self.finish(i, j, written or 2, None, False, (i, j, item, kind))


def find_quantities(sentence: str, *, lang: str) -> list[Quantity]:
    """The quantities of one sentence, in text order (lang "ar" or "en"; others: every word list)."""
    return _Finder(sentence, lang if lang in ("ar", "en") else "*").run()


def fatalities(quantities: list[Quantity]) -> int | None:
    """People killed in one report: the sum of the distinct killed-people counts; None if there is none.

    Counts given as part of another ("including 3 children") are not added again.
    """
    people = (None, *(item for item, kind in _item_kinds().items() if kind == "person"))
    killed = [q for q in quantities if q.action == "killed" and not q.part and q.item in people]
    return sum({(q.value, q.item): q.value for q in killed}.values()) if killed else None
