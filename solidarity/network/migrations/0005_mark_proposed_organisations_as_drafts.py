from django.db import migrations

# What the archive import wrote in a proposed organisation's private notes before drafts existed.
PROPOSED = "Proposed by the archive import"


def mark_drafts(apps, schema_editor):
    Organisation = apps.get_model("network", "Organisation")
    Organisation.objects.filter(notes__startswith=PROPOSED).update(draft=True)


class Migration(migrations.Migration):
    dependencies = [("network", "0004_draft_records")]

    operations = [migrations.RunPython(mark_drafts, migrations.RunPython.noop)]
