"""Find the place names of a sentence: every word sequence the gazetteer can resolve.

A word sequence becomes a mention when
- it is spelled exactly like some place's name (after peeling Arabic clitics: بأذربيجان, وباكو),
  and is not a common word or a nationality adjective; or
- a place cue stands right before it (مدينة، قرية، قرب، باتجاه، "the town of", "near") and its
  transliteration matches a place well (زنغلان after مدينة finds Zangilan); or
- in Latin script, it is a capitalised sequence that matches a place well.
Longer sequences win (تاب قره قويونلو is one place, not three words).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gazetteer import Gazetteer, Match, fold

from .lexicon import Lexicon, PlaceCue
from .text import Token, is_arabic, stem_tuple, stems

__all__ = ["Mention", "find_mentions", "MentionOptions"]


@dataclass(frozen=True, slots=True)
class MentionOptions:
    """Thresholds of spotting (similarities as :meth:`Gazetteer.similarities` gives them)."""

    max_words: int = 5
    #: A cue before a word sequence lets it in when its best name similarity reaches this.
    cue_similarity: float = 0.86
    #: The same for sequences of several words (less likely to match by accident).
    cue_similarity_words: float = 0.80
    #: A capitalised Latin sequence without cue needs this similarity (exact spellings pass anyway).
    capitalised_similarity: float = 0.93
    candidates: int = 8


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name in the text: where it is, how it was written, which places it may be."""

    start: int
    end: int
    text: str
    sentence: int
    token_start: int
    token_end: int
    cue: PlaceCue | None
    candidates: tuple[Match, ...]
    exact: bool
    #: Found on thin evidence (one word, no announcing cue, not a well-known place): kept only if
    #: it fits the article's geography (see :func:`geo.resolve.resolve`).
    weak: bool = False


def _heads(first: Token) -> list[tuple[int, str, str]]:
    """``(start offset, string)`` readings of a first word: as written, then with its clitics peeled
    (وبأذربيجان -> بأذربيجان -> أذربيجان). A word sequence reads as each of them plus the rest as written."""
    out = [(first.start, first.text, first.norm)]
    if is_arabic(first.text):
        for stem in stem_tuple(first.norm)[1:]:
            cut = _raw_suffix(first.text, stem)
            if cut is not None and cut < len(first.text):
                out.append((first.start + cut, first.text[cut:], stem))
    return out


def _raw_suffix(raw: str, stem_norm: str) -> int | None:
    """Index in ``raw`` where the part that folds to ``stem_norm`` begins."""
    for k in range(len(raw)):
        if fold(raw[k:]) == stem_norm:
            return k
    return None


def find_mentions(
    tokens: list[Token],
    text: str,
    *,
    sentence: int,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    search: Callable[[str], list[Match]],
    blocked: set[int] = frozenset(),
    options: MentionOptions = MentionOptions(),
    fallback: Callable[[str], Match | None] | None = None,
) -> list[Mention]:
    """Mentions in one sentence's ``tokens`` (offsets into ``text``), longest first, not overlapping.

    ``search`` is the (cached) gazetteer search; token indices in ``blocked`` (inside an actor's
    name, say) never start or join a mention. ``fallback`` (an online geocoder, say) is asked for
    a name the gazetteer does not know when a settlement cue announces it ("قرية X", "the town of X").
    """
    n = len(tokens)
    # Every reading of every word run, checked against the in-memory name filter in one go.
    # A reading is the text from a head's start to the end of word j (read from ``text`` when needed).
    spans: list[tuple[int, int, int]] = []
    folded: list[str] = []  # the same readings folded: the fold of a sequence joins its words' folds
    usable = [i not in blocked and t.is_word for i, t in enumerate(tokens)]  # may start or join a mention
    for i in range(n):
        if not usable[i]:
            continue
        heads = _heads(tokens[i])
        tail = ""
        for j in range(i + 1, min(n, i + options.max_words) + 1):
            if not usable[j - 1]:
                break
            if j - 1 > i:
                tail += " " + tokens[j - 1].norm
            for start, _, head_norm in heads:
                spans.append((i, j, start))
                folded.append(head_norm + tail)
    known = gazetteer.known_folded(folded) if spans else []
    by_start: dict[int, list[tuple[int, int, str, bool]]] = {}
    for (i, j, start), hit in zip(spans, known, strict=True):
        by_start.setdefault(i, []).append((j, start, hit))

    mentions: list[Mention] = []
    i = 0
    while i < n:
        if i not in by_start:
            i += 1
            continue
        options_at = by_start[i]
        if not tokens[i].text[:1].isupper() and not is_arabic(tokens[i].text) and not any(h for *_, h in options_at):
            i += 1  # a lower-case Latin word that begins no known name begins no mention
            continue
        cue = lexicon.place_cue_before(tokens, i)
        found = _best_at(
            i,
            [(j, st, text[st : tokens[j - 1].end], h) for j, st, h in options_at],
            tokens,
            lexicon,
            search,
            options,
            cue,
        )
        if found is None and fallback is not None and _settlement_cue(cue):
            found = _fallback_at(i, tokens, text, usable, lexicon, fallback, options)
        if found is None:
            i += 1
            continue
        j, start, reading, matches, exact, weak = found
        end = tokens[j - 1].end
        mentions.append(Mention(start, end, reading, sentence, i, j, cue, tuple(matches), exact, weak))
        i = j
    return mentions


def _best_at(i, options_at, tokens, lexicon, search, options, cue):
    """The longest acceptable mention starting at token ``i``, or ``None``."""
    latin = not is_arabic(tokens[i].text)
    capitalised = latin and tokens[i].text[:1].isupper()
    for j, start, reading, hit in sorted(options_at, key=lambda t: (-t[0], -len(t[2]))):
        words = tokens[i:j]
        if latin and not all(w.text[:1].isupper() or w.norm in _LATIN_JOINERS for w in words):
            continue
        if hit and not _excluded(words, reading, lexicon, single=j - i == 1, fuzzy=False):
            exact = [m for m in search(reading) if m.similarity > 1.0]
            locative_clitic = "ب" in tokens[i].text[: start - tokens[i].start]
            if exact:
                strong = j - i > 1 or _notable(exact[0]) or _strong_cue(cue) or locative_clitic
                return j, start, reading, search(reading), True, not strong
        if cue is None and not capitalised:
            continue
        if latin and i > 0 and not capitalised:
            continue
        if _excluded(words, reading, lexicon, single=j - i == 1, fuzzy=True):
            continue
        if cue is not None and j - i == 1 and _adjective_after(tokens, i, cue):
            continue
        matches = search(reading)
        if cue is None:
            need = options.capitalised_similarity
        else:
            need = options.cue_similarity if j - i == 1 else options.cue_similarity_words
        if matches and max(m.similarity for m in matches) >= need:
            settlement = cue is not None and cue.kind in ("feature", "region") and cue.feature in _SETTLEMENTS
            return j, start, reading, matches, False, not settlement
    return None


def _settlement_cue(cue: PlaceCue | None) -> bool:
    return cue is not None and cue.kind in ("feature", "region") and cue.feature in _SETTLEMENTS


def _fallback_at(i, tokens, text, usable, lexicon, fallback, options):
    """The name right after a settlement cue, looked up by ``fallback``: the words up to the first
    common word, nationality, verb or punctuation (capitalised words only, in Latin script)."""
    latin = not is_arabic(tokens[i].text)
    j = i
    while j < min(len(tokens), i + 3) and usable[j]:
        t = tokens[j]
        if latin and not t.text[:1].isupper():
            break
        if lexicon.is_common_word(t.norm) or lexicon.demonym(t.norm) or lexicon.verb(t) is not None:
            break
        j += 1
    if j == i:
        return None
    name = text[tokens[i].start : tokens[j - 1].end]
    if _excluded(tokens[i:j], name, lexicon, single=j - i == 1, fuzzy=False):
        return None
    match = fallback(name)
    return None if match is None else (j, tokens[i].start, name, [match], False, False)


#: Cue features that announce a settlement or an administrative area (not a base, a bridge, a hill).
_SETTLEMENTS = frozenset({"city", "capital", "town", "village", "region", "province", "district", "country", "camp"})
_LATIN_JOINERS = frozenset({"of", "al", "el", "ad", "as", "ash", "at", "an", "de", "la", "bin", "ibn", "abu", "umm"})


def _adjective_after(tokens: list[Token], i: int, cue: PlaceCue) -> bool:
    """A definite word after a definite cue noun is its adjective, not a name: "الإقليم المنشق"
    (the breakaway region), "الحدود الفعلية"; a name follows an indefinite head ("إقليم قره باغ")."""
    head, word = tokens[cue.end - 1], tokens[i]
    if not (is_arabic(head.text) and is_arabic(word.text)):
        return False
    return _definite(head) and _definite(word)


def _definite(token: Token) -> bool:
    return any(s.startswith("ال") for s in stems(token.norm))


def _notable(m: Match) -> bool:
    """Well known enough to be named without a cue: countries, regions, provinces, capitals, cities."""
    p = m.place
    return p.feature_class == "A" or p.feature_code in ("RGN", "PPLC", "PPLA") or p.population >= 100_000


def _strong_cue(cue: PlaceCue | None) -> bool:
    """A cue that announces a place (مدينة، إقليم، قرب، باتجاه), not a word that may have other
    readings (في أقرب وقت، وسط مساع)."""
    return cue is not None and cue.kind in ("feature", "region", "near", "direction")


def _excluded(words: list[Token], reading: str, lexicon: Lexicon, *, single: bool, fuzzy: bool) -> bool:
    """Common words, nationality adjectives and very short words are not place names."""
    norm = fold(reading)
    if len(norm.replace(" ", "")) < 3 or any(ch.isdigit() for ch in norm):
        return True
    if single:
        if lexicon.is_common_word(norm):
            return True
        if lexicon.demonym(norm) is not None and lexicon.country([norm]) is None:
            return True
        if any(lexicon.is_common_word(s) for s in stems(words[0].norm)[:1]):
            return True
    # A sequence found by sound may not begin or end with a common word ("مدينة غنجة" is a cue
    # plus Ganja, not a name).
    if fuzzy and not single:
        ends = (stems(words[0].norm)[-1], words[-1].norm)
        return any(lexicon.is_common_word(w) for w in ends) or lexicon.demonym(words[-1].norm) is not None
    return False
