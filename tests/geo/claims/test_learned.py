"""The learned decision over (speaker, clause) pairs (``geo.claims.learned``): candidates, features,
the decision, the shipped weights and training."""

from __future__ import annotations

import importlib.util
from dataclasses import replace

import numpy as np
import pytest

from geo.claims import assign_roles
from geo.claims.learned import FEATURES, NOBODY, Model, Sample, candidates, decide, fit, shipped_model
from geo.nlp.lexicon import lexicon_of
from geo.options import ExtractOptions

from ..stages import context, doc_until


def cands_of(gz, text, lang="en", **kw):
    options = ExtractOptions()
    options = replace(options, claims=replace(options.claims, learned=False))
    doc = doc_until("assign_roles", text, lang=lang, gazetteer=gz, outlet="Desert Wire", options=options)
    out = candidates(
        doc.clauses, doc.facts, doc.roles, text=doc.text, lexicon=lexicon_of(doc.language), outlet="Desert Wire", **kw
    )
    return doc, out


def test_candidates_for_a_placed_claim_by_a_speaker(default_gazetteer):
    _, cands = cands_of(default_gazetteer, "The Sudanese army said drones struck Kassala.")
    (group,) = cands
    assert [c.kind for c in group] == ["rule", "outlet", "none"]
    assert group[0].claimant.side == "SD" and group[1].claimant.side == "media" and group[2].claimant is NOBODY
    rule = group[0].x
    assert rule[FEATURES.index("rule")] == 1 and rule[FEATURES.index("rule:before_verb")] == 1
    assert rule[FEATURES.index("rule&explicit")] == 1 and rule[FEATURES.index("rule&conflict")] == 1


def test_the_last_speaker_is_a_candidate_for_an_unattributed_clause_nearby(default_gazetteer):
    text = "The Sudanese army said it repelled an attack. Heavy shelling was reported in Kassala."
    _, cands = cands_of(default_gazetteer, text)
    assert cands[0] == []  # no place: no decision
    assert [c.kind for c in cands[1]] == ["rule", "last", "none"]
    last = cands[1][1]
    assert last.claimant.side == "SD" and last.x[FEATURES.index("last&dist1")] == 1
    _, far = cands_of(default_gazetteer, text, carry_sentences=0)
    assert [c.kind for c in far[1]] == ["rule", "none"]


def model_preferring(name: str, weight: float = 5.0) -> Model:
    coef = np.zeros(len(FEATURES))
    coef[FEATURES.index(name)] = weight
    return Model(coef, 0.0)


def test_decide_keeps_the_rules_unless_a_candidate_scores_higher(default_gazetteer):
    text = "The Sudanese army said it repelled an attack. Heavy shelling was reported in Kassala."
    _, cands = cands_of(default_gazetteer, text)
    assert decide(cands, model_preferring("rule")) == [None, None]
    chosen = decide(cands, model_preferring("last"))
    assert chosen[0] is None and chosen[1].side == "SD"
    assert decide(cands, model_preferring("none")) == [None, NOBODY]
    assert decide(cands, model_preferring("last", 0.5), margin=1.0) == [None, None]


def test_nobody_leaves_the_clause_without_event_places(default_gazetteer):
    options = ExtractOptions()
    options = replace(options, claims=replace(options.claims, model=model_preferring("none")))
    doc = doc_until("describe_events", "Drones struck Kassala.", gazetteer=default_gazetteer)
    doc = assign_roles(doc, replace(context(default_gazetteer), options=options))
    assert doc.roles[0].events == () and [e.place.mention.text for e in doc.others] == ["Kassala"]


def test_a_model_round_trips_through_json():
    m = Model(np.arange(len(FEATURES), dtype=float) / 10, -0.25, {"seed": 1})
    again = Model.from_json(m.to_json())
    assert np.allclose(again.coef, m.coef) and again.intercept == -0.25 and again.meta == {"seed": 1}
    assert hash(m) != hash(again)  # hashed by identity: options holding a model stay hashable


def test_the_shipped_weights_cover_every_feature_and_say_how_they_were_trained():
    model = shipped_model()
    assert model is not None and model.coef.shape == (len(FEATURES),)
    assert (
        model.meta["seed"] == 13 and model.meta["articles"] >= 10 and 0 < model.meta["positive"] < model.meta["samples"]
    )


@pytest.mark.skipif(importlib.util.find_spec("sklearn") is None, reason="training needs the train extra")
def test_fit_is_deterministic_and_learns_the_direction_of_the_data():
    rng = np.random.default_rng(0)
    k = FEATURES.index("rule&explicit")
    samples = []
    for i in range(60):
        x = (rng.random(len(FEATURES)) > 0.7).astype(float)
        samples.append(Sample(f"a{i % 6}", x, int(x[k] == 1)))
    one, two = fit(samples), fit(samples)
    assert np.array_equal(one.coef, two.coef) and one.intercept == two.intercept
    assert one.coef[k] == max(one.coef)
    assert fit([Sample("a", np.zeros(len(FEATURES)), 1)]) is None  # one class: nothing to learn
