"""Demo records for the network: the two legacy documents and a modest, realistic set around them.

Organisations other than those named in the legacy documents and well-known bodies are
invented, so that no real union is shown adopting a resolution it did not adopt.
"""

import datetime

from django.db import transaction

from . import legacy, services
from .models import Event, LetterTemplate, Organisation, Resolution

Kind = Organisation.Kind


def already_loaded():
    return Resolution.objects.exists()


def _article(title_start):
    from solidarity.publishing.models import ArticlePage

    return ArticlePage.objects.filter(locale__language_code="en", title__startswith=title_start).first()


@transaction.atomic
def load():
    alliance = legacy.alliance()
    legacy.cupe_resolution_21(article=_article("CUPE Ontario adopted"))
    legacy.aptuf_message_2008(article=_article("Solidarity message to the Asian Conference"))
    org = services.register_organisation
    ilo = org(name_en="International Labour Organization", name_fa="سازمان بین‌المللی کار", acronym_en="ILO",
              acronym_fa="آی‌ال‌او", kind=Kind.INTERGOVERNMENTAL, country="CH", city_en="Geneva", city_fa="ژنو",
              website="https://www.ilo.org/", relationship=Organisation.Relationship.TARGET)
    bus = org(name_en="Syndicate of Workers of Tehran and Suburbs Bus Company",
              name_fa="سندیکای کارگران شرکت واحد اتوبوسرانی تهران و حومه", kind=Kind.UNION, country="IR",
              city_en="Tehran", city_fa="تهران", relationship=Organisation.Relationship.PARTNER)
    teachers = org(name_en="Northern Teachers' Federation", name_fa="فدراسیون معلمان شمال", acronym_en="NTF",
                   kind=Kind.FEDERATION, country="GB", city_en="Leeds", city_fa="لیدز",
                   relationship=Organisation.Relationship.ALLY,
                   notes="Demo: ask the international officer before quoting.", contacts="Demo contact, not real")
    branch = org(name_en="Northern Teachers' Federation, Leeds Branch", kind=Kind.LOCAL, country="GB",
                 city_en="Leeds", parent=teachers, relationship=Organisation.Relationship.ALLY)
    nurses = org(name_en="Nordic Nurses' Union", name_fa="اتحادیه پرستاران نوردیک", kind=Kind.UNION, country="SE",
                 city_en="Stockholm", city_fa="استکهلم", relationship=Organisation.Relationship.ALLY)
    dockers = org(name_en="Harbour Workers' Confederation", name_fa="کنفدراسیون کارگران بندر",
                  kind=Kind.CONFEDERATION, country="FR", city_en="Marseille", city_fa="مارسی",
                  relationship=Organisation.Relationship.PARTNER)
    committee = org(name_en="Iran Labour Solidarity Network Norway", name_fa="شبکه همبستگی کارگری ایران، نروژ",
                    kind=Kind.SOLIDARITY_COMMITTEE, country="NO", city_en="Oslo", city_fa="اسلو",
                    relationship=Organisation.Relationship.PARTNER)

    conference = services.record_event(
        title_en="Northern Teachers' Federation Annual Conference", title_fa="کنفرانس سالانه فدراسیون معلمان شمال",
        kind=Event.Kind.CONFERENCE, start_date=datetime.date(2019, 4, 19), end_date=datetime.date(2019, 4, 22),
        place_en="Harrogate", country="GB", organisers=[teachers], invited=True,
    )
    services.record_event_response(conference, response=Event.Response.ATTENDED)
    services.record_resolution(
        adopting_organisation=teachers, event=conference, number="34", date=datetime.date(2019, 4, 21),
        title_en="Free the jailed teachers of Iran", title_fa="معلمان زندانی ایران را آزاد کنید",
        submitted_by=[branch], commitments_lead_en="Conference instructs the Executive to:",
        commitments=[("Call on the Iranian authorities to release all imprisoned teacher trade unionists.",
                      "از مقامات ایران بخواهد همه فعالان صنفی معلمان زندانی را آزاد کنند."),
                     ("Raise their cases with the ILO Committee on Freedom of Association.",
                      "پرونده آنان را در کمیته آزادی انجمن‌های سازمان بین‌المللی کار مطرح کند.")],
        considerations=[("Teachers in Iran who organise independently face arrest and long prison terms.",
                         "معلمانی که در ایران مستقلاً متشکل می‌شوند با بازداشت و حبس‌های طولانی روبه‌رو هستند.")],
    )
    day = services.record_event(
        title_en="International Day of Action for Iranian Bus Workers",
        title_fa="روز اقدام بین‌المللی برای کارگران اتوبوسرانی ایران", kind=Event.Kind.DAY_OF_ACTION,
        start_date=datetime.date(2023, 2, 15), organisers=[committee, dockers],
    )
    services.record_resolution(
        adopting_organisation=dockers, event=None, number="2023-07", date=datetime.date(2023, 3, 2),
        title_en="Support for the Tehran bus workers' syndicate", title_fa="حمایت از سندیکای کارگران شرکت واحد",
        commitments=["Send a delegation to the Iranian embassy with the syndicate's demands.",
                     "Donate to the strike fund of the syndicate."],
        considerations=["The syndicate's leaders have been repeatedly imprisoned for organising."],
    )
    services.record_resolution(
        adopting_organisation=nurses, number="12", date=datetime.date(2021, 9, 10), status=Resolution.Status.ADOPTED,
        title_en="Health workers' right to organise in Iran", title_fa="حق تشکل کارکنان بهداشت در ایران",
        commitments=["Publish the cases of imprisoned nurses in our members' magazine."],
    )
    services.record_resolution(
        adopting_organisation=committee, number="3", date=datetime.date(2022, 5, 1),
        status=Resolution.Status.REFERRED, title_en="A May Day appeal for jailed labour activists",
        commitments=["Refer the appeal to the national trade union centre."],
    )
    persian = services.write_letter(
        sender=alliance, recipients=[bus], event=day, date=datetime.date(2023, 2, 15), language="fa",
        subject="پیام همبستگی به سندیکای کارگران شرکت واحد",
        salutation="رفقای گرامی،",
        body="اتحاد بین‌المللی در حمایت از کارگران در ایران گرم‌ترین درودهای همبستگی خود را به شما می‌فرستد.\n\n"
        "ما در کنار مبارزه شما برای آزادی همکاران زندانی و حق تشکل مستقل ایستاده‌ایم.",
        closing="زنده باد همبستگی بین‌المللی کارگران", signatories="اتحاد بین‌المللی در حمایت از کارگران در ایران",
    )
    services.publish_letter(persian)
    services.record_event(title_en="ILO International Labour Conference", title_fa="کنفرانس بین‌المللی کار",
                          kind=Event.Kind.CONFERENCE, start_date=datetime.date(2024, 6, 3),
                          end_date=datetime.date(2024, 6, 14), place_en="Geneva", place_fa="ژنو", country="CH",
                          organisers=[ilo])
    load_letter_templates()


def load_letter_templates():
    T = LetterTemplate
    T.objects.create(
        name="Greeting to a conference", kind=T.Kind.GREETING, language="en",
        subject="Solidarity message to the {event}", salutation="Dear Comrades,",
        body="The {alliance} sends its warmest solidarity greetings to the {event}, taking place on {dates} "
        "in {place}.\n\nWe wish all participants a very successful outcome for the interest of the working class.",
        closing="Long live workers' international solidarity", signatories="{alliance}",
    )
    T.objects.create(
        name="پیام به کنفرانس", kind=T.Kind.GREETING, language="fa", subject="پیام همبستگی به {event}",
        salutation="رفقای گرامی،",
        body="{alliance} گرم‌ترین درودهای همبستگی خود را به {event} که در {dates} در {place} برگزار می‌شود "
        "می‌فرستد.",
        closing="زنده باد همبستگی بین‌المللی کارگران", signatories="{alliance}",
    )
    T.objects.create(
        name="Thanks for a resolution", kind=T.Kind.THANKS, language="en",
        subject="Thank you for Resolution {resolution}", salutation="Dear friends and comrades at {organisation},",
        body="The {alliance} expresses its gratitude to {organisation} for adopting Resolution {resolution} in "
        "solidarity with workers in Iran.\n\nWe are ready to provide any information and support to further the "
        "objectives of this resolution.",
        closing="In solidarity,", signatories="{alliance}",
    )
    T.objects.create(
        name="سپاس برای قطعنامه", kind=T.Kind.THANKS, language="fa", subject="سپاس برای قطعنامه {resolution}",
        salutation="دوستان و رفقای گرامی در {organisation}،",
        body="{alliance} از {organisation} برای تصویب قطعنامه {resolution} در همبستگی با کارگران ایران "
        "سپاسگزاری می‌کند.",
        closing="با درودهای همبستگی،", signatories="{alliance}",
    )
