import imaplib
import mailbox

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from solidarity.mailreply import services, tasks


class Command(BaseCommand):
    help = (
        "Answer the letters waiting in the articles-by-e-mail mailbox (INBOUND_MAILDIR or INBOUND_IMAP_URL): "
        "each reader gets the article asked for, or the help message; bounces, automatic replies and "
        "mailing lists are never answered. Answered letters are deleted. Run it every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Leave the round to the worker (a task) instead.")

    def handle(self, queue=False, **options):
        if not (settings.INBOUND_MAILDIR or settings.INBOUND_IMAP_URL):
            raise CommandError("Set INBOUND_MAILDIR or INBOUND_IMAP_URL: there is no mailbox to read.")
        if not settings.MAILREPLY_ADDRESS:
            raise CommandError("Set MAILREPLY_ADDRESS, the address readers write to (replies come from it).")
        if queue:
            tasks.answer_mail_requests.enqueue()
            self.stdout.write("queued")
            return
        try:
            counts = services.answer_letters(maildir=settings.INBOUND_MAILDIR, imap_url=settings.INBOUND_IMAP_URL)
        except (OSError, mailbox.Error, imaplib.IMAP4.error) as error:
            raise CommandError(f"Cannot read the mailbox: {error}") from error
        self.stdout.write(", ".join(f"{name} {number}" for name, number in sorted(counts.items())) or "no letters")
