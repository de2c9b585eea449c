"""The printable letter: the campaign's letter text with the signer's name, as a PDF to post
or fax (WeasyPrint, no network access; right to left in Persian)."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation

from solidarity.core.countries import country_name
from solidarity.core.i18n import is_rtl
from solidarity.core.pdf import html_to_pdf


def context(signature):
    campaign = signature.campaign
    language = signature.language
    text = campaign.translated("letter_text", language) or campaign.translated("protest_text", language)
    return {
        "signature": signature,
        "language": language,
        "rtl": is_rtl(language),
        "title": campaign.translated("title", language),
        "targets": list(campaign.targets.all()),
        "paragraphs": [p.strip() for p in text.split("\n\n") if p.strip()],
        "demands": campaign.demands(language),
        "country": country_name(signature.country, language),
        "today": timezone.localdate(),
    }


def render_pdf(signature):
    with translation.override(signature.language):
        html = render_to_string("campaigns/letter.html", context(signature))
    return html_to_pdf(html)


def pdf_response(signature):
    response = HttpResponse(render_pdf(signature), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="letter-{signature.campaign.slug}.pdf"'
    return response
