"""On PostgreSQL, a GIN index on the search vector the database backend actually queries.

Wagtail's backend matches `(title || body) @@ query`; its own GIN indexes are on title and
body separately, which PostgreSQL cannot use for that expression, so every search read the
whole index table. Nothing to do on SQLite, where FTS5 is the index.
"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON "{table}" USING GIN (("title" || "body"))')


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index)]
