from django.core.management.base import BaseCommand, CommandError

from solidarity.newsletter import sending, services
from solidarity.newsletter.models import Send


class Command(BaseCommand):
    help = (
        "Send a newsletter send in the foreground (start it if scheduled, carry on if it stopped). "
        "With --due, start every scheduled send whose time has come (for cron where the task "
        "queue cannot hold work for later)."
    )

    def add_arguments(self, parser):
        parser.add_argument("send_id", nargs="?", type=int, help="The send's number (see its progress page).")
        parser.add_argument("--due", action="store_true", help="Start and send every scheduled send now due.")
        parser.add_argument("--release-claims", action="store_true",
                            help="Put back in the queue every message claimed by a worker at once, without "
                                 "waiting for the claim to expire. Only when no worker is sending this send.")
        parser.add_argument("--seconds", type=int, default=None, help="Stop after this long (default: when done).")

    def handle(self, *args, send_id=None, due=False, release_claims=False, seconds=None, **options):
        if due:
            sends = list(services.due_sends())
        elif send_id is not None:
            send = Send.objects.filter(pk=send_id).first()
            if send is None:
                raise CommandError(f"No send number {send_id}.")
            sends = [send]
        else:
            raise CommandError("Give a send number, or --due.")
        for send in sends:
            if send.status == Send.Status.SCHEDULED:
                send = services.start_send(send=send, enqueue=False)
            if send.status != Send.Status.SENDING:
                self.stdout.write(f"Send {send.pk}: {send.get_status_display()}, nothing to do.")
                continue
            if release_claims:
                released = sending.release_stale_claims(send.pk, lease_seconds=0)
                self.stdout.write(f"Send {send.pk}: {released} claimed messages back in the queue.")
            result = services.process_send(send=send, seconds=seconds)
            send.refresh_from_db()
            self.stdout.write(
                f"Send {send.pk}: {result.sent} sent, {result.failed} failed, {result.skipped} skipped; "
                f"{result.outcome}; status {send.get_status_display()}."
            )
            for error in result.errors:
                self.stderr.write(error)
