from django.core.management.base import BaseCommand

from solidarity.campaigns import staff


class Command(BaseCommand):
    help = (
        "Erase signers' personal data (name, e-mail address, organisation, message, IP hash) of "
        "closed campaigns whose end lies CAMPAIGN_ANONYMISE_AFTER_DAYS (default 90) days or more in "
        "the past. Status, country and dates stay, so the counts stay the same. Safe to run daily "
        "from cron: a campaign already anonymised is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list the campaigns that are due.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            for campaign in staff.campaigns_due_for_anonymisation():
                self.stdout.write(f"Due: {campaign.slug} (ended {campaign.ends_on})")
            return
        done = staff.anonymise_campaigns()
        for campaign, erased in done.items():
            self.stdout.write(f"{campaign.slug}: {erased} signature(s) anonymised.")
        self.stdout.write(f"Anonymised {sum(done.values())} signature(s) in {len(done)} campaign(s).")
