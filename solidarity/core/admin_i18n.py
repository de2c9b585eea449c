"""The admin in the staff member's own language where Wagtail fixes words at start-up.

Wagtail writes the "Choose organisation" / "Choose another organisation" / "Edit this
organisation" texts of its snippet and page choosers once, when the widget is made, which is
when the server starts: in English, whatever the admin's language. `install()` makes them lazy,
so they are translated for each request. An administrator without a name can switch the
admin's language. wagtail-localize's Translation model has no
translatable name, so the group permission screen showed "Translation" in English.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, gettext_lazy

from .dates import gregorian_fa, jalali
from .i18n import is_persian

_lazy_text = lazy(lambda template, model: gettext(template) % {"object": model._meta.verbose_name}, str)
_lazy_page_text = lazy(lambda model: f"{gettext('Choose a page')} ({capfirst(model._meta.verbose_name)})", str)

CHOOSER_TEXTS = {
    "choose_one_text": "Choose %(object)s",
    "choose_another_text": "Choose another %(object)s",
    "link_to_chosen_text": "Edit this %(object)s",
}


def install():
    # The first administrator (createsuperuser) has no name, and the account page saves all its
    # panels at once: with the name required, switching the admin to Persian silently failed.
    from wagtail.admin.forms.account import NameEmailForm

    NameEmailForm.base_fields["first_name"].required = False
    NameEmailForm.base_fields["last_name"].required = False

    from wagtail.admin.widgets.chooser import AdminPageChooser
    from wagtail.snippets.widgets import AdminSnippetChooser
    from wagtail_localize.models import Translation

    snippet_init = AdminSnippetChooser.__init__

    def lazy_snippet_init(self, model=None, **kwargs):
        snippet_init(self, model=model, **kwargs)
        for attribute, template in CHOOSER_TEXTS.items():
            if attribute not in kwargs:
                setattr(self, attribute, _lazy_text(template, self.model))

    AdminSnippetChooser.__init__ = lazy_snippet_init

    page_init = AdminPageChooser.__init__

    def lazy_page_init(self, target_models=None, *args, **kwargs):
        page_init(self, target_models, *args, **kwargs)
        models = self.target_models
        if "choose_one_text" not in kwargs and len(models) == 1 and models[0].__name__ != "Page":
            self.choose_one_text = _lazy_page_text(models[0])

    AdminPageChooser.__init__ = lazy_page_init

    # django-filter names these filters after their fields, in English.
    from wagtail_localize.views.report import TranslationsReportFilterSet

    TranslationsReportFilterSet.base_filters["source_locale"].label = gettext_lazy("Source locale")
    TranslationsReportFilterSet.base_filters["target_locale"].label = gettext_lazy("Target locale")

    # Made when the server starts, in English: the redirects' filter and the first breadcrumb
    # of snippets without a menu item of their own.
    from wagtail.contrib.redirects.filters import RedirectsReportFilterSet
    from wagtail.snippets.views.snippets import SnippetViewSet

    redirect_type = RedirectsReportFilterSet.base_filters["is_permanent"]
    redirect_type.label = gettext_lazy("Type")
    redirect_type.extra["choices"] = ((True, gettext_lazy("Permanent")), (False, gettext_lazy("Temporary")))
    redirect_type.extra["empty_label"] = gettext_lazy("All")

    breadcrumbs = SnippetViewSet.breadcrumbs_items.fget
    words = {"Home": gettext_lazy("Home"), "Snippets": gettext_lazy("Snippets")}
    SnippetViewSet.breadcrumbs_items = property(
        lambda self: [{**item, "label": words.get(str(item["label"]), item["label"])} for item in breadcrumbs(self)])

    # The translation editor's "Translated manually on 6 December 2026": the date in the staff
    # member's language, both calendars in Persian (wagtail-localize writes it with strftime).
    from wagtail_localize.models import StringTranslation

    def get_comment(self):
        day = timezone.localtime(self.updated_at).date()
        date = f"{jalali(day)} ({gregorian_fa(day)})" if is_persian(get_language()) else date_format(day, "j F Y")
        if self.tool_name:
            return gettext("Translated with {tool_name} on {date}").format(tool_name=self.tool_name, date=date)
        if self.translation_type == self.TRANSLATION_TYPE_MACHINE:
            return gettext("Machine translated on {date}").format(date=date)
        return gettext("Translated manually on {date}").format(date=date)

    StringTranslation.get_comment = get_comment

    Translation._meta.verbose_name = gettext_lazy("translation")
    Translation._meta.verbose_name_plural = gettext_lazy("translations")

    _set_up_screens()


def _set_up_screens():
    """Wagtail's set-up screens (groups, sites, workflows, locales) name their permissions,
    columns and some fields when the server starts, or from the code's own names, in English:
    named again lazily, so each request has them in its language."""
    from wagtail.admin.forms.collections import GroupCollectionManagementPermissionFormSet
    from wagtail.documents.forms import GroupDocumentPermissionFormSet
    from wagtail.images.forms import GroupImagePermissionFormSet
    from wagtail.sites.views import IndexView as SitesIndexView

    for formset in (GroupCollectionManagementPermissionFormSet, GroupDocumentPermissionFormSet,
                    GroupImagePermissionFormSet):
        # The same list the formset's labels read: replaced in place.
        kinds = formset.permission_types
        kinds[:] = [(codename, gettext_lazy(str(short)), gettext_lazy(str(long))) for codename, short, long in kinds]
        formset.form.base_fields["collection"].label = gettext_lazy("Collection")
    labels = {"port": gettext_lazy("Port"), "site_name": gettext_lazy("Site name"), "root_page": gettext_lazy("Root page")}
    for column in SitesIndexView.columns:
        if column.name in labels:
            column.label = labels[column.name]

    # Names Django makes up from the code (no migration: they equal the names made up).
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.models import Locale
    from wagtail_localize.components import BaseComponentManager
    from wagtail_localize.models import LocaleSynchronization

    Locale._meta.verbose_name = gettext_lazy("locale")
    Locale._meta.verbose_name_plural = gettext_lazy("locales")
    LocaleSynchronization._meta.get_field("sync_from").verbose_name = gettext_lazy("sync from")
    from wagtail.users.forms import PagePermissionsForm

    for form in (WorkflowPageForm, PagePermissionsForm):
        form.base_fields["page"].label = gettext_lazy("Page")

    # The "enabled" box wagtail-localize adds to each optional part of the locale form.
    from_request = BaseComponentManager.from_request.__func__

    def labelled_from_request(cls, request, source_object_instance=None):
        manager = from_request(cls, request, source_object_instance=source_object_instance)
        for _component, _instance, form in manager.components:
            if "enabled" in form.fields:
                form.fields["enabled"].label = gettext("Enabled")
        return manager

    BaseComponentManager.from_request = classmethod(labelled_from_request)
