"""The shared page tree's transaction (conftest.py) is gone before the fixtures of its module
and of the session are torn down: the session ends with a flush, which PostgreSQL refuses inside
a transaction that still holds the tree's deferred checks."""

import pytest


@pytest.fixture(scope="module")
def no_transaction_left_open_at_module_end(django_db_blocker):
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        assert not connection.in_atomic_block


pytestmark = pytest.mark.usefixtures("no_transaction_left_open_at_module_end")


def test_the_last_test_of_a_module_uses_the_shared_tree(site_tree):
    assert site_tree["home"].live
