"""A small world map drawn on the server as SVG: no tiles, no scripts, no other host.

Equirectangular projection on a 720×360 canvas; the land is a handful of hand-simplified
outlines (a few hundred bytes), each country a circle sized by its count that links to the
registry filtered by that country.
"""

import functools
import math

from django.http import QueryDict
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from solidarity.core.countries import coordinates

WIDTH, HEIGHT = 720, 360

# (longitude, latitude) outlines, drawn coarsely on purpose.
LAND = [
    # North and Central America
    [(-168, 66), (-162, 70), (-140, 70), (-120, 72), (-95, 72), (-80, 74), (-62, 66), (-55, 52), (-66, 45),
     (-76, 38), (-81, 31), (-80, 25), (-84, 30), (-90, 29), (-97, 27), (-97, 21), (-88, 21), (-87, 15), (-83, 9),
     (-78, 8), (-85, 12), (-92, 15), (-105, 20), (-112, 29), (-117, 33), (-124, 40), (-124, 48), (-132, 55),
     (-140, 60), (-152, 58), (-165, 60)],
    # Greenland
    [(-73, 78), (-60, 82), (-30, 83), (-20, 75), (-40, 65), (-50, 61), (-55, 68)],
    # South America
    [(-78, 8), (-72, 12), (-62, 10), (-52, 5), (-35, -6), (-39, -15), (-48, -26), (-58, -35), (-65, -41),
     (-68, -52), (-72, -54), (-75, -46), (-73, -37), (-71, -18), (-80, -6), (-80, 1)],
    # Europe and Asia
    [(-10, 36), (-9, 43), (-2, 44), (-5, 48), (2, 51), (8, 54), (5, 58), (5, 62), (15, 69), (28, 71), (40, 67),
     (60, 70), (80, 73), (100, 77), (120, 73), (140, 72), (160, 70), (180, 68), (180, 65), (160, 60), (156, 51),
     (142, 52), (140, 46), (130, 42), (127, 35), (121, 31), (121, 25), (110, 20), (108, 11), (105, 9), (100, 13),
     (100, 3), (104, 1), (98, 8), (98, 16), (92, 21), (87, 22), (80, 15), (77, 8), (73, 17), (67, 24), (57, 25),
     (56, 27), (50, 30), (48, 30), (56, 24), (59, 22), (52, 16), (43, 12), (39, 20), (35, 28), (32, 31),
     (35, 36), (27, 37), (26, 40), (23, 36), (21, 40), (13, 45), (18, 40), (15, 38), (12, 42), (8, 44), (3, 43),
     (-2, 37)],
    # Africa
    [(-17, 21), (-6, 36), (10, 37), (20, 31), (32, 31), (35, 28), (43, 12), (51, 12), (40, -2), (40, -15),
     (35, -24), (33, -29), (20, -35), (18, -30), (12, -17), (13, -7), (9, -1), (9, 4), (-8, 4), (-13, 8),
     (-17, 15)],
    # Australia
    [(114, -22), (122, -18), (130, -12), (137, -12), (142, -11), (146, -19), (153, -26), (150, -37), (141, -38),
     (135, -34), (130, -32), (115, -34)],
    # Britain and Ireland, Japan, Indonesia, New Zealand, Madagascar
    [(-5, 50), (1, 51), (2, 53), (-2, 56), (-3, 58), (-6, 57), (-5, 54), (-3, 54)],
    [(-10, 52), (-6, 52), (-6, 55), (-10, 54)],
    [(130, 31), (135, 34), (140, 35), (142, 40), (141, 45), (140, 42), (136, 36), (131, 34)],
    [(95, 5), (106, -6), (115, -8), (120, -9), (110, -8), (104, -5)],
    [(109, 2), (118, 7), (119, 0), (116, -4), (110, -2)],
    [(167, -46), (174, -41), (178, -38), (173, -35), (172, -41)],
    [(44, -25), (47, -25), (50, -15), (49, -12), (44, -17)],
]


def project(lat, lon):
    return round((lon + 180) * WIDTH / 360, 1), round((90 - lat) * HEIGHT / 180, 1)


def _land_path():
    parts = []
    for outline in LAND:
        points = [project(lat, lon) for lon, lat in outline]
        parts.append("M" + "L".join(f"{x} {y}" for x, y in points) + "Z")
    return "".join(parts)


LAND_PATH = _land_path()


def render(counts, *, link, selected="", standalone=False):
    """SVG markup for [{"code", "name", "count"}] rows; link(code) gives each marker's address."""
    largest = max((row["count"] for row in counts), default=1)
    markers = []
    for row in counts:
        point = coordinates(row["code"])
        if point is None:
            continue
        x, y = project(*point)
        radius = round(3 + 11 * math.sqrt(row["count"] / largest), 1)
        label = f"{row['name']}: {row['count']}"
        markers.append(format_html(
            '<a href="{}" aria-label="{}"><circle class="marker{}" cx="{}" cy="{}" r="{}" fill="#a8201a" '
            'fill-opacity="0.75" stroke="#fff" stroke-width="1"><title>{}</title></circle></a>',
            link(row["code"]), label, " selected" if row["code"] == selected else "", x, y, radius, label,
        ))
    namespace = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    title = escape(_("Map of resolutions by country"))
    return mark_safe(  # noqa: S308 - every value above is escaped by format_html/escape
        f'<svg{namespace} class="world-map" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="map-title">'
        f'<title id="map-title">{title}</title>'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#eef3f7"/>'
        f'<path d="{LAND_PATH}" fill="#d6d6cf" stroke="#bbb" stroke-width="0.5"/>'
        + "".join(markers)
        + "</svg>"
    )


def render_for_query(counts, *, query, selected="", standalone=False):
    """The map for a registry query string (without its page): markers keep the other filters.

    The same counts and filters give the same markup, so it is drawn once per distinct set
    (sixty markers, each escaped and linked, cost more than the page's queries).
    """
    rows = tuple((row["code"], row["name"], row["count"]) for row in counts)
    return _render_cached(rows, query, selected, standalone, get_language())


@functools.lru_cache(maxsize=512)
def _render_cached(rows, query, selected, standalone, language):
    base = reverse("network:registry")

    def link(code):
        params = QueryDict(query, mutable=True)
        params["country"] = code
        return f"{base}?{params.urlencode()}"

    counts = [{"code": code, "name": name, "count": count} for code, name, count in rows]
    return render(counts, link=link, selected=selected, standalone=standalone)
