"""The learned ranker of resolution: its candidate features, the shipped model, and its use."""

import numpy
import pytest

from gazetteer import Place
from geo.options import ResolveOptions
from geo.resolve import resolve
from geo.resolve.features import FEATURES, featurize, scene
from geo.resolve.ranker import Ranker, shipped_ranker

from ..stages import doc_until, match, mention, place

HAND = ResolveOptions(learned=False)
LEARNED = ResolveOptions(learned=True)  # off by default (see ResolveOptions.learned)

# An invented country "ZZ" with two provinces, and a town name found in both and abroad
NORTH = Place(100, "Nordmark", 50.0, 10.0, "ZZ", "01", "A", "ADM1", 2_000_000)
SOUTH = Place(101, "Suedland", 45.0, 10.0, "ZZ", "02", "A", "ADM1", 1_500_000)
COUNTRY = Place(102, "Zedland", 47.5, 10.0, "ZZ", "", "A", "PCLI", 9_000_000)
KELM_NORTH = Place(103, "Kelm", 50.2, 10.3, "ZZ", "01", "P", "PPL", 4_000)
KELM_SOUTH = Place(104, "Kelm", 45.1, 10.1, "ZZ", "02", "P", "PPL", 5_000)
KELM_ABROAD = Place(105, "Kelm", -20.0, 140.0, "QQ", "07", "P", "PPLA", 90_000)
BRANT = Place(106, "Brant", 50.3, 10.2, "ZZ", "01", "P", "PPL", 20_000)


def row(x, name):
    return x[:, FEATURES.index(name)]


def _features(mentions, k, text=None):
    sc = scene(mentions, None, HAND)
    return featurize(mentions, k, mentions[k].candidates, sc, HAND, text)


def test_one_row_per_candidate_and_one_column_per_feature():
    m = mention("Kelm", [match(KELM_SOUTH), match(KELM_NORTH), match(KELM_ABROAD)])
    x = _features([m], 0)
    assert x.shape == (3, len(FEATURES)) and x.dtype == numpy.float32
    assert list(row(x, "rank")) == [0, 1, 2] and set(row(x, "n_candidates")) == {3}
    assert list(row(x, "code_seat")) == [0, 0, 1] and list(row(x, "code_populated")) == [1, 1, 0]


def test_a_name_after_a_comma_qualifies_the_candidates_it_contains():
    text = "Kelm, Nordmark"
    kelm = mention("Kelm", [match(KELM_SOUTH), match(KELM_NORTH), match(KELM_ABROAD)])
    north = mention("Nordmark", [match(NORTH)], start=6)
    x = _features([kelm, north], 0, text)
    assert list(row(x, "qualified")) == [0, 1, 0]
    assert list(row(x, "in_named_adm1")) == [0, 1, 0]  # Nordmark is named (confidently) in the article
    assert row(_features([kelm, north], 1, text), "qualifies")[0] == 1  # and Nordmark holds a Kelm
    # without the comma ("Kelm Nordmark" would be one name, or two unrelated ones) nothing qualifies
    assert not row(_features([kelm, north], 0, "Kelm  Nordmark"), "qualified").any()


def test_coherence_and_the_named_country():
    kelm = mention("Kelm", [match(KELM_ABROAD), match(KELM_NORTH)], start=40)
    around = [mention("Zedland", [match(COUNTRY)]), mention("Brant", [match(BRANT)], start=20)]
    x = _features([*around, kelm], 2)
    near, far = row(x, "log_km_coherent")[[1, 0]]
    assert numpy.expm1(near) < 30 < 10_000 < numpy.expm1(far)  # Brant is 10 km from the northern Kelm
    assert list(row(x, "in_named_country")) == [0, 1]
    assert list(row(x, "focus_top")) == [0, 1]


def test_an_area_holding_the_other_places_has_their_share():
    north = mention("Nordmark", [match(NORTH), match(place(107, "Nordmark", 10.0, -60.0, "QQ"))])
    others = [mention("Brant", [match(BRANT)], start=20), mention("Kelm", [match(KELM_NORTH)], start=30)]
    x = _features([north, *others], 0)
    assert list(row(x, "contains_share")) == [1.0, 0.0]


# -- the shipped model ------------------------------------------------------------------------------


def test_a_ranker_of_the_current_features_ships():
    ranker = shipped_ranker()
    assert ranker is not None and ranker.trees.features == FEATURES
    assert ranker.trees.roots.size >= 50 and ranker.review_margin > 0
    assert ranker.info["cv_folds"] == 5 and ranker.info["mentions"] > 1000


def test_saving_and_loading_gives_the_same_ranker():
    ranker = shipped_ranker()
    again = Ranker.load(ranker.save())
    x = numpy.random.default_rng(0).uniform(-1, 3, size=(30, len(FEATURES))).astype(numpy.float32)
    assert numpy.allclose(ranker.scores(x), again.scores(x)) and again.review_margin == ranker.review_margin


def test_contributions_add_up_to_the_score():
    trees = shipped_ranker().trees
    x = numpy.random.default_rng(1).uniform(0, 2, size=(4, len(FEATURES))).astype(numpy.float32)
    start = trees.base + trees.learning_rate * trees.value[trees.roots].sum()
    for r, score in zip(x, trees.log_odds(x), strict=True):
        assert start + trees.contributions(r).sum() == pytest.approx(score, abs=1e-6)


# -- the ranker in use ------------------------------------------------------------------------------


def test_the_ranker_prefers_the_place_the_article_is_about():
    kelm = mention("Kelm", [match(KELM_ABROAD, 1.05, 0.12), match(KELM_NORTH, 1.05, 0.10)], start=40)
    around = [mention("Zedland", [match(COUNTRY)]), mention("Brant", [match(BRANT)], start=20)]
    (*_, r) = resolve([*around, kelm], options=LEARNED)
    assert r.place == KELM_NORTH
    assert 0.0 < r.score < 1.0  # a probability
    (alone,) = resolve([kelm], options=LEARNED)
    assert alone.place == KELM_ABROAD  # without context the larger seat wins, and is kept as the runner-up above


def test_a_given_model_replaces_the_shipped_one():
    ranker = shipped_ranker()
    flat = Ranker(ranker.trees.__class__(*[getattr(ranker.trees, f) for f in ("features", "feature", "threshold",
                  "left", "right")], ranker.trees.value * 0, ranker.trees.roots, 0.0, 0.1, ranker.trees.depth),
                  ranker.review_margin, {})  # fmt: skip
    m = mention("Kelm", [match(KELM_SOUTH, 1.05, 0.01), match(KELM_ABROAD, 1.05, 0.30)])
    (r,) = resolve([m], options=ResolveOptions(learned=True, model=flat))
    assert r.place == KELM_SOUTH and r.needs_review  # all candidates tie: the first stays, and is doubtful
    (r,) = resolve([m], options=LEARNED)
    assert r.place == KELM_ABROAD


def test_learned_off_is_the_hand_rules():
    m = mention("Kelm", [match(KELM_SOUTH, 1.05, 0.10), match(KELM_ABROAD, 1.05, 0.09)])
    (r,) = resolve([m], options=HAND)
    assert r.place == KELM_SOUTH and r.needs_review and r.score == pytest.approx(1.15)  # no confident place: raw only


def test_the_seed_town_keeps_both_places_in_its_alternatives(default_gazetteer):
    """The Martuni of Armenia and that of Karabakh stay on the list, with and without the ranker."""
    for learned in (True, False):
        from geo.options import ExtractOptions

        options = ExtractOptions(resolve=ResolveOptions(learned=learned))
        doc = doc_until("resolve_places", "Shelling was reported near Martuni.", gazetteer=default_gazetteer,
                        options=options)  # fmt: skip
        (r,) = doc.places
        assert {r.place.country_code} | {a.place.country_code for a in r.alternatives} == {"AM", "AZ"}
