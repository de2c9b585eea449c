from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One import of a set of old files, by the command or the admin page."""

    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    base_url = models.CharField(_("old site's address"), max_length=500, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("started by"),
    )
    # Files already imported by an earlier run: named here, not imported again.
    skipped = models.JSONField(_("files already imported"), default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} · {self.source}"


class ImportedFile(models.Model):
    """An old file, kept as it was, with what was read from it and the draft records made from it."""

    class Status(models.TextChoices):
        IMPORTED = "imported", _("Imported as drafts")
        FAILED = "failed", _("Could not be imported")

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="files", verbose_name=_("run"))
    name = models.CharField(_("file name"), max_length=500)
    checksum = models.CharField(_("SHA-256 of the file"), max_length=64, unique=True)
    original = models.FileField(_("original file"), upload_to="archive/originals/%Y/", max_length=300)
    file_format = models.CharField(_("format"), max_length=10)
    old_path = models.CharField(_("old address"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IMPORTED)
    kind = models.CharField(_("kind of document"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=5, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    extracted = models.JSONField(_("what was read"), default=dict, blank=True)
    uncertainties = models.JSONField(_("what the importer was unsure of"), default=list, blank=True)
    article = models.ForeignKey(
        "publishing.ArticlePage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("draft article"),
    )
    resolution = models.ForeignKey(
        "network.Resolution", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("draft resolution"),
    )
    letter = models.ForeignKey(
        "network.Correspondence", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("draft letter"),
    )
    proposed_organisations = models.ManyToManyField(
        "network.Organisation", blank=True, related_name="+", verbose_name=_("organisations proposed")
    )
    redirect = models.ForeignKey(
        "wagtailredirects.Redirect", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("redirect from the old address"),
    )

    class Meta:
        ordering = ["run", "name"]
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")

    def __str__(self):
        return self.name

    def records(self):
        return [record for record in (self.article, self.resolution, self.letter) if record is not None]
