"""Builders for campaigns and signatures, shared by the demo content and the tests."""

from django.utils import timezone

from solidarity.core.mailboxes import mailbox_key

from .models import Campaign, Signature, Target


def make_campaign(*, slug="free-the-drivers", targets=True, **fields):
    values = {
        "title_en": "Free the bus drivers",
        "title_fa": "رانندگان اتوبوس را آزاد کنید",
        "summary_en": "Three bus drivers were arrested for organising a union.",
        "summary_fa": "سه راننده اتوبوس به خاطر سازماندهی سندیکا بازداشت شدند.",
        "background_en": "They were arrested at dawn.",
        "background_fa": "آنها سحرگاه بازداشت شدند.",
        "demands_en": "Release the drivers now\nDrop all charges",
        "demands_fa": "رانندگان را فوراً آزاد کنید\nهمه اتهامات را لغو کنید",
        "status": Campaign.Status.ACTIVE,
        "starts_on": timezone.localdate(),
        "protest_text_en": "I call on you to release the drivers.",
        "protest_text_fa": "از شما می‌خواهم رانندگان را آزاد کنید.",
        "letter_text_en": "Dear Sir or Madam,\n\nI call on you to release the drivers.",
        "letter_text_fa": "جناب آقا یا خانم،\n\nاز شما می‌خواهم رانندگان را آزاد کنید.",
        **fields,
    }
    campaign = Campaign(slug=slug, **values)
    campaign.save()
    if targets:
        Target.objects.create(campaign=campaign, name_en="Head of the Judiciary", name_fa="رئیس قوه قضاییه",
                              role_en="Judiciary", email="judiciary@authority.example",
                              postal_address="Tehran", fax="+98 21 0000 0000")
    return campaign


def make_signature(campaign, *, email="signer@union.example", name="Jane Worker", country="GB", language="en",
                   confirmed=True, **fields):
    values = {
        "status": Signature.Status.CONFIRMED if confirmed else Signature.Status.PENDING,
        "confirmed_at": timezone.now() if confirmed else None,
        **fields,
    }
    signature = Signature.objects.create(
        campaign=campaign, name=name, email=email, email_key=mailbox_key(email), country=country,
        language=language, **values,
    )
    return signature
