from django.core.management.base import BaseCommand, CommandError

from solidarity.core.backups import BackupError, make_backup


class Command(BaseCommand):
    help = ("Backs up the database and the uploaded files (media, delivery packs) into one archive with the "
            "SHA-256 of every file, encrypted to BACKUP_RECIPIENT (an age public key), in BACKUP_DIR; keeps the "
            "newest BACKUP_KEEP. Run nightly (deploy/systemd/solidarity-backup.timer).")

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", help="where to write the archive (default: BACKUP_DIR)")
        parser.add_argument("--recipient", help="an age public key (age1...) instead of BACKUP_RECIPIENT")
        parser.add_argument("--unencrypted", action="store_true",
                            help="write the archive in clear when no recipient is set (it holds every signer)")
        parser.add_argument("--keep", type=int, help="archives to keep in the folder (default: BACKUP_KEEP)")

    def handle(self, *args, output_dir=None, recipient=None, unencrypted=False, keep=None, **options):
        try:
            path = make_backup(folder=output_dir, recipient=recipient, allow_plain=unencrypted, keep=keep)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if path.suffix != ".age":
            self.stderr.write("Warning: this backup is not encrypted; keep it where nobody else can read it.")
        self.stdout.write(str(path))
