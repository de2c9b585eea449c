from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftQuerySet(models.QuerySet):
    def public(self):
        """Records the public site may show: not drafts waiting for an editor's review."""
        return self.filter(draft=False)

    def drafts(self):
        return self.filter(draft=True)


class Reviewable(models.Model):
    """A record that may arrive as a draft (from the old site's archive) and is kept off every
    public page, count, feed and export until an editor has checked it and accepted it."""

    draft = models.BooleanField(
        _("draft, not yet reviewed"), default=False, db_index=True,
        help_text=_("Made by the archive import; shown on the public site only once an editor accepts it."),
    )

    objects = DraftQuerySet.as_manager()

    class Meta:
        abstract = True

    def accept(self):
        """The editor has checked the draft: from now on it is a normal record."""
        if self.draft:
            self.draft = False
            self.save(update_fields=["draft"])
        return self
