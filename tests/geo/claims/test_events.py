"""What a clause says happened: event type and its priority, tolls, counts and dates resolved against
the publication date (``geo.claims.events`` through the ``describe_events`` stage)."""

from datetime import date

import pytest

from geo.claims import event_facts
from geo.nlp.lexicon import lexicon_of

from ..stages import doc_until

WEDNESDAY = date(2023, 5, 10)


def facts(gz, text, lang="en", published=WEDNESDAY):
    return doc_until("describe_events", text, lang=lang, gazetteer=gz, published=published).facts


def fact(gz, text, lang="en", published=WEDNESDAY):
    (f,) = facts(gz, text, lang, published)
    return f


# -- event type --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        # Battles named first, but shelling is the more specific violence
        (
            "Clashes broke out as artillery shelled the town.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        # shelling homes is violence against civilians, above remote violence
        ("Artillery shelled residential areas of the town.", "Violence against civilians", "Attack"),
        ("Forces attacked civilians and shelled homes.", "Violence against civilians", "Attack"),
        ("Clashes broke out near the border.", "Battles", "Armed clash"),
    ],
)
def test_the_most_specific_violence_names_the_event(default_gazetteer, text, event_type, sub_event_type):
    f = fact(default_gazetteer, text)
    assert (f.event_type, f.sub_event_type) == (event_type, sub_event_type)
    assert f.is_event and f.conflict


def test_each_clause_has_its_own_facts(default_gazetteer):
    first, second = facts(default_gazetteer, "Clashes broke out near Fuzuli, while drones struck the town on Sunday.")
    assert (first.event_type, first.sub_event_type) == ("Battles", "Armed clash")
    assert (second.event_type, second.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert first.date == WEDNESDAY and second.date == date(2023, 5, 7)


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [("Talks were held in Abu Dhabi.", "Diplomacy"), ("The two sides agreed to a ceasefire.", "Agreement")],
)
def test_diplomacy_is_an_event_but_not_conflict(default_gazetteer, text, sub_event_type):
    f = fact(default_gazetteer, text)
    assert f.event_type == "Strategic developments" and f.sub_event_type == sub_event_type
    assert f.is_event and not f.conflict


def test_a_statement_without_event_words_reports_no_event(default_gazetteer):
    f = fact(default_gazetteer, "Yerevan denied the report.")
    assert f.event_type is None and f.sub_event_type is None
    assert not f.is_event and not f.conflict
    assert f.quantities == () and f.fatalities is None


# -- tolls ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "killed"),
    [
        ("The death toll from the attacks rose to 60, including 12 civilians.", "en", 60),
        ("ارتفعت حصيلة قتلى الهجمات إلى 60 قتيلا.", "ar", 60),
        ("Fighting near Bakhmut killed 14 soldiers.", "en", 14),  # a battle that is reported by its toll
        ("اشتباكات عنيفة أسفرت عن مقتل 14 جنديا قرب باخموت.", "ar", 14),
    ],
)
def test_a_toll_is_a_casualty_report(default_gazetteer, text, lang, killed):
    f = fact(default_gazetteer, text, lang)
    assert (f.event_type, f.sub_event_type) == ("Casualty report", "Fatalities")
    assert f.fatalities == killed
    assert any(q.value == killed and q.action == "killed" for q in f.quantities)


def test_a_count_of_wounded_after_fighting_is_an_injury_report(default_gazetteer):
    f = fact(default_gazetteer, "Fighting wounded five soldiers.")
    assert (f.event_type, f.sub_event_type) == ("Casualty report", "Injuries")
    assert [q.as_dict() for q in f.quantities] == [{"value": 5, "item": "soldier", "action": "wounded"}]
    assert f.fatalities is None


def test_a_toll_does_not_override_remote_violence(default_gazetteer):
    f = fact(default_gazetteer, "Shelling killed three civilians in Kharkiv.")
    assert (f.event_type, f.sub_event_type) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert f.fatalities == 3


def test_destroyed_equipment_does_not_override_a_battle(default_gazetteer):
    f = fact(default_gazetteer, "Clashes destroyed three tanks.")
    assert (f.event_type, f.sub_event_type) == ("Battles", "Armed clash")
    assert [q.as_dict() for q in f.quantities] == [{"value": 3, "item": "tank", "action": "destroyed"}]


# -- dates ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "day", "precision"),
    [
        ("Shelling hit Kharkiv on Monday.", "en", date(2023, 5, 8), 1),  # the Monday before a Wednesday
        ("Drones struck the town on Sunday.", "en", date(2023, 5, 7), 1),
        ("Shelling hit Kharkiv yesterday.", "en", date(2023, 5, 9), 1),
        ("Shelling hit Kharkiv on May 2.", "en", date(2023, 5, 2), 1),
        ("Shelling hit Kharkiv on 3 March.", "en", date(2023, 3, 3), 1),
        ("Shelling hit Kharkiv last week.", "en", date(2023, 5, 3), 2),
        ("قتل ثلاثة مدنيين يوم الاثنين.", "ar", date(2023, 5, 8), 1),
        ("Shelling hit Kharkiv.", "en", WEDNESDAY, 2),  # no date: the publication's week
    ],
)
def test_dates_are_resolved_against_publication(default_gazetteer, text, lang, day, precision):
    f = fact(default_gazetteer, text, lang)
    assert (f.date, f.time_precision) == (day, precision)


def test_without_a_publication_date_a_relative_date_is_unknown(default_gazetteer):
    f = fact(default_gazetteer, "Shelling hit Kharkiv.", published=None)
    assert f.date is None and f.time_precision is None


def test_event_facts_on_a_clause(default_gazetteer):
    doc = doc_until(
        "attribute_claims", "Gunmen executed five prisoners on Friday.", lang="en", gazetteer=default_gazetteer
    )
    (clause,) = doc.clauses
    f = event_facts(clause, text=doc.text, lexicon=lexicon_of(doc.language), published=WEDNESDAY)
    assert (f.event_type, f.fatalities, f.date) == ("Violence against civilians", 5, date(2023, 5, 5))
    assert [q.as_dict() for q in f.quantities] == [{"value": 5, "item": "prisoner", "action": "killed"}]
