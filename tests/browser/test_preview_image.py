"""A campaign without a picture of its own gets one drawn on the server for link previews: its
title and count on the alliance's colours, the Persian joined and laid out right to left."""

import io

import pytest
from PIL import Image

from .campaign_site import OTHER_ACTION, keep

pytestmark = pytest.mark.browser

MARGIN = 72


def ink_columns(png, top, bottom):
    """The leftmost and rightmost columns with white text between two rows."""
    image = Image.open(io.BytesIO(png)).convert("L").crop((0, top, 1200, bottom))
    columns = [x for x in range(image.width) if any(image.getpixel((x, y)) > 200 for y in range(0, image.height, 2))]
    return min(columns), max(columns)


def test_the_drawn_preview_is_linked_from_the_page_and_lays_persian_out_right_to_left(live, demo, browsing):
    page = browsing.new_page()
    drawn = {}
    for language in ("en", "fa"):
        page.goto(f"/{language}/campaigns/{OTHER_ACTION}/")
        image_url = page.locator("meta[property='og:image']").get_attribute("content")
        assert image_url.endswith(f"/{language}/campaigns/{OTHER_ACTION}/preview.png")
        response = page.request.get(image_url.replace("http://localhost", browsing.base_url)
                                    if image_url.startswith("http://localhost/") else image_url)
        assert response.ok and response.headers["content-type"] == "image/png"
        drawn[language] = response.body()
        assert Image.open(io.BytesIO(drawn[language])).size == (1200, 630)
        page.goto(image_url)
        keep(page, f"preview-{language}")
    # The footer line (the site's name): English starts at the left margin; Persian ends at the
    # right one and, being shorter than the line, starts well inside.
    footer = (630 - MARGIN - 40, 630 - MARGIN + 10)
    en_left, _en_right = ink_columns(drawn["en"], *footer)
    fa_left, fa_right = ink_columns(drawn["fa"], *footer)
    assert abs(en_left - MARGIN) < 12
    assert abs(fa_right - (1200 - MARGIN)) < 12 and fa_left > 300
