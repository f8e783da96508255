"""A document's layers as rows (``geo.output.features``): one per claim x event place, one null-geometry
row for a claim without place, one per claimant seat and per other mention, with the schema's properties."""

from datetime import date

import pytest

from geo.output import features_of
from geo.output.features import claim_id, point
from geo.schema import CLAIM_PROPERTIES, PLACE_PROPERTIES, PROPERTIES

from ..stages import doc_until

PUBLISHED = date(2023, 5, 10)


def rows(gz, text, lang="en", **kw):
    kw.setdefault("published", PUBLISHED)
    kw.setdefault("outlet", "Steppe Daily")
    doc = doc_until("assign_roles", text, lang=lang, gazetteer=gz, **kw)
    return doc, features_of(doc)


def props(features, role=None):
    return [f["properties"] for f in features if role is None or f["properties"]["role"] == role]


def test_point_swaps_lat_lon_to_geojson_order():
    assert point(40.68, 46.36) == {"type": "Point", "coordinates": [46.36, 40.68]}
    assert point(-33.8688194, 151.2092949) == {"type": "Point", "coordinates": [151.209295, -33.868819]}


def test_one_row_per_claim_and_event_place(default_gazetteer):
    doc, features = rows(default_gazetteer, "Shells fell near Tartar and Barda, the Azerbaijani Defence Ministry said.")
    events = props(features, "event")
    assert [p["place_name"] for p in events] == ["Tartar", "Barda"]
    assert len({p["claim_id"] for p in events}) == 1
    assert {(p["claimant_en"], p["side"], p["precision"], p["precision_note"]) for p in events} == {
        ("Azerbaijan Ministry of Defence", "AZ", 2, "near")
    }
    for f in features:
        p = f["properties"]
        r = next(r for r in doc.places if r.mention.start == p["mention_start"])
        assert f["geometry"] == {"type": "Point", "coordinates": [round(r.place.lon, 6), round(r.place.lat, 6)]}
        assert p["mention"] == doc.text[p["mention_start"] : p["mention_end"]]
        assert p["text"] == doc.text[p["start"] : p["end"]]


def test_a_claim_without_place_is_one_null_geometry_row(default_gazetteer):
    _, features = rows(default_gazetteer, "The Armenian Defence Ministry said two soldiers were wounded.")
    (f,) = features
    p = f["properties"]
    assert f["geometry"] is None and p["role"] == "event"
    assert all(p[k] is None for k in PLACE_PROPERTIES)
    assert (p["claimant_en"], p["side"], p["side_type"], p["stance"]) == (
        "Armenia Ministry of Defence",
        "AM",
        "belligerent",
        "asserts",
    )
    assert (p["event_type"], p["sub_event_type"]) == ("Casualty report", "Injuries")
    assert p["quantities"] == [{"value": 2, "item": "soldier", "action": "wounded"}]
    assert p["date"] == "2023-05-10" and p["time_precision"] == 2


def test_a_seat_is_a_row_of_its_claim(default_gazetteer):
    _, features = rows(default_gazetteer, "Baku said its forces shelled positions near Fuzuli.")
    (event,) = props(features, "event")
    (seat,) = props(features, "claimant_seat")
    assert event["place_name"] == "Fuzuli" and seat["place_name"] == "Baku"
    assert seat["claim_id"] == event["claim_id"]
    assert seat["claimant_en"] == event["claimant_en"] == "Baku (government)"
    assert (seat["precision"], seat["precision_note"]) == (1, "at")
    assert seat["mention"] == "Baku"


def test_a_denial_without_its_own_place_has_the_seat_and_a_null_row(default_gazetteer):
    _, features = rows(default_gazetteer, "Yerevan denied the report.")
    assert [(p["role"], p["place_name"], p["stance"]) for p in props(features)] == [
        ("event", None, "denies"),
        ("claimant_seat", "Yerevan", "denies"),
    ]


def test_other_mentions_have_no_claim(default_gazetteer):
    text = "The governor of Kharkiv resigned.\nShelling hit Odesa on Monday."
    _, features = rows(default_gazetteer, text)
    (other,) = props(features, "other")
    assert other["place_name"] == "Kharkiv" and other["text"] == "The governor of Kharkiv resigned."
    assert all(other[k] is None for k in CLAIM_PROPERTIES if k != "text")
    assert (other["precision"], other["precision_note"]) == (1, "at")
    (event,) = props(features, "event")
    assert event["place_name"] == "Odesa" and event["date"] == "2023-05-08" and event["time_precision"] == 1
    assert event["side"] == "media" and event["side_type"] == "media" and event["claimant_en"] == "Steppe Daily"


def test_every_row_has_exactly_the_schema_properties(default_gazetteer):
    text = (
        "Baku said its forces shelled positions near Fuzuli, while Yerevan denied any shelling. "
        "The governor of Kharkiv resigned. The Armenian Defence Ministry said two soldiers were wounded."
    )
    _, features = rows(default_gazetteer, text)
    assert {p["role"] for p in props(features)} == {"event", "claimant_seat", "other"}
    assert any(f["geometry"] is None for f in features)
    for f in features:
        assert f["type"] == "Feature"
        assert sorted(f["properties"]) == sorted(PROPERTIES)


def test_article_properties(default_gazetteer):
    _, features = rows(default_gazetteer, "Shelling hit Odesa.", title="Morning bulletin")
    (p,) = props(features)
    assert (p["article"], p["article_title"], p["outlet"], p["url"], p["published"]) == (
        "t",
        "Morning bulletin",
        "Steppe Daily",
        None,
        "2023-05-10",
    )


def test_offsets_count_from_the_title(default_gazetteer):
    doc, features = rows(default_gazetteer, "Shelling hit Odesa.", title="Morning bulletin")
    (p,) = props(features)
    assert doc.text == "Morning bulletin\nShelling hit Odesa."
    assert doc.text[p["mention_start"] : p["mention_end"]] == "Odesa"


@pytest.mark.parametrize(
    ("text", "side_type"),
    [
        ("Baku said its forces shelled positions near Fuzuli.", "belligerent"),
        ("The US State Department said talks were held in Abu Dhabi.", "third_party"),  # no conflict claim
    ],
)
def test_side_type_follows_what_the_side_claims(default_gazetteer, text, side_type):
    _, features = rows(default_gazetteer, text)
    assert {p["side_type"] for p in props(features, "event")} == {side_type}


def test_claim_ids_are_stable_and_per_clause(default_gazetteer):
    text = "Baku said its forces shelled positions near Fuzuli, while Yerevan denied any shelling."
    doc, features = rows(default_gazetteer, text)
    again = rows(default_gazetteer, text)[1]
    assert [p["claim_id"] for p in props(features)] == [p["claim_id"] for p in props(again)]
    ids = {p["claimant_en"]: p["claim_id"] for p in props(features, "event")}
    assert ids == {c.claimant.canonical: claim_id("t", c) for c in doc.clauses}
    assert len(set(ids.values())) == 2 and all(i.startswith("t#") for i in ids.values())


def test_alternatives_and_review_are_carried(default_gazetteer):
    _, features = rows(default_gazetteer, "Fighting went on near Martuni.")
    (p,) = props(features, "event")
    assert p["needs_review"] is True
    assert {a["country_code"] for a in p["alternatives"]} | {p["country_code"]} == {"AM", "AZ"}
    assert all(set(a) == {"place_name", "geonameid", "lat", "lon", "country_code"} for a in p["alternatives"])
