"""Everything waiting for a translation, in either direction, in one list for translators.

Pages are translated with wagtail-localize, records with English/Persian field pairs (network,
cases, campaigns, mailing lists), newsletters as one issue per language linked to its
counterpart. Each app says what of its own waits, in its wagtail_hooks.py, through the
`register_translation_queue` hook: a function of the staff member that gives `Waiting` items
(core imports no app). `paired_records_waiting` serves every app with field pairs.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from wagtail import hooks

from .i18n import is_persian

HOOK = "register_translation_queue"
LIMIT = 200  # per kind of record: the list is a work queue, not a report


@dataclass(frozen=True)
class Waiting:
    kind: str  # what it is: "Organisation", "Page"...
    title: str
    needs: str  # the language it waits for: "fa" or "en"
    edit_url: str
    detail: str = ""  # what is missing

    @property
    def needs_persian(self):
        return is_persian(self.needs)


def paired_fields(model):
    """The `<field>` names of the model's `<field>_en` / `<field>_fa` text pairs."""
    names = {field.name for field in model._meta.concrete_fields
             if field.get_internal_type() in ("CharField", "TextField")}
    return [name[:-3] for name in sorted(names) if name.endswith("_en") and f"{name[:-3]}_fa" in names]


def _missing(language, pairs):
    """Records with some pair written in the other language and empty in this one."""
    other = "en" if language == "fa" else "fa"
    query = Q()
    for field in pairs:
        query |= Q(**{f"{field}_{language}": ""}) & ~Q(**{f"{field}_{other}": ""})
    return query


def paired_records_waiting(queryset, *, edit_url, title=str, limit=LIMIT):
    """`Waiting` items for the records of `queryset` with a pair filled in one language only."""
    model = queryset.model
    pairs = paired_fields(model)
    if not pairs:
        return []
    waiting = []
    for language in ("fa", "en"):
        other = "en" if language == "fa" else "fa"
        for record in queryset.filter(_missing(language, pairs)).order_by("-pk")[:limit]:
            empty = [str(model._meta.get_field(f"{field}_{language}").verbose_name) for field in pairs
                     if not getattr(record, f"{field}_{language}") and getattr(record, f"{field}_{other}")]
            waiting.append(Waiting(kind=str(model._meta.verbose_name), title=title(record), needs=language,
                                   edit_url=edit_url(record), detail=", ".join(empty)))
    return waiting


def snippet_edit_url(record):
    return reverse(type(record).snippet_viewset.get_url_name("edit"), args=[record.pk])


def waiting_for(user):
    """Everything this staff member may translate, Persian first."""
    items = []
    for provider in hooks.get_hooks(HOOK):
        items.extend(provider(user))
    return sorted(items, key=lambda item: (not item.needs_persian, item.kind, item.title))
