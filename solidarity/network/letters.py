"""Letters on the alliance's letterhead: a printable page and the same page as PDF (WeasyPrint)."""

import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .services import the_alliance

# PDFs are made without any network access: /static/ addresses are read from disk, nothing else.
INTERNAL_ORIGIN = "http://letter.internal"


def _static_path(name):
    from django.contrib.staticfiles.storage import staticfiles_storage

    path = finders.find(name)
    if path is None and staticfiles_storage.exists(name):
        path = staticfiles_storage.path(name)
    return path


class StaticFilesFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        prefix = INTERNAL_ORIGIN + settings.STATIC_URL
        if not url.startswith(prefix):
            raise ValueError(f"Letters load nothing from elsewhere: {url}")
        path = _static_path(url.removeprefix(prefix).split("?")[0])
        if path is None:
            raise ValueError(f"No such static file: {url}")
        with open(path, "rb") as file:
            body = file.read()
        return URLFetcherResponse(url, body, {"Content-Type": mimetypes.guess_type(path)[0] or "application/octet-stream"})


def context(letter):
    alliance = the_alliance()
    from solidarity.publishing.models import SiteIdentity

    identity = SiteIdentity.load()
    return {
        "letter": letter,
        "alliance": alliance,
        "alliance_name": alliance.translated("name", letter.language) if alliance else "",
        "alliance_acronym": alliance.translated("acronym", letter.language) if alliance else "",
        "contact_email": identity.contact_email,
        "recipients": [o.translated("name", letter.language) for o in letter.recipients.all()],
        "event_title": letter.event.translated("title", letter.language) if letter.event else "",
    }


def render_html(letter, *, request=None):
    # A letter is shown in its own language, whatever the language of the page that links to it.
    with translation.override(letter.language):
        return render_to_string("network/letter_print.html", context(letter), request=request)


def render_pdf(letter):
    html = render_html(letter)
    return HTML(string=html, base_url=INTERNAL_ORIGIN + "/", url_fetcher=StaticFilesFetcher()).write_pdf()
