"""PDFs made with WeasyPrint without any network access: /static/ addresses are read from disk,
nothing else is fetched (a letter or a delivery pack must not reach out while it is made).

WeasyPrint (with fontTools) is imported when a PDF is made, not with the module: it was a
quarter of every process's start, app servers, workers and each timer's command alike."""

import functools
import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders

INTERNAL_ORIGIN = "http://letter.internal"


def _static_path(name):
    from django.contrib.staticfiles.storage import staticfiles_storage

    path = finders.find(name)
    if path is None and staticfiles_storage.exists(name):
        path = staticfiles_storage.path(name)
    return path


def _fetch_static(url):
    from weasyprint.urls import URLFetcherResponse

    prefix = INTERNAL_ORIGIN + settings.STATIC_URL
    if not url.startswith(prefix):
        raise ValueError(f"Letters load nothing from elsewhere: {url}")
    path = _static_path(url.removeprefix(prefix).split("?")[0])
    if path is None:
        raise ValueError(f"No such static file: {url}")
    with open(path, "rb") as file:
        body = file.read()
    return URLFetcherResponse(url, body, {"Content-Type": mimetypes.guess_type(path)[0] or "application/octet-stream"})


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            return _fetch_static(url)

    return StaticFilesFetcher


def static_files_fetcher():
    """What WeasyPrint fetches through: files under /static/, ValueError for any other address."""
    return _fetcher_class()()


def html_to_pdf(html):
    """The PDF of a page of HTML whose stylesheets and fonts are under /static/."""
    from weasyprint import HTML

    return HTML(string=html, base_url=INTERNAL_ORIGIN + "/", url_fetcher=static_files_fetcher()).write_pdf()
