from django.core.management.base import BaseCommand, CommandError

from solidarity.mirrors.services.signing import fingerprint, write_key_pair


class Command(BaseCommand):
    help = (
        "Makes a new Ed25519 key pair for signing baked copies: writes the private key to a new file "
        "(readable by its owner only) and prints the public key and its fingerprint."
    )

    def add_arguments(self, parser):
        parser.add_argument("private_key_file", help="where to write the private key (must not exist)")

    def handle(self, *args, private_key_file, **options):
        try:
            public = write_key_pair(private_key_file)
        except FileExistsError as error:
            raise CommandError(f"{private_key_file} exists already; keys are never overwritten.") from error
        self.stdout.write(f"Private key written to {private_key_file}: set MIRROR_SIGNING_KEY_FILE to it on the "
                          "machine that bakes.")
        self.stdout.write(f"Public key (MIRROR_PUBLIC_KEY): {public}")
        self.stdout.write(f"Fingerprint: {fingerprint(public)}")
