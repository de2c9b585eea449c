"""A database of the previous release, with a row in every table of ours, upgrades to this one
and keeps every row.

The previous release is recorded in release.json (the last migration of each app at that
commit, written by `python -m tests.upgrade.record_release <commit>`). In a fresh database of
its own (a file on SQLite, a new database on PostgreSQL) the test migrates to exactly those
migrations, writes one row into every table of the project's apps through the models as they
were then (the migration state, not today's models), with the rows they point to, then runs
`manage.py migrate` as an operator would and checks that every row is still there.
"""

import datetime
import decimal
import itertools
import json
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections, models
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.slow

RELEASE = json.loads((Path(__file__).parent / "release.json").read_text())
ALIAS = "default"


class Filler:
    """One row per model, made through the historical models: every field that needs a value
    gets one of its type (a choice when it has choices), every required link a row of its own."""

    def __init__(self, apps):
        self.apps = apps
        self.made = {}
        self.counter = itertools.count(1)

    def value(self, field):
        n = next(self.counter)
        if field.choices:
            return field.choices[0][0]
        if type(field).__name__ == "StreamField":
            return []
        if isinstance(field, models.EmailField):
            return f"person{n}@example.org"
        if isinstance(field, models.URLField):
            return f"https://example.org/{n}"
        if isinstance(field, models.UUIDField):
            return uuid.uuid4()
        if isinstance(field, models.SlugField):
            return f"slug-{n}"
        if isinstance(field, models.CharField | models.TextField):
            text = f"v{n} همبستگی"
            return text[: field.max_length] if field.max_length else text
        if isinstance(field, models.BooleanField):
            return False
        if isinstance(field, models.DateTimeField):
            return timezone.now()
        if isinstance(field, models.DateField):
            return datetime.date.today()
        if isinstance(field, models.DurationField):
            return datetime.timedelta(minutes=1)
        if isinstance(field, models.DecimalField):
            return decimal.Decimal(1)
        if isinstance(field, models.IntegerField | models.FloatField):
            return 1
        if isinstance(field, models.JSONField):
            return {}
        if isinstance(field, models.BinaryField):
            return b"x"
        if isinstance(field, models.FileField):
            return f"upgrade/{n}.txt"
        raise NotImplementedError(f"{field.model._meta.label}.{field.name}: {type(field).__name__}")

    def row(self, model, chain=()):
        label = model._meta.label
        if label in self.made:
            return self.made[label]
        values = {}
        for field in model._meta.concrete_fields:
            if field.primary_key and (field.auto_created or isinstance(field, models.AutoField)):
                continue
            if field.is_relation:
                if field.null or getattr(field, "parent_link", False) or field.related_model._meta.label in chain:
                    continue
                values[field.name] = self.row(field.related_model, (*chain, label))
            elif not field.null and not field.has_default() and not getattr(field, "auto_now_add", False) \
                    and not getattr(field, "auto_now", False):
                values[field.attname] = self.value(field)
        self.made[label] = model.objects.using(ALIAS).create(**values)
        return self.made[label]


def ours(apps):
    return [model for model in apps.get_models()
            if model.__module__.startswith("__fake__") and model._meta.app_label in PROJECT_APPS
            and model._meta.managed and not model._meta.proxy]


PROJECT_APPS = {"core", "publishing", "contact", "search", "network", "archive", "cases", "campaigns",
                "supporters", "newsletter"}


def upgrade():
    """Run in a process of its own on an empty database (DATABASE_URL): wagtail's own data
    migrations write to the default database, so the upgraded database must be it."""
    import django

    django.setup()
    database = connections[ALIAS]
    targets = [tuple(leaf) for leaf in RELEASE["leaves"]]
    executor = MigrationExecutor(database)
    # An app the previous release did not have starts from nothing.
    targets = [target for target in targets if target in executor.loader.graph.nodes]
    executor.migrate(targets)
    before = executor.loader.project_state(targets).apps
    filler = Filler(before)
    for model in ours(before):
        filler.row(model)
    made = {label: row.pk for label, row in filler.made.items()}
    missing = {model._meta.label for model in ours(before)} - set(made)

    call_command("migrate", verbosity=0, interactive=False)

    after = MigrationExecutor(database)
    left = after.migration_plan(after.loader.graph.leaf_nodes())
    now = after.loader.project_state().apps
    lost = []
    for label, pk in made.items():
        app_label, name = label.split(".")
        try:
            model = now.get_model(app_label, name)
        except LookupError:
            continue  # a model a later migration removed
        if not model.objects.using(ALIAS).filter(pk=pk).exists():
            lost.append(label)
    print(json.dumps({"tables": len(made), "ours": len(ours(before)), "not_filled": sorted(missing),
                      "left_to_apply": [f"{migration.app_label}.{migration.name}" for migration, _backwards in left], "lost": lost}))


@pytest.fixture
def empty_database(django_db_setup, django_db_blocker, tmp_path):
    """The address of an empty database of the test database's kind, dropped afterwards."""
    from tests.processes import database_url

    with django_db_blocker.unblock():
        default = connections["default"]
        if default.vendor == "sqlite":
            yield f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
            return
        name = f"{default.settings_dict['NAME']}_upgrade"[:63]
        with default.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        yield database_url().rsplit("/", 1)[0] + f"/{name}"
        with default.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_filled_database_of_the_previous_release_upgrades_and_keeps_every_row(empty_database):
    import subprocess
    import sys

    from django.conf import settings

    from tests.processes import process_env

    result = subprocess.run(
        [sys.executable, "-c", "from tests.upgrade.test_upgrade_from_previous_release import upgrade; upgrade()"],
        cwd=settings.BASE_DIR, env=process_env(DATABASE_URL=empty_database), capture_output=True, text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["tables"] >= report["ours"] > 30
    assert report["not_filled"] == [] and report["left_to_apply"] == []
    assert report["lost"] == []
