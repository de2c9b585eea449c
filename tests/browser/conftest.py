"""Browser tests: headless Chromium (the Debian package) driven by Playwright against Django's
live server, on the real test database.

Every page a test opens is watched: each request is recorded, and a request to any host other
than the live server is refused and fails the test, because supporters must never be exposed
to a third party (no CDN, font service or analytics).
"""

import json
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[2]
AXE_SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "var" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}


@pytest.fixture
def browser(live):
    """Chromium, started for each test once the database is ready: while Playwright runs, its
    event loop gives Django fresh database connections, so the database fixtures must be set
    up before it starts and torn down after it stops."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live(committed_db, live_server, settings):
    """The live server, on a database that starts as the migrations left it (committed_db, in
    the root conftest, also puts that back at the end of the session)."""
    # A cache of our own: the default file cache is shared by every process on this machine,
    # and local-memory caches of the same name outlive a test (Wagtail keeps site roots there).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"browser-{uuid.uuid4()}"}
    }
    return live_server


class Browsing:
    """Opens pages in fresh browser contexts and keeps every request they make."""

    def __init__(self, browser, base_url):
        self.browser = browser
        self.base_url = base_url.rstrip("/")
        self.origin = urlsplit(self.base_url)
        self.requests = []  # (page url, requested url)
        self.refused = []
        self.console_errors = []
        self.contexts = []

    def is_own(self, url):
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            return True
        return (parts.scheme, parts.hostname, parts.port) == (
            self.origin.scheme,
            self.origin.hostname,
            self.origin.port,
        )

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if self.is_own(url):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def new_page(self, *, javascript=True, **options):
        options.setdefault("viewport", {"width": 1100, "height": 800})
        context = self.browser.new_context(base_url=self.base_url, java_script_enabled=javascript, **options)
        context.set_default_timeout(15_000)
        context.route("**/*", self._route)
        self.contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )
        return page

    def other_hosts(self):
        return sorted({url for url in self.requests if not self.is_own(url)})

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(browser, live):
    session = Browsing(browser, live.url)
    yield session
    session.close()
    assert session.other_hosts() == [], "pages asked for another host"


@pytest.fixture
def page(browsing):
    """A page in a browser with JavaScript on."""
    return browsing.new_page()


def axe_violations(page, impacts=("serious", "critical")):
    """axe-core's findings on the open page, keeping only the given impacts."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("async () => JSON.stringify(await axe.run(document))")
    violations = json.loads(result)["violations"]
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in violations
        if v["impact"] in impacts
    ]


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def bilingual_site(live, site_tree):
    """The site tree with an article in both languages and every page translated."""
    from solidarity.publishing import factories

    article = factories.make_article(
        site_tree["news"],
        title="Haft Tappeh sugar cane workers strike over unpaid wages",
        summary="Workers at the Haft Tappeh sugar cane company stopped work for the fourth week.",
        body=[("paragraph", "<p>The workers demand the wages owed to them since the spring.</p>")],
        tags=["strikes"],
    )
    fa_article = factories.translate(
        article,
        "fa",
        title="اعتصاب کارگران نیشکر هفت‌تپه برای دستمزدهای پرداخت‌نشده",
        summary="کارگران شرکت نیشکر هفت‌تپه برای چهارمین هفته دست از کار کشیدند.",
        body=[("paragraph", "<p>کارگران خواهان دستمزدهای معوقه از بهار هستند.</p>")],
    )
    fa_about = factories.translate(site_tree["about"], "fa", title="درباره ما", intro="ما که هستیم.")
    fa_objectives = factories.translate(
        site_tree["objectives"], "fa", title="اهداف ما", objectives=[("objective", "<p>همبستگی.</p>")]
    )
    from solidarity.contact.models import ContactPage

    contact = factories.add_page(site_tree["home"], ContactPage(title="Contact Us", slug="contact-us", show_in_menus=True))
    fa_contact = factories.translate(contact, "fa", title="تماس با ما")
    return {
        **site_tree,
        "article": article,
        "fa_article": fa_article,
        "fa_about": fa_about,
        "fa_objectives": fa_objectives,
        "contact": contact,
        "fa_contact": fa_contact,
    }
