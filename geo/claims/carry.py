"""Carry-over through quotations: the sentences of a quotation belong to the speaker named at it.

- :func:`quote_speaker`: who a quotation belongs to: the speaker named right after it closes
  (“... shelled Khizi,” he noted), else the one whose reporting verb opens it ("وقالت الوزارة: «..."),
  else the one whose clause ends just before it opens.
- :func:`attribute_quotes`: every clause inside a quotation that has no speaker of its own takes
  the quotation's; a quotation may run over several sentences and paragraphs.
- :func:`quoted_paragraphs`: a paragraph that opens with a quotation mark while the quotation of the
  paragraph before is still open (the press's way of quoting a statement over several paragraphs)
  goes on with that quotation's speaker.

Carry-over by anaphora ("الوزارة", "he"), by "he added" and by a participle is decided where the
speaker is found (:mod:`.subjects`); unattributed sentences after a speaker are the learned
decision's (:mod:`.learned`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from ..model import Clause
from ..nlp.discourse import quote_spans
from ..nlp.lexicon import Lexicon

__all__ = ["quote_speaker", "attribute_quotes", "quoted_paragraphs", "open_quote"]

_OPENERS = "“«„"
_CLOSERS = "”»"
_QUOTE_MARK = re.compile(f'[{_OPENERS}{_CLOSERS}"]')

#: Characters between a quotation's end and the speaker named after it ('," he said').
_AFTER = 3
#: Characters between a speaker's clause and a quotation opening after it.
_BEFORE = 60


def _verb_start(c: Clause, lexicon: Lexicon) -> int | None:
    return next((t.start for t in c.tokens if t.is_word and lexicon.verb(t) is not None), None)


def quote_speaker(clauses: Sequence[Clause], span: tuple[int, int], lexicon: Lexicon) -> Clause | None:
    """The clause whose speaker a quotation at ``span`` belongs to (see the module docstring)."""
    q_start, q_end = span
    after = [c for c in clauses if c.explicit and q_end - 1 <= c.start < q_end + _AFTER]
    if not after:
        after = [c for c in clauses if c.explicit and c.start < q_end + _AFTER and c.end > q_end]
    if after:
        return after[0]
    for c in clauses:
        if c.explicit and c.start < q_start < c.end:
            v = _verb_start(c, lexicon)
            if v is not None and v < q_start:
                return c
    before = [c for c in clauses if c.explicit and q_start - _BEFORE <= c.end <= q_start + 1]
    return before[-1] if before else None


def attribute_quotes(clauses: list[Clause], text: str, lexicon: Lexicon) -> list[Clause]:
    """Clauses inside a quotation without a speaker of their own take the quotation's speaker."""
    if not clauses:
        return clauses
    by_start = _ByStart(clauses)
    spans = quote_spans(text)  # sorted and disjoint: only those around this part's clauses can hold one
    lo = bisect_left([b for _, b in spans], by_start.first - 1)
    hi = bisect_right([a for a, _ in spans], by_start.last + 1, lo)
    for span in spans[lo:hi]:
        q_start, q_end = span
        inside = [k for k in by_start.between(q_start - 1, q_end + 1) if clauses[k].end <= q_end + 1]
        if not inside or all(clauses[k].explicit for k in inside):
            continue
        owner = quote_speaker(clauses, span, lexicon)
        if owner is None:
            continue
        for k in inside:
            c = clauses[k]
            if not c.explicit:
                clauses[k] = replace(
                    c, claimant=owner.claimant, verb=owner.verb, stance=owner.stance, explicit=True, how="quote"
                )
    return clauses


class _ByStart:
    """The indices of clauses by where they start, to find those in a span without reading them all."""

    def __init__(self, clauses: Sequence[Clause]):
        self.order = sorted(range(len(clauses)), key=lambda k: clauses[k].start)
        self.starts = [clauses[k].start for k in self.order]
        self.first, self.last = self.starts[0], self.starts[-1]

    def between(self, a: int, b: int) -> list[int]:
        """Indices, in order, of the clauses starting at ``a`` up to ``b`` (both included)."""
        lo = bisect_left(self.starts, a)
        return sorted(self.order[lo : bisect_right(self.starts, b, lo)])


def open_quote(paragraph: str) -> int | None:
    """Offset of a quotation the paragraph opens and does not close, or None."""
    depth, opened = 0, None
    straight = []
    for m in _QUOTE_MARK.finditer(paragraph):
        ch, i = m.group(), m.start()
        if ch in _OPENERS:
            if depth == 0:
                opened = i
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        else:
            straight.append(i)
    if depth > 0:
        return opened
    if len(straight) % 2 == 1:
        return straight[-1]
    return None


@lru_cache(maxsize=4)
def _paragraphs(text: str) -> tuple[list[int], list[int], list[bool], list[int | None]]:
    """The text's paragraphs (a line each) once per text: starts, ends, whether each opens with a quotation
    mark and where it opens a quotation it leaves open (a long article's parts share the text)."""
    starts, ends, start = [], [], 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(start)
            ends.append(start + len(line))
        start += len(line) + 1
    quoted = [text[a:b].lstrip()[:1] in _OPENERS + '"' for a, b in zip(starts, ends, strict=True)]
    return starts, ends, quoted, [open_quote(text[a:b]) for a, b in zip(starts, ends, strict=True)]


def quoted_paragraphs(clauses: list[Clause], text: str, lexicon: Lexicon) -> list[Clause]:
    """Unattributed clauses of a paragraph that continues an open quotation take its speaker."""
    if not clauses:
        return clauses
    by_start = _ByStart(clauses)
    starts, ends, quoted, opens = _paragraphs(text)
    owner: Clause | None = None
    # before the paragraph of the first clause no owner is found; after that of the last nothing changes
    for p in range(bisect_right(ends, by_start.first), bisect_right(starts, by_start.last)):
        a, b = starts[p], ends[p]
        here_k = by_start.between(a, b - 1)
        starts_quoted = quoted[p]
        if owner is not None and starts_quoted:
            for k in here_k:
                c = clauses[k]
                if not c.explicit:
                    clauses[k] = replace(
                        c, claimant=owner.claimant, verb=owner.verb, stance=owner.stance, explicit=True, how="quote"
                    )
        else:
            owner = None
        at = opens[p]
        if at is None:
            owner = None if not starts_quoted else owner
            continue
        here = [clauses[k] for k in here_k]
        mine = quote_speaker(here, (a + at, b), lexicon) if here else None
        owner = mine or owner
    return clauses
