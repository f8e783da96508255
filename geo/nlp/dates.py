"""Event dates in a sentence, resolved against the article's publication date.

War reports date events relative to the day they are published: "أعلنت الوزارة، الثلاثاء" is the
Tuesday of the publication week, "يوم الجمعة القادم" the Friday after it, "في العاشر و17 من هذا
الشهر" two days of the publication month. This module finds such expressions and turns them into
calendar dates with an ACLED time precision (1 the day, 2 a week or a range of days, 3 a month).

Rules (general, nothing fitted to one article):

- a weekday is the most recent such day on or before publication (the same day counts); with a
  future marker (القادم, next) the first one after it; with a past marker (الماضي, last) the last
  one before it; a night that runs into the next day ("ليل السبت الأحد", "overnight Saturday to
  Sunday") is the later day;
- اليوم/today, أمس/yesterday, الليلة الماضية/last night ... shift the publication date (precision 1);
- a day and a month ("17 تشرين الأول", "العاشر من أكتوبر", "October 10, 2020"; day numbers in digits
  or ordinal words; several days joined by و/and give several dates) take, without a year, the
  year that puts them at most a week after publication; "of this month" is the publication month;
- a range of days ("10-12 October", "من 10 إلى 12") is precision 2, dated its first day; a week
  ("last week") is precision 2, dated 7 days before publication per week back;
- a month alone ("منذ أبريل الماضي", "last month", "هذا الشهر") is precision 3, dated the 15th
  (mid-month) or, for the publication month, the publication date;
- numeric dates (2020-10-20, 20/10/2020, day first) are precision 1.

Without a publication date only expressions that carry a year resolve. The words live in each
language pack's ``dates.tsv``; digits glued to clitics ("و17") and ordinal suffixes ("10th") are the
pack's (:class:`geo.lang.Language`).

>>> import datetime as dt
>>> from geo.lang import get_language
>>> [(d.date.isoformat(), d.precision) for d in find_dates("قالت الوزارة الثلاثاء", dt.date(2020, 10, 22), language=get_language("ar"))]
[('2020-10-20', 1)]
>>> find_dates("", None, language=get_language("en"))
[]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang import Language
from .firsts import FirstWords
from .phrases import Match, PhraseTable
from .tokens import tokenize
from .words import Words

__all__ = ["EventDate", "find_dates", "event_date", "date_spans"]


@dataclass(frozen=True, slots=True)
class EventDate:
    """A date found in a sentence: the calendar day, its ACLED time precision, where it was written."""

    date: dt.date
    precision: int
    text: str
    start: int
    end: int


# --- Finding date expressions -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Raw:
    """A date expression before resolution: ``kind`` and ``args`` say how to compute the day."""

    start: int
    end: int
    kind: str  # abs | dm (day, month) | dr (day, month offset) | wd | rel | mo
    args: tuple
    precision: int


#: Kinds of date words no expression begins with (read only after another word by every reading of
#: :class:`_Scanner`): a joiner, "of", a year word, a weak weekday name.
_INNER = frozenset({"joiner", "of", "year_word", "weekday_weak"})
_MEMO_SIZE = 4096  # sentences whose date expressions are remembered (a clause is read twice)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[/.](\d{1,2})[/.](\d{4}))(?![\d/-]|\.\d)"
)


class _Grammar:
    """A language's date words and number forms, compiled once (see :meth:`Language.derived`)."""

    def __init__(self, language: Language):
        rows = language.table("dates")
        self.table = PhraseTable((r[0], (r[1], int(r[2]) if r[2].lstrip("-").isdigit() else r[2])) for r in rows)
        #: whether a phrase of a kind an expression opens with may begin at a word
        self.opens = FirstWords((r[0] for r in rows if r[1] not in _INNER), language.readings)
        glued = f"[{re.escape(language.digit_proclitics)}]" if language.digit_proclitics else ""
        self.int = re.compile(rf"{glued}{{0,2}}(\d{{1,2}})" if glued else r"(\d{1,2})")
        suffixes = "|".join(map(re.escape, language.ordinal_suffixes))
        self.ordinal = re.compile(rf"(\d{{1,2}})(?:{suffixes})") if suffixes else None
        years = "|".join(map(re.escape, language.year_suffixes))
        self.year = re.compile((f"{glued}?" if glued else "") + r"(\d{4})" + (f"(?:{years})?" if years else ""))
        self.readings = language.readings
        self.conjunctions = language.conjunction_proclitics
        self.memo: dict[str, tuple[_Raw, ...]] = {}
        ordinal = self.ordinal.fullmatch if self.ordinal else lambda _: None  # a whole word: 17, و17, 17th?
        self.number = lru_cache(maxsize=65536)(lambda norm: bool(self.int.fullmatch(norm) or ordinal(norm)))

    def starts(self, words: Words) -> list[int]:
        """The words where an expression may begin (a day number, or the first word of a phrase of a
        kind one opens with), one look-up each: at any other word the scanner finds nothing."""
        opens, number = self.opens, self.number
        return [
            i
            for i, (norm, w) in enumerate(zip(words.words, words.pieces, strict=True))
            if opens(norm) or (w.whole and number(w.norm))
        ]

    def forget(self) -> None:
        self.memo.clear()
        self.opens.forget()
        self.number.cache_clear()
        self.table.forget()


def _grammar(language: Language) -> _Grammar:
    return language.derived("dates", lambda: _Grammar(language))


class _Scanner:
    """Matches the date grammar over the words of one sentence."""

    def __init__(self, words: Words, grammar: _Grammar):
        self.ws = words.pieces
        self.norms = words.words
        self.g = grammar
        self.table = grammar.table
        self._matches: dict[int, Match | None] = {}  # the table's phrase at each word, looked up once

    def lex(self, i: int, *kinds: str) -> Match | None:
        m = self.phrase(i)
        return m if m and m.value[0] in kinds else None

    def phrase(self, i: int) -> Match | None:
        """The date words at word ``i`` (the longest phrase, of any kind)."""
        if i not in self._matches:
            self._matches[i] = self.table.match(self.norms, i, self.g.readings)
        return self._matches[i]

    def may_start(self, i: int) -> bool:
        """Whether an expression may begin at word ``i``: every one begins with date words or a day number."""
        w = self.ws[i]
        return self.phrase(i) is not None or (
            w.whole and bool(self.g.int.fullmatch(w.norm) or (self.g.ordinal and self.g.ordinal.fullmatch(w.norm)))
        )

    def raw(self, i: int, end: int, kind: str, args: tuple, precision: int) -> _Raw:
        return _Raw(self.ws[i].start, self.ws[end - 1].end, kind, args, precision)

    def day(self, i: int) -> tuple[int, int] | None:
        """A day of the month at word ``i`` (17, و17, 17th, العاشر): (next index, day)."""
        if i >= len(self.ws):
            return None
        w = self.ws[i]
        m = (self.g.int.fullmatch(w.norm) or (self.g.ordinal and self.g.ordinal.fullmatch(w.norm))) if w.whole else None
        if m:
            return (i + 1, int(m.group(1))) if 1 <= int(m.group(1)) <= 31 else None
        o = self.lex(i, "ordinal")
        return (o.end, o.value[1]) if o else None

    def year(self, i: int) -> tuple[int, int] | None:
        j = i + 1 if i < len(self.ws) and self.norms[i] in (",", "،") else i
        if y := self.lex(j, "year_word"):
            j = y.end
        m = self.g.year.fullmatch(self.norms[j]) if j < len(self.ws) and self.ws[j].whole else None
        return (j + 1, int(m.group(1))) if m and 1900 <= int(m.group(1)) <= 2100 else None

    def month(self, i: int) -> tuple[int, int, bool, int | None, int | None] | None:
        """A month name with an optional alternative name, marker and year: (next, month, weak, year, marker)."""
        m = self.lex(i, "month", "month_weak")
        if not m:
            return None
        j, marker, year = m.end, None, None
        if j < len(self.ws) and self.norms[j] == "/" and (alt := self.lex(j + 1, "month", "month_weak")):
            j = alt.end  # "أكتوبر/تشرين الأول"
        if mk := self.lex(j, "past_marker", "future_marker"):
            j, marker = mk.end, mk.value[1]
        if y := self.year(j):
            j, year = y
        return j, m.value[1], m.value[0] == "month_weak", year, marker

    def days(self, i: int) -> tuple[int, list[tuple[int, int]], bool] | None:
        """One day or several joined (العاشر و17, 10, 11 and 12, 10-12): (next, [(index, day)], is_range)."""
        d = self.day(i)
        if d is None:
            return None
        found, j, ranged = [(i, d[1])], d[0], False
        while True:
            jn = self.lex(j, "joiner")
            k = jn.end if jn else j
            nd = self.day(k)
            if nd is None or (jn is None and self.norms[k][:1] not in self.g.conjunctions):
                break
            ranged = ranged or bool(jn and jn.value[1] == "range")
            found.append((k, nd[1]))
            j = nd[0]
        return j, found, ranged

    def explicit(self, i: int) -> tuple[int, list[_Raw]] | None:
        """Day(s) then a month: "17 تشرين الأول", "العاشر و17 من هذا الشهر", "the 17th of last month"."""
        got = self.days(i)
        if got is None:
            return self.month_first(i)
        j, found, ranged = got
        k = of.end if (of := self.lex(j, "of")) else j
        rel = self.lex(k, "relative")
        spec: tuple[str, tuple]
        if mo := self.month(k):
            end, spec = mo[0], ("dm", (mo[1], mo[3], mo[4]))
        elif rel and rel.value[1].startswith("month:"):
            end, spec = rel.end, ("dr", (int(rel.value[1].split(":")[1]),))
        else:
            return None
        found = found[:1] if ranged else found
        return end, [self.raw(k0, end, spec[0], (day, *spec[1]), 2 if ranged else 1) for k0, day in found]

    def month_first(self, i: int) -> tuple[int, list[_Raw]] | None:
        """A month then day(s) and a year: "October 10, 2020", "Oct. 10 and 17"."""
        mo = self.month(i)
        if not mo or mo[3] is not None or (mo[2] and not self.ws[i].text[:1].isupper()):
            return None
        j = mo[0] + (1 if mo[0] < len(self.ws) and self.norms[mo[0]] == "." else 0)
        got = self.days(j)
        if got is None:
            return None
        end, found, ranged = got
        year = None
        if y := self.year(end):
            end, year = y
        found = found[:1] if ranged else found
        return end, [self.raw(i, end, "dm", (day, mo[1], year, mo[4]), 2 if ranged else 1) for _, day in found]

    def weekday(self, i: int) -> tuple[int, list[_Raw]] | None:
        """A weekday with its day part, markers and a following night: "يوم الجمعة القادم", "ليل السبت الأحد"."""
        j, marker, night, part = i, None, False, False
        if mk := self.lex(j, "past_marker", "future_marker"):
            j, marker = mk.end, mk.value[1]
        if dp := self.lex(j, "daypart"):
            j, night, part = dp.end, dp.value[1] == "night", True
        wd = self.lex(j, "weekday") or (self.lex(j, "weekday_weak") if part else None)
        if wd is None:
            return None
        day, j = wd.value[1], wd.end
        if dp := self.lex(j, "daypart"):  # "Saturday night"
            j, night = dp.end, night or dp.value[1] == "night"
        if night:  # a night that runs into the next day is dated by the later day
            k = jn.end if (jn := self.lex(j, "joiner")) else j
            nxt = self.lex(k, "weekday", "weekday_weak")
            if nxt and nxt.value[1] == (day + 1) % 7:
                day, j = nxt.value[1], nxt.end
        if marker is None and (mk := self.lex(j, "past_marker", "future_marker")):
            j, marker = mk.end, mk.value[1]
        k = j + 1 if j < len(self.ws) and self.norms[j] in (",", "،") else j
        if self.explicit(k):  # "الثلاثاء 20 أكتوبر": the date that follows says it
            return j, []
        return j, [self.raw(i, j, "wd", (day, marker), 1)]

    def month_alone(self, i: int) -> tuple[int, list[_Raw]] | None:
        """A month without a day: "منذ أبريل الماضي", "last April", "شهر آب 2020"."""
        j, marker, word = i, None, False
        if mk := self.lex(j, "past_marker", "future_marker"):
            j, marker = mk.end, mk.value[1]
        if mw := self.lex(j, "month_word"):
            j, word = mw.end, True
        mo = self.month(j)
        if mo is None:
            return None
        end, month, weak, year, marker2 = mo
        marker = marker if marker is not None else marker2
        if weak and marker is None and year is None and not word:
            return None
        return end, [self.raw(i, end, "mo", (month, year, marker), 3)]

    def relative(self, i: int) -> tuple[int, list[_Raw]] | None:
        m = self.lex(i, "relative")
        if not m:
            return None
        if m.value[1] == "none" or self.lex(m.end, "ordinal"):  # "اليوم العاشر" is a day count, not today
            return m.end, []
        unit, offset = m.value[1].split(":")
        return m.end, [self.raw(i, m.end, "rel", (unit, int(offset)), {"day": 1, "week": 2, "month": 3}[unit])]


def _raw_dates(sentence: str, language: Language, words: Words | None) -> tuple[_Raw, ...]:
    """The date expressions of ``sentence`` (``words``: its view, offsets relative to its start)."""
    grammar = _grammar(language)
    found = grammar.memo.get(sentence)
    if found is None:
        if words is None:
            words = Words(tokenize(sentence, language=language))
        if len(grammar.memo) > _MEMO_SIZE:
            grammar.memo.clear()
        found = grammar.memo[sentence] = tuple(_scan(sentence, words, grammar))
    return found


def _scan(sentence: str, words: Words, grammar: _Grammar) -> list[_Raw]:
    out = []
    for m in _NUMERIC_DATE.finditer(sentence):
        y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
        mo, d = (d, mo) if int(mo) > 12 >= int(d) else (mo, d)  # 10/20/2020 is month first
        out.append(_Raw(m.start(), m.end(), "abs", (int(y), int(mo), int(d)), 1))
    taken = [(r.start, r.end) for r in out]
    sc = _Scanner(words, grammar)
    i = 0
    for k in grammar.starts(words):  # every other word is passed over as may_start would
        if k < i:
            continue
        i = k
        if not sc.may_start(i) or any(s <= sc.ws[i].start < e for s, e in taken):
            continue
        got = sc.explicit(i) or sc.weekday(i) or sc.month_alone(i) or sc.relative(i)
        if got:
            out.extend(got[1])
            i = max(got[0], i + 1)
    return sorted(out, key=lambda r: r.start)


# --- Resolution ---------------------------------------------------------------------------------


def _shift(published: dt.date, months: int) -> tuple[int, int]:
    y, m = divmod(published.year * 12 + published.month - 1 + months, 12)
    return y, m + 1


def _month_date(year: int, month: int, published: dt.date | None) -> dt.date:
    if published and (year, month) == (published.year, published.month):
        return published
    return dt.date(year, month, 15)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 31 April, 29 February of a common year
        return None


def _resolve(raw: _Raw, pub: dt.date | None) -> dt.date | None:
    kind, args = raw.kind, raw.args
    if kind == "abs":
        return dt.date(*args)
    if kind == "mo" and args[1] is not None:
        return _month_date(args[1], args[0], pub)
    if kind == "dm" and args[2] is not None:
        return dt.date(args[2], args[1], args[0])
    if pub is None:
        return None
    if kind == "dm":  # no year: the one that fits the marker, or at most a week after publication
        day, month, _, marker = args
        days = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _date(y, month, day))]
        if marker == 1:
            return min((d for d in days if d > pub), default=None)
        limit = pub - dt.timedelta(days=1) if marker == -1 else pub + dt.timedelta(days=7)
        return max((d for d in days if d <= limit), default=None)
    if kind == "dr":
        return dt.date(*_shift(pub, args[1]), args[0])
    if kind == "wd":
        wd, marker = args
        if marker == 1:
            return pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
        back = (pub.weekday() - wd) % 7
        return pub - dt.timedelta(days=back or (7 if marker == -1 else 0))
    if kind == "rel":
        unit, offset = args
        if unit == "day":
            return pub + dt.timedelta(days=offset)
        if unit == "week":
            return pub + dt.timedelta(days=7 * offset)
        return _month_date(*_shift(pub, offset), pub)
    month, _, marker = args  # kind "mo" without a year
    year = pub.year
    if marker == 1:
        year += month <= pub.month
    elif marker == -1:
        year -= month >= pub.month
    else:
        year -= month > pub.month
    return _month_date(year, month, pub)


def find_dates(
    sentence: str, published: dt.date | None, *, language: Language, words: Words | None = None
) -> list[EventDate]:
    """Every date expression of ``sentence`` that resolves, in text order.

    ``words`` is the sentence's word view when the caller has it (offsets relative to the
    sentence's start); otherwise the sentence is tokenised here.
    """
    out = []
    for raw in _raw_dates(sentence, language, words):
        try:
            day = _resolve(raw, published)
        except ValueError:  # 30 February, 31 April
            continue
        if day is not None:
            out.append(EventDate(day, raw.precision, sentence[raw.start : raw.end], raw.start, raw.end))
    return out


def event_date(
    sentence: str, published: dt.date | None, *, language: Language, words: Words | None = None
) -> EventDate | None:
    """The sentence's date: the most precise expression, the first of equals; None if there is none."""
    dates = find_dates(sentence, published, language=language, words=words)
    return min(dates, key=lambda d: (d.precision, d.start)) if dates else None


def date_spans(sentence: str, *, language: Language, words: Words | None = None) -> list[tuple[int, int]]:
    """Character spans of every date expression, resolvable or not (numbers inside are not counts)."""
    return [(r.start, r.end) for r in _raw_dates(sentence, language, words)]
