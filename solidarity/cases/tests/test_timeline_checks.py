import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from solidarity.cases import services
from solidarity.cases.models import Case, CaseEvent
from solidarity.cases.timeline import NEEDS_THE_PERSON_ALIVE, check_timeline

Kind = CaseEvent.Kind


def event(kind, date, precision="day", **fields):
    return CaseEvent(kind=kind, date=datetime.date.fromisoformat(date), date_precision=precision, **fields)


def errors(events):
    return [(problem.event, problem.field) for problem in check_timeline(events) if problem.is_error]


def warnings(events):
    return [(problem.event, problem.field) for problem in check_timeline(events) if not problem.is_error]


def test_an_ordinary_timeline_has_nothing_to_check():
    events = [event(Kind.ARREST, "2022-05-12"), event(Kind.CHARGE, "2022-06-01", "month"),
              event(Kind.BAIL, "2022-08-20"), event(Kind.SENTENCE, "2023-03-01", "month"),
              event(Kind.APPEAL, "2023-05-01", "month"), event(Kind.TRANSFER, "2023-11-04")]
    assert check_timeline(events) == []


def test_a_second_death_in_custody_is_refused_next_to_the_later_one_whatever_the_dates():
    # "2023" overlaps "12 March 2023": the editor's order says which came second.
    arrest = event(Kind.ARREST, "2022-11-03", sort_order=0)
    first = event(Kind.DEATH_IN_CUSTODY, "2023-03-12", sort_order=1)
    second = event(Kind.DEATH_IN_CUSTODY, "2023-01-01", "year", sort_order=2)
    assert errors([second, arrest, first]) == [(second, "kind")]
    # The same report entered twice is refused too.
    twice = event(Kind.DEATH_IN_CUSTODY, "2023-03-12")
    assert len(errors([arrest, first, twice])) == 1


def test_the_second_death_is_the_later_one_when_the_dates_settle_it():
    march = event(Kind.DEATH_IN_CUSTODY, "2023-03-12")
    june = event(Kind.DEATH_IN_CUSTODY, "2023-06-01", "month")
    assert errors([june, march]) == [(june, "kind")]


@pytest.mark.parametrize("kind", sorted(NEEDS_THE_PERSON_ALIVE))
def test_an_event_that_needs_the_person_alive_is_refused_when_surely_after_a_death(kind):
    arrest = event(Kind.ARREST, "2022-11-03")
    death = event(Kind.DEATH_IN_CUSTODY, "2023-03-12")
    later = event(kind, "2023-04-01", "month")
    assert errors([arrest, death, later]) == [(later, "date")]


@pytest.mark.parametrize("kind", [Kind.SUMMONS, Kind.INTERROGATION, Kind.CHARGE, Kind.TRIAL, Kind.SENTENCE,
                                  Kind.APPEAL])
def test_the_family_and_the_courts_may_still_act_after_a_death(kind):
    arrest = event(Kind.ARREST, "2022-11-03")
    sentence = event(Kind.SENTENCE, "2022-12-01")
    death = event(Kind.DEATH_IN_CUSTODY, "2023-03-12")
    assert errors([arrest, sentence, death, event(kind, "2023-05-02")]) == []


@pytest.mark.parametrize(("death", "release"), [
    (("2023-01-01", "year"), ("2023-03-01", "month")),  # "2023" and "March 2023"
    (("2023-03-01", "month"), ("2023-01-01", "year")),  # "March 2023" and "2023"
    (("2023-03-01", "month"), ("2023-03-20", "day")),  # "March 2023" and "20 March 2023"
    (("2023-03-12", "day"), ("2023-03-01", "month")),  # "12 March 2023" and "March 2023"
    (("2023-03-12", "day"), ("2023-03-12", "day")),  # the same day
])
def test_a_release_that_may_have_come_before_the_death_is_not_refused(death, release):
    # A naive comparison of the stored first days would call each of these a release after death.
    arrest = event(Kind.ARREST, "2022-11-03")
    events = [arrest, event(Kind.DEATH_IN_CUSTODY, *death), event(Kind.RELEASE, *release)]
    assert errors(events) == []


def test_a_release_in_the_month_after_a_death_known_only_to_the_month_is_refused():
    death = event(Kind.DEATH_IN_CUSTODY, "2023-03-01", "month")
    release = event(Kind.RELEASE, "2023-04-01")
    assert errors([event(Kind.ARREST, "2022-01-01", "year"), death, release]) == [(release, "date")]


def test_a_release_with_no_arrest_before_it_is_shown_as_a_warning_not_refused():
    release = event(Kind.RELEASE, "2023-05-01")
    bail = event(Kind.BAIL, "2023-04-01", "month")
    assert errors([release, bail]) == []
    assert warnings([release, bail]) == [(release, "kind"), (bail, "kind")]
    # An arrest surely after the release does not account for it.
    assert warnings([release, event(Kind.ARREST, "2024-01-01", "year")]) == [(release, "kind")]


def test_a_death_in_custody_with_no_arrest_before_it_is_a_warning():
    death = event(Kind.DEATH_IN_CUSTODY, "2023-03-12")
    assert errors([death]) == []
    assert warnings([death]) == [(death, "kind")]
    assert warnings([event(Kind.HUNGER_STRIKE, "2023-02-01", "month"), death]) == []


def test_the_same_event_on_the_same_date_twice_is_a_warning_on_the_second():
    first = event(Kind.ARREST, "2023-03-01", "month", sort_order=0)
    second = event(Kind.ARREST, "2023-03-20", "month", sort_order=1)
    assert errors([first, second]) == []
    assert warnings([first, second]) == [(second, "kind")]
    # The same month and the day in it are two different reports.
    assert warnings([first, event(Kind.ARREST, "2023-03-20")]) == []


def test_an_arrest_known_only_by_its_year_accounts_for_a_release_that_year():
    release = event(Kind.RELEASE, "2023-02-03")
    assert warnings([release, event(Kind.ARREST, "2023-01-01", "year")]) == []
    assert warnings([release, event(Kind.DETENTION, "2023-02-03")]) == []


def test_an_appeal_with_no_sentence_before_it_is_a_warning_but_a_sentence_after_an_appeal_is_fine():
    appeal = event(Kind.APPEAL, "2021-09-01", "month")
    ruling = event(Kind.SENTENCE, "2021-12-01", "day")
    assert errors([appeal, ruling]) == []
    assert warnings([appeal, ruling]) == [(appeal, "kind")]
    first = event(Kind.SENTENCE, "2021-01-01", "year")
    assert warnings([first, appeal, ruling]) == []


def test_an_appeal_in_the_year_of_a_sentence_known_to_the_day_has_a_sentence_before_it():
    assert warnings([event(Kind.APPEAL, "2021-01-01", "year"), event(Kind.SENTENCE, "2021-06-21")]) == []


@pytest.mark.django_db
def test_validating_a_case_names_each_refused_event_in_the_editors_language(make_case):
    case = make_case(events=[{"kind": "arrest", "date": "2022-11-03"},
                             {"kind": "death_in_custody", "date": "2023-03-12"}])
    release = event(Kind.RELEASE, "2023-06-01", "month")
    with pytest.raises(ValidationError) as refused:
        case.validate_timeline(list(case.events.all()) + [release])
    assert refused.value.messages == [
        "Release (June 2023): This is dated after the death in custody (12 March 2023). After a death only a "
        "summons, an interrogation, a charge, a trial, a sentence or an appeal can be recorded; check the date "
        "and what happened."]
    with translation.override("fa"), pytest.raises(ValidationError) as refused:
        case.validate_timeline(list(case.events.all()) + [release])
    assert refused.value.messages[0].startswith("آزادی (خرداد–تیر ۱۴۰۲ (ژوئن ۲۰۲۳)): ")
    assert "پس از جان‌باختن در بازداشت" in refused.value.messages[0]
    # Warnings never refuse.
    case.validate_timeline([event(Kind.RELEASE, "2023-06-01")])


@pytest.mark.django_db
def test_recording_events_stores_all_of_them_or_none(make_case):
    case = make_case(events=[{"kind": "arrest", "date": "2022-11-03"},
                             {"kind": "death_in_custody", "date": "2023-03-12"}])
    with pytest.raises(ValidationError):
        services.record_events(case=case, events=[event(Kind.SUMMONS, "2023-04-01", description_en="Family"),
                                                  event(Kind.RELEASE, "2023-05-01")])
    assert case.events.count() == 2
    with pytest.raises(ValidationError) as refused:
        services.record_events(case=case, events=[event(Kind.ARREST, "2023-04-01", bail_amount=5, bail_currency="IRR")])
    # Named once for the amount and once for the currency.
    assert refused.value.messages == ["Arrest (1 April 2023): A bail amount belongs only on a release on bail."] * 2
    assert case.events.count() == 2
    services.record_events(case=case, events=[event(Kind.SUMMONS, "2023-04-01", description_en="Family summoned")])
    case.refresh_from_db()
    assert [e.kind for e in case.timeline()] == ["arrest", "death_in_custody", "summons"]
    assert case.status == "deceased"


@pytest.mark.django_db
def test_timelines_stored_before_the_checks_are_still_read_and_shown(make_case):
    # Nothing already stored is lost: an old timeline with two deaths is kept and its status derived.
    case = make_case(events=[{"kind": "death_in_custody", "date": "2023-03-12"},
                             {"kind": "death_in_custody", "date": "2023-03-14"}])
    assert Case.objects.get(pk=case.pk).status == "deceased"
    assert [problem.is_error for problem in case.check_timeline()].count(True) == 1
