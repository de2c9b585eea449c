"""A campaign's card, wherever it is listed: picture with its description, the one-line demand,
the confirmed count and progress toward the goal, and a Sign button straight to the form."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from solidarity.campaigns import services
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.publishing import factories


def picture():
    out = io.BytesIO()
    Image.new("RGB", (800, 450), "#a8201a").save(out, format="PNG")
    return factories.make_image(title="Bus", filename="bus.png", content=out.getvalue())


def test_the_card_counts_confirmed_signatures_toward_the_goal_and_signs_at_the_form(db, settings):
    settings.CAMPAIGN_COUNTS_SECONDS = 0
    campaign = make_campaign(goal=4)
    make_signature(campaign, email="a@union.example")
    make_signature(campaign, email="b@union.example", confirmed=False)

    card = services.campaign_card(campaign)

    assert (card.total, card.goal, card.percent, card.progress) == (1, 4, 25, 1)
    assert card.sign_url == "/en/campaigns/free-the-drivers/#sign"
    assert card.headline == "Release the drivers now"  # no one-line demand written: the first demand


def test_past_the_goal_the_bar_is_full_and_no_more(db, settings):
    settings.CAMPAIGN_COUNTS_SECONDS = 0
    campaign = make_campaign(goal=1, headline_en="Free them all")
    make_signature(campaign, email="a@union.example")
    make_signature(campaign, email="b@union.example")

    card = services.campaign_card(campaign)

    assert (card.percent, card.progress, card.headline) == (100, 1, "Free them all")


def test_the_list_shows_each_open_action_as_a_card_with_its_picture_and_description(client, db):
    campaign = make_campaign(goal=100, image_alt_en="A red bus", image_alt_fa="اتوبوسی قرمز")
    campaign.image = picture()
    campaign.save(update_fields=["image"])

    english = client.get("/en/campaigns/").content.decode()
    persian = client.get("/fa/campaigns/").content.decode()

    assert 'class="campaign-card-picture"' in english and 'alt="A red bus"' in english
    assert 'alt="اتوبوسی قرمز"' in persian
    assert '<progress class="campaign-progress" max="100" value="0"' in english
    assert 'href="/en/campaigns/free-the-drivers/#sign"' in english
    assert 'href="/fa/campaigns/free-the-drivers/#sign"' in persian


def test_a_picture_needs_its_description_in_each_language_the_campaign_has(db):
    campaign = make_campaign(title_fa="")
    campaign.image = picture()

    with pytest.raises(ValidationError) as error:
        campaign.clean()
    assert set(error.value.message_dict) == {"image_alt_en"}

    campaign.image_alt_en = "A red bus"
    campaign.clean()


def test_the_persian_card_separates_the_count_and_the_goal_with_a_persian_comma_not_a_dot(client, db):
    from solidarity.campaigns.factories import make_campaign

    make_campaign(slug="card-sep", goal=500)

    content = client.get("/fa/campaigns/").content.decode()

    assert "هدف" in content
    count_line = content.split('class="campaign-card-count"')[1].split("</p>")[0]
    assert "·" not in count_line and "، " in count_line
