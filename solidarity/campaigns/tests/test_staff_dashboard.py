"""The campaign dashboard in the admin: who may see it and what it shows."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Endorsement, Signature


@pytest.fixture
def campaign(db):
    campaign = make_campaign()
    make_signature(campaign, email="ana@union.example", name="Ana Lopez", country="ES")
    make_signature(campaign, email="bo@union.example", name="Bo Berg", country="SE")
    make_signature(campaign, email="cy@union.example", name="Cy Smith", country="GB")
    make_signature(campaign, email="dee@union.example", name="Dee Jones", country="GB")
    make_signature(campaign, email="ed@union.example", name="Ed Waiting", confirmed=False)
    make_signature(campaign, email="fake@spam.example", name="Fake", status=Signature.Status.INVALIDATED,
                   confirmed=False)
    return campaign


def endorsement(campaign, **fields):
    values = {"organisation_name": "CUPE Local 4400", "representative_name": "Jane Steward",
              "representative_role": "President", "email": "president@local4400.example", "country": "CA",
              "confirmed_at": timezone.now(), **fields}
    return Endorsement.objects.create(campaign=campaign, **values)


def chart(html):
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="signatures-chart"')
    return html[start:html.index("</svg>", start)]


def dashboard_url(campaign):
    return reverse("campaigns_staff_dashboard", args=[campaign.pk])


@pytest.mark.parametrize("group", ["Editors", "Translators"])
def test_editors_and_translators_are_refused_the_dashboard_and_its_actions(client, make_staff, campaign, group):
    client.force_login(make_staff("someone", group))
    pending = endorsement(campaign)

    assert client.get(reverse("campaigns_staff_dashboards")).status_code == 403
    assert client.get(dashboard_url(campaign)).status_code == 403
    assert client.post(reverse("campaigns_staff_export", args=[campaign.pk]), {"statuses": ["confirmed"]}).status_code == 403
    assert client.post(reverse("campaigns_staff_delivery_pack", args=[campaign.pk]), {"language": "en"}).status_code == 403
    assert client.get(reverse("campaigns_staff_invalidate", args=[campaign.pk]), {"email_domain": "union.example"}).status_code == 403
    assert client.post(reverse("campaigns_staff_decide_endorsement", args=[pending.pk]),
                       {"decision": "approve"}).status_code == 403
    pending.refresh_from_db()
    assert pending.status == Endorsement.Status.PENDING
    assert campaign.signatures.filter(status=Signature.Status.CONFIRMED).count() == 4


def test_the_menu_shows_the_dashboards_to_campaigners_only(client, make_staff, campaign):
    client.force_login(make_staff("editor", "Editors"))
    assert "Campaign dashboards" not in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(make_staff("campaigner", "Campaigners"))
    assert "Campaign dashboards" in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("group", ["Campaigners", "Administrators"])
def test_campaigners_and_administrators_see_counts_by_status_and_country(client, make_staff, campaign, group):
    client.force_login(make_staff("staffer", group))

    listing = client.get(reverse("campaigns_staff_dashboards"))
    response = client.get(dashboard_url(campaign))

    assert listing.status_code == 200
    assert dashboard_url(campaign) in listing.content.decode()
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'id="count-confirmed"><strong>4</strong>', html)
    assert re.search(r'id="count-pending"><strong>1</strong>', html)
    assert re.search(r'id="count-invalidated"><strong>1</strong>', html)
    countries = re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", html.split('id="by-country"')[1].split("</table>")[0])
    assert countries == [("United Kingdom", "2"), ("Spain", "1"), ("Sweden", "1")]


def test_the_dashboard_draws_signatures_over_time_as_svg_with_a_title_and_description(client, make_staff, campaign):
    client.force_login(make_staff("campaigner", "Campaigners"))

    html = client.get(dashboard_url(campaign)).content.decode()

    svg = chart(html)
    assert 'role="img"' in svg
    assert "<title id=\"signatures-chart-title\">Signatures over time</title>" in svg
    assert "6 in all, 4 confirmed, 1 waiting for confirmation, 1 invalidated" in svg
    assert "<script" not in html.split('id="chart-heading"')[1].split("</section>")[0]


def test_in_persian_the_dashboard_and_its_chart_use_persian_digits(client, make_staff, campaign):
    client.force_login(make_staff("campaigner", "Campaigners", language="fa"))

    html = client.get(dashboard_url(campaign)).content.decode()

    assert 'id="count-confirmed"><strong>۴</strong>' in html
    svg = chart(html)
    assert "۶" in svg and "۴" in svg
    assert not re.search(r">[^<]*[0-9][^<]*</text>", svg)
    assert "بریتانیا" in html


def test_a_campaigner_approves_and_rejects_endorsements_by_post(client, make_staff, campaign):
    campaigner = make_staff("campaigner", "Campaigners")
    client.force_login(campaigner)
    union = endorsement(campaign)
    dubious = endorsement(campaign, organisation_name="Totally Real Union", email="x@spam.example")

    page = client.get(dashboard_url(campaign)).content.decode()
    assert "CUPE Local 4400" in page and "Totally Real Union" in page
    assert client.get(reverse("campaigns_staff_decide_endorsement", args=[union.pk])).status_code == 405

    approved = client.post(reverse("campaigns_staff_decide_endorsement", args=[union.pk]), {"decision": "approve"})
    rejected = client.post(reverse("campaigns_staff_decide_endorsement", args=[dubious.pk]), {"decision": "reject"})

    assert approved.status_code == rejected.status_code == 302
    union.refresh_from_db()
    dubious.refresh_from_db()
    assert (union.status, union.decided_by) == (Endorsement.Status.APPROVED, campaigner)
    assert (dubious.status, dubious.decided_by) == (Endorsement.Status.REJECTED, campaigner)
    page = client.get(dashboard_url(campaign)).content.decode()
    assert "No endorsements waiting." in page


def test_names_with_script_are_shown_as_text(client, make_staff, campaign):
    endorsement(campaign, organisation_name="<script>alert(1)</script>")
    client.force_login(make_staff("campaigner", "Campaigners"))

    html = client.get(dashboard_url(campaign)).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_empty_campaign_has_a_dashboard_too(client, make_staff, db):
    empty = make_campaign(slug="empty", created_at=timezone.now() - timedelta(days=1))
    client.force_login(make_staff("campaigner", "Campaigners"))

    html = client.get(dashboard_url(empty)).content.decode()

    assert "No signatures yet." in html
    assert "No confirmed signatures yet." in html
