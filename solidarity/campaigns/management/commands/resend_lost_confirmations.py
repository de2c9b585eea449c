from datetime import timedelta

from django.core.management.base import BaseCommand

from solidarity.campaigns import services


class Command(BaseCommand):
    help = ("Queue again the confirmation e-mail of pending signatures whose e-mail never went out "
            "(a crash between storing and queuing, a lost queue). Run it every few minutes.")

    def add_arguments(self, parser):
        parser.add_argument("--older-than-minutes", type=int, default=10)

    def handle(self, *args, older_than_minutes=10, **options):
        count = services.resend_lost_confirmations(older_than=timedelta(minutes=older_than_minutes))
        self.stdout.write(f"{count} confirmation e-mail(s) queued again.")
