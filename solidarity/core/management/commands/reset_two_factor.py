from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp import devices_for_user

from solidarity.core.models import EnrolmentLink


class Command(BaseCommand):
    help = ("Removes a staff member's authenticators and recovery codes: at their next sign-in they ask for a "
            "set-up link by e-mail (or you give them one with issue_enrolment_link).")

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        EnrolmentLink.objects.filter(user=user).delete()
        self.stdout.write(f"Two-step sign-in reset for {username}: they will set it up again when they next sign in.")
