"""Speaker detection rule by rule (``geo.claims.subjects``), clause splitting (``geo.claims.clauses``)
and carry-over through quotations (``geo.claims.carry``), on texts written for the test."""

from __future__ import annotations

import pytest

from geo.claims.carry import open_quote
from geo.claims.clauses import split_contrast, split_propositions
from geo.claims.speakers import Speakers
from geo.lang import get_language
from geo.model import Claimant
from geo.nlp.lexicon import lexicon_of
from geo.nlp.tokens import tokenize

from ..stages import doc_until


def clauses(gz, text, lang):
    return doc_until("attribute_claims", text, lang=lang, gazetteer=gz, outlet="Desert Wire").clauses


def texts(tokens_list):
    return [" ".join(t.text for t in part) for part in tokens_list]


# -- the rules, each with the name it leaves on the clause ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "how", "side"),
    [
        ("أعلنت وزارة الدفاع السودانية أن قواتها صدت هجوما.", "ar", "after_verb", "SD"),
        ("The Sudanese army said it repelled an attack.", "en", "before_verb", "SD"),
        ('"We repelled the attack," said the Sudanese army.', "en", "after_verb", "SD"),
        ("The attack was repelled, according to the Sudanese army.", "en", "according_to", "SD"),
        ("وبحسب الجيش السوداني، فإن الهجوم صد.", "ar", "according_to", "SD"),
        ("قال قائد القوات السودانية إن الهجوم صد.", "ar", "demonym", "SD"),  # described by nationality
    ],
)
def test_a_speaker_found_by_its_rule(default_gazetteer, text, lang, how, side):
    (c,) = clauses(default_gazetteer, text, lang)
    assert (c.how, c.claimant.side, c.explicit) == (how, side, True)


def test_a_speaker_named_with_a_title_in_apposition(default_gazetteer):
    text = "Ahmed Nur, director of the health office of the Sudanese health ministry, said six people died."
    (c,) = clauses(default_gazetteer, text, "en")
    assert c.claimant.side == "SD" and c.claimant.text.startswith("Ahmed Nur, director")
    (later,) = clauses(default_gazetteer, text + " Nur said two more died.", "en")[1:]
    assert later.claimant.canonical == c.claimant.canonical


def test_a_speaker_before_a_parenthesis(default_gazetteer):
    text = "The Sudanese army spokesman Adam Saleh said the attack failed. Saleh, at a briefing on Monday, said it would go on."
    first, second = clauses(default_gazetteer, text, "en")
    assert second.claimant.canonical == first.claimant.canonical and second.how == "before_verb"


def test_a_participle_goes_on_with_the_speaker_of_its_sentence(default_gazetteer):
    text = "قالت وزارة الدفاع السودانية إن قواتها صدت هجوما، مشيرة إلى مقتل عشرة مسلحين."
    claim, going_on = clauses(default_gazetteer, text, "ar")
    assert going_on.how == "participle" and going_on.claimant.canonical == claim.claimant.canonical
    text = "The Sudanese army said it repelled an attack, adding that ten gunmen were killed."
    claim, going_on = clauses(default_gazetteer, text, "en")
    assert going_on.how == "participle" and going_on.claimant.side == "SD"


def test_a_coordinated_verb_goes_on_with_its_subject(default_gazetteer):
    text = "The Sudanese army denied losing the town and said its troops held the bridge."
    denial, claim = clauses(default_gazetteer, text, "en")
    assert (denial.stance, claim.stance, claim.how) == ("denies", "asserts", "coordinated")
    assert claim.claimant.side == denial.claimant.side == "SD"


def test_a_subjectless_arabic_verb_goes_on_with_the_last_speaker(default_gazetteer):
    text = "قالت وزارة الدفاع السودانية إن قواتها صدت هجوما. وأكدت أن عشرة مسلحين قتلوا."
    first, second = clauses(default_gazetteer, text, "ar")
    assert second.how == "pro_drop" and second.claimant.side == first.claimant.side == "SD"


def test_an_english_verb_without_a_subject_is_nobodys(default_gazetteer):
    (c,) = clauses(default_gazetteer, "Said to be the worst attack in months, it killed ten.", "en")
    assert c.claimant.kind == "outlet" and not c.explicit


def test_the_bare_source_is_the_last_source_named(default_gazetteer):
    text = "قال مصدر عسكري سوداني إن الهجوم صد. وقال مصدر محلي إن القصف استمر. وأضاف المصدر أن عشرة قتلوا."
    *_, local, last = clauses(default_gazetteer, text, "ar")
    assert last.claimant.side == local.claimant.side == "local-sources"


def test_speakers_recall_the_most_recent_source_of_either_kind():
    official = Claimant("s", "Sudan sources", "SD", "belligerent", "sources")
    local = Claimant("l", "Sources", "local-sources", "third_party", "local_sources")
    s = Speakers()
    s.note(local)
    s.note(official)
    assert s.recall("local_sources") is official  # the source named last, whichever kind
    s.note(local)
    assert s.recall("sources") is local


# -- clause splitting ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def en():
    return lexicon_of(get_language("en"))


@pytest.fixture(scope="module")
def ar():
    return lexicon_of(get_language("ar"))


def test_contrast_words_cut_unless_a_fragment_follows(en):
    tokens = tokenize("Baku said it advanced, while Yerevan denied any advance.", language=en.language)
    assert texts(split_contrast(tokens, en)) == ["Baku said it advanced ,", "while Yerevan denied any advance ."]
    tokens = tokenize("Shells fell on the town, but no casualties.", language=en.language)
    assert len(split_contrast(tokens, en)) == 1


def test_propositions_are_cut_before_a_participle_and_a_coordinated_verb(en, ar):
    tokens = tokenize("The army denied the report and said its troops held the town.", language=en.language)
    assert texts(split_propositions(tokens, en)) == [
        "The army denied the report",
        "and said its troops held the town .",
    ]
    tokens = tokenize("قالت الوزارة إن القوات تقدمت، نافية سقوط قتلى.", language=ar.language)
    parts = texts(split_propositions(tokens, ar))
    assert len(parts) == 2 and parts[1].startswith("نافية")
    tokens = tokenize("قالت الوزارة إن القوات تقدمت وأكدت مقتل مسلحين.", language=ar.language)
    assert len(split_propositions(tokens, ar)) == 2
    tokens = tokenize("The army said it was the militia who it said attacked.", language=en.language)
    assert len(split_propositions(tokens, en)) == 1  # "it said" is no coordination


# -- quotations -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "open_at"),
    [
        ('He said: "The attack failed.', 9),
        ('He said: "The attack failed."', None),
        ("قال: «فشل الهجوم.", 5),
        ("قال: «فشل الهجوم».", None),
        ("No quotation here.", None),
    ],
)
def test_a_paragraph_may_leave_a_quotation_open(paragraph, open_at):
    assert open_quote(paragraph) == open_at


def test_a_quotation_over_two_paragraphs_keeps_its_speaker(default_gazetteer):
    text = (
        "قالت وزارة الدفاع السودانية في بيان: «صدت قواتنا هجوما على مدينة الأبيض.\n"
        "«وقصفت الميليشيا أحياء سكنية في مدينة كسلا»."
    )
    first, second = clauses(default_gazetteer, text, "ar")
    assert second.how == "quote" and second.claimant.canonical == first.claimant.canonical


def test_a_new_paragraph_without_quotation_ends_the_carry_over(default_gazetteer):
    text = 'The Sudanese army said: "Our forces repelled an attack on El Obeid.\n\nShelling continued in Kassala.'
    _, narrative = clauses(default_gazetteer, text, "en")
    assert narrative.claimant.kind == "outlet"
