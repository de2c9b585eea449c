"""The Wagtail admin works under its Content-Security-Policy: Chromium reports no violation on
the screens staff use (only inline scripts carrying the response's nonce may run)."""

import re

import pytest
from django.urls import reverse

from .fixtures import csp_violations

pytestmark = pytest.mark.browser



def staff_page(browsing, username):
    return browsing.signed_in_page(username, watch_csp=True)


def test_the_admin_screens_run_without_content_security_policy_violations(bilingual_site, browsing, make_staff):
    from wagtail.models import Locale
    from wagtail_localize.operations import translate_object

    from solidarity.publishing import factories

    administrator = make_staff("administrator", "Administrators")
    article = bilingual_site["article"]
    statement = factories.make_article(bilingual_site["news"], title="Statement on the arrest of bus drivers")
    translate_object(statement, [Locale.objects.get(language_code="fa")], user=administrator)
    page = staff_page(browsing, "administrator")
    screens = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[bilingual_site["news"].pk]),
        reverse("wagtailadmin_pages:add", args=["publishing", "articlepage", bilingual_site["news"].pk]),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_pages:edit", args=[bilingual_site["fa_article"].pk]),
        # wagtail-localize's translation editor and its "translate this page" form.
        reverse("wagtailadmin_pages:edit", args=[statement.get_translation(Locale.objects.get(language_code="fa")).pk]),
        reverse("wagtail_localize:submit_page_translation", args=[bilingual_site["about"].pk]),
        reverse("wagtailadmin_pages:history", args=[article.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtaildocs:index"),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_groups:index"),
    ]
    for url in screens:
        response = page.goto(url)
        assert response.status == 200, url
        assert csp_violations(page) == [], url

    # The date picker and the inline panel (both inline scripts) work on the article form.
    page.goto(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    page.get_by_role("button", name=re.compile("Add attachment", re.I)).click()
    assert page.locator("#id_attachments-0-title").count() == 1
    # Dates in either calendar (core/admin_dates.py): the picker is a script of our own.
    page.locator(".both-calendars").filter(has=page.locator("#id_date")).locator(".both-calendars__open").click()
    page.locator(".both-calendars__picker:visible .both-calendars__day").first.wait_for()
    assert csp_violations(page) == []
    assert [error for error in browsing.console_errors if "Content Security Policy" in error] == []

