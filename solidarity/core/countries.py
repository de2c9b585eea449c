"""Countries: every ISO 3166-1 country, named in the reader's language, plus "other / prefer
not to say".

Names and their Persian translations come from django-countries (249 countries, kept up to
date with ISO). The registry's map also needs a point inside each country for its marker;
that small table is ours, and a country without a point is counted and listed but not drawn.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from solidarity.core.i18n import sort_key

# ISO 3166 leaves "ZZ" to users for "unknown or unspecified": a signer who would rather not
# say, or whose country is not one of the list's.
UNSPECIFIED = "ZZ"
UNSPECIFIED_NAME = _("Other / prefer not to say")

# code: (latitude, longitude) of a point inside the country, for the map's marker.
COORDINATES = {
    "AF": (33.9, 67.7),
    "AR": (-34.0, -64.0),
    "AT": (47.5, 14.5),
    "AU": (-25.0, 134.0),
    "AZ": (40.3, 47.7),
    "BD": (23.7, 90.3),
    "BE": (50.5, 4.5),
    "BR": (-10.0, -52.0),
    "CA": (56.0, -106.0),
    "CH": (46.8, 8.2),
    "CL": (-30.0, -71.0),
    "CO": (4.0, -73.0),
    "DE": (51.0, 10.0),
    "DK": (56.0, 10.0),
    "EG": (27.0, 30.0),
    "ES": (40.0, -4.0),
    "FI": (64.0, 26.0),
    "FR": (46.5, 2.5),
    "GB": (54.0, -2.0),
    "GR": (39.0, 22.0),
    "ID": (-2.0, 118.0),
    "IE": (53.2, -8.0),
    "IN": (21.0, 78.0),
    "IQ": (33.0, 44.0),
    "IR": (32.5, 53.7),
    "IT": (42.8, 12.5),
    "JO": (31.0, 36.5),
    "JP": (36.2, 138.3),
    "KR": (36.5, 127.9),
    "KW": (29.3, 47.6),
    "LB": (33.9, 35.9),
    "LK": (7.8, 80.7),
    "MA": (32.0, -6.0),
    "MX": (23.0, -102.0),
    "MY": (4.2, 102.0),
    "NG": (9.0, 8.0),
    "NL": (52.2, 5.3),
    "NO": (61.0, 9.0),
    "NP": (28.4, 84.1),
    "NZ": (-41.0, 174.0),
    "PH": (12.0, 122.0),
    "PK": (30.0, 70.0),
    "PL": (52.0, 19.0),
    "PT": (39.5, -8.0),
    "RU": (60.0, 90.0),
    "SE": (62.0, 15.0),
    "TN": (34.0, 9.0),
    "TR": (39.0, 35.0),
    "US": (39.0, -98.0),
    "ZA": (-29.0, 24.0),
}


def is_known(code):
    """Whether a form or an import may store this code."""
    return code == UNSPECIFIED or code in countries


def country_name(code, language=None):
    """The country's name in the given (or current) language; '' for an empty code, the code
    itself for one the list does not know (an old import, say)."""
    if not code:
        return ""
    with translation.override(language or translation.get_language()):
        if code == UNSPECIFIED:
            return str(UNSPECIFIED_NAME)
        return str(countries.name(code)) or code


def country_choices():
    """Choices for forms in the reader's language, sorted as that language sorts them, with
    "other / prefer not to say" last."""
    named = sorted(((country.code, str(country.name)) for country in countries), key=lambda row: sort_key(row[1]))
    return [*named, (UNSPECIFIED, str(UNSPECIFIED_NAME))]


def coordinates(code):
    return COORDINATES.get(code)
