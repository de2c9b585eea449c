from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# Long enough to look into a failure reported by a signer or an editor; short enough that the
# queue's table does not grow without end (each e-mail sent is a row).
KEEP_DAYS = 7


class Command(BaseCommand):
    help = (f"Forgets finished background tasks older than {KEEP_DAYS} days (the database queue keeps each one's "
            "row; the Redis queue expires its results by itself). Run daily.")

    def handle(self, *args, **options):
        if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
            if options["verbosity"] > 1:
                self.stdout.write("The task queue is not in the database: it expires finished tasks itself.")
            return
        call_command("prune_db_task_results", queue_name="*", min_age_days=KEEP_DAYS, verbosity=options["verbosity"])
