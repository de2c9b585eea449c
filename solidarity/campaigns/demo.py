"""A fictional urgent action for the demo site, in English and Persian, with a few
confirmed signatures. Every name here is invented."""

import io
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from solidarity.core import preview
from solidarity.core.mailboxes import mailbox_key

from .models import Campaign, CampaignUpdate, Endorsement, Signature, Target

SLUG = "free-the-bus-drivers-demo"

CAMPAIGN = {
    "title_en": "Urgent action: free the detained bus drivers",
    "title_fa": "اقدام فوری: رانندگان بازداشت‌شده شرکت واحد را آزاد کنید",
    "summary_en": "Members of a bus workers' union were arrested after a peaceful assembly about unpaid wages. "
                  "(A fictional case for the demonstration site.)",
    "summary_fa": "اعضای سندیکای کارگران اتوبوسرانی پس از تجمعی آرام در اعتراض به دستمزدهای پرداخت‌نشده بازداشت شدند. "
                  "(پرونده‌ای خیالی برای سایت نمایشی.)",
    "background_en": "The drivers had organised a union meeting to discuss four months of unpaid wages.\n\n"
                     "They were taken to an unknown place of detention and have not been allowed to see a lawyer.",
    "background_fa": "رانندگان جلسه‌ای سندیکایی برای بررسی چهار ماه دستمزد پرداخت‌نشده برگزار کرده بودند.\n\n"
                     "آنها به محل نامعلومی منتقل شده‌اند و اجازه دیدار با وکیل نداشته‌اند.",
    "demands_en": "Release the drivers immediately and unconditionally\nDrop all charges against them\n"
                  "Respect the right to organise (ILO Conventions 87 and 98)",
    "demands_fa": "رانندگان را فوراً و بی‌قیدوشرط آزاد کنید\nهمه اتهامات علیه آنان را لغو کنید\n"
                  "حق تشکل را به رسمیت بشناسید (مقاوله‌نامه‌های ۸۷ و ۹۸ سازمان بین‌المللی کار)",
    "goal": 1000,
    "protest_enabled": True,
    "protest_text_en": "I am writing to call for the immediate release of the detained bus drivers, "
                       "who were arrested only for organising to claim their unpaid wages.",
    "protest_text_fa": "این نامه را می‌نویسم تا خواستار آزادی فوری رانندگان بازداشت‌شده شوم "
                       "که تنها به خاطر پیگیری دستمزدهای پرداخت‌نشده‌شان بازداشت شده‌اند.",
    "letter_enabled": True,
    "letter_text_en": "Your Excellency,\n\nI am writing to call for the immediate and unconditional release of the "
                      "detained bus drivers, and for all charges against them to be dropped.\n\nYours sincerely,",
    "letter_text_fa": "جناب آقای رئیس،\n\nبا این نامه خواستار آزادی فوری و بی‌قیدوشرط رانندگان بازداشت‌شده و "
                      "لغو همه اتهامات علیه آنان هستم.\n\nبا احترام،",
    "endorsement_enabled": True,
}

# Each signer chose what the targets see of the name: whole, initials, or counted only.
FULL, INITIALS, COUNT_ONLY = Signature.NameShown.values
SIGNERS = [
    ("Maria Lopez", "maria.lopez@demo.example", "ES", "en", FULL),
    ("Tom Baker", "tom.baker@demo.example", "GB", "en", FULL),
    ("Anna Schmidt", "anna.schmidt@demo.example", "DE", "en", INITIALS),
    ("مریم احمدی", "maryam.ahmadi@demo.example", "CA", "fa", COUNT_ONLY),
    ("رضا کریمی", "reza.karimi@demo.example", "SE", "fa", INITIALS),
]


PICTURE_TITLE = "Demo: a city bus (drawn)"
SECOND = {
    "slug": "haft-tappeh-wages-demo",
    "title_en": "Pay the Haft Tappeh sugar workers their wages",
    "title_fa": "دستمزد کارگران نیشکر هفت‌تپه را بپردازید",
    "headline_en": "Four months of unpaid wages: pay them now",
    "headline_fa": "چهار ماه دستمزد پرداخت‌نشده: همین حالا بپردازید",
    "summary_en": "Sugar cane workers have not been paid for four months. (A fictional action for the demonstration site.)",
    "summary_fa": "کارگران نیشکر چهار ماه است دستمزد نگرفته‌اند. (اقدامی خیالی برای سایت نمایشی.)",
    "demands_en": "Pay all wages owed\nNo punishment for workers who protested",
    "demands_fa": "همه دستمزدهای معوق را بپردازید\nهیچ کارگری به خاطر اعتراض مجازات نشود",
    "goal": 500,
}


def add_picture(campaign):
    """The demo campaign's picture (a drawn bus), described in both languages; added once."""
    if campaign.image_id:
        return
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(title=PICTURE_TITLE).first()
    if image is None:
        content = preview.draw_illustration(motif="bus", size=(1200, 675))
        image = get_image_model()(title=PICTURE_TITLE, file=ImageFile(io.BytesIO(content), name="demo-bus.png"))
        image._set_image_file_metadata()
        image.save()
    campaign.image = image
    campaign.image_alt_en = "A drawing of a red city bus at a stop"
    campaign.image_alt_fa = "طرحی از یک اتوبوس قرمز شهری در ایستگاه"
    campaign.headline_en = campaign.headline_en or "Free the bus drivers jailed for asking for their wages"
    campaign.headline_fa = campaign.headline_fa or "رانندگانی را که برای دستمزدشان زندانی شده‌اند آزاد کنید"
    campaign.save(update_fields=["image", "image_alt_en", "image_alt_fa", "headline_en", "headline_fa"])


def add_second_campaign():
    """A second live action without a picture (its link preview is drawn), so the thanks pages have
    another action to offer."""
    if not Campaign.objects.filter(slug=SECOND["slug"]).exists():
        Campaign.objects.create(status=Campaign.Status.ACTIVE, starts_on=timezone.localdate() - timedelta(days=1),
                                **SECOND)


@transaction.atomic
def load():
    """Adds the demo campaigns once; returns whether the first was added."""
    add_second_campaign()
    existing = Campaign.objects.filter(slug=SLUG).first()
    if existing is not None:
        add_picture(existing)
        return False
    campaign = Campaign.objects.create(slug=SLUG, status=Campaign.Status.ACTIVE, starts_on=timezone.localdate(),
                                       **CAMPAIGN)
    Target.objects.create(campaign=campaign, sort_order=0, name_en="Head of the Judiciary (fictional)",
                          name_fa="رئیس قوه قضاییه (خیالی)", role_en="Judiciary", role_fa="قوه قضاییه",
                          email="judiciary@authority.example", postal_address="Judiciary Building\nTehran",
                          fax="+98 21 0000 0000")
    Target.objects.create(campaign=campaign, sort_order=1, name_en="International Labour Organization (demo contact)",
                          name_fa="سازمان بین‌المللی کار (نشانی نمایشی)", role_en="Freedom of Association Branch",
                          email="freedom-of-association@ilo.example")
    from solidarity.cases.models import Case

    case = Case.objects.filter(is_public=True).order_by("pk").first()
    if case is not None:
        campaign.cases.add(case)
    now = timezone.now()
    for name, email, country, language, name_shown in SIGNERS:
        Signature.objects.create(campaign=campaign, name=name, name_shown=name_shown, email=email,
                                 email_key=mailbox_key(email),
                                 country=country, language=language, status=Signature.Status.CONFIRMED,
                                 confirmed_at=now, message=campaign.translated("protest_text", language))
    Endorsement.objects.create(campaign=campaign, organisation_name="Demo Transport Workers' Union, Local 1",
                               representative_name="Sam Rivera", representative_role="President",
                               email="president@local1.demo.example", country="CA", confirmed_at=now,
                               status=Endorsement.Status.APPROVED, decided_at=now)
    # Already e-mailed, so loading the demo sends nothing.
    CampaignUpdate.objects.create(
        campaign=campaign, published_at=now, emailed_at=now,
        title_en="Two drivers released on bail", title_fa="دو راننده با قرار وثیقه آزاد شدند",
        body_en="Two of the drivers were released on bail this week. The others are still detained.",
        body_fa="دو تن از رانندگان این هفته با قرار وثیقه آزاد شدند. بقیه همچنان در بازداشت‌اند.",
    )
    add_picture(campaign)
    return True
