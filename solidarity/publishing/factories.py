"""Builders for the page tree, shared by the demo content and the tests."""

import datetime

from django.db import transaction
from wagtail.models import Locale, Page, Site

from solidarity.core.pages import add_page, publish

from .models import ArticleIndexPage, ArticlePage, HomePage, ObjectivesPage, StandardPage


def locale(code):
    return Locale.objects.get_or_create(language_code=code)[0]


@transaction.atomic
def make_site(*, title="International Alliance in Support of Workers in Iran", mission="<p>Worker-to-worker solidarity.</p>", hostname="localhost", port=80):
    """An English home page as the default site's root, replacing Wagtail's welcome page."""
    en = locale("en")
    locale("fa")
    root = Page.get_first_root_node()
    # Wagtail's "Welcome to your new Wagtail site!" page is not ours (its Site goes with it).
    for page in root.get_children().exact_type(Page):
        page.delete()
    home = HomePage.objects.filter(locale=en).first()
    if home is None:
        home = HomePage(title=title, slug="home", mission=mission, locale=en)
        root.add_child(instance=home)
        publish(home)
    Site.objects.exclude(root_page=home).delete()
    site, _ = Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, "hostname": hostname, "port": port, "site_name": title},
    )
    return home


def make_standard_page(parent, *, title, slug, intro="", body=None, show_in_menus=True):
    return add_page(parent, StandardPage(title=title, slug=slug, intro=intro, body=body or [], show_in_menus=show_in_menus))


def make_objectives_page(parent, *, title, slug, intro="", objectives=()):
    page = ObjectivesPage(
        title=title, slug=slug, intro=intro, show_in_menus=True,
        objectives=[("objective", text) for text in objectives],
    )
    return add_page(parent, page)


def make_article_index(parent, *, title="News", slug="news", intro=""):
    return add_page(parent, ArticleIndexPage(title=title, slug=slug, intro=intro, show_in_menus=True))


def make_article(index, *, title, date=None, summary="", body=None, article_type="news", slug=None, tags=(), publish_now=True):
    from django.utils.text import slugify

    article = ArticlePage(
        title=title,
        slug=slug or slugify(title, allow_unicode=True)[:80] or "article",
        date=date or datetime.date(2012, 5, 28),
        summary=summary or title,
        body=body if body is not None else [("paragraph", f"<p>{title}</p>")],
        article_type=article_type,
        live=publish_now,
    )
    index.add_child(instance=article)
    for tag in tags:
        article.tags.add(tag)
    if publish_now:
        return publish(article)
    article.save_revision()
    return article


def translate(page, language_code, *, publish_now=True, **fields):
    """The page's translation into another language, with its own text, published.

    Parents are translated first as Wagtail needs them; this is the same copy that
    wagtail-localize makes when a translator starts a translation.
    """
    target = locale(language_code)
    translation = page.get_translation_or_none(target)
    if translation is None:
        translation = page.specific.copy_for_translation(target, copy_parents=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    if publish_now:
        return publish(translation)
    translation.save_revision()
    return translation


def make_document(*, title, filename, content):
    """A Wagtail document holding `content` (bytes), with its size and hash set as an upload would."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title, file=ContentFile(content, name=filename))
    document._set_document_file_metadata()
    document.save()
    return document


def make_image(*, title, filename, content):
    """A Wagtail image from encoded image bytes (PNG, JPEG...)."""
    import io

    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    image = get_image_model()(title=title, file=ImageFile(io.BytesIO(content), name=filename))
    image._set_image_file_metadata()
    image.save()
    return image
