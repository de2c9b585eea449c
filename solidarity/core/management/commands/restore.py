from django.core.management.base import BaseCommand, CommandError

from solidarity.core.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = ("Restores an archive made by `backup` into an empty database and empty media and private folders, "
            "after checking every file against the archive's manifest. Then run `manage.py migrate`.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the archive (.tar, or .tar.age when encrypted)")
        parser.add_argument("--identity", help="file holding the age private key (AGE-SECRET-KEY-...)")
        parser.add_argument("--database-url", help="restore into this database instead of DATABASE_URL's")
        parser.add_argument("--media-root", help="restore the media here instead of MEDIA_ROOT")
        parser.add_argument("--private-root", help="restore the delivery packs here instead of CAMPAIGN_PRIVATE_ROOT")

    def handle(self, *args, archive, identity=None, database_url=None, media_root=None, private_root=None,
               **options):
        try:
            restored = restore_backup(archive=archive, identity=identity, database_url=database_url,
                                      media_root=media_root, private_root=private_root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the database and {restored['files']} files.")
        if restored["migrations_behind"]:
            self.stdout.write(f"The backup lacks {restored['migrations_behind']} migrations of this release: "
                              "run `manage.py migrate`.")
