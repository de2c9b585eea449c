from django.core.management.base import BaseCommand, CommandError

from solidarity.mirrors.services.signing import MirrorKeyError, fingerprint, public_key, verify_mirror

SHOWN = 20


class Command(BaseCommand):
    help = (
        "Checks a baked copy (a folder or an http(s) address) against the alliance's public key: the "
        "manifest's signature, every file's SHA-256, files missing or added, and the bake's age. "
        "Exits with status 1 when anything is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("location", help="the copy's folder or address")
        parser.add_argument("--public-key", help="the Ed25519 public key, base64 (default: MIRROR_PUBLIC_KEY)")
        parser.add_argument("--max-age-days", type=int, default=7,
                            help="a bake older than this many days counts as stale (default 7)")

    def handle(self, *args, location, public_key=None, max_age_days=7, **options):
        key = public_key or _configured_key()
        if not key:
            raise CommandError("No public key: give --public-key or set MIRROR_PUBLIC_KEY.")
        try:
            report = verify_mirror(location, public=key, max_age_days=max_age_days)
        except MirrorKeyError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"{location} cannot be read: {error}") from error
        write = self.stdout.write
        write(f"{report.location}: {report.files} files listed, baked at {report.baked_at or 'unknown'}.")
        write("Signature: " + ("good." if report.signature_ok else "NOT VALID.")
              + (f" The manifest says it was signed by the key {report.key_fingerprint}; yours is {fingerprint(key)}."
                 if not report.signature_ok and report.key_fingerprint else ""))
        for problem in report.problems:
            write(f"Problem: {problem}.")
        if report.stale:
            write(f"Stale: baked more than {max_age_days} days ago.")
        for label, names in (("Altered", report.altered), ("Missing", report.missing), ("Extra", report.extra)):
            if names:
                write(f"{label} ({len(names)}):")
                for name in names[:SHOWN]:
                    write(f"  {name}")
                if len(names) > SHOWN:
                    write(f"  … and {len(names) - SHOWN} more")
        if not report.ok:
            write(self.style.ERROR("The copy does NOT verify."))
            raise SystemExit(1)
        write(self.style.SUCCESS("The copy verifies."))


def _configured_key():
    try:
        return public_key()
    except MirrorKeyError:
        return ""
