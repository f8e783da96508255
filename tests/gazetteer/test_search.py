"""Search by name in any script: the seed's names, biases, and odd input."""

import pytest

from ..texts import KHOJAVEND, MARTUNI_ARMENIA, OTHER_SCRIPTS_TOP1, SEED_TOP1


@pytest.mark.parametrize(("query", "expected"), SEED_TOP1.items())
def test_seed_arabic_names_resolve_top1(default_gazetteer, query, expected):
    name, gid = expected
    top = default_gazetteer.search(query, limit=3)[0]
    assert top.place.name == name
    assert top.place.geonameid == gid


@pytest.mark.parametrize(("query", "gid"), OTHER_SCRIPTS_TOP1.items())
def test_other_scripts_resolve_top1(default_gazetteer, query, gid):
    assert default_gazetteer.search(query, limit=1)[0].place.id == gid


def test_martuni_returns_both_places_in_top3(default_gazetteer):
    ids = [m.place.id for m in default_gazetteer.search("مارتوني", limit=3)]
    assert MARTUNI_ARMENIA in ids and KHOJAVEND in ids


def test_supplement_places_found_by_transliteration_only(default_gazetteer):
    """The seed's Arabic spellings of supplement places are not in the data: found by sound."""
    top = default_gazetteer.search("إيشخانادزور", limit=1)[0]
    assert top.place.name == "Ishkhanadzor"
    assert not any("\u0600" <= ch <= "\u06ff" for ch in top.matched)
    assert top.place.source == "packaged-supplement"
    assert top.place.lat == pytest.approx(39.448, abs=0.01)


def test_transliteration_without_any_arabic_names(sample_gazetteer):
    """An index whose Arabic names were all removed still finds places from Arabic spellings."""
    assert sample_gazetteer.search("زنغلان", limit=1)[0].place.id == 146901
    assert sample_gazetteer.search("دمشق", limit=1)[0].place.name == "Damascus"
    assert sample_gazetteer.search("حلب", limit=1)[0].place.name == "Aleppo"
    assert sample_gazetteer.search("خيرسون", limit=1)[0].place.name == "Kherson"
    assert sample_gazetteer.search("تبليسي", limit=1)[0].place.name == "Tbilisi"


def test_country_and_near_bias(sample_gazetteer):
    plain = [m.place.id for m in sample_gazetteer.search("Washington", limit=2)]
    assert plain[0] == 4140963  # the capital, by population
    assert sample_gazetteer.search("Washington", limit=1, near=(38.5, -91.0))[0].place.id == 4413621
    assert sample_gazetteer.search("مارتوني", limit=1, country="AZ")[0].place.id == KHOJAVEND
    assert sample_gazetteer.search("مارتوني", limit=1, country=["AM"])[0].place.id == MARTUNI_ARMENIA


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "123", "!!!"])
def test_empty_or_letterless_queries_give_no_results(sample_gazetteer, query):
    assert sample_gazetteer.search(query) == []


def test_a_100kb_line_does_not_crash(sample_gazetteer):
    assert isinstance(sample_gazetteer.search("زنغلان " * 15000), list)


def test_nothing_fits(sample_gazetteer):
    assert sample_gazetteer.search("Xqzvvprt") == []


def test_scores_are_ordered_and_bounded(default_gazetteer):
    matches = default_gazetteer.search("غنجة", limit=5)
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)


def test_limit(default_gazetteer):
    assert len(default_gazetteer.search("Baku", limit=2)) == 2
    assert default_gazetteer.search("Baku", limit=0) == []


def test_place_lookup_with_names(default_gazetteer):
    place = default_gazetteer.place(146901, with_names=True)
    assert place.name == "Zangilan"
    assert "Зангелан" in {n.text for n in place.names}
    assert default_gazetteer.place(-1) is None


def test_plain_forms_as_translate_gives_them():
    import random

    from gazetteer.retrieval import _PLAIN, plain, prefilter

    rng = random.Random(4)
    symbols = "".join(chr(k) for k in _PLAIN) + "abtdshkqz'ħʕ@H\x1f"
    for _ in range(500):
        text = "".join(rng.choices(symbols, k=rng.randint(0, 30)))
        assert plain(text) == text.translate(_PLAIN)
    forms = ["ʈalib", "tAlib", "t@lib", "dalib", "ħalab", "halab", "ʕaliya", "'aliya"] * 20 + ["x\x1fy"]
    kept = prefilter("talib", forms, 5)
    assert len(kept) == 5 and forms[kept[0]] in ("ʈalib", "tAlib", "t@lib")
    clean = forms[:-1]  # plain forms made beforehand give the same positions
    assert prefilter("talib", clean, 5, [plain(f) for f in clean]) == prefilter("talib", clean, 5)
