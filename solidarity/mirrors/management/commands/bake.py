from django.core.management.base import BaseCommand, CommandError

from solidarity.mirrors.services.baking import BakeError, bake_site
from solidarity.mirrors.services.signing import MirrorKeyError


class Command(BaseCommand):
    help = (
        "Bakes the public site, in both languages, into a folder of static files with relative links "
        "(any static host, a subfolder, or file://), and a manifest signed with MIRROR_SIGNING_KEY_FILE. "
        "Baking into the same folder again writes only what changed and deletes what disappeared."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="the folder to bake into (made if missing)")
        parser.add_argument("--archive", help="also pack the folder into this .tar.gz or .zip file")

    def handle(self, *args, folder, archive=None, verbosity=1, **options):
        if archive and not archive.endswith((".tar.gz", ".tgz", ".zip")):
            raise CommandError("--archive must end in .tar.gz, .tgz or .zip.")
        try:
            report = bake_site(folder=folder, archive=archive)
        except (BakeError, MirrorKeyError) as error:
            raise CommandError(str(error)) from error
        if not report.signed:
            self.stderr.write("No MIRROR_SIGNING_KEY_FILE: the manifest is not signed, and copies cannot be checked.")
        if verbosity:
            self.stdout.write(
                f"Baked {report.files} files ({report.total_bytes / 1_000_000:.1f} MB) into {report.folder} "
                f"in {report.seconds:.1f} s: {len(report.written)} written, {len(report.deleted)} deleted."
            )
            if report.archive:
                self.stdout.write(f"Archive: {report.archive} ({report.archive.stat().st_size / 1_000_000:.1f} MB).")
