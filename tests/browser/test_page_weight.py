"""Pages stay light for readers on slow, filtered connections (issue 15): every page's first
load (fonts, styles and pictures included) within its language's budget, a Persian article
within 50 KB, and no page that needs more than the HTML and two other files once they are kept."""

import pytest

pytestmark = pytest.mark.browser

KB = 1024
BUDGETS = {"en": 30 * KB, "fa": 80 * KB}
PERSIAN_ARTICLE_BUDGET = 50 * KB


def first_load_bytes(browsing, url, *, decoded=False):
    """Every response body of a first visit (empty cache), by URL: as sent over the wire (pages
    compressed by the application; static files as the test server sends them, uncompressed, so
    more than nginx or whitenoise send), or with `decoded`, as the browser reads them."""
    page = browsing.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    sizes = {}
    for response in responses:
        if 300 <= response.status < 400:
            continue
        body = len(response.body())
        sizes[response.url.removeprefix(browsing.base_url)] = (
            body if decoded else min(body, response.request.sizes()["responseBodySize"] or body))
    return sizes


def report(address, sizes):
    total = sum(sizes.values())
    files = ", ".join(f"{url} {size:,} B" for url, size in sizes.items())
    print(f"page weight {address}: {total:,} bytes ({total / KB:.1f} KB): {files}")
    return total


def demo_addresses():
    """One page of every kind in the demo, in each language: (language, kind, address)."""
    from solidarity.campaigns.models import Campaign
    from solidarity.cases.models import Case
    from solidarity.network.models import Event, Organisation, Resolution
    from solidarity.publishing.models import ArticlePage

    campaign = Campaign.objects.exclude(status=Campaign.Status.DRAFT).first()
    case = Case.objects.filter(is_public=True).first()
    resolution = Resolution.objects.adopted().first()
    addresses = []
    for language in ("en", "fa"):
        article = ArticlePage.objects.live().public().filter(locale__language_code=language).order_by("-date").first()
        addresses += [
            (language, "home", f"/{language}/"),
            (language, "article", article.url),
            (language, "campaigns", f"/{language}/campaigns/"),
            (language, "campaign", f"/{language}/campaigns/{campaign.slug}/"),
            (language, "cases", f"/{language}/cases/"),
            (language, "case", f"/{language}/cases/{case.slug}/"),
            (language, "registry", f"/{language}/network/resolutions/"),
            (language, "resolution", f"/{language}/network/resolutions/{resolution.pk}/"),
            (language, "organisation", f"/{language}/network/organisations/{Organisation.objects.public().first().pk}/"),
            (language, "event", f"/{language}/network/events/{Event.objects.public().first().pk}/"),
            (language, "search", f"/{language}/search/?q=workers"),
        ]
    return addresses


def test_every_page_s_first_load_stays_within_its_language_s_budget(live, demo, browsing):
    over = {}
    for language, kind, address in demo_addresses():
        sizes = first_load_bytes(browsing, address)
        total = report(address, sizes)
        if language == "fa" and kind == "article":
            assert any(url.endswith(".woff2") for url in sizes), "the Persian font is counted"
        if total > BUDGETS[language]:
            over[address] = total
    assert over == {}, f"over budget (en {BUDGETS['en']:,} B, fa {BUDGETS['fa']:,} B): {over}"


def test_a_persian_article_first_loads_within_50_kb_with_the_html_and_two_other_files(live, demo, browsing):
    from solidarity.publishing.models import ArticlePage

    article = ArticlePage.objects.live().public().filter(locale__language_code="fa").order_by("-date").first()
    sizes = first_load_bytes(browsing, article.url)
    total = report(article.url, sizes)
    fonts = [url for url in sizes if url.endswith(".woff2")]
    stylesheets = [url for url in sizes if ".css" in url]
    assert len(fonts) == 1, fonts
    assert total <= PERSIAN_ARTICLE_BUDGET, f"{total:,} B"
    # What the text needs: the page, one stylesheet and one font (pictures and the tab icon aside),
    # and the site's colours when an administrator chose their own (a few bytes, kept a year).
    needed = [url for url in sizes if url == article.url or url in fonts or url in stylesheets]
    brand = [url for url in needed if url.startswith("/brand.css")]
    assert len(needed) - len(brand) <= 3, needed
    assert all(sizes[url] < 200 for url in brand), brand
    decoded = first_load_bytes(browsing, article.url, decoded=True)
    report(f"{article.url} (decoded)", decoded)
    assert sum(decoded.values()) <= PERSIAN_ARTICLE_BUDGET


def test_a_warm_visit_asks_the_server_for_no_more_than_the_html_and_two_other_files(live, demo, chromium):
    from django.core.signals import request_started

    from solidarity.publishing.models import ArticlePage

    reached = []

    def record(sender, environ, **kwargs):
        reached.append(environ["PATH_INFO"] + (f"?{environ['QUERY_STRING']}" if environ.get("QUERY_STRING") else ""))

    # Counted where the requests arrive: the browser's own cache answers the rest.
    request_started.connect(record)
    context = chromium.new_context(base_url=live.url)  # no request routing: it would turn the cache off
    try:
        page = context.new_page()
        for language in ("en", "fa"):
            article = ArticlePage.objects.live().public().filter(locale__language_code=language).first()
            for address in (f"/{language}/", article.url, f"/{language}/network/resolutions/", f"/{language}/cases/"):
                page.goto(address, wait_until="load")
                page.wait_for_load_state("networkidle")
                reached.clear()
                page.goto(address, wait_until="load")
                page.wait_for_load_state("networkidle")
                print(f"warm visit {address}: {reached}")
                # Pictures are served by nginx with their own cache headers in production (the test
                # server revalidates them); everything else comes from the browser's cache, the page
                # itself too while its own short public lifetime lasts (the home page's 30 s).
                assert [url for url in reached if not url.startswith("/media/")] in ([address], []), reached
    finally:
        request_started.disconnect(record)
        context.close()
