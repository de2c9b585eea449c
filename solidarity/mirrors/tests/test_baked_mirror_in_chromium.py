"""The demo, baked, served by a plain static file server under a subfolder on another port: every
page's links read from its file and one page of each kind read in Chromium, in both languages; no
broken link, no link or request to the live site, and a manifest that verifies over HTTP until
one file is changed."""

import contextlib
import functools
import http.server
import io
import socket
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from django.core.management import call_command

from solidarity.mirrors.services.signing import verify_mirror
from tests.browser.fixtures import Browsing

pytestmark = pytest.mark.browser

PORTS = range(8720, 8750)
SUBFOLDER = "/copies/solidarity/"
# Every address a page refers to, resolved against the page.
LINKS = """() => [...document.querySelectorAll(
  'a[href], link[href], img[src], source[src], script[src], iframe[src]'
)].map(el => new URL(el.getAttribute(el.hasAttribute('href') ? 'href' : 'src'), document.baseURI).href)"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def static_server(root):
    """Python's own static file server for `root` on the first free port of our range."""
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                break
    else:
        pytest.fail("no free port in 8720-8749")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def baked_demo(live, demo, settings, tmp_path):
    from solidarity.mirrors.services.signing import write_key_pair

    public = write_key_pair(tmp_path / "mirror.key")
    settings.MIRROR_SIGNING_KEY_FILE = str(tmp_path / "mirror.key")
    settings.ONION_ADDRESS = "solidarityexampleonionaddressxxxxxxxxxxxxxxxxxxxxxxxxxxxx.onion"
    root = tmp_path / "www"
    folder = root / SUBFOLDER.strip("/")
    started = time.monotonic()
    out = io.StringIO()
    call_command("bake", str(folder), "--archive", str(tmp_path / "mirror.tar.gz"), stdout=out)
    print(out.getvalue().strip(), f"(wall clock {time.monotonic() - started:.1f} s)")
    return {"root": root, "folder": folder, "public": public, "live": live.url}


class Links(HTMLParser):
    """The addresses an HTML file refers to, as LINKS finds them in a browser."""

    ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "source": "src", "script": "src", "iframe": "src"}

    def __init__(self, url):
        super().__init__(convert_charrefs=True)
        self.base, self.found, self.lang = url, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "base" and attrs.get("href"):
            self.base = urljoin(self.base, attrs["href"])
        elif attrs.get(self.ATTRIBUTES.get(tag, "")) is not None:
            self.found.append(urljoin(self.base, attrs[self.ATTRIBUTES[tag]]))


def kind_of(path):
    """The kind of page a mirror path is (its language, its section and how deep it is): one of
    each is read in Chromium."""
    parts = path.removeprefix(SUBFOLDER).split("/")
    return tuple(parts[:2]) + (len(parts),)


def test_the_baked_demo_reads_in_chromium_from_a_subfolder_without_the_live_site(baked_demo, chromium):
    folder, live_origin = baked_demo["folder"], urlsplit(baked_demo["live"])
    with static_server(baked_demo["root"]) as server:
        mirror = server + SUBFOLDER
        broken, to_origin = [], []

        def pages_linked(url, links):
            """The mirror's pages among `links`; the others broken or on the live site are noted."""
            pages = []
            for link in links:
                parts = urlsplit(link)
                if parts.hostname == live_origin.hostname and parts.port == live_origin.port:
                    to_origin.append((url, link))
                    continue
                if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(server).netloc:
                    continue
                if not parts.path.startswith(SUBFOLDER):
                    broken.append((url, link))  # climbed out of the subfolder
                    continue
                if not (baked_demo["root"] / unquote(parts.path).lstrip("/")).is_file():
                    broken.append((url, link))
                    continue
                target = urljoin(link, parts.path)
                if target.endswith(".html") and not target.endswith("offline.html"):
                    pages.append(target)
            return pages

        # Every page of the mirror, read from its files: each address it refers to is a file of
        # the mirror, inside its folder, and none is the live site.
        to_visit = [mirror + "index.html", mirror + "en/index.html", mirror + "fa/index.html"]
        visited, languages, kinds = set(), set(), {}
        while to_visit:
            url = to_visit.pop()
            if url in visited:
                continue
            visited.add(url)
            path = unquote(urlsplit(url).path)
            links = Links(url)
            links.feed((baked_demo["root"] / path.lstrip("/")).read_text("utf-8"))
            languages.add(links.lang)
            kinds.setdefault(kind_of(path), url)
            to_visit += pages_linked(url, links.found)
        print(f"read {len(visited)} pages of the mirror, {len(kinds)} kinds of page")
        assert len(visited) > 100, "the crawl reached the demo's pages"
        assert languages == {"en", "fa"}

        # One page of each kind in Chromium, with its scripts: the links the browser finds hold
        # the same rules, and what a page asks for as it is drawn (stylesheets, fonts, pictures,
        # scripts) comes from the mirror, never from another host.
        browsing = Browsing(chromium, server)
        page = browsing.new_page(javascript=True)
        for url in kinds.values():
            response = page.goto(url)
            assert response.ok, url
            pages_linked(url, page.evaluate(LINKS))
        assert broken == []
        assert to_origin == []
        # Refused and recorded by Browsing: any request to another host than the mirror's.
        assert browsing.other_hosts() == []
        assert page.evaluate("document.readyState") == "complete"

        # A signing form became a box saying where to sign instead, in Persian on a Persian page.
        page = browsing.new_page(javascript=False)
        page.goto(mirror + "fa/campaigns/free-the-bus-drivers-demo/index.html")
        box = page.locator("#sign .mirror-elsewhere").inner_text()
        assert "امضا کردن در سایت اصلی" in box
        assert baked_demo["live"] + "/fa/campaigns/free-the-bus-drivers-demo/" in box
        assert ".onion/fa/campaigns/free-the-bus-drivers-demo/" in box
        assert page.locator("form").count() == 0
        browsing.close()
        assert browsing.other_hosts() == []

        # The manifest verifies over HTTP, until one file is changed on the mirror.
        assert verify_mirror(mirror, public=baked_demo["public"]).ok
        article = folder / "fa/news/free-mansour-osanloo/index.html"
        article.write_text(article.read_text("utf-8").replace("</main>", "<p>Planted.</p></main>"))
        out = io.StringIO()
        with pytest.raises(SystemExit) as failed:
            call_command("verify_mirror", mirror, "--public-key", baked_demo["public"], stdout=out)
        print(out.getvalue())
        assert failed.value.code == 1
        assert "Altered (1):\n  fa/news/free-mansour-osanloo/index.html" in out.getvalue()


@pytest.fixture
def baked_small_site(live, site_tree, settings, tmp_path):
    from solidarity.publishing import factories

    factories.make_article(site_tree["news"], title="Strike", slug="strike")
    call_command("bake", str(tmp_path / "mirror"), stdout=io.StringIO(), stderr=io.StringIO())
    return {"folder": tmp_path / "mirror"}


def test_the_mirror_opens_from_a_usb_stick(baked_small_site, chromium):
    baked_demo = baked_small_site
    # file:// — no server to turn a folder into its index.html: links name the files.
    context = chromium.new_context(java_script_enabled=False)
    requests = []
    context.route("**/*", lambda route: (requests.append(route.request.url),
                                          route.continue_() if route.request.url.startswith("file:") else route.abort()))
    page = context.new_page()
    page.goto((baked_demo["folder"] / "fa/index.html").as_uri())
    # The stylesheet applied (a rule from site.css), and the Persian font loaded from the stick.
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).borderBottomStyle") == "solid"
    page.get_by_role("navigation").get_by_role("link").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file:") and page.url.endswith("/index.html")
    assert page.evaluate("document.documentElement.lang") == "fa"
    context.close()
    assert [url for url in requests if not url.startswith("file:")] == []
    assert Path(urlsplit(page.url).path).is_file()
