"""The countries the network needs, with their names in English and Persian.

Django has no country list; django-countries has Persian names but no coordinates, and the
registry's map needs both, so we keep this small table (ISO 3166-1 alpha-2 codes, names,
and a point inside each country for its marker). Add a row when a new country is needed.
"""

from solidarity.core.i18n import is_persian

# code: (English name, Persian name, latitude, longitude)
COUNTRIES = {
    "AF": ("Afghanistan", "افغانستان", 33.9, 67.7),
    "AR": ("Argentina", "آرژانتین", -34.0, -64.0),
    "AT": ("Austria", "اتریش", 47.5, 14.5),
    "AU": ("Australia", "استرالیا", -25.0, 134.0),
    "AZ": ("Azerbaijan", "جمهوری آذربایجان", 40.3, 47.7),
    "BD": ("Bangladesh", "بنگلادش", 23.7, 90.3),
    "BE": ("Belgium", "بلژیک", 50.5, 4.5),
    "BR": ("Brazil", "برزیل", -10.0, -52.0),
    "CA": ("Canada", "کانادا", 56.0, -106.0),
    "CH": ("Switzerland", "سوئیس", 46.8, 8.2),
    "CL": ("Chile", "شیلی", -30.0, -71.0),
    "CO": ("Colombia", "کلمبیا", 4.0, -73.0),
    "DE": ("Germany", "آلمان", 51.0, 10.0),
    "DK": ("Denmark", "دانمارک", 56.0, 10.0),
    "EG": ("Egypt", "مصر", 27.0, 30.0),
    "ES": ("Spain", "اسپانیا", 40.0, -4.0),
    "FI": ("Finland", "فنلاند", 64.0, 26.0),
    "FR": ("France", "فرانسه", 46.5, 2.5),
    "GB": ("United Kingdom", "بریتانیا", 54.0, -2.0),
    "GR": ("Greece", "یونان", 39.0, 22.0),
    "ID": ("Indonesia", "اندونزی", -2.0, 118.0),
    "IE": ("Ireland", "ایرلند", 53.2, -8.0),
    "IN": ("India", "هند", 21.0, 78.0),
    "IQ": ("Iraq", "عراق", 33.0, 44.0),
    "IR": ("Iran", "ایران", 32.5, 53.7),
    "IT": ("Italy", "ایتالیا", 42.8, 12.5),
    "JO": ("Jordan", "اردن", 31.0, 36.5),
    "JP": ("Japan", "ژاپن", 36.2, 138.3),
    "KR": ("South Korea", "کره جنوبی", 36.5, 127.9),
    "KW": ("Kuwait", "کویت", 29.3, 47.6),
    "LB": ("Lebanon", "لبنان", 33.9, 35.9),
    "LK": ("Sri Lanka", "سری‌لانکا", 7.8, 80.7),
    "MA": ("Morocco", "مراکش", 32.0, -6.0),
    "MX": ("Mexico", "مکزیک", 23.0, -102.0),
    "MY": ("Malaysia", "مالزی", 4.2, 102.0),
    "NG": ("Nigeria", "نیجریه", 9.0, 8.0),
    "NL": ("Netherlands", "هلند", 52.2, 5.3),
    "NO": ("Norway", "نروژ", 61.0, 9.0),
    "NP": ("Nepal", "نپال", 28.4, 84.1),
    "NZ": ("New Zealand", "نیوزیلند", -41.0, 174.0),
    "PH": ("Philippines", "فیلیپین", 12.0, 122.0),
    "PK": ("Pakistan", "پاکستان", 30.0, 70.0),
    "PL": ("Poland", "لهستان", 52.0, 19.0),
    "PT": ("Portugal", "پرتغال", 39.5, -8.0),
    "RU": ("Russia", "روسیه", 60.0, 90.0),
    "SE": ("Sweden", "سوئد", 62.0, 15.0),
    "TN": ("Tunisia", "تونس", 34.0, 9.0),
    "TR": ("Turkey", "ترکیه", 39.0, 35.0),
    "US": ("United States", "ایالات متحده آمریکا", 39.0, -98.0),
    "ZA": ("South Africa", "آفریقای جنوبی", -29.0, 24.0),
}


def country_name(code, language=None):
    """The country's name in the current language ('' for an unknown code)."""
    row = COUNTRIES.get(code)
    if row is None:
        return code or ""
    return row[1] if is_persian(language) else row[0]


def country_choices():
    """Choices for forms, English and Persian side by side so either reader finds the country."""
    return [(code, f"{en} — {fa}") for code, (en, fa, _lat, _lon) in sorted(COUNTRIES.items(), key=lambda r: r[1][0])]


def coordinates(code):
    row = COUNTRIES.get(code)
    return (row[2], row[3]) if row else None
