from django.core.management.base import BaseCommand

from solidarity.publishing import demo


class Command(BaseCommand):
    help = (
        "Loads the demo site in English and Persian: home, About Us, Our objectives, Contact Us and "
        "a dozen articles. Creates only what is missing, so running it again changes nothing."
    )

    def handle(self, *args, verbosity=1, **options):
        created = demo.load()
        if verbosity == 0:
            return
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded in English and Persian ({len(created)} items created)."))
        else:
            self.stdout.write("Demo content is already loaded; nothing to create.")
