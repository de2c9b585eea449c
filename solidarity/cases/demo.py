"""Demo cases: invented people (no real person's name) in situations like those the alliance
documents, with English and Persian texts, partial dates and one private case."""

import datetime
import io

from django.db import transaction

from solidarity.core import preview
from solidarity.network.models import Organisation

from .models import Case, CaseEvent

Kind = CaseEvent.Kind
Verification = CaseEvent.Verification
BUS_UNION = "Syndicate of Workers of Tehran and Suburbs Bus Company"


def d(text):
    return datetime.date.fromisoformat(text)


CASES = [
    {
        "slug": "kamran-sadeghpour",
        "name_latin": "Kamran Sadeghpour",
        "name_fa": "کامران صادق‌پور",
        "occupation_en": "Bus driver",
        "occupation_fa": "راننده اتوبوس",
        "organisation": BUS_UNION,
        "affiliations_text_en": "Member of the bus workers' syndicate's board",
        "affiliations_text_fa": "عضو هیئت مدیره سندیکای کارگران شرکت واحد",
        "city_en": "Tehran",
        "city_fa": "تهران",
        "summary_en": ("A bus driver for twenty years, arrested after the syndicate called for a wage rise in line "
                       "with inflation. Sentenced to five years in prison for \"assembly and collusion\"."),
        "summary_fa": ("رانندهٔ اتوبوس با بیست سال سابقه که پس از فراخوان سندیکا برای افزایش دستمزد متناسب با تورم "
                       "بازداشت شد. به اتهام «اجتماع و تبانی» به پنج سال زندان محکوم شده است."),
        "is_public": True,
        "show": ["occupation", "affiliations", "city", "event_details"],
        "events": [
            {"kind": Kind.ARREST, "date": d("2022-05-12"), "date_precision": "day",
             "place_en": "His home in Tehran", "place_fa": "منزلش در تهران",
             "description_en": "Arrested by security agents the morning after the syndicate's statement.",
             "description_fa": "صبح روز پس از انتشار بیانیهٔ سندیکا توسط مأموران امنیتی بازداشت شد.",
             "sources": "Syndicate statement; family (by phone)", "verification": Verification.CONFIRMED},
            {"kind": Kind.CHARGE, "date": d("2022-06-01"), "date_precision": "month",
             "place_en": "Revolutionary Court, Branch 26", "place_fa": "دادگاه انقلاب، شعبهٔ ۲۶",
             "description_en": "Charged with \"assembly and collusion against national security\".",
             "description_fa": "به «اجتماع و تبانی علیه امنیت ملی» متهم شد.",
             "sources": "Lawyer", "verification": Verification.ONE_SOURCE},
            {"kind": Kind.BAIL, "date": d("2022-08-20"), "date_precision": "day",
             "place_en": "Evin Prison", "place_fa": "زندان اوین", "bail_amount": 10_000_000_000, "bail_currency": "IRR",
             "sources": "Syndicate statement", "verification": Verification.CONFIRMED},
            {"kind": Kind.SENTENCE, "date": d("2023-03-01"), "date_precision": "month",
             "place_en": "Revolutionary Court, Branch 26", "place_fa": "دادگاه انقلاب، شعبهٔ ۲۶",
             "prison_years": 5, "lashes": 74,
             "ban_en": "Two years' ban on union activity", "ban_fa": "دو سال محرومیت از فعالیت صنفی",
             "sources": "Lawyer; court notice seen by the syndicate", "verification": Verification.CONFIRMED},
            {"kind": Kind.TRANSFER, "date": d("2023-11-04"), "date_precision": "day",
             "place_en": "Evin Prison", "place_fa": "زندان اوین",
             "description_en": "Summoned and taken to prison to serve the sentence.",
             "description_fa": "احضار و برای اجرای حکم به زندان منتقل شد.",
             "verification": Verification.CONFIRMED},
            {"kind": Kind.HUNGER_STRIKE, "date": d("2024-01-01"), "date_precision": "month",
             "place_en": "Evin Prison", "place_fa": "زندان اوین",
             "description_en": "On hunger strike in protest at being denied medical leave.",
             "description_fa": "در اعتراض به محرومیت از مرخصی درمانی دست به اعتصاب غذا زد.",
             "sources": "A fellow prisoner's family", "verification": Verification.ONE_SOURCE},
            # Kept private at the family's request.
            {"kind": Kind.MEDICAL_NEED, "date": d("2024-02-10"), "date_precision": "day", "is_public": False,
             "description_en": "Heart condition; the family asks that details are not published.",
             "description_fa": "بیماری قلبی؛ خانواده خواسته است جزئیات منتشر نشود.",
             "sources": "Family", "verification": Verification.ONE_SOURCE},
        ],
    },
    {
        "slug": "hamid-bavi",
        "name_latin": "Hamid Bavi",
        "name_fa": "حمید باوی",
        "occupation_en": "Sugar cane cutter",
        "occupation_fa": "کارگر نیشکر",
        "affiliations_text_en": "Sugar cane workers' syndicate",
        "affiliations_text_fa": "سندیکای کارگران نیشکر",
        "city_en": "Shush",
        "city_fa": "شوش",
        "summary_en": ("One of the workers who led the strike over months of unpaid wages at the sugar cane "
                       "company. Dismissed, tried and sentenced; free while the appeal is heard."),
        "summary_fa": ("از کارگرانی که اعتصاب در اعتراض به ماه‌ها دستمزد پرداخت‌نشده در شرکت نیشکر را رهبری کردند. "
                       "اخراج، محاکمه و محکوم شد؛ تا رسیدگی به درخواست تجدیدنظر آزاد است."),
        "is_public": True,
        "show": ["occupation", "affiliations", "city", "event_details"],
        "events": [
            {"kind": Kind.SUMMONS, "date": d("2019-01-01"), "date_precision": "year",
             "description_en": "Summoned several times by the intelligence office after the strike.",
             "description_fa": "پس از اعتصاب چند بار به ادارهٔ اطلاعات احضار شد.",
             "verification": Verification.ONE_SOURCE},
            {"kind": Kind.ARREST, "date": d("2019-11-18"), "date_precision": "day",
             "place_en": "Shush", "place_fa": "شوش", "verification": Verification.CONFIRMED},
            {"kind": Kind.BAIL, "date": d("2019-12-01"), "date_precision": "month",
             "bail_amount": 200_000_000, "bail_currency": "toman", "verification": Verification.CONFIRMED},
            {"kind": Kind.DISMISSAL, "date": d("2020-02-03"), "date_precision": "day",
             "description_en": "Dismissed by the company for \"absence\" while he was detained.",
             "description_fa": "به بهانهٔ «غیبت» در دوران بازداشت از سوی شرکت اخراج شد.",
             "verification": Verification.CONFIRMED},
            {"kind": Kind.TRIAL, "date": d("2020-01-01"), "date_precision": "year",
             "place_en": "Revolutionary Court, Shush", "place_fa": "دادگاه انقلاب شوش",
             "verification": Verification.UNVERIFIED},
            {"kind": Kind.SENTENCE, "date": d("2021-06-21"), "date_precision": "day", "prison_years": 1,
             "prison_months": 6, "fine_amount": 50_000_000, "fine_currency": "toman",
             "verification": Verification.CONFIRMED},
            {"kind": Kind.APPEAL, "date": d("2021-09-01"), "date_precision": "month",
             "description_en": "The appeal has not yet been heard.",
             "description_fa": "هنوز به درخواست تجدیدنظر رسیدگی نشده است.",
             "verification": Verification.ONE_SOURCE},
        ],
    },
    {
        "slug": "nasrin-jafarzadeh",
        "name_latin": "Nasrin Jafarzadeh",
        "name_fa": "نسرین جعفرزاده",
        "occupation_en": "Primary school teacher",
        "occupation_fa": "آموزگار دبستان",
        "affiliations_text_en": "Teachers' trade association",
        "affiliations_text_fa": "کانون صنفی معلمان",
        "city_en": "Sanandaj",
        "city_fa": "سنندج",
        "summary_en": ("A teacher and trade association member arrested during the teachers' protests for decent "
                       "pay. Released after fourteen months."),
        "summary_fa": ("آموزگار و عضو کانون صنفی که در جریان اعتراض‌های معلمان برای دستمزد شایسته بازداشت شد. "
                       "پس از چهارده ماه آزاد شد."),
        "is_public": True,
        "show": ["occupation", "affiliations"],
        "events": [
            {"kind": Kind.ARREST, "date": d("2022-09-01"), "date_precision": "month",
             "place_en": "Sanandaj Central Prison", "place_fa": "زندان مرکزی سنندج",
             "verification": Verification.CONFIRMED},
            {"kind": Kind.SENTENCE, "date": d("2023-01-15"), "date_precision": "day", "prison_years": 6,
             "verification": Verification.CONFIRMED},
            {"kind": Kind.RELEASE, "date": d("2023-11-01"), "date_precision": "month",
             "description_en": "Released; the rest of the sentence was suspended.",
             "description_fa": "آزاد شد؛ باقی‌ماندهٔ حکم تعلیق شد.",
             "verification": Verification.ONE_SOURCE},
        ],
    },
    {
        "slug": "omid-karimkhani",
        "name_latin": "Omid Karimkhani",
        "name_fa": "امید کریم‌خانی",
        "occupation_en": "Secondary school teacher",
        "occupation_fa": "دبیر دبیرستان",
        "city_en": "Mashhad",
        "city_fa": "مشهد",
        "summary_en": "Detained; the family has asked the alliance not to publish anything yet.",
        "summary_fa": "در بازداشت؛ خانواده خواسته است فعلاً چیزی منتشر نشود.",
        "is_public": False,
        "show": [],
        "events": [
            {"kind": Kind.ARREST, "date": d("2024-04-30"), "date_precision": "day",
             "place_en": "Vakilabad Prison", "place_fa": "زندان وکیل‌آباد", "sources": "Family (private)",
             "verification": Verification.ONE_SOURCE},
        ],
    },
]


@transaction.atomic
def load():
    """Adds each demo case that is not there yet; returns how many were added."""
    added = 0
    for data in CASES:
        if Case.objects.filter(slug=data["slug"]).exists():
            continue
        data = dict(data)
        events = data.pop("events")
        show = data.pop("show")
        organisation_name = data.pop("organisation", None)
        case = Case(**data, **{f"show_{name}": True for name in show})
        for order, event in enumerate(events):
            case.events.add(CaseEvent(sort_order=order, **{"is_public": True, **event}))
        case.save()
        organisation = Organisation.objects.filter(name_en=organisation_name).first() if organisation_name else None
        if organisation:
            case.affiliations.add(organisation)
            case.save(update_fields=["affiliations"])
        added += 1
    add_photo()
    return added


# The demo's one photo (a drawn silhouette), shown with the consent the case records.
PHOTO_CASE = "kamran-sadeghpour"
PHOTO_TITLE = "Demo: portrait of Kamran Sadeghpour (drawn silhouette)"


def add_photo():
    """Gives the demo case its photo once, with consent, a description in both languages and the
    choice to show it."""
    case = Case.objects.filter(slug=PHOTO_CASE, photo__isnull=True).first()
    if case is None:
        return
    case.photo = demo_image(PHOTO_TITLE, "case-photo.png", preview.draw_illustration(motif="person", size=(600, 600)))
    case.photo_alt_en = "A drawn silhouette standing in for Kamran Sadeghpour's portrait"
    case.photo_alt_fa = "نیم‌رخی طراحی‌شده به جای عکس کامران صادق‌پور"
    case.photo_consent = True
    case.show_photo = True
    case.save(update_fields=["photo", "photo_alt_en", "photo_alt_fa", "photo_consent", "show_photo"])


def demo_image(title, filename, content):
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(title=title).first()
    if image is None:
        image = get_image_model()(title=title, file=ImageFile(io.BytesIO(content), name=filename))
        image._set_image_file_metadata()
        image.save()
    return image
