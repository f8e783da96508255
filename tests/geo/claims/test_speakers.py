"""Who speaks: the outlet, capitals and countries for their governments, bodies named by their place,
people described by nationality, groups, and the speakers remembered (``geo.claims.speakers``)."""

import pytest

from geo.claims import outlet_claimant
from geo.claims.speakers import Speakers
from geo.model import Claimant

from ..stages import doc_until


def clauses(gz, text, lang, **kw):
    return doc_until("attribute_claims", text, lang=lang, gazetteer=gz, **kw).clauses


def speaker(gz, text, lang, **kw):
    """The claimant of the text's last clause."""
    return clauses(gz, text, lang, **kw)[-1].claimant


# -- the outlet and the memory of speakers ---------------------------------------------------------


def test_the_outlet_speaks_for_itself():
    c = outlet_claimant("Caspian Wire")
    assert (c.text, c.canonical, c.side, c.side_type, c.kind) == (
        "Caspian Wire",
        "Caspian Wire",
        "media",
        "media",
        "outlet",
    )
    anonymous = outlet_claimant(None)
    assert anonymous.canonical == "the outlet" and anonymous.side == "media" and anonymous.span is None


def test_speakers_remember_the_last_one_of_each_kind():
    ministry = Claimant("the ministry", "Armenia Ministry of Defence", "AM", "belligerent", "ministry")
    president = Claimant("the president", "Azerbaijan President", "AZ", "belligerent", "president")
    agency = Claimant("the agency", "Some Agency", "media", "media", "agency")
    s = Speakers()
    s.note(ministry, ["stepanyan"])
    s.note(president)
    assert s.recall("ministry") is ministry
    assert s.recall("any") is president and s.last is president
    assert s.names == {"stepanyan": ministry}
    # a kind nobody was yet: the last speaker, when it is a government speaker
    assert s.recall("military") is president
    s.note(agency)
    assert s.recall("military") is None  # the last speaker is an agency, not a government voice
    s.note(outlet_claimant("Caspian Wire"))
    assert s.last is agency  # the outlet is never remembered


# -- places standing for who speaks ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "canonical", "side", "mention"),
    [
        ("أعلنت يريفان أن قواتها صدت هجوما.", "ar", "Yerevan (government)", "AM", "يريفان"),
        ("Baku said its troops repelled an attack.", "en", "Baku (government)", "AZ", "Baku"),
        ("Azerbaijan accused Armenia of violating the ceasefire.", "en", "Azerbaijan (government)", "AZ", "Azerbaijan"),
    ],
)
def test_a_capital_or_country_speaks_for_its_government(default_gazetteer, text, lang, canonical, side, mention):
    c = speaker(default_gazetteer, text, lang)
    assert (c.canonical, c.side, c.side_type, c.kind) == (canonical, side, "belligerent", "government")
    assert c.text == mention and c.seat is not None and c.seat.mention.text == mention
    assert text[c.span[0] : c.span[1]] == mention


def test_karabakh_speaks_for_the_armenian_side(default_gazetteer):
    c = speaker(default_gazetteer, "Karabakh said the attack was repelled.", "en")
    assert (c.canonical, c.side, c.kind) == ("Karabakh authorities", "AM", "official")
    assert c.seat.place.country_code == "AZ"  # the place itself lies in Azerbaijan


def test_a_town_is_no_speaker(default_gazetteer):
    c = speaker(default_gazetteer, "Kharkiv said the shelling stopped.", "en", outlet="Steppe Daily")
    assert c.kind == "outlet" and c.canonical == "Steppe Daily"


@pytest.mark.parametrize(
    ("text", "written", "canonical", "side", "kind"),
    [
        ("أعلن جيش الخرطوم أن الهجوم صد.", "جيش الخرطوم", "Khartoum army", "SD", "military"),
        ("قال برلمان أرمينيا إن الهجوم صد.", "برلمان أرمينيا", "Armenia parliament", "AM", "government"),
    ],
)
def test_a_body_named_by_its_place(default_gazetteer, text, written, canonical, side, kind):
    c = speaker(default_gazetteer, text, "ar")
    assert (c.text, c.canonical, c.side, c.kind) == (written, canonical, side, kind)


def test_the_army_of_the_region_is_the_last_region_named(default_gazetteer):
    assert speaker(default_gazetteer, "أعلن جيش الإقليم أن القوات صدت هجوما.", "ar").kind == "outlet"
    c = speaker(default_gazetteer, "اندلعت معارك في إقليم قره باغ. وأعلن جيش الإقليم أنه صد هجوما.", "ar")
    assert (c.canonical, c.side, c.kind) == ("Karabakh army", "AM", "military")


# -- people and groups -----------------------------------------------------------------------------------


def test_a_speaker_described_by_nationality_after_the_verb(default_gazetteer):
    c = speaker(default_gazetteer, "قال قائد القوات البرية الأوكرانية إن القوات صدت هجوما قرب باخموت.", "ar")
    assert c.side == "UA" and c.kind == "official" and c.text == "قائد القوات البرية الأوكرانية"
    c = speaker(default_gazetteer, "Troops repelled an attack near Bakhmut, said a Ukrainian commander.", "en")
    assert c.side == "UA"


def test_a_speaker_described_by_nationality_before_an_english_verb(default_gazetteer):
    c = speaker(default_gazetteer, "A Ukrainian commander said troops repelled an attack near Bakhmut.", "en")
    assert c.side == "UA"


@pytest.mark.parametrize(
    ("text", "lang", "group"),
    [
        ("Witnesses said drones struck Omdurman.", "en", "witnesses"),
        ("Residents said shelling hit Omdurman.", "en", "residents"),
        ("قال شهود عيان إن القصف طال أم درمان.", "ar", "witnesses"),
    ],
)
def test_residents_and_witnesses_speak_for_themselves(default_gazetteer, text, lang, group):
    c = speaker(default_gazetteer, text, lang)
    # people on the ground share one side code (geo/claims/data/sides.tsv), their kind tells them apart
    assert (c.side, c.side_type, c.kind) == ("local-sources", "third_party", group)


def test_a_nationality_next_to_an_actor_gives_its_side(default_gazetteer):
    c = speaker(default_gazetteer, "The Sudanese water authority said fires broke out in Omdurman.", "en")
    assert c.side == "SD" and c.canonical.endswith("(SD)")


def test_the_army_is_the_home_country_army_when_nobody_says(default_gazetteer):
    assert speaker(default_gazetteer, "The army said the attack was repelled.", "en").side is None
    text = "Shelling hit Kharkiv. Drones struck Odesa. The army said the attack was repelled."
    c = speaker(default_gazetteer, text, "en")
    assert (c.canonical, c.side, c.kind) == ("Army (UA)", "UA", "military")


def test_a_bare_reference_to_an_actor_named_in_full_earlier(default_gazetteer):
    later = "وقال المتحدث باسم التحالف إن الدفاعات اعترضت صاروخا."
    assert speaker(default_gazetteer, later, "ar").side is None
    first = "قال المتحدث باسم التحالف الذي تقوده السعودية إن الغارات استهدفت صنعاء. "
    c = speaker(default_gazetteer, first + later, "ar")
    assert c.side == "SA-coalition" and "coalition" in c.canonical


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Armenian Defence Ministry spokeswoman Shushan Stepanyan said the attack was repelled. "
            "Stepanyan said two drones were downed.",
            "en",
        ),
        ("وقال مساعد الرئيس الأذربيجاني حكمت حاجييف إن الهجوم صد. وقال حاجييف إن القصف طال ترتر.", "ar"),
    ],
)
def test_a_personal_name_seen_with_a_title_is_the_same_speaker_later(default_gazetteer, text, lang):
    first, second = clauses(default_gazetteer, text, lang)
    assert second.claimant.canonical == first.claimant.canonical
    assert second.claimant.side == first.claimant.side in ("AM", "AZ")
    assert second.explicit
