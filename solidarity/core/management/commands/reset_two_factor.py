from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from solidarity.core.models import TwoFactorDevice


class Command(BaseCommand):
    help = "Removes a staff member's authenticator and recovery codes: they set up a new one at their next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        TwoFactorDevice.objects.filter(user=user).delete()
        user.recovery_codes.all().delete()
        self.stdout.write(f"Two-step sign-in reset for {username}: they will set it up again when they next sign in.")
