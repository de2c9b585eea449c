"""Signal receivers of the campaigns app (connected in CampaignsConfig.ready)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .models import AccessRule, Campaign, CampaignUpdate


@receiver(post_save, sender=CampaignUpdate, dispatch_uid="campaigns-update-published")
def email_published_update(sender, instance, **kwargs):
    # Published now: e-mailed at once by the worker; published for later: by the
    # send_campaign_updates command once its time has come.
    if instance.emailed_at is None and instance.published_at and instance.published_at <= timezone.now():
        from .services.updates import queue_update_email

        queue_update_email(instance)


@receiver(post_save, sender=AccessRule, dispatch_uid="campaigns-access-rule-saved")
@receiver(post_delete, sender=AccessRule, dispatch_uid="campaigns-access-rule-deleted")
def forget_rules(sender, **kwargs):
    from .services.access import forget_access_rules

    forget_access_rules()


@receiver(post_save, sender=Campaign, dispatch_uid="campaigns-campaign-saved")
@receiver(post_delete, sender=Campaign, dispatch_uid="campaigns-campaign-deleted")
def forget_campaigns_being_signed(sender, **kwargs):
    from .services.signing import forget_signing_campaigns

    forget_signing_campaigns()


def _connect_page_cache():
    from solidarity.core.pagecache import HOME_PAGE, SEARCH_RESULTS, purge_on_change

    from .models import Endorsement, Target

    # What the campaign pages show. Signatures are counted apart (the counts say how long they
    # stay true), and an endorsement waits for a campaigner's approval before it is shown: an
    # anonymous visitor's signature or endorsement never purges the cache.
    # The home page features campaigns (the latest open one by default); search finds them.
    purge_on_change(Campaign, areas=["campaigns", HOME_PAGE, SEARCH_RESULTS])
    for model in (Target, CampaignUpdate):
        purge_on_change(model, areas=["campaigns"])
    purge_on_change(Endorsement, areas=["campaigns"],
                    skip=lambda endorsement, **change: endorsement.status == Endorsement.Status.PENDING)


_connect_page_cache()
