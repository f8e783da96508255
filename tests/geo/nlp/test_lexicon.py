"""The language lexicons: actors, demonyms, countries, verbs, event and place cues, common words."""

from __future__ import annotations

import pytest

from geo.lang import display_name, get_language, neutral_language
from geo.model import Actor, ActorMatch, EventCue, PlaceCue, Verb
from geo.nlp.lexicon import lexicon_of
from geo.nlp.tokens import tokenize
from geo.nlp.words import Words


@pytest.fixture(scope="module")
def ar():
    return lexicon_of(get_language("ar"))


@pytest.fixture(scope="module")
def en():
    return lexicon_of(get_language("en"))


def _tokens(lex, text):
    return tokenize(text, language=lex.language)


def actors(lex, text):
    tokens = _tokens(lex, text)
    return [(" ".join(t.text for t in tokens[m.start : m.end]), m) for m in lex.actors_in(Words(tokens))]


def one_actor(lex, text) -> ActorMatch:
    found = actors(lex, text)
    assert len(found) == 1, found
    return found[0][1]


def events(lex, text):
    tokens = _tokens(lex, text)
    return [
        (" ".join(t.text for t in tokens[e.start : e.end]), e.event_type, e.sub_event_type)
        for e in lex.events_in(Words(tokens))
    ]


def cue(lex, text, name) -> tuple[str, PlaceCue] | None:
    tokens = _tokens(lex, text)
    index = next(i for i, t in enumerate(tokens) if t.text == name)
    found = lex.place_cue_before(Words(tokens), index)
    return (" ".join(t.text for t in tokens[found.start : found.end]), found) if found else None


# -- loading ------------------------------------------------------------------------------------


def test_lexicon_is_built_once_per_language_and_a_language_without_pack_has_an_empty_one():
    assert lexicon_of(get_language("ar")) is lexicon_of(get_language("AR"))
    empty = lexicon_of(neutral_language("xx"))
    assert empty.language.code == "xx"
    assert empty.actors_in(Words(tokenize("Reuters said"))) == []
    assert empty.verb(tokenize("said")[0]) is None
    assert empty.demonym("armenian") is None
    assert empty.country(["armenia"]) is None
    assert not empty.is_common_word("the")


def test_records_are_frozen_dataclasses_with_slots():
    for cls in (Actor, ActorMatch, Verb, EventCue, PlaceCue):
        assert "__slots__" in cls.__dict__
    with pytest.raises(AttributeError):
        Verb("say", "asserts", "say").stance = "denies"


# -- actors: Arabic ---------------------------------------------------------------------------------


def test_ministry_with_a_country_clitic(ar):
    m = one_actor(ar, "أعلنت وزارة الدفاع بأذربيجان")
    assert (m.start, m.end) == (1, 4)
    assert m.side == "AZ" and m.actor.kind == "ministry"
    assert "Ministry of Defence" in m.canonical and "Azerbaijan" in m.canonical


def test_ministry_with_a_demonym_and_clitics(ar):
    m = one_actor(ar, "وزارة الدفاع الأرمينية")
    assert m.side == "AM" and m.canonical == "Armenia Ministry of Defence"
    assert one_actor(ar, "وقالت لوزارة الدفاع الروسية").side == "RU"
    assert one_actor(ar, "وأكدت الخارجية الإيرانية").side == "IR"
    assert one_actor(ar, "قالت وزارة دفاع أذربيجان").side == "AZ"


def test_president_with_his_name(ar):
    text, m = actors(ar, "قال الرئيس الأذري إلهام علييف إن")[0]
    assert text == "الرئيس الأذري إلهام علييف"
    assert m.side == "AZ" and m.actor.kind == "president"
    assert one_actor(ar, "رئيس أذربيجان").side == "AZ"


def test_news_agencies_are_media(ar):
    for text in ("وكالة الأناضول", "رويترز", "وكالة فرانس برس", "(أ ف ب)", "سانا", "وكالة تاس", "ريا نوفوستي"):
        m = one_actor(ar, text)
        assert m.side == "media" and m.actor.side_type == "media", text


def test_spokesperson_for_the_karabakh_leader_speaks_for_armenia(ar):
    text, m = actors(ar, "وقال المتحدث باسم رئيس إقليم قره باغ")[0]
    assert text == "المتحدث باسم رئيس إقليم قره باغ"
    assert m.side == "AM" and m.actor.kind == "spokesperson" and m.actor.side_type == "belligerent"
    assert one_actor(ar, "سلطات الإقليم").side == "AM"


def test_spokeswoman_of_a_ministry_with_her_name(ar):
    text, m = actors(ar, "وقالت المتحدثة باسم وزارة الدفاع الأرمينية شوشان ستيبانيان إن")[0]
    assert text == "المتحدثة باسم وزارة الدفاع الأرمينية شوشان ستيبانيان"
    assert m.side == "AM" and "Armenia Ministry of Defence" in m.canonical


def test_aide_to_a_president(ar):
    m = one_actor(ar, "وقال مساعد الرئيس الأذري")
    assert m.side == "AZ" and m.actor.kind == "official"


def test_un_bodies(ar):
    for text in ("دبلوماسي في الأمم المتحدة", "الأمين العام للأمم المتحدة", "مجلس الأمن الدولي", "الأمم المتحدة"):
        m = one_actor(ar, text)
        assert m.side == "UN" and m.actor.side_type == "third_party", text
    assert one_actor(ar, "منظمة الأمن والتعاون في أوروبا").side == "OSCE"
    assert one_actor(ar, "مجموعة مينسك").side == "OSCE"
    assert one_actor(ar, "اللجنة الدولية للصليب الأحمر").side == "ICRC"
    assert one_actor(ar, "حلف شمال الأطلسي").side == "NATO"


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("أعلن الحوثيون", "Houthis"),
        ("جماعة أنصار الله", "Houthis"),
        ("قالت قوات الدعم السريع", "RSF"),
        ("الجيش الوطني الليبي", "LNA"),
        ("قوات حفتر", "LNA"),
        ("حكومة الوفاق الوطني", "GNA"),
        ("قوات سوريا الديمقراطية", "SDF"),
        ("قسد", "SDF"),
        ("حركة حماس", "Hamas"),
        ("حزب الله", "Hezbollah"),
        ("تنظيم الدولة", "IS"),
        ("داعش", "IS"),
        ("التحالف بقيادة السعودية", "SA-coalition"),
        ("التحالف العربي", "SA-coalition"),
        ("الجيش الوطني السوري", "SY-opposition"),
        ("الجيش السوري", "SY"),
    ],
)
def test_non_state_parties(ar, text, side):
    assert one_actor(ar, text).side == side


def test_people_on_the_ground_have_no_side(ar):
    assert one_actor(ar, "أفاد شهود عيان").actor.kind == "witnesses"
    assert one_actor(ar, "قال السكان").actor.kind == "residents"
    assert one_actor(ar, "ذكر ناشطون").actor.kind == "activists"
    m = one_actor(ar, "قالت مصادر محلية")
    assert m.actor.kind == "local_sources" and m.side is None  # geo.claims.sides gives them their code
    assert one_actor(ar, "قالت مصادر عسكرية أذربيجانية").side == "AZ"


def test_generic_bodies_leave_the_side_open(ar):
    m = one_actor(ar, "وأضافت الوزارة")
    assert m.actor.kind == "ministry" and m.side is None


# -- actors: English --------------------------------------------------------------------------------


def test_english_ministries(en):
    m = one_actor(en, "the Azerbaijani Ministry of Defense said")
    assert m.side == "AZ" and m.actor.kind == "ministry" and "Ministry of Defence" in m.canonical
    assert one_actor(en, "Armenia's defence ministry said").side == "AM"
    assert one_actor(en, "the Russian Foreign Ministry").side == "RU"
    assert one_actor(en, "the Ministry of Defence of Armenia").side == "AM"


def test_english_media_and_bodies(en):
    for text in ("Anadolu Agency", "Reuters", "AFP", "the Associated Press", "TASS", "Armenpress"):
        assert one_actor(en, text).side == "media", text
    assert one_actor(en, "UN diplomats said").side == "UN"
    assert one_actor(en, "the OSCE Minsk Group co-chairs").side == "OSCE"


def test_english_gna_with_its_acronym(en):
    text, m = actors(en, "the Tripoli-based Government of National Accord (GNA) said")[0]
    assert m.side == "GNA" and text.endswith(")")


def test_english_spokesperson_and_officials(en):
    text, m = actors(en, "Armenian Defence Ministry spokeswoman Shushan Stepanyan said")[0]
    assert text == "Armenian Defence Ministry spokeswoman Shushan Stepanyan"
    assert m.side == "AM" and m.actor.kind == "spokesperson"
    m = one_actor(en, "a spokesman for the Azerbaijani president said")
    assert m.side == "AZ" and m.actor.kind == "spokesperson"
    m = one_actor(en, "Azerbaijani President Ilham Aliyev said")
    assert m.side == "AZ" and m.actor.kind == "president"
    assert one_actor(en, "Nagorno-Karabakh's leader Arayik Harutyunyan said").side == "AM"
    assert one_actor(en, "the Saudi-led coalition").side == "SA-coalition"
    assert one_actor(en, "U.S. Secretary of State said").side == "US"


# -- words ------------------------------------------------------------------------------------------


def test_verbs(ar, en):
    def verb(lex, word):
        return lex.verb(_tokens(lex, word)[0])

    assert verb(ar, "وأضاف").kind == "continue"
    assert verb(ar, "نفت").stance == "denies"
    assert verb(ar, "وينفي").stance == "denies"
    assert verb(ar, "أعلنوا").lemma == "أعلن"
    assert verb(ar, "وسيعلن").kind == "announce"
    assert verb(ar, "تقول").lemma == "قال"
    assert verb(ar, "اتهمت").kind == "accuse"
    assert verb(ar, "وبحسب").kind == "according_to"
    assert verb(ar, "فحسب") is None
    assert verb(ar, "التابع") is None  # the article is never peeled off a verb
    assert verb(ar, "قوات") is None
    assert verb(en, "said").kind == "say"
    assert verb(en, "denied").stance == "denies"
    assert verb(en, "added").kind == "continue"
    assert verb(en, "according").kind == "according_to"
    assert verb(en, "army") is None


def test_demonyms(ar, en):
    assert ar.demonym("الاذريه") == "AZ"
    assert ar.demonym("الأذرية") == "AZ"  # not folded: clitic readings still find it
    assert ar.demonym("ارمينيين") == "AM"
    assert ar.demonym("روسيه") == "RU"
    assert ar.demonym("وللاذربيجانيين") == "AZ"
    assert ar.demonym("الارمن") == "AM"
    assert ar.demonym("الكوريه الشماليه") == "KP"
    assert ar.demonym("سوريا") is None  # a country, not a nationality
    assert ar.demonym("قوات") is None
    assert en.demonym("azerbaijani") == "AZ"
    assert en.demonym("azeri") == "AZ"
    assert en.demonym("armenians") == "AM"
    assert en.demonym("army") is None


def test_countries(ar, en):
    assert ar.country(["باذربيجان"]) == (1, "AZ")
    assert ar.country(["لارمينيا", "قالت"]) == (1, "AM")
    assert ar.country(["الولايات", "المتحده", "الامريكيه"]) == (3, "US")
    assert ar.country(["للولايات", "المتحده"]) == (2, "US")
    assert ar.country(["امريكا"]) == (1, "US")
    assert ar.country(["قوات"]) is None
    assert en.country(["u s"]) == (1, "US")
    assert en.country(["united", "kingdom"]) == (2, "GB")
    assert en.country(["britain"]) == (1, "GB")
    assert en.country(["the", "army"]) is None


def test_common_words(ar, en):
    for word in (
        "قوات",
        "الجيش",
        "الوزارة",
        "مدينة",
        "قرية",
        "الحرب",
        "الهجوم",
        "شمال",
        "جنوب",
        "أمس",
        "الاثنين",
        "وقوات",
    ):
        assert ar.is_common_word(_tokens(ar, word)[0].norm), word
    for word in ("باكو", "غنجة", "سوريا", "حلب", "صور", "بالي"):
        assert not ar.is_common_word(_tokens(ar, word)[0].norm), word
    for word in ("army", "forces", "said", "the", "north", "monday"):
        assert en.is_common_word(word), word
    for word in ("baku", "nice", "us", "ganja"):
        assert not en.is_common_word(word), word


# -- cues -------------------------------------------------------------------------------------------


def test_arabic_events(ar):
    assert events(ar, "قصف الجيش المدينة")[0][2] == "Shelling/artillery/missile attack"
    assert ("غارة جوية", "Explosions/Remote violence", "Air/drone strike") in events(ar, "شن الطيران غارة جوية على")
    assert events(ar, "ورفعت القوات العلم في زنغلان") == [
        ("ورفعت القوات العلم", "Strategic developments", "Territory taken")
    ]
    assert events(ar, "رفع العلم")[0][2] == "Territory taken"
    assert events(ar, "أسقطت الدفاعات الجوية طائرة مسيرة")[0][2] == "Aircraft or drone downed"
    assert events(ar, "اشتباكات عنيفة")[0][2] == "Armed clash"
    assert events(ar, "استعادة السيطرة على")[0][2] == "Government regains territory"
    assert events(ar, "وقف إطلاق النار")[0][2] == "Agreement"
    assert events(ar, "استهداف المدنيين")[0][1] == "Violence against civilians"
    assert events(ar, "مقتل جنديين")[0][1:] == ("Casualty report", "Fatalities")
    assert events(ar, "وإصابة آخرين")[0][2] == "Injuries"
    assert events(ar, "قال الرئيس") == []


def test_english_events(en):
    assert events(en, "Armenian forces shelled the town")[0][2] == "Shelling/artillery/missile attack"
    assert events(en, "an airstrike on the village")[0][2] == "Air/drone strike"
    assert events(en, "air defences shot down two drones")[0][2] == "Aircraft or drone downed"
    assert events(en, "troops raised the flag over the town")[0][2] == "Territory taken"
    assert events(en, "the army recaptured the village")[0][2] == "Government regains territory"
    assert events(en, "heavy fighting")[0][2] == "Armed clash"
    assert events(en, "a humanitarian ceasefire")[0][2] == "Agreement"
    assert events(en, "three people were killed")[0][2] == "Fatalities"


def test_arabic_place_cues(ar):
    text, c = cue(ar, "أسقطت طائرة قرب قرية تاب", "تاب")
    assert text == "قرب قرية" and (c.kind, c.precision, c.feature) == ("near", 2, "village")
    text, c = cue(ar, "اشتباكات في اتجاه مارتوني", "مارتوني")
    assert text == "في اتجاه" and (c.kind, c.precision) == ("direction", 2)
    text, c = cue(ar, "سقطت قذيفة في مركز مدينة غنجة", "غنجة")
    assert text == "في مركز مدينة" and (c.kind, c.precision, c.feature) == ("center", 1, "city")
    _, c = cue(ar, "في محافظة إدلب", "إدلب")
    assert (c.kind, c.precision) == ("region", 3)
    _, c = cue(ar, "وبالقرب من بلدة هادروت", "هادروت")
    assert (c.kind, c.precision, c.feature) == ("near", 2, "town")
    _, c = cue(ar, "في محيط مدينة", "مدينة")
    assert c.kind == "vicinity"
    assert cue(ar, "قال الرئيس علييف", "علييف") is None


def test_english_place_cues(en):
    text, c = cue(en, "fighting near the town of Martuni", "Martuni")
    assert text == "near the town of" and (c.kind, c.precision, c.feature) == ("near", 2, "town")
    text, c = cue(en, "shelling in Ganja", "Ganja")
    assert text == "in" and (c.kind, c.precision) == ("in", 1)
    _, c = cue(en, "north of Aleppo", "Aleppo")
    assert (c.kind, c.precision) == ("direction", 2)
    _, c = cue(en, "on the outskirts of Stepanakert", "Stepanakert")
    assert c.kind == "vicinity"
    _, c = cue(en, "in the province of Idlib", "Idlib")
    assert (c.kind, c.precision, c.feature) == ("region", 3, "province")


def test_place_cue_reads_only_the_six_tokens_before(en, ar):
    # The cue before a word is the same whether the whole sentence or only the window is given,
    # also when the window starts at the closing dot of an abbreviation ("U.S.").
    def shifted(c, by):
        return c and (c.start + by, c.end + by, c.kind, c.precision, c.feature)

    for lex, text in (
        (en, "U.S. officials said the U.S. army moved near the town of Martuni and the U.S. . in Ganja"),
        (ar, "قالت الوزارة إن القوات تقدمت قرب قرية تاب وفي محيط مدينة غنجة وبالقرب من بلدة هادروت"),
    ):
        tokens = _tokens(lex, text)
        whole = Words(tokens)
        for index in range(len(tokens) + 1):
            first = max(0, index - 6)
            alone = lex.place_cue_before(Words(tokens[first:index]), index - first)
            assert shifted(lex.place_cue_before(whole, index), 0) == shifted(alone, first), index


def test_each_word_view_keeps_its_own_lookups(en):
    # A view remembers the matchers' lookups for its own tokens only: views of other token lists of
    # the same length, read in any order, give their own answers.
    a, b = Words(_tokens(en, "shelling near Ganja")), Words(_tokens(en, "the army in Ganja")[1:])
    assert a.size == b.size
    assert en.actors_in(a) == []
    assert en.place_cue_before(b, 2).kind == "in"
    assert en.place_cue_before(a, 2).kind == "near"
    assert en.place_cue_before(Words(list(a.tokens)), 2) == en.place_cue_before(a, 2)


def test_country_names_start_with_a_known_word(ar, en):
    assert ar.country(["وبالولايات", "المتحده", "قالت"]) == (2, "US")
    assert en.country(["the", "united", "kingdom"]) is None
    assert en.country([]) is None


def test_display_names_are_english_whatever_the_language():
    # canonical names come from CLDR and the English pack's countries.tsv, not from any lexicon
    assert display_name("AZ") == "Azerbaijan" and display_name("AM") == "Armenia"
    assert display_name(None) == ""
    assert display_name("XQ") == "XQ"
