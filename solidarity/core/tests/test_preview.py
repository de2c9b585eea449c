"""Link-preview pictures drawn on the server: Persian joined and laid out right to left."""

import io

from PIL import Image, ImageDraw, ImageFont

from solidarity.core import preview

TITLE_FA = "آزادی کارگران زندانی"


def ink_box(png):
    image = Image.open(io.BytesIO(png)).convert("L").crop((0, preview.MARGIN, 1200, preview.MARGIN + 90))
    return image.point(lambda value: 255 if value > 200 else 0).getbbox()


def test_persian_is_laid_out_from_the_right_margin(db):
    persian = ink_box(preview.draw(title=TITLE_FA, language="fa"))
    english = ink_box(preview.draw(title="Free the jailed workers", language="en"))

    assert abs(persian[2] - (1200 - preview.MARGIN)) < 10 and persian[0] > 400
    assert abs(english[0] - preview.MARGIN) < 10


def test_persian_letters_are_joined_as_raqm_shapes_them(db):
    shaped = ImageFont.truetype(str(preview.FONT), 64, layout_engine=ImageFont.Layout.RAQM)
    unshaped = ImageFont.truetype(str(preview.FONT), 64, layout_engine=ImageFont.Layout.BASIC)

    # Joined letters take less room than the same letters each drawn in its isolated form.
    assert shaped.getlength(TITLE_FA, direction="rtl", language="fa") < unshaped.getlength(TITLE_FA)
    canvas = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    assert canvas.textlength(TITLE_FA, font=shaped, direction="rtl") != canvas.textlength(TITLE_FA, font=unshaped)


def test_a_drawn_picture_is_kept_and_drawn_again_only_when_what_it_shows_changes(db, private_cache):
    first = preview.cached_png(title="One", language="en")

    assert preview.cached_png(title="One", language="en") is not first or first == preview.draw(title="One", language="en")
    assert preview.cached_png(title="Two", language="en") != first
