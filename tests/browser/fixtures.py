"""The browser every browser test shares: headless Chromium (the Debian package) driven by
Playwright against Django's live server, on committed data. Registered for the whole suite by
the root conftest (pytest_plugins).

Fixtures:
- `live`: the live server on committed data, with a cache of the test's own; links in e-mails
  point at it (SITE_URL).
- `demo`: the whole demo (`manage.py load_demo`) under the live server, loaded once per test
  process and copied back after (tests/table_copies.py).
- `chromium`: the Chromium browser, launched once per test process and reused.
- `browsing`: opens pages (`browsing.new_page(javascript=..., watch_csp=..., **context options)`),
  each in a fresh context (own cookies and cache). Every request is recorded; a request to any
  host other than the live server is refused and fails the test, because supporters must
  never be exposed to a third party (no CDN, font service or analytics).
- `page`: one such page, with JavaScript on.

Helpers: `csp_violations(page)` (pages opened with watch_csp=True), `screenshot(page, name)`,
`axe_violations(page)`.
"""

import asyncio
import contextlib
import json
import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests import STAFF_PASSWORD
from tests.table_copies import DemoCopy

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
# Every request to another host than this machine goes to a proxy that is not there, so Chromium
# itself refuses it. (Pausing each request for the test to decide, as a route does, cost more CPU
# than the pages themselves and turned the browser's cache off.)
NOWHERE = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost"}
# Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`);
});
"""


# How long an action (a click, a fill) and a check of what a page shows (expect) wait. This
# machine is shared and often busy, and Playwright's 5 s for a check leaves a slow answer no
# margin. A check that fails waits it out, so it is shorter.
ACTION_WAIT_MS = 60_000
expect.set_options(timeout=30_000)


class SharedChromium:
    """Playwright and one Chromium for the whole test process, started at first use.

    Playwright's sync API marks its event loop as running in the test thread, and while it
    is, Django keeps other database connections there (asgiref's Local): the test database's
    own connection, which the fixtures set up and tear down with, would not be seen. So the
    loop is marked running only while a browser test runs (`running()`), between its
    database fixtures' set-up and their tear-down, as when each test started its own
    Chromium; the connections opened meanwhile are closed at its end.
    """

    def __init__(self):
        self._playwright = None
        self._loop = None
        self._browser = None

    @contextlib.contextmanager
    def running(self):
        from django.db import connections

        if self._playwright is None:
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            self._loop = asyncio.get_running_loop()
        else:
            asyncio._set_running_loop(self._loop)
        try:
            if self._browser is None or not self._browser.is_connected():
                self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                                     proxy=NOWHERE)
            yield self._browser
        finally:
            connections.close_all()
            asyncio._set_running_loop(None)

    def stop(self):
        if self._playwright is None:
            return
        asyncio._set_running_loop(self._loop)
        try:
            if self._browser is not None and self._browser.is_connected():
                self._browser.close()
        finally:
            self._playwright.stop()  # ends the loop, which marks it no longer running
            asyncio._set_running_loop(None)


@pytest.fixture(scope="session")
def _shared_chromium():
    shared = SharedChromium()
    yield shared
    shared.stop()


@pytest.fixture
def live(committed_db, live_server, settings):
    """The live server, on a database that starts as the migrations left it (committed_db, in
    the root conftest, also puts that back at the end of the session)."""
    # A cache of the test's own: the default file cache is shared by every process on this
    # machine, and local-memory caches of the same name outlive a test (Wagtail keeps site
    # roots there).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"browser-{uuid.uuid4()}"}
    }
    settings.SITE_URL = live_server.url
    return live_server


@pytest.fixture(scope="session")
def _demo_copy(django_db_setup, django_db_blocker):
    copy = DemoCopy()
    yield copy
    with django_db_blocker.unblock():
        copy.drop()


@pytest.fixture
def demo(_demo_copy, live):
    """The whole demo (`manage.py load_demo`) under the live server: loaded once per test
    process, and its copy put back for the tests after (tests/table_copies.py)."""
    _demo_copy.load()


@pytest.fixture
def chromium(_shared_chromium, live):
    """Chromium, for this test once its database is ready (see SharedChromium). Records a test
    makes before asking for it are made on the test database's own connection."""
    with _shared_chromium.running() as browser:
        yield browser


class Browsing:
    """Opens pages in fresh browser contexts and keeps every request they make; refuses
    and records each request to another host than the live server."""

    def __init__(self, browser, base_url):
        self.browser = browser
        self.base_url = base_url.rstrip("/")
        self.origin = urlsplit(self.base_url)
        self.requests = []
        self.refused = []
        self.console_errors = []
        self.failed = []  # requests that got no answer, or a server error: shown when a test fails
        self.page_errors = []  # scripts' uncaught exceptions, which are not console messages: shown too
        self.contexts = []
        self._reported = 0

    def is_own(self, url):
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            return True
        return (parts.scheme, parts.hostname, parts.port) == (
            self.origin.scheme,
            self.origin.hostname,
            self.origin.port,
        )

    def _record(self, request):
        self.requests.append(request.url)
        if not self.is_own(request.url):
            self.refused.append(request.url)  # Chromium sends it nowhere (NOWHERE)

    def new_page(self, *, javascript=True, watch_csp=False, **options):
        """A page in a context of its own; `watch_csp` collects the Content-Security-Policy
        violations for csp_violations(page); other options go to Browser.new_context."""
        options.setdefault("viewport", {"width": 1100, "height": 800})
        context = self.browser.new_context(base_url=self.base_url, java_script_enabled=javascript, **options)
        context.set_default_timeout(ACTION_WAIT_MS)
        context.on("request", self._record)
        if watch_csp:
            context.add_init_script(WATCH_CSP)
        self.contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("requestfailed", lambda request: self.failed.append(f"{request.url}: {request.failure}"))
        page.on("response", lambda response: response.status >= 500
                and self.failed.append(f"{response.url}: {response.status}"))
        return page

    def signed_in_page(self, username, password=STAFF_PASSWORD, **options):
        """A new page (options as for new_page) on which this staff member has signed in to
        the admin through its sign-in form and reached the dashboard."""
        page = self.new_page(**options)
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(re.compile(r"/admin/$"))
        return page

    def other_hosts(self):
        return sorted({url for url in self.requests if not self.is_own(url)})

    def check(self):
        """Fails on any request to another host not reported yet."""
        refused, self._reported = self.refused[self._reported :], len(self.refused)
        assert not refused, (
            "a page asked for another host than the live server (no third-party requests): " + ", ".join(refused)
        )

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(chromium, live):
    session = Browsing(chromium, live.url)
    yield session
    session.close()
    session.check()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A browser test that fails says which requests failed and what the console said: on a
    busy machine a script the live server never sent leaves a page half working."""
    report = yield
    session = getattr(item, "funcargs", {}).get("browsing")
    if report.failed and report.when == "call" and isinstance(session, Browsing):
        lines = [f"failed request: {line}" for line in session.failed]
        lines += [f"console error: {line}" for line in session.console_errors]
        lines += [f"uncaught in a script: {line}" for line in session.page_errors]
        report.sections.append(("browser", "\n".join(lines) or "no failed request, no console error, no script error"))
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A third-party request fails the test itself, not only its tear-down."""
    result = yield
    session = getattr(item, "funcargs", {}).get("browsing")
    if isinstance(session, Browsing):
        session.check()
    return result


@pytest.fixture
def page(browsing):
    """A page in a browser with JavaScript on."""
    return browsing.new_page()


def csp_violations(page):
    """The Content-Security-Policy violations on a page opened with watch_csp=True, once
    its requests have settled."""
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations")


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
    """A full-page screenshot in var/screenshots/, for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
