"""The fresh-article cases of the attribution issue, each on a text written for this test: sides,
carry-over, which places are events, stance and fragments, claimants that were missing.

Every text here was written for the test (the places are real, the people and quotations are not).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from geo.claims import contested_places
from geo.output import features_of

from ..stages import doc_until


@dataclass
class Said:
    text: str
    claimant: str
    canonical: str
    side: str | None
    side_type: str
    kind: str
    stance: str
    how: str
    events: list[str]
    seats: list[str]


def said(gz, text: str, lang: str, **kw) -> list[Said]:
    """Every clause of ``text`` with who says it, its side, stance and places (after the roles stage)."""
    doc = doc_until("assign_roles", text, lang=lang, gazetteer=gz, outlet="Desert Wire", **kw)
    out = []
    for c, r in zip(doc.clauses, doc.roles, strict=True):
        who = r.claimant or c.claimant
        out.append(
            Said(
                doc.text[c.start : c.end],
                who.text,
                who.canonical,
                who.side,
                r.side_type or who.side_type,
                who.kind,
                c.stance,
                c.how,
                [e.place.mention.text for e in r.events],
                [e.place.mention.text for e in r.seats],
            )
        )
    return out


def others(gz, text: str, lang: str) -> list[str]:
    doc = doc_until("assign_roles", text, lang=lang, gazetteer=gz, outlet="Desert Wire")
    return [e.place.mention.text for e in doc.others]


# -- sides -------------------------------------------------------------------------------------------------


def test_a_un_mission_and_un_estimates_are_a_third_party(default_gazetteer):
    text = (
        "The Government of National Accord said shelling hit Misrata on Monday. "
        "The UN Support Mission in Libya said it was alarmed by the shelling of Misrata. "
        "More than 200 people have been killed in Misrata since April, according to UN estimates."
    )
    gna, mission, estimates = said(default_gazetteer, text, "en")
    assert (gna.side, gna.side_type) == ("GNA", "belligerent")
    assert (mission.side, mission.side_type, mission.kind) == ("UN", "third_party", "international")
    assert mission.seats == []  # the mission is in Libya; it does not speak for Libya
    assert (estimates.side, estimates.side_type, estimates.how) == ("UN", "third_party", "according_to")
    assert gna.events == mission.events == estimates.events == ["Misrata"]


def test_a_place_claimed_by_a_party_and_the_un_is_not_contested(default_gazetteer):
    text = (
        "قالت حكومة الوفاق إن قصفا عنيفا طال مدينة مصراتة. "
        "وقالت بعثة الأمم المتحدة للدعم في ليبيا إنها تشعر بقلق بالغ إزاء القصف على مصراتة."
    )
    doc = doc_until("assign_roles", text, lang="ar", gazetteer=default_gazetteer)
    rows = [f["properties"] for f in features_of(doc) if f["properties"]["role"] == "event"]
    assert {(p["side"], p["side_type"]) for p in rows} == {("GNA", "belligerent"), ("UN", "third_party")}
    assert contested_places((p["place_name"], p["side"], p["side_type"]) for p in rows) == set()


def test_two_belligerents_make_a_place_contested_and_a_monitor_does_not():
    claims = [
        ("Bakhmut", "UA", "belligerent"),
        ("Bakhmut", "RU", "belligerent"),
        ("Avdiivka", "RU", "belligerent"),
        ("Avdiivka", "UN", "third_party"),
        ("Avdiivka", "media", "media"),
    ]
    assert contested_places(claims) == {"Bakhmut"}


def test_syrian_activists_speak_for_the_opposition_and_a_monitor_for_itself(default_gazetteer):
    text = (
        "Air strikes hit Idlib and Maarat al-Numan on Sunday, activists said. "
        "The Syrian Observatory for Human Rights said six civilians were killed in Idlib."
    )
    activists, monitor = said(default_gazetteer, text, "en")
    assert (activists.side, activists.side_type, activists.kind) == ("SY-opposition", "third_party", "activists")
    assert (monitor.side, monitor.side_type, monitor.kind) == ("SOHR", "third_party", "monitor")
    (arabic,) = said(default_gazetteer, "قال ناشطون إن غارات جوية استهدفت مدينة إدلب وبلدة معرة النعمان.", "ar")
    assert arabic.side == "SY-opposition" and arabic.events == ["إدلب", "معرة النعمان"]


def test_residents_in_the_capital_are_residents_not_the_capital(default_gazetteer):
    text = "Residents in the capital Khartoum reported heavy artillery fire in Omdurman on Tuesday."
    (c,) = said(default_gazetteer, text, "en")
    assert (c.side, c.side_type, c.kind) == ("local-sources", "third_party", "residents")
    assert c.claimant == "Residents in the capital Khartoum" and c.seats == []
    assert c.events == ["Omdurman"] and others(default_gazetteer, text, "en") == ["Khartoum"]


# -- carry-over ----------------------------------------------------------------------------------------------


def test_a_subjectless_arabic_verb_goes_on_with_the_named_spokesman(default_gazetteer):
    text = (
        "قال المتحدث باسم الجيش الوطني الليبي العميد منصور الهادي إن قواته تقدمت نحو مدينة سرت. "
        "وأكد أن قواته أسقطت طائرة مسيرة قرب مصراتة."
    )
    first, second = said(default_gazetteer, text, "ar")
    assert first.side == second.side == "LNA"
    assert second.how == "pro_drop" and second.events == ["مصراتة"]


def test_the_mission_is_the_un_mission_named_before(default_gazetteer):
    text = (
        "أعربت بعثة الأمم المتحدة للدعم في ليبيا عن قلقها من تصاعد القتال. "
        "وقالت البعثة إن القصف طال أحياء سكنية في مصراتة. ودعت البعثة إلى وقف القتال حول سرت."
    )
    *_, said_, called = said(default_gazetteer, text, "ar")
    assert said_.side == called.side == "UN" and said_.side_type == called.side_type == "third_party"
    assert said_.events == ["مصراتة"] and called.events == ["سرت"]


def test_the_paramilitary_group_is_the_armed_group_named_before(default_gazetteer):
    text = (
        "The Rapid Support Forces said they had taken control of a base near Mellit. "
        "The paramilitary group also accused the army of shelling Omdurman."
    )
    first, second = said(default_gazetteer, text, "en")
    assert first.side == second.side == "RSF" and second.events == ["Omdurman"]


def test_according_to_un_estimates_is_the_un(default_gazetteer):
    (c,) = said(
        default_gazetteer, "More than 150 civilians were killed in Nyala last month, according to UN estimates.", "en"
    )
    assert (c.side, c.how, c.events) == ("UN", "according_to", ["Nyala"])


def test_a_statement_quoted_over_two_paragraphs_keeps_its_speaker(default_gazetteer):
    text = (
        'The army said in a statement on Sunday: "Our forces repelled an attack on El Obeid at dawn.\n\n'
        '"The militia also shelled residential areas of Kadugli, killing four civilians."'
    )
    first, second = said(default_gazetteer, text, "en")
    assert second.how == "quote" and second.canonical == first.canonical and second.kind == "military"
    assert second.events == ["Kadugli"]


# -- which places are events ------------------------------------------------------------------------------


def test_a_dateline_is_where_the_story_was_filed(default_gazetteer):
    text = "KASSALA, March 3 (Reuters) - Drone strikes hit a fuel depot in Omdurman, the army said."
    (c,) = said(default_gazetteer, text, "en")
    assert c.events == ["Omdurman"] and others(default_gazetteer, text, "en") == ["KASSALA"]
    text = "سرت – قصفت قوات مجهولة مطار مصراتة فجر اليوم، بحسب مصادر محلية."
    (c,) = said(default_gazetteer, text, "ar")
    assert c.events == ["مصراتة"] and c.side == "local-sources" and others(default_gazetteer, text, "ar") == ["سرت"]


@pytest.mark.parametrize(
    ("text", "lang", "reference"),
    [
        ("Fighters attacked a village about 60 km south of Nyala, residents said.", "en", "Nyala"),
        ("قال سكان إن مسلحين هاجموا قرية تقع على بعد 30 كيلومترا غرب سرت.", "ar", "سرت"),
    ],
)
def test_a_reference_point_of_a_distance_is_no_event_place(default_gazetteer, text, lang, reference):
    (c,) = said(default_gazetteer, text, lang)
    assert c.events == [] and others(default_gazetteer, text, lang) == [reference]


@pytest.mark.parametrize(
    ("text", "lang", "venue", "event"),
    [
        (
            "Speaking at a press conference in Cairo, the army spokesman said troops had retaken Omdurman.",
            "en",
            "Cairo",
            "Omdurman",
        ),
        (
            "وقال المتحدث باسم الجيش السوداني في مؤتمر صحفي في القاهرة إن القوات استعادت السيطرة على أم درمان.",
            "ar",
            "القاهرة",
            "أم درمان",
        ),
    ],
)
def test_the_venue_of_a_press_conference_is_no_event_place(default_gazetteer, text, lang, venue, event):
    (c,) = said(default_gazetteer, text, lang)
    assert c.events == [event] and others(default_gazetteer, text, lang) == [venue]


def test_a_sentence_is_not_shown_under_a_place_it_does_not_name(default_gazetteer):
    text = "Diplomats met in Geneva on Monday to discuss a truce. The envoy expressed hope that the talks would end the war."
    first, second = said(default_gazetteer, text, "en")
    assert first.events == ["Geneva"] and second.events == []


# -- stance and fragments ----------------------------------------------------------------------------------


def test_a_denial_governs_what_it_denies_not_the_assertion_after_it(default_gazetteer):
    text = (
        "The Rapid Support Forces denied retreating from Nyala and said its fighters had captured "
        "an army garrison near Zalingei."
    )
    denial, seizure = said(default_gazetteer, text, "en")
    assert (denial.stance, denial.events) == ("denies", ["Nyala"])
    assert (seizure.stance, seizure.events, seizure.side) == ("asserts", ["Zalingei"], "RSF")


def test_an_arabic_participle_of_denial_is_a_denial(default_gazetteer):
    text = "قال الجيش إن طائرة مسيرة سقطت قرب مدينة الأبيض، نافيا سقوط أي قتلى."
    claim, denial = said(default_gazetteer, text, "ar")
    assert claim.stance == "asserts" and claim.events == ["الأبيض"]
    assert (denial.stance, denial.how, denial.kind) == ("denies", "participle", "military")
    assert denial.text.startswith("نافيا")


def test_a_verbless_fragment_after_but_is_no_claim_of_its_own(default_gazetteer):
    (c,) = said(default_gazetteer, "Shells fell on El Obeid overnight, but no casualties.", "en")
    assert c.text.endswith("but no casualties.") and c.events == ["El Obeid"]


def test_a_headline_is_cut_before_the_word_that_opens_the_speakers_clause(default_gazetteer):
    narrative, army = said(default_gazetteer, "Rebels step up attacks on Kassala as army says it repelled them", "en")
    assert narrative.text == "Rebels step up attacks on Kassala" and narrative.kind == "outlet"
    assert narrative.events == ["Kassala"]
    assert army.text.startswith("as army says") and army.kind == "military"


def test_a_claimants_name_is_cut_at_the_name_not_inside_a_title(default_gazetteer):
    text = "Army spokesman Brigadier General Khalid Osman said troops had repelled an attack on El Obeid."
    (c,) = said(default_gazetteer, text, "en")
    assert c.claimant == "Army spokesman Brigadier General Khalid Osman"
    assert c.kind == "spokesperson" and c.events == ["El Obeid"]


def test_a_un_coordinators_quotation_is_a_un_claim(default_gazetteer):
    text = '"Civilians in Zalingei are paying the price," said the UN humanitarian coordinator for Sudan, Jane Doe.'
    (c,) = said(default_gazetteer, text, "en")
    assert (c.side, c.side_type, c.kind) == ("UN", "third_party", "international")
    assert c.events == ["Zalingei"] and c.seats == []


# -- claimants that were missing -----------------------------------------------------------------------------


def test_the_prosecutors_office_without_general(default_gazetteer):
    text = "سقطت قذائف على مدينتي حلب وإدلب. وقال مكتب الادعاء إن القصف طال مبنى سكنيا في حلب."
    _, prosecutor = said(default_gazetteer, text, "ar")
    assert prosecutor.claimant == "مكتب الادعاء" and prosecutor.kind == "official" and prosecutor.side == "SY"


def test_local_sources(default_gazetteer):
    (c,) = said(default_gazetteer, "Local sources said drones struck a market in Kassala.", "en")
    assert (c.side, c.kind, c.events) == ("local-sources", "local_sources", ["Kassala"])


def test_a_facilitys_operator_speaks_for_the_home_government(default_gazetteer):
    text = (
        "Drones struck Port Sudan and Kassala. "
        "The airport authority said flights were suspended after a strike near the terminal in Kassala."
    )
    _, operator = said(default_gazetteer, text, "en")
    assert (operator.side, operator.kind, operator.events) == ("SD", "operator", ["Kassala"])
