import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

from solidarity.publishing import demo

# The other apps' demos, in the order they build on each other: campaigns are about demo cases.
# Called as commands, not imported, so publishing does not reach into those apps.
OTHER_DEMOS = ("load_network_demo", "load_cases_demo", "load_campaigns_demo", "load_newsletter_demo")


class Command(BaseCommand):
    help = (
        "Loads the whole demo in English and Persian: the site's pages, logo, colours and a dozen articles, "
        "then the network's records, the cases, two urgent actions (the home page features one with its case) "
        "and a newsletter issue in the archive. Creates only what is missing, so running it again changes nothing."
    )

    def handle(self, *args, verbosity=1, **options):
        created = demo.load()
        if verbosity:
            if created:
                self.stdout.write(self.style.SUCCESS(f"Demo content loaded in English and Persian ({len(created)} items created)."))
            else:
                self.stdout.write("Demo content is already loaded; nothing to create.")
        for name in OTHER_DEMOS:
            call_command(name, verbosity=verbosity, stdout=self.stdout if verbosity else open(os.devnull, "w"))
        demo.feature_on_home()
