"""The trie walker and the shortcuts that make matching quick: each must give what the plain way gives."""

from __future__ import annotations

import pytest

from gazetteer import fold
from geo.lang import get_language
from geo.nlp.lexicon import lexicon_of
from geo.nlp.patterns import END, add, add_pattern, expand, node_view
from geo.nlp.tokens import tokenize
from geo.nlp.words import Words

# Words of several scripts, folded and not, with marks, case and punctuation.
_WORDS = ["Übersee", "straße", "ΣΟΦΟΣ", "ДОМ", "دار", "الدارُ", "وبالمدينة", "x'", "(", "1,000", "s", "İzmir", "ǅemal"]


def test_folding_keeps_words_apart():
    """``Lexicon._demonym_pair`` skips refolding two folded words joined by a space."""
    folded = [f for f in (fold(w) for w in _WORDS) if f and fold(f) == f]
    assert len(folded) > 8
    for a in folded:
        for b in folded:
            assert fold(a + " " + b) == a + " " + b


@pytest.mark.parametrize("code", ["ar", "en"])
def test_two_word_nationalities_as_the_plain_lookup(code):
    lex = lexicon_of(get_language(code))
    pairs = [("south", "african"), ("north", "korean"), ("sri", "lankans"), ("(", "american"), ("U", "S")]
    pairs += [("جبل", "اسودي"), ("والجبل", "الاسوديين"), ("x", "y"), ("(", "سوري")]
    for a, b in pairs:
        expected = lex.demonym(a + " " + b)
        lex.forget()
        assert lex._demonym_pair(a, b) == expected, (a, b)
    assert lexicon_of(get_language("en"))._demonym_pair("south", "african") == "ZA"


def test_patterns_added_part_by_part_make_the_same_trie():
    macros = {"@M": ["ministry|office", "(press service)"]}
    patterns = ["[the] @M of [the] {country} [army]", "=X ^Y ~ *", "a|b [c|d e] [f]", "[only|optional]"]
    plain: dict = {}
    shared: dict = {}
    count = 0
    for n, pattern in enumerate(patterns):
        for seq in expand(pattern, macros):
            if seq:
                add(plain, seq, (count, n))
                count += 1
    last = 0
    for n, pattern in enumerate(patterns):
        last = add_pattern(shared, pattern, macros, n, last)
    assert last == count and repr(shared) == repr(plain)
    assert shared["the"]["ministry"]["of"]["{country}"][END][0][1] == 0


def test_node_view_sorts_keys_by_kind():
    root: dict = {}
    count = 0
    for pattern in ("=Foo one", "^bar two", "{actor} three", "{demonym} four", "word"):
        count = add_pattern(root, pattern, {}, "x", count)
    view = node_view(root)
    assert set(view.marked) == {"foo"} and set(view.capital) == {"bar"}
    assert view.actor is root["{actor}"] and view.demonym is root["{demonym}"] and view.star is None


def test_word_views_of_one_word_tokens_and_of_split_tokens_agree():
    en = get_language("en")
    simple = Words(tokenize("Troops left the town", offset=10, language=en), base=10)
    assert simple.words == ["troops", "left", "the", "town"] and simple.tok == [0, 1, 2, 3]
    assert simple.first == [True] * 5 and simple.at_token == [0, 1, 2, 3, 4]
    assert [(p.start, p.end) for p in simple.pieces] == [(0, 6), (7, 11), (12, 15), (16, 20)]
    mixed = Words(tokenize("The U.S. town's 10-12 troops", language=en))
    assert mixed.words == ["the", "u", "s", "town", "s", "10", "-", "12", "troops"]
    assert mixed.at_token == [0, 1, 3, 3, 5, 8, 9] and mixed.first[:3] == [True, True, False]


def test_nested_actors_found_at_every_depth():
    """The walk without the root's {actor} slot is shared by depths only when nothing in it nests."""
    lex = lexicon_of(get_language("en"))
    tokens = tokenize("A spokesman for the Armenian Ministry of Defence said", language=lex.language)
    found = lex.actors_in(Words(tokens))
    assert [(m.start, m.end, m.side) for m in found] == [(0, 8, "AM")]
    assert "Spokesperson" in found[0].canonical and "Armenia" in found[0].canonical
