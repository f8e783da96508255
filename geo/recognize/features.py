"""What the learned scorer knows of a candidate: one row of numbers per candidate span.

Every feature is true of a language, not of a text: how frequent the word is, whether it is spelled
exactly like a place and which kind of place, the cue before it, its case and position, the words
around it (a person's title, an organisation's word), and how well it fits the places and
countries the rest of the article points at. :data:`FEATURES` names them in order; the shipped
model (:mod:`geo.recognize.scorer`) stores the names it was trained with and refuses a mismatch.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy

from gazetteer import fold

from ..lang import Language
from ..model import SETTLEMENT_FEATURES, Sentence, Token
from ..nlp.lexicon import Lexicon
from ..nlp.tokens import is_arabic
from .candidates import Candidate

__all__ = ["FEATURES", "featurize", "anchors"]

FEATURES = (
    "n_words", "n_chars", "exact", "similarity", "margin",
    "zipf", "zipf_max_word", "zipf_written", "common_word", "demonym", "country_word",
    "peeled", "locative_clitic", "fused", "hashtag", "hashtag_compound",
    "latin", "capitalised", "all_caps", "sentence_start",
    "cue_none", "cue_in", "cue_near", "cue_direction", "cue_center", "cue_region", "cue_settlement", "cue_feature",
    "class_area", "class_populated", "class_other",
    "code_country", "code_adm1", "code_adm_lower", "code_capital", "code_seat", "code_region", "supplement",
    "log_population", "log_names", "prominence", "primary_name", "abbreviation",
    "n_exact", "n_countries",
    "person_title_before", "organisation_before", "organisation_after",
    "capitalised_before", "capitalised_after", "verb_before", "verb_after", "digit_near",
    "focus_share", "anchor_share", "anchored",
    "rule_strong", "rule_everyday_ok", "rule_adjectival",
)  # fmt: skip
_INDEX = {name: k for k, name in enumerate(FEATURES)}
_CUES = {
    "in": "cue_in",
    "near": "cue_near",
    "vicinity": "cue_near",
    "direction": "cue_direction",
    "center": "cue_center",
}


def anchors(candidates: Sequence[Candidate]) -> Counter[str]:
    """Countries the article's unambiguous names lie in: exact spellings of several words, of a
    country or first-level division, or announced by a settlement cue."""
    out: Counter[str] = Counter()
    for c in candidates:
        best = c.best
        if best is None or not c.exact or not best.place.country_code:
            continue
        p = best.place
        strong_kind = p.feature_code.startswith("PCL") or p.feature_code in ("ADM1", "PPLC")
        settlement = c.cue is not None and c.cue.feature in SETTLEMENT_FEATURES
        if c.n_words > 1 or strong_kind or settlement:
            out[p.country_code] += 1
    return out


def featurize(
    candidates: Sequence[Candidate],
    sentences: Sequence[Sentence],
    *,
    language: Language,
    lexicon: Lexicon,
    focus: Mapping[str, int],
    anchored: Counter[str],
    rules: Sequence[tuple[bool, bool, bool]],
) -> numpy.ndarray:
    """The feature matrix of ``candidates`` (one row each, columns :data:`FEATURES`).

    ``rules`` gives, per candidate, the hand rules' verdicts (strong evidence, everyday word
    acceptable, nationality adjective), which the model may weigh like any other evidence.
    """
    x = numpy.zeros((len(candidates), len(FEATURES)), dtype=numpy.float32)
    focus_total = sum(focus.values()) or 1
    titles, organisations = language.words("person_title"), language.words("organisation_word")
    for row, (c, rule) in enumerate(zip(candidates, rules, strict=True)):
        tokens = sentences[c.sentence].tokens
        words = tokens[c.i : c.j]
        norm = fold(c.reading)
        v = x[row]
        v[_INDEX["n_words"]] = c.n_words
        v[_INDEX["n_chars"]] = len(norm.replace(" ", ""))
        v[_INDEX["exact"]] = c.exact
        sims = sorted((m.similarity for m in c.matches), reverse=True)
        v[_INDEX["similarity"]] = min(sims[0], 1.1) if sims else 0.0
        v[_INDEX["margin"]] = (sims[0] - sims[1]) if len(sims) > 1 else 0.5
        v[_INDEX["zipf"]] = language.zipf(norm)
        v[_INDEX["zipf_max_word"]] = max((language.zipf(w.norm) for w in words), default=0.0)
        v[_INDEX["zipf_written"]] = language.zipf(words[0].norm)
        if c.n_words == 1:
            v[_INDEX["common_word"]] = lexicon.is_common_word(norm)
            v[_INDEX["demonym"]] = lexicon.demonym(norm) is not None
        found = lexicon.country([w.norm for w in words])
        v[_INDEX["country_word"]] = found is not None and found[0] == c.n_words
        first = tokens[c.i]
        prefix = first.text[: c.start - first.start]
        v[_INDEX["peeled"]] = bool(prefix)
        v[_INDEX["locative_clitic"]] = language.has_locative_proclitic(prefix)
        v[_INDEX["fused"]] = c.fused
        v[_INDEX["hashtag"]] = c.hashtag or (c.i > 0 and tokens[c.i - 1].text == "_")
        v[_INDEX["hashtag_compound"]] = (c.i > 0 and tokens[c.i - 1].text == "_") or (
            c.j < len(tokens) and tokens[c.j].text == "_"
        )
        latin = not is_arabic(first.text)
        v[_INDEX["latin"]] = latin
        v[_INDEX["capitalised"]] = latin and first.text[:1].isupper()
        v[_INDEX["all_caps"]] = latin and first.text.isupper() and len(first.text) > 1
        v[_INDEX["sentence_start"]] = c.i == 0
        _cue(v, c)
        _place(v, c)
        _context(v, c, tokens, lexicon, titles, organisations)
        best = c.best
        cc = best.place.country_code if best is not None else ""
        # -1: the article says nothing either way (no focus, no other anchor), unlike 0: it points elsewhere
        v[_INDEX["focus_share"]] = (focus.get(cc, 0) / focus_total if cc else 0.0) if focus else -1.0
        own = 1 if (best is not None and c.exact and cc and anchored.get(cc)) else 0
        others = sum(anchored.values()) - own
        v[_INDEX["anchor_share"]] = ((anchored.get(cc, 0) - own) / others if cc else 0.0) if others > 0 else -1.0
        v[_INDEX["anchored"]] = any(anchored.get(m.place.country_code, 0) > 0 for m in c.matches[:3])
        v[_INDEX["rule_strong"]], v[_INDEX["rule_everyday_ok"]], v[_INDEX["rule_adjectival"]] = rule
    return x


def _cue(v: numpy.ndarray, c: Candidate) -> None:
    cue = c.cue
    if cue is None:
        v[_INDEX["cue_none"]] = 1
    elif cue.kind in ("feature", "region"):
        settlement = cue.feature in SETTLEMENT_FEATURES
        v[_INDEX["cue_settlement" if settlement else ("cue_region" if cue.kind == "region" else "cue_feature")]] = 1
    else:
        v[_INDEX[_CUES.get(cue.kind, "cue_in")]] = 1


def _place(v: numpy.ndarray, c: Candidate) -> None:
    best = c.best
    if best is None:
        return
    p = best.place
    code = p.feature_code
    v[_INDEX["class_area"]] = p.feature_class == "A"
    v[_INDEX["class_populated"]] = p.feature_class == "P"
    v[_INDEX["class_other"]] = p.feature_class not in ("A", "P")
    v[_INDEX["code_country"]] = code.startswith("PCL") or code == "TERR"
    v[_INDEX["code_adm1"]] = code == "ADM1"
    v[_INDEX["code_adm_lower"]] = code.startswith("ADM") and code != "ADM1"
    v[_INDEX["code_capital"]] = code == "PPLC"
    v[_INDEX["code_seat"]] = code.startswith("PPLA")
    v[_INDEX["code_region"]] = code in ("RGN", "CONT", "AREA", "RGNE")
    v[_INDEX["supplement"]] = p.source.endswith("supplement")
    v[_INDEX["log_population"]] = math.log10(p.population + 1)
    v[_INDEX["log_names"]] = math.log(p.n_names + 1)
    v[_INDEX["prominence"]] = getattr(best, "prominence", 0.0)
    v[_INDEX["primary_name"]] = fold(best.matched) == fold(p.name)
    v[_INDEX["abbreviation"]] = getattr(best, "kind", "") == "abbreviation"
    v[_INDEX["n_exact"]] = sum(m.similarity > 1.0 for m in c.matches)
    v[_INDEX["n_countries"]] = len({m.place.country_code for m in c.matches})


def _context(
    v: numpy.ndarray,
    c: Candidate,
    tokens: Sequence[Token],
    lexicon: Lexicon,
    titles: frozenset[str],
    organisations: frozenset[str],
) -> None:
    before = [t for t in tokens[max(0, c.i - 2) : c.i] if t.is_word]
    after = [t for t in tokens[c.j : c.j + 2] if t.is_word]
    prev = before[-1] if before else None
    nxt = after[0] if after else None
    v[_INDEX["person_title_before"]] = prev is not None and any(r in titles for r in prev.readings)
    v[_INDEX["organisation_before"]] = any(r in organisations for t in before for r in t.readings)
    v[_INDEX["organisation_after"]] = nxt is not None and any(r in organisations for r in nxt.readings)
    v[_INDEX["capitalised_before"]] = (
        prev is not None
        and not is_arabic(prev.text)
        and prev.text[:1].isupper()
        and c.i > 0
        and prev is tokens[c.i - 1]
    )
    v[_INDEX["capitalised_after"]] = (
        nxt is not None
        and not is_arabic(nxt.text)
        and nxt.text[:1].isupper()
        and nxt is tokens[min(c.j, len(tokens) - 1)]
    )
    v[_INDEX["verb_before"]] = prev is not None and lexicon.verb(prev) is not None
    v[_INDEX["verb_after"]] = nxt is not None and lexicon.verb(nxt) is not None
    v[_INDEX["digit_near"]] = any(ch.isdigit() for t in (*before, *after) for ch in t.text)
