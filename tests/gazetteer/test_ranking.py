"""Prominence, qualified queries, abbreviations, areas' points and readable scores."""

import pytest

from gazetteer import ABBREVIATION, Name, Place, prominence
from gazetteer.geometry import distance_km
from gazetteer.ranking import abbreviation_allowed, display_score, split_qualifier


def test_prominence_orders_kinds_and_sizes():
    country = Place(1, "A", 0, 0, feature_class="A", feature_code="PCLI", population=10_000_000, n_names=250)
    state = Place(2, "B", 0, 0, feature_class="A", feature_code="ADM1", population=5_000_000, n_names=40)
    town = Place(3, "C", 0, 0, population=20_000, n_names=8)
    hamlet = Place(4, "D", 0, 0, population=600, n_names=1)
    values = [prominence(p) for p in (country, state, town, hamlet)]
    assert values == sorted(values, reverse=True)
    assert all(0 <= v <= 1 for v in values)


@pytest.mark.parametrize(
    ("query", "code", "feature"),
    [("California", "US", "ADM1"), ("Georgia", "GE", "PCLI"), ("Paris", "FR", "PPLC"), ("Texas", "US", "ADM1")],
)
def test_exact_primary_name_of_a_prominent_place_wins(default_gazetteer, query, code, feature):
    top = default_gazetteer.search(query, limit=1)[0]
    assert (top.place.country_code, top.place.feature_code, top.kind) == (code, feature, "exact")


def test_a_state_outranks_towns_named_after_it(default_gazetteer):
    matches = default_gazetteer.search("Nevada", limit=5)
    assert matches[0].place.feature_code == "ADM1"
    assert matches[0].place.population > 1_000_000  # a division's population is that of its places


def test_misspellings_never_score_one(default_gazetteer):
    top = default_gazetteer.search("Kharkivv", limit=1)[0]
    assert top.place.name == "Kharkiv"
    assert top.kind == "similar" and top.score < 0.96


def test_qualified_query_prefers_places_in_the_area(default_gazetteer):
    assert default_gazetteer.search("Paris, Texas", limit=1)[0].place.admin1 == "TX"
    assert default_gazetteer.search("Springfield, Ill.", limit=1)[0].place.admin1 == "IL"
    top = default_gazetteer.search("Ganja, Azerbaijan", limit=1)[0]
    assert (top.place.name, top.place.country_code) == ("Ganja", "AZ")


def test_unknown_qualifier_leaves_the_query_whole(default_gazetteer):
    assert split_qualifier("Foo, Bar") == ("Foo", "Bar")
    assert split_qualifier("Baku") is None
    assert split_qualifier("باكو، أذربيجان") == ("باكو", "أذربيجان")


def test_abbreviations_are_their_own_kind(default_gazetteer):
    # A bare two-letter code is never a place in a plain search ...
    assert all(m.kind != "abbreviation" for m in default_gazetteer.search("KY", limit=5))
    assert all(m.kind != "abbreviation" for m in default_gazetteer.search("ky", limit=5, abbreviations=True))
    # ... but the caller may ask for it, spelled as stored
    top = default_gazetteer.search("KY", limit=1, abbreviations=True)[0]
    assert (top.place.name, top.kind) == ("Kentucky", "abbreviation")
    assert default_gazetteer.search("Ky.", limit=1)[0].place.name == "Kentucky"
    assert default_gazetteer.search("Ky.", limit=1, abbreviations=False)[0].place.name != "Kentucky"
    names = default_gazetteer.place(top.place.id, with_names=True).names
    assert Name("KY", ABBREVIATION) in names


def test_abbreviation_rules():
    assert abbreviation_allowed("U.S.", "U.S.", None)
    assert abbreviation_allowed("USA", "USA", None)
    assert not abbreviation_allowed("US", "US", None)
    assert abbreviation_allowed("US", "US", True)
    assert not abbreviation_allowed("us", "US", True)
    assert not abbreviation_allowed("USA", "USA", False)


@pytest.mark.parametrize(
    ("query", "code"),
    [("Britain", "GB"), ("U.K.", "GB"), ("USA", "US"), ("بريطانيا", "GB"), ("أمريكا", "US"), ("السعودية", "SA")],
)
def test_everyday_country_names(default_gazetteer, query, code):
    top = default_gazetteer.search(query, limit=1)[0]
    assert (top.place.country_code, top.place.feature_code) == (code, "PCLI")


@pytest.mark.parametrize(
    ("query", "code"), [("Caucasus", "RGN"), ("القوقاز", "RGN"), ("Europe", "CONT"), ("Darfur", "RGN")]
)
def test_regions_and_continents(default_gazetteer, query, code):
    top = default_gazetteer.search(query, limit=1)[0]
    assert top.place.feature_code == code and top.place.radius_km > 100


def test_country_points_are_geonames_points(default_gazetteer):
    russia = default_gazetteer.place(2017370)
    assert distance_km(russia.lat, russia.lon, 60.0, 100.0) < 1
    assert russia.display_lat is not None and russia.display_lon < 100  # the populated median, west of it
    assert russia.radius_km > 2000


def test_divisions_are_placed_at_their_centre(default_gazetteer):
    california = default_gazetteer.search("California", limit=1)[0].place
    # the centre of the state, not the median of its towns near the coast
    assert 35.5 < california.lat < 38.5 and -121.5 < california.lon < -118.5
    assert california.radius_km > 300


def test_display_score_is_monotonic_and_bounded():
    keys = [0.1, 0.5, 0.9, 1.1, 1.3]
    scores = [display_score(k) for k in keys]
    assert scores == sorted(scores) and all(0 < s <= 1 for s in scores)
