"""The newsletter's footer tells readers where the site's mirrors are, in their language."""

import datetime

from solidarity.newsletter.models import Issue
from solidarity.newsletter.rendering import render_issue


def rendered(language, settings):
    settings.SITE_URL = "https://solidarity.example"
    issue = Issue.objects.create(language=language, volume=1, number=1, date=datetime.date(2026, 11, 1))
    return render_issue(issue).personalise(unsubscribe_url="u", preferences_url="p")


def test_the_english_issue_links_to_the_mirrors_page(db, settings):
    html, text = rendered("en", settings)
    assert 'href="https://solidarity.example/en/mirrors/"' in html
    assert "If our site is blocked where you are:\nhttps://solidarity.example/en/mirrors/" in text


def test_the_persian_issue_links_to_the_persian_mirrors_page_in_persian(db, settings):
    html, text = rendered("fa", settings)
    assert 'href="https://solidarity.example/fa/mirrors/"' in html
    assert "اگر سایت ما در جایی که هستید مسدود است:" in html and "آینه‌ها و نشانی‌های دیگر" in html
