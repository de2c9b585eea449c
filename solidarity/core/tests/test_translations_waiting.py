"""One list of everything waiting for a translation, in either direction: pages, records with
English/Persian pairs, newsletter issues without their counterpart; each with a link to where it
is translated, and only what the staff member may change."""

import datetime

import pytest
from django.urls import reverse

from solidarity.core.services import EDITORS, TRANSLATORS


def the_list(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("core_translations_waiting"))
    assert response.status_code == 200
    return response.content.decode()


def section(html, heading):
    start = html.index(heading)
    following = html.find("<h2", start + 1)
    return html[start:following if following != -1 else None]


@pytest.mark.django_db
def test_records_pages_and_issues_waiting_for_either_language_are_listed_with_a_link(client, site_tree, make_staff):
    from solidarity.network.models import Event, Organisation
    from solidarity.newsletter.models import Issue
    from solidarity.publishing import factories

    english_only = Organisation.objects.create(name_en="Local 4400", name_fa="")
    persian_only = Event.objects.create(title_en="", title_fa="کنفرانس آسیایی", start_date=datetime.date(2008, 1, 19))
    Organisation.objects.create(name_en="CUPE Ontario", name_fa="کوپ انتاریو")
    issue = Issue.objects.create(language="en", volume=3, number=7, date=datetime.date(2026, 11, 1), title="Autumn")
    article = factories.make_article(site_tree["news"], title="Bus drivers win their appeal")

    html = the_list(client, make_staff("editor", EDITORS, language="en"))

    to_persian, to_english = section(html, "Waiting for Persian"), section(html, "Waiting for English")
    assert "Local 4400" in to_persian and "CUPE Ontario" not in html
    assert reverse("wagtailsnippets_network_organisation:edit", args=[english_only.pk]) in to_persian
    assert "کنفرانس آسیایی" in to_english
    assert reverse("wagtailsnippets_network_event:edit", args=[persian_only.pk]) in to_english
    assert "Bus drivers win their appeal" in to_persian
    assert reverse("wagtail_localize:submit_page_translation", args=[article.pk]) in to_persian
    assert reverse("wagtailsnippets_newsletter_issue:edit", args=[issue.pk]) in to_persian
    # About Us and Our objectives have no Persian page in site_tree; the home page and News have.
    assert "About Us" in to_persian and ">News<" not in html


@pytest.mark.django_db
def test_a_translator_sees_the_pages_but_not_the_records_they_may_not_change(client, site_tree, make_staff):
    from solidarity.network.models import Organisation

    Organisation.objects.create(name_en="Local 4400", name_fa="")

    html = the_list(client, make_staff("translator", TRANSLATORS, language="fa"))

    assert "About Us" in html and "Local 4400" not in html
    assert "در انتظار فارسی" in html
