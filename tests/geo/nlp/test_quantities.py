"""Quantities: numbers in any script and in words, Arabic duals, the thing counted, what happened to it."""

import pytest

from geo.lang import get_language
from geo.model import Quantity
from geo.nlp.quantities import fatalities, find_quantities

AR = get_language("ar")


def q(sentence: str, lang: str = "ar") -> list[dict]:
    return [x.as_dict() for x in find_quantities(sentence, language=get_language(lang))]


def triples(sentence: str, lang: str = "ar") -> list[tuple]:
    return [(x.value, x.item, x.action) for x in find_quantities(sentence, language=get_language(lang))]


# --- The seed article (published Tuesday 2020-10-20) ---------------------------------------------


def test_seed_dual_drones_downed():
    s = (
        "أعلنت وزارة الدفاع بأذربيجان، الثلاثاء، إسقاط طائرتين مسيّرتين تابعتين للقوات الأرمينية قرب قرية "
        "تاب قره قويونلو ومدينة غنجة."
    )
    found = find_quantities(s, language=AR)
    assert [x.as_dict() for x in found] == [{"value": 2, "item": "drone", "action": "downed"}]
    assert found[0].text == "طائرتين مسيّرتين"
    assert s[found[0].start : found[0].end] == found[0].text


def test_seed_model_name_is_not_a_count():
    s = "كما أعلن الرئيس الأذري إلهام علييف تدمير قواته منظومة إس 300 روسية الصنع تابعة لأرمينيا."
    assert q(s) == []


def test_seed_list_with_glued_conjunction_and_ellipsis():
    s = (
        "وأضاف أن جيش بلاده دمر 50 مدرعة، و241 دبابة، واستولى على 39 أخرى، إلى جانب تدمير كميات أخرى كبيرة "
        "من الذخائر والأسلحة والمعدات العسكرية التابعة للقوات الأرمينية."
    )
    assert triples(s) == [(50, "armoured_vehicle", "destroyed"), (241, "tank", "destroyed"), (39, "tank", "captured")]
    assert [x.text for x in find_quantities(s, language=AR)] == ["50 مدرعة", "241 دبابة", "39 أخرى"]


def test_seed_toll_more_than():
    s = (
        "وذكرت وكالة الأناضول أن حصيلة قتلى هجمات الجيش الأرميني في المناطق الأذربيجانية ارتفعت إلى أكثر من "
        "60 شخصا حتى الثلاثاء."
    )
    found = find_quantities(s, language=AR)
    assert [x.as_dict() for x in found] == [{"value": 60, "item": "person", "action": "killed", "qualifier": "min"}]
    assert fatalities(found, AR) == 60


def test_seed_soldiers_killed_and_vehicles_destroyed():
    s = "كما قالت وزارة الدفاع الأرمينية إن قواتها قتلت 150 عنصرا من الجيش الأذري، ودمرت 12 عربة مصفحة."
    found = find_quantities(s, language=AR)
    assert triples(s) == [(150, "soldier", "killed"), (12, "armoured_vehicle", "destroyed")]
    assert fatalities(found, AR) == 150


def test_seed_soldiers_and_civilians_killed_verb_before_and_after():
    s = "وكانت يريفان أعلنت مقتل 710 جنود أرمينيين و36 مدنيا في القتال، في حين تقول باكو إن 60 مدنيا أذريا قتلوا."
    assert triples(s) == [(710, "soldier", "killed"), (36, "civilian", "killed"), (60, "civilian", "killed")]


def test_seed_day_numbers_are_not_counts():
    s = (
        "وشدد الرئيسان في الاتصال على ضرورة امتثال الأطراف المتحاربة لاتفاقات وقف إطلاق النار، التي تم التوصل "
        "إليها في العاشر و17 من هذا الشهر."
    )
    assert q(s) == []


def test_seed_cities_counted_without_an_action_are_skipped():
    s = (
        "وفي تطور آخر، أعلنت الوزارة رفع العلم في مركز مدينة زنغلان في محيط قره باغ، التي استعادتها في وقت سابق "
        "الثلاثاء، لتكون المدينة الثالثة من أصل 7 مدن تحتلها أرمينيا."
    )
    assert q(s) == []


# --- Numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("أسقطت الدفاعات الجوية ١٢ صاروخا.", 12),  # Arabic-Indic digits
        ("أسقطت الدفاعات الجوية ۱۲ صاروخا.", 12),  # Persian digits
        ("قتل ١٬٢٠٠ مسلح.", 1200),  # Arabic thousands separator
        ("Rebels said 1,200 fighters were killed.", 1200),
        ("قتل نحو 3 آلاف مسلح.", 3000),
        ("نزح 1.5 مليون شخص.", 1_500_000),
        ("أصيب ثلاثة عشر مدنيا.", 13),
        ("قتل خمسة وعشرون عنصرا.", 25),
        ("قتل أحد عشر جنديا.", 11),
        ("دمرت القوات ثلاثمئة وخمسين آلية.", 350),
        ("قتل عشرة آلاف مقاتل.", 10000),
        ("He said one hundred and five soldiers died.", 105),
        ("Twenty-five civilians were wounded.", 25),
        ("A dozen drones were shot down.", 12),
        ("Two thousand troops were captured.", 2000),
    ],
)
def test_number_forms(sentence, value):
    lang = "en" if sentence.isascii() else "ar"
    assert [x.value for x in find_quantities(sentence, language=get_language(lang))] == [value]


@pytest.mark.parametrize(
    "sentence",
    [
        "قتل عشرات المدنيين وأصيب مئات آخرون.",  # vague counts
        "Dozens of civilians were killed and hundreds wounded.",
        "The S-300 system and an F-16 jet were destroyed, along with a Bayraktar TB2 and a Su-25.",
        "أسقطت الدفاعات طائرة إف 16 ومنظومة إس-300.",
        "وقع الانفجار الساعة 10 صباحا على بعد 5 كيلومترات من المدينة.",
        "قتل في عام 2020 أكثر من المتوقع بحسب القرار 2254.",
        "Prices of 7 km of road rose 15% in 2020.",
        "Armenia says 7 cities and three villages are occupied.",
        "أطلقت الوزارة صورا لدبابات ومسيرات مدمرة.",  # items without numbers
    ],
)
def test_not_quantities(sentence):
    assert q(sentence, "en" if sentence.isascii() else "ar") == []


# --- Duals and numbers after the noun ---------------------------------------------------------------


def test_arabic_duals_mean_two():
    s = "أعلن الجيش إسقاط مروحيتين وتدمير صاروخين ودبابتين، ومقتل جنديين."
    assert triples(s) == [
        (2, "helicopter", "downed"),
        (2, "missile", "destroyed"),
        (2, "tank", "destroyed"),
        (2, "soldier", "killed"),
    ]


def test_sound_plural_is_not_a_dual():
    assert triples("قتل 5 مدنيين وأصيب 3 عسكريين.") == [(5, "civilian", "killed"), (3, "soldier", "wounded")]
    assert q("استهدفت القوات مدنيين في المدينة.") == []


def test_number_after_the_noun():
    assert triples("دمرت القوات دبابة واحدة وأسرت جنديين اثنين.") == [
        (1, "tank", "destroyed"),
        (2, "soldier", "captured"),
    ]


# --- Items, actions and qualifiers ---------------------------------------------------------------


def test_english_verbs_before_and_after():
    s = "Azerbaijan said its forces shot down two Armenian drones and destroyed 12 armoured vehicles."
    assert triples(s, "en") == [(2, "drone", "downed"), (12, "armoured_vehicle", "destroyed")]
    s = "At least 12 people were killed and 30 wounded in the shelling."
    assert q(s, "en") == [
        {"value": 12, "item": "person", "action": "killed", "qualifier": "min"},
        {"value": 30, "item": "person", "action": "wounded"},
    ]


def test_coordinated_counts_share_a_following_verb():
    s = "The ministry said 710 soldiers and 36 civilians had been killed."
    assert triples(s, "en") == [(710, "soldier", "killed"), (36, "civilian", "killed")]
    s = "3 tanks, 4 drones and 2 helicopters were destroyed."
    assert [x.action for x in find_quantities(s, language=get_language("en"))] == ["destroyed"] * 3


def test_verb_of_another_clause_is_not_taken():
    assert triples("Azerbaijan destroyed 5 tanks and killed 30 soldiers.", "en") == [
        (5, "tank", "destroyed"),
        (30, "soldier", "killed"),
    ]
    assert triples("قتل خمسة جنود وأصيب ثلاثة آخرون بجروح.") == [(5, "soldier", "killed"), (3, "soldier", "wounded")]


def test_places_count_with_an_action():
    s = "استعادت القوات السيطرة على 7 قرى وبلدتين."
    assert triples(s) == [(7, "village", "captured"), (2, "town", "captured")]
    assert triples("Rebels captured three villages.", "en") == [(3, "village", "captured")]


@pytest.mark.parametrize(
    "sentence, qualifier",
    [
        ("قتل ما لا يقل عن 60 شخصا.", "min"),
        ("قتل 60 شخصا على الأقل.", "min"),
        ("اعتقلت الشرطة نحو عشرين شخصا.", "approx"),
        ("نزح حوالي 500 شخص.", "approx"),
        ("قد يصل عدد المصابين إلى ما يصل إلى 40 جريحا.", "max"),
        ("Up to 40 people were injured.", "max"),
        ("Some 300 civilians were evacuated.", "approx"),
        ("Militants killed more than 150 soldiers.", "min"),
        ("Soldiers killed 150 militants.", None),
    ],
)
def test_qualifiers(sentence, qualifier):
    found = find_quantities(sentence, language=get_language("en" if sentence.isascii() else "ar"))
    assert len(found) == 1
    assert found[0].qualifier == qualifier
    assert ("qualifier" in found[0].as_dict()) == (qualifier is not None)


def test_nouns_that_carry_their_action():
    assert triples("سقط 5 قتلى و12 جريحا في القصف.") == [(5, "person", "killed"), (12, "person", "wounded")]
    assert triples("The attack left 5 dead.", "en") == [(5, "person", "killed")]


# --- Fatalities -------------------------------------------------------------------------------------


def test_fatalities_sum_people_killed_only():
    found = find_quantities("قتلت القوات 20 جنديا و5 مدنيين ودمرت 3 دبابات وأصيب 10 أشخاص.", language=AR)
    assert fatalities(found, AR) == 25


def test_fatalities_do_not_add_a_part_again():
    found = find_quantities("قتل 10 أشخاص بينهم 3 أطفال، وأصيب 20 آخرون.", language=AR)
    assert triples("قتل 10 أشخاص بينهم 3 أطفال، وأصيب 20 آخرون.") == [
        (10, "person", "killed"),
        (3, "child", "killed"),
        (20, "person", "wounded"),
    ]
    assert [x.part for x in found] == [False, True, False]
    assert fatalities(found, AR) == 10


def test_fatalities_none_without_killed_people():
    assert fatalities(find_quantities("دمرت القوات 3 دبابات.", language=AR), AR) is None
    assert fatalities([], AR) is None
    toll = find_quantities("The death toll rose to 60.", language=get_language("en"))
    assert [(x.value, x.item, x.action) for x in toll] == [(60, None, "killed")]
    assert fatalities(toll, get_language("en")) == 60


def test_as_dict_and_offsets():
    s = "Armenian forces killed more than 150 Azerbaijani troops."
    (found,) = find_quantities(s, language=get_language("en"))
    assert isinstance(found, Quantity)
    assert found.text == "more than 150 Azerbaijani troops" == s[found.start : found.end]
    assert found.as_dict() == {"value": 150, "item": "soldier", "action": "killed", "qualifier": "min"}


def test_a_language_without_pack_counts_nothing():
    # counts need the pack's words for what is counted: with none, a number is only a number
    from geo.lang import neutral_language

    assert find_quantities("Ermenistan 12 tank imha etti", language=neutral_language("tr")) == []
    assert q("", "ar") == []


def test_unknown_nouns_and_peoples():
    assert triples("قتل 5 أشخاص في 3 هجمات منفصلة.") == [(5, "person", "killed")]
    assert triples("قتل 3 فلسطينيين برصاص الجيش، واعتقل 15 آخرين.") == [
        (3, "person", "killed"),
        (15, "person", "arrested"),
    ]
    assert triples("Israel said it struck 120 targets and killed 5 Palestinians.", "en") == [
        (120, "target", "struck"),
        (5, "person", "killed"),
    ]


def test_construct_dual_and_conjunction_after_number():
    assert triples("ودمرت القوات 3 آليات عسكرية ومنصتي صواريخ.") == [
        (3, "vehicle", "destroyed"),
        (2, "rocket_launcher", "destroyed"),
    ]
    assert triples("تضم الفرقة 5 آلاف جندي.") == [(5000, "soldier", None)]


def test_digit_groups_with_dots_and_commas():
    assert triples("قتل 1.000 جندي.") == [(1000, "soldier", "killed")]
    assert triples("Rebels said 1.200 fighters and 3,000 civilians were killed on 12 October 2020.", "en") == [
        (1200, "fighter", "killed"),
        (3000, "civilian", "killed"),
    ]
