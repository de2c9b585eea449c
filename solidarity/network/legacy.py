"""The two documents of the alliance's old website, as network records.

Built through the services, as a coordinator would enter them; the demo content and the
tests both use these builders. The text is the original's, cleaned of the scraper's
navigation remnants, bullets and hard line breaks, and otherwise unchanged (including its
spelling).
"""

import datetime

from solidarity.core.legacy_texts import (  # noqa: F401 (re-exported for the tests)
    CUPE_COMMITMENTS,
    CUPE_CONSIDERATIONS,
    LETTER_PARAGRAPHS,
)

from . import services
from .models import Correspondence, Event, Organisation

APTUF_SUBJECT = (
    "Solidarity Message to: Asian Conference In defence of peace and nations’ rights, in defence of the labour "
    "movement’s independence from world governance. Held in Mumbai 19-21 January, 2008"
)
# The texts are kept once, with the demo articles that publish them.
# The letter's last paragraph is its closing slogan, kept with the closing here.
APTUF_BODY = "\n\n".join(LETTER_PARAGRAPHS[:-1])
APTUF_CLOSING = "Log live workers’ international solidarity\nBest wishes for all of you!"
ALLIANCE_NAME = "International Alliance in Support of Workers in Iran"


def alliance():
    found = services.the_alliance()
    if found:
        return found
    return services.register_organisation(
        name_en=ALLIANCE_NAME, name_fa="اتحاد بین‌المللی در حمایت از کارگران در ایران",
        acronym_en="IASWI", acronym_fa="اتحاد بین‌المللی", kind=Organisation.Kind.SOLIDARITY_COMMITTEE,
        relationship=Organisation.Relationship.ALLIANCE,
    )


def _organisation(name_en, **fields):
    return Organisation.objects.filter(name_en=name_en).first() or services.register_organisation(
        name_en=name_en, **fields
    )


def cupe_resolution_21(*, article=None):
    """CUPE Ontario's Resolution No. 21 (49th Annual Convention, May 23-26, 2012)."""
    cupe = _organisation(
        "Canadian Union of Public Employees", name_fa="اتحادیه کارکنان خدمات عمومی کانادا", acronym_en="CUPE",
        acronym_fa="کوپ", kind=Organisation.Kind.UNION, country="CA", city_en="Ottawa", city_fa="اتاوا",
        website="https://cupe.ca/", relationship=Organisation.Relationship.PARTNER,
    )
    ontario = _organisation(
        "CUPE Ontario", name_fa="کوپ انتاریو", acronym_en="CUPE Ontario", kind=Organisation.Kind.UNION,
        country="CA", city_en="Toronto", city_fa="تورنتو", parent=cupe, website="https://cupe.on.ca/",
        relationship=Organisation.Relationship.PARTNER,
    )
    local = _organisation(
        "CUPE Local 4400", name_fa="شاخه ۴۴۰۰ کوپ", kind=Organisation.Kind.LOCAL, country="CA",
        city_en="Toronto", city_fa="تورنتو", parent=ontario, relationship=Organisation.Relationship.PARTNER,
    )
    committee = _organisation(
        "International Solidarity Committee", name_fa="کمیته همبستگی بین‌المللی",
        kind=Organisation.Kind.SOLIDARITY_COMMITTEE, country="CA", parent=ontario,
        relationship=Organisation.Relationship.PARTNER,
    )
    convention = services.record_event(
        title_en="49th Annual CUPE Ontario Convention", title_fa="چهل و نهمین کنوانسیون سالانه کوپ انتاریو",
        kind=Event.Kind.CONVENTION, start_date=datetime.date(2012, 5, 23), end_date=datetime.date(2012, 5, 26),
        country="CA", organisers=[ontario], related_articles=[article] if article else [],
    )
    if article:
        ontario.related_articles.add(article)
    return services.record_resolution(
        adopting_organisation=ontario, event=convention, number="21",
        title_en="Solidarity with workers in Iran", title_fa="همبستگی با کارگران ایران",
        # The convention adopted it; the old site gives the convention's dates, not the day of the vote.
        date=datetime.date(2012, 5, 26), submitted_by=[local, committee],
        commitments_lead_en="CUPE Ontario will:", commitments_lead_fa="کوپ انتاریو:",
        commitments=CUPE_COMMITMENTS, considerations=CUPE_CONSIDERATIONS,
        source_title="Resolutions and Constitutional Amendments booklet", response_article=article,
    )


def aptuf_message_2008(*, article=None):
    """The solidarity message of January 14, 2008 to APTUF and the Asian Conference in Mumbai."""
    sender = alliance()
    aptuf = _organisation(
        "All Pakistan Trade Union Federation", name_fa="فدراسیون اتحادیه‌های کارگری سراسر پاکستان",
        acronym_en="APTUF", kind=Organisation.Kind.FEDERATION, country="PK",
        relationship=Organisation.Relationship.ALLY,
    )
    conference = services.record_event(
        title_en="Asian Conference in defence of peace and nations’ rights, in defence of the labour movement’s "
        "independence from world governance",
        title_fa="کنفرانس آسیایی در دفاع از صلح و حقوق ملت‌ها و استقلال جنبش کارگری",
        kind=Event.Kind.CONFERENCE, start_date=datetime.date(2008, 1, 19), end_date=datetime.date(2008, 1, 21),
        place_en="Mumbai", place_fa="بمبئی", country="IN", invited=True,
        related_articles=[article] if article else [],
    )
    if article:
        aptuf.related_articles.add(article)
    letter = services.write_letter(
        sender=sender, recipients=[aptuf], event=conference, date=datetime.date(2008, 1, 14),
        subject=APTUF_SUBJECT, salutation="Dear Comrades;", body=APTUF_BODY, closing=APTUF_CLOSING,
        signatories=f"{ALLIANCE_NAME} (IASWI)", language="en",
    )
    services.publish_letter(letter)
    services.record_event_response(
        conference, response=Event.Response.DECLINED, reason_en="Schedule and financial difficulties.",
        reason_fa="مشکلات زمانی و مالی.", message=letter,
    )
    return letter


__all__ = ["Correspondence", "aptuf_message_2008", "cupe_resolution_21"]
