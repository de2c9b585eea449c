import email.policy
import io
import mailbox
import smtplib
from email.message import EmailMessage

import pytest
from PIL import Image
from wagtail.rich_text import RichText

from solidarity.publishing import factories

ONION = "ikof6ir2mmklwawrqdl5c4d4ok73qvp23ptxsalptyf4sespwn7v2hid.onion"
MIRROR = "https://mirror.example.net/solidarity/"
PUBLISHED = "articles@solidarity.example.org"
READER = "reader.in.tehran@mail.example.ir"


class Inbox:
    """A real SMTP server (aiosmtpd) that delivers what it receives into a Maildir, writing the
    envelope sender as Return-Path as a delivering mail server does."""

    def __init__(self, path):
        self.path = str(path)
        self.box = mailbox.Maildir(self.path, create=True)

    async def handle_DATA(self, server, session, envelope):
        self.box.add(f"Return-Path: <{envelope.mail_from}>\r\n".encode() + envelope.original_content)
        return "250 OK"

    def write(self, message=None, *, sender=READER, subject="", body="", raw=None, headers=None):
        """Sends a letter to the published address through the SMTP server."""
        if raw is None:
            message = message or EmailMessage()
            if "From" not in message:
                message["From"] = sender or "Mail Delivery System <MAILER-DAEMON@mail.example.ir>"
            message["To"] = PUBLISHED
            message["Subject"] = subject
            message["Message-ID"] = "<letter-1@mail.example.ir>"
            for name, value in (headers or {}).items():
                message[name] = value
            if not message.is_multipart() and not message.get_payload():
                message.set_content(body)
            raw = message.as_bytes(policy=email.policy.SMTP)
        with smtplib.SMTP("127.0.0.1", self.port, timeout=10) as client:
            client.sendmail(sender, [PUBLISHED], raw)

    def __len__(self):
        return len(mailbox.Maildir(self.path, create=False))


@pytest.fixture
def inbox(tmp_path, settings):
    import socket

    from aiosmtpd.controller import Controller

    inbox = Inbox(tmp_path / "inbox")
    # A free port of the system's choosing: two test runs on one machine must not collide.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        inbox.port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    settings.INBOUND_MAILDIR = inbox.path
    yield inbox
    controller.stop()


@pytest.fixture(autouse=True)
def _published(settings, private_cache):
    settings.MAILREPLY_ADDRESS = PUBLISHED
    settings.ONION_ADDRESS = ONION
    settings.MIRROR_ADDRESSES = [MIRROR]
    settings.MAILREPLY_LIMIT = 5


def picture():
    data = io.BytesIO()
    Image.new("RGB", (800, 500), (179, 38, 30)).save(data, "PNG")
    return factories.make_image(title="Picket", filename="picket.png", content=data.getvalue())


@pytest.fixture
def articles(site_tree):
    older = factories.make_article(site_tree["news"], title="Solidarity message to APTUF", slug="aptuf",
                                   summary="A message to the Asian Conference in Mumbai.",
                                   body=[("paragraph", RichText("<p>We could not send a representative.</p>"))])
    older.date = older.date.replace(year=2008)
    older.save_revision().publish()
    image = picture()
    english = factories.make_article(
        site_tree["news"], title="CUPE Ontario adopts resolution 21 on workers in Iran", slug="cupe-ontario",
        summary="The 49th convention stands with workers in Iran.",
        body=[
            ("heading", "Three commitments"),
            ("paragraph", RichText('<p>CUPE Ontario <b>will</b> campaign with the <a href="https://www.ilo.org/">ILO</a>.</p>')),
            ("quote", {"text": "An injury to one is an injury to all.", "attribution": "Local 4400"}),
            ("list", ["Write to the embassy", "Fund the strikers"]),
            ("image", {"image": image, "caption": "A picket in Toronto", "alt_text": "Workers on a picket line"}),
        ],
    )
    persian = factories.translate(
        english, "fa", title="قطعنامهٔ ۲۱ اتحادیهٔ کارکنان بخش عمومی انتاریو در حمایت از کارگران ایران",
        summary="چهل‌ونهمین همایش در کنار کارگران ایران ایستاد.",
        body=[
            ("heading", "سه تعهد"),
            ("paragraph", RichText('<p>اتحادیه برای آزادی <b>فعالان کارگری زندانی</b> کارزار می‌کند؛ '
                                   '<a href="https://www.ilo.org/">سازمان جهانی کار</a> در جریان است.</p>')),
            ("quote", {"text": "آسیب به یکی، آسیب به همه است.", "attribution": "شاخهٔ ۴۴۰۰"}),
            ("list", ["نامه به سفارت", "کمک مالی به اعتصابیون"]),
            ("image", {"image": image, "caption": "صف اعتصاب در تورنتو", "alt_text": "کارگران در صف اعتصاب"}),
        ],
    )
    return {"en": english, "fa": persian, "older": older, "image": image}
