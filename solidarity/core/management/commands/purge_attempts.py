from django.core.management.base import BaseCommand

from solidarity.core.login import purge_attempts


class Command(BaseCommand):
    help = "Forgets the sign-in attempt counters (keyed hashes) whose window ended over a day ago. Run daily."

    def handle(self, *args, **options):
        removed = purge_attempts()
        if options["verbosity"] > 1:
            self.stdout.write(f"{removed} old attempt counters removed")
