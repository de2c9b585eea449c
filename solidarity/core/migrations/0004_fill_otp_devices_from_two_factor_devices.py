"""Each staff member's authenticator moves to django-otp as it is, so nobody sets it up again.

The old recovery codes were stored as slow one-way hashes and cannot be carried over: they stop
working, and a staff member who needs new ones asks an administrator (reset_two_factor).
"""

import base64

from django.db import migrations


def fill(apps, schema_editor):
    TwoFactorDevice = apps.get_model("core", "TwoFactorDevice")
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    for old in TwoFactorDevice.objects.all():
        secret = old.secret.upper()
        key = base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()
        TOTPDevice.objects.create(
            user_id=old.user_id, name="authenticator", confirmed=True, key=key,
            # The last code used stays spent.
            last_t=old.last_used_step or -1,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_attempt_counters_and_enrolment_links"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
