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

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from gazetteer import fold

from .lexicon import ActorMatch, Lexicon
from .resolve import Resolved
from .text import Token, stems

__all__ = ["Claimant", "Clause", "attribute", "outlet_claimant"]

_SPEAKER_KINDS = frozenset({"government", "ministry", "military", "president", "official", "spokesperson"})
_PERSON_KINDS = frozenset({"president", "official", "spokesperson"})


@dataclass(frozen=True, slots=True)
class Claimant:
    """Who makes a claim. ``seat`` is the capital or country mention standing for it, if any."""

    text: str
    canonical: str
    side: str | None
    side_type: str
    kind: str
    seat: Resolved | None = None
    #: Character span of the speaker's name in the text (``None`` for the outlet).
    span: tuple[int, int] | None = None


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


@lru_cache(maxsize=8)
def _discourse(lang: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {"contrast": {}, "anaphor": {}, "skip": {}, "coord": {}}
    try:
        text = resources.files("geo").joinpath(f"data/{lang}/discourse.tsv").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return out
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, words, *value = line.split("\t")
        out[kind][fold(words)] = value[0] if value else ""
    return out


def outlet_claimant(outlet: str | None) -> Claimant:
    """The outlet speaking for itself: unattributed narrative is its claim."""
    return Claimant(outlet or "", outlet or "the outlet", "media", "media", "outlet")


def _phrase_at(tokens: list[Token], i: int, phrases: dict[str, str]) -> tuple[int, str] | None:
    """A phrase of ``phrases`` (folded, maybe several words) starting at token ``i``: (length, value)."""
    for size in (3, 2, 1):
        if i + size > len(tokens):
            continue
        words = [t.norm for t in tokens[i : i + size]]
        for first in stems(words[0]):
            key = " ".join([first, *words[1:]])
            if key in phrases:
                return size, phrases[key]
    return None


def _clauses(tokens: list[Token], lang: str) -> list[list[Token]]:
    contrast = _discourse(lang)["contrast"]
    parts: list[list[Token]] = [[]]
    i = 0
    while i < len(tokens):
        hit = _phrase_at(tokens, i, contrast) if parts[-1] else None
        if hit is not None and sum(t.is_word for t in parts[-1]) >= 3:
            parts.append([])
        parts[-1].append(tokens[i])
        i += 1
    return [p for p in parts if any(t.is_word for t in p)]


class _Speakers:
    """The speakers named so far: the last one, and the last one of each kind."""

    def __init__(self) -> None:
        self.last: Claimant | None = None
        self.by_kind: dict[str, Claimant] = {}
        #: Personal names seen with a speaker ("حكمت حجييف مساعد رئيس أذربيجان"): name word -> speaker.
        self.names: dict[str, Claimant] = {}

    def note(self, c: Claimant, names: list[str] = ()) -> None:
        if c.kind == "outlet":
            return
        self.last = c
        self.by_kind[c.kind] = c
        for name in names:
            self.names[name] = c

    def recall(self, kind: str) -> Claimant | None:
        if kind == "any":
            return self.last
        return self.by_kind.get(kind) or (self.last if self.last and self.last.kind in _SPEAKER_KINDS else None)


def _seat_claimant(r: Resolved, lexicon: Lexicon) -> Claimant | None:
    """A capital, country or contested region named as a speaker ("أعلنت يريفان")."""
    p = r.place
    if p.feature_code not in ("PPLC", "PCLI", "RGN") and not p.feature_code.startswith("PCL"):
        return None
    side = p.country_code or None
    if p.feature_code == "RGN" and side == "AZ" and "karabakh" in p.name.lower():
        side = "AM"  # the project's convention: the Karabakh authorities speak for the Armenian side
    kind = "government" if p.feature_code != "RGN" else "official"
    canonical = f"{p.name} (government)" if kind == "government" else f"{p.name} authorities"
    return Claimant(r.mention.text, canonical, side, "belligerent", kind, seat=r, span=(r.mention.start, r.mention.end))


def _actor_claimant(a: ActorMatch, tokens: list[Token], text: str) -> Claimant:
    start, end = tokens[a.start].start, tokens[a.end - 1].end
    return Claimant(text[start:end], a.canonical, a.side, a.actor.side_type, a.actor.kind, span=(start, end))


def attribute(
    sentences: list[tuple[int, int, list[Token]]],
    resolved: list[Resolved],
    *,
    text: str,
    lexicon: Lexicon,
    outlet: str | None,
) -> list[Clause]:
    """Attributed clauses of an article, in order; every resolved mention is assigned to its clause."""
    lang = lexicon.language
    skip = _discourse(lang)["skip"]
    anaphor = _discourse(lang)["anaphor"]
    speakers = _Speakers()
    clauses: list[Clause] = []
    by_sentence: dict[int, list[Resolved]] = {}
    for r in resolved:
        by_sentence.setdefault(r.mention.sentence, []).append(r)

    for s_index, (_, _, tokens) in enumerate(sentences):
        mentions = by_sentence.get(s_index, [])
        for part in _clauses(tokens, lang):
            c_start, c_end = part[0].start, part[-1].end
            here = [r for r in mentions if c_start <= r.mention.start < c_end + 1]
            actors = lexicon.actors_in(part)
            claimant, verb, stance, explicit, names = _speaker(
                part, actors, here, lexicon, skip, anaphor, speakers, text
            )
            if claimant is None:
                claimant, explicit = outlet_claimant(outlet), False
            else:
                speakers.note(claimant, names)
            clauses.append(Clause(s_index, c_start, c_end, part, claimant, verb, stance, explicit, here))
    return clauses


def _speaker(part, actors, mentions, lexicon, skip, anaphor, speakers, text):
    """(claimant, verb lemma, stance, explicit, personal names) of a clause; claimant None when nobody speaks."""
    by_token: dict[int, Resolved] = {}
    for r in mentions:
        for k, tok in enumerate(part):
            if tok.start <= r.mention.start < tok.end:
                by_token[k] = r
    for v, tok in enumerate(part):
        verb = lexicon.verb(tok)
        if verb is None:
            continue
        # after the verb (Arabic verb-subject order; "said the ministry"; "according to X")
        k = v + 1
        while k < len(part) and (not part[k].is_word or _phrase_at(part, k, skip)):
            k += 1
        found, names = _speaker_at(part, k, actors, by_token, lexicon, anaphor, speakers, text)
        if found is None and verb.kind != "according_to":
            # before the verb (subject-verb order: "Baku said", "وكانت يريفان أعلنت")
            found, names = _speaker_ending(part, v, actors, by_token, lexicon, text), []
        if found is None and verb.kind == "continue":
            found = speakers.last
        if found is not None:
            return found, verb.lemma, verb.stance, True, names
    return None, None, "asserts", False, []


def _speaker_at(part, k, actors, by_token, lexicon, anaphor, speakers, text):
    """The speaker whose name starts at token ``k`` (allowing a personal name before a title)."""
    if k >= len(part):
        return None, []
    for a in actors:
        if a.start == k or (a.start == k + 1 and not part[k].is_word):
            return _resolve_actor(a, part, text, speakers), []
    r = by_token.get(k)
    if r is not None:
        return _seat_claimant(r, lexicon), []
    hit = _phrase_at(part, k, anaphor)
    if hit is not None:
        return speakers.recall(hit[1]), []
    if part[k].norm in speakers.names:
        return speakers.names[part[k].norm], []
    # "حكمت حجييف مساعد رئيس أذربيجان": up to three name words, then the title
    for a in actors:
        gap = part[k : a.start]
        is_name = 0 < len(gap) <= 3 and all(t.is_word and lexicon.verb(t) is None for t in gap)
        if is_name and a.actor.kind in _PERSON_KINDS:
            c = _actor_claimant(a, part, text)
            start = part[k].start
            named = Claimant(
                text[start : c.span[1]], c.canonical, c.side, c.side_type, c.kind, None, (start, c.span[1])
            )
            return named, [t.norm for t in gap]
    return None, []


def _resolve_actor(a: ActorMatch, part, text, speakers) -> Claimant | None:
    """An actor named by its kind alone ("الوزارة", "the ministry") is the last one of that kind."""
    c = _actor_claimant(a, part, text)
    if c.side is None and c.kind in _SPEAKER_KINDS:
        earlier = speakers.recall(c.kind)
        if earlier is not None:
            return Claimant(c.text, earlier.canonical, earlier.side, earlier.side_type, earlier.kind, None, c.span)
    return c


def _speaker_ending(part, v, actors, by_token, lexicon, text):
    for a in actors:
        if a.end in (v, v - 1):
            return _actor_claimant(a, part, text)
    for k in (v - 1, v - 2):
        r = by_token.get(k)
        if r is not None and k >= 0 and r.mention.end <= part[v].start:
            return _seat_claimant(r, lexicon)
    return None
