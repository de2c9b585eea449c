"""The two documents of the alliance's old website, as network records.

Built through the services, as a coordinator would enter them; the demo content and the
tests both use these builders. The text is the original's, cleaned of the scraper's
navigation remnants, bullets and hard line breaks, and otherwise unchanged (including its
spelling).
"""

import datetime

from . import services
from .models import Correspondence, Event, Organisation

CUPE_COMMITMENTS = [
    "Condemn the persecution of labour activists in Iran by the Iranian government and support the right of "
    "Iranian workers to freely establish independent workers’ organizations.",
    "Work with independent labour organizations in Iran to strengthen worker-to-worker solidarity, as part of "
    "the world-wide struggle against the capitalist and neoliberal agenda.",
    "Take a clear stand against economic sanctions and any attempts by the U.S. and its allies, including "
    "Canada, to pursue military interventions against Iran.",
]
CUPE_CONSIDERATIONS = [
    "The government's anti-worker and repressive policies have consistently been violently imposed on workers "
    "in Iran.",
    "Iranian workers have no right to organize or strike and often face persecution, arrests and imprisonment.",
    "Economic sanctions and military intervention against Iran will be disastrous and unacceptable under any "
    "pretext and its main victims are surely the working and ordinary people of Iran.",
    "The US and its allies' drive to wage war against Iran has been a pretext for increased attacks on workers’ "
    "and human rights by both sides of the current dispute.",
]

APTUF_SUBJECT = (
    "Solidarity Message to: Asian Conference In defence of peace and nations’ rights, in defence of the labour "
    "movement’s independence from world governance. Held in Mumbai 19-21 January, 2008"
)
APTUF_BODY = "\n\n".join([
    "The International Alliance in Support of Workers in Iran (IASWI) sends its warmest solidarity greetings to "
    "the All Pakistan Trade Union Federation (APTUF) and the Asian Conference that is taking place on 19-21 "
    "January, 2008, in Mumbai, India. We thank you very much for inviting us to attend this important "
    "conference, which aims to defend peace and the independence of the labour movement. Unfortunately, due to "
    "schedule and financial difficulties, we could not send any representative to this conference; however, we "
    "wish all participants at this conference a very successful outcome for the interest of the working class in "
    "the Indian sub-continent, Asia and around the world.",
    "The IASWI has been formed since 1999 to launch international solidarity campaigns in support of workers’ "
    "struggles in Iran. In Iran, like the rest of the world, the working class has been fighting back against "
    "the repressive governments, employers and the ruling capitalist classes under enormously hostile "
    "conditions. We are facing a capitalist and repressive Islamic regime which, for the past 28 years, has "
    "violently brutalized workers’ and human rights and freedoms. Workers and progressive forces are constantly "
    "persecuted, arrested and imprisoned. The Islamic Republic of Iran does not recognize the rights to organize "
    "and strike and brutally suppresses workers’ and human rights. So, there is no justice in Iran for workers "
    "and the majority of populations under the repressive Islamic regime. Similarly, reactionary Islamic forces "
    "in other parts of the region, for instance in Pakistan or Afghanistan, not only are not, in any form and "
    "shape, progressive or anti-imperialist whatsoever but they have been oppressors and major barriers to the "
    "formation of the working class solidarity and unity against capitalism, repressive governments and for "
    "true justice and peace.",
    "This brings us to the issue of peace. It is important to emphasize that the US Administration’s drive to "
    "wage war and military aggressions in the region, beside their imperialistic economic and political "
    "interests, has been a pretext for attacks on labour, civil, immigrant, and human rights in the US and other "
    "parts of the world. In Iraq, these policies have brought absolute disaster for the Iraqi people. About "
    "Iran, what is taking place presently, between the US and its European allies and the capitalist Islamic "
    "Republic regime in Iran, has no progressive or legitimate sides. A working class perspective does not take "
    "sides in such a reactionary dispute. The United States government, which in collaboration with businesses "
    "and industries has for years stripped workers of so many of their rights and protections, as the most "
    "dangerous nuclear and military power and the only government ever used the atomic bomb against people, has "
    "no credibility at all; similarly, the Islamic Republic of Iran, which has killed or imprisoned hundreds of "
    "thousands of labour activists, socialists, human rights activists, students and intellectuals and sent "
    "millions to exile has absolutely no legitimacy for the Iranian people, particularly in the eyes of the "
    "working class, women, youth and the ever-growing poor populations in the country. A progressive position in "
    "defence of peace and the independence of the labour movement not only opposes any attempts to pursue war or "
    "economic sanctions against Iran, it ought, at the same time, support the ever-increasing workers’ struggles "
    "against the repressive Islamic regime and capitalists in Iran, which are forcefully implementing the most "
    "aggressive and violent anti-worker and neo-liberal policies in this country’s contemporary history.",
    "The working class urgently needs to form independent, strong and broad-based organizations that can fight "
    "governments and capitalists for the benefit of our class and the whole human society.",
    "Our region is a very complicated one; that is why it is so essential that we all continue with our "
    "dialogues and solidarity initiatives to better understand each others’ issues and barriers as well as "
    "finding effective ways to building lasting class solidarity and cooperation amongst us. We need to build "
    "effective progressive labour movements in order to confront capitalism and their governments and other "
    "reactionary forces in our countries, the whole region and around the world.",
    "Please inform us of the outcome of the conference. We hope that we will be able to continue our dialogue "
    "and solidarity initiatives for many more years to come.",
])
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
