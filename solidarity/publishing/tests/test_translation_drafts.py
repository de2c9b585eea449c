"""A page sent for translation never goes live on the Persian site as a copy of the English text:
wagtail-localize's synced translation starts as a draft, and stays off the Persian lists, search
and sitemap until a translator publishes it."""

import pytest
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from solidarity.publishing import factories

pytestmark = pytest.mark.usefixtures("private_cache")

ENGLISH_TEXT = "Bus drivers in Tehran went on strike for unpaid wages."


@pytest.fixture
def send_for_translation(make_staff, django_capture_on_commit_callbacks):
    """What the "Translate" action does, up to what runs once its transaction commits (where
    wagtail-localize publishes a translation it means to publish)."""
    def send(page):
        with django_capture_on_commit_callbacks(execute=True):
            translate_object(page, [Locale.objects.get(language_code="fa")], user=make_staff("editor", "Editors"))
        return page.get_translation(Locale.objects.get(language_code="fa")).specific

    return send


@pytest.fixture
def english_article(site_tree):
    article = factories.make_article(site_tree["news"], title="Tehran bus drivers strike", slug="bus-strike",
                                     summary=ENGLISH_TEXT, body=[("paragraph", f"<p>{ENGLISH_TEXT}</p>")])
    # The Persian news index exists and is live, as on the real site.
    return article


def test_a_live_page_sent_for_translation_is_a_draft_in_persian(english_article, send_for_translation):
    persian = send_for_translation(english_article)
    assert not persian.live
    assert persian.has_unpublished_changes


def test_the_untranslated_copy_is_not_on_the_persian_site(client, english_article, send_for_translation):
    persian = send_for_translation(english_article)

    assert client.get(f"/fa/news/{persian.slug}/").status_code == 404
    assert ENGLISH_TEXT not in client.get("/fa/news/").content.decode()
    assert "bus-strike" not in client.get("/sitemap.xml").content.decode().split("/fa/")[-1]
    assert "Tehran bus drivers strike" not in client.get("/fa/search/", {"q": "bus drivers"}).content.decode()


def test_a_translator_publishes_the_translation_when_it_is_done(client, english_article, send_for_translation):
    persian = send_for_translation(english_article)
    persian.title = "اعتصاب رانندگان اتوبوس تهران"
    factories.publish(persian)

    assert "اعتصاب رانندگان اتوبوس تهران" in client.get(f"/fa/news/{persian.slug}/").content.decode()
