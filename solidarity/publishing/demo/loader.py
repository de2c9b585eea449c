"""Builds the demo site from the texts in `pages`, `articles` and `legacy`.

Idempotent: every page is looked up by its slug under its parent, every translation through its
original, every file by its title; only what is missing is created, so a second run creates nothing
and a page deleted by hand comes back on the next run.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from solidarity.contact.models import ContactPage  # the contact app owns its page type; the demo fills it in

from .. import factories
from ..models import ArticleAttachment, ArticlePage, HomeFeature, HomePage, RelatedArticle, SiteIdentity
from . import pages
from .articles import ARTICLES
from .files import FILES

LANGUAGES = ("en", "fa")




def site_address():
    """The default site's host and port, from SITE_URL, so absolute links (canonical, feeds,
    sitemap) point where the site is served."""
    url = urlsplit(settings.SITE_URL)
    return {"hostname": url.hostname or "localhost", "port": url.port or (443 if url.scheme == "https" else 80)}

class DemoLoader:
    def __init__(self):
        self.created = []  # pages, files and settings made by this run
        self.files = {}
        self.indexes = {}  # language -> article index page
        self.unpublished = []  # (page, article spec): published once their related articles exist

    # Pages -------------------------------------------------------------------------------------

    def child(self, parent, slug):
        page = parent.get_children().filter(slug=slug).first()
        return page.specific if page else None

    def translation(self, page, language, fields):
        existing = page.get_translation_or_none(factories.locale(language))
        if existing is not None:
            return existing.specific
        translation = factories.translate(page, language, **fields)
        self.created.append(translation)
        return translation

    def site_pages(self):
        home = HomePage.objects.filter(locale=factories.locale("en")).first()
        if home is None:
            en = pages.HOME["en"]
            home = factories.make_site(title=en["title"], mission=en["mission"], **site_address())
            home.body = en["body"]
            home = factories.publish(home)
            self.created.append(home)
        else:
            home = factories.make_site(**site_address())  # makes sure it is the default site's root
        self.translation(home, "fa", pages.HOME["fa"])

        about = self.child(home, pages.ABOUT["slug"])
        if about is None:
            about = factories.make_standard_page(home, slug=pages.ABOUT["slug"], **pages.ABOUT["en"])
            self.created.append(about)
        self.translation(about, "fa", pages.ABOUT["fa"])

        objectives = self.child(home, pages.OBJECTIVES["slug"])
        if objectives is None:
            objectives = factories.make_objectives_page(home, slug=pages.OBJECTIVES["slug"], **pages.OBJECTIVES["en"])
            self.created.append(objectives)
        fa = pages.OBJECTIVES["fa"]
        self.translation(objectives, "fa", {
            "title": fa["title"], "intro": fa["intro"],
            "objectives": [("objective", text) for text in fa["objectives"]],
        })

        self.contact_page(home)

        news = self.child(home, pages.NEWS_INDEX["slug"])
        if news is None:
            news = factories.make_article_index(home, slug=pages.NEWS_INDEX["slug"], **pages.NEWS_INDEX["en"])
            self.created.append(news)
        self.indexes = {"en": news, "fa": self.translation(news, "fa", pages.NEWS_INDEX["fa"])}
        return home

    def contact_page(self, home):
        contact = self.child(home, pages.CONTACT["slug"])
        if contact is None:
            contact = factories.add_page(home, ContactPage(slug=pages.CONTACT["slug"], show_in_menus=True, **pages.CONTACT["en"]))
            self.created.append(contact)
        self.translation(contact, "fa", pages.CONTACT["fa"])

    # Files -------------------------------------------------------------------------------------

    def file(self, key):
        if key not in self.files:
            kind, title, filename, make_bytes = FILES[key]
            model = get_image_model() if kind == "image" else get_document_model()
            found = model.objects.filter(title=title).order_by("pk").first()
            if found is None:
                builder = factories.make_image if kind == "image" else factories.make_document
                found = builder(title=title, filename=filename, content=make_bytes())
                self.created.append(found)
            self.files[key] = found
        return self.files[key]

    def body(self, blocks):
        resolved = []
        for kind, value in blocks:
            if kind in ("image", "document"):
                value = {**value, kind: self.file(value[kind])}
            resolved.append((kind, value))
        return resolved

    # Articles ----------------------------------------------------------------------------------

    def article(self, spec, language, original=None):
        index = self.indexes[language]
        text = spec[language]
        if original is not None:
            existing = original.get_translation_or_none(index.locale)
            if existing is not None:
                return existing.specific
            # A copy keeps the original's slug and links the two as translations of each other.
            page = original.copy_for_translation(index.locale, copy_parents=True).specific
        else:
            existing = self.child(index, spec["slug"])
            if existing is not None:
                return existing
            page = ArticlePage(slug=spec["slug"], live=False)
        page.article_type = spec["type"]
        page.date = spec["date"]
        page.title = text["title"]
        page.draft_title = text["title"]
        page.summary = text["summary"]
        page.body = self.body(text["body"])
        page.attachments = [
            ArticleAttachment(document=self.file(key), title=titles[language])
            for key, titles in spec.get("attachments", [])
        ]
        page.related_links = []
        if original is None:
            index.add_child(instance=page)
        page.tags.set(spec["tags"][language])
        page.save()
        self.created.append(page)
        self.unpublished.append((page, spec))
        return page

    def articles(self):
        for spec in ARTICLES:
            languages = [language for language in LANGUAGES if language in spec]
            original = self.article(spec, languages[0])
            for language in languages[1:]:
                self.article(spec, language, original=original)
        # Related articles point to pages in the same language, so they come once all exist.
        for page, spec in self.unpublished:
            page.related_links = [
                RelatedArticle(article=related)
                for slug in spec.get("related", [])
                if (related := self.child(self.indexes[page.locale.language_code], slug)) is not None
            ]
            factories.publish(page)

    def site_identity(self):
        identity = SiteIdentity.load()
        if not identity.contact_email:
            identity.contact_email = pages.CONTACT_EMAIL
            identity.save(update_fields=["contact_email"])
            self.created.append(identity)
        if not identity.logo_id:
            # The alliance's mark, drawn: a logo and the browser tab's icon, and its two colours.
            identity.logo = self.drawn_image("Demo: the alliance's mark", "logo.png", (160, 160))
            identity.favicon = self.drawn_image("Demo: the alliance's tab icon", "favicon.png", (64, 64))
            identity.accent_colour = "#a8201a"
            identity.dark_colour = "#3b0a08"
            identity.save(update_fields=["logo", "favicon", "accent_colour", "dark_colour"])

    def drawn_image(self, title, filename, size):
        from solidarity.core.preview import draw_illustration

        found = get_image_model().objects.filter(title=title).order_by("pk").first()
        if found is None:
            found = factories.make_image(title=title, filename=filename, content=draw_illustration(motif="mark", size=size))
            self.created.append(found)
        return found

    @transaction.atomic
    def load(self):
        self.site_pages()
        self.articles()
        self.site_identity()
        return self.created


def load():
    """Creates whatever part of the demo site is missing; returns what it created."""
    return DemoLoader().load()


@transaction.atomic
def feature_on_home():
    """Once the other demos have loaded: the home page in each language features the demo's
    urgent action and the case it is about (an editor's choice; without it the latest open
    action would be featured alone)."""
    from solidarity.campaigns.models import Campaign
    from solidarity.cases.models import Case

    campaign = Campaign.objects.filter(slug="free-the-bus-drivers-demo").first()
    case = Case.objects.filter(slug="kamran-sadeghpour", is_public=True).first()
    for home in HomePage.objects.all():
        if home.features.exists() or campaign is None:
            continue
        home.features = [HomeFeature(campaign=campaign)] + ([HomeFeature(case=case)] if case else [])
        factories.publish(home)
