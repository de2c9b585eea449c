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
    from django.http import HttpResponse
    from django.utils.cache import patch_cache_control

    response = HttpResponse(png, content_type="image/png")
    response["ETag"] = '"' + hashlib.sha256(png).hexdigest()[:32] + '"'
    patch_cache_control(response, public=True, max_age=max_age)
    return response
