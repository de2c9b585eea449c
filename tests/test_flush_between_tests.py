"""A test on committed data ends with a flush (on PostgreSQL, tests/postgresql_backend deletes
the rows instead of truncating): it leaves the next test no row of its own."""

from django.core.management import call_command
from wagtail.models import Locale, Page, Revision, Site


def test_a_flush_empties_every_table_that_a_page_tree_filled(committed_db, site_tree, make_staff):
    make_staff("editor", "Editors")

    # As TransactionTestCase flushes: sequences keep counting (the restored rows carry their ids).
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True, reset_sequences=False)

    from django.contrib.auth.models import Group, User

    assert [model.objects.count() for model in (Page, Revision, Site, Locale, User, Group)] == [0] * 6
