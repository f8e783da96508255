"""Repeated reports of one claim merge across articles, never within one, with count ranges."""

from __future__ import annotations

from geo.dedup import claim_key, deduplicate


def row(article, claim, *, place=("Ganja", 586523), fatalities=None, quantities=(), role="event", date="2020-10-20"):
    name, gid = place if place else (None, None)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [46.36, 40.68]} if place else None,
        "properties": {
            "claim_id": f"{article}#{claim}",
            "role": role,
            "claimant_en": "Armenia Ministry of Defence",
            "side": "AM",
            "stance": "asserts",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
            "place_name": name,
            "geonameid": gid,
            "place_source": "cities500" if gid else "supplement",
            "date": date,
            "fatalities": fatalities,
            "quantities": [dict(q) for q in quantities],
            "article": article,
            "outlet": article.upper(),
            "published": "2020-10-20",
            "start": 0,
        },
    }


def events(rows):
    return [r["properties"] for r in rows if r["properties"]["role"] == "event"]


def test_two_outlets_merge_with_ranges_and_sources():
    tanks = {"item": "tank", "action": "destroyed"}
    out = deduplicate(
        [
            row("a", 1, fatalities=10, quantities=[tanks | {"value": 5}]),
            row("b", 1, fatalities=12, quantities=[tanks | {"value": 7}]),
        ]
    )
    (merged,) = events(out)
    assert merged["source_count"] == 2 and [s["outlet"] for s in merged["sources"]] == ["A", "B"]
    assert (merged["fatalities"], merged["fatalities_max"]) == (10, 12)
    assert merged["quantities"] == [{"item": "tank", "action": "destroyed", "value": 5, "value_max": 7}]


def test_reports_within_one_article_are_not_merged():
    out = deduplicate([row("a", 1, fatalities=10), row("a", 2, fatalities=3), row("b", 1, fatalities=12)])
    kept = events(out)
    assert len(kept) == 2
    merged = next(p for p in kept if p.get("source_count"))
    assert merged["source_count"] == 2 and (merged["fatalities"], merged["fatalities_max"]) == (10, 12)
    assert any(p["claim_id"] == "a#2" and p["fatalities"] == 3 for p in kept)


def test_places_without_a_geonames_id_merge_by_their_point_not_with_other_places():
    karabakh = ("Karabakh", None)
    a, b = row("a", 1, place=karabakh), row("b", 1, place=karabakh)
    elsewhere = row("c", 1, place=("Village X", None))
    elsewhere["geometry"]["coordinates"] = [45.0, 39.0]
    out = events(deduplicate([a, b, elsewhere]))
    assert sorted((p["place_name"], p.get("source_count")) for p in out) == [("Karabakh", 2), ("Village X", None)]
    assert claim_key(a) != claim_key(elsewhere)


def test_a_count_twice_in_one_report_stays_twice_and_qualifiers_follow_the_lowest():
    killed = {"item": "soldier", "action": "killed"}
    a = row("a", 1, quantities=[killed | {"value": 5}, killed | {"value": 3}])
    b = row("b", 1, quantities=[killed | {"value": 4, "qualifier": "min"}])
    (merged,) = events(deduplicate([a, b]))
    assert merged["quantities"] == [killed | {"value": 4, "value_max": 5, "qualifier": "min"}, killed | {"value": 3}]


def test_seat_rows_of_a_claim_merged_away_go_and_undated_rows_never_merge():
    seat_a, seat_b = row("a", 1, role="claimant_seat"), row("b", 1, role="claimant_seat")
    out = deduplicate([row("a", 1), seat_a, row("b", 1), seat_b])
    assert [(r["properties"]["role"], r["properties"]["article"]) for r in out] == [
        ("event", "a"),
        ("claimant_seat", "a"),
    ]
    undated = [row("a", 1, date=None), row("b", 1, date=None)]
    assert len(deduplicate(undated)) == 2
