"""A reader writes to the published address; `manage.py answer_mail` reads the Maildir the mail
server delivered into and answers through the real SMTP server."""

import logging
import re
from email.message import EmailMessage
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from .conftest import MIRROR, ONION, PUBLISHED, READER


def answer():
    out = StringIO()
    call_command("answer_mail", stdout=out)
    return out.getvalue().strip()


def subject(reply):
    return str(reply["Subject"]).strip()


def parts(reply):
    html = reply.get_body(("html",)).get_content()
    text = reply.get_body(("plain",)).get_content()
    return html, text


def links(html):
    return re.findall(r'href="([^"]+)"', html)


def test_latest_in_english_brings_the_newest_article_in_the_body(inbox, articles, smtp_server):
    inbox.write(subject="latest")

    assert answer() == "article 1"

    [reply] = smtp_server.messages
    assert reply["To"] == READER and reply["From"].endswith(f"<{PUBLISHED}>")
    assert subject(reply) == "CUPE Ontario adopts resolution 21 on workers in Iran"
    assert reply["Auto-Submitted"] == "auto-replied"
    assert reply["In-Reply-To"] == "<letter-1@mail.example.ir>"
    html, text = parts(reply)
    assert '<html lang="en" dir="ltr">' in html
    assert "An injury to one is an injury to all." in html and "Fund the strikers" in html
    assert "CUPE Ontario will campaign with the ILO." in text
    assert f"Article {articles['en'].pk}" in text
    assert f"{articles['older'].pk} — Solidarity message to APTUF" in text
    # Links only to the onion and the mirrors: the ILO's link keeps its words, loses its address.
    assert links(html) == [f"http://{ONION}/en/news/cupe-ontario/", f"{MIRROR}en/news/cupe-ontario/index.html"]
    assert "ilo.org" not in html + text and "localhost" not in html + text
    assert len(inbox) == 0


def test_the_picture_travels_inside_the_message(inbox, articles, smtp_server):
    inbox.write(subject=str(articles["en"].pk))
    answer()

    [reply] = smtp_server.messages
    assert reply.get_content_type() == "multipart/related"
    [picture] = [part for part in reply.walk() if part.get_content_type() == "image/jpeg"]
    html, _text = parts(reply)
    assert f'src="cid:{picture["Content-ID"].strip("<>")}"' in html
    assert len(picture.get_content()) < 150_000


def test_pictures_over_the_budget_are_left_out(inbox, articles, smtp_server, settings):
    settings.MAILREPLY_IMAGE_BYTES = 100
    inbox.write(subject=str(articles["en"].pk))
    answer()

    [reply] = smtp_server.messages
    html, text = parts(reply)
    assert reply.get_content_type() == "multipart/alternative" and "cid:" not in html
    assert "[A picket in Toronto]" in text and "One picture was left out" in text


def test_a_persian_word_brings_the_persian_article_right_to_left(inbox, articles, smtp_server):
    inbox.write(subject="", body="سلام\nلطفاً خبر اعتصاب را بفرستید")

    answer()

    [reply] = smtp_server.messages
    assert subject(reply) == articles["fa"].title
    html, text = parts(reply)
    assert '<html lang="fa" dir="rtl">' in html and "text-align:right" in html
    assert "آسیب به یکی، آسیب به همه است." in html
    assert f"مقالهٔ شمارهٔ {''.join('۰۱۲۳۴۵۶۷۸۹'[int(d)] for d in str(articles['fa'].pk))}" in text
    assert "اگر وب‌سایت ما جایی که هستید مسدود است" in text
    assert links(html) == [f"http://{ONION}/fa/news/cupe-ontario/", f"{MIRROR}fa/news/cupe-ontario/index.html"]


def test_persian_latest_in_persian_digits_and_an_address_from_a_mirror(inbox, articles, smtp_server):
    inbox.write(subject="آخرین")
    inbox.write(subject=f"{MIRROR}en/news/cupe-ontario/index.html")
    number = "".join("۰۱۲۳۴۵۶۷۸۹"[int(d)] for d in str(articles["older"].pk))
    inbox.write(subject=f"مقاله {number}")

    answer()

    subjects = sorted(subject(reply) for reply in smtp_server.messages)
    assert subjects == sorted([articles["fa"].title, articles["en"].title, "Solidarity message to APTUF"])


def test_an_unknown_request_gets_the_help_in_both_languages(inbox, articles, smtp_server):
    inbox.write(subject="xqzv wvvb")

    assert answer() == "not found 1"

    [reply] = smtp_server.messages
    assert subject(reply) == "How to get our articles by e-mail / راهنمای دریافت مقاله‌های ما با ایمیل"
    html, text = parts(reply)
    assert "We found no article for “xqzv wvvb”." in text
    assert "برای «xqzv wvvb» مقاله‌ای پیدا نکردیم." in text
    assert "آخرین" in text and "latest" in text
    assert '<div lang="fa" dir="rtl"' in html and '<div lang="en" dir="ltr"' in html
    assert links(html) == [f"http://{ONION}/", f"{MIRROR}index.html"] * 2


def test_an_empty_letter_in_persian_gets_the_help_persian_first(inbox, articles, smtp_server):
    inbox.write(subject="راهنما")

    assert answer() == "help 1"

    [reply] = smtp_server.messages
    assert subject(reply).startswith("راهنمای دریافت")
    html, _text = parts(reply)
    assert html.index('lang="fa"', 30) < html.index('<div lang="en"')


@pytest.mark.parametrize("headers, sender, outcome", [
    ({}, "", "bounce"),  # an empty envelope sender: a delivery report
    ({"Auto-Submitted": "auto-replied"}, READER, "automatic"),
    ({"X-Autoreply": "yes"}, READER, "automatic"),
    ({"Precedence": "bulk"}, READER, "automatic"),
    ({"List-Id": "<workers.lists.example.org>"}, READER, "list"),
    ({"Precedence": "list"}, READER, "list"),
    ({}, "MAILER-DAEMON@mail.example.ir", "bounce"),
    ({"Subject-Override": "Automatic reply: latest"}, READER, "automatic"),
])
def test_bounces_automatic_replies_and_lists_are_never_answered(inbox, articles, smtp_server, headers, sender, outcome):
    subject = headers.pop("Subject-Override", "latest")
    inbox.write(subject=subject, sender=sender, headers=headers)

    assert answer() == f"{outcome} 1"

    assert smtp_server.messages == []
    assert len(inbox) == 0


@pytest.mark.parametrize("headers, outcome", [
    ({"Authentication-Results": "mx.solidarity.example.org; spf=fail smtp.mailfrom=mail.example.ir; dkim=none; "
                                "dmarc=fail (p=none) header.from=mail.example.ir"}, "forged 1"),
    ({"Authentication-Results": "mx.solidarity.example.org; spf=softfail smtp.mailfrom=gmail.com; "
                                "dmarc=fail (p=none dis=none) header.from=gmail.com"}, "forged 1"),
    ({"Received-SPF": "Fail (mailfrom) identity=mailfrom; client-ip=203.0.113.9; envelope-from=x@mail.example.ir"},
     "forged 1"),
    ({"Authentication-Results": "mx.solidarity.example.org; spf=pass smtp.mailfrom=mail.example.ir; "
                                "dkim=pass header.d=mail.example.ir; dmarc=pass header.from=mail.example.ir"},
     "article 1"),
])
def test_nobody_can_have_us_mail_an_article_to_a_stranger_whose_address_they_forged(inbox, articles, smtp_server,
                                                                                   headers, outcome):
    inbox.write(subject="latest", headers=headers)

    assert answer() == outcome
    assert len(smtp_server.messages) == (1 if outcome.startswith("article") else 0)
    assert len(inbox) == 0


def test_a_delivery_report_to_a_reply_is_not_answered(inbox, articles, smtp_server):
    report = EmailMessage()
    report["From"] = "Mail Delivery System <mailer-daemon@mail.example.ir>"
    report.set_content("Your message could not be delivered.")
    report.add_attachment("Action: failed\nStatus: 5.1.1\n", subtype="delivery-status")
    report.replace_header("Content-Type", 'multipart/report; report-type=delivery-status; boundary="b"')
    inbox.write(report, sender="", subject="Undelivered Mail Returned to Sender")

    assert answer() == "bounce 1"
    assert smtp_server.messages == []


def test_a_reader_gets_at_most_the_limit_of_replies(inbox, articles, smtp_server, settings):
    settings.MAILREPLY_LIMIT = 2
    for _ in range(4):
        inbox.write(subject="latest")
    inbox.write(subject="latest", sender="another.reader@mail.example.ir")

    assert answer() == "article 3, limited 2"

    assert sorted(reply["To"] for reply in smtp_server.messages) == [
        "another.reader@mail.example.ir", READER, READER]
    assert len(inbox) == 0


def test_nobody_floods_one_gmail_mailbox_past_the_limit_by_spelling_it_other_ways(inbox, articles, smtp_server,
                                                                                  settings):
    # Gmail delivers each of these to the same mailbox: a forged sender could bury it in replies.
    settings.MAILREPLY_LIMIT = 2
    for sender in ("victim@gmail.com", "v.ictim@gmail.com", "victim+1@gmail.com", "Victim+2@googlemail.com"):
        inbox.write(subject="latest", sender=sender)

    assert answer() == "article 2, limited 2"
    assert len(smtp_server.messages) == 2


def test_a_huge_or_garbled_letter_is_read_safely(inbox, articles, smtp_server):
    inbox.write(subject="latest", body=("x" * 70 + "\n") * 40_000)
    inbox.write(raw=b"\xff\xfe\x00garbage\r\n\r\n\x00\x01" * 1000, sender=READER)
    inbox.write(raw=b"Subject: =?utf-8?b?!!!not-base64?=\r\nFrom: <" + READER.encode()
                + b">\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\xd8\xa2\xd8\xae\xd8\xb1\xdb\x8c\xd9\x86\r\n",
                sender=READER)

    outcome = answer()

    # The garbage gets the help; the broken subject is passed over for the body's "آخرین".
    assert outcome == "article 2, not found 1"
    assert len(smtp_server.messages) == 3
    assert len(inbox) == 0


def test_a_letter_in_the_wrong_encoding_is_still_understood(inbox, articles, smtp_server):
    # Persian typed as UTF-8 but labelled Latin-1, then as Windows-1256 without a label.
    for charset, data in (("iso-8859-1", "آخرین".encode()), ("us-ascii", "آخرين".encode("cp1256")),
                          ("x-no-such-charset", b"latest")):
        inbox.write(raw=(f"From: <{READER}>\r\nSubject: \r\nMIME-Version: 1.0\r\n"
                         f"Content-Type: text/plain; charset={charset}\r\n"
                         "Content-Transfer-Encoding: 8bit\r\n\r\n").encode() + data + b"\r\n")

    assert answer() == "article 3"

    assert sorted(subject(reply) for reply in smtp_server.messages) == sorted([articles["fa"].title] * 2 + [articles["en"].title])


def test_the_readers_address_is_kept_nowhere(inbox, articles, smtp_server, private_cache, caplog):
    caplog.set_level(logging.DEBUG)
    inbox.write(subject="latest")
    inbox.write(subject="nothing matches this")

    answer()

    assert len(smtp_server.messages) == 2 and len(inbox) == 0
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the database itself
            assert READER not in repr(cursor.fetchall()), table
    from pathlib import Path

    for path in Path(private_cache).rglob("*"):
        if path.is_file():
            assert READER.encode() not in path.read_bytes()
            assert READER.split("@")[0].encode() not in path.read_bytes()
    assert not [record for record in caplog.records
                if record.name.startswith("solidarity") and READER.split("@")[0] in record.getMessage()]


def test_a_mail_server_that_is_down_leaves_the_letters_for_the_next_run(inbox, articles, smtp_server):
    inbox.write(subject="latest")
    smtp_server.down()

    assert answer() == "held 1"
    assert len(inbox) == 1

    smtp_server.up()
    assert answer() == "article 1"
    assert len(inbox) == 0


def test_the_worker_can_do_the_round(inbox, articles, smtp_server):
    inbox.write(subject="latest")

    call_command("answer_mail", "--queue", stdout=StringIO())  # tests run tasks at once

    assert [subject(reply) for reply in smtp_server.messages] == [articles["en"].title]
    assert len(inbox) == 0


def test_without_a_mailbox_the_command_says_what_to_set(settings):
    settings.INBOUND_MAILDIR = settings.INBOUND_IMAP_URL = ""

    with pytest.raises(CommandError, match="INBOUND_MAILDIR or INBOUND_IMAP_URL"):
        call_command("answer_mail")
