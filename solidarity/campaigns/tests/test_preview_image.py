"""A campaign's link preview: its own picture, or one drawn with its title and count at an
address that stays the same."""

import io

from PIL import Image

from solidarity.campaigns.factories import make_campaign, make_signature


def test_without_a_picture_the_page_previews_with_the_drawn_one(client, db):
    make_campaign()

    content = client.get("/fa/campaigns/free-the-drivers/").content.decode()

    assert '<meta property="og:image" content="http://localhost/fa/campaigns/free-the-drivers/preview.png">' in content
    assert '<meta property="og:title" content="رانندگان اتوبوس را آزاد کنید">' in content
    assert '<meta property="og:locale" content="fa_IR">' in content
    assert '<meta property="og:locale:alternate" content="en_US">' in content
    assert '<meta name="twitter:card" content="summary_large_image">' in content


def test_the_drawn_picture_is_a_png_of_link_preview_size_and_changes_with_the_count(client, db, settings):
    settings.CAMPAIGN_COUNTS_SECONDS = 0
    campaign = make_campaign()
    first = client.get("/fa/campaigns/free-the-drivers/preview.png")
    make_signature(campaign)
    second = client.get("/fa/campaigns/free-the-drivers/preview.png")

    assert first["Content-Type"] == "image/png" and "max-age=300" in first["Cache-Control"]
    assert Image.open(io.BytesIO(first.content)).size == (1200, 630)
    assert first.content != second.content
    assert client.get("/fa/campaigns/nothing-here/preview.png").status_code == 404


def test_a_draft_campaign_has_no_preview(client, db):
    make_campaign(status="draft")

    assert client.get("/en/campaigns/free-the-drivers/preview.png").status_code == 404
