"""Staff type a date and time in the Jalali or the Gregorian calendar, in either digit set: Wagtail's
publishing schedule and the newsletter's sending time store the same instant as before (in the
site's time zone), show both calendars, and keep Wagtail's picker."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from solidarity.core.admin_dates import (
    BothCalendarsDateTimeField,
    BothCalendarsDateTimeInput,
    both_calendars_moment,
    parse_datetime,
)

UTC = datetime.UTC
# 1 Farvardin 1410, 09:00 in Tehran (UTC+3:30) is 21 March 2031, 05:30 UTC.
NOWRUZ_1410_NINE = datetime.datetime(2031, 3, 21, 5, 30, tzinfo=UTC)


@pytest.fixture
def tehran(settings):
    settings.TIME_ZONE = "Asia/Tehran"
    with timezone.override("Asia/Tehran"):
        yield


@pytest.mark.parametrize("typed", ["1402/5/12 14:30", "۱۴۰۲/۰۵/۱۲ ۱۴:۳۰", "١٤٠٢/٥/١٢ ١٤:٣٠", "2023-08-03 14:30",
                                   "2023-08-03T14:30", " 1402/5/12   14:30 ",
                                   "2023\u201108\u201103\u00a014:30"])  # as the Persian hint writes it
def test_a_moment_typed_in_either_calendar_and_digit_set_is_the_same_moment(typed):
    assert parse_datetime(typed) == datetime.datetime(2023, 8, 3, 14, 30)


def test_a_day_alone_is_its_midnight_and_what_is_not_a_moment_is_not_read_as_one():
    assert parse_datetime("1402/5/12") == datetime.datetime(2023, 8, 3)
    for typed in ("1402/5", "1402/13/1 10:00", "1402/5/12 25:00", "1402/5/12 10:75", "tomorrow", ""):
        assert parse_datetime(typed) is None, typed


def test_the_field_shows_the_moment_in_both_calendars_in_the_admins_language(tehran):
    moment = datetime.datetime(2023, 8, 3, 11, 0, tzinfo=UTC)  # 14:30 in Tehran
    with translation.override("fa"):
        assert both_calendars_moment(moment) == "۱۲ مرداد ۱۴۰۲، ساعت ۱۴:۳۰ (۳ اوت ۲۰۲۳)"
    with translation.override("en"):
        assert both_calendars_moment(moment) == "3 August 2023, 14:30 (۱۲ مرداد ۱۴۰۲)"


def test_a_jalali_moment_is_read_in_the_sites_time_zone(tehran):
    field = BothCalendarsDateTimeField()
    assert field.clean("۱۴۰۲/۰۵/۱۲ ۱۴:۳۰") == datetime.datetime(2023, 8, 3, 11, 0, tzinfo=UTC)
    assert field.clean("2023-08-03 14:30") == datetime.datetime(2023, 8, 3, 11, 0, tzinfo=UTC)


@pytest.mark.parametrize(("typed", "message"), [
    ("1402/13/1 10:00", "ماه ۱۳ وجود ندارد"),
    ("1402/5/12 25:00", "ساعت 25:00 درست نیست"),
    ("0/1/1 10:00", "سال ۰ درست نیست"),
    ("1402/5 10:00", "روز را هم بنویسید"),
])
def test_a_moment_that_cannot_be_right_gets_an_error_that_says_why(typed, message):
    from django import forms

    with translation.override("fa"), pytest.raises(forms.ValidationError) as error:
        BothCalendarsDateTimeField().clean(typed)
    assert message in error.value.messages[0]


def edit_form(client, page, **changes):
    """The page's edit form as the browser sends it (the body's inputs are made by its script)."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([("paragraph", rich_text("<p>Solidarity.</p>"))])}))
    for name, value in changes.items():
        data[name] = value
    return html, data


@pytest.mark.django_db
@pytest.mark.usefixtures("private_cache", "tehran")
def test_a_page_is_scheduled_with_a_jalali_date_and_time_in_the_persian_admin(client, site_tree, make_staff):
    from solidarity.publishing import factories

    article = factories.make_article(site_tree["news"], title="Bus drivers win their appeal", publish_now=False)
    client.force_login(make_staff("editor", "Editors", language="fa"))
    html, data = edit_form(client, article, go_live_at="۱۴۱۰/۰۱/۰۱ ۰۹:۰۰", **{"action-publish": "action-publish"})
    # Wagtail's picker is still there, beside both calendars; it leaves typed text to the server.
    assert 'class="both-calendars" data-calendar="persian" data-time' in html
    assert "initDateTimeChooser" in html and '"validateOnBlur": false' in html
    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    article.refresh_from_db()
    assert article.go_live_at == NOWRUZ_1410_NINE
    assert not article.live  # scheduled, not yet published
    html = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "۱ فروردین ۱۴۱۰، ساعت ۰۹:۰۰ (۲۱ مارس ۲۰۳۱)" in html


@pytest.mark.django_db
@pytest.mark.usefixtures("private_cache", "tehran")
def test_a_schedule_that_cannot_be_right_is_explained_and_kept_as_typed(client, site_tree, make_staff):
    from solidarity.publishing import factories

    article = factories.make_article(site_tree["news"], title="Bus drivers win their appeal", publish_now=False)
    client.force_login(make_staff("editor", "Editors", language="fa"))
    _html, data = edit_form(client, article, go_live_at="1410/13/1 09:00", **{"action-publish": "action-publish"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "ماه ۱۳ وجود ندارد" in content
    assert 'value="1410/13/1 09:00"' in content
    article.refresh_from_db()
    assert article.go_live_at is None


def test_wagtails_own_date_time_input_becomes_the_both_calendars_one_with_its_options():
    from wagtail.admin.widgets import AdminDateTimeInput

    field = BothCalendarsDateTimeField(widget=AdminDateTimeInput(
        js_overlay_parent_selector="#schedule-publishing-dialog", attrs={"data-controller": "w-action"}))
    assert isinstance(field.widget, BothCalendarsDateTimeInput)
    assert field.widget.js_overlay_parent_selector == "#schedule-publishing-dialog"
    assert field.widget.attrs["data-controller"] == "w-action"


def test_a_date_pasted_from_the_persian_hint_with_non_breaking_hyphens_is_read():
    from solidarity.core.admin_dates import parse

    assert parse("2023\u201108\u201103") == datetime.date(2023, 8, 3)
    assert parse("1402\u20135", partial=True) == datetime.date(2023, 7, 23)
