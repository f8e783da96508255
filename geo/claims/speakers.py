"""Who can speak, and the speakers remembered: the outlet, actors of the lexicon, capitals and countries
standing for their governments, bodies named by their place, people described by nationality, and
the memory of who spoke last (anaphora, personal names, bodies named in full earlier).

The rules that find the speaker of a clause are in :mod:`.subjects`; this module builds the
:class:`~geo.model.Claimant` each rule finds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import ActorMatch, Claimant, Resolved, Token
from ..nlp.discourse import discourse, phrase_at
from ..nlp.lexicon import Lexicon
from ..nlp.tokens import is_arabic
from .sides import HOME_VOICES, LOCAL_KINDS, government_side, territory_side

__all__ = [
    "Claimant",
    "Speakers",
    "outlet_claimant",
    "seat_claimant",
    "actor_claimant",
    "body_of_place",
    "demonym_speaker",
    "resolve_actor",
    "PERSON_KINDS",
    "SPEAKER_KINDS",
]

#: Kinds of a government's or party's voice (what "the ministry", "he" may refer back to).
SPEAKER_KINDS = frozenset({"government", "ministry", "military", "president", "official", "spokesperson"})
#: Kinds that are one person (a personal name may stand next to them).
PERSON_KINDS = frozenset({"president", "official", "spokesperson"})
_SOURCES = frozenset({"sources", "local_sources"})


def outlet_claimant(outlet: str | None) -> Claimant:
    """The outlet speaking for itself: unattributed narrative is its claim."""
    return Claimant(outlet or "", outlet or "the outlet", "media", "media", "outlet")


@dataclass
class Speakers:
    """The speakers named so far: the last one, the last one of each kind, their personal names,
    the last region named, the article's home side and the bodies named in full."""

    last: Claimant | None = None
    by_kind: dict[str, Claimant] = field(default_factory=dict)
    #: Personal names seen with a speaker ("حكمت حجييف مساعد رئيس أذربيجان"): name word -> speaker.
    names: dict[str, Claimant] = field(default_factory=dict)
    #: The last region or province named (what "الإقليم" / "the region" refers to).
    region: Resolved | None = None
    #: The side of the country the article is mostly about: whose army "the army" is when nobody said.
    home: str | None = None
    #: Head words of actors named in full ("التحالف الذي تقوده السعودية"), for later bare references
    #: after a name link ("المتحدث باسم التحالف"): word -> (side, canonical).
    heads: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: The sentence the last speaker spoke in.
    last_sentence: int = -1
    #: When each kind last spoke (a counter of notes), to tell the most recent of a family.
    spoke: dict[str, int] = field(default_factory=dict)

    def note(self, c: Claimant, names: Sequence[str] = (), sentence: int = -1) -> None:
        """Remember ``c`` as the last speaker (of its kind), and the personal names it came with."""
        if c.kind == "outlet":
            return
        self.last = c
        self.last_sentence = sentence
        self.by_kind[c.kind] = c
        self.spoke[c.kind] = len(self.spoke) + sum(self.spoke.values()) + 1
        for name in names:
            self.names[name] = c

    def recall(self, kind: str) -> Claimant | None:
        """The last speaker of ``kind`` ("any": the last one); a kind nobody was yet: the last speaker
        when it is a government's voice."""
        if kind == "any":
            return self.last
        if kind in _SOURCES:
            family = [k for k in _SOURCES if k in self.by_kind]
            if family:
                return self.by_kind[max(family, key=lambda k: self.spoke.get(k, 0))]
        return self.by_kind.get(kind) or (self.last if self.last and self.last.kind in SPEAKER_KINDS else None)


def _place_side(place) -> str | None:
    return territory_side(place) or government_side(place.country_code or None)


def seat_claimant(r: Resolved) -> Claimant | None:
    """A capital, country or governed region named as a speaker ("أعلنت يريفان", "Karabakh said")."""
    p = r.place
    if p.feature_code not in ("PPLC", "RGN") and not p.feature_code.startswith("PCL"):
        return None
    territory = territory_side(p) if p.feature_code == "RGN" else None
    if p.feature_code == "RGN" and territory is None:
        return None
    side = territory or government_side(p.country_code or None)
    kind = "official" if territory else "government"
    canonical = f"{p.name} authorities" if territory else f"{p.name} (government)"
    return Claimant(r.mention.text, canonical, side, "belligerent", kind, seat=r, span=(r.mention.start, r.mention.end))


def actor_claimant(a: ActorMatch, tokens: Sequence[Token], text: str, lexicon: Lexicon | None = None) -> Claimant:
    """The claimant of an actor match, its name extended over ranks and personal names that follow a
    title ("Army spokesman Brigadier General X Y"): cut at the name, never inside a title."""
    words = [t for t in tokens[a.start : a.end] if t.is_word] or list(tokens[a.start : a.end])
    start, end = words[0].start, words[-1].end
    if lexicon is not None and a.actor.kind in PERSON_KINDS:
        end = _name_end(tokens, a.end, end, lexicon)
    return Claimant(text[start:end], a.canonical, a.side, a.actor.side_type, a.actor.kind, span=(start, end))


def _name_end(tokens: Sequence[Token], k: int, end: int, lexicon: Lexicon) -> int:
    """Where a person's name ends after a title: over rank words, then up to three name words (the
    actor's own pattern takes the names that follow a title directly)."""
    ranks = lexicon.language.words("rank")
    names = 0
    ranked = False
    while k < len(tokens) and tokens[k].is_word:
        t = tokens[k]
        if t.norm in ranks or any(r in ranks for r in t.readings[1:]):
            end, k, ranked = t.end, k + 1, True
            continue
        if ranked and names < 3 and is_name_word(t, lexicon):
            end, k, names = t.end, k + 1, names + 1
            continue
        break
    return end


def is_name_word(t: Token, lexicon: Lexicon) -> bool:
    """May the token be a word of a personal name (no verb, cue, common word; capitalised in Latin script)?"""
    if not t.is_word or any(ch.isdigit() for ch in t.text) or lexicon.verb(t) is not None:
        return False
    if lexicon.is_common_word(t.norm) or lexicon.demonym(t.norm) or lexicon.country([t.norm]):
        return False
    if t.norm in lexicon.language.words("complementizer"):
        return False
    return is_arabic(t.text) or t.text[:1].isupper()


def demonym_speaker(
    part: Sequence[Token], k: int, lexicon: Lexicon, text: str, stop: int | None = None
) -> Claimant | None:
    """A speaker described by nationality: "قائد القوات البرية الأوكرانية", "a Russian military source"
    (up to five words from token ``k``, before ``stop``)."""
    complementizers = lexicon.language.words("complementizer")
    last = min(len(part), k + 5, stop if stop is not None else len(part))
    for j in range(k, last):
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
            side = government_side(code)
            return Claimant(
                text[start:end], f"{text[start:end]} ({code})", side, "belligerent", "official", None, (start, end)
            )
    return None


def body_of_place(part, k, by_token, lexicon, speakers, text) -> Claimant | None:
    """A body named by its place: "جيش الإقليم" (the region's army), "سلطات قره باغ", "جيش الخرطوم"."""
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
    end = part[min(len(part) - 1, k + size)].end
    if place in by_token.values():
        end = max(place.mention.end, end)
    start = part[k].start
    kind = "military" if name in ("army", "forces", "command") else "government"
    return Claimant(
        text[start:end], f"{place.place.name} {name}", _place_side(place.place), "belligerent", kind, None, (start, end)
    )


def resolve_actor(a: ActorMatch, part, text, speakers: Speakers, lexicon: Lexicon, by_token=None) -> Claimant:
    """An actor with its side. One named by its kind alone ("الوزارة", "the ministry") is, in order:
    the body a nationality next to it names, the place whose possessive it follows ("the enclave's
    health ministry"), the body a name link points to ("المتحدث باسم التحالف"), the last speaker of
    its kind, or the home government."""
    c = actor_claimant(a, part, text, lexicon)
    if c.kind in _SOURCES and _bare(a, part, lexicon):
        # "المصدر", "the source": the source named last, whichever kind
        earlier = speakers.recall(c.kind)
        if earlier is not None and earlier.kind in _SOURCES:
            return Claimant(c.text, earlier.canonical, earlier.side, earlier.side_type, earlier.kind, None, c.span)
    if c.side is not None or c.kind in LOCAL_KINDS:
        return c
    for t in part[max(0, a.start - 2) : a.start] + part[a.end : a.end + 2]:
        code = lexicon.demonym(t.norm) if t.is_word else None
        if code:
            return Claimant(c.text, f"{c.canonical} ({code})", government_side(code), c.side_type, c.kind, None, c.span)
    seat = _seat_after(part, a.end, by_token or {}, lexicon)
    if seat is not None:
        return Claimant(
            c.text, f"{c.canonical} ({seat.place.name})", _place_side(seat.place), c.side_type, c.kind, None, c.span
        )
    owner = _possessor(part, a.start, by_token or {}, lexicon, speakers)
    if owner is not None:
        name, side = owner
        return Claimant(c.text, f"{name} {c.canonical}", side, c.side_type, c.kind, None, c.span)
    links = lexicon.language.words("name_link")
    for j in range(a.start + 1, min(len(part), a.end + 3)):
        prev = part[j - 1]
        if part[j].is_word and (prev.norm in links or any(r in links for r in prev.readings)):
            for t in part[j : j + 3]:
                head = speakers.heads.get(t.readings[-1]) if t.is_word else None
                if head is not None:
                    return Claimant(c.text, f"{c.canonical} of {head[1]}", head[0], c.side_type, c.kind, None, c.span)
    if c.kind in SPEAKER_KINDS or c.kind in _SOURCES or c.kind == "statement":
        earlier = speakers.recall(c.kind if c.kind != "statement" else "any")
        if earlier is not None and earlier.kind != "outlet" and earlier.side_type != "media":
            return Claimant(c.text, earlier.canonical, earlier.side, earlier.side_type, earlier.kind, None, c.span)
    if speakers.home and c.kind in HOME_VOICES:
        # "the army said" in an article about one country: that country's army
        return Claimant(c.text, f"{c.canonical} ({speakers.home})", speakers.home, c.side_type, c.kind, None, c.span)
    return c


def _bare(a: ActorMatch, part, lexicon: Lexicon) -> bool:
    """The actor is named by its head noun alone ("المصدر", "the source"), nothing qualifying it."""
    determiners = lexicon.language.words("determiner")
    return sum(t.is_word and t.norm not in determiners for t in part[a.start : a.end]) == 1


def _seat_after(part, k, by_token, lexicon: Lexicon) -> Resolved | None:
    """A country, capital or governed territory right after a body's title, linked by "in"/"of"/"في"
    or a glued ب ("الادعاء العام في أذربيجان", "وزارة الصحة في غزة")."""
    links = lexicon.language.words("seat_link")
    for j in (k, k + 1):
        r = by_token.get(j)
        if r is None:
            continue
        if j == k + 1 and not (part[k].is_word and part[k].norm in links):
            return None
        if j == k and r.mention.start == part[k].start:
            return None  # no glued preposition: the name is not linked to the title
        p = r.place
        if p.feature_code.startswith("PCL") or p.feature_code == "PPLC" or territory_side(p):
            return r
        return None
    return None


def _possessor(part, k, by_token, lexicon: Lexicon, speakers: Speakers) -> tuple[str, str] | None:
    """The place whose possessive stands right before token ``k`` ("Gaza's", "the enclave's"): its
    name and side. A region word stands for the last region named, else the home side."""
    if not lexicon.language.subject_first or k < 1 or not part[k - 1].is_word:
        return None  # possessors come before their noun only where subjects come before verbs
    if part[k - 1].readings[-1] == part[k - 1].norm:
        return None  # no possessive: the word before reads the same without its ending
    j = k - 1
    r = by_token.get(j)
    if r is not None:
        side = _place_side(r.place)
        return (r.place.name, side) if side else None
    region = discourse(lexicon.language)["region"]
    for size in (2, 1):
        start = j - size + 1
        if start < 0:
            continue
        words = [t.norm for t in part[start:j]] + [part[j].readings[-1]]
        if " ".join(words) in region:
            if speakers.region is not None:
                side = _place_side(speakers.region.place)
                return (speakers.region.place.name, side) if side else None
            return ("", speakers.home) if speakers.home else None
    return None
