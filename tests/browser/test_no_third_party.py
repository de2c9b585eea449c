"""No page makes the visitor's browser contact another host: no CDN, font service,
analytics or captcha can learn who reads what."""

from urllib.parse import urljoin, urlsplit

import pytest

from .fixtures import Browsing

pytestmark = pytest.mark.browser

MAX_PAGES = 80


def test_no_public_page_requests_another_host(live, demo, browsing):
    page = browsing.new_page()
    to_visit = ["/en/", "/fa/", "/en/search/?q=workers", "/fa/search/?q=كارگران"]
    visited = set()
    while to_visit and len(visited) < MAX_PAGES:
        url = urljoin(browsing.base_url, to_visit.pop(0))
        if url in visited:
            continue
        visited.add(url)
        response = page.goto(url)
        assert response.ok, url
        if "html" not in response.headers.get("content-type", ""):
            continue
        page.evaluate("document.fonts.ready.then(() => true)")
        # The attribute, resolved: an SVG link's `href` is an object, not the address (the network map).
        script = "links => links.map(a => new URL(a.getAttribute('href'), document.baseURI).href)"
        for href in page.eval_on_selector_all("a[href]", script):
            href = href.split("#")[0]
            parts = urlsplit(href)
            # Filtered and paged lists use the same templates as the lists themselves.
            if parts.query or not parts.path.startswith(("/en/", "/fa/")):
                continue
            if browsing.is_own(href) and href not in visited and href not in to_visit:
                to_visit.append(href)

    print(f"crawled {len(visited)} pages")
    assert len(visited) > 20, "the crawl reached the demo's pages"
    assert browsing.other_hosts() == []
    assert [error for error in browsing.console_errors if "Content Security Policy" in error] == []


def test_the_check_catches_a_request_to_another_host(live, chromium):
    # The watch the other tests rely on: a page that asks a CDN for an image is caught.
    watched = Browsing(chromium, live.url)
    page = watched.new_page()
    with page.expect_event("requestfailed") as failed:
        page.set_content('<img src="https://cdn.example.com/tracker.gif" alt="">')
    watched.close()
    assert watched.other_hosts() == ["https://cdn.example.com/tracker.gif"]
    assert watched.refused == ["https://cdn.example.com/tracker.gif"]
    # Chromium itself sent it nowhere (the proxy that is not there), whatever the network.
    assert "PROXY" in failed.value.failure
    with pytest.raises(AssertionError, match="no third-party requests.*cdn.example.com/tracker.gif"):
        watched.check()
