from django.core.management.base import BaseCommand

from solidarity.newsletter import demo


class Command(BaseCommand):
    help = ("Add a demo issue of the newsletter to the web archive, in English and Persian, made of the demo's "
            "campaign, a case and an article. Sends nothing. Safe to run again: nothing is added twice.")

    def handle(self, *args, **options):
        added = demo.load()
        self.stdout.write(f"Demo newsletter issues added: {added}." if added else "Demo newsletter issues already there.")
