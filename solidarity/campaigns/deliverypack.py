"""The delivery pack: one PDF to hand to a target or the ILO with the campaign's text, its
demands, the count by country and every confirmed signer's name and country.

Drawn by WeasyPrint without network access (fonts and styles from the static files, as for
letters); right to left in Persian, and Persian names shaped in either language's pack (the
self-hosted Vazirmatn font follows the Latin one).
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from solidarity.network.countries import country_name
from solidarity.network.letters import INTERNAL_ORIGIN, StaticFilesFetcher

from .models import Signature
from .services import count_confirmed


def paragraphs(text):
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def context(campaign, language):
    numbers = count_confirmed(campaign)
    signers = (
        Signature.objects.filter(campaign=campaign, status=Signature.Status.CONFIRMED)
        .order_by("confirmed_at", "pk").values_list("name", "country")
    )
    names = {code: country_name(code, language) for code in numbers["by_country"]}
    by_country = sorted(((names[code], n) for code, n in numbers["by_country"].items()), key=lambda row: (-row[1], row[0]))
    return {
        "campaign": campaign,
        "language": language,
        "rtl": language == "fa",
        "title": campaign.translated("title", language),
        "summary": paragraphs(campaign.translated("summary", language)),
        "background": paragraphs(campaign.translated("background", language)),
        "demands": campaign.demands(language),
        "targets": [(t.translated("name", language), t) for t in campaign.targets.all()],
        "total": numbers["total"],
        "by_country": by_country,
        "signers": [(name, country_name(code, language)) for name, code in signers.iterator(chunk_size=5000)],
        "today": timezone.localdate(),
    }


def render_html(campaign, *, language):
    with translation.override(language):
        return render_to_string("campaigns/staff/delivery_pack.html", context(campaign, language))


def render_pdf(campaign, *, language):
    """(pdf bytes, number of signers listed)."""
    html = render_html(campaign, language=language)
    signers = Signature.objects.filter(campaign=campaign, status=Signature.Status.CONFIRMED).count()
    pdf = HTML(string=html, base_url=INTERNAL_ORIGIN + "/", url_fetcher=StaticFilesFetcher()).write_pdf()
    return pdf, signers
