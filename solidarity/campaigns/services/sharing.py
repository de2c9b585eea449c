"""Sharing a campaign: the words a signer shares, the plain share links, and the picture a
link preview shows (the campaign's own, or one drawn with its title and count)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from solidarity.core import preview, share
from solidarity.core.i18n import site_language
from solidarity.core.text import to_persian_digits

from .counts import counts


def share_text(campaign):
    """What a supporter says when passing the action on, in the current language."""
    return _("I signed “%(title)s”. Please sign too:") % {"title": campaign.translated("title") or campaign.slug}


def share_links(campaign, *, url):
    return share.share_links(url=url, text=share_text(campaign), subject=campaign.translated("title"))


def count_line(total, language):
    text = ngettext("%(count)s confirmed signature", "%(count)s confirmed signatures", total) % {
        "count": f"{total:,}"}
    return to_persian_digits(text.replace(",", "٬")) if language == "fa" else text


def preview_png(campaign, *, site_name="", colours=None):
    """The drawn preview picture: title, one-line demand and count, on the site's colours."""
    language = site_language()
    total = counts(campaign)["total"]
    return preview.cached_png(
        title=campaign.translated("title") or campaign.slug,
        lines=(campaign.headline(), count_line(total, language)),
        footer=site_name,
        language=language,
        **(colours or {}),
    )
