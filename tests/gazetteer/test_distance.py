"""Weighted phonetic similarity and retrieval keys."""

import os
import random

import pytest

from gazetteer.distance import (
    _c_table,
    _costs,
    _dp_py,
    _indel_costs,
    backend,
    coarse_key,
    distance,
    key_variants,
    similarities,
    similarity,
)
from gazetteer.translit import _collapse, phonetic


def sim(query, candidate):
    return similarity(phonetic(query), phonetic(candidate), abjad=True)


def test_identical_forms_are_fully_similar():
    assert similarity("ganja", "ganja") == 1.0


def test_unwritten_short_vowels_are_nearly_free_against_an_abjad():
    assert sim("زنغلان", "Zangilan") > 0.9
    assert sim("قوبادلي", "Qubadli") > 0.9
    assert similarity(phonetic("زنغلان"), phonetic("Zangilan"), abjad=False) < sim("زنغلان", "Zangilan")


def test_right_name_beats_lookalikes():
    assert sim("غنجة", "Ganja") > sim("غنجة", "Guinea")
    assert sim("مارتوني", "Martuni") > sim("مارتوني", "Mauritania")
    assert sim("الطويلة", "Aţ Ţawīlah") > sim("الطويلة", "Toila")


def test_unrelated_names_are_dissimilar():
    assert sim("زنغلان", "Washington") < 0.5
    assert sim("باكو", "Kherson") < 0.5


def test_empty_names():
    assert similarity("", "abc") == 0.0
    assert similarity("abc", "") == 0.0


def test_floor_allows_early_exit_without_changing_good_scores():
    q, c = phonetic("زنغلان"), phonetic("Zangilan")
    assert similarity(q, c, abjad=True, floor=0.6) == similarity(q, c, abjad=True)
    assert similarity(q, phonetic("Washington"), abjad=True, floor=0.6) < 0.6


def test_key_variants_cover_one_edit_for_long_keys_only():
    assert key_variants("bk") == {"bk"}
    assert key_variants("bsr") == {"bsr"}
    variants = key_variants("znkln")
    assert {"znkln", "zkln", "znklmn", "snkln"} <= variants
    assert coarse_key(phonetic("Zangelan")) in variants


def test_key_variants_of_coarse_keys_are_every_edit_merged():
    """The closed form for coarse keys gives the definition: every one-symbol edit, repeats merged."""
    import random

    from gazetteer.distance import _key_alphabet
    from gazetteer.translit import _collapse

    alphabet = _key_alphabet()
    rng = random.Random(7)
    for _ in range(300):
        key = _collapse("".join(rng.choices(alphabet[:5] if rng.random() < 0.5 else alphabet, k=rng.randint(4, 11))))
        if len(key) <= 3:
            continue
        edits = {key}
        for i in range(len(key)):
            edits.update(key[:i] + ch + key[i + 1 :] for ch in alphabet)
            edits.add(key[:i] + key[i + 1 :])
        for i in range(len(key) + 1):
            edits.update(key[:i] + ch + key[i:] for ch in alphabet)
        assert key_variants(key) == {_collapse(k) for k in edits if k}, key


# -- the compiled distance against the original pure-Python code --------------------------------
# The implementation of ``similarity`` as it was before the compiled one, kept (but for names) as
# the reference: every backend must give its results to within 1e-9, early exit included.


def _ref_sub_row(ch):
    row = {y: c for (x, y), c in _costs().sub.items() if x == ch}
    row[ch] = 0.0
    return row


def _ref_indel_costs(pf, abjad_side):
    costs = _costs()
    out = []
    prev = ""
    for ch in pf:
        c = costs.indel.get(ch, 1.0)
        if (prev, ch) in costs.after:
            c = min(c, costs.after[(prev, ch)])
        if abjad_side and ch in costs.abjad:
            c = min(c, costs.abjad[ch])
        out.append(c)
        prev = ch
    weight = costs.weight
    length = sum(min(weight.get(ch, 1.0), c) for ch, c in zip(pf, out, strict=True))
    return tuple(out), length


def _ref_similarity(query, candidate, abjad=False, floor=0.0):
    if not query or not candidate:
        return 0.0
    dist, norm = _ref_distance(query, candidate, abjad, floor)
    return max(0.0, 1.0 - dist / norm) if norm else 0.0


def _ref_distance(query, candidate, abjad, floor=0.0):
    dels, qlen = _ref_indel_costs(query, False)
    ins, clen = _ref_indel_costs(candidate, abjad)
    norm = max(qlen, clen)
    limit = (1.0 - floor) * norm if floor > 0 else float("inf")
    prev = [0.0]
    total = 0.0
    for c in ins:
        total += c
        prev.append(total)
    n = len(candidate)
    for i, qc in enumerate(query):
        row = _ref_sub_row(qc)
        d = dels[i]
        left = prev[0] + d
        cur = [left]
        for j in range(n):
            s = prev[j] + row.get(candidate[j], 1.0)
            a = prev[j + 1] + d
            if a < s:
                s = a
            b = left + ins[j]
            if b < s:
                s = b
            cur.append(s)
            left = s
        if min(cur) > limit:
            return float("inf"), norm
        prev = cur
    return prev[-1], norm


_OWN_NAMES = [  # names of our own choosing, in the scripts the index romanises
    "زنغلان",
    "قوبادلي",
    "الطويلة",
    "باكو",
    "غنجة",
    "Zangilan",
    "Aţ Ţawīlah",
    "Ganja",
    "Guinea",
    "Mauritania",
    "Martuni",
    "Washington",
    "Kherson",
    "Зангелан",
    "Херсон",
    "Гянджа",
    "Ստեփանակերտ",
    "Մարտունի",
    "განჯა",
    "თბილისი",
    "Θεσσαλονίκη",
    "Αθήνα",
    "ירושלים",
    "חיפה",
    "Şuşa",
    "Ağdam",
    "Füzuli",
    "Xankəndi",
    "Nagorno-Karabakh",
    "St. Petersburg",
]


def _random_forms(rng, n):
    """Random strings over the cost model's symbols, plus a few symbols it does not list."""
    costs = _costs()
    alphabet = sorted({x for x, _ in costs.sub} | set(costs.indel) | set(costs.abjad) | set("qxzé ß-ツ"))
    return ["".join(rng.choices(alphabet, k=rng.randint(1, 14))) for _ in range(n)]


def _index_forms(gazetteer, n):
    """Phonetic forms of names in the default index, spread over its rows (every script it has)."""
    con = gazetteer._reader.con
    (count,) = con.execute("SELECT COUNT(*) FROM names").fetchone()
    step = max(1, count // n)
    rows = con.execute("SELECT name FROM names WHERE rowid % ? = 0 LIMIT ?", (step, n)).fetchall()
    return [f for f in (phonetic(name) for (name,) in rows) if f]


def _check_pairs(pairs, floors=(0.0, 0.62, 0.8, 0.95)):
    checked = 0
    for q, c in pairs:
        for abjad in (False, True):
            want = [_ref_similarity(q, c, abjad, floor) for floor in floors]
            got = [similarity(q, c, abjad=abjad, floor=floor) for floor in floors]
            assert all(abs(a - b) <= 1e-9 for a, b in zip(got, want, strict=True)), (q, c, abjad, got, want)
            want_d = _ref_distance(q, c, abjad)[0]
            assert abs(distance(q, c, abjad=abjad) - want_d) <= 1e-9, (q, c, abjad)
            checked += len(floors)
    return checked


def test_backend_is_compiled_on_ci():
    # CI installs the package with a C compiler: the compiled distance must have been built there.
    if os.environ.get("CI") and not os.environ.get("GAZETTEER_PURE_PYTHON"):
        assert backend() == "c"
    assert backend() in ("c", "python")


def test_same_similarities_as_the_reference_on_random_forms():
    rng = random.Random(14)
    forms = _random_forms(rng, 400)
    pairs = [(rng.choice(forms), rng.choice(forms)) for _ in range(1500)]
    pairs += [(f, f) for f in forms[:50]] + [(f, f[::-1]) for f in forms[50:100]]
    assert _check_pairs(pairs) == len(pairs) * 8


def test_same_similarities_as_the_reference_on_own_names():
    forms = [phonetic(n) for n in _OWN_NAMES]
    assert _check_pairs([(q, c) for q in forms for c in forms]) == len(forms) ** 2 * 8


def test_same_similarities_as_the_reference_on_index_names(default_gazetteer):
    rng = random.Random(7)
    forms = _index_forms(default_gazetteer, 3000)
    assert len(forms) > 1000
    pairs = [(rng.choice(forms), rng.choice(forms)) for _ in range(2000)]
    # Pairs as retrieval makes them: a name against the forms of its own key and neighbouring keys.
    for q in rng.sample(forms, 40):
        keys = key_variants(coarse_key(q))
        pairs += [(q, c) for c in list(default_gazetteer._reader.by_keys(keys))[:60]]
    assert _check_pairs(pairs) > 20_000


def test_indel_costs_as_the_reference():
    rng = random.Random(2)
    table = _c_table()
    for form in _random_forms(rng, 300) + [phonetic(n) for n in _OWN_NAMES] + ["", "ng", "dz", "nga"]:
        for side in (False, True):
            want = _ref_indel_costs(form, side)
            assert _indel_costs(form, side)[0] == want[0]
            assert abs(_indel_costs(form, side)[1] - want[1]) <= 1e-9
            if table is not None:
                got = table.indel_costs(form, side)
                assert got[0] == want[0] and abs(got[1] - want[1]) <= 1e-9, form


def test_batch_similarities_equal_single_ones():
    rng = random.Random(3)
    forms = [phonetic(n) for n in _OWN_NAMES] + _random_forms(rng, 50) + [""]
    for q in forms[:20] + [""]:
        for abjad, floor in ((False, 0.0), (True, 0.62)):
            want = [_ref_similarity(q, c, abjad, floor) for c in forms]
            got = similarities(q, forms, abjad=abjad, floor=floor)
            assert all(abs(a - b) <= 1e-9 for a, b in zip(got, want, strict=True)), q


def test_floor_exit_gives_zero_only_below_the_floor():
    # Early exit may only drop candidates that could not reach the floor: every similarity at or
    # above it is exact, every one below is exact or 0.
    rng = random.Random(5)
    forms = _random_forms(rng, 200) + [phonetic(n) for n in _OWN_NAMES]
    exits = 0
    for _ in range(1500):
        q, c = rng.choice(forms), rng.choice(forms)
        full = similarity(q, c, abjad=True)
        cut = similarity(q, c, abjad=True, floor=0.62)
        assert cut == full if full >= 0.62 else cut in (0.0, full)
        exits += cut == 0.0 < full
    assert exits > 100  # the early exit does happen


def test_long_forms_beyond_the_stack_buffers():
    long_q = phonetic("Zangilan " * 30)
    long_c = phonetic("Zangelan " * 31)
    assert len(long_q) > 128
    for q, c in ((long_q, long_c), ("gnja", long_c), (long_c, "gnja"), (long_q, long_q)):
        for floor in (0.0, 0.62):
            assert abs(similarity(q, c, floor=floor) - _ref_similarity(q, c, False, floor)) <= 1e-9
        assert abs(distance(q, c) - _ref_distance(q, c, False)[0]) <= 1e-9


def test_pure_python_fallback_gives_the_same_results():
    rng = random.Random(11)
    forms = _random_forms(rng, 100) + [phonetic(n) for n in _OWN_NAMES]
    for _ in range(300):
        q, c = rng.choice(forms), rng.choice(forms)
        dels, qlen = _indel_costs(q, False)
        ins, clen = _indel_costs(c, True)
        norm = max(qlen, clen)
        for floor in (0.0, 0.62, 0.9):
            limit = (1.0 - floor) * norm if floor > 0 else float("inf")
            assert _dp_py(q, c, dels, ins, limit) == _ref_distance(q, c, True, floor)[0]


def test_the_compiled_table_checks_its_arguments():
    table = _c_table()
    if table is None:
        pytest.skip("the compiled distance is not built here")
    with pytest.raises(TypeError):
        table.similarities("ab", ["ab"], True)
    with pytest.raises(TypeError):
        table.similarities("ab", ["ab", 3], True, 0.0)
    with pytest.raises(TypeError):
        table.distance(b"ab", "ab", False, 0.0)
    assert table.similarities("ab", [], False, 0.0) == []
    assert table.similarities("ab", ["ab", "", "ba"], False, 0.0)[:2] == [1.0, 0.0]
    assert table.distance("ab", "ab", False, 0.0) == (0.0, _ref_indel_costs("ab", False)[1])


def _ref_key_variants(key):
    out = {key}
    n = len(key)
    if n <= 3:
        return out
    alphabet = "".join(sorted(set(_costs().classes.values())))
    for i in range(n):
        for ch in alphabet:
            out.add(key[:i] + ch + key[i + 1 :])
    for i in range(n):
        out.add(key[:i] + key[i + 1 :])
    for i in range(n + 1):
        for ch in alphabet:
            out.add(key[:i] + ch + key[i:])
    return {_collapse(k) for k in out if k}


def test_key_variants_as_the_reference():
    rng = random.Random(9)
    alphabet = sorted(set(_costs().classes.values()))
    keys = ["".join(rng.choices(alphabet, k=rng.randint(1, 9))) for _ in range(600)]
    keys += [coarse_key(phonetic(n)) for n in _OWN_NAMES] + ["kkrr", "abab", "aab", "znkln"]
    assert sum(_collapse(k) != k for k in keys) > 50  # keys with doubled symbols take the slow path
    for key in keys:
        assert key_variants(key) == _ref_key_variants(key), key
