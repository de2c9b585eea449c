from django.core.management.base import BaseCommand

from solidarity.campaigns import services


class Command(BaseCommand):
    help = ("E-mail campaign updates whose publication time has come to the confirmed signers who asked "
            "for news of the campaign (each update once). Run it every few minutes.")

    def handle(self, *args, **options):
        sent = services.email_due_updates()
        self.stdout.write(f"{sent} update e-mail(s) sent.")
