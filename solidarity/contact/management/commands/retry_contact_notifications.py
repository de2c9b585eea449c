from datetime import timedelta

from django.core.management.base import BaseCommand

from solidarity.contact import services


class Command(BaseCommand):
    help = (
        "Queue again the staff notifications of contact messages whose e-mail failed, or that "
        "no worker has sent after --stale-minutes (the worker may have been stopped). "
        "Safe to run from cron: a message already notified is never sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stale-minutes", type=int, default=30, help="Minutes before a pending notification counts as lost (default 30).")

    def handle(self, *args, stale_minutes, **options):
        count = services.retry_notifications(stale_after=timedelta(minutes=stale_minutes))
        self.stdout.write(f"Queued {count} contact notification(s) again.")
