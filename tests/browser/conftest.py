"""Data for the site-wide browser tests. Chromium, the live server and the pages that refuse
every request to another host come from fixtures.py (registered in the root conftest)."""

import pytest


@pytest.fixture
def bilingual_site(live, site_tree):
    """The site tree with an article in both languages and every page translated."""
    from solidarity.publishing import factories

    article = factories.make_article(
        site_tree["news"],
        title="Haft Tappeh sugar cane workers strike over unpaid wages",
        summary="Workers at the Haft Tappeh sugar cane company stopped work for the fourth week.",
        body=[("paragraph", "<p>The workers demand the wages owed to them since the spring.</p>")],
        tags=["strikes"],
    )
    fa_article = factories.translate(
        article,
        "fa",
        title="اعتصاب کارگران نیشکر هفت‌تپه برای دستمزدهای پرداخت‌نشده",
        summary="کارگران شرکت نیشکر هفت‌تپه برای چهارمین هفته دست از کار کشیدند.",
        body=[("paragraph", "<p>کارگران خواهان دستمزدهای معوقه از بهار هستند.</p>")],
    )
    fa_about = factories.translate(site_tree["about"], "fa", title="درباره ما", intro="ما که هستیم.")
    fa_objectives = factories.translate(
        site_tree["objectives"], "fa", title="اهداف ما", objectives=[("objective", "<p>همبستگی.</p>")]
    )
    from solidarity.contact.models import ContactPage

    contact = factories.add_page(site_tree["home"], ContactPage(title="Contact Us", slug="contact-us", show_in_menus=True))
    fa_contact = factories.translate(contact, "fa", title="تماس با ما")
    return {
        **site_tree,
        "article": article,
        "fa_article": fa_article,
        "fa_about": fa_about,
        "fa_objectives": fa_objectives,
        "contact": contact,
        "fa_contact": fa_contact,
    }
