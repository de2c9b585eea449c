"""The home page's first load must stay light for readers on slow, filtered connections."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

BUDGET_BYTES = 150 * 1024


def first_load_bytes(browsing, url):
    """Every response body of a first visit (empty cache), by URL."""
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
        sizes[response.url] = len(response.body())
    return sizes


def test_the_home_page_first_load_stays_under_150_kb_in_english_and_in_persian(live, browsing):
    call_command("load_demo", verbosity=0)
    totals = {}
    for language in ("en", "fa"):
        sizes = first_load_bytes(browsing, f"/{language}/")
        totals[language] = sum(sizes.values())
        report = ", ".join(f"{url.removeprefix(browsing.base_url)} {size:,} B" for url, size in sizes.items())
        print(f"page weight /{language}/: {totals[language]:,} bytes ({totals[language] / 1024:.1f} KB): {report}")
        assert any(url.endswith(".css") for url in sizes), report
        if language == "fa":
            assert any(url.endswith(".woff2") for url in sizes), "the Persian font is counted"
    assert {language: total < BUDGET_BYTES for language, total in totals.items()} == {"en": True, "fa": True}, totals
