from urllib.parse import quote_plus

from django import template
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from solidarity.core.countries import country_name
from solidarity.core.dates import RANGE_DASH, date_range_text, jalali, jalali_years
from solidarity.core.i18n import is_persian, sort_key
from solidarity.core.templatetags.solidarity import bidi, separator, show_date
from solidarity.core.text import to_persian_digits

register = template.Library()


@register.simple_tag
def date_range(start, end=None):
    """A date or a range inside <time> elements; Persian pages add the Jalali dates."""
    language = translation.get_language() or "en"
    if is_persian(language):
        text = to_persian_digits(date_range_text(start, end, "fa"))
        jalali_text = jalali(start) if not end or end == start else f"{jalali(start)} {RANGE_DASH} {jalali(end)}"
        return format_html('<time datetime="{}">{}</time> <span class="jalali">({})</span>',
                           start.isoformat(), text, jalali_text)
    return format_html('<time datetime="{}">{}</time>', start.isoformat(), date_range_text(start, end, language))


@register.filter
def country(code):
    return country_name(code)


# The registry's lists are built here in plain Python: sixty countries drawn in template loops
# (an option, a list item and a {% querystring %} each) cost more than all the page's queries.
def _local(value, persian):
    return to_persian_digits(value) if persian else str(value)


def _links(get, key):
    """What {% querystring key=value page=None %} gives, for many values at the cost of one copy.

    Country codes and years need no quoting, so a placeholder in one encoded query stands for each.
    """
    params = get.copy()
    params.pop("page", None)
    params[key] = "__value__"
    encoded = escape(f"?{params.urlencode()}")
    marker = f"{key}=__value__"
    return lambda value: encoded.replace(marker, f"{key}={quote_plus(str(value))}")


CURRENT = ' aria-current="true"'


def _selected(flag, text):
    return text if flag else ""


@register.simple_tag
def country_options(by_country, selected):
    """The filter's countries in the reader's alphabet (the counts beside the map go by number)."""
    persian = is_persian()
    return mark_safe("".join(  # noqa: S308 - every value is escaped
        f'<option value="{escape(row["code"])}"{_selected(row["code"] == selected, " selected")}>'
        f'{escape(row["name"])} ({_local(row["count"], persian)})</option>'
        for row in sorted(by_country, key=lambda row: sort_key(row["name"]))
    ))


def _year(year, persian):
    """A Gregorian year as the reader counts years: in Persian the Jalali years it overlaps."""
    return jalali_years(year) if persian else str(year)


@register.simple_tag
def year_options(by_year, selected):
    persian = is_persian()
    return mark_safe("".join(  # noqa: S308 - every value is an integer
        f'<option value="{row["year"]}"{_selected(row["year"] == selected, " selected")}>'
        f'{_year(row["year"], persian)} ({_local(row["count"], persian)})</option>'
        for row in by_year
    ))


@register.simple_tag(takes_context=True)
def country_counts(context, by_country, selected):
    link, persian = _links(context["request"].GET, "country"), is_persian()
    return mark_safe("".join(  # noqa: S308 - every value is escaped
        f'\n    <li><a href="{link(row["code"])}"'
        f'{_selected(row["code"] == selected, CURRENT)}>{escape(row["name"])}</a> '
        f'<span class="count">{_local(row["count"], persian)}</span></li>\n  '
        for row in by_country
    ))


@register.simple_tag(takes_context=True)
def year_counts(context, by_year, selected):
    link, persian = _links(context["request"].GET, "year"), is_persian()
    return mark_safe("".join(  # noqa: S308 - every value is escaped
        f'\n    <li><a href="{link(row["year"])}"'
        f'{_selected(row["year"] == selected, CURRENT)}>{_year(row["year"], persian)}</a> '
        f'<span class="count">{_local(row["count"], persian)}</span></li>\n  '
        for row in by_year
    ))


@register.simple_tag
def resolution_rows(resolutions, urls):
    """The registry's rows; the translated words are looked up once for the page, not once a row."""
    persian = is_persian()
    number_label = gettext("No. %(number)s")
    between = separator()
    rows = []
    for row in resolutions:
        title = bidi(row.title)
        if row.number:
            title = number_label % {"number": bidi(_local(row.number, persian))} + ": " + title
        organisation = row.adopting_organisation
        event = (f'{between}<a href="{urls["event"]}{row.event_id}/">{bidi(row.event.title)}</a>'
                 if row.event_id else "")
        rows.append(
            f'<li class="resolution-row">\n  <p class="meta">{show_date(row.date)}{between}'
            f'{escape(country_name(organisation.country))}</p>\n'
            f'  <h3><a href="{urls["resolution"]}{row.pk}/">{title}</a></h3>\n'
            f'  <p><a href="{urls["organisation"]}{row.adopting_organisation_id}/">{bidi(organisation.name)}</a>'
            f'{event}</p>\n</li>'
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value is escaped
