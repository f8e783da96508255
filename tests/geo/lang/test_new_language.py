"""A language added with no edit outside its folder: the tiny French pack of ``fr_pack/`` (a handful of
words written for this test), registered at run time, runs through every stage of extraction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo import Article, Extractor
from geo.lang import TABLES, Language, detect_language, languages, register_language, unregister_language

PACK = Path(__file__).parent / "fr_pack"


class MiniFrench(Language):
    """French for the test: no clitic rules beyond the base language's."""

    ordinal_suffixes = ("e",)


@pytest.fixture
def french():
    language = MiniFrench("fr", "French (test)", PACK, cldr="fr", subject_first=True, adjective_after_noun=True)
    register_language(language)
    yield language
    unregister_language("fr")


def test_the_test_pack_ships_every_table():
    assert sorted(p.stem for p in PACK.glob("*.tsv")) == sorted(TABLES)


@pytest.mark.usefixtures("default_gazetteer")
def test_a_registered_language_runs_end_to_end(french, default_gazetteer):
    assert "fr" in languages()
    text = (
        "Bombardements à Stepanakert\n"
        "Le ministère de la Défense arménien affirme que les forces azerbaïdjanaises ont bombardé "
        "la ville de Stepanakert mardi."
    )
    title, body = text.split("\n")
    article = Article("fr-1", title, body, dt.date(2020, 10, 8), None, "Le Journal", None, "<test>")
    assert detect_language(article.document) == "fr"
    features = Extractor(default_gazetteer).features(article)
    events = [f["properties"] for f in features if f["properties"]["role"] == "event" and f["geometry"]]
    assert events, features
    e = events[0]
    assert e["mention"] == "Stepanakert" and e["country_code"] == "AZ"
    assert (e["side"], e["claimant_en"], e["stance"]) == ("AM", "Armenia Ministry of Defence", "asserts")
    assert e["event_type"] == "Explosions/Remote violence"
    assert (e["precision"], e["precision_note"]) == (1, "at")
    assert e["date"] == "2020-10-06"  # the Tuesday before Thursday's publication


@pytest.mark.usefixtures("default_gazetteer")
def test_without_the_pack_the_same_article_has_places_but_no_claimant(default_gazetteer):
    assert "fr" not in languages()
    article = Article("fr-2", "", "Le ministère de la Défense arménien affirme que la ville de Stepanakert ...")
    extractor = Extractor(default_gazetteer, language=None)
    features = extractor.features(article)
    assert all(f["properties"]["side"] in (None, "media") for f in features)
    assert any("no language pack for 'fr'" in w for w in extractor.warnings)
