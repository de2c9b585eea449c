"""Staff log-in, limited against password guessing.

After settings.LOGIN_FAILURE_LIMIT failed attempts from one IP address (keyed hash) or for
one username within settings.LOGIN_FAILURE_WINDOW_SECONDS, further attempts are refused
with HTTP 429 before any password is checked, so guessing gains nothing.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views.account import LoginView

from . import security


def failure_keys(request):
    username = request.POST.get("username", "").strip().lower()
    keys = [f"login-ip:{security.hash_ip(security.client_ip(request))}"]
    if username:
        keys.append(f"login-user:{hashlib.sha256(username.encode()).hexdigest()}")
    return keys


def _limits():
    return {"limit": settings.LOGIN_FAILURE_LIMIT, "window_seconds": settings.LOGIN_FAILURE_WINDOW_SECONDS}


class RateLimitedLoginView(LoginView):
    def post(self, request, *args, **kwargs):
        if any(security.is_limited(key, **_limits()) for key in failure_keys(request)):
            return self.refuse()
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        for key in failure_keys(self.request):
            security.hit(key, **_limits())
        return super().form_invalid(form)

    def refuse(self):
        # An unbound form: binding it would check the password.
        form = self.get_form_class()(self.request, initial={"username": self.request.POST.get("username", "")})
        form.full_clean()
        form.cleaned_data = {}
        minutes = max(1, settings.LOGIN_FAILURE_WINDOW_SECONDS // 60)
        form.add_error(
            None,
            _("Too many failed sign-in attempts. Please wait %(minutes)d minutes and try again.") % {"minutes": minutes},
        )
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        response["Retry-After"] = str(settings.LOGIN_FAILURE_WINDOW_SECONDS)
        return response


def django_admin_login(request):
    """Django's own admin signs in through the same limited form."""
    query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
    return HttpResponseRedirect(f"{reverse('wagtailadmin_login')}?{query}")
