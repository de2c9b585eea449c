"""Fixtures shared by every app's tests: the page tree in two languages, staff personas,
a real SMTP server and a live server for the browser tests."""

import pytest


@pytest.fixture
def site_tree(db):
    """English home page with About, Objectives and News, and their Persian translations."""
    from solidarity.publishing import factories

    home = factories.make_site()
    about = factories.make_standard_page(home, title="About Us", slug="about-us", intro="Who we are.")
    objectives = factories.make_objectives_page(
        home, title="Our objectives", slug="our-objectives", objectives=["<p>Solidarity.</p>"]
    )
    news = factories.make_article_index(home)
    fa_home = factories.translate(home, "fa", title="اتحاد بین‌المللی در حمایت از کارگران در ایران", mission="<p>همبستگی کارگر با کارگر.</p>")
    fa_news = factories.translate(news, "fa", title="اخبار")
    return {"home": home, "about": about, "objectives": objectives, "news": news, "fa_home": fa_home, "fa_news": fa_news}
