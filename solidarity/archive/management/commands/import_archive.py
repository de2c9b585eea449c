from django.core.management.base import BaseCommand, CommandError

from solidarity.archive import services
from solidarity.archive.report import report_rows


class Command(BaseCommand):
    help = (
        "Imports the old website's HTML pages, PDFs and text extractions (files or folders) as draft "
        "records for editors to review, with permanent redirects from their old addresses. Importing "
        "the same files again creates nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders of the old site.")
        parser.add_argument(
            "--base-url", default="",
            help="The old site's address for the folder given, e.g. http://example.org/old/ "
                 "(old addresses become /old/<path of the file>). Without it, the file's path is used.",
        )

    def handle(self, *args, paths=(), base_url="", **options):
        try:
            run = services.import_files(list(paths), base_url=base_url)
        except services.ArchiveError as error:
            raise CommandError(str(error)) from error
        for row in report_rows(run):
            unsure = f"  unsure: {row['uncertainties']}" if row["uncertainties"] else ""
            self.stdout.write(f"{row['status']:9} {row['kind']:10} {row['language']:2} {row['name']}"
                              f" -> {row['records'] or '-'}{unsure}")
        for skipped in run.skipped:
            self.stdout.write(f"skipped   {skipped['name']}: {skipped['reason']}")
        files = run.files.count()
        self.stdout.write(self.style.SUCCESS(
            f"Imported {files} file(s) as drafts, skipped {len(run.skipped)} (run {run.pk})."
        ))
