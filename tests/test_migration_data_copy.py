"""A test on committed data starts from the database as the migrations left it and leaves it so
for the tests after it, whatever it removed or added (conftest.py's django_db_setup puts back its
copy of every table, tests/table_copies.py)."""

import pytest
from django.db import connection

from tests.table_copies import every_row


@pytest.fixture(scope="module")
def as_migrated(django_db_setup, django_db_blocker):
    """Every row, as the module starts: as the migrations left it."""
    with django_db_blocker.unblock():
        rows = every_row(connection)
    assert rows["auth_group"] and rows["wagtailcore_site"] and rows["wagtailcore_page"]
    return rows


def remove_and_add():
    from django.contrib.auth.models import Group, User
    from wagtail.models import Site

    Group.objects.all().delete()
    Site.objects.all().delete()
    User.objects.create_user("left-behind")


def test_the_end_of_a_test_on_committed_data_puts_back_every_row_the_migrations_made(as_migrated, committed_db):
    from django.test import TransactionTestCase

    remove_and_add()
    assert every_row(connection) != as_migrated
    # What pytest-django runs after such a test (TransactionTestCase._post_teardown).
    TransactionTestCase("runTest")._fixture_teardown()
    assert every_row(connection) == as_migrated


def test_a_test_on_committed_data_removes_what_the_migrations_made_and_adds_its_own(as_migrated, committed_db):
    remove_and_add()
    assert every_row(connection) != as_migrated


def test_the_next_test_on_committed_data_starts_from_every_row_the_migrations_made(as_migrated, committed_db):
    assert every_row(connection) == as_migrated
