"""Every word sequence of a sentence that may be a place name, with the evidence for it.

A candidate is a span the gazetteer can resolve: spelled exactly like some place's name (in any of
its readings: clitics peeled, two glued words apart), or, after a place cue or as a capitalised
Latin-script sequence, close enough by sound. Nothing is decided here: the learned scorer
(:mod:`geo.recognize.scorer`) weighs the evidence, and overlapping candidates compete.

Hard limits only: a name is at least three letters, holds no digit, never starts or ends on a clitic
written apart ("و العراق"), never starts inside an actor's name or a date, a lower-case
Latin word begins no fuzzy name, a name found by sound has at most ``fuzzy_max_words`` words unless
a settlement, "near" or direction cue announces it, and
a capitalised one with no cue before it holds no frequent word (``uncued_fuzzy_zipf``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gazetteer import Gazetteer, Match, fold

from ..lang import Language
from ..model import PlaceCue, Sentence, Token
from ..nlp.lexicon import Lexicon
from ..nlp.tokens import is_arabic
from ..options import MentionOptions
from .mentions import heads, settlement_cue

__all__ = ["Candidate", "find_candidates"]


@dataclass(slots=True)
class Candidate:
    """A span that may be a place name (token indices ``i:j`` of sentence ``sentence``)."""

    sentence: int
    i: int
    j: int
    start: int
    end: int
    reading: str
    cue: PlaceCue | None
    matches: tuple[Match, ...]
    exact: bool
    #: Read as two words glued together (حفرالباطن).
    fused: bool = False
    #: Right after a "#" (a hashtag or a part of one).
    hashtag: bool = False

    @property
    def best(self) -> Match | None:
        """The gazetteer's first candidate place (its ranking: name, prominence, supplement)."""
        return self.matches[0] if self.matches else None

    @property
    def n_words(self) -> int:
        return self.j - self.i


def find_candidates(
    sentence: Sentence,
    text: str,
    *,
    language: Language,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    search: Callable[[str], list[Match]],
    blocked: set[int] | frozenset[int] = frozenset(),
    options: MentionOptions | None = None,
) -> list[Candidate]:
    """The candidates of one sentence (offsets into ``text``), in text order."""
    options = options or MentionOptions()
    tokens = sentence.tokens
    n = len(tokens)
    usable = [i not in blocked and t.is_word and not language.is_lone_clitic(t.norm) for i, t in enumerate(tokens)]
    joiners = language.words("name_joiner")
    latins = [not is_arabic(t.text) for t in tokens]
    # every word of a Latin-script name is capitalised or a joiner ("Bosnia and Herzegovina")
    named = [t.text[:1].isupper() or t.norm in joiners for t in tokens]
    spans: list[tuple[int, int, int, bool]] = []  # (i, j, start, fused)
    folded: list[str] = []
    for i in range(n):
        latin = latins[i]
        if not usable[i] or (latin and not named[i]):
            continue
        first = tokens[i]
        readings = heads(first)
        tail = ""
        for j in range(i + 1, min(n, i + options.max_words) + 1):
            if not usable[j - 1] or (latin and not named[j - 1]):
                break
            if j - 1 > i:
                tail += " " + tokens[j - 1].norm
            for start, _, head_norm in readings:
                spans.append((i, j, start, False))
                folded.append(head_norm + tail)
            if j == i + 1:  # each reading may be two words glued: وشرمالشيخ
                for start, _, head_norm in readings:
                    for fused in language.fused_readings(head_norm):
                        spans.append((i, j, start, True))
                        folded.append(fused)
    known = gazetteer.known_folded(folded) if spans else []
    by_start: dict[int, list[tuple[int, int, bool, str, bool]]] = {}
    for (i, j, start, fused), reading, hit in zip(spans, folded, known, strict=True):
        by_start.setdefault(i, []).append((j, start, fused, reading, hit))

    out: list[Candidate] = []
    for i, options_at in by_start.items():
        latin = latins[i]
        capitalised = latin and tokens[i].text[:1].isupper()
        if latin and not capitalised and not any(hit for *_, hit in options_at):
            continue  # a lower-case Latin word that begins no known name begins no candidate
        cue = lexicon.place_cue_before(sentence.words, i)
        hashtag = i > 0 and tokens[i - 1].text == "#"
        # a name the text announces (قرب قرية X Y Z) may be long; others are searched by sound up to two words
        announced = settlement_cue(cue) or (cue is not None and cue.kind in ("near", "direction"))
        longest = options.max_words if announced else options.fuzzy_max_words
        for j, start, fused, folded_reading, hit in options_at:
            # by sound only after a cue, or as a capitalised Latin sequence (tested first: cheap)
            by_sound = j - i <= longest and not (
                fused or not (cue is not None or capitalised) or (latin and i > 0 and not capitalised)
            )
            if not (hit or by_sound):
                continue
            reading = folded_reading if fused else text[start : tokens[j - 1].end]
            norm = fold(reading)
            if len(norm.replace(" ", "")) < 3 or any(map(str.isdigit, norm)):
                continue
            end = tokens[j - 1].end
            if hit:
                matches = search(reading)
                if any(m.similarity > 1.0 for m in matches):
                    out.append(
                        Candidate(sentence.index, i, j, start, end, reading, cue, tuple(matches), True, fused, hashtag)
                    )
                    continue
            if not by_sound:
                continue
            words = tokens[i:j]
            if _fuzzy_excluded(words, lexicon):
                continue
            if latin and cue is None and max(language.zipf(w.norm) for w in words) >= options.uncued_fuzzy_zipf:
                continue
            matches = search(reading)
            if matches and max(m.similarity for m in matches) >= options.candidate_similarity:
                out.append(
                    Candidate(sentence.index, i, j, start, end, reading, cue, tuple(matches), False, False, hashtag)
                )
    out.sort(key=lambda c: (c.start, -c.end))
    return out


def _fuzzy_excluded(words: list[Token] | tuple[Token, ...], lexicon: Lexicon) -> bool:
    """A sequence found by sound may not be an everyday word, nor begin or end with one ("مدينة
    غنجة" is a cue plus Ganja, not a name): fuzzy searches are the costly ones."""
    if len(words) == 1:
        t = words[0]
        return lexicon.is_common_word(t.norm) or (
            lexicon.demonym(t.norm) is not None and lexicon.country([t.norm]) is None
        )
    ends = (words[0].readings[-1], words[-1].norm)
    return any(lexicon.is_common_word(w) for w in ends) or lexicon.demonym(words[-1].norm) is not None
