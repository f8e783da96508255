"""Place recognition rule by rule: ``geo.recognize.find_mentions`` and the ``find_places`` stage."""

from dataclasses import replace

import pytest

from geo.nlp.lexicon import lexicon_of
from geo.recognize import find_mentions, find_places

from ..stages import RULES, context, match, new_doc, place
from ..stages import doc_until as _doc_until


def doc_until(*args, **kw):
    """The stages with the learned scorer off: these are the hand rules' tests."""
    kw.setdefault("options", RULES)
    return _doc_until(*args, **kw)


def mentions(gz, text, lang, **kw):
    return doc_until("find_places", text, lang=lang, gazetteer=gz, **kw).mentions


def spot(gz, text, lang, **kw):
    """``find_mentions`` on the first sentence, with no filter, block or fallback unless given."""
    doc = doc_until("find_dates", text, lang=lang, gazetteer=gz)
    return find_mentions(
        doc.sentences[0],
        doc.text,
        language=doc.language,
        gazetteer=gz,
        lexicon=lexicon_of(doc.language),
        search=context(gz).search,
        **kw,
    )


def best(m):
    return max(m.candidates, key=lambda c: c.similarity + c.prior).place


def test_exact_spelling_after_peeling_arabic_clitics(default_gazetteer):
    text = "انتشرت القوات بأذربيجان وأرمينيا."
    found = mentions(default_gazetteer, text, "ar")
    assert [m.text for m in found] == ["أذربيجان", "أرمينيا"]
    assert all(text[m.start : m.end] == m.text for m in found)  # the clitics ب and و stay outside
    assert [best(m).country_code for m in found] == ["AZ", "AM"]
    assert all(m.exact for m in found)


def test_a_cue_lets_in_a_transliteration_the_gazetteer_does_not_spell(default_gazetteer):
    assert mentions(default_gazetteer, "قصفت القوات خاركيف.", "ar") == ()
    (m,) = mentions(default_gazetteer, "قصفت القوات مدينة خاركيف.", "ar")
    assert m.text == "خاركيف" and not m.exact
    assert m.cue is not None and m.cue.feature == "city"
    assert best(m).name == "Kharkiv"


def test_a_capitalised_latin_sequence_needs_a_close_match(default_gazetteer):
    (m,) = mentions(default_gazetteer, "Shelling hit Omdurmann.", "en")
    assert m.text == "Omdurmann" and not m.exact and best(m).name == "Omdurman"
    strict = RULES
    strict = replace(strict, mentions=replace(strict.mentions, capitalised_similarity=1.01))
    assert mentions(default_gazetteer, "Shelling hit Omdurmann.", "en", options=strict) == ()


def test_a_lower_case_latin_word_begins_no_mention(default_gazetteer):
    assert mentions(default_gazetteer, "The shelling of kharkiv continued.", "en") == ()
    assert [m.text for m in mentions(default_gazetteer, "The shelling of Kharkiv continued.", "en")] == ["Kharkiv"]


@pytest.mark.parametrize(
    ("text", "lang", "name", "mention"),
    [
        ("Shelling hit Port Sudan.", "en", "Port Sudan", "Port Sudan"),
        ("قال شهود إن القصف طال أم درمان.", "ar", "Omdurman", "أم درمان"),
        ("Talks were held in Abu Dhabi.", "en", "Abu Dhabi", "Abu Dhabi"),
    ],
)
def test_the_longest_name_wins(default_gazetteer, text, lang, name, mention):
    (m,) = mentions(default_gazetteer, text, lang)
    assert m.text == mention and m.token_end - m.token_start == 2
    assert best(m).name == name


@pytest.mark.xfail(
    strict=True,
    reason="Arabic readings peel و only when more than 3 letters remain, so وأم has no reading أم "
    "and the name أم درمان after the conjunction is never looked up",
)
def test_a_conjunction_glued_to_a_short_first_word_is_peeled(default_gazetteer):
    found = mentions(default_gazetteer, "وصلت التعزيزات إلى بورتسودان وأم درمان.", "ar")
    assert [m.text for m in found] == ["بورتسودان", "أم درمان"]


def test_inside_an_actor_only_a_country_may_be_a_place(default_gazetteer):
    text = "The Gaza health ministry said five people were killed in Khan Younis."
    assert [m.text for m in spot(default_gazetteer, text, "en")] == ["Gaza", "Khan Younis"]  # unblocked
    assert [m.text for m in mentions(default_gazetteer, text, "en")] == ["Khan Younis"]
    found = mentions(default_gazetteer, "The Ministry of Defence of Armenia said troops attacked near Goris.", "en")
    assert [m.text for m in found] == ["Armenia", "Goris"]
    assert best(found[0]).feature_code == "PCLI"


def test_no_name_starts_inside_a_date(default_gazetteer):
    text = "Shelling hit Aleppo overnight."
    ctx = context(default_gazetteer)
    doc = doc_until("find_dates", text, lang="en", gazetteer=default_gazetteer)
    assert [m.text for m in mentions(default_gazetteer, text, "en")] == ["Aleppo"]
    start = text.index("Aleppo")
    dated = doc.add(dates=(((start, start + len("Aleppo")),),))  # pretend "Aleppo" were a date word
    assert find_places(dated, ctx).mentions == ()


def test_blocked_tokens_neither_start_nor_join_a_mention(default_gazetteer):
    text = "Shelling hit Port Sudan and Omdurman."
    assert [m.text for m in spot(default_gazetteer, text, "en", blocked={2})] == ["Sudan", "Omdurman"]
    assert [m.text for m in spot(default_gazetteer, text, "en", blocked={5})] == ["Port Sudan"]


@pytest.mark.parametrize(
    ("text", "lang", "weak"),
    [
        ("Shelling hit Goris.", "en", True),  # one word, no cue, a small town
        ("Shelling hit near Goris.", "en", False),  # a cue that announces a place
        ("Shelling hit Baku.", "en", False),  # a capital is well known
        ("Shelling hit Port Sudan.", "en", False),  # several words
        ("سقطت قذائف على ترتر.", "ar", True),  # على may have other readings
        ("سقطت قذائف بترتر.", "ar", False),  # the glued locative ب
        ("سقطت قذائف على مدينة ترتر.", "ar", False),  # a settlement cue
    ],
)
def test_weak_evidence(default_gazetteer, text, lang, weak):
    (m,) = mentions(default_gazetteer, text, lang)
    assert m.weak is weak


def test_a_fuzzy_match_after_a_settlement_cue_is_not_weak(default_gazetteer):
    (m,) = mentions(default_gazetteer, "Shelling hit the city of Omdurmann.", "en")
    assert not m.exact and not m.weak
    (m,) = mentions(default_gazetteer, "Shelling hit Omdurmann.", "en")
    assert m.weak


def test_a_definite_word_after_a_definite_cue_is_its_adjective(default_gazetteer):
    assert spot(default_gazetteer, "زار الوفد الإقليم المنشق.", "ar") == []  # "the breakaway region"
    # the same word after an indefinite head would be read as the region's name
    assert [m.text for m in spot(default_gazetteer, "زار الوفد إقليم المنشق.", "ar")] == ["المنشق"]


def test_words_of_fewer_than_three_letters_are_no_names(default_gazetteer):
    assert default_gazetteer.known_folded(["ur", "ed"]) == [True, True]  # the gazetteer knows both
    assert spot(default_gazetteer, "Troops entered Ur and Ed overnight.", "en") == []


def test_the_fallback_is_asked_only_after_a_settlement_cue(default_gazetteer):
    village = place(-9001, "Kafr Shimun", 34.1, 36.2, "LB", population=800)
    asked = []

    def fallback(name):
        asked.append(name)
        return match(village, similarity=0.99)

    assert spot(default_gazetteer, "سقطت قذائف على قرية كفرشمعون.", "ar") == []
    (m,) = spot(default_gazetteer, "سقطت قذائف على قرية كفرشمعون.", "ar", fallback=fallback)
    assert asked == ["كفرشمعون"]
    assert m.text == "كفرشمعون" and m.candidates[0].place == village
    assert not m.exact and not m.weak and m.cue.feature == "village"
    asked.clear()
    assert spot(default_gazetteer, "سقطت قذائف على كفرشمعون.", "ar", fallback=fallback) == []
    assert asked == []


def test_candidates_are_limited_by_the_options(default_gazetteer):
    (m,) = mentions(default_gazetteer, "Shelling hit Goris, officials said.", "en")
    assert 3 < len(m.candidates) <= RULES.mentions.candidates
    few = RULES
    few = replace(few, mentions=replace(few.mentions, candidates=3))
    (m,) = mentions(default_gazetteer, "Shelling hit Goris, officials said.", "en", options=few)
    assert len(m.candidates) == 3 and "Goris" in {c.place.name for c in m.candidates}


def test_mentions_carry_their_sentence_and_tokens(default_gazetteer):
    doc = doc_until("find_places", "Fighting went on. Drones struck Ganja.", lang="en", gazetteer=default_gazetteer)
    (m,) = doc.mentions
    sentence = doc.sentences[m.sentence]
    assert m.sentence == 1
    assert sentence.tokens[m.token_start].text == "Ganja" and m.token_end == m.token_start + 1


def test_new_doc_has_no_layer_but_its_sentences_spans():
    doc = new_doc("Fighting went on. Drones struck Ganja.", lang="en")
    assert len(doc.spans) == 2 and doc.sentences == () and doc.mentions == ()
