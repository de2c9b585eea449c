from django.core.management.base import BaseCommand
from django.utils import timezone

from solidarity.campaigns.services import anonymisation


class Command(BaseCommand):
    help = (
        "Erase signers' personal data (name, e-mail address, organisation, message, IP hash) of "
        "campaigns closed CAMPAIGN_ANONYMISE_AFTER_DAYS (default 90) days ago or more (counted from when "
        "staff closed them, early or late). Status, country and dates stay, so the counts stay the same. Safe to run daily "
        "from cron: a campaign already anonymised is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list the campaigns that are due.")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            for campaign in anonymisation.campaigns_due_for_anonymisation():
                closed = timezone.localdate(campaign.closed_at) if campaign.closed_at else campaign.ends_on
                self.stdout.write(f"Due: {campaign.slug} (closed {closed})")
            return
        done = anonymisation.anonymise_campaigns()
        for campaign, erased in done.items():
            self.stdout.write(f"{campaign.slug}: {erased} signature(s) anonymised.")
        self.stdout.write(f"Anonymised {sum(done.values())} signature(s) in {len(done)} campaign(s).")
