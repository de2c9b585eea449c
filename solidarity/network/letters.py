"""Letters on the alliance's letterhead: a printable page and the same page as PDF (WeasyPrint)."""

from django.template.loader import render_to_string
from django.utils import translation

from solidarity.core.pdf import html_to_pdf

from .services import the_alliance


def context(letter):
    alliance = the_alliance()
    from solidarity.publishing.models import SiteIdentity

    identity = SiteIdentity.load()
    return {
        "letter": letter,
        "alliance": alliance,
        "alliance_name": alliance.translated("name", letter.language) if alliance else "",
        "alliance_acronym": alliance.translated("acronym", letter.language) if alliance else "",
        "contact_email": identity.contact_email,
        "recipients": [o.translated("name", letter.language) for o in letter.recipients.all()],
        "event_title": letter.event.translated("title", letter.language) if letter.event else "",
    }


def render_html(letter, *, request=None):
    # A letter is shown in its own language, whatever the language of the page that links to it.
    with translation.override(letter.language):
        return render_to_string("network/letter_print.html", context(letter), request=request)


def render_pdf(letter):
    return html_to_pdf(render_html(letter))
