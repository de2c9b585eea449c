"""The delivery pack: one PDF to hand to a target or the ILO with the campaign's text, its
demands, the count by country and every confirmed signer's name and country.

Drawn by WeasyPrint without network access (fonts and styles from the static files, as for
letters); right to left in Persian, and Persian names shaped in either language's pack (the
self-hosted Vazirmatn font follows the Latin one).
"""

import secrets
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from solidarity.core.countries import country_name
from solidarity.core.i18n import is_rtl
from solidarity.core.pdf import html_to_pdf
from solidarity.core.transactions import after_commit

from .models import DeliveryPack, Signature, shown_name
from .services.counts import count_confirmed


def paragraphs(text):
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def context(campaign, language):
    numbers = count_confirmed(campaign)
    signers = (
        Signature.objects.filter(campaign=campaign, status=Signature.Status.CONFIRMED)
        .order_by("confirmed_at", "pk").values_list("name", "name_shown", "country")
    )
    # Each name as its signer chose to show it to the addressees; those counted only are counted.
    listed, unnamed = [], 0
    for name, choice, code in signers.iterator(chunk_size=5000):
        shown = shown_name(name, choice)
        if shown:
            listed.append((shown, country_name(code, language)))
        else:
            unnamed += 1
    names = {code: country_name(code, language) for code in numbers["by_country"]}
    by_country = sorted(((names[code], n) for code, n in numbers["by_country"].items()), key=lambda row: (-row[1], row[0]))
    return {
        "campaign": campaign,
        "language": language,
        "rtl": is_rtl(language),
        "title": campaign.translated("title", language),
        "summary": paragraphs(campaign.translated("summary", language)),
        "background": paragraphs(campaign.translated("background", language)),
        "demands": campaign.demands(language),
        "targets": [(t.translated("name", language), t) for t in campaign.targets.all()],
        "total": numbers["total"],
        "by_country": by_country,
        "signers": listed,
        "unnamed": unnamed,
        "today": timezone.localdate(),
    }


def render_html(campaign, *, language):
    with translation.override(language):
        return render_to_string("campaigns/staff/delivery_pack.html", context(campaign, language))


def render_pdf(campaign, *, language):
    """(pdf bytes, number of signers listed)."""
    html = render_html(campaign, language=language)
    signers = Signature.objects.filter(campaign=campaign, status=Signature.Status.CONFIRMED).count()
    pdf = html_to_pdf(html)
    return pdf, signers


def inline_max():
    return settings.CAMPAIGN_DELIVERY_PACK_INLINE_MAX


def private_storage():
    """Where the worker's packs are kept: outside MEDIA_ROOT and without a URL, so the only
    way to a pack is the staff view that checks the person's permission."""
    location = Path(settings.CAMPAIGN_PRIVATE_ROOT)
    return FileSystemStorage(location=location, base_url=None, file_permissions_mode=0o600,
                             directory_permissions_mode=0o700)


def request_pack(campaign, *, user, language):
    """A pack for the worker to draw, or the one already being drawn in that language (a
    second press of the button does not start a second one)."""
    queued = DeliveryPack.objects.filter(campaign=campaign, language=language, status=DeliveryPack.Status.QUEUED)
    # One queued longer than this was lost with its worker: a new one replaces it.
    lost = timezone.now() - timedelta(minutes=30)
    with transaction.atomic():
        queued.filter(created_at__lt=lost).update(status=DeliveryPack.Status.FAILED, finished_at=timezone.now())
        pack = queued.first()
        if pack is not None:
            return pack
        pack = DeliveryPack.objects.create(campaign=campaign, language=language, requested_by=user)
        from .tasks import build_delivery_pack

        after_commit(build_delivery_pack.enqueue, pack_id=pack.pk)
    return pack


def build_queued_pack(pack_id):
    """Draw a queued pack into private storage; the earlier packs of that campaign and
    language are deleted, so only the newest list of names is kept."""
    pack = DeliveryPack.objects.select_related("campaign").filter(pk=pack_id, status=DeliveryPack.Status.QUEUED).first()
    if pack is None:
        return "nothing to do"
    try:
        pdf, rows = render_pdf(pack.campaign, language=pack.language)
        storage = private_storage()
        name = storage.save(f"delivery-pack-{pack.campaign_id}-{pack.language}-{secrets.token_hex(16)}.pdf",
                            ContentFile(pdf))
    except Exception:
        DeliveryPack.objects.filter(pk=pack.pk).update(status=DeliveryPack.Status.FAILED, finished_at=timezone.now())
        raise
    pack.file_name, pack.rows, pack.status, pack.finished_at = name, rows, DeliveryPack.Status.READY, timezone.now()
    pack.save(update_fields=["file_name", "rows", "status", "finished_at"])
    older = DeliveryPack.objects.filter(campaign=pack.campaign_id, language=pack.language,
                                        created_at__lte=pack.created_at).exclude(pk=pack.pk)
    _delete(older.exclude(status=DeliveryPack.Status.QUEUED))
    return "ready"


def open_pack(pack):
    return private_storage().open(pack.file_name, "rb")


def delete_packs(campaign):
    _delete(DeliveryPack.objects.filter(campaign=campaign))


def _delete(packs):
    storage = private_storage()
    for name in packs.exclude(file_name="").values_list("file_name", flat=True):
        storage.delete(name)
    packs.delete()
