"""Mailbox keys now fold +tags (and Gmail's dots) for every provider that ignores them, as
signatures always did (core/mailboxes.py). A key that would now be another subscriber's is
left as it was: staff see both rows and may merge them."""

from django.db import migrations

from solidarity.core.mailboxes import mailbox_key


def fold_keys(apps, schema_editor):
    for model_name in ("Subscriber", "Suppression"):
        model = apps.get_model("supporters", model_name)
        taken = set(model.objects.values_list("email_key", flat=True))
        for pk, key in model.objects.exclude(email_key__startswith="sha256:").values_list("pk", "email_key").iterator():
            new = mailbox_key(key)
            if new != key and new not in taken:
                model.objects.filter(pk=pk).update(email_key=new)
                taken.discard(key)
                taken.add(new)


class Migration(migrations.Migration):
    dependencies = [("supporters", "0004_mail_failures")]

    operations = [migrations.RunPython(fold_keys, migrations.RunPython.noop, elidable=True)]
