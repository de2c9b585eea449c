from django.core.management.base import BaseCommand

from solidarity.campaigns import services


class Command(BaseCommand):
    help = (
        "Send confirmed signers' protest messages to the campaign targets. Without --digest: the "
        "next batch for campaigns that send one e-mail per signer (run it every few minutes as a "
        "safety net; the worker normally does this). With --digest: one e-mail per target with every "
        "message not yet delivered, for campaigns that send a daily digest (run it once a day)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--digest", action="store_true", help="Send the daily digests.")

    def handle(self, *args, digest=False, **options):
        sent = services.deliver_all_protests(digest=digest)
        self.stdout.write(f"{sent} protest e-mail(s) sent.")
