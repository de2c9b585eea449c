"""Bulk invalidation of suspicious signatures: a preview of how many and which, then the change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from solidarity.campaigns import services
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Signature
from solidarity.campaigns.services import invalidation
from solidarity.campaigns.services.errors import StaffError
from solidarity.core import security

FLOOD_IP = "198.51.100.23"


@pytest.fixture
def campaign(db):
    campaign = make_campaign()
    make_signature(campaign, email="ana@union.example", name="Ana López", country="ES", ip_hash=security.hash_ip("203.0.113.1"))
    make_signature(campaign, email="bo@union.example", name="Bo Berg", country="SE", ip_hash=security.hash_ip("203.0.113.2"))
    for i in range(4):
        make_signature(campaign, email=f"bot{i}@spam.example", name=f"Bot {i}", country="US",
                       ip_hash=security.hash_ip(FLOOD_IP))
    make_signature(campaign, email="bot9@mail.spam.example", name="Bot 9", country="US", confirmed=False,
                   ip_hash=security.hash_ip("203.0.113.9"))
    return campaign


def preview_url(campaign):
    return reverse("campaigns_staff_invalidate", args=[campaign.pk])


@pytest.fixture
def campaigner(client, make_staff):
    user = make_staff("campaigner", "Campaigners")
    client.force_login(user)
    return user


def test_the_preview_says_how_many_and_which_and_changes_nothing(client, campaigner, campaign):
    response = client.get(preview_url(campaign), {"email_domain": "spam.example", "include_confirmed": "on"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "5 signatures would be invalidated" in html
    assert "4 of them confirmed (they leave the public count), 1 waiting for confirmation" in html
    for name in ["Bot 0", "Bot 3", "Bot 9"]:
        assert name in html
    assert "Ana López" not in html
    assert campaign.signatures.filter(status=Signature.Status.INVALIDATED).count() == 0


def test_confirming_the_preview_invalidates_those_signatures_and_the_counts_drop(client, campaigner, campaign, settings):
    settings.CAMPAIGN_COUNTS_SECONDS = 60
    assert services.counts(campaign)["total"] == 6
    preview = client.get(preview_url(campaign), {"ip": FLOOD_IP, "include_confirmed": "on"}).context["confirm_form"]

    response = client.post(preview_url(campaign), {**{k: v for k, v in preview.initial.items() if v not in (None, "")},
                                                   "reason": "One address, four names in a minute"})

    assert response.status_code == 302
    invalidated = campaign.signatures.filter(status=Signature.Status.INVALIDATED)
    assert sorted(invalidated.values_list("name", flat=True)) == ["Bot 0", "Bot 1", "Bot 2", "Bot 3"]
    assert all(s.invalidated_reason.startswith("One address, four names in a minute (campaigner, ")
               for s in invalidated)
    assert services.counts(campaign) == {"total": 2, "by_country": {"ES": 1, "SE": 1}}
    html = client.get(reverse("campaigns_staff_dashboard", args=[campaign.pk])).content.decode()
    assert 'id="count-confirmed"><strong>2</strong>' in html
    assert 'id="count-invalidated"><strong>4</strong>' in html


def test_signatures_that_arrive_after_the_preview_are_left_alone(client, campaigner, campaign):
    form = client.get(preview_url(campaign), {"email_domain": "spam.example", "include_confirmed": "on"}).context["confirm_form"]
    late = make_signature(campaign, email="bot-late@spam.example", name="Late Bot")

    client.post(preview_url(campaign), {**{k: v for k, v in form.initial.items() if v not in (None, "")},
                                        "reason": "Made-up addresses"})

    late.refresh_from_db()
    assert late.status == Signature.Status.CONFIRMED
    assert campaign.signatures.filter(status=Signature.Status.INVALIDATED).count() == 5


def test_the_time_window_and_pending_only_criteria(campaign):
    now = timezone.now()
    old = make_signature(campaign, email="old@spam.example", name="Old Bot", confirmed=False)
    Signature.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=2))

    window = invalidation.Suspicion(signed_from=now - datetime.timedelta(days=3), signed_until=now - datetime.timedelta(days=1))
    pending_only = invalidation.Suspicion(email_domain="spam.example", include_confirmed=False)

    assert list(invalidation.suspicious_signatures(campaign, window)) == [old]
    assert sorted(s.name for s in invalidation.suspicious_signatures(campaign, pending_only)) == ["Bot 9", "Old Bot"]


def test_the_ip_criterion_takes_an_address_or_the_hash_shown_on_the_dashboard(campaign):
    by_address = invalidation.preview_invalidation(campaign, invalidation.Suspicion(ip=FLOOD_IP))
    by_hash = invalidation.preview_invalidation(campaign, invalidation.Suspicion(ip=security.hash_ip(FLOOD_IP)))

    assert by_address.total == by_hash.total == 4
    with pytest.raises(StaffError):
        invalidation.Suspicion(ip="not an address").ip_hash()


def test_without_any_criterion_or_reason_nothing_is_invalidated(client, campaigner, campaign):
    empty = client.get(preview_url(campaign), {"email_domain": "", "ip": ""})
    no_reason = client.post(preview_url(campaign), {"email_domain": "spam.example", "include_confirmed": "True",
                                                    "up_to_id": "999999", "reason": "  "})

    assert "Give at least one criterion" in empty.content.decode()
    assert no_reason.status_code == 400
    assert campaign.signatures.filter(status=Signature.Status.INVALIDATED).count() == 0
    with pytest.raises(StaffError):
        invalidation.invalidate_signatures(campaign, invalidation.Suspicion(), up_to_id=10**9, reason="all", user=campaigner)


def test_the_dashboard_points_at_the_busiest_address_and_domain(client, campaigner, campaign):
    html = client.get(reverse("campaigns_staff_dashboard", args=[campaign.pk])).content.decode()

    table = html.split('id="busiest-sources"')[1].split("</table>")[0]
    assert f"?ip={security.hash_ip(FLOOD_IP)}" in table
    assert "?email_domain=spam.example" in table
    assert "union.example" in table


def test_editors_cannot_preview_or_invalidate(client, make_staff, campaign):
    client.force_login(make_staff("editor", "Editors"))

    assert client.get(preview_url(campaign), {"email_domain": "spam.example"}).status_code == 403
    assert client.post(preview_url(campaign), {"email_domain": "spam.example", "up_to_id": "999999",
                                               "reason": "x"}).status_code == 403
    assert campaign.signatures.filter(status=Signature.Status.INVALIDATED).count() == 0
