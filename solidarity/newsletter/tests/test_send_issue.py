"""An issue sent to lists through a real SMTP server: what each reader receives."""

import re

from solidarity.newsletter import services
from solidarity.newsletter.models import Delivery, Issue, Send

from .conftest import html_part, make_list, make_pair, make_subscriber, run_send, text_part


def by_recipient(smtp_server):
    return {envelope.rcpt_tos[0]: mail for envelope, mail in zip(smtp_server.envelopes, smtp_server.messages, strict=True)}


def test_each_reader_gets_the_issue_in_their_language_with_their_own_links(db, smtp_server):
    en, _fa = make_pair()
    newsletter = make_list()
    ali = make_subscriber("ali@example.org", name="Ali", lists=[newsletter])
    sara = make_subscriber("sara@example.org", name="سارا", language="fa", lists=[newsletter])
    send = services.create_send(issue=en, lists=[newsletter])

    result = run_send(send)

    assert result.sent == 2
    mails = by_recipient(smtp_server)
    english, persian = mails["ali@example.org"], mails["sara@example.org"]
    assert english["Subject"] == "Workers' Struggles in Iran \u2014 Volume 3, Number 7"
    assert english["Content-Language"] == "en"
    assert persian["Content-Language"] == "fa"
    assert "مبارزات کارگران در ایران" in persian["Subject"]
    assert "Renewed campaign for jailed activists" in text_part(english)
    assert "In this issue" in text_part(english)
    assert "کارزار دوباره برای فعالان زندانی" in text_part(persian)
    assert 'dir="rtl"' in html_part(persian)
    assert 'dir="ltr"' in html_part(english)
    for subscriber, mail in ((ali, english), (sara, persian)):
        assert mail["List-Unsubscribe"] == f"<https://solidarity.example/{subscriber.language}/newsletter/unsubscribe/{subscriber.token}/>"
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert mail["List-Id"].endswith(f"<newsletter-{subscriber.language}.solidarity.example>")
        assert subscriber.token in text_part(mail)
        assert subscriber.token in html_part(mail)
        assert re.fullmatch(r"<newsletter\.\d+\.\d+\.[0-9a-f]{16}@solidarity\.example>", mail["Message-ID"])
    assert persian["To"] == "سارا <sara@example.org>"
    assert ali.token not in text_part(persian)


def test_every_delivery_is_recorded_as_sent_with_the_message_id_the_reader_received(db, smtp_server):
    en, _fa = make_pair()
    newsletter = make_list()
    for number in range(10):
        make_subscriber(f"reader{number}@example.org", lists=[newsletter])
    send = services.create_send(issue=en, lists=[newsletter])

    run_send(send)

    send.refresh_from_db()
    assert send.status == Send.Status.SENT
    assert send.finished_at is not None
    assert Issue.objects.get(pk=en.pk).status == Issue.Status.SENT
    received = {mail["Message-ID"] for mail in smtp_server.messages}
    stored = set(Delivery.objects.filter(state=Delivery.State.SENT).values_list("message_id", flat=True))
    assert len(received) == 10
    assert received == stored
    assert send.progress()["sent"] == 10
    assert send.progress()["remaining"] == 0


def test_the_message_has_no_tracking_pixel_and_fetches_nothing(db, smtp_server):
    en, _fa = make_pair()
    newsletter = make_list()
    make_subscriber("ali@example.org", lists=[newsletter])

    run_send(services.create_send(issue=en, lists=[newsletter]))

    html = html_part(smtp_server.messages[0])
    assert "<img" not in html
    assert "<link" not in html
    assert "<script" not in html
    assert "url(" not in html


def test_the_subject_is_plain_text_on_one_line_in_both_languages(db, smtp_server):
    newsletter = make_list()
    make_subscriber("ali@example.org", lists=[newsletter])
    make_subscriber("sara@example.org", language="fa", lists=[newsletter])
    en, fa = make_pair()
    Issue.objects.filter(pk=en.pk).update(title="<Workers'> & \"Unions\"\r\nBcc: all@example.org")
    Issue.objects.filter(pk=fa.pk).update(title="کارگران <ایران> و «سندیکا»\u202e")
    en.refresh_from_db()

    run_send(services.create_send(issue=en, lists=[newsletter]))

    mails = by_recipient(smtp_server)
    assert mails["ali@example.org"]["Subject"] == (
        "<Workers'> & \"Unions\" Bcc: all@example.org \u2014 Volume 3, Number 7")
    assert mails["sara@example.org"]["Subject"].startswith("کارگران <ایران> و «سندیکا» \u2014")
    assert "Bcc" not in mails["ali@example.org"]
