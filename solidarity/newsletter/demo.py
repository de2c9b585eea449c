"""A demo issue of the newsletter in the web archive, in English and Persian: the demo's
urgent action, a case and the CUPE Ontario article, as an editor would choose them. Marked as
sent without sending anything."""

from django.db import transaction
from django.utils import timezone

from . import services
from .models import Issue, IssueItem

INTRODUCTION = {
    "en": "<p>In this issue: an urgent action for the detained bus drivers, the case of a driver sentenced to "
          "five years, and how a union convention in Ontario answered our call. (A demonstration issue.)</p>",
    "fa": "<p>در این شماره: اقدامی فوری برای رانندگان بازداشت‌شده، پرونده راننده‌ای که به پنج سال زندان محکوم "
          "شده، و پاسخ کنوانسیون یک اتحادیه در انتاریو به فراخوان ما. (شماره‌ای نمایشی.)</p>",
}


def _choices(language):
    """The oldest campaign and case of the demo, and the CUPE Ontario article."""
    choices = []
    for kind in (IssueItem.Kind.ARTICLE, IssueItem.Kind.CAMPAIGN, IssueItem.Kind.CASE):
        records = services.source_records(kind, language)
        if kind == IssueItem.Kind.ARTICLE:
            records = [record for record in records if "/cupe-ontario-resolution-21/" in record.url]
        if records:
            choices.append(f"{kind}:{records[-1].pk}")
    return choices


@transaction.atomic
def load():
    """Adds issue 1/1 in each language once; returns how many issues were added."""
    added = {}
    now = timezone.now()
    for language in ("en", "fa"):
        if Issue.objects.filter(language=language, volume=1, number=1).exists():
            continue
        issue = Issue.objects.create(language=language, volume=1, number=1, date=timezone.localdate(),
                                     introduction=INTRODUCTION[language], status=Issue.Status.SENT, published_at=now)
        for choice in _choices(language):
            services.add_item(issue=issue, choice=choice)
        added[language] = issue
    if len(added) == 2:
        added["en"].counterpart = added["fa"]
        added["en"].save(update_fields=["counterpart"])
    return len(added)
