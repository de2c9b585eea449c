"""A campaign not yet translated shows its English text on the Persian page marked as English."""

import pytest

from solidarity.campaigns.factories import make_campaign

pytestmark = pytest.mark.django_db


def test_english_text_on_the_persian_campaign_page_is_marked_english(client):
    campaign = make_campaign(summary_fa="", demands_fa="", background_fa="")
    content = client.get(f"/fa/campaigns/{campaign.slug}/").content.decode()
    assert '<p class="summary" lang="en" dir="ltr">Three bus drivers were arrested' in content
    assert '<li><span lang="en" dir="ltr">Release the drivers now</span></li>' in content
    assert '<p lang="en" dir="ltr">They were arrested at dawn.</p>' in content


def test_translated_text_is_not_marked(client):
    campaign = make_campaign()
    content = client.get(f"/fa/campaigns/{campaign.slug}/").content.decode()
    assert 'lang="en" dir="ltr">Three bus drivers' not in content
    assert "<li>رانندگان را فوراً آزاد کنید</li>" in content
