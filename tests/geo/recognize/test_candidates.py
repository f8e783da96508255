"""Which word sequences become candidates, and which are searched for by sound (the costly searches)."""

from __future__ import annotations

from dataclasses import replace

from geo.nlp.lexicon import lexicon_of
from geo.options import MentionOptions
from geo.recognize.candidates import find_candidates

from ..stages import doc_until


def searched(gz, text, lang, options=None):
    """(the candidates' readings, every name searched for) of a one-sentence text."""
    doc = doc_until("find_dates", text, lang=lang, gazetteer=gz)
    asked: list[str] = []

    def search(name):
        asked.append(name)
        return gz.search(name, limit=8)

    found = []
    for sentence in doc.sentences:
        found += find_candidates(
            sentence,
            doc.text,
            language=doc.language,
            gazetteer=gz,
            lexicon=lexicon_of(doc.language),
            search=search,
            options=options or MentionOptions(),
        )
    return [c for c in found], asked


def test_a_misspelt_name_after_a_cue_is_a_candidate_by_sound(default_gazetteer):
    cands, _ = searched(default_gazetteer, "Shelling was reported in Zangilen overnight.", "en")
    fuzzy = [c for c in cands if c.reading == "Zangilen"]
    assert fuzzy and not fuzzy[0].exact and fuzzy[0].best.place.name == "Zangilan"


def test_long_sequences_are_searched_exactly_only(default_gazetteer):
    text = "وقعت اشتباكات في جبال نائية بعيدة جدا"
    _, asked = searched(default_gazetteer, text, "ar")
    assert asked, "the words after the cue are searched"
    known = default_gazetteer.known_names(asked)
    assert all(len(name.split()) <= 2 or hit for name, hit in zip(asked, known, strict=True))
    _, wider = searched(default_gazetteer, text, "ar", replace(MentionOptions(), fuzzy_max_words=5))
    assert any(len(name.split()) > 2 for name in wider)


def test_a_long_name_announced_by_a_settlement_word_is_searched_by_sound(default_gazetteer):
    _, asked = searched(default_gazetteer, "سقطت قذيفة قرب قرية كفر عين زيتون صباحا", "ar")
    assert "كفر عين زيتون" in asked


def test_a_frequent_capitalised_word_without_cue_is_not_searched_by_sound(default_gazetteer):
    text = "Reporters said the Pentagon and Zangilen were quiet."
    _, asked = searched(default_gazetteer, text, "en")
    assert "Zangilen" in asked and "Pentagon" not in asked
    _, asked = searched(default_gazetteer, text, "en", replace(MentionOptions(), uncued_fuzzy_zipf=9.0))
    assert "Pentagon" in asked


def test_a_latin_name_never_holds_a_lower_case_word_but_a_joiner(default_gazetteer):
    cands, asked = searched(default_gazetteer, "Ships left Port of Spain and sailed to Ras al Khaimah at dawn.", "en")
    assert {"Port of Spain", "Ras al Khaimah"} <= {c.reading for c in cands}
    for name in asked:
        assert all(w[:1].isupper() or w in ("of", "al") for w in name.split()), name
