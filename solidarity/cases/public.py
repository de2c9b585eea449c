"""What the public may see of a case: only the fields chosen for publication, as plain values.

Public pages are drawn from these records, never from the case itself, so that a template
cannot show a field by mistake.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from solidarity.core.i18n import is_persian
from solidarity.core.text import to_persian_digits

from .models import Case, CaseEvent, Status

ARABIC_THOUSANDS_SEPARATOR = "\u066c"


@dataclass
class PublicEvent:
    kind: str
    what: str
    date_html: str
    date_text: str
    verification: str
    confirmed: bool
    place: str = ""
    description: str = ""
    terms: list = field(default_factory=list)


@dataclass
class PublicCase:
    slug: str
    url: str
    name: str
    other_name: str
    other_language: str
    status: str
    status_label: str
    summary: str
    occupation: str = ""
    city: str = ""
    organisations: list = field(default_factory=list)
    affiliations_text: str = ""
    photo: object = None
    photo_alt: str = ""
    timeline: list = field(default_factory=list)
    actions: list = field(default_factory=list)


def is_shown(organisation):
    """An organisation still waiting for an editor's review (a draft from the archive) is not shown."""
    return not organisation.draft


def local_number(value):
    """1,500,000,000 with the reader's digits and separator."""
    text = f"{int(value):,}"
    if is_persian():
        return to_persian_digits(text).replace(",", ARABIC_THOUSANDS_SEPARATOR)
    return text


def amount(value, currency):
    return _("%(amount)s %(currency)s") % {
        "amount": local_number(value), "currency": CaseEvent.Currency(currency).label,
    }


def sentence_terms(event):
    terms = []
    if event.prison_years or event.prison_months:
        parts = []
        if event.prison_years:
            parts.append(ngettext("%(count)s year", "%(count)s years", event.prison_years)
                         % {"count": local_number(event.prison_years)})
        if event.prison_months:
            parts.append(ngettext("%(count)s month", "%(count)s months", event.prison_months)
                         % {"count": local_number(event.prison_months)})
        terms.append(_("%(term)s in prison") % {"term": _(" and ").join(parts)})
    if event.lashes:
        terms.append(ngettext("%(count)s lash", "%(count)s lashes", event.lashes)
                     % {"count": local_number(event.lashes)})
    if event.fine_amount and event.fine_currency:
        terms.append(_("a fine of %(amount)s") % {"amount": amount(event.fine_amount, event.fine_currency)})
    if event.ban:
        terms.append(event.ban)
    if event.bail_amount and event.bail_currency:
        terms.append(_("bail of %(amount)s") % {"amount": amount(event.bail_amount, event.bail_currency)})
    return terms


def public_event(event, *, details):
    record = PublicEvent(
        kind=event.kind,
        what=event.get_kind_display(),
        date_html=event.date_html(),
        date_text=event.date_text(),
        verification=event.get_verification_display(),
        confirmed=event.verification == CaseEvent.Verification.CONFIRMED,
    )
    if details:
        record.place = event.place
        record.description = event.description
        record.terms = sentence_terms(event)
    return record


def public_case(case: Case, *, with_timeline=True):
    """The case as the public may see it (the caller has checked that it is public)."""
    record = PublicCase(
        slug=case.slug,
        url=case.get_absolute_url(),
        name=case.display_name(),
        other_name=case.name_latin if is_persian() else case.name_fa,
        other_language="en" if is_persian() else "fa",
        status=case.public_status,
        status_label=Status(case.public_status).label,
        summary=case.summary,
    )
    if record.other_name == record.name:
        record.other_name = ""
    if case.show_occupation:
        record.occupation = case.occupation
    if case.show_city:
        record.city = case.city
    if case.show_affiliations:
        record.organisations = [organisation for organisation in case.affiliations.all() if is_shown(organisation)]
        record.affiliations_text = case.affiliations_text
    record.photo = case.photo_shown
    if record.photo is not None:
        record.photo_alt = case.photo_alt
    if with_timeline:
        record.timeline = [public_event(event, details=case.show_event_details)
                           for event in case.timeline(public_only=True)]
        record.actions = public_actions(case)
    return record


@dataclass
class PublicAction:
    title: str
    url: str
    open: bool


def public_actions(case):
    """The campaigns about this person that the public may see, the open ones first, each at its
    address in the reader's language."""
    actions = [PublicAction(title=str(campaign), url=campaign.get_absolute_url(), open=campaign.is_open_for_signing())
               for campaign in case.campaigns.exclude(status="draft").order_by("-starts_on", "-pk")]
    return sorted(actions, key=lambda action: not action.open)
