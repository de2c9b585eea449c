import functools
import logging

import pytest
from django.db import transaction

from solidarity.core.transactions import after_commit


def refuse(**kwargs):
    raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def test_work_after_the_commit_that_fails_is_logged_by_name_and_the_rest_still_runs(
        db, django_capture_on_commit_callbacks, caplog):
    done = []
    with caplog.at_level(logging.ERROR, logger="django.db.backends.base"), \
            django_capture_on_commit_callbacks(execute=True):
        after_commit(refuse, message_id=7)
        after_commit(done.append, "the next task queued")

    assert done == ["the next task queued"]
    assert "Error calling refuse in on_commit()" in caplog.text


def test_work_after_the_commit_gets_its_arguments(db, django_capture_on_commit_callbacks):
    calls = []
    with django_capture_on_commit_callbacks(execute=True):
        after_commit(lambda *args, **kwargs: calls.append((args, kwargs)), 1, shard=2)
    assert calls == [((1,), {"shard": 2})]


def test_a_partial_given_to_djangos_robust_on_commit_is_what_broke(db, django_capture_on_commit_callbacks):
    # Why after_commit exists: with Django 5.2 this raises instead of logging.
    with pytest.raises(AttributeError), django_capture_on_commit_callbacks(execute=True):
        transaction.on_commit(functools.partial(refuse, message_id=7), robust=True)


def test_a_callable_without_a_name_is_logged_by_what_it_is(db, django_capture_on_commit_callbacks, caplog):
    done = []
    with caplog.at_level(logging.ERROR, logger="django.db.backends.base"), \
            django_capture_on_commit_callbacks(execute=True):
        after_commit(functools.partial(refuse, message_id=7))
        after_commit(done.append, "the next task queued")

    assert done == ["the next task queued"]
    assert "Error calling functools.partial(<function refuse" in caplog.text
