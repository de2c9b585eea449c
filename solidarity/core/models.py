from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from . import totp

RECOVERY_CODE_COUNT = 10


class TwoFactorDevice(models.Model):
    """A staff member's authenticator app: the shared secret and the last code used."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor_device", verbose_name=_("user")
    )
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    # A code is accepted once: a code seen over someone's shoulder is already spent.
    last_used_step = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("two-factor device")
        verbose_name_plural = _("two-factor devices")

    def __str__(self):
        return str(self.user)

    def verify(self, code, *, now=None):
        step = totp.matching_step(self.secret, code, now=now)
        if step is None:
            return False
        # Conditional update: two requests with the same code cannot both pass.
        used = TwoFactorDevice.objects.filter(pk=self.pk, last_used_step__lt=step).update(last_used_step=step)
        if used:
            self.last_used_step = step
        return bool(used)

    def use_recovery_code(self, code):
        code = (code or "").strip().lower().replace(" ", "").replace("-", "")
        if not code:
            return False
        with transaction.atomic():
            for recovery in self.user.recovery_codes.select_for_update().filter(used_at__isnull=True):
                if check_password(code, recovery.code_hash):
                    recovery.used_at = timezone.now()
                    recovery.save(update_fields=["used_at"])
                    return True
        return False

    def new_recovery_codes(self):
        """Replaces the recovery codes; returns them in clear, to be shown once."""
        codes = [get_random_string(10, "abcdefghjkmnpqrstuvwxyz23456789") for _ in range(RECOVERY_CODE_COUNT)]
        with transaction.atomic():
            self.user.recovery_codes.all().delete()
            RecoveryCode.objects.bulk_create(RecoveryCode(user=self.user, code_hash=make_password(code)) for code in codes)
        return [f"{code[:5]}-{code[5:]}" for code in codes]


class RecoveryCode(models.Model):
    """A one-time code for a staff member who has lost their authenticator (stored hashed)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=256)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self):
        return f"{self.user} ({'used' if self.used_at else 'unused'})"
