"""Many-to-many fields in the admin as a chooser that stays small at thousands of records.

The form holds only the records already chosen, each a ticked checkbox shown as a removable
chip (so without JavaScript the form sends them back unchanged, and unticking one removes it),
and a search box that asks `choose_records` for at most RESULTS records, searched in the
database by their names in both languages, either digit set, Arabic or Persian letter forms,
with or without a zero-width non-joiner.

Which fields: those to records the admin already lets people choose one at a time (snippets and
pages) and those an app declares with `allow_choosing` (mailing lists). Other many-to-many
fields stay a list of checkboxes; a record with nothing of a chooser (a signature, a subscriber)
is never offered here. A foreign key in a form Wagtail does not draw (a chooser's "create" tab,
an app's own form) takes `ChooseOne`, the same box holding at most one record; a listing's
filter over such a field takes the chooser too (`chooser_filterset`).

Who: a person sees results if they may read the records chosen (as in Wagtail's chooser for
them) or, for a many-to-many field, may add or change the records whose form has the field (the
form offers them every record of the field, as it always did); only people who may read the
chosen records search more than their names. Everyone else gets the admin's one refusal.
"""

import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.permissions import policy_registry

from .bilingual import pick
from .i18n import direction, is_persian, site_language, sort_key
from .permissions import may_read, refuse
from .text import clean_line, to_latin_digits, to_persian_digits

# At most this many records answer one search.
RESULTS = 20
# A query is cut to this many characters and words.
MAX_QUERY = 100
MAX_TERMS = 6
# A primary key no database holds (beyond a signed 64-bit integer) is not one.
MAX_PK = 2**63 - 1

_TO_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_TO_ARABIC_LETTERS = str.maketrans({"ی": "ي", "ک": "ك"})


# ---------------------------------------------------------------------------------------------
# Which fields, and how their records are named

# Models that are not snippets but are chosen by searching, and the fields their readers search.
_DECLARED = {}


def allow_choosing(model, *, search_fields=()):
    """Offer `model`'s records through the chooser (a model with a ModelViewSet of its own)."""
    _DECLARED[model] = tuple(search_fields)


def is_choosable(model):
    """Records the admin offers a chooser for: snippets (each with its guarded chooser), pages,
    and the models declared with `allow_choosing`."""
    from wagtail.models import Page

    return issubclass(model, Page) or hasattr(model, "snippet_viewset") or model in _DECLARED


def searched_fields(model):
    """The fields a reader of `model`'s records searches beyond their names."""
    if model in _DECLARED:
        return list(_DECLARED[model])
    return list(getattr(getattr(model, "snippet_viewset", None), "search_fields", None) or [])


def chooser_field(app_label, model_name, field_name):
    """The many-to-many or foreign key model field a chooser searches for, or Http404."""
    from django.apps import apps

    try:
        model = apps.get_model(app_label, model_name)
        field = model._meta.get_field(field_name)
    except (LookupError, FieldDoesNotExist):
        raise Http404 from None
    if not isinstance(field, (models.ManyToManyField, models.ForeignKey)) or not is_choosable(field.related_model):
        raise Http404
    return field


@dataclass(frozen=True)
class Naming:
    """The columns that name a record: an English (or Latin-script) and a Persian one, or a
    page's title in its own language, or one name."""

    fields: tuple
    page: bool = False

    @classmethod
    def of(cls, model):
        from wagtail.models import Page

        if issubclass(model, Page):
            return cls(("title",), page=True)
        names = [field.name for field in model._meta.concrete_fields]
        for name in names:
            for suffix in ("_en", "_latin"):
                stem = name.removesuffix(suffix)
                if name.endswith(suffix) and f"{stem}_fa" in names:
                    return cls((name, f"{stem}_fa"))
        return cls(tuple(name for name in ("title", "name") if name in names)[:1])

    @property
    def columns(self):
        return ("pk", *self.fields, "locale__language_code") if self.page else ("pk", *self.fields)

    def label(self, row):
        """(text, language): in the admin's language when the record has it, else the other
        one; "" when the language is not known."""
        if self.page:
            return row["title"], site_language(row["locale__language_code"])
        if len(self.fields) == 2:
            text = pick(row[self.fields[0]], row[self.fields[1]])
            return str(text), getattr(text, "language", "")
        return (row[self.fields[0]] if self.fields else str(row["pk"])), ""

    def order_column(self):
        """The column to sort by in the admin's language."""
        if len(self.fields) == 2 and is_persian():
            return self.fields[1]
        return self.fields[0] if self.fields else "pk"


def records_for(field):
    """Every record the field may hold, as its form offers them."""
    target = field.related_model
    return target._default_manager.complex_filter(field.get_limit_choices_to() or {})


def described(naming, rows):
    """What the chooser shows of each row: id, label and its language and direction."""
    found = []
    for row in rows:
        text, language = naming.label(row)
        found.append({"id": str(row["pk"]), "label": text, "lang": language,
                      "dir": direction(language) if language else "auto"})
    return found


def chosen_records(field, values):
    """The records `values` (ids as posted or stored) name, in their order, those that exist."""
    pks = []
    for value in values:
        try:
            pk = valid_pk(field.related_model, value)
        except ValidationError:
            continue
        if pk not in pks:
            pks.append(pk)
    if not pks:
        return []
    naming = Naming.of(field.related_model)
    rows = {row["pk"]: row for row in records_for(field).filter(pk__in=pks).values(*naming.columns)}
    return described(naming, [rows[pk] for pk in pks if pk in rows])


def valid_pk(model, value):
    """`value` as the model's primary key, or ValidationError."""
    pk = model._meta.pk.to_python(value.pk if isinstance(value, models.Model) else value)
    if pk is None or (isinstance(pk, int) and not 0 < pk <= MAX_PK):
        raise ValidationError("not a key")
    return pk


# ---------------------------------------------------------------------------------------------
# Searching

def query_terms(query):
    """The words of a query: a ZWNJ separates words as a space does (the same Persian word is
    typed with one, with a space or with neither)."""
    query = clean_line(query or "")[:MAX_QUERY]
    return [word for word in re.split(r"[\s\u200c]+", query) if word][:MAX_TERMS]


def variants(word):
    """The ways `word` may be stored: either digit set, Persian or Arabic letter forms."""
    forms_ = set()
    for digits in (word, to_latin_digits(word), to_persian_digits(word)):
        forms_ |= {digits, digits.translate(_TO_PERSIAN_LETTERS), digits.translate(_TO_ARABIC_LETTERS)}
    return forms_


def _any(fields, lookup, words):
    query = Q()
    for field in fields:
        for word in words:
            query |= Q(**{f"{field}__{lookup}": word})
    return query


def search(field, query, *, reader):
    """(records, more): at most RESULTS records of the field holding every word of `query`,
    those whose name starts with it first, then by name in the admin's language. Someone who
    may not read the records searches their names only."""
    terms = query_terms(query)
    if not terms:
        return [], False
    target = field.related_model
    naming = Naming.of(target)
    fields = list(naming.fields)
    if reader and not naming.page:
        fields += [name for name in searched_fields(target) if name not in fields]
    if not fields:
        return [], False
    records = records_for(field)
    for word in terms:
        records = records.filter(_any(fields, "icontains", variants(word)))
    rank, unnamed, column = Value(0), Value(0), naming.order_column()
    if naming.fields:
        whole = " ".join(terms)
        starts = _any(naming.fields, "istartswith", variants(whole) | variants(terms[0]))
        rank = Case(When(starts, then=Value(0)), default=Value(1), output_field=IntegerField())
        # Records not yet named in the admin's language after those that are.
        unnamed = Case(When(**{column: ""}, then=Value(1)), default=Value(0), output_field=IntegerField())
    rows = list(
        records.annotate(rank=rank, unnamed=unnamed)
        .order_by("rank", "unnamed", column, "pk")
        .values("rank", *naming.columns)[: RESULTS + 1]
    )
    more = len(rows) > RESULTS
    rows = rows[:RESULTS]
    found = described(naming, rows)
    # The database orders Persian by code point; a reader expects the alphabet's order, and
    # names in the admin's language before those only written in the other.
    language = site_language()
    ranked = sorted(zip(rows, found, strict=True), key=lambda pair: (
        pair[0]["rank"], pair[1]["lang"] != language, pair[1]["lang"], sort_key(pair[1]["label"], pair[1]["lang"] or "en")))
    return [record for _row, record in ranked], more


def may_choose(user, field):
    """Whether `user` may search the records of `field` (see the module docstring)."""
    if may_read(user, field.related_model):
        return True
    if not field.many_to_many:
        # A foreign key's own form offers Wagtail's chooser, which answers only its readers.
        return False
    return policy_registry.get_by_type(field.model).user_has_any_permission(user, ("add", "change"))


@never_cache
def choose_records(request, app_label, model_name, field_name):
    """The records a chooser offers for what was typed, as JSON."""
    field = chooser_field(app_label, model_name, field_name)
    if not may_choose(request.user, field):
        return refuse(request)
    results, more = search(field, request.GET.get("q", ""), reader=may_read(request.user, field.related_model))
    return JsonResponse({"results": results, "more": more})


# ---------------------------------------------------------------------------------------------
# The widget and its form field

class ChooseMany(forms.Widget):
    """The chosen records and a search box (see the module docstring). It never lists the
    field's choices: only the records in its value are read, in one query."""

    template_name = "core/admin/choose_many.html"
    allow_multiple_selected = True

    def __init__(self, field, attrs=None):
        super().__init__(attrs)
        self.field = field

    class Media:
        js = ["core/choose-many.js"]

    def url(self):
        meta = self.field.model._meta
        return reverse("core_choose_records", args=[meta.app_label, meta.model_name, self.field.name])

    def format_value(self, value):
        if value is None:
            return []
        if isinstance(value, (str, int, models.Model)):
            value = [value]
        return list(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        target = self.field.related_model._meta
        context["widget"].update(
            chosen=chosen_records(self.field, context["widget"]["value"]),
            url=self.url(),
            kind=target.verbose_name_plural,
        )
        return context

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        # Nothing ticked sends nothing: an empty choice, not an omitted field.
        return False


class ChosenRecordsField(forms.ModelMultipleChoiceField):
    """Records chosen by id. An id that names no record the field offers (gone, never was,
    not a number) fails with one message; the records that do exist stay chosen on the form."""

    default_error_messages = {
        "unknown": _("Some of the chosen records no longer exist or cannot be chosen here, so they were "
                     "left out. Check the list and save again."),
    }

    def _check_values(self, value):
        model = self.queryset.model
        pks, unknown = set(), False
        for item in value:
            try:
                pks.add(valid_pk(model, item))
            except (ValidationError, TypeError, ValueError):
                unknown = True
        found = self.queryset.filter(pk__in=pks)
        if unknown or found.count() != len(pks):
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        return found


def chooser_for(field):
    """The form field's arguments for a many-to-many model field (Wagtail's form override)."""
    if is_choosable(field.related_model):
        return {"form_class": ChosenRecordsField, "widget": ChooseMany(field)}
    return {"widget": forms.CheckboxSelectMultiple}


def chosen_records_field(field, **kwargs):
    """The chooser of the many-to-many model `field` in a form that is not the model's own (it
    searches, and is permitted, as the model's form). Made when a module is imported, before
    snippets are registered: the endpoint checks that the field is a chooser's when asked."""
    return field.formfield(form_class=ChosenRecordsField, widget=ChooseMany(field), **kwargs)


class ChooseOne(ChooseMany):
    """A foreign key as the same box holding at most one record: picking another replaces it,
    unticking it leaves the field empty."""

    allow_multiple_selected = False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["single"] = True
        return context

    def value_from_datadict(self, data, files, name):
        values = super().value_from_datadict(data, files, name)
        if not isinstance(values, (list, tuple)):
            values = [values]
        values = [value for value in values if value not in (None, "")]
        # One record: should more be sent, the last.
        return values[-1] if values else None


def chosen_record_field(field, **kwargs):
    """The chooser of the foreign key model `field` (one record) in a form of its own (see
    `chosen_records_field`)."""
    return field.formfield(widget=ChooseOne(field), **kwargs)


def chooser_filterset(model, fields, *, choose):
    """A listing's filters (Wagtail's `list_filter` of `fields`) in which the many-to-many
    fields and foreign keys named in `choose` are the chooser rather than every record as a
    checkbox: the filter then stays small however many records there are."""
    import django_filters
    from django.utils.text import capfirst
    from wagtail.admin.filters import WagtailFilterSet

    declared = {}
    for name in choose:
        field = model._meta.get_field(name)
        common = {"field_name": name, "label": capfirst(field.verbose_name), "queryset": records_for(field)}
        if isinstance(field, models.ManyToManyField):
            declared[name] = django_filters.ModelMultipleChoiceFilter(widget=ChooseMany(field), distinct=True, **common)
        else:
            declared[name] = django_filters.ModelChoiceFilter(widget=ChooseOne(field), **common)
    meta = type("Meta", (), {"model": model, "fields": [name for name in fields if name not in declared]})
    return type(f"{model.__name__}ChooserFilterSet", (WagtailFilterSet,), {**declared, "Meta": meta})
