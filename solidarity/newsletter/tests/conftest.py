import datetime

import pytest

from solidarity.newsletter import services
from solidarity.newsletter.models import Issue
from solidarity.supporters.models import MailingList, Subscriber, Subscription, Suppression
from tests.messages import html_part, text_part  # noqa: F401 (for the tests here)


@pytest.fixture(autouse=True)
def _newsletter_settings(settings, private_cache):
    settings.SITE_URL = "https://solidarity.example"
    settings.NEWSLETTER_FROM_EMAIL = "Alliance newsletter <newsletter@solidarity.example>"
    settings.NEWSLETTER_SMTP_SERVERS = None
    settings.NEWSLETTER_BATCH_SIZE = 4


def make_list(slug="newsletter-en", *, language="en"):
    mailing_list, _created = MailingList.objects.get_or_create(slug=slug, defaults={
        "name_en": slug.replace("-", " ").title(), "name_fa": "خبرنامه", "kind": MailingList.Kind.TOPIC,
        "language": language})
    return mailing_list


def make_subscriber(email, *, language="en", name="", lists=(), status=Subscriber.Status.ACTIVE):
    subscriber = Subscriber.objects.create(email=email, name=name, language=language, status=status)
    for mailing_list in lists:
        Subscription.objects.create(subscriber=subscriber, mailing_list=mailing_list)
    return subscriber


def suppress(email, reason=Suppression.Reason.UNSUBSCRIBED):
    return Suppression.objects.create(email_key=email, reason=reason)


def make_issue(*, language="en", volume=3, number=7, introduction="<p>Welcome to this issue.</p>", items=()):
    issue = Issue.objects.create(language=language, volume=volume, number=number,
                                 date=datetime.date(2026, 11, 1), introduction=introduction)
    for item in items:
        services.add_item(issue=issue, **item)
    return issue


def make_pair():
    """The same issue in English and Persian, linked."""
    en = make_issue(items=[
        {"heading": "Renewed campaign for jailed activists", "text": "<p>Write to the judiciary.</p>"},
        {"heading": "A speech at the Haft Tappeh rally", "text": "<p>Words of the syndicate.</p>"},
    ])
    fa = make_issue(language="fa", introduction="<p>به این شماره خوش آمدید.</p>", items=[
        {"heading": "کارزار دوباره برای فعالان زندانی", "text": "<p>به قوه قضاییه بنویسید.</p>"},
    ])
    en.counterpart = fa
    en.save(update_fields=["counterpart"])
    fa.refresh_from_db()
    return en, fa


def run_send(send, **kwargs):
    """Start a send and process all of it in this thread, as a worker would."""
    send = services.start_send(send=send, enqueue=False)
    return services.process_send(send=send, **kwargs)


@pytest.fixture
def second_smtp_server(settings):
    from tests.mailserver import LocalSMTPServer

    server = LocalSMTPServer()
    server.up()
    yield server
    server.down()
