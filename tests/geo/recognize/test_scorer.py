"""The learned mention scorer: candidates, features, the shipped models, selection, explanations."""

from __future__ import annotations

import numpy
import pytest

from geo.lang import get_language
from geo.options import ExtractOptions, MentionOptions
from geo.recognize import scorer_inputs, select
from geo.recognize.candidates import Candidate
from geo.recognize.features import FEATURES
from geo.recognize.scorer import MentionModel, model_of

from ..stages import context, doc_until

EXPLAIN = ExtractOptions(mentions=MentionOptions(explain=True))
LEARNED = ExtractOptions()


def names(gz, text, lang, options=LEARNED):
    return [m.text for m in doc_until("find_places", text, lang=lang, gazetteer=gz, options=options).mentions]


def candidates(gz, text, lang):
    doc = doc_until("find_dates", text, lang=lang, gazetteer=gz)
    return doc, *scorer_inputs(doc, context(gz))


@pytest.mark.parametrize("code", ["ar", "en"])
def test_each_pack_ships_a_model_of_the_current_features(code):
    model = model_of(get_language(code))
    assert model is not None and model.features == FEATURES
    assert 0.05 < model.accept < 0.95 and model.roots.size > 50
    assert model.info["cv_folds"] == 5 and model.info["candidates"] > 1000


def test_saving_and_loading_gives_the_same_model():
    model = model_of(get_language("en"))
    again = MentionModel.load(model.save())
    x = numpy.random.default_rng(0).normal(size=(20, len(FEATURES))).astype(numpy.float32)
    assert numpy.allclose(model.log_odds(x), again.log_odds(x)) and again.accept == model.accept


def test_contributions_add_up_to_the_log_odds():
    model = model_of(get_language("ar"))
    x = numpy.random.default_rng(1).uniform(0, 3, size=(5, len(FEATURES))).astype(numpy.float32)
    base = model.base + model.learning_rate * model.value[model.roots].sum()
    for row, log_odds in zip(x, model.log_odds(x), strict=True):
        total = sum(c for _, c in model.explain(row, top=len(FEATURES)))
        assert base + total == pytest.approx(log_odds, abs=0.01)


def test_a_model_of_other_features_is_not_used():
    model = model_of(get_language("en"))
    other = MentionModel(("something_else",), *[getattr(model, f) for f in ("feature", "threshold", "left", "right", "value", "roots")],
                         model.base, model.learning_rate, model.accept, model.depth, {})  # fmt: skip
    assert other.features != FEATURES  # model_of refuses such a file: the pack falls back to the rules


def _candidate(i, j, sentence=0):
    return Candidate(sentence, i, j, i * 10, j * 10, "x", None, (), True)


def test_selection_keeps_the_most_probable_of_overlapping_spans():
    cands = [_candidate(0, 2), _candidate(1, 2), _candidate(3, 4), _candidate(5, 6), _candidate(0, 1, sentence=1)]
    kept = select(cands, [0.7, 0.9, 0.3, 0.6, 0.8], accept=0.5)
    assert kept == [1, 3, 4]  # 0 overlaps the likelier 1; 2 is below the bar; text order


def test_selection_prefers_the_longer_of_equals():
    assert select([_candidate(0, 1), _candidate(0, 2)], [0.8, 0.8], accept=0.5) == [1]


def test_hashtag_parts_and_glued_names_are_candidates(default_gazetteer):
    doc, cands, x = candidates(default_gazetteer, "سيول في #مدينة_عمان وشرمالشيخ", "ar")
    readings = {c.reading: c for c in cands}
    assert "عمان" in readings and readings["عمان"].exact
    glued = [c for c in cands if c.fused]
    assert glued and glued[0].reading == "شرم الشيخ" and glued[0].best.place.name == "Sharm el-Sheikh"
    assert x.shape == (len(cands), len(FEATURES))
    hashtag = FEATURES.index("hashtag_compound")
    assert x[cands.index(readings["عمان"]), hashtag] == 1


def test_no_candidate_starts_or_ends_on_a_clitic_written_apart(default_gazetteer):
    _, cands, _ = candidates(default_gazetteer, "زار الوفد بغداد و دمشق", "ar")
    assert all(not c.reading.startswith("و ") and not c.reading.endswith(" و") for c in cands)
    assert {"بغداد", "دمشق"} <= {c.reading for c in cands}


def test_the_scorer_tells_places_from_everyday_words_arabic(default_gazetteer):
    text = "قالت وزارة الدفاع إن القوات دخلت مدينة حلب بعد معارك عنيفة، ولم يوضح البيان كيف انسحب المسلحون."
    found = names(default_gazetteer, text, "ar")
    assert "حلب" in found and "كيف" not in found


def test_the_scorer_tells_places_from_people_english(default_gazetteer):
    text = "Fighting spread to Kharkiv and Odesa on Monday, while Mr Scott told reporters the talks in Geneva failed."
    found = names(default_gazetteer, text, "en")
    assert {"Kharkiv", "Odesa", "Geneva"} <= set(found) and "Scott" not in found


def test_mentions_carry_their_score_and_with_explain_their_evidence(default_gazetteer):
    doc = doc_until(
        "find_places", "Shelling hit the city of Kharkiv.", lang="en", gazetteer=default_gazetteer, options=EXPLAIN
    )
    (m,) = [m for m in doc.mentions if m.text == "Kharkiv"]
    assert 0.5 < m.score <= 1 and m.evidence and all(name in FEATURES for name, _ in m.evidence)
    plain = doc_until(
        "find_places", "Shelling hit the city of Kharkiv.", lang="en", gazetteer=default_gazetteer, options=LEARNED
    )
    assert plain.mentions[0].evidence == ()


def test_scorer_off_is_the_hand_rules(default_gazetteer):
    rules = ExtractOptions(mentions=MentionOptions(scorer=False))
    doc = doc_until(
        "find_places", "Shelling hit the city of Kharkiv.", lang="en", gazetteer=default_gazetteer, options=rules
    )
    assert [m.text for m in doc.mentions] == ["Kharkiv"] and doc.mentions[0].score is None


class _Doubtful:
    """A scorer that gives every candidate a third of its bar."""

    accept = 0.45

    def probability(self, x):
        return numpy.full(len(x), self.accept / 3)

    def explain(self, row):
        return []


def test_a_city_word_before_a_citys_exact_name_overrules_the_scorers_doubt(default_gazetteer):
    text = "قال مسؤول محلي إن القصف طال مدينة سرت وبلدة قريبة منها."
    doubtful = ExtractOptions(mentions=MentionOptions(model=_Doubtful()))
    assert names(default_gazetteer, text, "ar", doubtful) == ["سرت"]
    strict = ExtractOptions(mentions=MentionOptions(model=_Doubtful(), announced_floor_exact=0.5))
    assert names(default_gazetteer, text, "ar", strict) == []
