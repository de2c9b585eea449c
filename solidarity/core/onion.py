"""The site on its onion address (a Tor onion service, settings.ONION_ADDRESS).

Readers whose connection filters the public domain reach the same site through Tor at
http://<ONION_ADDRESS>/. The onion host is served by the same processes, behind nginx
(deploy/nginx/sites/onion.conf) which tor reaches on the loopback interface (deploy/tor/torrc).

- Every HTML page on the public host says where the same page is on the onion
  (`Onion-Location`, which Tor Browser offers to follow); pages on the onion do not.
- On the onion host, every address the site builds stays on it: Django builds absolute
  addresses from the request's host already; Wagtail builds them from its Site record, so
  for an onion request the Site and its root paths are swapped, for this request only, for
  copies whose root URL is the onion's (canonical, hreflang, og:url, feeds, the sitemap).
  Work done without a request (e-mails, the worker) never sees the swap: e-mails carry
  SITE_URL, the public address.
- The onion is plain HTTP (the onion service encrypts end to end and the address is the
  service's key), so it is exempt from the redirect to HTTPS, and cookies set on it lose the
  Secure flag: Tor Browser treats .onion as secure and would keep them anyway, but other
  browsers behind a Tor proxy (Orbot, Onion Browser) drop Secure cookies sent over HTTP,
  which would break every form. The cookies are host-only, so none set on the onion is ever
  sent to another host.
"""

import base64
import copy
import hashlib

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.middleware.security import SecurityMiddleware as DjangoSecurityMiddleware
from django.utils.functional import SimpleLazyObject

ONION_VERSION = 3


def validated_onion_address(value):
    """The onion host from the ONION_ADDRESS setting ("" when unset); stops the start with a
    clear message when it is not a v3 onion address (56 letters and digits, then ".onion",
    whose built-in checksum matches)."""
    host = (value or "").strip().lower()
    if not host:
        return ""
    problem = _onion_problem(host)
    if problem:
        raise ImproperlyConfigured(
            f"ONION_ADDRESS={value!r} is not a v3 onion address: {problem}. Give the host only, "
            "as tor wrote it in the service's hostname file (/var/lib/tor/solidarity/hostname)."
        )
    return host


def _onion_problem(host):
    if "/" in host or ":" in host:
        return "give the host alone, without http:// or a port"
    name, dot, tld = host.rpartition(".")
    if not dot or tld != "onion":
        return 'it must end in ".onion"'
    if "." in name:
        return "a subdomain is not needed"
    if len(name) != 56:
        return f"a v3 address has 56 characters before .onion, this one has {len(name)} (v2 addresses stopped working in 2021)"
    try:
        raw = base64.b32decode(name.upper())
    except ValueError:
        return "it may only hold the letters a-z and the digits 2-7"
    public_key, checksum, version = raw[:32], raw[32:34], raw[34]
    if version != ONION_VERSION:
        return "its version byte is not 3"
    expected = hashlib.sha3_256(b".onion checksum" + public_key + bytes([version])).digest()[:2]
    if checksum != expected:
        return "its checksum does not match (a mistyped character?)"
    return ""


def request_host(request):
    """The host the request was sent to, without the port, in lower case."""
    from django.http.request import split_domain_port

    return split_domain_port(request._get_raw_host())[0].lower()


def is_onion_request(request):
    return bool(settings.ONION_ADDRESS) and request_host(request) == settings.ONION_ADDRESS


def onion_url(path=""):
    """The onion address of `path` ("/en/news/"), or "" when no onion address is set."""
    return f"http://{settings.ONION_ADDRESS}{path}" if settings.ONION_ADDRESS else ""


def _stay_on_onion(request):
    """Wagtail's Site for this request, and its cached root paths, with the onion's root URL.

    Lazy, so an onion page served from the page cache costs nothing more.
    """
    from wagtail.models import Site

    root_url = onion_url()

    def site():
        found = Site._find_for_request(request)
        if found is None:
            return None
        onion_site = copy.copy(found)
        onion_site.hostname, onion_site.port = settings.ONION_ADDRESS, 80
        # A copy for building addresses, never to be written back.
        onion_site.save = _refuse_save
        return onion_site

    request._wagtail_site = SimpleLazyObject(site)
    request._wagtail_cached_site_root_paths = SimpleLazyObject(
        lambda: [root._replace(root_url=root_url) for root in Site.get_site_root_paths()]
    )


def _refuse_save(*args, **kwargs):
    raise RuntimeError("The onion copy of a Site is not saved.")


class OnionMiddleware:
    """Onion-Location on the public host's HTML pages; addresses and cookies that work on the
    onion host. Placed before the page cache (the header is added to cached pages too) and
    before the session and CSRF middleware (their cookies are seen)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.ONION_ADDRESS:
            return self.get_response(request)
        if is_onion_request(request):
            _stay_on_onion(request)
            response = self.get_response(request)
            for morsel in response.cookies.values():
                morsel["secure"] = ""
            return response
        response = self.get_response(request)
        # Pages only: not feeds, files or redirects (whose target names its own onion page).
        if response.get("Content-Type", "").startswith("text/html") and not 300 <= response.status_code < 400:
            response.headers.setdefault("Onion-Location", onion_url(request.get_full_path()))
        return response


def exempt_onion_from_https_redirect():
    """Django's SecurityMiddleware, except that requests on the onion host are not redirected to
    HTTPS (the onion service has no certificate and needs none; HSTS is only sent over HTTPS).

    Django's deployment checks look for its own middleware by name, so the class stays in
    MIDDLEWARE and its method is wrapped (installed once, from CoreConfig.ready)."""
    if getattr(DjangoSecurityMiddleware.process_request, "onion_exempt", False):
        return
    process_request = DjangoSecurityMiddleware.process_request

    def process_request_off_the_onion(self, request):
        if is_onion_request(request):
            return None
        return process_request(self, request)

    process_request_off_the_onion.onion_exempt = True
    DjangoSecurityMiddleware.process_request = process_request_off_the_onion
