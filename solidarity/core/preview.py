"""Link-preview pictures drawn on the server: a title and a line or two on the site's colours,
1200 x 630 (the size link previews expect), with Persian shaped and laid out right to left
(Pillow's Raqm layout, the libraqm0 system package, and the Vazirmatn font kept beside this
module, so nothing is fetched).

Drawing costs tens of milliseconds, so each picture is kept in the default cache under a key
made of everything drawn on it: a changed title or count draws a new one; the address stays.
"""

import hashlib
import io
from pathlib import Path

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from PIL import Image, ImageDraw, ImageFont, features

from .i18n import is_rtl
from .text import clean_line

FONT = Path(__file__).resolve().parent / "fonts" / "Vazirmatn-Bold.ttf"
SIZE = (1200, 630)
MARGIN = 72
DARK = "#3b0a08"
ACCENT = "#a8201a"
CACHE_SECONDS = 24 * 60 * 60
CACHE_VERSION = 1


def _font(size):
    # Without Raqm, Persian letters would come out unjoined and left to right: better to fail loudly.
    if not features.check("raqm"):
        raise RuntimeError("Pillow has no Raqm layout: install libraqm0 (bin/system-packages).")
    return ImageFont.truetype(str(FONT), size, layout_engine=ImageFont.Layout.RAQM)


def _wrap(text, font, width, direction, language):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and font.getlength(candidate, direction=direction, language=language) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def draw(*, title, lines=(), footer="", language="en", background=DARK, accent=ACCENT):
    """The picture as PNG bytes."""
    rtl = is_rtl(language)
    direction = "rtl" if rtl else "ltr"
    lang = "fa" if rtl else "en"
    image = Image.new("RGB", SIZE, background)
    canvas = ImageDraw.Draw(image)
    canvas.rectangle([0, SIZE[1] - 24, SIZE[0], SIZE[1]], fill=accent)
    width = SIZE[0] - 2 * MARGIN
    x = SIZE[0] - MARGIN if rtl else MARGIN
    anchor = "ra" if rtl else "la"
    y = MARGIN

    def write(text, size, fill, max_lines, gap):
        nonlocal y
        font = _font(size)
        wrapped = _wrap(clean_line(text), font, width, direction, lang)
        if len(wrapped) > max_lines:
            wrapped = wrapped[:max_lines]
            wrapped[-1] = wrapped[-1] + "…"
        for line in wrapped:
            canvas.text((x, y), line, font=font, fill=fill, anchor=anchor, direction=direction, language=lang)
            y += int(size * 1.45)
        y += gap

    write(title, 64, "#ffffff", 4, 24)
    for line in lines:
        if line:
            write(line, 40, "#f3d9d7", 2, 12)
    if footer:
        y = SIZE[1] - MARGIN - 40
        write(footer, 32, "#ffffff", 1, 0)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def cached_png(**fields):
    """`draw(**fields)`, drawn once per distinct content."""
    digest = hashlib.sha256(repr(sorted(fields.items())).encode()).hexdigest()
    key = f"preview:{CACHE_VERSION}:{digest}"
    png = cache.get(key)
    if png is None:
        png = draw(**fields)
        cache.set(key, png, CACHE_SECONDS)
    return png


def png_response(png, *, max_age=300):
    response = HttpResponse(png, content_type="image/png")
    response["ETag"] = '"' + hashlib.sha256(png).hexdigest()[:32] + '"'
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def draw_illustration(*, motif, size=(1200, 675), background=DARK, accent=ACCENT):
    """A flat picture for demo content and default logos: "bus" (a bus at a stop), "person" (a
    silhouette), "mark" (the alliance's mark). Flat colours keep the file small."""
    width, height = size
    image = Image.new("RGB", size, background)
    canvas = ImageDraw.Draw(image)
    unit = min(width, height) / 10
    if motif == "bus":
        canvas.rectangle([0, height * .78, width, height], fill="#2b2b30")
        left, top = width * .14, height * .3
        canvas.rounded_rectangle([left, top, width * .86, height * .74], radius=unit * .6, fill=accent)
        for i in range(6):
            x = left + unit * .5 + i * (width * .72 - unit) / 6
            canvas.rounded_rectangle([x, top + unit * .5, x + (width * .72 - unit) / 6 - unit * .3, top + unit * 2],
                                     radius=unit * .15, fill="#f3d9d7")
        for x in (width * .26, width * .72):
            canvas.ellipse([x - unit * .8, height * .68, x + unit * .8, height * .68 + unit * 1.6], fill="#111114")
            canvas.ellipse([x - unit * .35, height * .68 + unit * .45, x + unit * .35, height * .68 + unit * 1.15],
                           fill="#9a9aa2")
    elif motif == "person":
        cx = width / 2
        canvas.ellipse([cx - unit * 1.6, height * .18, cx + unit * 1.6, height * .18 + unit * 3.2], fill="#f3d9d7")
        canvas.pieslice([cx - unit * 3.4, height * .56, cx + unit * 3.4, height * .56 + unit * 6.8], 180, 360,
                        fill="#f3d9d7")
        canvas.rectangle([0, height * .9, width, height], fill=accent)
    else:
        canvas.rounded_rectangle([0, 0, width - 1, height - 1], radius=unit * 1.8, fill=accent)
        points = [(width * .2, height * .56), (width * .34, height * .56), (width * .44, height * .34),
                  (width * .56, height * .72), (width * .66, height * .5), (width * .8, height * .5)]
        canvas.line(points, fill="#ffffff", width=max(2, int(unit * .9)), joint="curve")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
