from django.core.management.base import BaseCommand

from solidarity.publishing import demo


class Command(BaseCommand):
    help = "Loads the demo site in English and Persian (does nothing if a site is already there)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even if content exists.")

    def handle(self, *args, force=False, **options):
        if demo.already_loaded() and not force:
            self.stdout.write("Demo content is already loaded.")
            return
        demo.load()
        self.stdout.write(self.style.SUCCESS("Demo content loaded in English and Persian."))
