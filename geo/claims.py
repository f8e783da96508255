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

from dataclasses import dataclass, field, replace

from .discourse import clauses as split_clauses
from .discourse import discourse, quote_spans
from .lexicon import ActorMatch, Lexicon
from .resolve import Resolved
from .speakers import PERSON_KINDS, Claimant, Speakers, find_speaker, outlet_claimant
from .text import Token, stems

__all__ = ["Claimant", "Clause", "attribute", "outlet_claimant"]


@dataclass(slots=True)
class Clause:
    """One attributed statement: its speaker, its verb and the words it covers."""

    sentence: int
    start: int
    end: int
    tokens: list[Token]
    claimant: Claimant
    verb: str | None
    stance: str
    explicit: bool
    places: list[Resolved] = field(default_factory=list)


def attribute(
    sentences: list[tuple[int, int, list[Token]]],
    resolved: list[Resolved],
    *,
    text: str,
    lexicon: Lexicon,
    outlet: str | None,
    actors: dict[int, list[ActorMatch]] | None = None,
    home: str | None = None,
) -> list[Clause]:
    """Attributed clauses of an article, in order; every resolved mention is assigned to its clause.

    ``actors`` may give each sentence's actor matches (as ``lexicon.actors_in`` finds them on the
    sentence's tokens), to save finding them again.
    """
    lang = lexicon.language
    skip = discourse(lang)["skip"]
    anaphor = discourse(lang)["anaphor"]
    speakers = Speakers()
    speakers.home = home
    clauses: list[Clause] = []
    by_sentence: dict[int, list[Resolved]] = {}
    for r in resolved:
        by_sentence.setdefault(r.mention.sentence, []).append(r)

    for s_index, (_, _, tokens) in enumerate(sentences):
        found = actors[s_index] if actors is not None and s_index in actors else lexicon.actors_in(tokens)
        for a in found:
            if a.side and a.end - a.start > 1 and a.actor.kind not in PERSON_KINDS:
                speakers.heads.setdefault(stems(tokens[a.start].norm)[-1], (a.side, a.canonical))
    for s_index, (_, _, tokens) in enumerate(sentences):
        mentions = by_sentence.get(s_index, [])
        found = actors[s_index] if actors is not None and s_index in actors else lexicon.actors_in(tokens)
        spans = [(tokens[a.start].start, tokens[a.end - 1].end, a) for a in found]

        def actors_of(piece: list[Token], spans=spans) -> list[ActorMatch]:
            index = {t.start: k for k, t in enumerate(piece)}
            ends = {t.end: k for k, t in enumerate(piece)}
            return [replace(a, start=index[a0], end=ends[a1] + 1) for a0, a1, a in spans if a0 in index and a1 in ends]

        for part in split_clauses(tokens, lang):
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
                    claimant = _with_seat_after(claimant, mine, text)
                    speakers.note(claimant, names)
                clauses.append(Clause(s_index, p_start, p_end, piece, claimant, verb, stance, explicit, mine))
    _attribute_quotes(clauses, text)
    return clauses


def _attribute_quotes(clauses: list[Clause], text: str) -> None:
    """Clauses inside a quotation belong to whoever the words right after it name
    (“... shelled Mingachevir. They also shelled Khizi,” he noted)."""
    for q_start, q_end in quote_spans(text):
        after = [c for c in clauses if c.start < q_end + 3 and c.end > q_end and c.explicit]
        before = [c for c in clauses if c.end <= q_start + 1 and c.end >= q_start - 60 and c.explicit]
        speaker = after[0] if after else (before[-1] if before else None)
        if speaker is None:
            continue
        for c in clauses:
            if c.start >= q_start - 1 and c.end <= q_end + 1 and not c.explicit:
                c.claimant, c.verb, c.stance, c.explicit = speaker.claimant, speaker.verb, speaker.stance, True


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
    while cut is not None and cut > v + 1 and part[cut - 1].is_word and part[cut - 1].norm in ("و", "and"):
        cut -= 1
    if cut is None or cut <= v + 1:
        return [part]
    return [part[:cut], *_split_speakers(part[cut:], mentions, lexicon, skip, anaphor, speakers, text, actors_of)]


def _with_seat_after(c: Claimant, mentions: list[Resolved], text: str) -> Claimant:
    """Take "في أذربيجان" after a speaker's title into its name ("الادعاء العام في أذربيجان")."""
    if c.span is None:
        return c
    for r in mentions:
        p = r.place
        if not (p.feature_code.startswith("PCL") or p.feature_code == "PPLC"):
            continue
        between = text[c.span[1] : r.mention.start].strip().strip("،,")
        if between in ("", "في", "in", "of", "ب", "لـ", "ل"):
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
