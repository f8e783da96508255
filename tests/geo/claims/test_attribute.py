"""Attribution rule by rule: clauses, their speakers, carry-over, anaphora, contrast, quotations and
the outlet's narrative (``geo.claims.attribute``)."""

import pytest

from geo.claims import home_country

from ..stages import doc_until, match, mention, place, resolved


def clauses(gz, text, lang, **kw):
    return doc_until("attribute_claims", text, lang=lang, gazetteer=gz, **kw).clauses


def said(gz, text, lang, **kw):
    """(clause text, claimant canonical, side, verb, stance, explicit) of every clause."""
    doc = doc_until("attribute_claims", text, lang=lang, gazetteer=gz, **kw)
    return [
        (doc.text[c.start : c.end], c.claimant.canonical, c.claimant.side, c.verb, c.stance, c.explicit)
        for c in doc.clauses
    ]


# -- home_country ------------------------------------------------------------------------------------


def places_in(*countries):
    return [
        resolved(mention(f"P{k}", [match(place(k + 1, f"P{k}", 40.0, 45.0, cc))])) for k, cc in enumerate(countries)
    ]


@pytest.mark.parametrize(
    ("countries", "home"),
    [
        (("UA", "UA"), "UA"),
        (("UA", "UA", "RU"), "UA"),  # twice the runner-up
        (("UA", "UA", "UA", "RU", "RU"), None),  # not twice
        (("UA",), None),  # one place says little
        ((), None),
        (("", ""), None),  # places without a country
    ],
)
def test_home_country_needs_two_places_and_twice_the_runner_up(countries, home):
    assert home_country(places_in(*countries)) == home


def test_the_stage_sets_home(default_gazetteer):
    doc = doc_until(
        "attribute_claims", "Shelling hit Kharkiv. Drones struck Odesa.", lang="en", gazetteer=default_gazetteer
    )
    assert doc.home == "UA"


# -- the speaker and its verb ----------------------------------------------------------------------


def test_arabic_verb_before_its_subject(default_gazetteer):
    text = "أعلنت وزارة الدفاع الأرمينية أن القوات الأذربيجانية قصفت مدينة غنجة."
    ((clause, canonical, side, verb, stance, explicit),) = said(default_gazetteer, text, "ar")
    assert (canonical, side, verb, stance, explicit) == ("Armenia Ministry of Defence", "AM", "أعلن", "asserts", True)
    (c,) = clauses(default_gazetteer, text, "ar")
    assert c.claimant.text == "وزارة الدفاع الأرمينية"
    assert [r.place.name for r in c.places] == ["Ganja"]


def test_arabic_subject_before_its_verb(default_gazetteer):
    ((_, canonical, side, verb, _, _),) = said(default_gazetteer, "وكانت يريفان أعلنت أن قواتها صدت هجوما.", "ar")
    assert (canonical, side, verb) == ("Yerevan (government)", "AM", "أعلن")


def test_english_subject_before_its_verb(default_gazetteer):
    text = "The Armenian Defence Ministry said Azerbaijani drones struck targets in Yerevan."
    ((_, canonical, side, verb, stance, _),) = said(default_gazetteer, text, "en")
    assert (canonical, side, verb, stance) == ("Armenia Ministry of Defence", "AM", "say", "asserts")


def test_english_speaker_after_the_verb_following_a_quotation(default_gazetteer):
    text = '"We destroyed three tanks near Fuzuli," said the Azerbaijani Defence Ministry.'
    ((_, _, side, verb, _, explicit),) = said(default_gazetteer, text, "en")
    assert (side, verb, explicit) == ("AZ", "say", True)


def test_english_actor_after_the_verb_is_the_actor(default_gazetteer):
    text = '"We destroyed three tanks near Fuzuli," said the Azerbaijani Defence Ministry.'
    (c,) = clauses(default_gazetteer, text, "en")
    assert (c.claimant.canonical, c.claimant.kind) == ("Azerbaijan Ministry of Defence", "ministry")


@pytest.mark.parametrize(
    ("text", "lang", "verb"),
    [("ونفت يريفان ذلك.", "ar", "نفى"), ("Yerevan denied the report.", "en", "deny")],
)
def test_a_denial(default_gazetteer, text, lang, verb):
    ((_, canonical, side, lemma, stance, explicit),) = said(default_gazetteer, text, lang)
    assert (canonical, side, lemma, stance, explicit) == ("Yerevan (government)", "AM", verb, "denies", True)


# -- carry-over and anaphora -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("قالت وزارة الدفاع الأرمينية إن القوات صدت هجوما. وأضاف أن جنديين أصيبا.", "ar"),
        (
            "The Armenian Defence Ministry said troops repelled an attack. He added that two soldiers were wounded.",
            "en",
        ),
        (
            "The Armenian Defence Ministry said troops repelled an attack. It added that two soldiers were wounded.",
            "en",
        ),
    ],
)
def test_he_added_continues_the_last_speaker(default_gazetteer, text, lang):
    first, second = said(default_gazetteer, text, lang)
    assert first[1:3] == second[1:3] == ("Armenia Ministry of Defence", "AM")
    assert second[3] in ("أضاف", "add") and second[5]


def test_the_ministry_is_the_last_ministry_named_arabic(default_gazetteer):
    text = (
        "قالت وزارة الدفاع الأذربيجانية إن القوات صدت هجوما. "
        "وقالت وزارة الدفاع الأرمينية إن المعارك استمرت. وقالت الوزارة إن جنديين قتلا."
    )
    *_, last = said(default_gazetteer, text, "ar")
    assert last[1:3] == ("Armenia Ministry of Defence", "AM")


def test_the_ministry_after_one_ministry_has_its_side(default_gazetteer):
    text = "The Azerbaijani Defence Ministry said Armenian forces shelled Tartar. The ministry said two soldiers were wounded."
    first, second = said(default_gazetteer, text, "en")
    assert second[2] == first[2] == "AZ" and second[5]


def test_the_ministry_is_the_last_ministry_named_english(default_gazetteer):
    text = (
        "The Azerbaijani Defence Ministry said troops repelled an attack near Fuzuli. "
        "The Armenian Defence Ministry said fighting continued near Hadrut. The ministry said two soldiers were killed."
    )
    *_, last = said(default_gazetteer, text, "en")
    assert last[1:3] == ("Armenia Ministry of Defence", "AM")


# -- clauses ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "second_start"),
    [
        ("Baku said its forces shelled positions near Fuzuli, while Yerevan denied any shelling.", "en", "while"),
        ("أعلنت باكو أن قواتها سيطرت على قرية جديدة، في حين نفت يريفان ذلك.", "ar", "في حين"),
    ],
)
def test_a_contrast_word_starts_a_clause_with_its_own_speaker(default_gazetteer, text, lang, second_start):
    first, second = said(default_gazetteer, text, lang)
    assert first[1:3] == ("Baku (government)", "AZ") and first[4] == "asserts"
    assert second[0].startswith(second_start)
    assert second[1:3] == ("Yerevan (government)", "AM") and second[4] == "denies"


def test_places_go_to_the_clause_they_are_in(default_gazetteer):
    text = "Baku said its forces shelled positions near Fuzuli, while Yerevan denied any shelling."
    first, second = clauses(default_gazetteer, text, "en")
    assert [r.mention.text for r in first.places] == ["Baku", "Fuzuli"]
    assert [r.mention.text for r in second.places] == ["Yerevan"]
    assert all(c.start <= r.mention.start < c.end for c in (first, second) for r in c.places)


def test_a_second_speaker_takes_the_word_after_and(default_gazetteer):
    text = "أذربيجان تعلن السيطرة على قرية قرب فضولي وأرمينيا تنفي ذلك."
    first, second = said(default_gazetteer, text, "ar")
    assert first[1:3] == ("Azerbaijan (government)", "AZ") and first[4] == "asserts"
    assert second[0].startswith("وأرمينيا")
    assert second[1:3] == ("Armenia (government)", "AM") and second[4] == "denies"


def test_a_quotation_belongs_to_the_speaker_named_after_it(default_gazetteer):
    text = (
        '"Enemy artillery shelled Tartar. Our forces also destroyed a tank near Fuzuli," '
        "the Azerbaijani Defence Ministry said."
    )
    first, second = said(default_gazetteer, text, "en")
    assert first[0].startswith('"Enemy artillery')
    assert first[1:3] == second[1:3] == ("Azerbaijan Ministry of Defence", "AZ")
    assert first[5] and first[3] == "say"


def test_an_arabic_quotation_belongs_to_the_speaker_named_after_it(default_gazetteer):
    text = "«قصفت المدفعية المعادية مدينة ترتر. ودمرت قواتنا دبابة قرب فضولي»، قالت وزارة الدفاع الأذربيجانية."
    first, second = said(default_gazetteer, text, "ar")
    assert first[1:3] == second[1:3] == ("Azerbaijan Ministry of Defence", "AZ")
    assert first[5]


def test_a_quotation_opened_after_said_belongs_to_that_speaker(default_gazetteer):
    text = "وقالت وزارة الدفاع الأذربيجانية: «قصفت المدفعية المعادية مدينة ترتر. ودمرت قواتنا دبابة قرب فضولي»."
    first, second = said(default_gazetteer, text, "ar")
    assert first[1:3] == second[1:3] == ("Azerbaijan Ministry of Defence", "AZ")


def test_unattributed_narrative_is_the_outlet(default_gazetteer):
    ((_, canonical, side, verb, stance, explicit),) = said(
        default_gazetteer, "Shelling hit Kharkiv.", "en", outlet="Steppe Daily"
    )
    assert (canonical, side, verb, stance, explicit) == ("Steppe Daily", "media", None, "asserts", False)
    ((_, canonical, *_),) = said(default_gazetteer, "Shelling hit Kharkiv.", "en")
    assert canonical == "the outlet"


def test_a_country_after_a_title_joins_the_speaker(default_gazetteer):
    text = "قال الادعاء العام في أذربيجان إن القصف طال مدينة ترتر."
    (c,) = clauses(default_gazetteer, text, "ar")
    assert c.claimant.text == "الادعاء العام في أذربيجان"
    assert c.claimant.side == "AZ"
    assert text[c.claimant.span[0] : c.claimant.span[1]] == c.claimant.text


def test_clauses_are_numbered_and_cover_their_sentence(default_gazetteer):
    text = "Baku said its forces shelled positions near Fuzuli, while Yerevan denied any shelling. Fighting went on."
    doc = doc_until("attribute_claims", text, lang="en", gazetteer=default_gazetteer)
    assert [c.index for c in doc.clauses] == [0, 1, 2]
    assert [c.sentence for c in doc.clauses] == [0, 0, 1]
    assert doc.clauses[0].start == doc.sentences[0].start and doc.clauses[1].end == doc.sentences[0].end
