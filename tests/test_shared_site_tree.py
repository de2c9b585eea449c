"""The page tree that a module's rolled-back tests share (conftest.py) leaves each test the tree
as it was made: what one test changes, stored or in memory, the next never sees. The tests run
in this file's order, in one process."""

import threading

from solidarity.publishing import factories
from solidarity.publishing.models import HomePage, StandardPage


def test_a_test_renames_the_home_page_and_adds_a_page(site_tree):
    site_tree["home"].title = "Renamed"
    site_tree["home"].save()
    factories.make_standard_page(site_tree["home"], title="Extra", slug="extra")
    site_tree["about"].title = "Changed in memory only"

    assert HomePage.objects.get(pk=site_tree["home"].pk).title == "Renamed"


def test_the_next_test_finds_the_tree_as_it_was_made(site_tree):
    assert site_tree["home"].title == "International Alliance in Support of Workers in Iran"
    assert HomePage.objects.get(pk=site_tree["home"].pk).title == site_tree["home"].title
    assert site_tree["about"].title == "About Us"
    assert not StandardPage.objects.filter(slug="extra").exists()
    assert site_tree["fa_news"].get_parent().specific == site_tree["fa_home"]


def test_a_test_without_the_tree_finds_no_page_of_it(db):
    assert not HomePage.objects.exists()


def test_a_test_on_committed_data_gets_a_tree_that_other_connections_see(committed_db, site_tree):
    seen = []

    def look():
        from django.db import connection

        seen.append(HomePage.objects.filter(pk=site_tree["home"].pk).exists())
        connection.close()

    thread = threading.Thread(target=look)
    thread.start()
    thread.join()
    assert seen == [True]
