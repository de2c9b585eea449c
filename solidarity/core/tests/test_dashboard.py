"""The dashboard shows each role the work waiting for it, and nothing it may not act on."""

import datetime

import pytest
from django.utils import timezone

from solidarity.core.services import ADMINISTRATORS, CAMPAIGNERS, EDITORS, TRANSLATORS


@pytest.fixture
def work(site_tree):
    from solidarity.campaigns.factories import make_campaign, make_signature
    from solidarity.campaigns.models import Campaign, Endorsement
    from solidarity.cases.models import Case
    from solidarity.contact.models import ContactMessage

    campaign = make_campaign()
    campaign.status = Campaign.Status.ACTIVE
    campaign.save(update_fields=["status"])
    for number in range(3):
        make_signature(campaign, email=f"signer{number}@union.example")
    Endorsement.objects.create(campaign=campaign, organisation_name="Local 12 of the bus drivers",
                               representative_name="Ana", representative_role="Secretary",
                               email="rep@local12.example", country="GB")
    ContactMessage.objects.create(name="Worried Sender", email="sender@example.org", subject="My brother was arrested",
                                  message="Please help.", language="en", fingerprint="x", duplicate_window=0)
    quiet = Case.objects.create(name_latin="Reza Shahabi", name_fa="رضا شهابی")
    Case.objects.filter(pk=quiet.pk).update(updated_at=timezone.now() - datetime.timedelta(days=45))
    return campaign


def dashboard(client, make_staff, group, language="en"):
    client.force_login(make_staff(f"dash-{group.lower()}", group, language=language),
                       backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_campaigner_sees_endorsements_to_approve_and_todays_signatures(client, make_staff, work):
    html = dashboard(client, make_staff, CAMPAIGNERS)
    assert "Endorsements to approve" in html and "Local 12 of the bus drivers" in html
    assert "Live campaigns: signatures today" in html and str(work) in html
    assert "↑ 3 more than yesterday" in html
    assert "My brother was arrested" not in html


@pytest.mark.django_db
def test_an_editor_sees_unread_messages_and_quiet_cases_but_no_signatures(client, make_staff, work):
    html = dashboard(client, make_staff, EDITORS)
    assert "My brother was arrested" in html
    assert "Cases without an update in 30 days" in html and "Reza Shahabi" in html
    assert "Live campaigns" not in html and "Local 12 of the bus drivers" not in html


@pytest.mark.django_db
def test_a_translator_sees_what_waits_for_translation_in_persian(client, make_staff, work):
    html = dashboard(client, make_staff, TRANSLATORS, language="fa")
    assert "در انتظار ترجمه" in html and "در انتظار فارسی" in html
    assert "My brother was arrested" not in html and "Reza Shahabi" not in html


@pytest.mark.django_db
def test_the_menu_is_grouped_by_what_people_do(client, make_staff, work):
    html = dashboard(client, make_staff, ADMINISTRATORS)
    for group in ("Publishing", "Campaigns", "Network", "Cases", "Supporters and newsletter", "Settings"):
        assert f'"label": "{group}"' in html, group
    # Signatures sit with the campaigns, the issues with sending them.
    menu = html[html.index('"name": "campaigns"'):]
    assert menu.index('"name": "signatures"') < menu.index('"name": "network"')
    newsletter = html[html.index('"name": "supporters-and-newsletter"'):]
    assert '"name": "newsletter-issues"' in newsletter and '"name": "send-the-newsletter"' in newsletter


@pytest.mark.django_db
def test_the_next_newsletter_and_its_failed_deliveries_are_on_the_dashboard(client, make_staff, work):
    from solidarity.newsletter.models import Delivery, Issue, Send
    from solidarity.supporters.models import Subscriber

    issue = Issue.objects.create(language="en", volume=3, number=7, date=datetime.date(2026, 11, 1), title="Autumn issue")
    send = Send.objects.create(issue=issue, status=Send.Status.PAUSED)
    reader = Subscriber.objects.create(email="reader@example.org", name="Quiet Reader", language="en")
    Delivery.objects.create(send=send, subscriber=reader, email=reader.email, state=Delivery.State.FAILED)

    html = dashboard(client, make_staff, ADMINISTRATORS)

    panel = html[html.index("The next newsletter"):]
    assert "Autumn issue" in panel and "Paused" in panel
    assert "Failed deliveries: Autumn issue" in panel
    assert f"/admin/newsletter/sends/{send.pk}/" in panel


@pytest.mark.django_db
def test_the_menu_is_grouped_even_when_a_persian_admin_was_the_first_to_build_it(client, make_staff, work):
    from wagtail.admin.menu import admin_menu

    # Wagtail names menu items from their labels when the menu is first built: in Persian here.
    admin_menu.__dict__.pop("registered_menu_items", None)
    try:
        persian = dashboard(client, make_staff, ADMINISTRATORS, language="fa")
        assert '"name": "supporters-and-newsletter"' in persian
        client.logout()
        client.force_login(make_staff("english-admin", ADMINISTRATORS),
                           backend="django.contrib.auth.backends.ModelBackend")
        english = client.get("/admin/").content.decode()
        assert '"label": "Supporters and newsletter"' in english and '"label": "Publishing"' in english
    finally:
        admin_menu.__dict__.pop("registered_menu_items", None)
