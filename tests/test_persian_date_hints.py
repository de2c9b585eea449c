"""The Persian hint under an admin date field keeps its Gregorian example in its own order: the
Latin date at the end of a right-to-left line is isolated as left-to-right (<bdi dir="ltr">),
not left to the bidirectional algorithm."""

import re

from django.utils import translation

from solidarity.core.admin_dates import BothCalendarsDateInput, BothCalendarsDateTimeInput


def hint(widget):
    html = widget.render("date", None, attrs={"id": "id_date"})
    return re.search(r'<p class="both-calendars__hint help">(.*?)</p>', html, re.S).group(1)


def test_the_persian_date_hints_isolate_their_gregorian_example_as_left_to_right():
    with translation.override("fa"):
        day, moment = hint(BothCalendarsDateInput()), hint(BothCalendarsDateTimeInput())
    assert day.endswith('یا <bdi dir="ltr">2023\u201108\u201103</bdi>.')
    assert moment.endswith('یا <bdi dir="ltr">2023\u201108\u201103 14:30</bdi>.')
    # No invisible direction marks left in the text a person may copy into the field.
    assert not re.search("[\u2066-\u2069\u200e\u200f]", day + moment)


def test_the_english_hint_reads_as_before():
    with translation.override("en"):
        assert hint(BothCalendarsDateInput()) == (
            'Type the date in either calendar: 1402/5/12 or <bdi dir="ltr">2023-08-03</bdi>.')
