"""The learned decision: who a placed claim belongs to, where the rules leave a choice.

For every clause that says where something happened, the candidates are the speaker the rules found
(or the outlet, when they found none), for a clause nobody is said to say the last speaker named in
the two sentences before (carry-over through a statement's unattributed sentences), the outlet
itself, and nobody (the clause claims no
place: background). Each (candidate, clause) pair is described by a few language-independent facts
(:data:`FEATURES`: which rule found the speaker, how far back the last speaker spoke, whether the
clause opens with a conjunction, sits in a quotation, is the headline, reports violence, names only
countries or regions ...), and a logistic model scores it; the best-scoring candidate is the
claimant, unless it is the rules' own.

The weights are small and shipped as JSON (``data/attribution.json``), read with numpy.
:func:`fit` (scikit-learn, the ``train`` extra) trains them from :func:`collect`'s samples of
annotated articles; ``tools/train_attribution.py`` retrains the shipped weights with a fixed seed,
and ``benchmarks/bench_claims.py --learned loao`` scores each article with weights trained on the
others only.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..model import Claimant, Clause, ClauseRoles, Doc, EventFacts
from ..nlp.discourse import quote_spans
from ..nlp.lexicon import Lexicon
from .sides import LOCAL_KINDS, MEDIA_KINDS
from .speakers import PERSON_KINDS, outlet_claimant
from .subjects import RULES

__all__ = ["FEATURES", "Model", "Sample", "shipped_model", "candidates", "decide", "collect", "fit"]

_CANDIDATES = ("rule", "last", "outlet", "none")
_CLAUSE = (
    "explicit",
    "headline",
    "conjunction",
    "quote",
    "conflict",
    "verb",
    "new_paragraph",
    "dist1",
    "dist2",
    "country_only",
    "region_only",
    "quantities",
)
_SPEAKER = ("person", "local", "media", "third_party")
#: The facts a (candidate, clause) pair is described by: candidate kind x clause facts, the rule that
#: found the speaker, and the candidate speaker's kind.
FEATURES: tuple[str, ...] = (
    *_CANDIDATES,
    *(f"{c}&{f}" for c in _CANDIDATES for f in _CLAUSE),
    *(f"rule:{r}" for r in RULES),
    *(f"speaker:{k}" for k in _SPEAKER),
)
_INDEX = {name: k for k, name in enumerate(FEATURES)}


@dataclass(frozen=True, eq=False)
class Model:
    """A logistic model over :data:`FEATURES` (hashed by identity, so options holding it stay hashable)."""

    coef: np.ndarray
    intercept: float
    meta: dict = field(default_factory=dict)

    def score(self, x: np.ndarray) -> np.ndarray:
        """Log-odds of each row of ``x`` (rows: feature vectors in :data:`FEATURES` order)."""
        return x @ self.coef + self.intercept

    def to_json(self) -> str:
        weights = {name: round(float(w), 6) for name, w in zip(FEATURES, self.coef, strict=True)}
        return json.dumps({"weights": weights, "intercept": round(self.intercept, 6), "meta": self.meta}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Model:
        data = json.loads(text)
        coef = np.array([float(data["weights"].get(name, 0.0)) for name in FEATURES])
        return cls(coef, float(data["intercept"]), data.get("meta", {}))


@cache
def shipped_model() -> Model | None:
    """The shipped weights (``data/attribution.json``), or None if the package has none."""
    path = resources.files(__package__).joinpath("data", "attribution.json")
    return Model.from_json(path.read_text("utf-8")) if path.is_file() else None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate claimant of a clause and its feature vector."""

    clause: int
    kind: str  # rule | last | outlet
    claimant: Claimant
    x: np.ndarray


def _vector(kind: str, clause_facts: dict[str, bool], rule: str | None, speaker: Claimant) -> np.ndarray:
    x = np.zeros(len(FEATURES))
    x[_INDEX[kind]] = 1.0
    for name, on in clause_facts.items():
        if on:
            x[_INDEX[f"{kind}&{name}"]] = 1.0
    if rule is not None:
        x[_INDEX[f"rule:{rule}"]] = 1.0
    if speaker is NOBODY:
        return x
    if speaker.kind in PERSON_KINDS:
        x[_INDEX["speaker:person"]] = 1.0
    if speaker.kind in LOCAL_KINDS:
        x[_INDEX["speaker:local"]] = 1.0
    if speaker.kind in MEDIA_KINDS or speaker.side == "media":
        x[_INDEX["speaker:media"]] = 1.0
    if speaker.side_type == "third_party" and speaker.kind not in LOCAL_KINDS:
        x[_INDEX["speaker:third_party"]] = 1.0
    return x


def _opens_with_conjunction(clause: Clause, lexicon: Lexicon) -> bool:
    language = lexicon.language
    first = next((t for t in clause.tokens if t.is_word), None)
    if first is None:
        return False
    if first.norm in language.words("conjunction"):
        return True
    return (
        bool(language.conjunction_proclitics)
        and first.norm[:1] in language.conjunction_proclitics
        and len(language.conjunction_readings(first.norm)) > 1
    )


def candidates(
    clauses: Sequence[Clause],
    facts: Sequence[EventFacts],
    roles: Sequence[ClauseRoles],
    *,
    text: str,
    lexicon: Lexicon,
    outlet: str | None,
    carry_sentences: int = 2,
) -> list[list[Candidate]]:
    """The candidates of every clause with event places (an empty list for the others)."""
    quotes = quote_spans(text)  # sorted and disjoint: the last to open before a clause is the only one to test
    opens = [a for a, _ in quotes]
    out: list[list[Candidate]] = []
    last: Clause | None = None
    previous_end = -1
    for k, (c, f, r) in enumerate(zip(clauses, facts, roles, strict=True)):
        cands: list[Candidate] = []
        if r.events:
            gap = text[previous_end : c.start] if previous_end >= 0 else ""
            dist = c.sentence - last.sentence if last is not None else 99
            levels = [e.precision for e in r.events]
            base = {
                "country_only": all(e.note == "country" for e in r.events),
                "region_only": all(p == 3 for p in levels),
                "quantities": bool(f.quantities),
                "explicit": c.explicit,
                "headline": c.sentence == 0,
                "conjunction": _opens_with_conjunction(c, lexicon),
                "quote": _in_quote(c, quotes, opens),
                "conflict": f.conflict,
                "verb": any(t.is_word and lexicon.verb(t) is not None for t in c.tokens),
                "new_paragraph": "\n" in gap,
            }
            rule_facts = base | {"dist1": False, "dist2": False}
            cands.append(Candidate(k, "rule", c.claimant, _vector("rule", rule_facts, c.how, c.claimant)))
            if (
                not c.explicit
                and last is not None
                and 0 < dist <= carry_sentences
                and _differs(last.claimant, c.claimant)
            ):
                facts_last = base | {"dist1": dist == 1, "dist2": dist >= 2}
                cands.append(Candidate(k, "last", last.claimant, _vector("last", facts_last, None, last.claimant)))
            if c.claimant.kind != "outlet":
                o = outlet_claimant(outlet)
                cands.append(Candidate(k, "outlet", o, _vector("outlet", rule_facts, None, o)))
            cands.append(Candidate(k, "none", NOBODY, _vector("none", rule_facts, None, NOBODY)))
        out.append(cands)
        if c.explicit and c.claimant.kind != "outlet":
            last = c
        previous_end = c.end
    return out


def _in_quote(c: Clause, quotes: Sequence[tuple[int, int]], opens: Sequence[int]) -> bool:
    """Whether the clause lies inside a quotation (one closing at most one character before its end)."""
    k = bisect_right(opens, c.start) - 1
    return k >= 0 and c.end <= quotes[k][1] + 1


#: The "nobody" candidate: the clause claims no place (its event places are background).
NOBODY = Claimant("", "nobody", None, "third_party", "none")


def _differs(a: Claimant, b: Claimant) -> bool:
    return (a.side, a.canonical) != (b.side, b.canonical)


def decide(cands: Sequence[Sequence[Candidate]], model: Model, margin: float = 0.0) -> list[Claimant | None]:
    """Per clause, the claimant the model prefers over the rules' (None: keep the rules'; :data:`NOBODY`:
    the clause claims no place)."""
    out: list[Claimant | None] = []
    for group in cands:
        if len(group) < 2:
            out.append(None)
            continue
        scores = model.score(np.stack([c.x for c in group]))
        best = int(np.argmax(scores))
        out.append(group[best].claimant if best != 0 and scores[best] > scores[0] + margin else None)
    return out


# -- training ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sample:
    """One (candidate, clause) pair of an annotated article, labelled by the gold claims."""

    article: str
    x: np.ndarray
    y: int


def collect(extractor, article, gold_path: Path) -> list[Sample]:
    """Labelled candidates of one article (``extractor``: a :class:`geo.pipeline.Extractor`, best with
    the learned decision off). On a sentence the gold lists claims for, a speaker candidate is right
    when one of them has its side at one of the clause's event places (the scorer's distance rules);
    nobody is right when no candidate makes any pair of the article's gold (the clause's places are
    background)."""
    gold = json.loads(Path(gold_path).read_text("utf-8"))
    places = {t["name"]: t for t in gold.get("toponyms", []) if t.get("lat") is not None}
    samples: list[Sample] = []
    claims = [c for c in gold.get("claims", []) if c.get("place") in places]
    pairs = {(c["place"], c["side"]) for c in claims}
    for doc in extractor.docs(article):
        spans = _gold_spans(doc.text, claims)
        for group in doc_candidates(doc, extractor.options.claims.carry_sentences):
            if not group:
                continue
            c = doc.clauses[group[0].clause]
            events = doc.roles[group[0].clause].events
            people, nobody = group[:-1], group[-1]
            s0, s1 = doc.sentences[c.sentence].start, doc.sentences[c.sentence].end
            here = {(p, side) for a, b, p, side in spans if a < s1 and b > s0}
            anywhere = any(_makes(cand, events, pairs, places) for cand in people)
            if here:  # the gold says who claims what on this sentence
                samples += [Sample(article.id, cand.x, int(_makes(cand, events, here, places))) for cand in people]
            samples.append(Sample(article.id, nobody.x, int(not anywhere)))
    return samples


def _makes(cand: Candidate, events, pairs, places: dict) -> bool:
    """Whether the candidate's side at one of the event places is one of the gold ``pairs``."""
    return any(
        _same_side(side, cand.claimant.side) and any(_near(e.place.place, places[p]) for e in events)
        for p, side in pairs
    )


def _gold_spans(text: str, claims: list[dict]) -> list[tuple[int, int, str, str]]:
    """(start, end, place, side) of each gold claim whose sentence is found in the text."""
    out = []
    for c in claims:
        sentence = (c.get("sentence") or "").strip()
        head, tail = sentence[:60], sentence[-60:]
        for probe, back in ((sentence, 0), (head, 0), (tail, len(sentence) - len(tail))):
            at = text.find(probe) if probe else -1
            if at >= 0:
                start = max(0, at - back)
                out.append((start, start + len(sentence), c["place"], c["side"]))
                break
    return out


def doc_candidates(doc: Doc, carry_sentences: int = 2) -> list[list[Candidate]]:
    """The candidates of a document with every layer (see :func:`candidates`)."""
    from ..nlp.lexicon import lexicon_of

    return candidates(
        doc.clauses,
        doc.facts,
        doc.roles,
        text=doc.text,
        lexicon=lexicon_of(doc.language),
        outlet=doc.article.outlet,
        carry_sentences=carry_sentences,
    )


def _same_side(gold: str, side: str | None) -> bool:
    g, s = str(gold or "").strip().lower(), str(side or "").strip().lower()
    media = ("media", "outlet", "agency")
    return g == s or (g in media and s in media)


def _near(place, gold: dict) -> bool:
    from gazetteer.geometry import distance_km

    radius = {"region": 50, "country": 300}.get(gold.get("feature"), 25)
    return distance_km(place.lat, place.lon, float(gold["lat"]), float(gold["lon"])) <= radius


def fit(samples: Sequence[Sample], *, seed: int = 13, c: float = 0.5) -> Model | None:
    """A logistic model trained on ``samples`` (scikit-learn: ``pip install -e '.[train]'``); None
    when the samples hold one class only."""
    from sklearn.linear_model import LogisticRegression

    if not samples:
        return None
    x = np.stack([s.x for s in samples])
    y = np.array([s.y for s in samples])
    if len(set(y.tolist())) < 2:
        return None
    clf = LogisticRegression(C=c, random_state=seed, max_iter=2000, class_weight="balanced")
    clf.fit(x, y)
    meta = {
        "samples": int(len(y)),
        "positive": int(y.sum()),
        "articles": len({s.article for s in samples}),
        "C": c,
        "seed": seed,
    }
    return Model(clf.coef_[0].astype(float), float(clf.intercept_[0]), meta)
