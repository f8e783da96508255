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

from collections.abc import Callable, Sequence

from gazetteer import Gazetteer, Match, fold

from ..lang import Language
from ..model import SETTLEMENT_FEATURES, Mention, PlaceCue, Sentence, Token
from ..nlp.lexicon import Lexicon
from ..nlp.tokens import is_arabic
from ..options import MentionOptions

__all__ = ["find_mentions", "heads", "notable", "strong_cue", "settlement_cue", "Rules"]


def heads(first: Token) -> list[tuple[int, str, str]]:
    """``(start offset, string, folded)`` readings of a first word: as written, then with its leading
    clitics peeled (وبأذربيجان -> بأذربيجان -> أذربيجان). A word sequence reads as each of them plus
    the rest as written. Readings that are not the end of the word as written (a possessive's) are
    not heads: a mention is always a stretch of the text."""
    out = [(first.start, first.text, first.norm)]
    for stem in first.readings[1:]:
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
    sentence: Sentence,
    text: str,
    *,
    language: Language,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    search: Callable[[str], list[Match]],
    blocked: set[int] | frozenset[int] = frozenset(),
    options: MentionOptions | None = None,
    fallback: Callable[[str], Match | None] | None = None,
) -> list[Mention]:
    """Mentions in one sentence (offsets into ``text``), longest first, not overlapping.

    ``search`` is the (cached) gazetteer search; token indices in ``blocked`` (inside an actor's
    name, say) never start or join a mention. ``fallback`` (an online geocoder, say) is asked for
    a name the gazetteer does not know when a settlement cue announces it ("قرية X", "the town of X").
    """
    options = options or MentionOptions()
    tokens = sentence.tokens
    n = len(tokens)
    rules = Rules(language, lexicon, options)
    # Every reading of every word run, checked against the in-memory name filter in one go.
    # A reading is the text from a head's start to the end of word j (read from ``text`` when needed).
    spans: list[tuple[int, int, int]] = []
    folded: list[str] = []  # the same readings folded: the fold of a sequence joins its words' folds
    usable = [i not in blocked and t.is_word for i, t in enumerate(tokens)]  # may start or join a mention
    for i in range(n):
        if not usable[i]:
            continue
        readings = heads(tokens[i])
        tail = ""
        for j in range(i + 1, min(n, i + options.max_words) + 1):
            if not usable[j - 1]:
                break
            if j - 1 > i:
                tail += " " + tokens[j - 1].norm
            for start, _, head_norm in readings:
                spans.append((i, j, start))
                folded.append(head_norm + tail)
    known = gazetteer.known_folded(folded) if spans else []
    by_start: dict[int, list[tuple[int, int, bool]]] = {}
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
        cue = lexicon.place_cue_before(sentence.words, i)
        found = rules.best_at(
            i, [(j, st, text[st : tokens[j - 1].end], h) for j, st, h in options_at], tokens, search, cue
        )
        if found is None and fallback is not None and settlement_cue(cue):
            found = rules.fallback_at(i, tokens, text, usable, fallback)
        if found is None:
            i += 1
            continue
        j, start, reading, matches, exact, weak = found
        end = tokens[j - 1].end
        mentions.append(Mention(start, end, reading, sentence.index, i, j, cue, tuple(matches), exact, weak))
        i = j
    return mentions


def settlement_cue(cue: PlaceCue | None) -> bool:
    """A cue that announces a settlement or an administrative area (مدينة، قرية، "the town of")."""
    return cue is not None and cue.kind in ("feature", "region") and cue.feature in SETTLEMENT_FEATURES


def notable(m: Match) -> bool:
    """Well known enough to be named without a cue: countries, regions, provinces, capitals, cities."""
    p = m.place
    return p.feature_class == "A" or p.feature_code in ("RGN", "PPLC", "PPLA") or p.population >= 100_000


def strong_cue(cue: PlaceCue | None) -> bool:
    """A cue that announces a place (مدينة، إقليم، قرب، باتجاه), not a word that may have other
    readings (في أقرب وقت، وسط مساع)."""
    return cue is not None and cue.kind in ("feature", "region", "near", "direction")


class Rules:
    """The spotting rules of one language: which word sequences may be names, and which must not."""

    def __init__(self, language: Language, lexicon: Lexicon, options: MentionOptions):
        self.language = language
        self.lexicon = lexicon
        self.options = options
        self.joiners = language.words("name_joiner")

    def best_at(self, i, options_at, tokens, search, cue):
        """The longest acceptable mention starting at token ``i``, or ``None``: an exact spelling,
        or a sequence that sounds like a place after a cue or, in Latin script, when capitalised."""
        opts = self.options
        latin = not is_arabic(tokens[i].text)
        capitalised = latin and tokens[i].text[:1].isupper()
        for j, start, reading, hit in sorted(options_at, key=lambda t: (-t[0], -len(t[2]))):
            words = tokens[i:j]
            if latin and not all(w.text[:1].isupper() or w.norm in self.joiners for w in words):
                continue
            if hit and not self.excluded(words, reading, single=j - i == 1, fuzzy=False):
                exact = [m for m in search(reading) if m.similarity > 1.0]
                locative = self.language.has_locative_proclitic(tokens[i].text[: start - tokens[i].start])
                if exact:
                    strong = j - i > 1 or notable(exact[0]) or strong_cue(cue) or locative
                    return j, start, reading, search(reading), True, not strong
            if cue is None and not capitalised:
                continue
            if latin and i > 0 and not capitalised:
                continue
            if self.excluded(words, reading, single=j - i == 1, fuzzy=True):
                continue
            if cue is not None and j - i == 1 and self.adjective_after(tokens, i, cue):
                continue
            matches = search(reading)
            if cue is None:
                need = opts.capitalised_similarity
            else:
                need = opts.cue_similarity if j - i == 1 else opts.cue_similarity_words
            if matches and max(m.similarity for m in matches) >= need:
                return j, start, reading, matches, False, not settlement_cue(cue)
        return None

    def fallback_at(self, i, tokens, text, usable, fallback):
        """The name right after a settlement cue, looked up by ``fallback``: the words up to the first
        common word, nationality, verb or punctuation (capitalised words only, in Latin script)."""
        lexicon = self.lexicon
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
        if self.excluded(tokens[i:j], name, single=j - i == 1, fuzzy=False):
            return None
        match = fallback(name)
        return None if match is None else (j, tokens[i].start, name, [match], False, False)

    def adjective_after(self, tokens: Sequence[Token], i: int, cue: PlaceCue) -> bool:
        """A definite word after a definite cue noun is its adjective, not a name: "الإقليم المنشق"
        (the breakaway region), "الحدود الفعلية"; a name follows an indefinite head ("إقليم قره باغ")."""
        head, word = tokens[cue.end - 1], tokens[i]
        return self.language.is_definite(head.norm) and self.language.is_definite(word.norm)

    def excluded(self, words: Sequence[Token], reading: str, *, single: bool, fuzzy: bool) -> bool:
        """Common words, nationality adjectives and very short words are not place names."""
        lexicon = self.lexicon
        norm = fold(reading)
        if len(norm.replace(" ", "")) < 3 or any(ch.isdigit() for ch in norm):
            return True
        if single:
            if lexicon.is_common_word(norm):
                return True
            if lexicon.demonym(norm) is not None and lexicon.country([norm]) is None:
                return True
            if any(lexicon.is_common_word(s) for s in words[0].readings[:1]):
                return True
        # A sequence found by sound may not begin or end with a common word ("مدينة غنجة" is a cue
        # plus Ganja, not a name).
        if fuzzy and not single:
            ends = (words[0].readings[-1], words[-1].norm)
            return any(lexicon.is_common_word(w) for w in ends) or lexicon.demonym(words[-1].norm) is not None
        return False
