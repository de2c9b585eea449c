"""The anonymous page cache: public pages served from the shared cache, purged on publish.

A surge of anonymous readers must not reach the database. This middleware sits right after
WhiteNoise and before sessions, so a hit costs no session, user, template or query: one read
of the generation token (below) from the shared cache, and the page from this process's
memory, or from the shared cache the first time this process serves it. What it stores is
decided on the way out, from the response itself: only a plain 200 that sets no cookie,
carries no CSRF token and does not say private/no-store/no-cache.

Purging: the cache holds a generation token; every entry records the token that was current
when its request started, and an entry whose token is no longer current is a miss. A purge
writes a new token, so every process sees it on its next request, and a page rendered
during a publish (from the old token) can never outlive it.
"""

import hashlib
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.http.response import ResponseHeaders
from django.utils.cache import get_max_age, patch_cache_control

CACHE_ALIAS = "pages"
GENERATION_KEY = "pagecache:generation"
# Entries are (generation, headers, body, ETag, expiry time); the number changes with that shape.
ENTRY_PREFIX = "pagecache:2:"
# Browsers and reverse proxies may keep a page this long; our own copy is purged on publish.
BROWSER_MAX_AGE = 60
PUBLIC_CACHE_CONTROL = f"public, max-age={BROWSER_MAX_AGE}"
NEVER_CACHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/")
# A request carrying one of these cookies may see something personal (a logged-in editor,
# a message after a form); a csrftoken cookie alone does not change what a page shows.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
CSRF_FIELD = b'name="csrfmiddlewaretoken"'
MAX_BODY_BYTES = 1024 * 1024
# Entries each process keeps in memory (a few MB at most).
MAX_RECENT = 300


def page_cache():
    if CACHE_ALIAS in settings.CACHES:
        return caches[CACHE_ALIAS]
    return caches["default"]


def purge_page_cache():
    """Drop every cached page, in every process; call it when public content changes.

    Also purged again once the current transaction commits, so that a page rendered by a
    concurrent request before the commit (with the old content) is not kept.
    """
    _new_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_new_generation)


def _new_generation():
    token = secrets.token_hex(8)
    page_cache().set(GENERATION_KEY, token, None)
    return token


def _current_generation(cache):
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        token = cache.get(GENERATION_KEY)
    return token


def _personal(request):
    if "HTTP_COOKIE" not in request.META:
        return False
    cookies = request.COOKIES
    return any(name in cookies for name in PERSONAL_COOKIES)


def _cache_control_forbids(response):
    value = response.get("Cache-Control", "").lower()
    return any(word in value for word in ("private", "no-store", "no-cache", "max-age=0"))


def _vary_only_on_cookie(response):
    vary = response.get("Vary")
    if not vary:
        return True
    return all(part.strip().lower() == "cookie" for part in vary.split(","))


def storable(request, response):
    """Whether this response may be shown to every anonymous visitor."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not getattr(request, "is_preview", False)
        and not _cache_control_forbids(response)
        and _vary_only_on_cookie(response)
        and "Content-Encoding" not in response
        and len(response.content) <= MAX_BODY_BYTES
        and CSRF_FIELD not in response.content
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = None
        # This process's copies of entries, so that a hit reads only the (small) generation
        # token from the shared cache; a copy from an older generation is never used.
        self.recent = {}
        setting_changed.connect(self._forget_cache)

    def _forget_cache(self, setting, **kwargs):
        if setting in ("CACHES", "PAGE_CACHE_SECONDS"):
            self.cache = None
            self.recent = {}

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if (
            not seconds
            or request.method not in ("GET", "HEAD")
            or request.path_info.startswith(NEVER_CACHED_PREFIXES)
            or _personal(request)
        ):
            return self.get_response(request)
        cache = self.cache
        if cache is None:
            cache = self.cache = page_cache()
        # The host as sent: an entry only exists for a host that passed ALLOWED_HOSTS when
        # its page was rendered, so an unknown host never matches one.
        address = f"{request.scheme}://{request._get_raw_host()}{request.get_full_path()}"
        key = ENTRY_PREFIX + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()

        generation = cache.get(GENERATION_KEY)
        if generation is not None:
            now = time.time()
            entry = self.recent.get(key)
            if entry is None or entry[0] != generation or entry[4] < now:
                entry = cache.get(key)
                if entry is None or entry[0] != generation or entry[4] < now:
                    entry = None
                else:
                    entry = self._remember(key, entry)
            if entry is not None:
                return self._from_cache(request, entry)
        else:
            generation = _current_generation(cache)

        response = self.get_response(request)
        if storable(request, response):
            # A view that says how long its answer stays true (a live count) is kept no longer.
            max_age = get_max_age(response)
            if max_age is None:
                response["Cache-Control"] = PUBLIC_CACHE_CONTROL
            else:
                seconds = min(seconds, max_age)
                patch_cache_control(response, public=True, max_age=min(max_age, BROWSER_MAX_AGE))
            etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
            response["ETag"] = etag
            entry = (generation, list(response.items()), response.content, etag, time.time() + seconds)
            cache.set(key, entry, seconds)
            self._remember(key, entry)
            response["X-Cache"] = "miss"
        return response

    def _remember(self, key, entry):
        generation, headers, content, etag, expires = entry
        if len(self.recent) >= MAX_RECENT:
            self.recent = {}
        entry = self.recent[key] = (generation, ResponseHeaders(dict(headers))._store, content, etag, expires)
        return entry

    def _from_cache(self, request, entry):
        _generation, headers, content, etag, _expires = entry
        if request.META.get("HTTP_IF_NONE_MATCH") == etag:
            response = HttpResponseNotModified()
            response["ETag"] = etag
            response["Cache-Control"] = headers["cache-control"][1]
        else:
            response = HttpResponse(content)
            # Headers were checked and converted when the entry was remembered: copy them in
            # as they are (setting them one by one is a third of the cost of a hit).
            response.headers._store = headers.copy()
        response["X-Cache"] = "hit"
        return response


def _purge_on_signal(**kwargs):
    purge_page_cache()


SETTING, OTHER = "setting", "other"


def _how_it_affects_public_pages(model):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Site
    from wagtail.snippets.models import get_snippet_models

    if issubclass(model, (BaseGenericSetting, BaseSiteSetting)):
        return SETTING
    if issubclass(model, (Site, Locale)) or model in (
        get_image_model(),
        get_document_model(),
        *get_snippet_models(),
    ):
        return OTHER
    return None


_affects = {}


def _purge_on_model_change(sender, created=False, **kwargs):
    # A draft (from the archive import) is on no public page until accepted, and accepting
    # saves it with draft=False, which purges.
    if getattr(kwargs.get("instance"), "draft", None) is True:
        return
    # Called for every save and delete of any model: answer from a dict once known.
    try:
        affects = _affects[sender]
    except KeyError:
        affects = _affects[sender] = _how_it_affects_public_pages(sender)
    # A setting is created with its defaults the first time a page reads it, while that
    # page renders: nothing shown changes.
    if affects == OTHER or (affects == SETTING and not created):
        purge_page_cache()


def connect_purge_signals():
    """Purge when a page is published, unpublished, moved or deleted, or when a setting,
    snippet, image, document, site or locale is saved or deleted."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_purge_on_signal, dispatch_uid="pagecache-published")
    # Wagtail also sends page_unpublished when a live page is deleted.
    page_unpublished.connect(_purge_on_signal, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(_purge_on_signal, dispatch_uid="pagecache-moved")
    post_save.connect(_purge_on_model_change, dispatch_uid="pagecache-saved")
    post_delete.connect(_purge_on_model_change, dispatch_uid="pagecache-deleted")
