from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from solidarity.core.models import EnrolmentLink


class Command(BaseCommand):
    help = ("Prints a one-time link with which a staff member sets up two-step sign-in (they open it while "
            "signed in). Give it to them yourself, by a channel you trust.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--minutes", type=int, default=None,
                            help="How long the link works (default: TWO_FACTOR_ENROLMENT_MINUTES).")

    def handle(self, *args, username, minutes, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {username!r}.")
        token = EnrolmentLink.issue(user, minutes=minutes)
        self.stdout.write(settings.SITE_URL + reverse("core_two_factor_enrol_link", args=[token]))
