from django.db import migrations


def fill_year(apps, schema_editor):
    Resolution = apps.get_model("network", "Resolution")
    for resolution in Resolution.objects.only("pk", "date").iterator():
        Resolution.objects.filter(pk=resolution.pk).update(year=resolution.date.year)


class Migration(migrations.Migration):
    dependencies = [("network", "0002_resolution_year")]

    operations = [migrations.RunPython(fill_year, migrations.RunPython.noop)]
