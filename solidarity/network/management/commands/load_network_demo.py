from django.core.management.base import BaseCommand

from solidarity.network import demo


class Command(BaseCommand):
    help = (
        "Loads the network's demo records: CUPE Ontario's Resolution No. 21, the 2008 message to APTUF, "
        "and a few organisations, events, resolutions, letters and letter templates (once)."
    )

    def handle(self, *args, **options):
        if demo.already_loaded():
            self.stdout.write("Network demo records are already loaded.")
            return
        demo.load()
        self.stdout.write(self.style.SUCCESS("Network demo records loaded."))
