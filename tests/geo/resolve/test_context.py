"""Resolution in context, rule by rule, on hand-made candidates (``geo.resolve.context``, the hand
rules: ``ResolveOptions(learned=False)``; the learned ranker is tested in ``test_ranker.py``)."""

import math
from dataclasses import replace

import pytest

from geo.options import ResolveOptions
from geo.resolve import resolve as _resolve
from geo.resolve import resolve_places

from ..stages import context, doc_until, match, mention, place

OPTIONS = ResolveOptions(learned=False)


def resolve(mentions, **kwargs):
    """The hand rules' resolution (``OPTIONS`` unless the test gives its own)."""
    kwargs.setdefault("options", OPTIONS)
    return _resolve(mentions, **kwargs)


# Two towns of one name in two countries, and places around the second
MARTUNI_AM = place(1, "Martuni", 40.14, 45.31, "AM")
MARTUNI_AZ = place(2, "Khojavend", 39.79, 47.11, "AZ")
FUZULI = place(3, "Fuzuli", 39.60, 47.14, "AZ")
HADRUT = place(4, "Hadrut", 39.52, 47.03, "AZ")
GORIS = place(5, "Goris", 39.51, 46.34, "AM")
AZERBAIJAN = place(6, "Azerbaijan", 40.50, 47.50, "AZ", "PCLI")
FAR_TOWN = place(7, "Far Town", 48.0, 2.0, "FR")


def chosen(resolved):
    return [r.place.name for r in resolved]


def test_without_context_the_best_raw_score_wins():
    m = mention("Martuni", [match(MARTUNI_AM, 1.05, 0.10), match(MARTUNI_AZ, 1.05, 0.05)])
    (r,) = resolve([m])
    assert r.place == MARTUNI_AM
    assert r.mention is m


def test_the_article_country_focus_decides_a_tie():
    m = mention("Martuni", [match(MARTUNI_AM), match(MARTUNI_AZ)])
    assert chosen(resolve([m], focus={"AZ": 3})) == ["Khojavend"]
    assert chosen(resolve([m], focus={"AM": 3})) == ["Martuni"]


def test_confident_places_add_to_the_focus_and_set_the_centre():
    ambiguous = mention("Martuni", [match(MARTUNI_AM), match(MARTUNI_AZ)], start=40)
    around = [mention("Fuzuli", [match(FUZULI)]), mention("Hadrut", [match(HADRUT)], start=20)]
    assert chosen(resolve([*around, ambiguous]))[-1] == "Khojavend"
    # a place in Armenia, near the Armenian Martuni, pulls the other way
    assert chosen(resolve([mention("Goris", [match(GORIS)]), ambiguous]))[-1] == "Martuni"


def test_closeness_to_the_centre_decides_within_one_country():
    near = place(10, "Qarabulaq", 39.62, 47.20, "AZ")
    far = place(11, "Qarabulaq", 41.60, 48.60, "AZ")
    m = mention("Qarabulaq", [match(far), match(near)], start=30)
    resolved = resolve([mention("Fuzuli", [match(FUZULI)]), m])
    assert resolved[-1].place == near


def test_areas_do_not_set_the_centre_when_points_do():
    east = place(12, "Qaraqoyunlu", 40.0, 47.2, "AZ")
    west = place(13, "Qaraqoyunlu", 40.0, 40.2, "AZ")
    country = place(14, "Somewhere", 40.0, 40.0, "AZ", "PCLI")  # an area's point far west
    town = place(15, "Town", 40.0, 47.0, "AZ")
    m = mention("Qaraqoyunlu", [match(west), match(east)], start=50)
    resolved = resolve([mention("Somewhere", [match(country)]), mention("Town", [match(town)], start=20), m])
    assert resolved[-1].place == east  # the median of the points (the town), not of town and country


def test_the_score_adds_focus_share_and_closeness():
    m = mention("Fuzuli", [match(FUZULI, 1.05, 0.10)])
    (r,) = resolve([m])
    # one confident place: the whole focus is its country, and it is the centre itself
    assert r.score == pytest.approx(1.15 + OPTIONS.country_weight + OPTIONS.near_weight * math.exp(0))
    assert r.place == FUZULI


def test_a_mention_without_candidates_is_dropped():
    assert resolve([mention("Nowhere", []), mention("Fuzuli", [match(FUZULI)])])[0].place == FUZULI
    assert len(resolve([mention("Nowhere", [])])) == 0


# -- weak mentions ----------------------------------------------------------------------------------


def test_a_weak_mention_is_kept_near_the_centre_in_a_country_of_the_article():
    weak = mention("Hadrut", [match(HADRUT)], start=30, weak=True)
    assert chosen(resolve([mention("Fuzuli", [match(FUZULI)]), weak])) == ["Fuzuli", "Hadrut"]


def test_a_weak_mention_alone_is_dropped():
    assert resolve([mention("Hadrut", [match(HADRUT)], weak=True)]) == []


def test_a_weak_mention_in_a_country_the_article_is_not_about_is_dropped():
    weak = mention("Goris", [match(GORIS)], start=30, weak=True)
    assert chosen(resolve([mention("Fuzuli", [match(FUZULI)]), weak])) == ["Fuzuli"]
    assert chosen(resolve([mention("Fuzuli", [match(FUZULI)]), weak], focus={"AM": 1})) == ["Fuzuli", "Goris"]


def test_a_weak_mention_far_from_the_centre_is_dropped():
    remote = place(16, "Far Town", 48.0, 2.0, "AZ")  # in the article's country, but 3,800 km away
    weak = mention("Far Town", [match(remote)], start=30, weak=True)
    assert chosen(resolve([mention("Fuzuli", [match(FUZULI)]), weak])) == ["Fuzuli"]
    wide = replace(OPTIONS, weak_radius_km=5000.0)
    assert chosen(resolve([mention("Fuzuli", [match(FUZULI)]), weak], options=wide)) == ["Fuzuli", "Far Town"]


def test_a_weak_exact_mention_keeps_only_its_exact_candidates():
    sounds_alike = place(17, "Hadrout", 39.55, 47.05, "AZ")
    weak = mention("Hadrut", [match(sounds_alike, 0.95, 0.3), match(HADRUT, 1.05, 0.0)], start=30, weak=True)
    (_, r) = resolve([mention("Fuzuli", [match(FUZULI)]), weak])
    assert r.place == HADRUT  # the better raw score sounded alike only


def test_weak_mentions_do_not_set_the_focus():
    weak = mention("Goris", [match(GORIS)], weak=True)
    ambiguous = mention("Martuni", [match(MARTUNI_AM), match(MARTUNI_AZ, 1.05, 0.099)], start=30)
    # the weak Goris does not make the article Armenian: the tie goes by the raw score
    assert chosen(resolve([weak, ambiguous], focus={"AZ": 1})) == ["Khojavend"]


def test_only_a_clear_lead_is_confident():
    weak = mention("Hadrut", [match(HADRUT)], start=30, weak=True)
    thin = mention("Fuzuli", [match(FUZULI, 1.05, 0.10), match(FAR_TOWN, 1.05, 0.05)])
    clear = mention("Fuzuli", [match(FUZULI, 1.05, 0.15), match(FAR_TOWN, 1.05, 0.05)])
    assert chosen(resolve([thin, weak])) == ["Fuzuli"]  # a lead of 0.05 sets no focus: Hadrut is dropped
    assert chosen(resolve([clear, weak])) == ["Fuzuli", "Hadrut"]


# -- needs_review -----------------------------------------------------------------------------------


def test_a_thin_margin_over_a_place_elsewhere_needs_review():
    m = mention("Martuni", [match(MARTUNI_AM, 1.05, 0.10), match(MARTUNI_AZ, 1.05, 0.09)])
    (r,) = resolve([m])
    assert r.needs_review
    assert r.place == MARTUNI_AM
    assert [a.place for a in r.alternatives] == [MARTUNI_AZ]


def test_a_clear_margin_needs_no_review_but_keeps_the_runner_up():
    m = mention("Martuni", [match(MARTUNI_AM, 1.05, 0.30), match(MARTUNI_AZ, 1.05, 0.05)])
    (r,) = resolve([m])
    assert not r.needs_review
    assert [a.place for a in r.alternatives] == [MARTUNI_AZ]


def test_a_runner_up_at_the_same_place_is_no_rival():
    district = place(18, "Fuzuli District", 39.62, 47.16, "AZ", "ADM2")  # 3 km from the town
    m = mention("Fuzuli", [match(FUZULI, 1.05, 0.10), match(district, 1.05, 0.099)])
    (r,) = resolve([m])
    assert not r.needs_review and r.alternatives == ()


def test_at_most_two_alternatives():
    towns = [place(20 + k, "Alaverdi", 40.0 + k, 44.0 + 2 * k, "AM") for k in range(4)]
    m = mention("Alaverdi", [match(t, 1.05, 0.1 - 0.001 * k) for k, t in enumerate(towns)])
    (r,) = resolve([m])
    assert r.needs_review
    assert [a.place for a in r.alternatives] == towns[1:3]


def test_the_review_margin_is_an_option():
    m = mention("Martuni", [match(MARTUNI_AM, 1.05, 0.10), match(MARTUNI_AZ, 1.05, 0.09)])
    assert not resolve([m], options=replace(OPTIONS, review_margin=0.0))[0].needs_review


# -- the stage --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("before", "country"), [("Drones struck Ganja.", "AZ"), ("Drones struck Gyumri.", "AM")])
def test_the_stage_resolves_an_ambiguous_town_by_the_article(default_gazetteer, before, country):
    alone = doc_until("resolve_places", "Fighting went on near Martuni.", lang="en", gazetteer=default_gazetteer)
    (r,) = alone.places
    assert r.needs_review  # two Martunis, in Armenia and in Karabakh, score alike
    assert {a.place.country_code for a in r.alternatives} | {r.place.country_code} == {"AM", "AZ"}
    doc = doc_until(
        "resolve_places", f"{before} Fighting went on near Martuni.", lang="en", gazetteer=default_gazetteer
    )
    (martuni,) = [r for r in doc.places if r.mention.text == "Martuni"]
    assert martuni.place.country_code == country


def test_the_stage_reads_the_focus_layer(default_gazetteer):
    doc = doc_until("find_places", "Fighting went on near Martuni.", lang="en", gazetteer=default_gazetteer)
    ctx = context(default_gazetteer)
    armenia = resolve_places(doc.add(focus={"AM": 5}), ctx).places
    azerbaijan = resolve_places(doc.add(focus={"AZ": 5}), ctx).places
    assert [r.place.country_code for r in armenia] == ["AM"]
    assert [r.place.country_code for r in azerbaijan] == ["AZ"]
