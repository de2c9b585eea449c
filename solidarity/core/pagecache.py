"""The anonymous page cache: public pages served from the shared cache, purged on change.

A surge of anonymous readers must not reach the database. This middleware sits right after
WhiteNoise and before sessions, so a hit costs no session, user, template or query: one read
of the page's generation tokens (below) from the shared cache, and the page from this
process's memory, or from the shared cache the first time this process serves it. What it
stores is decided on the way out, from the response itself: only a plain 200 that sets no
cookie, carries no CSRF token and does not say private/no-store/no-cache.

Purging. The cache holds generation tokens, one per scope: "all"; one per language
("lang:en": every page under /en/); one per area an app declared, the first part of the
address after the language ("area:network": /en/network/... and /fa/network/...); and
"shared" for addresses outside a language (sitemap.xml), which any purge renews. Every entry
records the tokens of its scopes that were current when its request started; an entry whose
tokens are no longer all current is a miss. A purge writes new tokens for the scopes it names, so every process
sees it on its next request, and a page rendered during a publish (from the old tokens) can
never outlive it. Tokens are random, never counted, so two purges at once cannot undo each
other.

What purges is decided by the apps, not here: a page published, unpublished or moved purges
its language; a setting, site, locale, image or document purges everything; each app says
which of its records are public and where they are shown (`purge_on_change` in its ready()),
and nothing else purges: a contact message, an endorsement waiting for approval, a signature
or a subscriber never does.

The front proxy. nginx (deploy/nginx/locations.conf) keeps its own copies of what this cache
serves, keyed by one more token, "front", which every purge renews: it asks for it once a
second (front_generation) and keeps each copy as long as our own entry has left to live
(X-Accel-Expires on every answer from here), so between purges a surge of readers asks the
app servers for nothing but that token.

After a publish, nginx has no copy under the new token, and every reader of a page would wait
for its one drawing (on a busy machine, seconds: the whole site stalled). So a publish is a
soft purge: the first request nginx sends for a page under the new token (it says it keeps
copies: FRONT_KEEPS_COPIES) is answered with our copy from before the purge, for nginx to keep
one second, and the page is drawn right after that answer has gone, in the same app server's
thread (a closer of the response), rather than by nginx's refresh a second later, which then
finds it drawn: the drawing's seconds on a busy machine are not added to the time a publish
takes to show. While it is on, a request for the page gets the copy from before again: drawing
it a second time would keep nginx's readers waiting; but nginx refreshing a copy it goes on
giving its readers (FRONT_COPY) waits for the drawing and gets the new page.

Anything that may take something off a page (an unpublish, a move, a page made private, a
setting, a record of an app) is a hard purge: no copy older than it is ever served again. A
request that does not come from nginx is always answered with the new page.
"""

import functools
import hashlib
import logging
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.http.response import ResponseHeaders
from django.utils.cache import get_max_age, patch_cache_control

from solidarity.core.transactions import after_commit

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
# The generation tokens live apart from the pages: a flood of made-up addresses fills and culls
# the page cache, and must not cull the tokens (that would turn every cached page into a miss).
TOKENS_ALIAS = "page-tokens"
GENERATION_PREFIX = "pagecache:generation:"
# When a scope was last purged hard (nothing drawn before it may be served once more), and the
# token that purge made: (time, token).
HARD_PREFIX = "pagecache:hard:2:"
# Entries are (generations, headers, body, ETag, expiry time, time drawn); the number changes
# with that shape.
ENTRY_PREFIX = "pagecache:4:"
# A copy from before a soft purge, served once to the front proxy under the new tokens (the
# mark is kept a minute: nginx asks again within a second or two).
OUTDATED_PREFIX = "pagecache:outdated:"
OUTDATED_ONCE_SECONDS = 60
# A page being drawn after its copy from before was served; a drawing cut short (its app server
# killed) holds back no other after this. Best effort: the file cache's add() is not atomic, so
# on one machine two threads may both draw the page, which costs time but never a wrong page.
DRAWING_PREFIX = "pagecache:drawing:"
DRAWING_SECONDS = 10
# Entries stay in the shared cache this long after their time is up: a page that shows a live
# count lives seconds, and after a publish its copy from before is still what nginx gets first.
OUTDATED_GRACE_SECONDS = 60
# Clocks of several machines may differ this much: an entry drawn less than this after a hard
# purge is never served once more, unless it carries the token that purge made.
CLOCK_MARGIN_SECONDS = 2
# Browsers and reverse proxies may keep a page this long; our own copy is purged on publish.
BROWSER_MAX_AGE = 60
PUBLIC_CACHE_CONTROL = f"public, max-age={BROWSER_MAX_AGE}"
NEVER_CACHED_PREFIXES = (
    "/admin/", "/django-admin/", "/documents/", "/static/", "/media/", "/health/", "/page-generation/",
)
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


def token_cache():
    if TOKENS_ALIAS in settings.CACHES:
        return caches[TOKENS_ALIAS]
    return page_cache()


ALL = "all"
SHARED = "shared"
FRONT = "front"
# How long nginx may keep an answer (it reads this header and does not pass it on).
FRONT_EXPIRES = "X-Accel-Expires"
FRONT_GENERATION = "X-Page-Generation"
# Sent by nginx with every request (deploy/nginx/locations.conf): it keeps copies of what we
# answer, so an answer from before a soft purge may go to it for a second.
FRONT_KEEPS_COPIES = "HTTP_X_FRONT_KEEPS_COPIES"
# Also sent by nginx: what its cache holds of the page asked for ($upstream_cache_status).
# EXPIRED: nginx refreshes its copy in the background and gives it to its readers meanwhile, so
# nobody waits for this answer (MISS: readers wait, nginx has no copy).
FRONT_COPY = "HTTP_X_FRONT_COPY"
FRONT_REFRESHING = "EXPIRED"
# How long such a refresh waits for a page being drawn, rather than get the copy from before
# again (and nginx's readers the old page for one more refresh), checking this often.
DRAWING_WAIT_SECONDS = 5
DRAWING_POLL_SECONDS = 0.1


def purge_page_cache():
    """Drop every cached page, in every process (a setting, an image: anything may show it)."""
    _purge([ALL])


def purge_pages(*, languages=(), areas=(), soft=False):
    """Drop the cached pages of these languages ("en") and areas (the first part of the address
    after the language: "network" for /en/network/... and /fa/network/...), in every process.
    `soft`: the change only adds to or updates what pages show (a publish), so nginx may keep
    a page's copy from before it for a second while the page is drawn again."""
    _purge([f"lang:{language}" for language in languages] + [f"area:{area}" for area in areas] + [SHARED],
           soft=soft)


def _purge(scopes, *, soft=False):
    """New tokens now, and again once the current transaction commits, so that a page rendered
    by a concurrent request before the commit (with the old content) is not kept. nginx's token
    only once it commits: before, nginx would only fetch every page again as it was."""
    if transaction.get_connection().in_atomic_block:
        _new_generations(scopes, soft, front=False)
        # Robust: once committed, a purge the cache cannot take is logged, and the change's other
        # after-commit work (its tasks) still runs.
        after_commit(_new_generations, scopes, soft)
    else:
        _new_generations(scopes, soft)


class PurgeFailed(Exception):
    """The cache did not take a purge. Raised in the request that made the change, so that whoever
    made it sees an error and does it again once the cache answers: the pages that show it may
    otherwise be served as they were for PAGE_CACHE_SECONDS (Wagtail has stored a publish by
    the time it says so; a change inside a transaction is rolled back)."""


def _new_generations(scopes, soft=False, front=True):
    cache = token_cache()
    tokens = {GENERATION_PREFIX + scope: secrets.token_hex(8) for scope in [*scopes, *([FRONT] if front else [])]}
    hard = [HARD_PREFIX + scope for scope in scopes]
    if soft:
        # A scope whose last hard purge is not known (a new site, a lost cache) counts from now.
        hard = set(hard) - set(cache.get_many(hard))
    now = time.time()
    tokens.update({key: (now, tokens[GENERATION_PREFIX + key.removeprefix(HARD_PREFIX)]) for key in hard})
    # The cache answers as an empty one while Redis restarts (core/cache.py): a purge it did not
    # take must not pass in silence.
    if cache.set_many(tokens, None):
        raise PurgeFailed("The page cache does not answer: the pages of this change were not purged.")


# The areas apps declared (purge_on_change): only these get a token of their own, so that no
# address a visitor makes up can add tokens to the shared cache.
_areas = set()
_keys_by_head = {}


def generation_keys(path):
    """The cache keys of the generation tokens a page at `path` depends on."""
    parts = path.split("/", 3)
    head = tuple(parts[1:3])
    keys = _keys_by_head.get(head)
    if keys is None:
        if len(head) == 2 and head[0] in {code for code, _name in settings.LANGUAGES}:
            language, area = head
            scopes = [ALL, f"lang:{language}"] + ([f"area:{area}"] if area in _areas else [])
        else:
            scopes = [ALL, SHARED]
        keys = tuple(GENERATION_PREFIX + name for name in scopes)
        # Any address can be asked for: keep the memo small.
        if len(_keys_by_head) > 1000:
            _keys_by_head.clear()
        _keys_by_head[head] = keys
    return keys


def _current_generations(cache, keys):
    """The tokens of `keys`, making any that is missing (a new scope, or one evicted)."""
    found = cache.get_many(keys)
    if len(found) < len(keys):
        for key in set(keys) - set(found):
            token = secrets.token_hex(8)
            if cache.add(key, token, None):
                # What was purged before this token is not known: as after a hard purge.
                cache.set(_hard_key(key), (time.time(), token), None)
                if cache.get(key) != token:
                    # A purge came between the two: the pages drawn with this token may be from
                    # before it, so no token vouches for them.
                    cache.set(_hard_key(key), (time.time(), None), None)
        found = cache.get_many(keys)
    return tuple(found.get(key) for key in keys)


def _fresh(entry, generation, now):
    """Whether a cache entry holds the page as it is: drawn under these tokens, its time not up."""
    return entry is not None and entry[0] == generation and entry[4] >= now


def _digest(text):
    """A short, fixed-length name for a cache key (not a secret: md5 is enough)."""
    data = text if isinstance(text, bytes) else text.encode()
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def _drawing_key(key, generation):
    """Held while the page of entry `key` is drawn for these tokens after an answer (DRAWING_PREFIX)."""
    return DRAWING_PREFIX + _digest(f"{key} {generation}")


def _hard_key(key):
    """Where the time of the last hard purge of a generation `key`'s scope is kept."""
    return HARD_PREFIX + key.removeprefix(GENERATION_PREFIX)


def _purged_hard_since(cache, keys, generation, drawn, found):
    """Whether a scope of these generation `keys` was purged hard since a page was drawn at
    `drawn` with these tokens (or may have been: a scope whose time is not known, lost with the
    cache, counts as purged now). `found`: what the cache holds of their _hard_key()s. A page
    that carries the token a scope's last hard purge made was drawn after it, whatever the
    clocks say: after Redis restarts, every token is made anew, and the pages drawn in the
    seconds that follow would otherwise never be given as they were."""
    hard_keys = [_hard_key(key) for key in keys]
    if any(key not in found for key in hard_keys):
        now = time.time()
        for key in hard_keys:
            if key not in found:
                cache.add(key, (now, None), None)
        return True
    if len(generation) != len(keys):
        return True
    for hard_key, token in zip(hard_keys, generation, strict=True):
        purged, purge_token = found[hard_key]
        if (purge_token is None or token != purge_token) and purged > drawn - CLOCK_MARGIN_SECONDS:
            return True
    return False


def front_generation(request):
    """The token the front proxy adds to the key of its copies. A 503 while the cache does not
    answer: the proxy keeps the token it has (no purge can happen meanwhile: it would fail)."""
    (token,) = _current_generations(token_cache(), (GENERATION_PREFIX + FRONT,))
    if token is None:
        response = HttpResponse(status=503)
    else:
        response = HttpResponse()
        response[FRONT_GENERATION] = token
    response["Cache-Control"] = "no-store"
    return response


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
        self.cache = self.tokens = None
        # This process's copies of entries, so that a hit reads only the (small) generation
        # token from the shared cache; a copy from an older generation is never used.
        self.recent = {}
        setting_changed.connect(self._forget_cache)

    def _forget_cache(self, setting, **kwargs):
        if setting in ("CACHES", "PAGE_CACHE_SECONDS"):
            self.cache = self.tokens = None
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
        cache, tokens = self.cache, self.tokens
        if cache is None:
            cache, tokens = self.cache, self.tokens = page_cache(), token_cache()
        # The host as sent: an entry only exists for a host that passed ALLOWED_HOSTS when
        # its page was rendered, so an unknown host never matches one.
        address = f"{request.scheme}://{request._get_raw_host()}{request.get_full_path()}"
        key = ENTRY_PREFIX + _digest(address)

        keys = generation_keys(request.path_info)
        now = time.time()
        found = tokens.get_many(keys)
        if len(found) == len(keys):
            generation = tuple(found[name] for name in keys)
            entry = outdated = self.recent.get(key)
            if not _fresh(entry, generation, now):
                entry = cache.get(key)
                if not _fresh(entry, generation, now):
                    outdated, entry = entry or outdated, None
                else:
                    entry = self._remember(key, entry)
            if entry is not None:
                return self._from_cache(request, entry, now)
            outdated, drawing = self._outdated_for_front(request, key, keys, generation, outdated, now)
            if outdated is not None:
                if drawing is None and request.META.get(FRONT_COPY) == FRONT_REFRESHING:
                    drawn = self._wait_for_drawing(key, generation)
                    if drawn is not None:
                        return self._from_cache(request, drawn, time.time())
                response = self._outdated(request, outdated, now)
                if drawing:
                    # Run once the server has sent the answer and closes it (WSGI's close(); in
                    # gunicorn, after the last byte): Django's own list of what close() calls.
                    response._resource_closers.append(
                        functools.partial(self._draw_later, request, key, generation, drawing))
                return response
        else:
            generation = _current_generations(tokens, keys)
        return self._draw(request, key, generation, now)

    def _draw_later(self, request, key, generation, drawing):
        # Once, however many answers were given the copy from before (one per encoding).
        if not self.cache.add(drawing, 1, DRAWING_SECONDS):
            return
        try:
            if not _fresh(self.cache.get(key), generation, time.time()):
                # Not closed: the answer whose closer this is sends request_finished after it.
                self._draw(request, key, generation, time.time())
        except Exception:
            # The cache failing (a view's error is a 500 answer, not stored). Nobody waits for
            # this drawing and Django's close() would drop the error silently: logged, and
            # nginx's refresh draws the page.
            logger.exception("The page %s could not be drawn after its copy from before", request.path)
        finally:
            self.cache.delete(drawing)

    def _wait_for_drawing(self, key, generation):
        """The page being drawn after another answer, once drawn within DRAWING_WAIT_SECONDS;
        None if the drawing ends without it (failed) or takes longer."""
        drawing = _drawing_key(key, generation)
        give_up = time.monotonic() + DRAWING_WAIT_SECONDS
        while time.monotonic() < give_up:
            time.sleep(DRAWING_POLL_SECONDS)
            found = self.cache.get_many([key, drawing])
            if _fresh(found.get(key), generation, time.time()):
                return self._remember(key, found[key])
            if drawing not in found:
                return None
        return None

    def _draw(self, request, key, generation, now):
        seconds, cache = settings.PAGE_CACHE_SECONDS, self.cache
        response = self.get_response(request)
        if storable(request, response):
            # A view that says how long its answer stays true (a live count) is kept no longer.
            max_age = get_max_age(response)
            if max_age is None:
                response["Cache-Control"] = PUBLIC_CACHE_CONTROL
            else:
                seconds = min(seconds, max_age)
                patch_cache_control(response, public=True, max_age=min(max_age, BROWSER_MAX_AGE))
            etag = f'"{_digest(response.content)}"'
            response["ETag"] = etag
            entry = (generation, list(response.items()), response.content, etag, time.time() + seconds, now)
            cache.set(key, entry, seconds + OUTDATED_GRACE_SECONDS)
            self._remember(key, entry)
            response[FRONT_EXPIRES] = str(seconds)
            response["X-Cache"] = "miss"
        return response

    def _remember(self, key, entry):
        generation, headers, content, etag, expires, drawn = entry
        if len(self.recent) >= MAX_RECENT:
            self.recent = {}
        entry = self.recent[key] = (generation, ResponseHeaders(dict(headers))._store, content, etag, expires, drawn)
        return entry

    def _outdated_for_front(self, request, key, keys, generation, entry, now):
        """This copy from before a purge, when nginx may have it (the module's docstring), and
        the key that says the page is being drawn when this answer is the one to draw it after
        (else None). Its time may be up by a little (a page with a live count lives seconds):
        nginx only keeps it a second. Its generation may be current: every purge renews nginx's,
        so nginx has no copy of any page after one, whatever the purge's scopes."""
        if entry is None or FRONT_KEEPS_COPIES not in request.META or entry[4] < now - OUTDATED_GRACE_SECONDS:
            return None, None
        # One round trip for what this needs: each is a wait for the GIL in a busy app server,
        # and nginx's readers wait for this answer.
        found = self.tokens.get_many([*(_hard_key(name) for name in keys), GENERATION_PREFIX + FRONT])
        front = found.get(GENERATION_PREFIX + FRONT)
        if front is None or _purged_hard_since(self.tokens, keys, entry[0], entry[5], found):
            return None, None
        # Once per page, nginx generation and encoding (nginx keeps a copy per Accept-Encoding),
        # and again while the page is being drawn after an earlier answer: then a request that
        # would draw it once more, with nginx's readers waiting (nginx refreshing its copy under
        # the generation before, then asking under the new one), gets the copy too.
        once = _digest(f"{key} {front} {request.META.get('HTTP_ACCEPT_ENCODING', '')}")
        drawing = _drawing_key(key, generation)
        if not self.cache.add(OUTDATED_PREFIX + once, 1, OUTDATED_ONCE_SECONDS):
            if not self.cache.get(drawing):
                return None, None
            drawing = None  # being drawn after another answer
        if isinstance(entry[1], list):  # from the shared cache: its headers not yet converted
            entry = self._remember(key, entry)
        return entry, drawing

    def _outdated(self, request, entry, now):
        response = self._from_cache(request, entry, now)
        response[FRONT_EXPIRES] = "1"
        response["X-Cache"] = "outdated"
        return response

    def _from_cache(self, request, entry, now):
        _generation, headers, content, etag, expires, _drawn = entry
        if request.META.get("HTTP_IF_NONE_MATCH") == etag:
            response = HttpResponseNotModified()
            response["ETag"] = etag
            response["Cache-Control"] = headers["cache-control"][1]
        else:
            response = HttpResponse(content)
            # Headers were checked and converted when the entry was remembered: copy them in
            # as they are (setting them one by one is a third of the cost of a hit).
            response.headers._store = headers.copy()
        # Whole seconds left, and never 0: nginx would not keep it, and would ask again for every
        # reader until our copy expires (its background refresh stores nothing either).
        response[FRONT_EXPIRES] = str(max(1, int(expires - now)))
        response["X-Cache"] = "hit"
        return response


def _purge_page(instance, soft=False, **kwargs):
    """A page published, unpublished (or deleted) or moved: the pages of its language (menus and
    lists show it), and of the languages of its translations (their language links change)."""
    from wagtail.models import Page

    if not isinstance(instance, Page) or instance.depth < 2:
        purge_page_cache()
        return
    languages = {instance.locale.language_code}
    languages.update(instance.get_translations().values_list("locale__language_code", flat=True))
    purge_pages(languages=sorted(languages), soft=soft)


def _purge_published_page(instance, **kwargs):
    # A publish adds a page or a new version of one: soft. (An edit that must leave the site at
    # once, such as a name that endangers someone, is an unpublish: hard.)
    _purge_page(instance, soft=True)


def _purge_restricted_page(instance, **kwargs):
    # A page made private (or public again): its cached copies must go at once. (A page being
    # deleted takes its restrictions with it; its deletion purges already.)
    from wagtail.models import Page

    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _purge_page(page)


EVERYTHING = "everything"


def _how_it_affects_public_pages(model):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Site

    if issubclass(model, (BaseGenericSetting, BaseSiteSetting)):
        return SETTING
    if issubclass(model, (Site, Locale)) or model in (get_image_model(), get_document_model()):
        return EVERYTHING
    return None


SETTING = "setting"
_affects = {}


def _purge_on_model_change(sender, created=False, **kwargs):
    # Called for every save and delete of any model: answer from a dict once known.
    try:
        affects = _affects[sender]
    except KeyError:
        affects = _affects[sender] = _how_it_affects_public_pages(sender)
    # A setting is created with its defaults the first time a page reads it, while that
    # page renders: nothing shown changes.
    if affects == EVERYTHING or (affects == SETTING and not created):
        purge_page_cache()


# Pages that show the records of several apps: the home page (its featured campaigns and cases;
# its address has nothing after the language, so its area is "") and the search results. An app
# whose records they show names them among its areas, so a record made private leaves them too.
HOME_PAGE, SEARCH_RESULTS = "", "search"


def purge_on_change(model, *, areas, skip=None):
    """How an app says its records are public: saving or deleting a `model` record purges the
    `areas` its records are shown in (their own pages and the lists that show them), unless
    `skip(instance, created=..., update_fields=...)` says that change shows nowhere (a new draft,
    a bookkeeping field)."""
    from django.db.models.signals import post_delete, post_save

    areas = list(areas)
    _areas.update(areas)
    _keys_by_head.clear()

    def on_save(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
        if skip is not None and skip(instance, created=created, update_fields=update_fields):
            return
        purge_pages(areas=areas)

    def on_delete(sender, instance, **kwargs):
        purge_pages(areas=areas)

    label = model._meta.label_lower
    post_save.connect(on_save, sender=model, weak=False, dispatch_uid=f"pagecache-saved-{label}")
    post_delete.connect(on_delete, sender=model, weak=False, dispatch_uid=f"pagecache-deleted-{label}")


def connect_purge_signals():
    """Purge a page's languages when it is published, unpublished, moved or deleted, or made
    private; everything when a setting, image, document, site or locale is saved or deleted.
    Apps connect their own records with `purge_on_change`."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_purge_published_page, dispatch_uid="pagecache-published")
    # Wagtail also sends page_unpublished when a live page is deleted.
    page_unpublished.connect(_purge_page, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(_purge_page, dispatch_uid="pagecache-moved")
    post_save.connect(_purge_restricted_page, sender=PageViewRestriction, dispatch_uid="pagecache-restricted")
    post_delete.connect(_purge_restricted_page, sender=PageViewRestriction, dispatch_uid="pagecache-unrestricted")
    post_save.connect(_purge_on_model_change, dispatch_uid="pagecache-saved")
    post_delete.connect(_purge_on_model_change, dispatch_uid="pagecache-deleted")
