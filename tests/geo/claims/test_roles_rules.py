"""The place rules of ``geo.claims.places`` and the inheritance rules of ``geo.claims.roles``, each on
texts written for the test: datelines, reference points, venues, asides, weapons named like places,
containing units, countries without an event, denials of allegations, references back to an event."""

from __future__ import annotations

import pytest

from geo.claims.places import is_dateline

from ..stages import doc_until, match, mention, place, resolved


def roles(gz, text, lang="en"):
    return doc_until("assign_roles", text, lang=lang, gazetteer=gz)


def events(doc, k=None):
    chosen = doc.roles if k is None else [doc.roles[k]]
    return [(e.place.mention.text, e.note) for r in chosen for e in r.events]


def others(doc):
    return [e.place.mention.text for e in doc.others]


# -- datelines ------------------------------------------------------------------------------------------

TOWN = place(1, "Town", 15.0, 32.0, "SD")


def at(text, name):
    start = text.index(name)
    return resolved(mention(name, [match(TOWN)], start=start))


@pytest.mark.parametrize(
    ("text", "name", "dateline"),
    [
        ("KASSALA, March 3 (Reuters) - Drones hit a depot.", "KASSALA", True),
        ("Headline\nKASSALA (AFP) - Drones hit a depot.", "KASSALA", True),
        ("سرت – قصفت قوات مجهولة المطار.", "سرت", True),
        ("بنغازي: اشتباكات في المدينة", "بنغازي", True),
        ("وكالة الأنباء - سرت", "سرت", True),  # a short line: the outlet, then the place it files from
        ("Drones hit Kassala - the army said.", "Kassala", False),  # inside the sentence
        ("Kassala was shelled on Monday.", "Kassala", False),
    ],
)
def test_a_dateline_opens_its_line_and_ends_with_a_dash_or_colon(text, name, dateline):
    assert is_dateline(at(text, name), text) is dateline


# -- reference points, locating clauses, venues, asides -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "event", "reference"),
    [
        ("Troops shelled Nyala, southwest of El Fasher, on Friday.", "en", ("Nyala", "at"), "El Fasher"),
        (
            "قالت القوات الأوكرانية إنها تتقدم قرب مدينة باخموت التي تقع في شمال دونيتسك.",
            "ar",
            ("باخموت", "near"),
            "دونيتسك",
        ),
        ("قصفت المدفعية مدينة كسلا الواقعة قرب الحدود مع إريتريا.", "ar", ("كسلا", "at"), "إريتريا"),
        ("Drone strikes hit Kassala, located near the border with Eritrea.", "en", ("Kassala", "at"), "Eritrea"),
    ],
)
def test_a_place_that_only_locates_the_event_place_is_background(default_gazetteer, text, lang, event, reference):
    doc = roles(default_gazetteer, text, lang)
    assert events(doc) == [event] and others(doc) == [reference]


def test_a_direction_without_a_distance_is_where_it_happened(default_gazetteer):
    assert events(roles(default_gazetteer, "دارت اشتباكات جنوب مدينة سرت.", "ar")) == [("سرت", "direction")]


def test_the_place_measured_from_is_the_reference_not_the_place_measured(default_gazetteer):
    doc = roles(default_gazetteer, "Artillery hit Nyala, about 40 km from the border, the army said.")
    assert events(doc) == [("Nyala", "at")]


def test_talks_are_the_event_when_the_clause_is_about_them(default_gazetteer):
    assert events(roles(default_gazetteer, "The two delegations held talks in Jeddah on Saturday.")) == [
        ("Jeddah", "at")
    ]
    doc = roles(default_gazetteer, "The army said at talks in Jeddah that its troops had retaken Omdurman.")
    assert events(doc) == [("Omdurman", "at")] and others(doc) == ["Jeddah"]


def test_a_place_in_an_aside_about_the_speaker_is_background(default_gazetteer):
    doc = roles(default_gazetteer, "The army spokesman, speaking in Cairo, said troops had retaken Omdurman.")
    assert events(doc) == [("Omdurman", "at")] and others(doc) == ["Cairo"]
    text = "قال المتحدث باسم الجيش السوداني، وهو يقيم في القاهرة منذ سنوات، إن قواته سيطرت على مدينة كسلا."
    doc = roles(default_gazetteer, text, "ar")
    assert events(doc) == [("كسلا", "at")] and others(doc) == ["القاهرة"]


def test_a_weapon_named_like_a_place_is_no_place_of_the_event(default_gazetteer):
    doc = roles(default_gazetteer, "Russian forces fired Grad rockets at Kharkiv.")
    assert events(doc) == [("Kharkiv", "at")]


# -- containing units and countries -------------------------------------------------------------------------


def test_a_region_named_after_an_event_place_of_its_own_only_locates_it(default_gazetteer):
    doc = roles(default_gazetteer, "Shelling hit Kramatorsk, in the Donetsk region, on Monday.")
    assert events(doc) == [("Kramatorsk", "at")] and others(doc) == ["Donetsk"]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("قال الجيش الأوكراني إن مسيرات روسية استهدفت أوكرانيا.", None),  # a country without "in"
        ("قال الجيش الأوكراني إن الوحدات الروسية في أوكرانيا أهداف مشروعة.", None),  # "in", but no event
        ("اندلعت اشتباكات في أوكرانيا.", ("أوكرانيا", "country")),  # "in" and an event
    ],
)
def test_a_country_is_an_event_place_only_with_in_and_an_event(default_gazetteer, text, event):
    assert events(roles(default_gazetteer, text, "ar")) == ([event] if event else [])


# -- what a clause inherits -------------------------------------------------------------------------------


def test_a_denial_takes_the_places_of_the_allegation_it_denies(default_gazetteer):
    doc = roles(default_gazetteer, "Moscow denied allegations by Kyiv that its forces had shelled Kharkiv.")
    denial, allegation = doc.clauses
    assert (denial.stance, denial.claimant.side) == ("denies", "RU")
    assert (allegation.stance, allegation.claimant.side) == ("asserts", "UA")
    assert events(doc, 0) == events(doc, 1) == [("Kharkiv", "at")]
    assert doc.roles[0].side_type == doc.roles[1].side_type == "belligerent"  # a contested place


def test_a_nationality_owns_an_allegation(default_gazetteer):
    doc = roles(
        default_gazetteer, "The Ukrainian army denied Russian allegations that its forces had shelled Belgorod."
    )
    assert [c.claimant.side for c in doc.clauses] == ["UA", "RU"]
    assert [c.stance for c in doc.clauses] == ["denies", "asserts"]


@pytest.mark.parametrize(
    ("second", "inherits"),
    [
        ("The army said the strike also damaged a school.", True),  # the same violence, named back
        ("The strike also damaged a school, the army said.", True),  # what the army says, before it
        ("The army said the ceasefire talks would resume.", False),  # no violence referred back to
    ],
)
def test_a_clause_about_the_same_violence_takes_its_place(default_gazetteer, second, inherits):
    doc = roles(default_gazetteer, "The Ukrainian army said shelling in Kramatorsk killed two people. " + second)
    assert events(doc, 0) == [("Kramatorsk", "at")]
    assert events(doc, 1) == ([("Kramatorsk", "at")] if inherits else [])


def test_an_event_named_in_the_outlets_framing_is_not_the_speakers(default_gazetteer):
    text = (
        "قالت روسيا إن قواتها صدت هجوما في منطقة دونيتسك. "
        "ولا يزال من غير الواضح هل الهجوم هو بداية لهجوم مضاد تتعهد كييف بشنه."
    )
    doc = roles(default_gazetteer, text, "ar")
    assert [name for name, _ in events(doc, 0)] == ["دونيتسك"]
    assert [c.claimant.side for c in doc.clauses][-1] == "UA" and events(doc, len(doc.clauses) - 1) == []
