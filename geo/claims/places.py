"""What one place mention is in its clause: a location of the event, or something else. Each rule a
function of the mention, its clause and the language:

- :func:`is_locative`: introduced as where something happens (a cue, a glued ب, a town in an event
  clause); a country or capital needs "in" (else it is a party: "اتهمت أذربيجان أرمينيا").
- :func:`is_dateline`: the place an article or line is filed from ("PORT SUDAN, June 12 (Reuters) -",
  "الفاشر –").
- :func:`is_reference_point`: a place a distance or direction is measured from ("80 km northwest of
  X", "على بعد 15 كيلومترا جنوب X", "X, southeast of Y"), or that says where something named lies
  ("الواقعتين قرب", "located near").
- :func:`is_venue`: where the speech was made or talks were held ("في مؤتمر صحفي في باكو").
- :func:`describes_somebody`: a place that only describes a group or body ("separatists in X",
  "قوات حكومة الوفاق في طرابلس", "far from X") or names a body ("قوات طرابلس").
- :func:`is_attributive`: a Latin-script name used as a modifier ("Tripoli-based", "a Goris press
  conference").
- :func:`in_aside`: a place in what is said about the speaker between its name and what it says
  ("X, at a press conference in Y, said", "قال X، وهو ... داخل Y، إن").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from gazetteer import fold

from ..lang import Language
from ..model import Clause, Resolved
from ..nlp.discourse import discourse, phrase_at
from ..nlp.lexicon import Lexicon
from ..nlp.tokens import is_arabic
from ..nlp.words import Words

__all__ = [
    "in_aside",
    "is_locative",
    "is_dateline",
    "is_reference_point",
    "is_venue",
    "describes_somebody",
    "is_attributive",
    "names_a_weapon",
    "after_preposition",
    "clitic_locative",
]

#: Cue kinds that make a place the location of what the clause says.
_LOCATIVE = frozenset({"in", "near", "direction", "center", "vicinity", "feature"})
# after a dateline's place: ", <date words>", "(<agency>)", then a dash, colon or slash
_DATELINE_AFTER = re.compile(r"^\s*(?:,[^\n–—:()/-]{0,30})?\s*(?:\([^)\n]{1,40}\))?\s*(?:[–—:/]|-(?!\w))")
_DATELINE_BEFORE = re.compile(r"^\s*(?:[^\s\n]+\s*){0,2}[–—:/-]\s*$")  # three words at most
_DATELINE_AFTER_AT = re.compile(_DATELINE_AFTER.pattern.removeprefix("^"))  # matched at an offset
_LINE_BREAK = re.compile("\n")
_NON_SPACE = re.compile(r"\S")


def in_aside(r: Resolved, clause: Clause, lexicon: Lexicon) -> bool:
    """The place stands between the speaker's name and what the speaker says: after the name and
    before the verb when the speaker comes first, after the name and before the complementizer when
    the verb does."""
    span = clause.claimant.span
    if not clause.explicit or span is None or r.mention.start < span[1]:
        return False
    if not clause.start <= span[0] < clause.end:
        return False  # the speaker is named elsewhere (carried over, or the quotation's)
    verbs = [t for t in clause.tokens if t.is_word and (v := lexicon.verb(t)) is not None and v.kind != "participle"]
    if not verbs:
        return False
    verb = verbs[0]
    if span[1] <= verb.start:
        end = verb.start
    else:
        complementizers = lexicon.language.words("complementizer")
        content = next(
            (t for t in clause.tokens if t.start >= span[1] and t.is_word and t.norm in complementizers), None
        )
        if content is None:
            return False
        end = content.start
    if r.mention.end > end:
        return False
    # an aside is short, set off by a comma, and tells no event of its own
    region = [t for t in clause.tokens if span[1] <= t.start and t.end <= end]
    words = [t for t in region if t.is_word]
    if not region or region[-1].text not in (",", "،") or len(words) > 10:
        return False
    return not lexicon.events_in(Words(region))


def _before(r: Resolved, clause: Clause):
    return [t for t in clause.tokens if t.end <= r.mention.start]


def _after(r: Resolved, clause: Clause):
    return [t for t in clause.tokens if t.start >= r.mention.end]


def is_dateline(r: Resolved, text: str) -> bool:
    """The place opens its line and is followed by a dash, colon or slash (after a date or an agency in
    brackets), or closes a short line after one ("Outlet - Place")."""
    m = r.mention
    breaks = _line_breaks(text)
    k = bisect_left(breaks, m.start)
    line_start = breaks[k - 1] + 1 if k else 0
    k = bisect_left(breaks, m.end, k)
    line_end = breaks[k] if k < len(breaks) else len(text)
    before = _line_before(text, line_start, m.start)
    if before is None:
        return False  # four words or more before the place: it neither opens nor closes a dateline
    opens = not before.strip() or (_DATELINE_BEFORE.match(before) is not None and len(before.split()) <= 2)
    if opens and _DATELINE_AFTER_AT.match(text, m.end, line_end):
        return True
    blank_after = _NON_SPACE.search(text, m.end, line_end) is None
    return bool(before.strip()) and blank_after and _DATELINE_BEFORE.match(before) is not None


@lru_cache(maxsize=4)
def _line_breaks(text: str) -> list[int]:
    """Offsets of the text's line breaks, once per text (a long article's parts share one)."""
    return [m.start() for m in _LINE_BREAK.finditer(text)]


def _line_before(text: str, line_start: int, end: int) -> str | None:
    """``text[line_start:end]``, or None when it holds four words or more (read from ``end`` back, so
    that a place in a line of a million characters costs no more than one in a short line)."""
    size = 64
    while True:
        a = max(line_start, end - size)
        window = text[a:end]
        if len(window.split()) >= 4:  # a word cut by the window's edge is still one word
            return None
        if a == line_start:
            return window
        size *= 8


def is_reference_point(r: Resolved, clause: Clause, lexicon: Lexicon, events: list[Resolved]) -> bool:
    """A place something is located from, not where it happened (see the module docstring). ``events``
    are the clause's event places accepted so far."""
    language = lexicon.language
    units = language.words("distance_unit")
    words = discourse(language)
    before = [t for t in _before(r, clause) if t.is_word]
    after = [t for t in _after(r, clause) if t.is_word]
    cue = r.mention.cue
    measured = cue is not None and cue.kind in ("direction", "near")
    near = before[-5:] + after[:5]  # "80 km northwest of X", "جنوب X وبمسافة 30 كم"
    if measured and any(t.norm in units or any(x in units for x in t.readings) for t in near):
        return True
    if cue is not None and cue.kind in ("direction", "near") and events:
        # "X, southeast of Y": a direction after a comma locates the place named before it
        tokens = _before(r, clause)
        n_cue = sum(t.is_word for t in clause.tokens if cue_start(r, clause) <= t.start < r.mention.start)
        k = len(tokens) - n_cue - 1
        while k >= 0 and not tokens[k].is_word and tokens[k].text not in (",", "،"):
            k -= 1
        if k >= 0 and tokens[k].text in (",", "،") and any(e.mention.end <= tokens[k].start for e in events):
            return True
    recent = before[-4:]
    if any(phrase_at(recent, i, words["locate"]) for i in range(len(recent))):
        return True
    return _in_relative_clause(r, clause, language, events)


def _in_relative_clause(r: Resolved, clause: Clause, language: Language, events: list[Resolved]) -> bool:
    """The place stands in a relative clause about an event place named right before it ("باخموت التي
    يتقاتل الجانبان عليها ... في شمال دونيتسك", "Ganja, which lies near ...")."""
    relative = language.words("relative")
    for e in events:
        between = [t for t in clause.tokens if e.mention.end <= t.start and t.end <= r.mention.start]
        words = [t for t in between if t.is_word]
        if words and words[0].norm in relative and not any(language.words("complementizer") & {t.norm for t in words}):
            return True
    return False


def cue_start(r: Resolved, clause: Clause) -> int:
    """Character offset where the mention's cue begins (the mention's start when it has none)."""
    cue = r.mention.cue
    if cue is None:
        return r.mention.start
    before = _before(r, clause)
    words = [t for t in before if t.is_word]
    n = cue.end - cue.start
    return words[-n].start if 0 < n <= len(words) else r.mention.start


def is_venue(r: Resolved, clause: Clause, lexicon: Lexicon, diplomacy: bool) -> bool:
    """The place of a press conference, interview or speech; of talks when the clause is not about the
    talks themselves (``diplomacy``)."""
    words = discourse(lexicon.language)
    before = [t for t in _before(r, clause) if t.is_word][-6:]
    for i in range(len(before)):
        if phrase_at(before, i, words["venue"]):
            return True
        if not diplomacy and phrase_at(before, i, words["talks"]):
            return True
    return False


def describes_somebody(r: Resolved, clause: Clause, lexicon: Lexicon) -> bool:
    """The place only describes somebody or lies far from the event: "الانفصاليين الأرمن في كارباخ",
    "بعيدة عن ناغورنو كاراباخ", a body with its place ("قوات حكومة الوفاق في طرابلس", "قوات طرابلس")."""
    words = discourse(lexicon.language)
    before = [t for t in _before(r, clause) if t.is_word]
    recent = " ".join(t.norm for t in before[-8:])
    if any(phrase in recent for phrase in words["distal"]):
        return True
    cue = r.mention.cue
    if cue is None and before and phrase_at(before, len(before) - 1, words["head"]) is not None:
        return True  # "قوات طرابلس": a body named by its place
    if cue is None or cue.kind != "in":
        return False
    n_cue = cue.end - cue.start
    owner = before[-n_cue - 1 : -n_cue] if len(before) > n_cue else []
    if not owner:
        return False
    if owner[0].norm in words["group"] or any(x in words["group"] for x in owner[0].readings):
        return True
    group_before = before[-n_cue - 2] if len(before) > n_cue + 1 else None
    if bool(lexicon.demonym(owner[0].norm)) and group_before is not None and group_before.norm in words["group"]:
        return True
    # an actor right before "in": the body is there, nothing happens there
    upto = [t for t in clause.tokens if t.end <= owner[0].end]
    if not upto:
        return False
    found = lexicon.actors_in(Words(upto[-6:]))
    return any(a.end == len(upto[-6:]) and a.actor.kind in ("armed_group", "military", "government") for a in found)


def is_attributive(r: Resolved, clause: Clause, language: Language) -> bool:
    """A Latin-script name used as a modifier: "Tripoli-based", and where modifiers stand before their
    noun, a lower-case word after the name: "a Goris press conference", "Grad missiles"."""
    m = r.mention
    if is_arabic(m.text):
        return False
    following = _after(r, clause)
    if not following:
        return False
    nxt = following[0]
    if nxt.text == "-" or nxt.start == m.end and nxt.text.startswith("-"):
        return True
    if language.adjective_after_noun:
        return False
    cue = m.cue
    if cue is not None and cue.kind in ("in", "near", "direction", "vicinity", "center"):
        return False  # "in Gaza City killed", "near Tartar overnight": a location, whatever follows
    words = discourse(language)
    if nxt.norm in words["postcue"]:
        after = following[1] if len(following) > 1 else None
        return after is not None and after.norm == "of"
    return nxt.is_word and nxt.text[:1].islower() and nxt.norm not in words["function"]


def names_a_weapon(r: Resolved, clause: Clause, lexicon: Lexicon) -> bool:
    """The name is read as an event word (a weapon: "Grad missiles", "صواريخ غراد") and no settlement
    cue announces it as a place."""
    cue = r.mention.cue
    if cue is not None and cue.kind == "feature":
        return False
    tokens = [t for t in clause.tokens if t.start >= r.mention.start][:4]
    found = lexicon.events_in(Words(tokens)) if tokens else []
    return bool(found) and found[0].start == 0 and tokens[found[0].end - 1].end >= r.mention.end


def _postcue(r: Resolved, clause: Clause, language: Language) -> bool:
    """A feature word right after the name: "Mingachevir city", "the Khizi district"."""
    following = _after(r, clause)
    return bool(following) and not is_arabic(r.mention.text) and following[0].norm in discourse(language)["postcue"]


def after_preposition(r: Resolved, clause: Clause, language: Language) -> bool:
    """A preposition before the name, over "the capital" and nationality words ("على العاصمة اليمنية صنعاء")."""
    targets, capitals = language.words("target_preposition"), language.words("capital_word")
    adjective = tuple(language.words("adjective_suffix"))
    for t in reversed([t for t in _before(r, clause) if t.is_word][-4:]):
        if t.norm in targets:
            return True
        if t.norm in capitals or (adjective and t.norm.endswith(adjective)):
            continue
        if t.text[:1].isupper() and not is_arabic(t.text):
            continue
        return False
    return False


def clitic_locative(r: Resolved, text: str, language: Language) -> bool:
    """The mention was written with a locative preposition glued on (بواشنطن, بأذربيجان)."""
    start = r.mention.start
    word_start = start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    return language.has_locative_proclitic(text[word_start:start])


def _preposition_before_cue(r: Resolved, clause: Clause, language: Language) -> bool:
    """A region word introduced as a location: "في إقليم", "بمنطقة", "ثاني أكبر مدن إقليم ..."."""
    cue = r.mention.cue
    if cue is None:
        return False
    prepositions, settlements = language.words("locative_preposition"), language.words("settlement_noun")
    words = [t for t in _before(r, clause) if t.is_word]
    n_cue = cue.end - cue.start
    for t in words[-n_cue - 1 :]:
        if t.norm in prepositions or t.norm in settlements:
            return True
        if t is words[-n_cue] and is_arabic(t.text) and language.has_locative_proclitic(t.norm[:1]):
            return True
    return False


def is_locative(r: Resolved, clause: Clause, text: str, lexicon: Lexicon, *, event: bool = False) -> bool:
    """Whether the place is introduced as where something happens, not as a party, a modifier or a
    description."""
    language = lexicon.language
    cue = r.mention.cue
    p = r.place
    if (
        is_attributive(r, clause, language)
        or describes_somebody(r, clause, lexicon)
        or names_a_weapon(r, clause, lexicon)
    ):
        return False
    if _postcue(r, clause, language) and event:
        return True
    in_cue = cue is not None and cue.kind == "in"
    if cue is None and event and p.feature_class == "P" and p.feature_code != "PPLC":
        return True  # a town in an event clause is where it happened ("Barda was shelled")
    if p.feature_code.startswith("PCL") or p.feature_code == "PPLC":
        if in_cue or clitic_locative(r, text, language):
            return True
        return p.feature_code == "PPLC" and (
            (cue is not None and cue.kind != "in") or (event and after_preposition(r, clause, language))
        )
    if cue is not None and cue.kind == "region":
        if event and p.feature_class == "P" and p.feature_code != "PPLC":
            return True  # "shelled residential areas of X": the areas of a town
        return _preposition_before_cue(r, clause, language) or clitic_locative(r, text, language)
    if cue is not None and cue.kind in _LOCATIVE:
        return True
    return clitic_locative(r, text, language)


def joined_text(text: str, a: Resolved, b: Resolved) -> list[str]:
    """The folded words between two mentions (commas dropped)."""
    return [fold(w) for w in text[a.mention.end : b.mention.start].replace("،", " ").replace(",", " ").split()]
