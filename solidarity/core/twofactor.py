"""Two-step sign-in for staff: a password, then a code from an authenticator app (django-otp).

Staff see signers' names and addresses and publish in the alliance's name, so a stolen password
alone must open nothing. With settings.STAFF_TWO_FACTOR on (the default in production), a
signed-in user who has not given the second step in this session is anonymous everywhere but
the sign-in pages: the admin sends them to give a code; login-restricted pages, private
documents and collections see a visitor. A staff member without an authenticator cannot set
one up with the password alone: they ask for a one-time link, e-mailed to their account's
address by the worker (or handed over by an administrator: `manage.py issue_enrolment_link`),
and only that link, opened while signed in, opens the set-up. Ten recovery codes are shown
once at set-up; `manage.py reset_two_factor <username>` removes a lost device.
"""

import time

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from . import login
from .models import EnrolmentLink
from .text import to_latin_digits

SETUP_KEY = "two_factor_key"
GRANT_KEY = "two_factor_enrolment"
CODES_KEY = "two_factor_new_codes"
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# Where a user who has given only the password keeps their identity: signing in and out, the
# two-step pages, password reset, and the icon sprite and interface strings the admin styling
# of these pages loads (no data in either). Everywhere else they are anonymous.
OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/two-factor/", "/admin/password_reset/", "/django-admin/login/",
              "/admin/sprite/", "/admin/jsi18n/")
FRONTEND_LOGIN = "/_util/login/"
RECOVERY_CODE_COUNT = 10


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _is_open(path):
    if path.startswith(OPEN_PATHS):
        return True
    # Wagtail's front-end sign-in, under each language: /en/_util/login/
    return path.endswith(FRONTEND_LOGIN) and path.count("/") == 4


def needs_second_step(request):
    if not settings.STAFF_TWO_FACTOR or not request.user.is_authenticated:
        return False
    # A user signed in during this very request has no is_verified() yet: not verified.
    return not getattr(request.user, "is_verified", lambda: False)()


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware: a session with only the password is sent to the second
    step in the admin and is anonymous everywhere else outside OPEN_PATHS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not _is_open(path) and needs_second_step(request):
            if path.startswith(ADMIN_PREFIXES):
                return redirect_to_login(request.get_full_path(), reverse("core_two_factor_verify"))
            request.user = AnonymousUser()

            async def auser():
                return AnonymousUser()

            request.auser = auser
        return self.get_response(request)


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def _with_next(name, request):
    return f"{reverse(name)}?next={_next_url(request)}"


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


def signed_in(view):
    from functools import wraps

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        return view(request, *args, **kwargs)

    return never_cache(in_staff_language(wrapper))


def _mark_verified(request, device):
    request.session.cycle_key()
    otp_login(request, device)


def match_code(user, code):
    """The device that accepts this code (app code or recovery code), or None. The device row is
    locked while it is checked, so one code cannot be accepted twice by simultaneous requests.
    A wrong code costs one HMAC per time step and one indexed lookup: nothing slow."""
    code = to_latin_digits(code or "").strip().replace(" ", "").replace("-", "")
    if not code:
        return None
    with transaction.atomic():
        if code.isdigit():
            for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
                if device.verify_token(code):
                    return device
        else:
            for device in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
                if device.verify_token(code.lower()):
                    return device
    return None


def new_recovery_codes(user):
    """Replaces the recovery codes; returns them in clear, to be shown once."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery", defaults={"confirmed": True})
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:4]}-{code[4:]}" for code in codes]


@signed_in
def verify(request):
    if not user_has_device(request.user):
        return redirect(_with_next("core_two_factor_enrol", request))
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        keys = [f"two-step:user:{request.user.pk}", login.address_key("two-step", request)]
        refusal = login.take(keys)
        if refusal is not None:
            form = CodeForm()  # unbound: the code is not looked at
            return login.refuse(request, refusal, template="core/two_factor/verify.html",
                                context={"form": form, "next": _next_url(request)})
        device = match_code(request.user, form.data.get("code")) if form.is_valid() else None
        if device is not None:
            login.give_back(keys)
            _mark_verified(request, device)
            return redirect(_next_url(request))
        if form.is_valid():
            form.add_error("code", _("This code is not right. Enter the code your authenticator app shows "
                                     "now, or one of your recovery codes."))
    return render(request, "core/two_factor/verify.html", {"form": form, "next": _next_url(request),
                                                          "has_passkey": _has_passkey(request.user)})


def _has_passkey(user):
    from django_otp_webauthn.models import WebAuthnCredential

    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


@signed_in
def enrol(request):
    """A staff member without an authenticator: the password is not enough to add one, so they
    are offered a one-time link by e-mail."""
    if user_has_device(request.user):
        return redirect(_with_next("core_two_factor_verify", request))
    if has_grant(request):
        return redirect(_with_next("core_two_factor_setup", request))
    sent = False
    if request.method == "POST":
        from .tasks import send_enrolment_link

        refusal = login.take([f"enrol-mail:user:{request.user.pk}"], limit=3, window_seconds=3600)
        if refusal is not None:
            return login.refuse(request, refusal)
        send_enrolment_link.enqueue(user_id=request.user.pk)
        sent = True
    return render(request, "core/two_factor/enrol.html", {"sent": sent, "next": _next_url(request)})


@signed_in
def enrol_link(request, token):
    """The e-mailed link: used once, by the staff member it was made for, in a signed-in session."""
    if user_has_device(request.user):
        return redirect("core_two_factor_verify")
    if not EnrolmentLink.redeem(token, user=request.user):
        return render(request, "core/two_factor/link_refused.html", status=403)
    request.session.cycle_key()
    request.session[GRANT_KEY] = {"user": request.user.pk, "at": int(timezone.now().timestamp())}
    return redirect("core_two_factor_setup")


def has_grant(request):
    grant = request.session.get(GRANT_KEY) or {}
    age = timezone.now().timestamp() - grant.get("at", 0)
    return grant.get("user") == request.user.pk and age < settings.TWO_FACTOR_ENROLMENT_MINUTES * 60


@signed_in
def setup(request):
    if user_has_device(request.user):
        # Replacing a device is done by an administrator (reset_two_factor), never by a session
        # that has only the password.
        return redirect(_with_next("core_two_factor_verify", request))
    if not has_grant(request):
        return redirect(_with_next("core_two_factor_enrol", request))
    key = request.session.get(SETUP_KEY) or default_key()
    request.session[SETUP_KEY] = key
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = TOTPDevice(user=request.user, key=key, name="authenticator", confirmed=True)
        if _first_code_matches(device, form.cleaned_data["code"]):
            with transaction.atomic():
                if user_has_device(request.user):  # a double submit: the first one set it up
                    return redirect(_next_url(request))
                device.save()
            otp_login(request, device)
            finish_enrolment(request)
            return redirect(_with_next("core_two_factor_recovery_codes", request))
        form.add_error("code", _("This code is not right. Check that your phone's clock is correct and enter "
                                 "the code the app shows now."))
    device = TOTPDevice(user=request.user, key=key, name="authenticator")
    secret = device_secret(device)
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff"),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
    }
    return render(request, "core/two_factor/setup.html", context)


def finish_enrolment(request):
    """The first authenticator or passkey is in place: the link's grant is spent, the session
    counts as verified, and ten recovery codes wait in the session to be shown once."""
    request.session.pop(SETUP_KEY, None)
    request.session.pop(GRANT_KEY, None)
    request.session.cycle_key()
    request.session[CODES_KEY] = new_recovery_codes(request.user)


@signed_in
def recovery_codes(request):
    """Shows new recovery codes once; a POST from a session that has given the second step makes
    a new set (the old ones stop working)."""
    if request.method == "POST" and not needs_second_step(request):
        request.session[CODES_KEY] = new_recovery_codes(request.user)
    if needs_second_step(request):
        return redirect(_with_next("core_two_factor_verify", request))
    codes = request.session.pop(CODES_KEY, None)
    return render(request, "core/two_factor/recovery_codes.html", {"codes": codes, "next": _next_url(request)})


def _first_code_matches(device, code):
    """Checks the code the new app shows without saving the device (django-otp's verify_token
    saves it, even on a wrong code); remembers its time step so it cannot be used again."""
    code = to_latin_digits(code or "").replace(" ", "")
    if not code.isdigit():
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(int(code), device.tolerance):
        return False
    device.last_t = totp.t()
    return True


def device_secret(device):
    import base64

    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def current_code(device, *, steps=0):
    """The code an authenticator app shows now for this device (for tests and the browser test)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += steps * device.step
    return f"{totp.token():0{device.digits}d}"



class IssueLinkForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)

    def clean_username(self):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(username=self.cleaned_data["username"].strip(), is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no active staff member with this username."))
        return user


@signed_in
def issue_link(request):
    """Administrators give a staff member a set-up link by hand (one who lost their phone, or has
    no e-mail address that works): shown once, here, to be passed on by a channel they trust."""
    if needs_second_step(request) or not request.user.has_perm("auth.change_user"):
        return render(request, "core/two_factor/link_refused.html", status=403)
    form = IssueLinkForm(request.POST or None)
    link = None
    if request.method == "POST" and form.is_valid():
        token = EnrolmentLink.issue(form.cleaned_data["username"])
        link = request.build_absolute_uri(reverse("core_two_factor_enrol_link", args=[token]))
    return render(request, "core/two_factor/issue_link.html", {"form": form, "link": link,
                                                              "minutes": settings.TWO_FACTOR_ENROLMENT_MINUTES})
