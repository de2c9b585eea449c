import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.documents.models import Document
from wagtail.models import Revision
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from solidarity.publishing import factories
from solidarity.publishing.models import ArticlePage

# Wagtail caches the sites' root paths; other test runs must not see ours, nor we theirs.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_cache")]

TITLE = "CUPE Ontario adopts Resolution No. 21 in solidarity with workers in Iran"


def article_form(**fields):
    data = {
        "title": TITLE,
        "slug": "cupe-ontario-resolution-21",
        "article_type": "news",
        "date": "2012-05-28",
        "summary": "The 49th Annual CUPE Ontario Convention adopted Resolution No. 21.",
        "tags": "",
        "body": BODY,
        "attachments": inline_formset([]),
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    data.update(fields)
    return nested_form_data(data)


BODY = streamfield([("paragraph", rich_text("<p>CUPE Ontario will build worker-to-worker support.</p>"))])


def edit_form(client, page, *, url=None, **changes):
    """The admin's edit form for the page as the browser sends it, with some fields changed.

    The body's inputs are made by the browser's script, so they are filled in here.
    """
    html = client.get(url or reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data.update(nested_form_data({"body": BODY}))
    for name, value in changes.items():
        data[name] = value
    return data


def test_an_editor_creates_and_publishes_an_article_with_its_booklet(client, site_tree, make_staff):
    client.force_login(make_staff("editor", "Editors"))
    response = client.post(reverse("wagtaildocs:add"), {
        "title": "Resolution booklet",
        "file": SimpleUploadedFile("resolution-21.pdf", b"%PDF-1.4 resolution 21", content_type="application/pdf"),
        "collection": 1,
    })
    assert response.status_code == 302
    booklet = Document.objects.get(title="Resolution booklet")

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["publishing", "articlepage", site_tree["news"].pk]),
        article_form(attachments=inline_formset([{"document": booklet.pk, "title": "Read the resolution (PDF)"}]),
                     **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    article = ArticlePage.objects.get(slug="cupe-ontario-resolution-21")
    assert article.live
    html = client.get(article.url).content.decode()
    assert TITLE in html
    assert "Read the resolution (PDF)" in html


def test_a_draft_saved_in_the_admin_is_not_public(client, site_tree, make_staff):
    client.force_login(make_staff("editor", "Editors"))
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["publishing", "articlepage", site_tree["news"].pk]), article_form()
    )
    assert response.status_code == 302
    assert not ArticlePage.objects.get(slug="cupe-ontario-resolution-21").live
    client.logout()
    assert client.get("/en/news/cupe-ontario-resolution-21/").status_code == 404
    assert TITLE not in client.get("/en/news/").content.decode()


def test_a_new_draft_of_a_published_article_stays_private_until_published(client, site_tree, make_staff):
    article = factories.make_article(site_tree["news"], title=TITLE)
    editor = make_staff("editor", "Editors")
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]),
                           edit_form(client, article, title="Draft headline not yet approved"))
    assert response.status_code == 302
    client.logout()
    html = client.get(article.url).content.decode()
    assert TITLE in html
    assert "Draft headline not yet approved" not in html


def test_an_earlier_revision_can_be_restored_and_published(client, site_tree, make_staff):
    article = factories.make_article(site_tree["news"], title=TITLE)
    first = article.latest_revision
    article.title = "A mistaken headline"
    factories.publish(article)
    client.force_login(make_staff("editor", "Editors"))

    # The revert screen is the edit form filled with the earlier revision.
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[article.pk, first.pk])
    assert TITLE in client.get(revert_url).content.decode()
    data = edit_form(client, article, url=revert_url, **{"action-publish": "action-publish"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)
    assert response.status_code == 302

    client.logout()
    html = client.get(article.url).content.decode()
    assert TITLE in html
    assert "A mistaken headline" not in html


def test_preview_shows_the_unsaved_draft_to_staff(client, site_tree, make_staff):
    article = factories.make_article(site_tree["news"], title=TITLE)
    client.force_login(make_staff("editor", "Editors"))
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    response = client.post(preview_url, edit_form(client, article, title="Headline being written"))
    assert response.json()["is_valid"]

    response = client.get(preview_url)
    assert response.status_code == 200
    assert "Headline being written" in response.content.decode()
    # The admin frames the preview: same origin only.
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_preview_is_not_shown_to_anonymous_visitors_or_people_without_a_group(client, site_tree, make_staff):
    article = factories.make_article(site_tree["news"], title=TITLE)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    response = client.get(preview_url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))

    client.force_login(make_staff("outsider"))
    response = client.get(preview_url)
    assert response.status_code in (302, 403)
    assert TITLE not in response.content.decode()


def test_a_scheduled_article_goes_live_only_when_its_time_has_come(client, site_tree, make_staff):
    client.force_login(make_staff("editor", "Editors"))
    go_live_at = timezone.localtime() + datetime.timedelta(days=2)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["publishing", "articlepage", site_tree["news"].pk]),
        article_form(go_live_at=go_live_at.strftime("%Y-%m-%d %H:%M"), **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = ArticlePage.objects.get(slug="cupe-ontario-resolution-21")
    client.logout()

    call_command("publish_scheduled")
    article.refresh_from_db()
    assert not article.live
    assert client.get("/en/news/cupe-ontario-resolution-21/").status_code == 404

    # Two days later (the scheduled time is moved into the past instead of waiting).
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = Revision.page_revisions.get(object_id=str(article.pk), approved_go_live_at__isnull=False)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live
    assert TITLE in client.get("/en/news/cupe-ontario-resolution-21/").content.decode()


def test_an_article_can_exist_in_persian_only(client, site_tree):
    article = factories.make_article(site_tree["fa_news"], title="پیام همبستگی به فدراسیون اتحادیه‌های کارگری سراسر پاکستان", slug="aptuf-message")
    response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert article.url.startswith("/fa/")
    assert 'dir="rtl"' in html
    # The language switcher says the English version does not exist and links nowhere.
    with translation.override("fa"):
        not_translated = gettext("(this page is not translated)")
    assert not_translated in html
    assert '<span lang="en">' in html
    assert client.get(f"/en/news/{article.slug}/").status_code == 404
