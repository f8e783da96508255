"""Who claims what where: attribute each statement of an article to its speaker.

A sentence is cut into clauses (:mod:`.clauses`: contrast words, participles, coordinated reporting
verbs) and where a second speaker takes the word ("أذربيجان تعلن ... وأرمينيا تنفي"). Each clause's
reporting verb looks for its speaker (:mod:`.subjects`); the speaker is written with its side
(:func:`.sides.settle_claimant`) and remembered, so "وأضاف", "the ministry", "he" and a name seen
with a title carry the attribution over. Quotations belong to the speaker named at them
(:mod:`.carry`). A clause nobody is said to say is the outlet's own narrative.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace

from gazetteer import fold

from ..lang import Language
from ..model import ActorMatch, Claimant, Clause, Resolved, Sentence, Token
from ..nlp.lexicon import Lexicon
from .carry import attribute_quotes, quoted_paragraphs
from .clauses import split_contrast, split_propositions
from .sides import GOVERNMENT_KINDS, LOCAL_KINDS, settle_claimant
from .speakers import PERSON_KINDS, Speakers, outlet_claimant
from .subjects import find_speaker

__all__ = ["attribute", "home_country"]


def home_country(resolved: Sequence[Resolved]) -> str | None:
    """The country most of the article's places lie in, if one clearly dominates (twice the
    runner-up, at least two places)."""
    counts = Counter(r.place.country_code for r in resolved if r.place.country_code)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [("", 0)]
    return top if n >= 2 and n >= 2 * rest[0][1] else None


def _note_heads(sentences, actors, speakers: Speakers, lexicon: Lexicon) -> None:
    """Remember the head word of every actor named in full with its side (for "المتحدث باسم التحالف")."""
    skip = lexicon.language.words("name_link")
    for sentence, found in zip(sentences, actors, strict=True):
        tokens = sentence.tokens
        for a in found:
            if not a.side or a.end - a.start < 2 or a.actor.kind in PERSON_KINDS:
                continue
            words = [t for t in tokens[a.start : a.end] if t.is_word and not lexicon.demonym(t.norm)]
            heads = [t for t in words if len(t.readings[-1]) > 3 and t.norm not in skip]
            if heads and not lexicon.is_common_word(heads[0].readings[-1]):
                speakers.heads.setdefault(heads[0].readings[-1], (a.side, a.canonical))


def attribute(
    sentences: Sequence[Sentence],
    resolved: Sequence[Resolved],
    actors: Sequence[Sequence[ActorMatch]],
    *,
    text: str,
    lexicon: Lexicon,
    outlet: str | None,
    home: str | None = None,
    home_side: str | None = None,
) -> tuple[Clause, ...]:
    """Attributed clauses of an article, in order; every resolved mention is assigned to its clause.

    ``actors`` are each sentence's actor matches (token indices into the sentence's tokens); ``home``
    is the article's country, ``home_side`` the side of its government (whose "army" is meant).
    """
    language = lexicon.language
    speakers = Speakers(home=home_side if home_side is not None else home)
    _note_heads(sentences, actors, speakers, lexicon)
    clauses: list[Clause] = []
    by_sentence: dict[int, list[Resolved]] = {}
    for r in resolved:
        by_sentence.setdefault(r.mention.sentence, []).append(r)

    for sentence, found in zip(sentences, actors, strict=True):
        s_index, tokens = sentence.index, sentence.tokens
        mentions = by_sentence.get(s_index, [])
        spans = [(tokens[a.start].start, tokens[a.end - 1].end, a) for a in found]

        def actors_of(piece: Sequence[Token], spans=spans) -> list[ActorMatch]:
            if not spans:
                return []
            index = {t.start: k for k, t in enumerate(piece)}
            ends = {t.end: k for k, t in enumerate(piece)}
            return [replace(a, start=index[a0], end=ends[a1] + 1) for a0, a1, a in spans if a0 in index and a1 in ends]

        current: Claimant | None = None
        for part in split_contrast(tokens, lexicon):
            c_start, c_end = part[0].start, part[-1].end
            here = [r for r in mentions if c_start <= r.mention.start < c_end + 1]
            for r in here:
                area = r.place.feature_code in ("RGN", "ADM1", "ADM2") or r.place.feature_class == "A"
                if area and not r.place.feature_code.startswith("PCL"):
                    speakers.region = r
            pieces = _split_speakers(part, here, lexicon, speakers, text, actors_of)
            for piece in (p for q in pieces for p in split_propositions(q, lexicon)):
                p_start, p_end = piece[0].start, piece[-1].end
                mine = [r for r in here if p_start <= r.mention.start < p_end + 1]
                f = find_speaker(piece, actors_of(piece), mine, lexicon, speakers, text, current=current)
                claimant, explicit = f.claimant, f.claimant is not None
                if claimant is None:
                    claimant = outlet_claimant(outlet)
                else:
                    claimant = _with_place_after(claimant, mine, text, language)
                    claimant = settle_claimant(claimant, speakers.home, home)
                    speakers.note(claimant, f.names, s_index)
                    current = claimant
                stance = f.verb.stance if f.verb is not None else "asserts"
                verb = f.verb.lemma if f.verb is not None else None
                clauses.append(
                    Clause(
                        len(clauses),
                        s_index,
                        p_start,
                        p_end,
                        tuple(piece),
                        claimant,
                        verb,
                        stance,
                        explicit,
                        tuple(mine),
                        f.rule if explicit else "outlet",
                    )
                )
    return tuple(quoted_paragraphs(attribute_quotes(clauses, text, lexicon), text, lexicon))


def _split_speakers(part, mentions, lexicon, speakers, text, actors_of) -> list[list[Token]]:
    """Cut a clause where a second speaker takes the word: "أذربيجان تعلن ... وأرمينيا تنفي", "X denied
    Azerbaijani allegations that ..."."""
    first = find_speaker(part, actors_of(part), mentions, lexicon, speakers, text, strict=True)
    v = first.index
    if first.claimant is None or v is None:
        return [list(part)]
    lead = _subordinate_speaker(part, first, lexicon)
    if lead is not None:
        return [list(part[:lead]), *_split_speakers(part[lead:], mentions, lexicon, speakers, text, actors_of)]
    if v + 2 >= len(part):
        return [list(part)]
    rest = part[v + 1 :]
    second = find_speaker(rest, actors_of(rest), mentions, lexicon, speakers, text, strict=True)
    if second.claimant is None or second.claimant.canonical == first.claimant.canonical or second.claimant.span is None:
        return [list(part)]
    if second.claimant.kind == "outlet" or second.index is None:
        return [list(part)]
    cut_at = min(second.claimant.span[0], rest[second.index].start)
    cut = next((k for k, t in enumerate(part) if t.end > cut_at and k > v), None)
    words = lexicon.language.words
    joiners = words("conjunction") | words("subordinator")
    while cut is not None and cut > v + 1 and part[cut - 1].is_word and part[cut - 1].norm in joiners:
        cut -= 1
    # a claim named as the object of the first verb may start right after it ("denied Kyiv's allegations")
    least = v + 1 if second.verb is not None and second.verb.kind == "allegation" else v + 2
    if cut is None or cut < least:
        return [list(part)]
    return [list(part[:cut]), *_split_speakers(part[cut:], mentions, lexicon, speakers, text, actors_of)]


def _subordinate_speaker(part, first, lexicon) -> int | None:
    """Where a speaker's clause opens with a subordinator after narrative of the outlet's ("Rebels
    step up attacks on X as the army says ..."): the token index to cut at, or None."""
    span = first.claimant.span
    if span is None or not part or span[0] <= part[0].start:
        return None
    k = next((i for i, t in enumerate(part) if t.start >= span[0]), None)
    if k is None or k < 3:
        return None
    subordinators = lexicon.language.words("subordinator")
    j = k - 1
    while j > 0 and not part[j].is_word:
        j -= 1
    if part[j].norm in subordinators and sum(t.is_word for t in part[:j]) >= 3:
        return j
    return None


def _with_place_after(c: Claimant, mentions: list[Resolved], text: str, language: Language) -> Claimant:
    """Take a place right after a speaker into its name: a country or capital after a government's
    title is its seat ("الادعاء العام في أذربيجان"); any place after people on the ground only says
    where they are ("مصدر محلي في طرابلس", "a resident of X", "residents in the capital X")."""
    if c.span is None or c.seat is not None:
        return c
    links = language.words("seat_link")
    capitals = language.words("capital_word")
    local = c.kind in LOCAL_KINDS
    for r in sorted(mentions, key=lambda r: r.mention.start):
        if r.mention.start < c.span[1]:
            continue
        p = r.place
        seat = p.feature_code.startswith("PCL") or p.feature_code == "PPLC"
        if not (local or (seat and c.kind in GOVERNMENT_KINDS | {"armed_group"})):
            return c
        between = _words_between(text, c.span[1], r.mention.start)  # read only as far as needed
        first = next(between, None)
        glued = first is None and r.mention.start > 0 and not text[r.mention.start - 1].isspace()
        if first is None and not glued:
            return c  # "اتهمت أذربيجان أرمينيا": a second party, not the speaker's seat
        linked = glued or (first in links and all(w in links or w in capitals for w in between))
        if not linked:
            return c
        side = c.side if c.side or local else p.country_code or None
        end = r.mention.end
        return Claimant(text[c.span[0] : end], c.canonical, side, c.side_type, c.kind, c.seat, (c.span[0], end))
    return c


_WORD = re.compile(r"[^\s،,]+")


def _words_between(text: str, start: int, end: int) -> Iterator[str]:
    """The folded words of ``text[start:end]`` (commas separate them too), one by one: a speaker
    named far before a place costs no more than one named right before it."""
    return (fold(m.group()) for m in _WORD.finditer(text, start, max(start, end)))
