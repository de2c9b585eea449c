"""A staff member who works in Persian schedules a newsletter send with a Jalali date and time: the
send waits for that instant in the site's time zone."""

import datetime

import pytest
from django.utils import timezone

from solidarity.newsletter.models import Send

from .conftest import make_list, make_pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def tehran(settings):
    settings.TIME_ZONE = "Asia/Tehran"
    with timezone.override("Asia/Tehran"):
        yield


@pytest.mark.usefixtures("tehran")
def test_a_send_is_scheduled_with_a_jalali_date_and_time_in_persian_digits(client, make_staff):
    en, _fa = make_pair()
    newsletter = make_list()
    client.force_login(make_staff("editor", "Editors", language="fa"))
    url = f"/admin/newsletter/issues/{en.pk}/send/"
    page = client.get(url).content.decode()
    assert "data-time" in page and "core/dates.js" in page

    response = client.post(url, {"lists": [newsletter.pk], "when": "later", "scheduled_at": "۱۴۱۰/۱/۱ ۰۹:۰۰"})

    assert response.status_code == 302, response.content.decode()[-3000:]
    # 1 Farvardin 1410, 09:00 in Tehran (UTC+3:30).
    assert Send.objects.get().scheduled_at == datetime.datetime(2031, 3, 21, 5, 30, tzinfo=datetime.UTC)


@pytest.mark.usefixtures("tehran")
def test_a_jalali_time_that_cannot_be_right_is_explained_and_kept(client, make_staff):
    en, _fa = make_pair()
    newsletter = make_list()
    client.force_login(make_staff("editor", "Editors", language="fa"))

    response = client.post(f"/admin/newsletter/issues/{en.pk}/send/",
                           {"lists": [newsletter.pk], "when": "later", "scheduled_at": "1410/1/32 09:00"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "آن ماه روز ۳۲ ندارد: ۳۱ روز دارد." in page
    assert 'value="1410/1/32 09:00"' in page
    assert not Send.objects.exists()
