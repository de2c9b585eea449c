import datetime

import pytest

from solidarity.publishing import factories


@pytest.fixture
def persian_article(site_tree):
    """A Persian article typed on a Persian keyboard (ی, ک, ZWNJ, Persian digits)."""
    english = factories.make_article(
        site_tree["news"],
        title="Workers' rights activists arrested in Tehran",
        date=datetime.date(2012, 5, 28),
        summary="Three labour activists were arrested on 23 May 2012.",
        body=[("paragraph", "<p>The bus workers' union calls for their release.</p>")],
    )
    return factories.translate(
        english,
        "fa",
        title="بازداشت فعالان کارگری در تهران",
        slug="bazdasht",
        summary="سه فعال کارگری در ۲ خرداد ۱۳۹۱ بازداشت شدند.",
        body=[("paragraph", "<p>سندیکای کارگران شرکت واحد خواهان آزادی آن‌ها است.</p><p>کمیته‌ی همبستگی</p>")],
    )
