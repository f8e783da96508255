"""Who claims what where: attribute each statement of an article to its speaker.

A sentence is cut into clauses at contrast words (في حين، غير أن، while, but). In each clause the
first reporting verb (أعلن، قالت، نفى، said, denied ...) looks for its speaker: an actor from the
lexicon (وزارة الدفاع الأرمينية, "the Azerbaijani Ministry of Defence") or a capital or country
standing for its government ("أعلنت يريفان", "Baku said"), after the verb (Arabic verb-first
order) or before it. Attribution carries over: وأضاف / "he added" continue the last speaker, and a
bare الوزارة / "the ministry" is the last ministry named. A clause nobody is said to say, but that
reports an event, is the outlet's own narrative.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from gazetteer import fold

from ..lang import Language
from ..model import ActorMatch, Claimant, Clause, Resolved, Sentence, Token
from ..nlp.discourse import clauses as split_clauses
from ..nlp.discourse import discourse, quote_spans
from ..nlp.lexicon import Lexicon
from .speakers import PERSON_KINDS, Speakers, find_speaker, outlet_claimant

__all__ = ["attribute", "home_country"]


def home_country(resolved: Sequence[Resolved]) -> str | None:
    """The country most of the article's places lie in, if one clearly dominates (whose army "the
    army" is when nobody says)."""
    counts = Counter(r.place.country_code for r in resolved if r.place.country_code)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [("", 0)]
    return top if n >= 2 and n >= 2 * rest[0][1] else None


def attribute(
    sentences: Sequence[Sentence],
    resolved: Sequence[Resolved],
    actors: Sequence[Sequence[ActorMatch]],
    *,
    text: str,
    lexicon: Lexicon,
    outlet: str | None,
    home: str | None = None,
) -> tuple[Clause, ...]:
    """Attributed clauses of an article, in order; every resolved mention is assigned to its clause.

    ``actors`` are each sentence's actor matches (token indices into the sentence's tokens).
    """
    language = lexicon.language
    skip = discourse(language)["skip"]
    anaphor = discourse(language)["anaphor"]
    speakers = Speakers()
    speakers.home = home
    clauses: list[Clause] = []
    by_sentence: dict[int, list[Resolved]] = {}
    for r in resolved:
        by_sentence.setdefault(r.mention.sentence, []).append(r)

    for sentence, found in zip(sentences, actors, strict=True):
        tokens = sentence.tokens
        for a in found:
            if a.side and a.end - a.start > 1 and a.actor.kind not in PERSON_KINDS:
                speakers.heads.setdefault(tokens[a.start].readings[-1], (a.side, a.canonical))
    for sentence, found in zip(sentences, actors, strict=True):
        s_index, tokens = sentence.index, sentence.tokens
        mentions = by_sentence.get(s_index, [])
        spans = [(tokens[a.start].start, tokens[a.end - 1].end, a) for a in found]

        def actors_of(piece: list[Token], spans=spans) -> list[ActorMatch]:
            index = {t.start: k for k, t in enumerate(piece)}
            ends = {t.end: k for k, t in enumerate(piece)}
            return [replace(a, start=index[a0], end=ends[a1] + 1) for a0, a1, a in spans if a0 in index and a1 in ends]

        for part in split_clauses(tokens, language):
            c_start, c_end = part[0].start, part[-1].end
            here = [r for r in mentions if c_start <= r.mention.start < c_end + 1]
            for r in here:
                area = r.place.feature_code in ("RGN", "ADM1", "ADM2") or r.place.feature_class == "A"
                if area and not r.place.feature_code.startswith("PCL"):
                    speakers.region = r
            for piece in _split_speakers(part, here, lexicon, skip, anaphor, speakers, text, actors_of):
                p_start, p_end = piece[0].start, piece[-1].end
                mine = [r for r in here if p_start <= r.mention.start < p_end + 1]
                claimant, verb, stance, explicit, names, _ = find_speaker(
                    piece, actors_of(piece), mine, lexicon, skip, anaphor, speakers, text
                )
                if claimant is None:
                    claimant, explicit = outlet_claimant(outlet), False
                else:
                    claimant = _with_seat_after(claimant, mine, text, language)
                    speakers.note(claimant, names)
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
                    )
                )
    return tuple(_attribute_quotes(clauses, text))


def _attribute_quotes(clauses: list[Clause], text: str) -> list[Clause]:
    """Clauses inside a quotation belong to whoever the words right after it name
    (“... shelled Mingachevir. They also shelled Khizi,” he noted)."""
    for q_start, q_end in quote_spans(text):
        after = [c for c in clauses if c.start < q_end + 3 and c.end > q_end and c.explicit]
        before = [c for c in clauses if c.end <= q_start + 1 and c.end >= q_start - 60 and c.explicit]
        speaker = after[0] if after else (before[-1] if before else None)
        if speaker is None:
            continue
        for k, c in enumerate(clauses):
            if c.start >= q_start - 1 and c.end <= q_end + 1 and not c.explicit:
                clauses[k] = replace(
                    c, claimant=speaker.claimant, verb=speaker.verb, stance=speaker.stance, explicit=True
                )
    return clauses


def _split_speakers(part, mentions, lexicon, skip, anaphor, speakers, text, actors_of) -> list[list[Token]]:
    """Cut a clause where a second speaker takes the word: "أذربيجان تعلن ... وأرمينيا تنفي"."""
    actors = actors_of(part)
    first, *_rest, v = find_speaker(part, actors, mentions, lexicon, skip, anaphor, speakers, text, strict=True)
    if first is None or v is None or v + 2 >= len(part):
        return [part]
    rest = part[v + 1 :]
    second, *_, v2 = find_speaker(rest, actors_of(rest), mentions, lexicon, skip, anaphor, speakers, text, strict=True)
    if second is None or second.canonical == first.canonical or second.span is None:
        return [part]
    cut_at = min(second.span[0], rest[v2].start)
    cut = next((k for k, t in enumerate(part) if t.end > cut_at and k > v), None)
    conjunctions = lexicon.language.words("conjunction")
    while cut is not None and cut > v + 1 and part[cut - 1].is_word and part[cut - 1].norm in conjunctions:
        cut -= 1
    if cut is None or cut <= v + 1:
        return [part]
    return [part[:cut], *_split_speakers(part[cut:], mentions, lexicon, skip, anaphor, speakers, text, actors_of)]


def _with_seat_after(c: Claimant, mentions: list[Resolved], text: str, language: Language) -> Claimant:
    """Take "في أذربيجان" after a speaker's title into its name ("الادعاء العام في أذربيجان")."""
    if c.span is None:
        return c
    links = language.words("seat_link")
    for r in mentions:
        p = r.place
        if not (p.feature_code.startswith("PCL") or p.feature_code == "PPLC"):
            continue
        between = text[c.span[1] : r.mention.start].strip().strip("،,")
        if not between or fold(between) in links:
            side = c.side or p.country_code or None
            return Claimant(
                text[c.span[0] : r.mention.end],
                c.canonical,
                side,
                c.side_type,
                c.kind,
                c.seat,
                (c.span[0], r.mention.end),
            )
    return c
