from django.core.management.base import BaseCommand

from solidarity.supporters import services


class Command(BaseCommand):
    help = (
        "Forget signups that were never confirmed (a month after their link expired) and the IP "
        "address hashes of consents older than SUPPORTERS_IP_HASH_DAYS (90). Run it daily."
    )

    def handle(self, **options):
        counts = services.purge_stale_signups()
        self.stdout.write(", ".join(f"{name} {count}" for name, count in counts.items()))
