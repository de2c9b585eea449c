"""Every check of a secret is limited, by account and by address, before the secret is checked.

Passwords (every caller of authenticate(): the admin's sign-in, Wagtail's front-end sign-in,
Django's admin), page and collection passwords, password-reset requests and two-step codes
each take a slot first: one conditional UPDATE of an AttemptCounter row per key, in one
transaction, which either counts the attempt on every key or on none. Once a key has used
settings.LOGIN_FAILURE_LIMIT slots in the current window of LOGIN_FAILURE_WINDOW_SECONDS, the
attempt is refused (HTTP 429, translated) and nothing is hashed or compared; a success gives its
slot back, so only failures use them up.

Why not django-axes: it reads the count, checks the password and only then writes the failure,
so simultaneous guesses all pass its check (the same pattern in the old counter here let 13 of
20 simultaneous guesses be checked against a limit of 5); it covers authenticate() only; and its
database handler keeps the address in a GenericIPAddressField (inet on PostgreSQL), where a
keyed hash does not fit. Why not the cache: Django's file cache increments by reading and
rewriting a file, which is not atomic between processes. A row in the database is atomic on
SQLite and PostgreSQL alike, with no extra service.

Addresses are keyed hashes (security.hash_ip); usernames and e-mail addresses are keyed hashes
too, so the table holds nothing readable.
"""

import hashlib
import hmac
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import BigIntegerField, Case, F, PositiveIntegerField, Q, Value, When
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from wagtail import views as wagtail_views
from wagtail.admin.views.account import LoginView, PasswordResetView
from wagtail.documents.views import serve as document_views

from . import security
from .models import AttemptCounter


@dataclass
class Refusal:
    retry_after: int

    @property
    def message(self):
        minutes = max(1, -(-self.retry_after // 60))
        return _("Too many failed attempts. Please wait %(minutes)d minutes and try again.") % {"minutes": minutes}


def keyed(kind, value):
    key = settings.IP_HASH_KEY.encode()
    return f"{kind}:" + hmac.new(key, str(value).strip().lower().encode(), hashlib.sha256).hexdigest()[:40]


def address_key(scope, request):
    return f"{scope}:ip:{security.hash_ip(security.client_ip(request))[:40]}"


def take(keys, *, limit=None, window_seconds=None):
    """Counts one attempt on every key, or on none: returns None when taken, else a Refusal.

    A key's window starts at its first attempt; once `limit` attempts fall in it, the key waits
    until the window has passed."""
    limit = settings.LOGIN_FAILURE_LIMIT if limit is None else limit
    window_seconds = settings.LOGIN_FAILURE_WINDOW_SECONDS if window_seconds is None else window_seconds
    now = int(time.time())
    expired = Q(started_at__lte=now - window_seconds)
    keys = sorted(set(keys))  # one order for everyone: no deadlock on PostgreSQL
    try:
        with transaction.atomic():
            AttemptCounter.objects.bulk_create(
                [AttemptCounter(key=key, started_at=now, count=0) for key in keys], ignore_conflicts=True
            )
            for key in keys:
                taken = AttemptCounter.objects.filter(expired | Q(count__lt=limit), key=key).update(
                    count=Case(When(expired, then=Value(1)), default=F("count") + 1, output_field=PositiveIntegerField()),
                    started_at=Case(When(expired, then=Value(now)), default=F("started_at"), output_field=BigIntegerField()),
                )
                if not taken:
                    raise _Full(key)
    except _Full as full:
        started_at = AttemptCounter.objects.filter(key=full.args[0]).values_list("started_at", flat=True).first()
        return Refusal(retry_after=max(1, (started_at or now) + window_seconds - now))
    return None


def purge_attempts(*, older_than_seconds=86400):
    """Forget counters whose window ended long ago (a daily job: `manage.py purge_attempts`).
    Kept out of the request, so every sign-in does the same work."""
    return AttemptCounter.objects.filter(started_at__lt=int(time.time()) - older_than_seconds).delete()[0]


class _Full(Exception):
    pass


def give_back(keys):
    """A success returns its slot: only failures use the limit up."""
    AttemptCounter.objects.filter(key__in=keys, count__gt=0).update(count=F("count") - 1)


def refuse(request, refusal, *, template="core/auth/throttled.html", context=None):
    request.throttled = refusal
    response = render(request, template, {"message": refusal.message, **(context or {})}, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response


class ThrottleBackend:
    """First in AUTHENTICATION_BACKENDS: takes a slot for the username and the address before
    the next backend checks the password; refused, it stops authenticate() (PermissionDenied)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or username is None:
            return None  # not a request from the web (a command, a test's client.login)
        keys = [keyed("login:user", username), address_key("login", request)]
        refusal = take(keys)
        if refusal is not None:
            request.throttled = refusal
            raise PermissionDenied
        request.throttle_keys = keys
        return None


def give_back_on_sign_in(sender, request, user, **kwargs):
    """A successful sign-in gives back the slots its checks took (connected in apps.py)."""
    keys = getattr(request, "throttle_keys", None)
    if keys:
        give_back(keys)


class ThrottleMiddleware:
    """A refused check answers 429 with its message, whatever view made it: a view that shows
    its own form with the message (the sign-in pages) has already set the status."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        refusal = getattr(request, "throttled", None)
        if refusal is not None and response.status_code != 429:
            return refuse(request, refusal)
        return response


class ThrottledFormMixin:
    """A sign-in view whose form, when refused, says so and answers 429."""

    def form_invalid(self, form):
        refusal = getattr(self.request, "throttled", None)
        if refusal is None:
            return super().form_invalid(form)
        form.errors.clear()
        form.add_error(None, refusal.message)
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        response["Retry-After"] = str(refusal.retry_after)
        return response


class AdminLoginView(ThrottledFormMixin, LoginView):
    pass


class FrontendLoginView(ThrottledFormMixin, auth_views.LoginView):
    """Wagtail's front-end sign-in (login-restricted pages). After the password, a staff member
    who has not given the second step is sent to give it."""

    template_name = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_TEMPLATE", "wagtailcore/login.html")

    def get(self, request, *args, **kwargs):
        from .twofactor import needs_second_step

        if needs_second_step(request):
            return self._to_second_step()
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        from .twofactor import needs_second_step

        response = super().form_valid(form)
        return self._to_second_step() if needs_second_step(self.request) else response

    def _to_second_step(self):
        query = urlencode({"next": self.get_redirect_url() or "/"})
        return HttpResponseRedirect(f"{reverse('core_two_factor_verify')}?{query}")


def django_admin_login(request):
    """Django's own admin signs in through the same limited form."""
    query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
    return HttpResponseRedirect(f"{reverse('wagtailadmin_login')}?{query}")


def _password_view(scope, restriction_id, view):
    """Wraps a page or collection password view: a POST takes a slot for the restriction and
    the address first; a right password (a redirect) gives it back."""

    def wrapped(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        keys = [f"{scope}:{kwargs[restriction_id]}", address_key(scope, request)]
        refusal = take(keys)
        if refusal is not None:
            return refuse(request, refusal)
        response = view(request, *args, **kwargs)
        if response.status_code == 302:
            give_back(keys)
        return response

    return wrapped


page_password = _password_view("page-password", "page_view_restriction_id", wagtail_views.authenticate_with_password)
document_password = _password_view("collection-password", "restriction_id", document_views.authenticate_with_password)


class QueuedPasswordResetView(PasswordResetView):
    """Wagtail's password reset, but the request never looks the address up nor sends mail: it
    queues the task, which does both. So a staff member's address and a stranger's get the same
    page, status and time; requests are limited by address and by the address asked for."""

    def form_valid(self, form):
        from django.utils import translation

        from .tasks import send_password_reset

        email = form.cleaned_data["email"]
        refusal = take(
            [keyed("reset:email", email), address_key("reset", self.request)],
            limit=settings.PASSWORD_RESET_LIMIT,
            window_seconds=settings.PASSWORD_RESET_WINDOW_SECONDS,
        )
        if refusal is not None:
            return refuse(self.request, refusal)
        send_password_reset.enqueue(email=email, language=translation.get_language())
        return HttpResponseRedirect(self.get_success_url())


@never_cache
@csrf_protect
def logout(request):
    """Signing out is a POST that ends the session entirely (the two-step mark with it); a GET
    only asks, so a link or an image on another page cannot half sign anyone out."""
    if request.method == "POST":
        auth_logout(request)  # flushes the session
        response = redirect("wagtailadmin_login")
        response.delete_cookie(
            settings.SESSION_COOKIE_NAME, domain=settings.SESSION_COOKIE_DOMAIN, path=settings.SESSION_COOKIE_PATH
        )
        request.session.modified = False  # no fresh cookie for the signed-out browser
        return response
    return render(request, "core/auth/logout.html")
