import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AttemptCounter(models.Model):
    """How many checks of a secret one key (an account, an address) has had since its window
    started (Unix seconds). Taken with one conditional UPDATE before the secret is checked
    (core.login), so simultaneous guesses cannot pass the limit together."""

    key = models.CharField(max_length=100, unique=True)
    started_at = models.BigIntegerField(default=0)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("attempt counter")
        verbose_name_plural = _("attempt counters")

    def __str__(self):
        return self.key


def _token_hash(token):
    # The token is 256 random bits: a plain hash is enough to keep a stolen table useless.
    return hashlib.sha256(token.encode()).hexdigest()


class EnrolmentLinkQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class EnrolmentLink(models.Model):
    """A one-time link that lets a signed-in staff member set up an authenticator.

    The password alone never does: the link goes to the account's e-mail address (or an
    administrator hands it over), works once, in a session signed in as that staff member, and
    expires after settings.TWO_FACTOR_ENROLMENT_MINUTES. Only the token's hash is stored.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_links", verbose_name=_("user")
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = EnrolmentLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment link")
        verbose_name_plural = _("enrolment links")

    def __str__(self):
        return str(self.user)

    @classmethod
    def issue(cls, user, *, minutes=None):
        """A new link for `user`; returns the token (shown or e-mailed once, never stored)."""
        minutes = settings.TWO_FACTOR_ENROLMENT_MINUTES if minutes is None else minutes
        token = secrets.token_urlsafe(32)
        cls.objects.create(user=user, token_hash=_token_hash(token), expires_at=timezone.now() + timedelta(minutes=minutes))
        return token

    @classmethod
    def redeem(cls, token, *, user):
        """True once for a valid, unused, unexpired token of `user` (a conditional update, so two
        clicks cannot both redeem it)."""
        return bool(
            cls.objects.usable().filter(token_hash=_token_hash(token or ""), user=user).update(used_at=timezone.now())
        )
