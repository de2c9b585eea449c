from django.core.management.base import BaseCommand

from solidarity.campaigns import demo


class Command(BaseCommand):
    help = ("Add a fictional urgent action (English and Persian, about a demo case when there is one) with "
            "a few confirmed signatures. Safe to run again: nothing is added twice.")

    def handle(self, *args, **options):
        if demo.load():
            self.stdout.write("Demo campaign added.")
        else:
            self.stdout.write("Demo campaign already there.")
