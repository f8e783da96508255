"""Map data: grouping by place, contested places, display strings, URL and input validation."""

import pytest

from maps import ClaimsError, build_payload, describe_fatalities, describe_quantity, prepare, safe_url, unpack_claim


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
    c = unpack_claim(payload, payload["places"][0]["claims"][0])
    assert c["qty"] == ["2 drones downed"]
    assert c["date"] == "2020-10-20 (exact day)" and c["where"] == "near" and c["day"] == "2020-10-20"
    assert c["src"][0]["url"] == ""  # javascript: links are dropped
    assert c["review"] and c["alt"] == ["Tartar, Russia"]
    assert c["mark"] == [14, 20] and c["rtl"] == 0
    assert payload["legend"]["sides"][0]["side"] == "AZ"


def test_arabic_sentence_is_right_to_left_with_the_place_marked():
    claim = feature("Zangilan", "AZ", text="رفع العلم في مركز مدينة زنغلان", mention="زنغلان", mention_start=24)
    c = unpack_claim(build_payload(prepare([claim])), 0)
    assert c["rtl"] == 1
    assert c["text"][c["mark"][0] : c["mark"][1]] == "زنغلان"


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


def test_quantity_and_fatality_ranges_lowest_first():
    assert describe_quantity({"value": 241, "value_max": 250, "item": "tank", "action": "destroyed"}) == (
        "241–250 tanks destroyed"
    )
    assert describe_quantity({"value": 1, "value_max": 3, "item": "drone", "action": "downed"}) == "1–3 drones downed"
    assert describe_quantity({"value": 5, "value_max": 5, "item": "tank"}) == "5 tanks"
    assert describe_fatalities({"fatalities": 740, "fatalities_max": 746}) == "740–746"
    assert describe_fatalities({"fatalities": 0}) == "0" and describe_fatalities({"fatalities": None}) is None


def test_merged_claim_lists_every_source_with_safe_links_only():
    sources = [
        {
            "article": "a1",
            "article_title": "One",
            "outlet": "Wire",
            "url": "https://a.example/1",
            "published": "2020-10-02",
        },
        {
            "article": "a2",
            "article_title": "Two",
            "outlet": "Daily",
            "url": "javascript:alert(1)",
            "published": "2020-10-03",
        },
    ]
    merged = feature("Barda", "AZ", sources=sources, source_count=3, article="a1", article_title="One", outlet="Wire")
    single = feature("Ganja", "AZ", lat=40.7, article_title="One", outlet="Wire", url="https://a.example/1")
    single["properties"]["published"] = "2020-10-02"
    payload = build_payload(prepare([merged, single]))
    by_name = {p["name"]: unpack_claim(payload, p["claims"][0]) for p in payload["places"]}
    assert [s["outlet"] for s in by_name["Barda"]["src"]] == ["Wire", "Daily"]
    assert [s["url"] for s in by_name["Barda"]["src"]] == ["https://a.example/1", ""]
    assert by_name["Barda"]["nsrc"] == 3
    assert by_name["Ganja"]["src"] == [by_name["Barda"]["src"][0]] and by_name["Ganja"]["nsrc"] == 1
    assert len(payload["sources"]["title"]) == 2  # the shared source is stored once


def test_strings_are_stored_once():
    text = "رفع العلم في مركز مدينة زنغلان"
    feats = [feature("Zangilan", "AZ", text=text, claim_id="a#1"), feature("Ganja", "AZ", lat=40.7, text=text)]
    payload = build_payload(prepare(feats))
    assert payload["strings"].count(text) == 1 and payload["strings"][0] == ""
    rows = [p["claims"][0] for p in payload["places"]]
    assert payload["claims"]["text"][rows[0]] == payload["claims"]["text"][rows[1]]


def test_timeline_when_claims_span_several_days():
    one = [feature("A", "AZ", date="2020-10-01"), feature("B", "AZ", lat=41, published="2020-10-01")]
    assert build_payload(prepare(one))["timeline"] is None
    several = [*one, feature("C", "AM", lat=42, date="2020-10-09"), feature(None, "AM")]
    timeline = build_payload(prepare(several))["timeline"]
    assert timeline == {  # days since 1970-01-01
        "first": 18536,
        "last": 18544,
        "days": [18536, 18544],
        "from": 18536,
        "to": 18544,
        "undated": 1,
        "outside": 0,
    }
    payload = build_payload(prepare(several))
    assert unpack_claim(payload, payload["places"][1]["claims"][0])["day"] == "2020-10-01"  # from published


def test_a_seat_refers_to_its_claims_row():
    event = feature("Martuni", "AM", claim_id="a#1")
    seat = feature("Yerevan", "AM", lat=40.2, role="claimant_seat", claim_id="a#1")
    orphan = feature("Baku", "AZ", lat=40.4, role="claimant_seat", claim_id="b#9")  # its event merged away
    payload = build_payload(prepare([event, seat, orphan]))
    seats = {p["name"]: p["claims"] for p in payload["seats"]}
    assert seats["Yerevan"] == payload["places"][0]["claims"]  # the same row: filters act on both
    assert unpack_claim(payload, seats["Baku"][0])["id"] == "b#9"


def test_merged_articles_count_in_the_title():
    merged = feature("Barda", "AZ", article="a1", sources=[{"article": "a1"}, {"article": "a2"}, {"article": "a3"}])
    assert build_payload(prepare([merged]))["title"]["headline"] == "3 articles"


def test_runner_ups_are_listed_once_with_their_country():
    alternatives = [
        {"place_name": "Martuni", "geonameid": 1, "country_code": "AM"},
        {"place_name": "Martuni", "geonameid": 2, "country_code": "AM"},
        {"place_name": "Martuni", "geonameid": 3, "country_code": "AZ"},
        {"place_name": "Geneva", "geonameid": 4},
        {"place_name": "Geneva", "geonameid": 5},
        {"geonameid": 6},
    ]
    claim = feature("Khojavend", "AM", needs_review=True, alternatives=alternatives)
    payload = build_payload(prepare([claim]))
    alt = unpack_claim(payload, 0)["alt"]
    assert alt == ["Martuni (AM, 2 places)", "Martuni (AZ)", "Geneva (2 places)"]


def test_time_window_and_opening_view_leave_out_outliers():
    article = [feature(f"Front {i}", "AZ", lat=48 + i / 10, lon=37 + i / 10, date=f"2024-06-1{i}") for i in range(5)]
    background = feature("Front 0", "AM", lat=48, lon=37, date="2023-04-02")  # an old event recalled
    far = feature("Far", "AZ", lat=38.9, lon=-77.0, date="2024-06-12")  # talks abroad
    payload = build_payload(prepare([*article, background, far]))
    t = payload["timeline"]
    assert t["first"] == 19449 and t["last"] == 19888  # 2023-04-02 .. 2024-06-14: still reachable
    assert (t["from"], t["to"]) == (19884, 19888) and t["outside"] == 1 and len(t["days"]) == 6
    assert payload["view"]["bounds"] == [[48.0, 37.0], [48.4, 37.4]]
    assert [payload["places"][i]["name"] for i in payload["view"]["outside"]] == ["Far"]


def test_far_place_of_a_claim_outside_the_window_does_not_count():
    # A far place whose only claim is outside the default dates is not drawn at first: not "outside".
    claims = [feature(f"P{i}", "AZ", lat=40 + i / 10, date=f"2024-06-1{i}") for i in range(4)]
    claims.append(feature("Old", "AZ", lat=-30, lon=150, date="2021-01-01"))
    payload = build_payload(prepare(claims))
    assert payload["view"]["outside"] == [] and payload["view"]["bounds"] == [[40.0, 47.0], [40.3, 47.0]]
