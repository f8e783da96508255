"""Finding who speaks: actors, capitals standing for governments, bodies named by their place,
people described by nationality, and the speakers named earlier (anaphora, names, head words)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import ActorMatch, Claimant, Resolved, Token
from ..nlp.discourse import discourse, phrase_at
from ..nlp.lexicon import Lexicon
from ..nlp.tokens import is_arabic

__all__ = ["Claimant", "Speakers", "outlet_claimant", "find_speaker", "PERSON_KINDS"]

_SPEAKER_KINDS = frozenset({"government", "ministry", "military", "president", "official", "spokesperson"})
PERSON_KINDS = frozenset({"president", "official", "spokesperson"})
_GROUPS = frozenset({"residents", "witnesses", "activists"})


def outlet_claimant(outlet: str | None) -> Claimant:
    """The outlet speaking for itself: unattributed narrative is its claim."""
    return Claimant(outlet or "", outlet or "the outlet", "media", "media", "outlet")


class Speakers:
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

    def note(self, c: Claimant, names: Sequence[str] = ()) -> None:
        """Remember ``c`` as the last speaker (of its kind), and the personal names it came with."""
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


def find_speaker(part, actors, mentions, lexicon, skip, anaphor, speakers, text, strict=False):
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
            if t.is_word and not phrase_at(part, k, discourse(lexicon.language)["contrast"])
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
        while k < len(part) and (not part[k].is_word or phrase_at(part, k, skip)):
            k += 1
        found, names = None, []
        if lexicon.language.subject_first and verb.kind != "according_to":
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
    hit = phrase_at(part, k, anaphor)
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
        if is_name and a.actor.kind in PERSON_KINDS:
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
    complementizers = lexicon.language.words("complementizer")
    for j in range(k, min(len(part), k + 5)):
        t = part[j]
        if (
            not t.is_word
            or t.norm in complementizers
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
    disc = discourse(lexicon.language)
    head = phrase_at(part, k, disc["head"])
    if head is None:
        return None
    size, name = head
    place = None
    for j in range(k + size, min(len(part), k + size + 3)):
        if j in by_token:
            place = by_token[j]
            break
        if phrase_at(part, j, disc["region"]) is not None:
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
        head = speakers.heads.get(t.readings[-1]) if t.is_word else None
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
