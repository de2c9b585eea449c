import datetime

import pytest

from solidarity.cases.models import Case, CaseEvent
from solidarity.cases.timeline import Status, in_order, status_after

Kind = CaseEvent.Kind


def event(kind, date, precision="day", order=None):
    return CaseEvent(kind=kind, date=date, date_precision=precision, sort_order=order)


def d(text):
    return datetime.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("kinds", "status"),
    [
        ([], Status.NONE),
        ([Kind.ARREST], Status.DETAINED),
        ([Kind.ARREST, Kind.INTERROGATION, Kind.CHARGE, Kind.TRIAL], Status.DETAINED),
        ([Kind.ARREST, Kind.TRIAL, Kind.SENTENCE], Status.IMPRISONED),
        ([Kind.ARREST, Kind.BAIL], Status.ON_BAIL),
        ([Kind.ARREST, Kind.BAIL, Kind.TRIAL, Kind.SENTENCE], Status.SENTENCED),
        ([Kind.ARREST, Kind.BAIL, Kind.SENTENCE, Kind.TRANSFER], Status.IMPRISONED),
        ([Kind.ARREST, Kind.BAIL, Kind.SENTENCE, Kind.APPEAL], Status.SENTENCED),
        ([Kind.ARREST, Kind.SENTENCE, Kind.HUNGER_STRIKE], Status.HUNGER_STRIKE),
        ([Kind.ARREST, Kind.SENTENCE, Kind.HUNGER_STRIKE, Kind.TRANSFER, Kind.MEDICAL_NEED], Status.HUNGER_STRIKE),
        ([Kind.ARREST, Kind.SENTENCE, Kind.RELEASE], Status.RELEASED),
        ([Kind.ARREST, Kind.RELEASE, Kind.REARREST], Status.DETAINED),
        ([Kind.SUMMONS], Status.SUMMONED),
        ([Kind.ARREST, Kind.SUMMONS], Status.DETAINED),
        ([Kind.SUMMONS, Kind.INTERROGATION], Status.SUMMONED),
        ([Kind.INTERROGATION], Status.SUMMONED),
        ([Kind.SUMMONS, Kind.CHARGE, Kind.SUMMONS], Status.CHARGED),
        ([Kind.ARREST, Kind.BAIL, Kind.SUMMONS], Status.ON_BAIL),
        ([Kind.ARREST, Kind.RELEASE, Kind.SUMMONS], Status.SUMMONED),
        ([Kind.ARREST, Kind.RELEASE, Kind.DISMISSAL], Status.DISMISSED),
        ([Kind.DISMISSAL, Kind.TRIAL], Status.CHARGED),
        ([Kind.ARREST, Kind.BAIL, Kind.SENTENCE, Kind.SUMMONS], Status.SENTENCED),
        ([Kind.ARREST, Kind.BAIL, Kind.CHARGE], Status.ON_BAIL),
        ([Kind.MEDICAL_NEED], Status.NONE),
        ([Kind.HUNGER_STRIKE, Kind.RELEASE], Status.RELEASED),
        ([Kind.CHARGE], Status.CHARGED),
        ([Kind.DISMISSAL], Status.DISMISSED),
        ([Kind.ARREST, Kind.DISMISSAL], Status.DETAINED),
        ([Kind.ARREST, Kind.BAIL, Kind.DISMISSAL], Status.ON_BAIL),
        ([Kind.ARREST, Kind.DEATH_IN_CUSTODY], Status.DECEASED),
        ([Kind.ARREST, Kind.DEATH_IN_CUSTODY, Kind.RELEASE], Status.DECEASED),
        ([Kind.BAIL, Kind.MEDICAL_NEED], Status.ON_BAIL),
    ],
)
def test_the_status_follows_the_events_in_order(kinds, status):
    events = [event(kind, datetime.date(2020, 1, 1) + datetime.timedelta(days=i)) for i, kind in enumerate(kinds)]
    assert status_after(events) == status


def test_events_are_ordered_by_date_whatever_order_they_were_entered_in():
    release = event(Kind.RELEASE, d("2023-05-01"), order=0)
    arrest = event(Kind.ARREST, d("2022-11-03"), order=1)
    assert in_order([release, arrest]) == [arrest, release]
    assert status_after(in_order([release, arrest])) == Status.RELEASED


def test_a_year_before_a_day_in_the_next_year_comes_first():
    arrest = event(Kind.ARREST, d("2021-01-01"), "year", order=5)
    bail = event(Kind.BAIL, d("2022-01-01"), "day", order=0)
    assert in_order([bail, arrest]) == [arrest, bail]


def test_a_month_ends_before_the_first_day_of_the_next_month():
    arrest = event(Kind.ARREST, d("2023-02-01"), "month", order=3)
    bail = event(Kind.BAIL, d("2023-03-01"), "day", order=0)
    assert in_order([bail, arrest]) == [arrest, bail]


def test_overlapping_partial_dates_keep_the_editors_order():
    arrest = event(Kind.ARREST, d("2023-05-05"), "day", order=0)
    release = event(Kind.RELEASE, d("2023-01-01"), "year", order=1)
    assert in_order([release, arrest]) == [arrest, release]
    assert status_after(in_order([release, arrest])) == Status.RELEASED
    arrest.sort_order, release.sort_order = 1, 0
    assert status_after(in_order([release, arrest])) == Status.DETAINED


def test_the_editors_order_never_puts_an_event_before_one_that_surely_preceded_it():
    # The year overlaps both days; the days are in date order whatever the editor's order.
    year = event(Kind.ARREST, d("2023-01-01"), "year", order=1)
    january = event(Kind.SUMMONS, d("2023-01-10"), "day", order=2)
    december = event(Kind.RELEASE, d("2023-12-10"), "day", order=0)
    ordered = in_order([year, january, december])
    assert ordered.index(january) < ordered.index(december)


@pytest.mark.django_db
def test_the_stored_status_comes_from_every_event_and_the_public_one_from_public_events():
    case = Case.objects.create(name_latin="Test Person")
    assert case.slug == "test-person"
    CaseEvent.objects.create(case=case, kind=Kind.ARREST, date=d("2023-03-12"), is_public=True)
    CaseEvent.objects.create(case=case, kind=Kind.BAIL, date=d("2023-04-02"), is_public=False)
    case.refresh_from_db()
    assert case.status == Status.ON_BAIL
    assert case.public_status == Status.DETAINED
    assert case.latest_public_date == d("2023-03-12")
    assert case.current_status() == Status.ON_BAIL
    assert case.current_status(public_only=True) == Status.DETAINED
    case.events.get(kind=Kind.BAIL).delete()
    case.refresh_from_db()
    assert case.status == Status.DETAINED


@pytest.mark.django_db
def test_the_case_address_is_in_the_readers_language():
    from django.utils import translation

    case = Case.objects.create(name_latin="Test Person")
    with translation.override("fa"):
        assert case.get_absolute_url() == "/fa/cases/test-person/"
        assert case.display_name() == "Test Person"
        case.name_fa = "شخص آزمایشی"
        assert case.display_name() == "شخص آزمایشی"
    with translation.override("en"):
        assert case.get_absolute_url() == "/en/cases/test-person/"
        assert case.display_name() == "Test Person"
