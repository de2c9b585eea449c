"""Passkeys (WebAuthn) as the second step, beside authenticator apps: django-otp-webauthn.

Its registration views are wrapped so that, as for an authenticator app, a session with only
the password can add a passkey only after opening an enrolment link (twofactor.GRANT_KEY); a
session that has given the second step may add more. Passkeys never replace the password here
(OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN is off). The relying party is SITE_URL's host, and only
SITE_URL's origin is accepted. The package's scripts are served from our own static files.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions, views
from django_otp_webauthn.helpers import WebAuthnHelper


class PasskeyHelper(WebAuthnHelper):
    def get_relying_party_domain(self):
        return urlsplit(settings.SITE_URL).hostname

    def get_relying_party_name(self):
        return settings.WAGTAIL_SITE_NAME

    def get_allowed_origins(self):
        site = urlsplit(settings.SITE_URL)
        return [f"{site.scheme}://{site.netloc}"]


class NoEnrolmentLink(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "no_enrolment_link"


class EnrolmentOnly:
    def check_can_register(self):
        from .twofactor import has_grant

        if not (self.request.user.is_verified() or has_grant(self.request)):
            from django.utils.translation import gettext

            raise NoEnrolmentLink(detail=gettext("Open the set-up link we e-mailed you first."))


class BeginRegistration(EnrolmentOnly, views.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(EnrolmentOnly, views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        from .twofactor import finish_enrolment, has_grant

        first = has_grant(self.request) and not self.request.user.is_verified()
        response = super().post(*args, **kwargs)
        if first and response.status_code == 200:
            finish_enrolment(self.request)
        return response


class CompleteAuthentication(views.CompleteCredentialAuthenticationView):
    def get_success_url(self):
        from django.urls import reverse

        return self.get_redirect_url() or reverse("wagtailadmin_home")

    def complete_auth(self, device):
        user = super().complete_auth(device)
        self.request.session.cycle_key()
        return user


urlpatterns = (
    [
        path("registration/begin/", BeginRegistration.as_view(), name="credential-registration-begin"),
        path("registration/complete/", CompleteRegistration.as_view(), name="credential-registration-complete"),
        path("authentication/begin/", views.BeginCredentialAuthenticationView.as_view(),
             name="credential-authentication-begin"),
        path("authentication/complete/", CompleteAuthentication.as_view(), name="credential-authentication-complete"),
        path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
    ],
    "otp_webauthn",
)
