"""Speaker detection: the subject of a clause's reporting verb, rule by rule.

- :func:`speaker_at`: a speaker whose name starts at a token: an actor, a body named by its place, a
  capital or country, an anaphor ("الوزارة", "he"), a name seen before, a personal name before a
  title ("حكمت حجييف مساعد رئيس أذربيجان") or before an apposition ("Bassam, a resident of X").
- :func:`speaker_before`: the subject right before the verb (English "Baku said"; Arabic "وكانت
  يريفان أعلنت"), through a parenthesis ("X, at a press conference, said") or the speaker's own
  description ("مصدر محلي في طرابلس أفاد").
- :func:`find_speaker` applies them in the language's order: verb-subject in Arabic, subject-verb in
  English (the subject after the verb only after a quotation or comma: '"...," said X'), "according
  to X", a participle continuing the clause's speaker, "he added" continuing the last one, and in a
  verb-first language a subjectless reporting verb opening a sentence (pro-drop) continuing the last.

Each answer names the rule that found it (``Found.rule``), which the learned decision reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import ActorMatch, Claimant, Resolved, Token, Verb
from ..nlp.discourse import discourse, phrase_at
from ..nlp.lexicon import Lexicon
from ..nlp.tokens import is_arabic
from .speakers import (
    PERSON_KINDS,
    Speakers,
    body_of_place,
    demonym_speaker,
    is_name_word,
    resolve_actor,
    seat_claimant,
)

__all__ = ["Found", "Scene", "find_speaker", "speaker_at", "speaker_before", "RULES"]

#: The names of the rules a speaker may be found by (plus "outlet" for nobody).
RULES = (
    "after_verb",
    "before_verb",
    "according_to",
    "topic",
    "demonym",
    "participle",
    "continue",
    "coordinated",
    "pro_drop",
    "quote",
    "outlet",
)
_QUOTE_CLOSERS = frozenset("\"”»’'")
_COMMAS = frozenset({",", "،"})


@dataclass(frozen=True, slots=True)
class Found:
    """A clause's speaker (None: nobody), its verb, the verb's token index and the rule that found it."""

    claimant: Claimant | None
    verb: Verb | None = None
    index: int | None = None
    rule: str = "outlet"
    names: tuple[str, ...] = ()


@dataclass
class Scene:
    """What the rules read about one clause: its tokens, actors (token indices into them), the places
    by token, the lexicon, the speakers so far and the text."""

    part: Sequence[Token]
    actors: Sequence[ActorMatch]
    by_token: dict[int, Resolved]
    lexicon: Lexicon
    speakers: Speakers
    text: str

    @property
    def disc(self):
        return discourse(self.lexicon.language)


def _scene(part, actors, mentions, lexicon, speakers, text) -> Scene:
    by_token: dict[int, Resolved] = {}
    for r in mentions:
        for k, tok in enumerate(part):
            if tok.start <= r.mention.start < tok.end:
                by_token[k] = r
    return Scene(part, actors, by_token, lexicon, speakers, text)


def speaker_at(s: Scene, k: int, lo: int | None = None, names: bool = True) -> tuple[Claimant | None, list[str]]:
    """The speaker whose name starts at token ``k`` (an actor may start as early as ``lo``: the words
    skipped before ``k`` may be its first, "said the ministry")."""
    part = s.part
    if k >= len(part):
        return None, []
    lo = k if lo is None else lo
    body = body_of_place(part, k, s.by_token, s.lexicon, s.speakers, s.text)
    for a in sorted(s.actors, key=lambda a: a.start):
        if lo <= a.start <= k or (a.start == k + 1 and not part[k].is_word):
            actor = resolve_actor(a, part, s.text, s.speakers, s.lexicon, s.by_token)
            if actor.side is None and body is not None:
                return body, []
            return actor, []
    if body is not None:
        return body, []
    r = s.by_token.get(k)
    if r is not None:
        return seat_claimant(r), []
    hit = phrase_at(part, k, s.disc["anaphor"])
    if hit is not None:
        return s.speakers.recall(hit[1]), []
    if part[k].norm in s.speakers.names:
        return s.speakers.names[part[k].norm], []
    if not names:
        return None, []
    return _named_person(s, k)


def _named_person(s: Scene, k: int) -> tuple[Claimant | None, list[str]]:
    """Up to three name words, then a title ("حكمت حجييف مساعد رئيس أذربيجان") or, after a comma, an
    apposition ("Bassam, a resident of X", "أرايك هاروتيونيان، زعيم إقليم ...")."""
    part = s.part
    starts = {a.start for a in s.actors}
    j = k
    while j < len(part) and j - k < 3 and j not in starts and is_name_word(part[j], s.lexicon):
        j += 1
    if j == k:
        return None, []
    gap_names = [t.norm for t in part[k:j]]
    comma = j < len(part) and part[j].text in _COMMAS
    for a in s.actors:
        title = a.start == j and a.actor.kind in PERSON_KINDS
        apposition = comma and a.start in (j + 1, j + 2)
        if not (title or apposition):
            continue
        c = resolve_actor(a, part, s.text, s.speakers, s.lexicon, s.by_token)
        start = part[k].start
        return (
            Claimant(s.text[start : c.span[1]], c.canonical, c.side, c.side_type, c.kind, None, (start, c.span[1])),
            gap_names,
        )
    return None, []


def speaker_before(s: Scene, v: int) -> tuple[Claimant | None, list[str]]:
    """The subject ending right before the verb at ``v``: an actor, a capital or country, a pronoun, a
    name seen before; a name with its title in apposition ("X Y, director of the Z ministry, said"),
    over a parenthesis set off by commas, or the speaker's description (a place with its
    preposition: "مصدر محلي في طرابلس الليبية أفاد")."""
    found = _apposition_before(s, v)
    if found[0] is not None:
        return found
    ends = _subject_ends(s, v)
    for end in ends:  # an actor first: "Residents in the capital X reported" are residents, not X
        for a in s.actors:
            if a.end == end and a.start < end:
                return resolve_actor(a, s.part, s.text, s.speakers, s.lexicon, s.by_token), []
    for end in ends:
        c = _subject_ending(s, end, v)
        if c is not None:
            return c, []
    return None, []


def _apposition_before(s: Scene, v: int) -> tuple[Claimant | None, list[str]]:
    """ "Name, <an actor>, said": the actor between the commas, named by the words before them."""
    part = s.part
    if v < 3 or part[v - 1].text not in _COMMAS:
        return None, []
    opening = next((j for j in range(v - 2, max(-1, v - 16), -1) if part[j].text in _COMMAS), None)
    if opening is None or opening == 0:
        return None, []
    for a in s.actors:
        if a.start == opening + 1 and a.end == v - 1:
            names = [t for t in part[max(0, opening - 3) : opening] if is_name_word(t, s.lexicon)]
            if not names or not all(is_name_word(t, s.lexicon) for t in part[opening - len(names) : opening]):
                return None, []
            c = resolve_actor(a, part, s.text, s.speakers, s.lexicon, s.by_token)
            start = names[0].start
            named = Claimant(
                s.text[start : c.span[1]], c.canonical, c.side, c.side_type, c.kind, None, (start, c.span[1])
            )
            return named, [t.norm for t in names]
    return None, []


def _subject_ends(s: Scene, v: int) -> list[int]:
    """Token indices a subject may end at (exclusive) before the verb at ``v``."""
    part = s.part
    ends = [v]
    skipped = v
    while skipped > 0 and v - skipped < 2 and phrase_at(part, skipped - 1, s.disc["skip"]) == (1, ""):
        skipped -= 1  # "X today denied", "X also said"
    if skipped < v:
        ends.append(skipped)
    if v >= 1 and not part[v - 1].is_word and part[v - 1].text not in _COMMAS:
        ends.append(v - 1)  # a closing quotation mark or bracket
    if v >= 2 and part[v - 1].text in _COMMAS:  # "X, at a press conference, said"
        opening = next((j for j in range(v - 2, max(-1, v - 12), -1) if part[j].text in _COMMAS), None)
        ends.append(opening if opening is not None else v - 1)  # else "وكانت قوات X، أعلنت"
    # the speaker's own description: a place and its preposition or adjective before the verb
    j = v
    words = s.lexicon.language.words
    prepositions = words("seat_link") | words("locative_preposition") | words("capital_word")
    while j > 0 and v - j < 6:
        t = part[j - 1]
        if j - 1 in s.by_token or t.norm in prepositions or s.lexicon.demonym(t.norm) or not t.is_word:
            j -= 1
            continue
        break
    if j < v and any(k in s.by_token for k in range(j, v)):
        ends.append(j)
    return ends


def _subject_ending(s: Scene, end: int, v: int) -> Claimant | None:
    part = s.part
    for a in s.actors:
        if a.end == end and a.start < end:
            return resolve_actor(a, part, s.text, s.speakers, s.lexicon, s.by_token)
    for k in (end - 1, end - 2):
        r = s.by_token.get(k)
        closing = not part[end - 1].is_word and part[end - 1].text not in _COMMAS
        if r is not None and k >= 0 and r.mention.end <= part[v].start and (k == end - 1 or closing):
            return seat_claimant(r)
    if end >= 1:
        for size in (3, 2, 1):  # "the paramilitary group said", "the ministry said", "he said"
            hit = phrase_at(part, end - size, s.disc["anaphor"]) if end - size >= 0 else None
            if hit is not None and hit[0] == size:
                return s.speakers.recall(hit[1])
        if part[end - 1].norm in s.speakers.names:
            return s.speakers.names[part[end - 1].norm]
    return None


def _inverted(s: Scene, v: int) -> bool:
    """A verb that may come before its subject in a subject-first language: after a quotation or a comma."""
    part = s.part
    before = [t for t in part[:v]]
    return bool(before) and (before[-1].text in _COMMAS or before[-1].text[-1:] in _QUOTE_CLOSERS)


def _opens(s: Scene, v: int) -> bool:
    """Whether only conjunctions, contrast words and punctuation stand before token ``v``."""
    conj = s.lexicon.language.words("conjunction") | s.lexicon.language.words("auxiliary")
    return all(not t.is_word or t.norm in conj for t in s.part[:v])


def _linking(s: Scene, k: int) -> bool:
    """A short function word between a verb and its speaker ("according to", "نقلا عن", "allegations by")."""
    t = s.part[k]
    if not t.is_word:
        return False
    return t.norm in s.disc["function"] or len(t.norm) <= 3 or s.lexicon.is_common_word(t.norm)


def _topic(s: Scene, v: int) -> Claimant | None:
    """The clause's first words name the speaker, far before its verb ("زعيم X، وهو ...، قال")."""
    part = s.part
    contrast = s.disc["contrast"]
    aux = s.lexicon.language.words("auxiliary")
    first = next(
        (k for k, t in enumerate(part) if t.is_word and not phrase_at(part, k, contrast) and t.norm not in aux), None
    )
    if first is None or first >= v:
        return None
    c, _ = speaker_at(s, first, names=False)
    if c is not None and c.span and c.span[1] <= part[v].start:
        return c
    return None


def find_speaker(
    part: Sequence[Token],
    actors: Sequence[ActorMatch],
    mentions: Sequence[Resolved],
    lexicon: Lexicon,
    speakers: Speakers,
    text: str,
    *,
    current: Claimant | None = None,
    strict: bool = False,
) -> Found:
    """The speaker of a clause (see the module docstring). ``current`` is the speaker of the clause's
    sentence so far (what a participle or a coordinated verb continues); ``strict`` takes only a
    speaker named right at its verb."""
    s = _scene(part, actors, mentions, lexicon, speakers, text)
    language = lexicon.language
    skip = s.disc["skip"]
    for v, tok in enumerate(part):
        verb = lexicon.verb(tok)
        if verb is None:
            continue
        if verb.kind == "participle":
            if not strict and _opens(s, v) and (current or speakers.last) is not None:
                return Found(current or speakers.last, verb, v, "participle")
            continue
        k = v + 1
        while k < len(part) and (not part[k].is_word or phrase_at(part, k, skip)):
            k += 1
        found, names, rule = None, [], ""
        if verb.kind == "according_to":
            found, names = speaker_at(s, k, lo=v + 1, names=not strict)
            if found is None and k + 1 < len(part) and _linking(s, k):
                found, names = speaker_at(s, k + 1, names=not strict)  # "نقلا عن X", "according to X"
            rule = "according_to"
        elif language.subject_first:
            found, names = speaker_before(s, v)
            rule = "before_verb"
            if found is None and (_inverted(s, v) or verb.kind == "allegation"):
                found, names = speaker_at(s, k, lo=v + 1, names=not strict)
                if found is None and verb.kind == "allegation" and k + 1 < len(part) and _linking(s, k):
                    found, names = speaker_at(s, k + 1, names=not strict)  # "allegations by X"
                if found is None and verb.kind == "allegation" and v > 0 and lexicon.demonym(part[v - 1].norm):
                    found = demonym_speaker(part, v - 1, lexicon, text, stop=v)  # "Russian allegations"
                rule = "after_verb"
        else:
            found, names = speaker_at(s, k, lo=v + 1, names=not strict)
            rule = "after_verb"
            if found is None:
                found, names = speaker_before(s, v)
                rule = "before_verb"
        if found is None and not strict:
            found, rule = _topic(s, v), "topic"
            if found is None and verb.kind not in ("continue", "according_to", "allegation"):
                if not language.subject_first or _inverted(s, v):
                    found, rule = demonym_speaker(part, k, lexicon, text), "demonym"
                else:
                    found, rule = demonym_speaker(part, 0, lexicon, text, stop=v), "demonym"
            if found is None and verb.kind == "continue":
                found, rule = speakers.last, "continue"
            if found is None and _opens(s, v) and verb.kind not in ("allegation", "according_to"):
                if current is not None:
                    found, rule = current, "coordinated"
                elif not language.subject_first:
                    found, rule = speakers.last, "pro_drop"
        if found is not None:
            if not names and found.span is not None:
                names = _names_near(part, found.span, tok.start, lexicon) + _names_within(part, found.span, lexicon)
            return Found(found, verb, v, rule, tuple(names))
    return Found(None)


def _names_within(part, span, lexicon) -> list[str]:
    """Personal-name words inside a speaker's name ("Prosecutor General Kamran Aliyev",
    "الرئيس الأذري إلهام علييف"): words no lexicon knows, neither title nor nationality."""
    inside = [t for t in part if span[0] <= t.start and t.end <= span[1] and t.is_word]
    ranks = lexicon.language.words("rank")
    return [t.norm for t in inside[1:] if is_name_word(t, lexicon) and t.norm not in ranks][-2:]


def _names_near(part, span, verb_start, lexicon) -> list[str]:
    """Personal-name words right after a speaker's title ("... representative Artsrun Hovhannisyan said",
    "وقال مساعد الرئيس الأذري حكمت حجييف"): remembered, so "Hovhannisyan said" is the same speaker."""
    names = []
    for t in [t for t in part if t.start >= span[1]][:4]:
        if t.start == verb_start or not is_name_word(t, lexicon):
            break
        if not is_arabic(t.text) and not t.text[:1].isupper():
            break
        names.append(t.norm)
    return names[:3]
