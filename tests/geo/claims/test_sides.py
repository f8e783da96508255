"""The claimant's side (``geo.claims.sides``): every international body, monitor, NGO, agency and outlet
of the actor lexicon has a side type that is never belligerent; conventions of side codes; side
types per article; contested places."""

from __future__ import annotations

from dataclasses import replace

import pytest

from geo.claims.sides import (
    ACTOR_KINDS,
    MEDIA_KINDS,
    THIRD_PARTY_KINDS,
    contested_places,
    conventions,
    government_side,
    home_side,
    settle_claimant,
    settle_side_types,
    territory_side,
)
from geo.lang import get_language, languages
from geo.model import Claimant, Clause, EventFacts
from geo.nlp.lexicon import lexicon_of
from geo.nlp.tokens import tokenize
from geo.nlp.words import Words

from ..stages import match, mention, place, resolved

NEVER_BELLIGERENT = THIRD_PARTY_KINDS | MEDIA_KINDS


def actor_rows(code):
    return [r for r in get_language(code).table("actors") if len(r) >= 5]


@pytest.mark.parametrize("code", languages())
def test_every_actor_row_has_a_known_kind_and_side_type(code):
    for pattern, _canonical, _side, side_type, kind, *_ in actor_rows(code):
        assert kind in ACTOR_KINDS, (code, pattern, kind)
        assert side_type in ("", "belligerent", "third_party", "media"), (code, pattern)


@pytest.mark.parametrize("code", languages())
def test_no_international_body_monitor_or_outlet_row_is_a_belligerent(code):
    rows = [r for r in actor_rows(code) if r[4] in NEVER_BELLIGERENT]
    assert len(rows) > 60  # the UN system, regional bodies, NGOs, monitors, agencies and outlets
    bad = [r[0] for r in rows if r[3] == "belligerent"]
    assert bad == []
    assert all(r[2] == "media" for r in rows if r[4] in ("agency", "outlet") and r[2])


# Names written from general knowledge of the UN system, monitors and the press, in both languages.
BODIES = [
    ("en", "UNICEF said", "international", "UN"),
    ("en", "the World Food Programme said", "international", "UN"),
    ("en", "the UN refugee agency said", "international", "UN"),
    ("en", "OCHA said", "international", "UN"),
    ("en", "the UN Support Mission in Libya said", "international", "UN"),
    ("en", "the UN special envoy said", "international", "UN"),
    ("en", "the International Organization for Migration said", "international", "UN"),
    ("en", "the African Union said", "international", "AU"),
    ("en", "the International Committee of the Red Cross said", "international", "ICRC"),
    ("en", "Human Rights Watch said", "ngo", "HRW"),
    ("en", "Doctors Without Borders said", "ngo", "MSF"),
    ("en", "ACLED said", "monitor", "ACLED"),
    ("en", "the Syrian Observatory for Human Rights said", "monitor", "SOHR"),
    ("en", "Reuters said", "agency", "media"),
    ("en", "the Associated Press said", "agency", "media"),
    ("en", "Anadolu Agency said", "agency", "media"),
    ("ar", "قالت منظمة الصحة العالمية", "international", "UN"),
    ("ar", "قالت اليونيسف", "international", "UN"),
    ("ar", "قالت بعثة الأمم المتحدة للدعم في ليبيا", "international", "UN"),
    ("ar", "قال المنسق الأممي المقيم", "international", "UN"),
    ("ar", "قالت المنظمة الدولية للهجرة", "international", "UN"),
    ("ar", "قال الاتحاد الأفريقي", "international", "AU"),
    ("ar", "قالت منظمة العفو الدولية", "ngo", "Amnesty"),
    ("ar", "قالت الشبكة السورية لحقوق الإنسان", "monitor", "SNHR"),
    ("ar", "قال المرصد السوري لحقوق الإنسان", "monitor", "SOHR"),
    ("ar", "قالت وكالة رويترز", "agency", "media"),
    ("ar", "قالت وكالة الأناضول", "agency", "media"),
    ("ar", "ذكرت وكالة فرانس برس", "agency", "media"),
]


@pytest.mark.parametrize(("lang", "text", "kind", "side"), BODIES)
def test_international_bodies_monitors_and_agencies_are_known(lang, text, kind, side):
    language = get_language(lang)
    found = lexicon_of(language).actors_in(Words(tokenize(text, language=language)))
    assert found, text
    a = max(found, key=lambda m: m.end - m.start)
    assert (a.actor.kind, a.side) == (kind, side)
    assert a.actor.side_type != "belligerent"


def claimant(side, kind, side_type="belligerent", text="x"):
    return Claimant(text, text, side, side_type, kind)


@pytest.mark.parametrize("kind", sorted(NEVER_BELLIGERENT))
def test_a_third_party_stays_one_whatever_the_lexicon_row_says(kind):
    c = settle_claimant(claimant("UN" if kind not in MEDIA_KINDS else "media", kind), home="SD")
    assert c.side_type in ("third_party", "media")


def facts(conflict=True):
    return EventFacts("Battles", "Armed clash", (), None, None, None, True, conflict)


def clause(c, explicit=True):
    return Clause(0, 0, 0, 1, (), c, "say", "asserts", explicit)


def test_side_types_a_party_claiming_violence_is_a_belligerent_a_body_never():
    army = claimant("SD", "military")
    un = claimant("UN", "international", "third_party")
    outlet = claimant("media", "outlet", "media")
    envoy = claimant("US", "official")  # a state that claims no violence in the article
    clauses = [clause(army), clause(un), clause(outlet, explicit=False), clause(envoy)]
    types = settle_side_types(clauses, [facts(), facts(), facts(), facts(conflict=False)])
    assert types == ("belligerent", "third_party", "media", "third_party")


def test_government_codes_follow_the_convention_table():
    table = conventions()["government"]
    assert table  # states whose government is one party among several of its own country
    code, written = next(iter(table.items()))
    assert government_side(code) == written
    assert government_side("AZ") == "AZ" and government_side(None) is None


def test_a_governed_territory_stands_for_its_party():
    gaza_city = replace(place(1, "Gaza", 31.5, 34.47, "PS"), admin1="GZ")
    assert territory_side(gaza_city) == conventions()["territory"]["PS.GZ"]
    karabakh = place(2, "Karabakh", 39.8, 46.75, "AZ", "RGN")
    assert territory_side(karabakh) == "AM"
    assert territory_side(place(3, "Ganja", 40.68, 46.36, "AZ")) is None


def test_home_side_needs_two_places_and_twice_the_runner_up():
    def r(cc):
        return resolved(mention("X", [match(place(1, "X", 0, 0, cc))]))

    assert home_side([r("IQ"), r("IQ"), r("SY")]) == government_side("IQ")
    assert home_side([r("IQ"), r("SY")]) is None
    assert home_side([r("UA")]) is None


@pytest.mark.parametrize("kind", ["residents", "witnesses", "local_sources", "medics"])
def test_people_on_the_ground_share_one_code(kind):
    c = settle_claimant(claimant(None, kind, "third_party"), home="SD")
    assert (c.side, c.side_type) == (conventions()["local"][kind], "third_party")


def test_activists_take_the_side_the_table_gives_their_country():
    syrian = settle_claimant(claimant(None, "activists", "third_party"), home="SY", home_country="SY")
    assert syrian.side == conventions()["activists"]["SY"] and syrian.side_type == "third_party"
    elsewhere = settle_claimant(claimant(None, "activists", "third_party"), home="UA", home_country="UA")
    assert elsewhere.side == conventions()["local"]["activists"]


def test_an_unnamed_government_voice_speaks_for_the_home_side():
    assert settle_claimant(claimant(None, "sources"), home="IQ-gov").side == "IQ-gov"
    assert settle_claimant(claimant("YE", "military"), home=None).side == government_side("YE")


def test_contested_places_need_two_belligerent_sides():
    assert contested_places([("X", "AZ", "belligerent"), ("X", "AM", "belligerent")]) == {"X"}
    assert contested_places([("X", "AZ", "belligerent"), ("X", "UN", "third_party"), ("X", "media", "media")]) == set()
    assert contested_places([("X", "AZ", "belligerent"), ("X", "AZ", "belligerent")]) == set()
