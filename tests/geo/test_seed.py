"""The seed article must come out right: who claims what where (the extraction issue's list)."""

import pytest

from geo.pipeline import Extractor
from geo.readers import read_articles

from ..texts import SEED_DIR


@pytest.fixture(scope="module")
def seed(default_gazetteer):
    article = read_articles(SEED_DIR / "karabakh-2020-10-20.ar.txt").articles[0]
    return [f["properties"] | {"geometry": f["geometry"]} for f in Extractor(default_gazetteer).features(article)]


def events(features, **where):
    return [f for f in features if f["role"] == "event" and all(f.get(k) == v for k, v in where.items())]


def one(features, place, side):
    found = [f for f in events(features, side=side) if f["place_name"] == place]
    assert found, f"no event at {place} claimed by {side}"
    return found[0]


def test_azerbaijani_ministry_claims(seed):
    tap = one(seed, "Tap Qaraqoyunlu", "AZ")
    ganja = one(seed, "Ganja", "AZ")
    assert tap["precision"] == ganja["precision"] == 2
    assert {"value": 2, "item": "drone", "action": "downed"} in tap["quantities"]
    assert tap["date"] == "2020-10-20" and tap["time_precision"] == 1
    assert "Defence" in tap["claimant_en"] or "Defense" in tap["claimant_en"]
    qubadli = one(seed, "Qubadlı", "AZ")
    assert qubadli["precision"] == 2 and qubadli["precision_note"] == "direction"
    zangilan = one(seed, "Zangilan", "AZ")
    assert zangilan["precision"] == 1
    assert zangilan["date"] == "2020-10-20" and zangilan["time_precision"] == 1
    assert zangilan["sub_event_type"] == "Territory taken"
    assert zangilan["geonameid"] == 146901


def test_aliyev_equipment_claims_have_no_place(seed):
    unplaced = [f for f in events(seed, side="AZ") if f["geometry"] is None]
    counts = [q for f in unplaced for q in f["quantities"]]
    assert {"value": 50, "item": "armoured_vehicle", "action": "destroyed"} in counts
    assert {"value": 241, "item": "tank", "action": "destroyed"} in counts
    assert {"value": 39, "item": "tank", "action": "captured"} in counts
    assert any("علييف" in (f["claimant"] or "") for f in unplaced)


def test_anadolu_casualty_report(seed):
    anadolu = [f for f in events(seed, side="media") if "الأناضول" in (f["claimant"] or "")]
    assert anadolu and anadolu[0]["fatalities"] == 60
    assert anadolu[0]["side_type"] == "media"


def test_armenian_ministry_claims(seed):
    ishkhanadzor = one(seed, "Ishkhanadzor", "AM")
    assert ishkhanadzor["precision"] == 2
    assert ishkhanadzor["event_type"] == "Battles"
    martuni = one(seed, "Khojavend", "AM")  # Martuni in Karabakh, not the town in Armenia
    assert martuni["precision"] == 1 and martuni["mention"] == "مارتوني"
    assert martuni["event_type"] == "Violence against civilians"
    tolls = [f for f in events(seed, side="AM") if f["fatalities"] == 150]
    assert tolls and {"value": 12, "item": "armoured_vehicle", "action": "destroyed"} in tolls[0]["quantities"]
    assert all(f["side_type"] == "belligerent" for f in events(seed, side="AM"))


def test_karabakh_spokesman_speaks_for_the_armenian_side(seed):
    spokesman = [f for f in events(seed) if "المتحدث باسم رئيس إقليم قره باغ" in (f["claimant"] or "")]
    assert spokesman and spokesman[0]["side"] == "AM"


def test_capitals_are_claimants_not_event_places(seed):
    seats = {f["place_name"]: f for f in seed if f["role"] == "claimant_seat"}
    assert {"Yerevan", "Baku"} <= set(seats)
    assert not [f for f in events(seed) if f["place_name"] in ("Yerevan", "Baku")]
    yerevan = [f for f in events(seed, side="AM") if f["claim_id"] == seats["Yerevan"]["claim_id"]][0]
    assert yerevan["fatalities"] == 746 and yerevan["geometry"] is None
    baku = [f for f in events(seed, side="AZ") if f["claim_id"] == seats["Baku"]["claim_id"]][0]
    assert baku["fatalities"] == 60


def test_washington_is_where_the_meeting_is(seed):
    washington = [f for f in events(seed) if f["place_name"] == "Washington"]
    assert washington and washington[0]["sub_event_type"] == "Diplomacy"
    assert washington[0]["geonameid"] == 4140963


def test_third_parties(seed):
    sides = {(f["side"], f["side_type"]) for f in events(seed)}
    assert ("RU", "third_party") in sides  # Putin
    assert ("UN", "third_party") in sides  # Security Council members, a UN diplomat


def test_republishing_site_is_not_a_claimant(seed):
    first_body_claim = [f for f in seed if f["text"] and f["text"].startswith("أعلنت وزارة الدفاع")]
    assert first_body_claim and first_body_claim[0]["side"] == "AZ"
    # its name, glued to the first word, is not part of any claimant's name
    assert not [f for f in seed if (f["claimant"] or "").startswith("رابطة") and f["side"] != "media"]


def test_every_feature_has_the_contract_properties(seed):
    from geo.schema import PROPERTIES

    for f in seed:
        assert set(PROPERTIES) <= set(f)
        assert f["role"] in ("event", "claimant_seat", "other")
        assert f["article"] == "karabakh-2020-10-20.ar" and f["published"] == "2020-10-20"
