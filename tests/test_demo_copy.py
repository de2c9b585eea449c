"""The demo that browser tests share (tests/table_copies.py): the copy put back holds every row a
real load made, and it is put back only over what the migrations made."""

import pytest
from django.contrib.auth.models import User
from django.core import management
from django.db import connection

from solidarity.publishing.models import ArticlePage
from tests.table_copies import DemoCopy, every_row


def as_the_migrations_left_it():
    """What pytest-django runs after a test on committed data (conftest.py's django_db_setup)."""
    from django.test import TransactionTestCase

    TransactionTestCase("runTest")._fixture_teardown()


@pytest.fixture
def demo_copy():
    copy = DemoCopy()
    yield copy
    copy.drop()


@pytest.fixture
def load_demo_runs(monkeypatch):
    runs = []
    call_command = management.call_command

    def counting(name, *args, **kwargs):
        if name == "load_demo":
            runs.append(name)
        return call_command(name, *args, **kwargs)

    monkeypatch.setattr(management, "call_command", counting)
    return runs


def test_the_copy_put_back_for_the_next_test_holds_every_row_the_real_load_made(committed_db, demo_copy, load_demo_runs):
    demo_copy.load()
    loaded = every_row(connection)
    assert ArticlePage.objects.filter(locale__language_code="fa").exists()
    as_the_migrations_left_it()
    assert not ArticlePage.objects.exists()

    demo_copy.load()

    assert load_demo_runs == ["load_demo"]
    assert every_row(connection) == loaded


def test_a_test_that_stored_a_row_before_asking_for_the_demo_keeps_it_and_gets_a_real_load(
    committed_db, demo_copy, load_demo_runs
):
    demo_copy.load()
    as_the_migrations_left_it()
    User.objects.create_user("before-the-demo")

    demo_copy.load()

    assert load_demo_runs == ["load_demo", "load_demo"]
    assert User.objects.filter(username="before-the-demo").exists()
    assert ArticlePage.objects.filter(locale__language_code="fa").exists()


def test_a_test_served_at_another_address_gets_a_real_load(committed_db, demo_copy, load_demo_runs, settings):
    from wagtail.models import Site

    demo_copy.load()
    as_the_migrations_left_it()
    settings.SITE_URL = "http://127.0.0.1:8123"

    demo_copy.load()

    assert load_demo_runs == ["load_demo", "load_demo"]
    assert Site.objects.get(is_default_site=True).port == 8123
