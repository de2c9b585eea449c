import mailbox
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from solidarity.core.mailboxes import mailbox_key
from solidarity.supporters import bounces, services
from solidarity.supporters.models import Subscriber


class Command(BaseCommand):
    help = (
        "Read bounce and complaint reports (RFC 3464 delivery status notifications, RFC 5965 "
        "ARF reports) from a Maildir or an mbox: hard bounces and complaints stop mail to the "
        "address, soft bounces count towards SUPPORTERS_SOFT_BOUNCE_LIMIT. Reading the same "
        "report twice changes nothing. Messages with the subject \"unsubscribe <token>\" (sent to the "
        "List-Unsubscribe mailto: address) unsubscribe that person."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A Maildir (directory) or an mbox (file).")
        parser.add_argument("--remove", action="store_true",
                            help="Delete each message from the mailbox once it has been dealt with.")

    def handle(self, path, remove=False, **options):
        counts = Counter()
        try:
            messages = bounces.read_mailbox(path)
            for raw, discard in messages:
                counts["messages"] += 1
                outcome = bounces.parse(raw)
                if outcome.ignored:
                    counts[outcome.ignored] += 1
                if outcome.unsubscribe_token:
                    counts["unsubscribe requests"] += self._unsubscribe(outcome.unsubscribe_token)
                for report in outcome.reports:
                    address = self._address(report)
                    if not address:
                        counts["unknown recipient"] += 1
                        continue
                    recorded = services.record_bounce(
                        email=address, kind=report.kind, status_code=report.status_code,
                        diagnostic=report.diagnostic, message_id=report.message_id, report_id=report.report_id,
                    )
                    counts[report.kind if recorded else "seen before"] += 1
                if remove:
                    discard()
        except (FileNotFoundError, NotADirectoryError, mailbox.Error) as error:
            raise CommandError(f"Cannot read the mailbox {path}: {error}") from error
        summary = ", ".join(f"{name} {counts[name]}" for name in (
            "messages", "hard", "soft", "complaint", "seen before", "not a report", "nothing to act on",
            "malformed", "unknown recipient", "unsubscribe requests"))
        self.stdout.write(summary)

    def _unsubscribe(self, token):
        subscriber = Subscriber.objects.filter(token=token).first()
        if subscriber is None:
            return 0
        services.unsubscribe(subscriber, how="mailto")
        return 1

    def _address(self, report):
        """The subscriber's address: the report's recipient, or, when that is hidden or is not
        one of ours (a forwarding mailbox), whoever our quoted unsubscribe link belongs to."""
        if report.email and Subscriber.objects.filter(email_key=mailbox_key(report.email)).exists():
            return report.email
        if report.token:
            subscriber = Subscriber.objects.filter(token=report.token).only("email").first()
            if subscriber is not None:
                return subscriber.email
        return report.email
