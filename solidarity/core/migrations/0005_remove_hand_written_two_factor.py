from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_fill_otp_devices_from_two_factor_devices"),
    ]

    operations = [
        migrations.RemoveField(model_name="twofactordevice", name="user"),
        migrations.DeleteModel(name="RecoveryCode"),
        migrations.DeleteModel(name="TwoFactorDevice"),
    ]
