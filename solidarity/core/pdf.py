"""PDFs made with WeasyPrint without any network access: /static/ addresses are read from disk,
nothing else is fetched (a letter or a delivery pack must not reach out while it is made)."""

import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

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


def html_to_pdf(html):
    """The PDF of a page of HTML whose stylesheets and fonts are under /static/."""
    return HTML(string=html, base_url=INTERNAL_ORIGIN + "/", url_fetcher=StaticFilesFetcher()).write_pdf()
