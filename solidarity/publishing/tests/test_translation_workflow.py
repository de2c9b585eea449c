"""Translation with wagtail-localize, through its own views, in both directions."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from solidarity.publishing import factories
from solidarity.publishing.models import ArticlePage

# Wagtail caches the sites' root paths; other test runs must not see ours, nor we theirs.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_cache")]

ENGLISH = {
    "title": "CUPE Ontario adopts Resolution No. 21",
    "summary": "The convention adopted a resolution in solidarity with workers in Iran.",
    "body": "CUPE Ontario will build worker-to-worker support.",
}
PERSIAN = {
    "title": "کنگره سوپ انتاریو قطعنامه شماره ۲۱ را تصویب کرد",
    "summary": "کنگره قطعنامه‌ای در همبستگی با کارگران ایران تصویب کرد.",
    "body": "سوپ انتاریو همبستگی کارگر با کارگر را گسترش خواهد داد.",
}


def submit_translation(client, page, language_code):
    locale = Locale.objects.get(language_code=language_code)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [locale.pk]}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)
    target = page.get_translation(locale)
    assert response.url == reverse("wagtailadmin_pages:edit", args=[target.pk])
    return translation, target


def translate_strings(client, translation, source, target):
    """What the translator types into the translation editor, one string at a time."""
    by_source_text = {source[name]: target[name] for name in source}
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    assert segments.exists()
    for segment in segments:
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        value = by_source_text.get(segment.string.data, segment.string.data)
        response = client.put(url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 201), response.content


def publish_translation(client, target, capture_on_commit):
    # wagtail-localize publishes once the transaction commits.
    with capture_on_commit(execute=True):
        return client.post(reverse("wagtailadmin_pages:edit", args=[target.pk]), {"action": "publish"})


def test_a_translator_translates_an_english_article_into_persian_and_publishes_it(client, site_tree, make_staff, django_capture_on_commit_callbacks):
    english = factories.make_article(site_tree["news"], title=ENGLISH["title"], summary=ENGLISH["summary"],
                                     body=[("paragraph", f"<p>{ENGLISH['body']}</p>")], slug="resolution-21")
    client.force_login(make_staff("translator", "Translators"))

    translation, persian = submit_translation(client, english, "fa")
    assert not persian.live  # a draft until the translation is done
    # The translation editor opens instead of the ordinary edit form.
    assert b"js-translation-editor" in client.get(reverse("wagtailadmin_pages:edit", args=[persian.pk])).content

    translate_strings(client, translation, ENGLISH, PERSIAN)
    response = publish_translation(client, persian, django_capture_on_commit_callbacks)
    assert response.status_code == 302

    persian = ArticlePage.objects.get(pk=persian.pk)
    assert persian.live
    client.logout()
    html = client.get(persian.url).content.decode()
    assert persian.url.startswith("/fa/")
    assert PERSIAN["title"] in html and PERSIAN["body"] in html
    # Each language links to the other.
    assert f'href="{english.url}"' in html
    assert f'href="{persian.url}"' in client.get(english.url).content.decode()


def test_a_translator_cannot_publish_the_english_original(client, site_tree, make_staff):
    english = factories.make_article(site_tree["news"], title=ENGLISH["title"], slug="resolution-21")
    client.force_login(make_staff("translator", "Translators"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    assert "action-publish" not in html

    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    client.post(reverse("wagtailadmin_pages:edit", args=[english.pk]), nested_form_data({
        "title": "A translator's change", "slug": "resolution-21", "article_type": "news", "date": "2012-05-28",
        "summary": "Changed", "tags": "", "body": streamfield([("paragraph", rich_text("<p>Changed</p>"))]),
        "attachments": inline_formset([]), "related_links": inline_formset([]), "comments": inline_formset([]),
        "action-publish": "action-publish",
    }))
    client.logout()
    assert "A translator&#x27;s change" not in client.get(english.url).content.decode()
    assert ENGLISH["title"] in client.get(english.url).content.decode()


def test_a_persian_statement_is_translated_into_english_and_published_by_an_editor(client, site_tree, make_staff, django_capture_on_commit_callbacks):
    persian = factories.make_article(site_tree["fa_news"], title=PERSIAN["title"], summary=PERSIAN["summary"],
                                     body=[("paragraph", f"<p>{PERSIAN['body']}</p>")], slug="resolution-21")
    translator = make_staff("translator", "Translators")
    client.force_login(translator)
    translation, english = submit_translation(client, persian, "en")
    translate_strings(client, translation, PERSIAN, ENGLISH)

    # English is the source language: a translator cannot publish in it ...
    assert publish_translation(client, english, django_capture_on_commit_callbacks).status_code in (302, 403)
    assert not ArticlePage.objects.get(pk=english.pk).live

    # ... an editor can, from the same translation editor.
    client.force_login(make_staff("editor", "Editors"))
    assert publish_translation(client, english, django_capture_on_commit_callbacks).status_code == 302
    english = ArticlePage.objects.get(pk=english.pk)
    assert english.live
    client.logout()
    html = client.get(english.url).content.decode()
    assert english.url.startswith("/en/")
    assert ENGLISH["title"] in html and ENGLISH["body"] in html
