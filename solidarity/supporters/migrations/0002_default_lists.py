"""The lists every installation starts with: the newsletter in each language, urgent actions
and the branches. Staff can rename them, hide them from the signup form or add more."""

from django.db import migrations

DEFAULT_LISTS = [
    # slug, kind, language, English name, Persian name, English description, Persian description
    ("newsletter-en", "language", "en", "Newsletter in English", "خبرنامه به انگلیسی",
     "Our newsletter, Workers' Struggles in Iran, in English.", "خبرنامهٔ ما، مبارزات کارگران در ایران، به زبان انگلیسی."),
    ("newsletter-fa", "language", "fa", "Newsletter in Persian", "خبرنامه به فارسی",
     "Our newsletter, Workers' Struggles in Iran, in Persian.", "خبرنامهٔ ما، مبارزات کارگران در ایران، به زبان فارسی."),
    ("urgent-actions", "topic", "", "Urgent actions", "اقدام‌های فوری",
     "A message when workers or activists are arrested and need support quickly.",
     "پیامی هنگامی که کارگران یا فعالان بازداشت می‌شوند و به حمایت فوری نیاز دارند."),
    ("branch-uk", "branch", "", "UK branch", "شاخهٔ بریتانیا", "Meetings and actions in the UK.",
     "نشست‌ها و فعالیت‌ها در بریتانیا."),
    ("branch-canada", "branch", "", "Canada branch", "شاخهٔ کانادا", "Meetings and actions in Canada.",
     "نشست‌ها و فعالیت‌ها در کانادا."),
    ("branch-france", "branch", "", "France branch", "شاخهٔ فرانسه", "Meetings and actions in France.",
     "نشست‌ها و فعالیت‌ها در فرانسه."),
    ("branch-sweden", "branch", "", "Sweden branch", "شاخهٔ سوئد", "Meetings and actions in Sweden.",
     "نشست‌ها و فعالیت‌ها در سوئد."),
]


def create_default_lists(apps, schema_editor):
    MailingList = apps.get_model("supporters", "MailingList")
    for order, (slug, kind, language, name_en, name_fa, description_en, description_fa) in enumerate(DEFAULT_LISTS):
        MailingList.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": kind, "language": language, "name_en": name_en, "name_fa": name_fa,
                "description_en": description_en, "description_fa": description_fa,
                "is_public": True, "sort_order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("supporters", "0001_initial")]

    operations = [migrations.RunPython(create_default_lists, migrations.RunPython.noop)]
