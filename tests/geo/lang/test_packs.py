"""Language packs: every pack ships every table, the registry, word forms and language identification."""

from __future__ import annotations

import pytest

from gazetteer import fold
from geo.errors import UnknownLanguage
from geo.lang import (
    TABLES,
    WORD_CLASSES,
    Language,
    detect_language,
    get_language,
    languages,
    neutral_language,
    register_language,
    unregister_language,
)


@pytest.mark.parametrize("code", languages())
def test_every_registered_language_ships_every_table(code):
    language = get_language(code)
    missing = [name for name in TABLES if not language.has_table(name)]
    assert not missing, f"{code} lacks {missing}"
    kinds = {row[0] for row in language.table("words")}
    assert set(WORD_CLASSES) <= kinds, f"{code}/words.tsv lacks {set(WORD_CLASSES) - kinds}"
    assert not kinds - set(WORD_CLASSES), f"{code}/words.tsv has unknown kinds {kinds - set(WORD_CLASSES)}"
    for name in TABLES:
        if name not in ("countries",):  # a pack may rely on CLDR for every country name
            assert len(language.table(name)) > 0, f"{code}/{name}.tsv is empty"


def test_packaged_languages_and_unknown_codes():
    assert {"ar", "en"} <= set(languages())
    assert get_language("AR") is get_language("ar")
    with pytest.raises(UnknownLanguage, match=r"no language pack for 'xx'; available: ar, en"):
        get_language("xx")
    with pytest.raises(LookupError):  # the error is also a LookupError
        get_language("")


def test_register_and_unregister_a_language(tmp_path):
    (tmp_path / "words.tsv").write_text("conjunction\tund\n", "utf-8")
    german = Language("de", "German", tmp_path)
    register_language(german)
    try:
        assert "de" in languages() and get_language("de") is german
        assert german.words("conjunction") == frozenset({"und"})
        assert german.words("complementizer") == frozenset()  # a kind the pack does not list: empty
        assert len(german.table("actors")) == 0  # a table the pack lacks: empty
        with pytest.raises(ValueError, match="registered already"):
            register_language(Language("de", "German again", tmp_path))
    finally:
        unregister_language("de")
    assert "de" not in languages()


def test_a_language_without_pack_has_empty_tables():
    und = neutral_language("fr")
    assert und.code == "fr" and und.readings("l'armée") == ("l'armée",)
    assert len(und.table("actors")) == 0 and und.words("conjunction") == frozenset()


def test_arabic_readings_peel_clitics_outermost_first():
    ar = get_language("ar")
    assert ar.readings("والثلاثاء") == ("والثلاثاء", "الثلاثاء", "ثلاثاء")
    assert ar.readings("للقوات") == ("للقوات", "القوات", "قوات")  # ل + ال
    assert ar.readings(fold("ولاية"))[0] == fold("ولاية")  # the word itself is always a reading
    assert ar.readings("بلد") == ("بلد",)  # too short to peel ب
    assert ar.readings("باكو") == ("باكو", "اكو")  # every reading is kept: the gazetteer decides
    assert ar.readings("baku") == ("baku",)  # other scripts as they are
    assert ar.conjunction_readings("والثلاثاء") == ("والثلاثاء", "الثلاثاء")
    assert ar.verb_readings("وسيعلن") == ("وسيعلن", "سيعلن", "يعلن")
    assert ar.is_definite("بالمدينه") and not ar.is_definite("مدينه")
    assert ar.has_locative_proclitic("وب") and not ar.has_locative_proclitic("و")


def test_arabic_noun_forms():
    ar = get_language("ar")
    assert ar.dual_singular("طائرتين") == "طائره"
    assert ar.dual_singular("صاروخين") == "صاروخ"
    assert ar.dual_singular("دبابه") is None
    assert "عنصر" in ar.item_readings("عنصرا")  # the accusative without its ا
    assert "دمر" in ar.action_readings("دمرها")  # without the object pronoun
    assert ar.noun_readings("ومنظومه") == ("ومنظومه",)  # right after a number, و is the noun's own


def test_english_word_forms():
    en = get_language("en")
    assert en.readings("tuesday's") == ("tuesday's", "tuesday")
    assert en.conjunction_readings("tuesday's") == ("tuesday's", "tuesday")
    assert en.dual_singular("drones") is None and not en.is_definite("the")
    assert en.people_plural.fullmatch("Palestinians") and not en.people_plural.fullmatch("palestinians")


def test_word_classes_are_folded():
    assert fold("إلى") in get_language("ar").words("locative_preposition")
    assert fold("أو") in get_language("ar").words("place_joiner")
    assert "الى" not in get_language("ar").words("locative_preposition")  # stored folded only


def test_language_identification():
    assert detect_language("قالت وزارة الدفاع إن القوات تقدمت في المنطقة") == "ar"
    assert detect_language("The ministry said that the forces were in the area") == "en"
    assert detect_language("Le ministère a dit que les forces sont dans la région") == "fr"
    assert detect_language("Министерство заявило, что войска") == "ru"
    assert detect_language("") == "und" and detect_language("12 34") == "und"
    assert detect_language("زنغلان غنجة") == "ar"  # no function word, but the script is Arabic


def test_memos_can_be_forgotten_and_tables_stay():
    ar = get_language("ar")
    before = ar.readings("وبغداد")
    ar.forget()
    assert ar.readings("وبغداد") == before and len(ar.table("verbs")) > 0
