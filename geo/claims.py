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
from functools import lru_cache
from importlib import resources

from gazetteer import fold

from .lexicon import ActorMatch, Lexicon
from .resolve import Resolved
from .text import Token, is_arabic, stems

__all__ = ["Claimant", "Clause", "attribute", "outlet_claimant", "discourse"]

_SPEAKER_KINDS = frozenset({"government", "ministry", "military", "president", "official", "spokesperson"})
_PERSON_KINDS = frozenset({"president", "official", "spokesperson"})
_GROUPS = frozenset({"residents", "witnesses", "activists"})
# Words that open a reported clause: a speaker is never found past them.
_COMPLEMENTIZERS = frozenset(
    {"ان", "انه", "انها", "انهم", "انهن", "بان", "بانه", "بانها", "لان", "that", "of", "to", "ما", "لما"}
)


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
    out: dict[str, dict[str, str]] = {
        k: {}
        for k in ("contrast", "anaphor", "skip", "coord", "head", "region", "function", "postcue", "distal", "group")
    }
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


def discourse(lang: str) -> dict[str, dict[str, str]]:
    """The discourse word lists of a language (``data/LANG/discourse.tsv``), by kind."""
    return _discourse(lang)


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
        #: The last region or province named (what "الإقليم" / "the region" refers to).
        self.region: Resolved | None = None
        #: The country the article is mostly about: whose army "the army" is when nobody said.
        self.home: str | None = None
        #: First words of actors named in full ("التحالف الذي تقوده السعودية"), for later bare
        #: references ("المتحدث باسم التحالف"): word -> (side, canonical).
        self.heads: dict[str, tuple[str, str]] = {}

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
    words = [t for t in tokens[a.start : a.end] if t.is_word] or tokens[a.start : a.end]
    start, end = words[0].start, words[-1].end
    return Claimant(text[start:end], a.canonical, a.side, a.actor.side_type, a.actor.kind, span=(start, end))


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
    skip = _discourse(lang)["skip"]
    anaphor = _discourse(lang)["anaphor"]
    speakers = _Speakers()
    speakers.home = home
    clauses: list[Clause] = []
    by_sentence: dict[int, list[Resolved]] = {}
    for r in resolved:
        by_sentence.setdefault(r.mention.sentence, []).append(r)

    for s_index, (_, _, tokens) in enumerate(sentences):
        found = actors[s_index] if actors is not None and s_index in actors else lexicon.actors_in(tokens)
        for a in found:
            if a.side and a.end - a.start > 1 and a.actor.kind not in _PERSON_KINDS:
                speakers.heads.setdefault(stems(tokens[a.start].norm)[-1], (a.side, a.canonical))
    for s_index, (_, _, tokens) in enumerate(sentences):
        mentions = by_sentence.get(s_index, [])
        found = actors[s_index] if actors is not None and s_index in actors else lexicon.actors_in(tokens)
        spans = [(tokens[a.start].start, tokens[a.end - 1].end, a) for a in found]

        def actors_of(piece: list[Token], spans=spans) -> list[ActorMatch]:
            index = {t.start: k for k, t in enumerate(piece)}
            ends = {t.end: k for k, t in enumerate(piece)}
            return [replace(a, start=index[a0], end=ends[a1] + 1) for a0, a1, a in spans if a0 in index and a1 in ends]

        for part in _clauses(tokens, lang):
            c_start, c_end = part[0].start, part[-1].end
            here = [r for r in mentions if c_start <= r.mention.start < c_end + 1]
            for r in here:
                area = r.place.feature_code in ("RGN", "ADM1", "ADM2") or r.place.feature_class == "A"
                if area and not r.place.feature_code.startswith("PCL"):
                    speakers.region = r
            for piece in _split_speakers(part, here, lexicon, skip, anaphor, speakers, text, actors_of):
                p_start, p_end = piece[0].start, piece[-1].end
                mine = [r for r in here if p_start <= r.mention.start < p_end + 1]
                claimant, verb, stance, explicit, names, _ = _speaker(
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


_QUOTES = {"“": "”", "«": "»", '"': '"', "„": "“"}


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations (“...”, «...», "..."), possibly across sentences."""
    spans = []
    i = 0
    while i < len(text):
        close = _QUOTES.get(text[i])
        if close is None:
            i += 1
            continue
        j = text.find(close, i + 1)
        if j < 0 or j - i > 3000:
            i += 1
            continue
        spans.append((i, j + 1))
        i = j + 1
    return spans


def _attribute_quotes(clauses: list[Clause], text: str) -> None:
    """Clauses inside a quotation belong to whoever the words right after it name
    (“... shelled Mingachevir. They also shelled Khizi,” he noted)."""
    for q_start, q_end in _quote_spans(text):
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
    first, *_rest, v = _speaker(part, actors, mentions, lexicon, skip, anaphor, speakers, text, strict=True)
    if first is None or v is None or v + 2 >= len(part):
        return [part]
    rest = part[v + 1 :]
    second, *_, v2 = _speaker(rest, actors_of(rest), mentions, lexicon, skip, anaphor, speakers, text, strict=True)
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


def _speaker(part, actors, mentions, lexicon, skip, anaphor, speakers, text, strict=False):
    """(claimant, verb lemma, stance, explicit, personal names, verb index) of a clause; claimant
    None when nobody speaks. ``strict`` takes only a speaker named right at its verb."""
    by_token: dict[int, Resolved] = {}
    for r in mentions:
        for k, tok in enumerate(part):
            if tok.start <= r.mention.start < tok.end:
                by_token[k] = r
    initial = None
    first = next(
        (
            k
            for k, t in enumerate(part)
            if t.is_word and not _phrase_at(part, k, _discourse(lexicon.language)["contrast"])
        ),
        None,
    )
    if first is not None and not strict:
        initial, _ = _speaker_at(part, first, actors, by_token, lexicon, anaphor, speakers, text, names=False)
    for v, tok in enumerate(part):
        verb = lexicon.verb(tok)
        if verb is None:
            continue
        k = v + 1
        while k < len(part) and (not part[k].is_word or _phrase_at(part, k, skip)):
            k += 1
        found, names = None, []
        if lexicon.language == "en" and verb.kind != "according_to":
            # English puts the speaker first ("Baku said"); "said the ministry" only after a quote
            found = _speaker_ending(part, v, actors, by_token, lexicon, text, speakers)
        if found is None:
            # after the verb (Arabic verb-subject order; "said the ministry"; "according to X")
            found, names = _speaker_at(part, k, actors, by_token, lexicon, anaphor, speakers, text, names=not strict)
        if found is None and verb.kind != "according_to":
            # before the verb (subject-verb order: "وكانت يريفان أعلنت")
            found, names = _speaker_ending(part, v, actors, by_token, lexicon, text, speakers), []
        if found is None and initial is not None and initial.span and initial.span[1] <= tok.start:
            found, names = initial, []  # the clause's topic, before a long apposition: "زعيم X، وهو ...، قال"
        if found is None and not strict and verb.kind != "continue":
            found = _demonym_phrase(part, k, lexicon, text)
        if found is None and verb.kind == "continue" and not strict:
            found = speakers.last
        if found is not None:
            if not names and found.span is not None:
                names = _names_near(part, found.span, tok.start, lexicon) + _names_within(part, found.span, lexicon)
            return found, verb.lemma, verb.stance, True, names, v
    return None, None, "asserts", False, [], None


def _speaker_at(part, k, actors, by_token, lexicon, anaphor, speakers, text, names=True):
    """The speaker whose name starts at token ``k`` (allowing a personal name before a title)."""
    if k >= len(part):
        return None, []
    body = _body_of_place(part, k, by_token, lexicon, speakers, text)
    for a in actors:
        if a.start == k or (a.start == k + 1 and not part[k].is_word):
            actor = _resolve_actor(a, part, text, speakers, lexicon)
            if actor.side is None and body is not None:
                return body, []
            return actor, []
    if body is not None:
        return body, []
    r = by_token.get(k)
    if r is not None:
        return _seat_claimant(r, lexicon), []
    hit = _phrase_at(part, k, anaphor)
    if hit is not None:
        return speakers.recall(hit[1]), []
    if part[k].norm in speakers.names:
        return speakers.names[part[k].norm], []
    if not names:
        return None, []
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


def _names_within(part, span, lexicon) -> list[str]:
    """Personal-name words inside a speaker's name ("Prosecutor General Kamran Aliyev",
    "الرئيس الأذري إلهام علييف"): words no lexicon knows, neither title nor nationality."""
    inside = [t for t in part if span[0] <= t.start and t.end <= span[1] and t.is_word]
    out = []
    for t in inside[1:]:
        if lexicon.is_common_word(t.norm) or lexicon.demonym(t.norm) or lexicon.country([t.norm]):
            continue
        if not is_arabic(t.text) and not t.text[:1].isupper():
            continue
        out.append(t.norm)
    return out[-2:]


def _demonym_phrase(part, k, lexicon, text) -> Claimant | None:
    """A speaker described by nationality: "قائد القوات البرية الأوكرانية", "a Russian military source"."""
    for j in range(k, min(len(part), k + 5)):
        t = part[j]
        if (
            not t.is_word
            or t.norm in _COMPLEMENTIZERS
            or lexicon.verb(t) is not None
            or any(c.isdigit() for c in t.text)
        ):
            return None
        code = lexicon.demonym(t.norm)
        if code:
            start, end = part[k].start, t.end
            return Claimant(
                text[start:end], f"{text[start:end]} ({code})", code, "belligerent", "official", None, (start, end)
            )
    return None


def _names_near(part, span, verb_start, lexicon) -> list[str]:
    """Personal-name words right after a speaker's title ("... representative Artsrun Hovhannisyan said",
    "وقال مساعد الرئيس الأذري حكمت حجييف"): remembered, so "Hovhannisyan said" is the same speaker."""
    after = [t for t in part if t.start >= span[1]]
    names = []
    for t in after[:4]:
        if not t.is_word or lexicon.verb(t) is not None or lexicon.is_common_word(t.norm) or t.start == verb_start:
            break
        if not is_arabic(t.text) and not t.text[:1].isupper():
            break
        names.append(t.norm)
    return names[:3]


def _body_of_place(part, k, by_token, lexicon, speakers, text) -> Claimant | None:
    """A body named by its place: "جيش الإقليم" (the region's army), "سلطات قره باغ", "زعيم إقليم ناجورنو قرة باغ"."""
    disc = _discourse(lexicon.language)
    head = _phrase_at(part, k, disc["head"])
    if head is None:
        return None
    size, name = head
    place = None
    for j in range(k + size, min(len(part), k + size + 3)):
        if j in by_token:
            place = by_token[j]
            break
        if _phrase_at(part, j, disc["region"]) is not None:
            place = speakers.region
            break
    if place is None:
        return None
    seat = _seat_claimant(place, lexicon) or Claimant(
        place.mention.text, place.place.name, place.place.country_code or None, "belligerent", "government"
    )
    end = (
        max(place.mention.end, part[min(len(part) - 1, k + size)].end)
        if place in by_token.values()
        else part[min(len(part) - 1, k + size)].end
    )
    start = part[k].start
    return Claimant(
        text[start:end],
        f"{place.place.name} {name}",
        seat.side,
        "belligerent",
        "military" if name in ("army", "forces", "command") else "government",
        None,
        (start, end),
    )


def _resolve_actor(a: ActorMatch, part, text, speakers, lexicon) -> Claimant | None:
    """An actor named by its kind alone ("الوزارة", "the ministry") is the last one of that kind."""
    c = _actor_claimant(a, part, text)
    if c.side is not None:
        return c
    # a nationality next to it: "the Sudanese Civil Defense forces", "الدفاع المدني السوري"
    for t in part[max(0, a.start - 2) : a.start] + part[a.end : a.end + 2]:
        code = lexicon.demonym(t.norm) if t.is_word else None
        if code:
            return Claimant(c.text, f"{c.canonical} ({code})", code, c.side_type, c.kind, None, c.span)
    for t in part[a.start : a.end + 3]:
        head = speakers.heads.get(stems(t.norm)[-1]) if t.is_word else None
        if head is not None and t.start >= part[a.start].start:
            # "المتحدث باسم التحالف": the coalition named in full earlier
            return Claimant(c.text, f"{c.canonical} of {head[1]}", head[0], c.side_type, c.kind, None, c.span)
    if c.kind in _GROUPS:
        # residents, witnesses, activists speak for themselves
        return Claimant(c.text, c.canonical, c.kind, "third_party", c.kind, None, c.span)
    earlier = speakers.recall(c.kind if c.kind in _SPEAKER_KINDS else "any")
    if earlier is not None:
        return Claimant(c.text, earlier.canonical, earlier.side, earlier.side_type, earlier.kind, None, c.span)
    if speakers.home and c.kind in ("military", "government", "ministry"):
        # "the army said" in an article about one country: that country's army
        return Claimant(c.text, f"{c.canonical} ({speakers.home})", speakers.home, c.side_type, c.kind, None, c.span)
    return c


def _speaker_ending(part, v, actors, by_token, lexicon, text, speakers=None):
    for a in actors:
        if a.end in (v, v - 1):
            return _resolve_actor(a, part, text, speakers, lexicon) if speakers else _actor_claimant(a, part, text)
    for k in (v - 1, v - 2):
        r = by_token.get(k)
        if r is not None and k >= 0 and r.mention.end <= part[v].start:
            return _seat_claimant(r, lexicon)
    return None
