"""Workflows of the network: recording organisations, events, resolutions and letters.

Every function validates what it is given and raises NetworkError with a translated message
that a coordinator can act on; nothing is half-written.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from solidarity.core.records import PublicRecord

from .models import Clause, Correspondence, Event, LetterTemplate, Organisation, Resolution


class NetworkError(Exception):
    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def _validate(instance, *, exclude=None):
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise NetworkError(" ".join(str(m) for m in messages), field=None if field == "__all__" else field) from error


def _as_pair(text):
    """A clause or name given as "English" or ("English", "Persian")."""
    if isinstance(text, tuple | list):
        en, fa = (list(text) + [""])[:2]
        return en, fa
    return text, ""


def the_alliance():
    """The organisation that runs this site: sender of outgoing letters, owner of the letterhead."""
    return Organisation.objects.filter(relationship=Organisation.Relationship.ALLIANCE).order_by("pk").first()


@transaction.atomic
def register_organisation(*, name_en, name_fa="", acronym_en="", acronym_fa="", kind=Organisation.Kind.UNION,
                          country="", city_en="", city_fa="", parent=None, website="",
                          relationship=Organisation.Relationship.OTHER, notes="", contacts="", draft=False):
    organisation = Organisation(
        name_en=name_en.strip(), name_fa=name_fa.strip(), acronym_en=acronym_en, acronym_fa=acronym_fa,
        kind=kind, country=country, city_en=city_en, city_fa=city_fa, parent=parent, website=website,
        relationship=relationship, notes=notes, contacts=contacts, draft=draft,
    )
    _validate(organisation)
    organisation.save()
    return organisation


@transaction.atomic
def move_organisation(organisation, *, parent):
    """Makes `organisation` part of `parent` (or of nothing), refusing loops."""
    if organisation.would_make_cycle(parent):
        raise NetworkError(
            _("%(organisation)s cannot be part of %(parent)s: that would make a loop.")
            % {"organisation": organisation, "parent": parent},
            field="parent",
        )
    organisation.parent = parent
    organisation.save(update_fields=["parent"])
    return organisation


@transaction.atomic
def record_event(*, title_en, start_date, title_fa="", kind=Event.Kind.CONFERENCE, end_date=None, place_en="",
                 place_fa="", country="", organisers=(), invited=False, related_articles=(), draft=False):
    event = Event(
        title_en=title_en, title_fa=title_fa, kind=kind, start_date=start_date, end_date=end_date,
        place_en=place_en, place_fa=place_fa, country=country, invited=invited, draft=draft,
    )
    _validate(event)
    event.save()
    event.organisers.set(organisers)
    event.related_articles.set(related_articles)
    return event


@transaction.atomic
def record_event_response(event, *, response, reason_en="", reason_fa="", message=None):
    """The alliance's answer to an invitation: attended or declined (and why), and the message it sent."""
    if response not in Event.Response.values:
        raise NetworkError(_("Unknown response."), field="response")
    if response == Event.Response.DECLINED and not event.invited:
        raise NetworkError(_("The alliance can only decline an invitation it received."), field="response")
    event.response = response
    event.response_reason_en = reason_en
    event.response_reason_fa = reason_fa
    fields = ["response", "response_reason_en", "response_reason_fa"]
    if message is not None:
        event.sent_message = True
        fields.append("sent_message")
        if message.event_id != event.pk:
            message.event = event
            message.save(update_fields=["event"])
    event.save(update_fields=fields)
    return event


@transaction.atomic
def record_resolution(*, adopting_organisation, title_en, date, number="", title_fa="", event=None,
                      status=Resolution.Status.ADOPTED, submitted_by=(), commitments=(), considerations=(),
                      commitments_lead_en="", commitments_lead_fa="", source_title="", source_url="",
                      source_document=None, response_article=None, draft=False):
    """A resolution with its clauses in the order given: commitments first, then considerations."""
    resolution = Resolution(
        adopting_organisation=adopting_organisation, event=event, number=number, title_en=title_en,
        title_fa=title_fa, date=date, status=status, commitments_lead_en=commitments_lead_en,
        commitments_lead_fa=commitments_lead_fa, source_title=source_title, source_url=source_url,
        source_document=source_document, response_article=response_article, draft=draft,
    )
    _validate(resolution)
    clauses = [(Clause.Kind.COMMITMENT, c) for c in commitments] + [
        (Clause.Kind.CONSIDERATION, c) for c in considerations
    ]
    for _kind, text in clauses:
        if not _as_pair(text)[0].strip():
            raise NetworkError(_("A clause cannot be empty."), field="clauses")
    # A parental many-to-many is written with the resolution itself.
    resolution.submitted_by.set(submitted_by)
    resolution.save()
    Clause.objects.bulk_create(
        Clause(resolution=resolution, kind=kind, text_en=_as_pair(text)[0].strip(),
               text_fa=_as_pair(text)[1].strip(), sort_order=position)
        for position, (kind, text) in enumerate(clauses)
    )
    return resolution


@transaction.atomic
def write_letter(*, sender, date, subject, body, recipients=(), event=None, resolution=None, salutation="",
                 closing="", signatories="", language="en", direction=Correspondence.Direction.OUTGOING,
                 status=Correspondence.Status.DRAFT, translation_of=None, draft=False):
    if not recipients and event is None:
        raise NetworkError(_("A letter needs at least one recipient organisation or an event."), field="recipients")
    letter = Correspondence(
        direction=direction, sender=sender, event=event, resolution=resolution, date=date, subject=subject,
        salutation=salutation, body=body.replace("\r\n", "\n").strip(), closing=closing, signatories=signatories,
        status=status, language=language, translation_of=translation_of, draft=draft,
    )
    _validate(letter)
    letter.save()
    letter.recipients.set(recipients)
    return letter


def _move_letter(letter, status):
    letter.status = status
    letter.save(update_fields=["status"])
    return letter


def mark_letter_sent(letter):
    if letter.status == Correspondence.Status.PUBLISHED:
        raise NetworkError(_("This letter is already published."))
    return _move_letter(letter, Correspondence.Status.SENT)


def publish_letter(letter):
    return _move_letter(letter, Correspondence.Status.PUBLISHED)


def unpublish_letter(letter):
    return _move_letter(letter, Correspondence.Status.SENT)


class _Blank(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _event_dates(event, language):
    from solidarity.core.dates import date_range_text
    from solidarity.core.i18n import is_persian
    from solidarity.core.text import to_persian_digits

    text = date_range_text(event.start_date, event.end_date, language)
    return to_persian_digits(text) if is_persian(language) else text


@transaction.atomic
def draft_letter_from_template(template, *, sender=None, recipients=(), event=None, resolution=None, date=None):
    """A new draft letter with the template's words, its placeholders filled from the records given."""
    sender = sender or the_alliance()
    if sender is None:
        raise NetworkError(_("Record the alliance itself as an organisation before writing letters."))
    language = template.language
    organisation = resolution.adopting_organisation if resolution else (recipients[0] if recipients else None)
    values = _Blank(
        alliance=sender.translated("name", language),
        organisation=organisation.translated("name", language) if organisation else "",
        event=event.translated("title", language) if event else "",
        place=event.translated("place", language) if event else "",
        dates=_event_dates(event, language) if event else "",
        resolution=(resolution.number or resolution.translated("title", language)) if resolution else "",
    )
    if resolution and not recipients:
        recipients = [resolution.adopting_organisation]
    if event and resolution is None and not recipients:
        recipients = list(event.organisers.all())

    def fill(text):
        return text.format_map(values)

    return write_letter(
        sender=sender, date=date or datetime.date.today(), recipients=recipients, event=event,
        resolution=resolution, subject=fill(template.subject), salutation=fill(template.salutation),
        body=fill(template.body), closing=fill(template.closing), signatories=fill(template.signatories),
        language=language,
    )


__all__ = [
    "LetterTemplate", "NetworkError", "draft_letter_from_template", "mark_letter_sent", "move_organisation",
    "publish_letter", "record_event", "record_event_response", "record_resolution", "register_organisation",
    "the_alliance", "unpublish_letter", "write_letter",
]


def _resolution_record(resolution, language):
    with translation.override(language):
        return PublicRecord(pk=resolution.pk, title=resolution.translated("title", language), summary="",
                            url=resolution.get_absolute_url())


def public_resolution_records(language, *, limit=200):
    """Adopted resolutions the public registry shows, the newest first, as other apps may show
    them (the newsletter); drafts waiting for review never."""
    return [_resolution_record(resolution, language)
            for resolution in Resolution.objects.public().adopted().order_by("-date", "-pk")[:limit]]


def public_resolution_record(pk, language):
    resolution = Resolution.objects.public().adopted().filter(pk=pk).first()
    return _resolution_record(resolution, language) if resolution else None


def searchable_records(language):
    """The public network records offered to site search (core/search.py): organisations,
    adopted resolutions with their clauses, events and published letters, none of them a draft."""
    from django.db.models import Prefetch

    from solidarity.core.bilingual import in_language
    from solidarity.core.search import SearchRecord, record_words

    def record(kind, item, title, words, *, titles, summary="", date=None):
        return SearchRecord(kind=kind, title=title, language=getattr(title, "language", language),
                            url=item.get_absolute_url(), summary=summary, date=date, titles=titles, words=words,
                            key=f"{item._meta.model_name}:{item.pk}")

    records = []
    with translation.override(language):
        for organisation in Organisation.objects.public():
            records.append(record(
                _("Organisation"), organisation, organisation.translated("name", language),
                record_words(organisation.acronym_en, organisation.acronym_fa, organisation.city_en, organisation.city_fa),
                titles=(organisation.name_en, organisation.name_fa, organisation.acronym_en, organisation.acronym_fa),
                summary=organisation.get_kind_display()))
        resolutions = (Resolution.objects.public().filter(adopting_organisation__draft=False)
                       .select_related("adopting_organisation").prefetch_related("clauses"))
        for resolution in resolutions:
            organisation = resolution.adopting_organisation
            records.append(record(
                _("Resolution"), resolution, resolution.translated("title", language),
                record_words(resolution.number, organisation.name_en, organisation.name_fa, organisation.acronym_en,
                             resolution.commitments_lead_en, resolution.commitments_lead_fa,
                             *(text for clause in resolution.clauses.all() for text in (clause.text_en, clause.text_fa))),
                titles=(resolution.title_en, resolution.title_fa), summary=organisation.translated("name", language),
                date=resolution.date))
        for event in Event.objects.public().prefetch_related(
                Prefetch("organisers", queryset=Organisation.objects.public())):
            records.append(record(
                _("Event"), event, event.translated("title", language),
                record_words(event.place_en, event.place_fa,
                             *(name for o in event.organisers.all() for name in (o.name_en, o.name_fa, o.acronym_en))),
                titles=(event.title_en, event.title_fa), summary=event.translated("place", language),
                date=event.start_date))
        letters = Correspondence.objects.public().filter(status=Correspondence.Status.PUBLISHED)
        for letter in letters:
            records.append(record(
                _("Letter"), letter, in_language(letter.subject, letter.language),
                record_words(letter.salutation, letter.body, letter.closing, letter.signatories),
                titles=(letter.subject,), date=letter.date))
    return records
