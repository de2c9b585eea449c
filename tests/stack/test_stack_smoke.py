"""Smoke test of the whole topology (bin/stack): what a visitor meets through nginx."""

import contextlib
import json
import os
import re
import secrets
import signal
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.stack

CAMPAIGN = "free-the-bus-drivers-demo"  # solidarity/campaigns/demo.py


def last_json_line(output):
    return json.loads(output.strip().splitlines()[-1])


class FormFields(HTMLParser):
    """The fields of the form posting to `action`, with what the page fills in."""

    def __init__(self, action):
        super().__init__()
        self.action, self.inside, self.fields, self.radios, self.textarea = action, False, {}, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = (attrs.get("action") or "").split("#")[0] == self.action
        elif self.inside and tag == "input" and attrs.get("name"):
            if attrs.get("type") == "radio":
                self.radios.setdefault(attrs["name"], []).append(attrs.get("value"))
            elif attrs.get("type") != "checkbox":
                self.fields[attrs["name"]] = attrs.get("value", "")
        elif self.inside and tag == "textarea":
            self.textarea = attrs.get("name")
            self.fields[self.textarea] = ""

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.inside = False


def test_pages_in_both_languages_come_through_nginx_and_its_cache(stack):
    english = stack.get("/en/")
    persian = stack.get("/fa/")
    assert english.status_code == 200 and persian.status_code == 200
    assert re.search(r'<html[^>]*lang="en"', english.text)
    assert re.search(r'<html[^>]*lang="fa"[^>]*dir="rtl"|<html[^>]*dir="rtl"[^>]*lang="fa"', persian.text)
    assert english.headers["X-Front-Cache"] in ("MISS", "HIT", "EXPIRED", "UPDATING", "STALE")
    # Asked again at once: nginx answers from its own cache, without the app.
    assert stack.get("/fa/").headers["X-Front-Cache"] in ("HIT", "UPDATING", "STALE")
    # A static file of the page comes straight from the disk, compressed, kept a year.
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', english.text).group(1)
    static = stack.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert static.status_code == 200 and "X-Front-Cache" not in static.headers
    assert static.headers["Content-Encoding"] == "gzip"
    assert "immutable" in static.headers["Cache-Control"]


def test_a_visitor_with_a_session_is_never_answered_from_the_cache(stack):
    stack.get("/en/")
    response = stack.get("/en/", headers={"Cookie": "sessionid=someone-signed-in"})
    assert response.headers["X-Front-Cache"] == "BYPASS"


def test_a_page_that_sets_a_cookie_is_never_kept_by_nginx(stack):
    # The contact form gives each visitor a CSRF cookie of their own: a cached copy would hand
    # one visitor's token to the next.
    first, second = stack.get("/en/contact-us/"), stack.get("/en/contact-us/")
    assert first.status_code == second.status_code == 200
    assert first.headers["X-Front-Cache"] == second.headers["X-Front-Cache"] == "MISS"
    assert first.cookies["csrftoken"] != second.cookies["csrftoken"]


def test_a_page_with_a_csrf_token_is_not_compressed_by_nginx_either(stack):
    # BREACH (docs/deployment.md): the app never compresses a page that carries a token, and
    # nginx must not do it behind its back.
    for encoding in ("gzip", "br", "gzip, deflate, br"):
        response = stack.get("/en/contact-us/", headers={"Accept-Encoding": encoding}, stream=True)
        assert 'name="csrfmiddlewaretoken"' in response.raw.read().decode()
        assert "Content-Encoding" not in response.headers


def test_a_signature_is_confirmed_through_the_rq_worker_and_counted(stack):
    visitor = stack.visitor()
    base = f"/en/campaigns/{CAMPAIGN}/"
    before = visitor.get(base + "count.json").json()["total"]
    page = visitor.get(base)
    form = FormFields(base + "sign/")
    form.feed(page.text)
    email = f"stack-{secrets.token_hex(4)}@example.org"
    data = {**form.fields, "name": "Stack Smoke", "email": email, "country": "CA", "website": "",
            "name_shown": form.radios["name_shown"][0]}

    signed = visitor.post(base + "sign/", data=data)
    assert signed.status_code in (302, 303), signed.text[-2000:]

    # The confirmation e-mail is sent by an RQ worker through the stack's SMTP server.
    message = stack.mail_to(email)
    body = message.get_body(("plain",)).get_content()
    link = re.search(re.escape(stack.url) + r"/en/campaigns/confirm/[^/\s]+/", body).group(0)
    assert "confirm" in visitor.get(link).text
    confirmed = visitor.post(link)
    # The demo campaign has a letter: the shared confirmed page, the signer's letter link in the
    # address's fragment.
    assert confirmed.status_code == 303
    assert confirmed.headers["Location"].startswith(f"/en/campaigns/{CAMPAIGN}/confirmed/#letter=")
    assert visitor.get(confirmed.headers["Location"].partition("#")[0]).status_code == 200

    deadline = time.monotonic() + 15
    while (total := visitor.get(base + "count.json").json()["total"]) == before:
        assert time.monotonic() < deadline, "the confirmed signature was not counted within 15 s"
        time.sleep(0.3)
    assert total == before + 1


def test_a_published_article_is_seen_through_nginx_within_five_seconds_and_no_reader_waits_for_it(stack):
    # The news list, in nginx's cache (and the app's) before the publish.
    for _ in range(3):
        listing = stack.get("/en/news/")
        assert listing.status_code == 200
    assert stack.get("/en/news/").headers["X-Front-Cache"] in ("HIT", "UPDATING")
    title = f"Stack smoke article {secrets.token_hex(4)}"

    # Published by another process, as an editor's publish is: the purge reaches the app servers
    # through Redis, and nginx through the generation it asks for once a second.
    publishing = stack.manage("shell", "-c", (
        "import json, time, datetime\n"
        "from solidarity.publishing import factories\n"
        "from solidarity.publishing.models import ArticleIndexPage\n"
        "index = ArticleIndexPage.objects.live().filter(locale__language_code='en', slug='news').first()\n"
        f"factories.make_article(index, title={title!r}, date=datetime.date.today())\n"
        "print(json.dumps({'published': time.time()}), flush=True)\n"
    ))
    deadline = time.monotonic() + 60
    answers, waits = [], []
    while True:
        started = time.monotonic()
        listing = stack.get("/en/news/")
        waits.append(time.monotonic() - started)
        answers.append(listing.headers.get("X-Cache"))
        if title in listing.text:
            break
        assert time.monotonic() < deadline, "the new article never showed on the news page"
        time.sleep(0.05)
    seen = time.time()
    out, err = publishing.communicate(timeout=60)
    assert publishing.returncode == 0, err[-3000:]
    # nginx's copy of the generation lasts one to two seconds; then, under the new generation,
    # the list as it was for a second, while nginx's refresh draws the new one.
    assert seen - last_json_line(out)["published"] < 5
    # Readers were answered from nginx's copies throughout, never made to wait for the drawing.
    assert "outdated" in answers, answers
    assert max(waits) < 1, waits


@contextlib.contextmanager
def redis_stopped(stack):
    """Redis stopped, then started again and the site's health back to 200."""
    redis = int((stack.run / "redis.pid").read_text())
    os.kill(redis, signal.SIGTERM)
    try:
        deadline = time.monotonic() + 30
        while Path(f"/proc/{redis}").exists():
            assert time.monotonic() < deadline, "Redis did not stop"
            time.sleep(0.1)
        yield
    finally:
        stack.restart("redis")
    deadline = time.monotonic() + 30
    while (status := stack.get("/health/").status_code) != 200:
        assert status == 503 and time.monotonic() < deadline, status
        time.sleep(0.5)


def test_a_failing_health_check_leaves_the_app_servers_serving(stack):
    # Redis down: the health check fails, and the app still answers pages from the database.
    # nginx must pass that 503 on to the monitor, not take the app servers out of its upstream
    # one after the other (each check marked one failed for two seconds: the next page, 502).
    with redis_stopped(stack):
        for _ in range(3):
            assert stack.get("/health/").status_code == 503
            page = stack.get(f"/en/?uncached={secrets.token_hex(4)}")  # past nginx's cache, to an app server
            assert page.status_code == 200


def test_nginx_keeps_serving_its_copies_while_redis_is_down(stack):
    # The page cache's generation cannot be read (503): nginx keeps the one it has, so its copies
    # stay good, rather than sending every reader to the app servers while they have no cache.
    for _ in range(2):
        stack.get("/fa/news/")
    assert stack.get("/fa/news/").headers["X-Front-Cache"] == "HIT"
    with redis_stopped(stack):
        time.sleep(2.5)  # nginx's copy of the generation (one second) has expired
        for _ in range(3):
            page = stack.get("/fa/news/")
            assert page.status_code == 200
            assert page.headers["X-Front-Cache"] == "HIT"


def test_nginx_keeps_a_page_between_publishes(stack):
    for _ in range(2):
        stack.get("/en/cases/")
    time.sleep(2.5)

    # Longer than the one second nginx keeps an answer that does not say how long it may.
    assert stack.get("/en/cases/").headers["X-Front-Cache"] == "HIT"


def test_nginx_asks_the_app_for_the_generation_once_a_second_whatever_readers_send(stack):
    def asked():
        return sum(log.read_text().count('"path": "/page-generation/"') for log in stack.log.glob("solidarity-web@*.log"))

    before, started = asked(), time.monotonic()
    for n in range(60):
        # The generation's answer varies on Accept-Language (LocaleMiddleware, outside /en/ and
        # /fa/): one copy all the same.
        stack.get("/en/cases/", headers={"Accept-Language": f"fa;q=0.{n % 9 + 1}", "Cookie": f"seen={n}"})
        time.sleep(0.05)
    seconds = time.monotonic() - started

    # nginx counts whole seconds: a copy lasts one to two.
    assert asked() - before <= seconds + 1


def test_the_page_cache_generation_is_for_nginx_only(stack):
    assert stack.get("/page-generation/").status_code == 404


def test_a_private_document_is_refused(stack):
    name = f"stack-private-{secrets.token_hex(4)}.txt"
    output = stack.manage_output("shell", "-c", (
        "import json\n"
        "from django.core.files.base import ContentFile\n"
        "from wagtail.documents import get_document_model\n"
        "from wagtail.models import Collection, CollectionViewRestriction\n"
        f"private = Collection.get_first_root_node().add_child(name={name!r})\n"
        "CollectionViewRestriction.objects.create(collection=private, restriction_type='login')\n"
        f"document = get_document_model()(title={name!r}, collection=private)\n"
        f"document.file.save({name!r}, ContentFile(b'names of the detained'), save=True)\n"
        "print(json.dumps({'url': document.url, 'file': document.file.name}))\n"
    ))
    document = last_json_line(output)

    through_app = stack.get(document["url"])
    assert through_app.status_code in (302, 403, 404)
    assert "names of the detained" not in through_app.text
    for path in (f"/media/{document['file']}", f"/media/documents/{name}", f"/media/images/../{document['file']}"):
        response = stack.get(path)
        assert response.status_code in (400, 404), path
        assert "names of the detained" not in response.text


def test_nginx_counts_what_it_serves_for_this_machine_only(stack):
    status = stack.get("/nginx-status")
    assert status.status_code == 200 and "Active connections" in status.text
    # Through the onion site (tor comes from 127.0.0.1, but with each circuit's own address)
    # and from anywhere else, refused: see deploy/nginx/locations.conf.


def test_background_work_yields_the_cpu_to_visitors(stack):
    """Nice= of the units, as bin/stack applies it: the workers below the app servers, nginx above."""
    units = json.loads((stack.run / "units.json").read_text())
    worker = next(unit["pid"] for name, unit in units.items() if name.startswith("solidarity-rq-worker@"))
    server = next(unit["pid"] for name, unit in units.items() if name.startswith("solidarity-web@"))
    assert os.getpriority(os.PRIO_PROCESS, worker) == 5
    assert os.getpriority(os.PRIO_PROCESS, server) == 0
    if os.geteuid() == 0:  # only root may raise a priority
        nginx = int((stack.run / "nginx.pid").read_text())
        assert os.getpriority(os.PRIO_PROCESS, nginx) == -5
