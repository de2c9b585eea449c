import io
import os
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from solidarity.campaigns.models import Campaign, Signature
from solidarity.cases.models import Case, CaseEvent
from solidarity.contact.models import ContactPage
from solidarity.network.models import Organisation
from solidarity.publishing.demo import legacy
from solidarity.publishing.models import (
    ArticleAttachment,
    ArticleIndexPage,
    ArticlePage,
    ArticleType,
    HomePage,
    ObjectivesPage,
    RelatedArticle,
    SiteIdentity,
    StandardPage,
)

ARABIC_LETTER_FORMS = "يكةىۀ"
PERSIAN_ONLY_SLUG = "پشتیبانی-از-اعتصاب-کارگران-هفت-تپه"


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    # Loading takes seconds: load once for this module, inside a transaction rolled back at the end;
    # each test runs in its own savepoint within it.
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open(os.devnull, "w"))
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_site, db):
    return demo_site


def article(slug, language="en"):
    return ArticlePage.objects.get(slug=slug, locale__language_code=language)


def block_texts(stream):
    """Every paragraph, heading and list item of a body, tags stripped, in order."""
    texts = []
    for block in stream:
        if block.block_type == "paragraph":
            texts += [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", block.value.source, re.S)]
        elif block.block_type == "list":
            texts += list(block.value)
        elif block.block_type == "heading":
            texts.append(block.value)
    return texts


def list_blocks(page):
    return [list(block.value) for block in page.body if block.block_type == "list"]


def test_it_builds_the_same_site_in_english_and_persian(demo):
    for language in ("en", "fa"):
        pages = Page.objects.filter(locale__language_code=language, depth__gt=1).specific()
        kinds = sorted(type(page).__name__ for page in pages if not isinstance(page, ArticlePage))
        assert kinds == ["ArticleIndexPage", "ContactPage", "HomePage", "ObjectivesPage", "StandardPage"]
        articles = ArticlePage.objects.live().filter(locale__language_code=language)
        assert articles.count() == 11
        assert set(articles.values_list("article_type", flat=True)) == set(ArticleType.values)
        assert {a.date.year for a in articles} >= {2007, 2008, 2012, 2026}
    assert HomePage.objects.get(locale__language_code="en").title == "International Alliance in Support of Workers in Iran"
    assert HomePage.objects.get(locale__language_code="fa").title == "اتحاد بین‌المللی در حمایت از کارگران در ایران"
    assert StandardPage.objects.get(locale__language_code="fa").title == "دربارهٔ ما"
    assert len(ObjectivesPage.objects.get(locale__language_code="fa").objectives) == 7
    assert ContactPage.objects.get(locale__language_code="fa").live
    assert ArticleIndexPage.objects.get(locale__language_code="fa").title == "اخبار"
    assert SiteIdentity.load().contact_email == "info@iaswi.example"


def test_one_call_loads_the_whole_demo_and_a_second_creates_nothing(demo):
    assert Case.objects.count() == 4
    assert Campaign.objects.filter(cases__isnull=False).exists()
    assert Organisation.objects.exists()
    models = [Page, Case, CaseEvent, Campaign, Signature, Organisation]
    before = {model: model.objects.count() for model in models}

    call_command("load_demo", stdout=open(os.devnull, "w"))

    assert {model: model.objects.count() for model in models} == before


def test_loading_again_creates_nothing_and_keeps_the_editors_changes(demo):
    identity = SiteIdentity.load()
    identity.contact_email = "office@iaswi.example"
    identity.save(update_fields=["contact_email"])
    models = [Page, Revision, get_document_model(), get_image_model(), Tag, ArticleAttachment, RelatedArticle]
    before = {model: model.objects.count() for model in models}
    output = io.StringIO()

    call_command("load_demo", stdout=output)

    assert {model: model.objects.count() for model in models} == before
    assert "nothing to create" in output.getvalue()
    assert SiteIdentity.load().contact_email == "office@iaswi.example"


def test_a_deleted_translation_comes_back_on_the_next_load(demo):
    article("free-mansour-osanloo", "fa").delete()

    call_command("load_demo", stdout=open(os.devnull, "w"))

    restored = article("free-mansour-osanloo", "fa")
    assert restored.live
    assert restored.title == "منصور اسانلو و همهٔ کارگران زندانی شرکت واحد را آزاد کنید"
    assert article("free-mansour-osanloo").get_translation_or_none(restored.locale) == restored


def test_the_cupe_article_holds_the_resolution_in_order_without_debris(demo):
    page = article("cupe-ontario-resolution-21")

    commitments, considerations = list_blocks(page)
    assert commitments == legacy.CUPE_COMMITMENTS
    assert considerations == legacy.CUPE_CONSIDERATIONS
    assert commitments[0].startswith("Condemn the persecution of labour activists in Iran")
    assert considerations[3].endswith("by both sides of the current dispute.")
    texts = block_texts(page.body)
    assert texts[1:4] == ["Resolution No. 21", "Submitted by Local 4400 and International Solidarity Committee", "CUPE Ontario will:"]
    everything = "".join(texts)
    for debris in ("[email", "protected]", "About Us", "Our objectives", "Contact Us", "Click here", "©", "\n", "\xa0"):
        assert debris not in everything
    assert page.date.isoformat() == "2012-05-28"
    translation = article("cupe-ontario-resolution-21", "fa")
    assert len(list_blocks(translation)) == 2
    assert [len(items) for items in list_blocks(translation)] == [3, 4]
    assert "ترجمهٔ فارسی" in block_texts(translation.body)[0]


def test_the_cupe_article_offers_the_booklet_as_a_pdf(demo, client):
    attachment = article("cupe-ontario-resolution-21").attachments.get()
    with attachment.document.open_file() as booklet:
        content = booklet.read()

    assert attachment.label == "Resolutions and Constitutional Amendments booklet"
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    assert b"(Resolution No. 21)" in content
    response = client.get("/en/news/cupe-ontario-resolution-21/")
    assert response.status_code == 200
    assert "Resolutions and Constitutional Amendments booklet" in response.text
    positions = [response.text.index(item.replace("'", "&#x27;")) for item in legacy.CUPE_COMMITMENTS + legacy.CUPE_CONSIDERATIONS]
    assert positions == sorted(positions)


def test_the_2008_letter_is_reflowed_into_whole_paragraphs(demo):
    page = article("solidarity-message-aptuf-mumbai-2008")
    texts = block_texts(page.body)

    assert page.article_type == "letter"
    assert page.date.isoformat() == "2008-01-14"
    assert texts[0].startswith("RE: Solidarity Message to: Asian Conference In defence of peace")
    assert texts[2] == "Dear Comrades;"
    assert texts[-4:] == [
        "Log live workers’ international solidarity",
        "Best wishes for all of you!",
        "International Alliance in Support of Workers in Iran (IASWI)",
        "January 14, 2008",
    ]
    assert len(texts) == 3 + 7 + 3
    for text in texts:
        assert "\n" not in text
        assert not re.search(r"\w- \w", text), text  # a word hyphenated across a line
        assert "  " not in text
    letter = " ".join(texts)
    for compound in ("anti-imperialist", "broad-based", "ever-growing", "ever-increasing", "sub-continent"):
        assert compound in letter


def test_the_persian_letter_is_marked_as_a_translation(demo):
    page = article("solidarity-message-aptuf-mumbai-2008", "fa")
    texts = block_texts(page.body)

    assert texts[0].startswith("ترجمهٔ فارسی")
    assert "رفقای گرامی،" in texts
    assert texts[-3:] == ["با بهترین آرزوها برای همهٔ شما!", "اتحاد بین‌المللی در حمایت از کارگران در ایران (IASWI)", "۱۴ ژانویهٔ ۲۰۰۸"]
    assert page.translation_key == article("solidarity-message-aptuf-mumbai-2008").translation_key


def test_the_persian_only_article_exists_only_in_persian_and_uses_persian_letters(demo):
    page = ArticlePage.objects.get(slug=PERSIAN_ONLY_SLUG)

    assert page.locale.language_code == "fa"
    assert not page.get_translations().exists()
    text = " ".join([page.title, page.summary, *block_texts(page.body), *page.tags.names()])
    assert not set(text) & set(ARABIC_LETTER_FORMS)
    assert "کارگران" in text and "می‌کنند" in text  # a word search must find whatever letter forms are typed


def test_the_english_only_article_has_no_persian_translation(demo):
    page = article("speaking-tour-ontario-2015")

    assert not page.get_translations().exists()
    assert not ArticlePage.objects.filter(translation_key=page.translation_key, locale__language_code="fa").exists()


def test_translations_link_to_related_articles_and_tags_in_their_own_language(demo):
    page = article("cupe-ontario-resolution-21", "fa")

    related = page.related_articles()
    assert [r.slug for r in related] == ["no-to-war-no-to-sanctions"]  # the speaking tour is English only
    assert all(r.locale.language_code == "fa" for r in related)
    assert sorted(page.tags.names()) == sorted(["کوپ", "قطعنامه‌ها", "تحریم و جنگ"])
    assert [r.slug for r in article("cupe-ontario-resolution-21").related_articles()] == [
        "no-to-war-no-to-sanctions", "speaking-tour-ontario-2015",
    ]


def test_the_may_day_article_shows_an_image_drawn_at_load_time(demo, client):
    image = get_image_model().objects.get(title="May Day 2009 banner (demo)")

    assert (image.width, image.height) == (1200, 600)
    response = client.get("/fa/news/may-day-2009-messages/")
    assert response.status_code == 200
    assert "پلاکاردی سرخ" in response.text  # the alternative text, in Persian
