"""Event dates: weekdays, relative days, explicit dates, resolved against the publication date."""

import datetime as dt

import pytest

from geo.lang import get_language
from geo.nlp.dates import EventDate, date_spans, event_date, find_dates
from geo.nlp.phrases import PhraseTable

PUB = dt.date(2020, 10, 20)  # the seed article: a Tuesday
D = dt.date


def dates(sentence: str, published: dt.date | None = PUB, lang: str | None = None) -> list[tuple[dt.date, int]]:
    lang = lang or ("en" if sentence.isascii() else "ar")
    return [(d.date, d.precision) for d in find_dates(sentence, published, language=get_language(lang))]


# --- The seed article -------------------------------------------------------------------------------


def test_seed_weekday_is_the_publication_day():
    s = "أعلنت وزارة الدفاع بأذربيجان، الثلاثاء، إسقاط طائرتين مسيّرتين تابعتين للقوات الأرمينية قرب قرية تاب قره قويونلو."
    found = event_date(s, PUB, language=get_language("ar"))
    assert found == EventDate(D(2020, 10, 20), 1, "الثلاثاء", s.index("الثلاثاء"), s.index("الثلاثاء") + 8)


def test_seed_two_days_of_this_month():
    s = (
        "وشدد الرئيسان في الاتصال على ضرورة امتثال الأطراف المتحاربة لاتفاقات وقف إطلاق النار، التي تم التوصل "
        "إليها في العاشر و17 من هذا الشهر."
    )
    assert dates(s) == [(D(2020, 10, 10), 1), (D(2020, 10, 17), 1)]
    assert event_date(s, PUB, language=get_language("ar")).date == D(2020, 10, 10)


def test_seed_next_friday():
    s = (
        "وأكد حكمت حجييف مساعد رئيس أذربيجان مشاركة بلاده في الاجتماع الذي دُعيت إليه أرمينيا في الولايات المتحدة "
        "يوم الجمعة القادم."
    )
    found = event_date(s, PUB, language=get_language("ar"))
    assert (found.date, found.precision, found.text) == (D(2020, 10, 23), 1, "يوم الجمعة القادم")


# --- Weekdays ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("قصفت القوات القرية الأحد.", D(2020, 10, 18)),
        ("وقع الهجوم يوم الاثنين.", D(2020, 10, 19)),
        ("وقع الهجوم يوم اثنين.", D(2020, 10, 19)),  # a weak form after يوم
        ("قال الجيش الأربعاء إن ...", D(2020, 10, 14)),  # the Wednesday before publication
        ("أعلنت الوزارة بالثلاثاء.", D(2020, 10, 20)),
        ("ستعقد الجولة يوم الخميس المقبل.", D(2020, 10, 22)),
        ("وقع الهجوم الثلاثاء الماضي.", D(2020, 10, 13)),
        ("The ministry said on Tuesday that ...", D(2020, 10, 20)),
        ("Talks will resume next Tuesday.", D(2020, 10, 27)),
        ("Fighting resumed on Sunday.", D(2020, 10, 18)),
        ("Sunday's attack killed two.", D(2020, 10, 18)),
        ("Shelling last Tuesday hit the town.", D(2020, 10, 13)),
    ],
)
def test_weekdays(sentence, expected):
    assert dates(sentence) == [(expected, 1)]


def test_night_into_the_next_day_is_the_later_day():
    assert dates("قصفت القوات المدينة ليل السبت الأحد.") == [(D(2020, 10, 18), 1)]
    assert dates("قصفت القوات المدينة ليلة السبت إلى الأحد.") == [(D(2020, 10, 18), 1)]
    assert dates("Shelling overnight Saturday to Sunday killed two.") == [(D(2020, 10, 18), 1)]
    assert dates("Shelling on Saturday night into Sunday killed two.") == [(D(2020, 10, 18), 1)]


def test_one_without_al_is_not_sunday():
    assert dates("قتل أحد الجنود واثنين من المدنيين.") == []


# --- Relative days, weeks, months -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("أعلنت الوزارة اليوم مقتل جنديين.", (D(2020, 10, 20), 1)),
        ("قصفت القوات المدينة أمس.", (D(2020, 10, 19), 1)),
        ("قصفت القوات المدينة مساء البارحة.", (D(2020, 10, 19), 1)),
        ("قصفت القوات المدينة أول أمس.", (D(2020, 10, 18), 1)),
        ("دوت انفجارات الليلة الماضية.", (D(2020, 10, 19), 1)),
        ("Explosions were heard last night.", (D(2020, 10, 19), 1)),
        ("The army said yesterday that ...", (D(2020, 10, 19), 1)),
        ("وقع الهجوم الأسبوع الماضي.", (D(2020, 10, 13), 2)),
        ("The attack happened last week.", (D(2020, 10, 13), 2)),
        ("تصاعد القتال هذا الشهر.", (D(2020, 10, 20), 3)),
        ("Fighting escalated this month.", (D(2020, 10, 20), 3)),
        ("بدأت المعارك الشهر الماضي.", (D(2020, 9, 15), 3)),
        ("Fighting began last month.", (D(2020, 9, 15), 3)),
        ("تحتل القوات المنطقة منذ أبريل الماضي.", (D(2020, 4, 15), 3)),
        ("The forces have held the area since last April.", (D(2020, 4, 15), 3)),
        ("اندلعت المعارك في أكتوبر.", (D(2020, 10, 20), 3)),
        ("اندلعت المعارك في شهر آب.", (D(2020, 8, 15), 3)),
    ],
)
def test_relative(sentence, expected):
    assert dates(sentence) == [expected]


def test_the_next_day_is_not_today():
    assert dates("وفي اليوم التالي انسحبت القوات.") == []


def test_day_of_this_month_in_english():
    assert dates("The truce agreed on the 17th of this month collapsed.") == [(D(2020, 10, 17), 1)]
    assert dates("The truce agreed on the 10th and 17th of last month.") == [(D(2020, 9, 10), 1), (D(2020, 9, 17), 1)]


# --- Explicit dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("بدأت الحرب في 27 أيلول.", D(2020, 9, 27)),
        ("بدأت الحرب في 27 سبتمبر.", D(2020, 9, 27)),
        ("وقعت الهدنة في 17 تشرين الأول.", D(2020, 10, 17)),
        ("وقعت الهدنة في ١٧ تشرين الأول.", D(2020, 10, 17)),
        ("وقعت الهدنة في العاشر من أكتوبر.", D(2020, 10, 10)),
        ("وقعت الهدنة في الحادي والعشرين من أيلول.", D(2020, 9, 21)),
        ("وقعت الهدنة في 10 أكتوبر/تشرين الأول 2019.", D(2019, 10, 10)),
        ("اندلعت الحرب في 12 ديسمبر.", D(2019, 12, 12)),  # not after publication: last year
        ("ستجري الانتخابات في 25 أكتوبر.", D(2020, 10, 25)),  # within a few days after publication
        ("The truce was agreed on 10 October.", D(2020, 10, 10)),
        ("The truce was agreed on October 10, 2020.", D(2020, 10, 10)),
        ("The war began on September 27th.", D(2020, 9, 27)),
        ("The truce was agreed on 2020-10-10.", D(2020, 10, 10)),
        ("وقعت الهدنة في 10/10/2020.", D(2020, 10, 10)),
    ],
)
def test_explicit(sentence, expected):
    assert dates(sentence) == [(expected, 1)]


def test_range_of_days():
    assert dates("Fighting raged on 10-12 October.") == [(D(2020, 10, 10), 2)]
    assert dates("دارت المعارك من 10 إلى 12 أكتوبر.") == [(D(2020, 10, 10), 2)]


def test_weekday_with_its_date_counts_once():
    assert dates("أعلنت الوزارة الثلاثاء 20 أكتوبر مقتل جنديين.") == [(D(2020, 10, 20), 1)]


def test_impossible_dates_are_dropped():
    assert dates("وقع الهجوم في 31 نيسان.") == []


# --- Without a publication date; choosing; spans ----------------------------------------------------------


def test_without_publication_only_full_dates_resolve():
    s = "قصفت القوات المدينة الثلاثاء وأمس وفي 17 أكتوبر و10 أكتوبر 2020."
    assert dates(s, None) == [(D(2020, 10, 10), 1)]
    assert len(date_spans(s, language=get_language("ar"))) == 4


def test_event_date_prefers_precision_then_order():
    s = "وقال إن القتال المستمر منذ الشهر الماضي تصاعد أمس وليل السبت الأحد."
    found = event_date(s, PUB, language=get_language("ar"))
    assert (found.date, found.precision) == (D(2020, 10, 19), 1)
    assert event_date("لا تاريخ هنا.", PUB, language=get_language("ar")) is None


def test_date_spans_cover_day_numbers():
    s = "في العاشر و17 من هذا الشهر"
    spans = date_spans(s, language=get_language("ar"))
    assert [s[a:b] for a, b in spans] == ["العاشر و17 من هذا الشهر", "و17 من هذا الشهر"]


def test_offsets_point_at_the_text():
    s = "Fighting resumed on Sunday and yesterday."
    for d in find_dates(s, PUB, language=get_language("en")):
        assert s[d.start : d.end] == d.text


def test_a_day_count_is_not_today():
    assert dates("في اليوم العاشر من الحرب قصفت القوات المدينة.") == []
    assert dates("Shelling resumed this morning.") == [(D(2020, 10, 20), 1)]


def test_dates_among_many_other_words():
    s = "قال المتحدث إن 45 جنديا قتلوا في الهجوم الذي وقع يوم الجمعة الماضي قرب المدينة، وأعلن في 17 من الشهر الماضي"
    assert dates(s) == [(D(2020, 10, 16), 1), (D(2020, 9, 17), 1)]


def test_phrase_table_longest_phrase_in_any_reading():
    readings = get_language("ar").readings
    table = PhraseTable([("تشرين", "t"), ("تشرين الأول", "oct"), ("الثلاثاء", "tue")])
    m = table.match(["وتشرين", "الاول", "2020"], 0, readings)
    assert (m.end, m.value, m.reading) == (2, "oct", "تشرين")
    assert table.match(["تشرين", "الثاني"], 0, readings).value == "t"
    assert table.match(["والثلاثاء"], 0, readings).value == "tue"
    assert table.match(["x"], 0, readings) is None and table.match(["x"], 1, readings) is None
