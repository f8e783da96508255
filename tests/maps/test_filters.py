"""Filtering claims by date range, side and event type before they are mapped."""

from datetime import date

import pytest

from maps import ClaimFilter, ClaimsError, claim_day, filter_claims


def feature(n, *, role="event", side="AZ", date=None, published=None, event_type="Battles", **props):
    base = {
        "claim_id": f"a#{n}",
        "role": role,
        "side": side,
        "event_type": event_type,
        "sub_event_type": "Armed clash" if event_type == "Battles" else None,
        "date": date,
        "published": published,
    }
    return {"type": "Feature", "geometry": None, "properties": base | props}


def ids(features):
    return [f["properties"]["claim_id"] for f in features]


CLAIMS = [
    feature(1, date="2020-10-01"),
    feature(2, side="AM", date="2020-10-05", event_type="Explosions/Remote violence"),
    feature(3, published="2020-10-09T08:30:00+03:00"),  # no date: filed under its article's day
    feature(4),  # no day at all
]


@pytest.mark.parametrize(
    ("props", "day"),
    [
        ({"date": "2020-10-20"}, date(2020, 10, 20)),
        ({"date": None, "published": "2020-10-21T23:00:00Z"}, date(2020, 10, 21)),
        ({"date": "2020-10", "published": "2020-11-02"}, date(2020, 10, 1)),
        ({"date": date(2020, 1, 2)}, date(2020, 1, 2)),
        ({"date": "2020-02-30", "published": "2020-03-01"}, date(2020, 3, 1)),  # impossible day: next key
        ({"date": "yesterday"}, None),
        ({}, None),
    ],
)
def test_claim_day(props, day):
    assert claim_day(props) == day


def test_no_filter_keeps_everything():
    assert filter_claims(CLAIMS) == CLAIMS


def test_date_range_is_inclusive_and_falls_back_to_published():
    assert ids(filter_claims(CLAIMS, since="2020-10-05")) == ["a#2", "a#3"]
    assert ids(filter_claims(CLAIMS, until=date(2020, 10, 5))) == ["a#1", "a#2"]
    assert ids(filter_claims(CLAIMS, since="2020-10-01", until="2020-10-09")) == ["a#1", "a#2", "a#3"]


def test_claims_without_a_day_only_without_a_date_filter():
    assert "a#4" in ids(filter_claims(CLAIMS, sides=["AZ"]))
    assert "a#4" not in ids(filter_claims(CLAIMS, since="2000-01-01"))


def test_sides_and_event_types_ignore_case_and_repeat():
    assert ids(filter_claims(CLAIMS, sides=["am"])) == ["a#2"]
    assert ids(filter_claims(CLAIMS, sides=["AM", "az"])) == ids(CLAIMS)
    assert ids(filter_claims(CLAIMS, event_types=["explosions/remote violence"])) == ["a#2"]
    assert ids(filter_claims(CLAIMS, event_types=["armed clash"])) == ["a#1", "a#3", "a#4"]  # sub-event type
    unknown = feature(5, side=None)
    assert ids(filter_claims([*CLAIMS, unknown], sides=["unknown"])) == ["a#5"]


def test_seats_follow_their_claim_and_other_mentions_pass():
    seat_kept = feature(1, role="claimant_seat")
    seat_dropped = feature(2, role="claimant_seat", side="AM")
    other = {"type": "Feature", "geometry": None, "properties": {"claim_id": None, "role": "other", "side": None}}
    out = filter_claims([*CLAIMS, seat_kept, seat_dropped, other], until="2020-10-01")
    assert [(f["properties"]["claim_id"], f["properties"]["role"]) for f in out] == [
        ("a#1", "event"),
        ("a#1", "claimant_seat"),
        (None, "other"),
    ]


def test_a_feature_collection_is_accepted():
    assert ids(filter_claims({"type": "FeatureCollection", "features": CLAIMS}, sides=["AM"])) == ["a#2"]


def test_nothing_left_is_a_clear_error():
    with pytest.raises(ClaimsError) as err:
        filter_claims(CLAIMS, since="2021-01-01", until="2021-02-01")
    assert str(err.value) == (
        "no claims between 2021-01-01 and 2021-02-01 (the claims' days run from 2020-10-01 to 2020-10-09)"
    )
    with pytest.raises(ClaimsError, match=r"no claims from side RU \(sides present: AM, AZ\)"):
        filter_claims(CLAIMS, sides=["RU"])
    with pytest.raises(ClaimsError, match=r"of event type Protests \(event types present: Battles, Explosions"):
        filter_claims(CLAIMS, event_types=["Protests"])


def test_bad_range():
    with pytest.raises(ClaimsError, match="since 2020-10-09 is after until 2020-10-01"):
        filter_claims(CLAIMS, since="2020-10-09", until="2020-10-01")
    with pytest.raises(ClaimsError, match="not a date"):
        filter_claims(CLAIMS, since="20/10/2020")


def test_filter_object():
    flt = ClaimFilter(since=date(2020, 10, 2), sides=("AM",))
    assert flt.active and not ClaimFilter().active
    assert flt.keeps(CLAIMS[1]["properties"]) and not flt.keeps(CLAIMS[0]["properties"])
    assert flt.describe() == "since 2020-10-02, from side AM"
