from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from solidarity.supporters import csvio


class Command(BaseCommand):
    help = (
        "Import subscribers from a CSV file with the columns " + ", ".join(csvio.COLUMNS) + ". Rows without "
        "a record of consent, with a bad address, twice in the file or on the suppression list are refused "
        "and listed; the others are subscribed at once, without an e-mail. A problem with the file itself "
        "imports nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file (UTF-8; UTF-16 and Latin-1 are recognised).")

    def handle(self, path, **options):
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        result = csvio.import_subscribers(data, filename=file.name)
        for notice in result.notices:
            self.stdout.write(notice)
        for refused in result.refused:
            self.stdout.write(f"row {refused.row} ({refused.email}): {refused.reason}")
        if result.fatal:
            raise CommandError(f"Nothing was imported. {result.fatal}")
        self.stdout.write(f"imported {result.imported}, updated {result.updated}, refused {len(result.refused)}")
