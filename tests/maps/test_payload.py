"""Map data: grouping by place, contested places, display strings, URL and input validation."""

import pytest

from maps import ClaimsError, build_payload, describe_quantity, prepare, safe_url


def feature(place, side, *, lat=40.0, lon=47.0, role="event", side_type="belligerent", **props):
    geometry = None if place is None else {"type": "Point", "coordinates": [lon, lat]}
    base = {
        "claim_id": f"a#{place}-{side}",
        "role": role,
        "side": side,
        "side_type": side_type,
        "place_name": place,
        "precision": 1,
        "text": f"Fighting near {place}.",
        "mention": place,
        "start": 0,
        "mention_start": 14,
    }
    return {"type": "Feature", "geometry": geometry, "properties": base | props}


def test_claims_grouped_by_place_and_contested():
    data = prepare([feature("Barda", "AZ"), feature("Barda", "AM", stance="denies"), feature("Ganja", "AZ", lat=40.7)])
    by_name = {p.name: p for p in data.places}
    assert len(by_name["Barda"].claims) == 2 and by_name["Barda"].contested
    assert not by_name["Ganja"].contested


def test_third_parties_do_not_make_a_place_contested():
    data = prepare([feature("Washington", "AZ"), feature("Washington", "UN", side_type="third_party")])
    assert not data.places[0].contested


def test_unplaced_claims_and_seats_are_kept_apart():
    data = prepare([feature(None, "AZ"), feature("Baku", "AZ", role="claimant_seat"), feature("Ganja", "AZ")])
    assert len(data.unplaced) == 1 and [s.name for s in data.seats] == ["Baku"] and len(data.places) == 1


def test_payload_strings():
    claim = feature(
        "Tartar",
        "AZ",
        quantities=[{"value": 2, "item": "drone", "action": "downed"}],
        date="2020-10-20",
        time_precision=1,
        precision_note="near",
        url="javascript:alert(1)",
        needs_review=True,
        alternatives=[{"place_name": "Tartar, Russia"}],
    )
    payload = build_payload(prepare([claim]))
    c = payload["places"][0]["claims"][0]
    assert c["quantities"] == ["2 drones downed"]
    assert c["date"] == "2020-10-20 (exact day)" and c["where"] == "near"
    assert c["source"]["url"] is None  # javascript: links are dropped
    assert c["needs_review"] and c["alternatives"] == ["Tartar, Russia"]
    assert c["sentence"]["mark"] == [14, 20] and c["sentence"]["dir"] == "ltr"
    assert payload["legend"]["sides"][0]["side"] == "AZ"


def test_arabic_sentence_is_right_to_left_with_the_place_marked():
    claim = feature("Zangilan", "AZ", text="رفع العلم في مركز مدينة زنغلان", mention="زنغلان", mention_start=24)
    s = build_payload(prepare([claim]))["places"][0]["claims"][0]["sentence"]
    assert s["dir"] == "rtl" and s["lang"] == "ar"
    assert s["text"][s["mark"][0] : s["mark"][1]] == "زنغلان"


def test_colours_are_distinct_and_third_parties_grey():
    feats = [feature("A", "YE"), feature("B", "PS", lat=31), feature("C", "UN", side_type="third_party", lat=32)]
    sides = {s["side"]: s["colour"] for s in build_payload(prepare(feats))["legend"]["sides"]}
    assert sides["YE"] != sides["PS"]
    assert sides["UN"].upper() in ("#8C8C8C", "#9A9A9A")


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=1", True),
        ("http://x.az", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example", False),
        ('https://x.org/"onmouseover="alert(1)', False),
        (None, False),
    ],
)
def test_only_http_links(url, ok):
    assert (safe_url(url) is not None) is ok


def test_quantity_wording():
    assert describe_quantity({"value": 60, "item": "person", "action": "killed", "qualifier": "min"}) == (
        "more than 60 people killed"
    )
    assert describe_quantity({"value": 1, "item": "tank", "action": "captured"}) == "1 tank captured"


def test_feature_missing_required_properties_is_named():
    bad = {"type": "Feature", "geometry": None, "properties": {"claim_id": "x#1", "role": "event"}}
    with pytest.raises(ClaimsError, match=r"feature 1 \(x#1\): missing required properties side"):
        prepare([feature("Ganja", "AZ"), bad])


def test_bad_geometry_is_named():
    bad = feature("Ganja", "AZ")
    bad["geometry"] = {"type": "Point", "coordinates": ["east", 1]}
    with pytest.raises(ClaimsError, match="feature 0"):
        prepare([bad])
