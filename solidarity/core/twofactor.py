"""Two-factor sign-in for staff: a password, then a code from an authenticator app.

Staff see signers' names and addresses and publish in the alliance's name, so a stolen password
alone must not open the admin. With settings.STAFF_TWO_FACTOR on (the default in production),
every admin page asks a signed-in user who has not given a code in this session for one; a
user without an authenticator is taken through setting one up first. Ten one-time recovery
codes are shown once at set-up; `manage.py reset_two_factor <username>` removes a lost device.
"""

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from . import security, totp
from .models import TwoFactorDevice

SESSION_KEY = "two_factor_user"
SETUP_SECRET_KEY = "two_factor_secret"  # noqa: S105 (a session key name, not a secret)
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# Reachable before the code is given: signing in and out, these pages themselves, and the icon
# sprite and interface strings their admin styling loads (no data in either).
OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/two-factor/", "/admin/password_reset/", "/django-admin/login/",
              "/admin/sprite/", "/admin/jsi18n/")
WRONG_CODE_LIMIT = 5
WRONG_CODE_WINDOW_SECONDS = 300


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def is_verified(request):
    return request.user.is_authenticated and request.session.get(SESSION_KEY) == request.user.pk


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            settings.STAFF_TWO_FACTOR
            and path.startswith(ADMIN_PREFIXES)
            and not path.startswith(OPEN_PATHS)
            and request.user.is_authenticated
            and not is_verified(request)
        ):
            has_device = TwoFactorDevice.objects.filter(user=request.user).exists()
            target = "core_two_factor_verify" if has_device else "core_two_factor_setup"
            return redirect_to_login(request.get_full_path(), reverse(target))
        return self.get_response(request)


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def _mark_verified(request):
    request.session.cycle_key()
    request.session[SESSION_KEY] = request.user.pk


def in_staff_language(view):
    """Renders in the language the staff member chose for the admin, like Wagtail's own views."""
    from functools import wraps

    from django.utils import translation
    from wagtail.users.models import UserProfile

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        with translation.override(UserProfile.get_for_user(request.user).get_preferred_language()):
            return view(request, *args, **kwargs)

    return wrapper


def _limit_key(request):
    return f"two-factor:{request.user.pk}"


@never_cache
@in_staff_language
def verify(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    device = TwoFactorDevice.objects.filter(user=request.user).first()
    if device is None:
        return redirect(f"{reverse('core_two_factor_setup')}?next={_next_url(request)}")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        limits = {"limit": WRONG_CODE_LIMIT, "window_seconds": WRONG_CODE_WINDOW_SECONDS}
        if security.is_limited(_limit_key(request), **limits):
            form = CodeForm()
            form.full_clean()
            form.cleaned_data = {}  # an unbound form, so the code is not checked at all
            form.add_error(None, _("Too many wrong codes. Please wait %(minutes)d minutes and try again.")
                           % {"minutes": WRONG_CODE_WINDOW_SECONDS // 60})
            status = 429
        elif form.is_valid() and (device.verify(form.cleaned_data["code"])
                                  or device.use_recovery_code(form.cleaned_data["code"])):
            _mark_verified(request)
            return redirect(_next_url(request))
        else:
            security.hit(_limit_key(request), **limits)
            if form.is_valid():
                form.add_error("code", _("This code is not right. Enter the code your authenticator app shows "
                                         "now, or one of your recovery codes."))
    return render(request, "core/two_factor/verify.html", {"form": form, "next": _next_url(request)}, status=status)


@never_cache
@in_staff_language
def setup(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if TwoFactorDevice.objects.filter(user=request.user).exists():
        # Replacing a device is done by an administrator (reset_two_factor), never by a session
        # that has only the password.
        return redirect(f"{reverse('core_two_factor_verify')}?next={_next_url(request)}")
    secret = request.session.get(SETUP_SECRET_KEY) or totp.new_secret()
    request.session[SETUP_SECRET_KEY] = secret
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        step = totp.matching_step(secret, form.cleaned_data["code"])
        if step is not None:
            device, created = TwoFactorDevice.objects.get_or_create(
                user=request.user, defaults={"secret": secret, "last_used_step": step}
            )
            if not created:  # a double submit: the first one set it up
                return redirect(_next_url(request))
            codes = device.new_recovery_codes()
            del request.session[SETUP_SECRET_KEY]
            _mark_verified(request)
            return render(request, "core/two_factor/recovery_codes.html", {"codes": codes, "next": _next_url(request)})
        form.add_error("code", _("This code is not right. Check that your phone's clock is correct and enter "
                                 "the code the app shows now."))
    uri = totp.provisioning_uri(secret, account=request.user.get_username(), issuer=settings.WAGTAIL_SITE_NAME)
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff"),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
    }
    return render(request, "core/two_factor/setup.html", context)
