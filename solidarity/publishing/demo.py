"""The demo site: the alliance's pages and articles in English and Persian."""

import datetime

from django.db import transaction

from . import factories
from .models import HomePage


def already_loaded():
    return HomePage.objects.exists()


@transaction.atomic
def load():
    home = factories.make_site(
        mission="<p>Building worker-to-worker solidarity with the workers of Iran since 1999.</p>"
    )
    factories.make_standard_page(home, title="About Us", slug="about-us", intro="Who we are.")
    news = factories.make_article_index(home)
    article = factories.make_article(
        news, title="CUPE Ontario adopted a strong resolution in solidarity with workers in Iran",
        date=datetime.date(2012, 5, 28),
    )
    factories.translate(home, "fa", title="اتحاد بین‌المللی در حمایت از کارگران در ایران",
                        mission="<p>همبستگی کارگر با کارگر.</p>")
    factories.translate(news, "fa", title="اخبار")
    factories.translate(article, "fa", title="کنوانسیون سندیکای کوپ انتاریو قطعنامه‌ای در حمایت از کارگران ایران تصویب کرد")
