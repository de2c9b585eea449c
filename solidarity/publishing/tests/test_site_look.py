"""The site's look, chosen in the site identity: logo, tab icon and colours."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from solidarity.publishing import factories
from solidarity.publishing.models import SiteIdentity

pytestmark = pytest.mark.usefixtures("private_cache")


def png(size):
    out = io.BytesIO()
    Image.new("RGB", size, "#a8201a").save(out, format="PNG")
    return out.getvalue()


def test_the_colours_stylesheet_is_linked_only_when_a_colour_differs_from_the_default(client, site_tree):
    assert "/brand.css" not in client.get("/en/").text

    identity = SiteIdentity.load()
    identity.accent_colour = "#a8201a"  # the default: nothing to add
    identity.dark_colour = "#123456"
    identity.save(update_fields=["accent_colour", "dark_colour"])
    content = client.get("/fa/").text

    link = content.split('<link rel="stylesheet" href="/brand.css?v=')[1].split('"')[0]
    stylesheet = client.get(f"/brand.css?v={link}")
    assert stylesheet["Content-Type"].startswith("text/css")
    assert stylesheet.content.decode() == ":root { --dark: #123456; }\n"
    assert "immutable" in stylesheet["Cache-Control"]


def test_a_colour_too_light_for_white_text_is_refused_with_a_clear_error(db):
    identity = SiteIdentity(accent_colour="#ffcc00")

    with pytest.raises(ValidationError) as error:
        identity.clean()

    assert "hard to read" in str(error.value.message_dict["accent_colour"])


def test_the_logo_and_the_tab_icon_are_shown_on_every_page(client, site_tree):
    identity = SiteIdentity.load()
    identity.logo = factories.make_image(title="Logo", filename="logo.png", content=png((240, 80)))
    identity.favicon = factories.make_image(title="Icon", filename="icon.png", content=png((64, 64)))
    identity.save(update_fields=["logo", "favicon"])

    content = client.get("/en/about-us/").text

    header = content.split('<header class="site-header">')[1].split("</header>")[0]
    assert '<img class="logo" src="/media/images/logo' in header and 'alt=""' in header
    assert '<link rel="icon" href="/media/images/icon' in content and 'type="image/png"' in content


def test_without_a_tab_icon_the_sites_own_is_linked(client, site_tree):
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in client.get("/en/").text


def test_a_persian_page_asks_for_its_font_with_the_stylesheet_and_an_english_page_does_not(client, site_tree):
    # On a slow line the font then arrives a round trip sooner (tests/browser/test_bad_line.py);
    # `crossorigin`, as fonts are fetched, or the browser fetches it a second time.
    preload = '<link rel="preload" href="/static/fonts/vazirmatn-regular.woff2" as="font" type="font/woff2" crossorigin>'

    assert preload in client.get("/fa/").text
    assert 'rel="preload"' not in client.get("/en/").text
