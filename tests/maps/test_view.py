"""The opening view and the slider's default dates: the bulk of the claims, outliers left out."""

import random

from maps import default_window, opening_view
from maps.view import LOCAL_KM

DAY0 = 19_884  # 2024-06-10


def test_one_old_claim_does_not_stretch_an_article_window():
    days = [DAY0, DAY0, DAY0 + 1, DAY0 + 1, DAY0 + 2, DAY0 - 430]  # one background event 14 months back
    assert default_window(days) == (DAY0, DAY0 + 2)


def test_references_to_recent_days_stay_in():
    days = [DAY0] * 10 + [DAY0 - 7, DAY0 - 3, DAY0 + 3]  # "last week", "on Friday"
    assert default_window(days) == (DAY0 - 7, DAY0 + 3)


def test_a_year_of_reporting_keeps_its_year():
    rng = random.Random(3)
    days = [DAY0 + rng.randrange(365) for _ in range(5000)]
    assert default_window(days) == (min(days), max(days))


def test_two_equal_periods_are_both_kept():
    days = [DAY0] * 50 + [DAY0 + 900] * 50
    assert default_window(days) == (DAY0, DAY0 + 900)


def test_outliers_on_both_sides_and_small_inputs():
    days = [DAY0 - 2000] + [DAY0 + i for i in range(30)] * 3 + [DAY0 + 4000]
    assert default_window(days) == (DAY0, DAY0 + 29)
    assert default_window([DAY0]) == (DAY0, DAY0)
    assert default_window([DAY0, DAY0 + 800]) == (DAY0, DAY0 + 800)
    assert default_window([]) is None


def place(lat, lon, weight=1, radius=None):
    return (lat, lon, weight, radius)


def test_a_far_minor_place_is_left_out_of_the_view():
    front = [place(39.1, 46.7), place(39.3, 46.6), place(40.7, 46.4), place(39.8, 47.1), place(39.4, 46.5)]
    far = place(38.9, -77.0)
    bounds, outside = opening_view([*front, far])
    assert bounds == [[39.1, 46.4], [40.7, 47.1]] and outside == [5]


def test_big_regions_do_not_decide_the_view_unless_alone():
    places = [place(48.5, 37.9, 3), place(48.0, 37.8, 2), place(39.5, -98.0, 2, radius=1750)]
    bounds, outside = opening_view(places)
    assert bounds == [[48.0, 37.8], [48.5, 37.9]] and outside == [2]
    assert opening_view([place(39.5, -98.0, 1, radius=1750)]) == ([[39.5, -98.0], [39.5, -98.0]], [])


def test_two_substantial_areas_are_both_shown():
    # A war on two fronts 600 km apart, 40 % / 60 % of the claims: neither is an outlier.
    places = [place(50.45, 30.5, 4), place(48.0, 37.8, 6)]
    bounds, outside = opening_view(places)
    assert bounds == [[48.0, 30.5], [50.45, 37.8]] and outside == []


def test_any_number_of_places_and_weights():
    rng = random.Random(9)
    cluster = [place(15 + rng.random() * 3, 44 + rng.random() * 3, rng.randint(1, 9)) for _ in range(400)]
    strays = [place(-33.9, 151.2), place(51.5, -0.1), place(40.7, -74.0)]
    bounds, outside = opening_view(cluster + strays)
    assert outside == [400, 401, 402]
    (south, west), (north, east) = bounds
    assert south >= 15 and north <= 18 and west >= 44 and east <= 47


def test_places_within_a_local_distance_are_never_outliers():
    # Everything at one spot but one place 200 km away: still in the view (LOCAL_KM).
    assert LOCAL_KM >= 200
    places = [place(40.0, 45.0, 20), place(41.8, 45.0, 1)]
    assert opening_view(places)[1] == []


def test_places_without_shown_claims_are_ignored():
    places = [place(40.0, 45.0, 3), place(-20.0, 10.0, 0)]
    assert opening_view(places) == ([[40.0, 45.0], [40.0, 45.0]], [])
    assert opening_view([place(1, 2, 0)]) == (None, [])
