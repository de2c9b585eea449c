from django.core.management.base import BaseCommand

from solidarity.cases import demo


class Command(BaseCommand):
    help = (
        "Loads four invented cases (a bus driver, a sugar cane worker and two teachers, one of them private) "
        "with their timelines in English and Persian. Cases already there are left as they are."
    )

    def handle(self, *args, **options):
        added = demo.load()
        if added:
            self.stdout.write(self.style.SUCCESS(f"Demo cases loaded: {added}."))
        else:
            self.stdout.write("Demo cases are already loaded.")
