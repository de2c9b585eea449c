from functools import partial

import pytest

from solidarity.supporters import services
from solidarity.supporters.models import MailingList, Subscriber
from tests.messages import html_part, links_in, path_of, text_part  # noqa: F401 (for the tests here)


@pytest.fixture(autouse=True)
def _own_cache(private_cache):
    """Rate-limit counters start at zero in every test."""


@pytest.fixture(autouse=True)
def _english_until_told():
    """A request to a /fa/ page leaves Persian active in the test's thread; start each test in
    English, as a worker or command would."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Runs what waits for the commit (e-mails) at the end of the block, as a real commit would."""
    return partial(django_capture_on_commit_callbacks, execute=True)


def committing_client(client, committing):
    """Each request's on-commit work (the e-mail task) runs as it would after a real commit."""
    for method in ("get", "post"):
        original = getattr(client, method)

        def call(*args, _original=original, **kwargs):
            with committing():
                return _original(*args, **kwargs)

        setattr(client, method, call)
    return client


@pytest.fixture
def client(client, committing):
    return committing_client(client, committing)


@pytest.fixture
def new_client(committing):
    """Another browser, with no cookies of its own."""
    from django.test import Client

    return lambda **kwargs: committing_client(Client(**kwargs), committing)


@pytest.fixture
def lists(db):
    """The lists every installation starts with (made by a data migration)."""
    return {mailing_list.slug: mailing_list for mailing_list in MailingList.objects.all()}


def make_active(email="ali@example.org", *, language="en", name="Ali", lists=()):
    subscriber = Subscriber.objects.create(email=email, name=name, language=language)
    subscriber.set_status(Subscriber.Status.ACTIVE)
    services._add_to_lists(subscriber, lists)
    return subscriber


def signup_data(lists, /, **overrides):
    return {
        "email": "Jane.Worker@Union.example",
        "name": "Jane Worker",
        "language": "en",
        "lists": [lists["newsletter-en"].pk, lists["urgent-actions"].pk],
        "website": "",
        **overrides,
    }
