from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "solidarity.archive"
    label = "archive"
    verbose_name = _("Legacy archive")
    default_auto_field = "django.db.models.BigAutoField"
    # Editors move the old site into drafts and review them (the drafts are network records and
    # pages, whose permissions they already have); translators do not import.
    staff_models = {"Editors": ["archive.importrun", "archive.importedfile"]}
